/**
 * The curves of a binary model (SPEC §6: ROC, precision–recall, calibration) as chart series, with
 * their reference lines, for the report and the wizard's Results step alike. Points are in the unit
 * square; long curves are thinned for drawing (see `thinCurve`).
 */
import type { Baseline, BinaryMetrics } from '../../../shared/model/metrics';
import type { Curve } from '../lib/charts/types';
import { fixed, percent, t } from '../lib/i18n.svelte';
import { thinCurve } from '../lib/metrics';

const diagonal = (label: string): Curve => ({
  label,
  points: [
    { x: 0, y: 0 },
    { x: 1, y: 1 },
  ],
  reference: true,
});

/** Share of positives among the test rows (the precision of guessing), in [0, 1]. */
export function prevalence(m: BinaryMetrics): number {
  const c = m.confusion;
  const n = c.tp + c.fp + c.tn + c.fn;
  return n > 0 ? (c.tp + c.fn) / n : 0;
}

/**
 * ROC curves: the model's, each binary baseline's with a curve (not the majority class, whose
 * curve is the diagonal), and the chance diagonal.
 */
export function rocCurves(m: BinaryMetrics, baselines: readonly Baseline[]): Curve[] {
  const curves: Curve[] = [
    { label: t('report.results.rocLegend', { auc: fixed(m.rocAuc) }), points: thinCurve(m.rocCurve) },
  ];
  for (const b of baselines) {
    if (b.metrics.task === 'binary' && b.name !== 'majority_class' && b.metrics.rocCurve.length > 1)
      curves.push({
        label: `${t(`report.baseline.${b.name}`)} (${fixed(b.metrics.rocAuc)})`,
        points: thinCurve(b.metrics.rocCurve),
      });
  }
  curves.push(diagonal(t('report.results.chance')));
  return curves;
}

/** The precision–recall curve and the prevalence line (the precision of guessing). */
export function prCurves(m: BinaryMetrics): Curve[] {
  const rate = prevalence(m);
  return [
    { label: t('report.results.prLegend', { auc: fixed(m.prAuc) }), points: thinCurve(m.prCurve) },
    {
      label: t('report.results.prevalence', { rate: percent(rate) }),
      points: [
        { x: 0, y: rate },
        { x: 1, y: rate },
      ],
      reference: true,
    },
  ];
}

/** The calibration curve (mean predicted probability vs. observed rate per bin) and the diagonal. */
export function calibrationCurves(m: BinaryMetrics): Curve[] {
  return [
    { label: t('report.results.model'), points: m.calibrationCurve ?? [] },
    diagonal(t('report.results.perfect')),
  ];
}
