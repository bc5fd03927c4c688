/**
 * chart.js set up once for print and screen: only the parts the charts use are registered, every
 * animation is off (a printer must never catch a half-drawn chart), text uses the bundled Noto
 * fonts, and canvases render at 3× so printed charts stay sharp.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
);

export const FONT_FAMILY = '"Noto Sans", "Noto Sans SC", sans-serif';
/** Backing-store scale of chart canvases: 3 device pixels per CSS pixel ≈ 290 dpi on paper. */
export const PIXEL_RATIO = 3;
/** Colour of chart text and of marks drawn like text (error whiskers). */
export const INK = '#3b4754';

Chart.defaults.animation = false;
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.font.size = 11;
Chart.defaults.color = INK;
Chart.defaults.borderColor = '#e3e8ee';
Chart.defaults.devicePixelRatio = PIXEL_RATIO;
Chart.defaults.plugins.legend.labels.boxWidth = 14;
Chart.defaults.plugins.legend.labels.boxHeight = 2;

/** Colours of series, in order: blue, orange, teal, purple, grey (distinguishable in greyscale print too). */
export const PALETTE = ['#1f5fae', '#d9782d', '#2a9d8f', '#7b5ea7', '#7a8794'] as const;
export const MUTED = '#9aa5b1';
export const ALERT = '#c2410c';

/** The palette colour for series `i`. */
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/**
 * Loads the bundled fonts for `texts` before a chart draws them: a canvas does not redraw when a
 * font arrives later, and the fonts are split by Unicode range, so each range must be asked for.
 */
export async function loadChartFonts(texts: readonly string[]): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const sample = Array.from(new Set([...texts.join(''), ...'0123456789.,−-%()'])).join('');
  const faces = ['400 11px "Noto Sans"', '700 11px "Noto Sans"'];
  // CJK ideographs, punctuation and full-width forms come from Noto Sans SC.
  if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(sample))
    faces.push('400 11px "Noto Sans SC"', '700 11px "Noto Sans SC"');
  await Promise.all(faces.map((face) => document.fonts.load(face, sample).catch(() => [])));
}

export { Chart };
