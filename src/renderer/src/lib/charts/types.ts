/** Data shapes the chart components take. */

/** One line of a `LineChart`, one y value per x. */
export interface LineSeries {
  label: string;
  data: (number | null)[];
  color?: string;
  dashed?: boolean;
}

/** One curve of a `CurveChart`, in the unit square. */
export interface Curve {
  label: string;
  points: { x: number; y: number }[];
  color?: string;
  /** A reference line: thin, dashed, grey. */
  reference?: boolean;
  /** Draw as steps (precision–recall) rather than straight segments. */
  stepped?: boolean;
}
