/**
 * An in-memory table of the cleaned data, column by column, as the training, metrics, fairness and
 * privacy code consume it. Values are plain cells: numbers, strings, booleans, ISO date strings,
 * null for missing.
 */
import type { Cell, ColumnType } from '../../shared/model/data';

export interface FrameColumn {
  name: string;
  type: ColumnType;
  values: Cell[];
}

export interface Frame {
  rowCount: number;
  columns: FrameColumn[];
}

/** The column called `name`. @throws Error when absent (callers validate user input first). */
export function getColumn(frame: Frame, name: string): FrameColumn {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) throw new Error(`column ${name} not in frame`);
  return col;
}

/** Rows `indices` of the frame, as a new frame. */
export function takeRows(frame: Frame, indices: ArrayLike<number>): Frame {
  return {
    rowCount: indices.length,
    columns: frame.columns.map((c) => ({
      ...c,
      values: Array.from(indices, (i) => c.values[i] ?? null),
    })),
  };
}

/** Whether a column type is numeric for modelling. */
export function isNumericType(type: ColumnType): boolean {
  return type === 'integer' || type === 'float';
}
