/** Small chart.js plugins drawn on the canvas: dashed reference lines with a label, error whiskers. */
import type { Chart, Plugin } from 'chart.js';
import { FONT_FAMILY } from './setup';

export interface ReferenceLine {
  /** Value on the scale `axis` where the line is drawn. */
  value: number;
  /** `x`: a vertical line at x = value; `y`: a horizontal line at y = value. */
  axis: 'x' | 'y';
  label: string;
  color: string;
}

/**
 * Draws each line across the plot area, dashed, with its label: above the plot for vertical lines
 * (give the chart `layout.padding.top` ≥ 16), at the right end for horizontal ones.
 */
export function referenceLines(lines: readonly ReferenceLine[]): Plugin {
  return {
    id: 'modelwiseReferenceLines',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, chartArea } = chart;
      for (const line of lines) {
        const scale = chart.scales[line.axis];
        if (!scale) continue;
        const at = scale.getPixelForValue(line.value);
        ctx.save();
        ctx.strokeStyle = line.color;
        ctx.fillStyle = line.color;
        ctx.lineWidth = 1.25;
        ctx.setLineDash([5, 4]);
        ctx.beginPath();
        if (line.axis === 'x') {
          ctx.moveTo(at, chartArea.top);
          ctx.lineTo(at, chartArea.bottom);
        } else {
          ctx.moveTo(chartArea.left, at);
          ctx.lineTo(chartArea.right, at);
        }
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = `10px ${FONT_FAMILY}`;
        if (line.axis === 'x') {
          const right = at + 4 + ctx.measureText(line.label).width < chartArea.right;
          ctx.textAlign = right ? 'left' : 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(line.label, right ? at + 4 : at - 4, chartArea.top - 3);
        } else {
          ctx.textAlign = 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(line.label, chartArea.right - 2, at - 2);
        }
        ctx.restore();
      }
    },
  };
}

/**
 * Draws a whisker value ± `errors[i]` across bar i of the first dataset of a horizontal bar chart
 * (`indexAxis: 'y'`), e.g. ± one standard deviation over repeats. Bars without an error get none.
 */
export function errorBars(errors: readonly (number | null)[], color: string): Plugin {
  return {
    id: 'modelwiseErrorBars',
    afterDatasetsDraw(chart: Chart) {
      const { ctx } = chart;
      const x = chart.scales.x;
      const meta = chart.getDatasetMeta(0);
      const values = chart.data.datasets[0]?.data ?? [];
      if (!x) return;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.25;
      meta.data.forEach((bar, i) => {
        const error = errors[i];
        const value = values[i];
        if (error === null || error === undefined || typeof value !== 'number' || !(error > 0)) return;
        const y = bar.y;
        const half = 5;
        const low = x.getPixelForValue(value - error);
        const high = x.getPixelForValue(value + error);
        ctx.beginPath();
        ctx.moveTo(low, y);
        ctx.lineTo(high, y);
        for (const at of [low, high]) {
          ctx.moveTo(at, y - half);
          ctx.lineTo(at, y + half);
        }
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}
