/** Train / validation / test split with a recorded seed (SPEC §5), duplicate rows kept together. */
import { UserError } from '../../shared/errors';
import type { Frame } from '../data/frame';
import { createRng, shuffleInPlace } from '../rng';

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

/**
 * Row indices of each split, each ascending. String labels (classification) are stratified: every
 * class is shuffled with the seeded generator and cut in the given proportions (rounded per class;
 * the training split gets the remainder, so a class with one row goes to training). Numeric labels
 * (regression) get one seeded shuffle of all rows. Rows whose label is null or NaN are in no split.
 * Fractions are relative weights; they need not sum to 1.
 *
 * With `groups` (a group id per row, e.g. from {@link duplicateGroups}), rows sharing an id always
 * go to the same split: the groups of a class are shuffled and dealt out instead of its rows. A
 * group goes to test (then validation) while that split's count plus half the group stays within
 * the class's target, and never so that the class would have no training row; everything else goes
 * to training. Without duplicates (all groups of one row) this is exactly the row-wise split, with
 * the same seed giving the same rows; with large groups the fractions hold approximately. Rows
 * sharing an id must share a label (true for `duplicateGroups`, whose key includes the label).
 */
export function stratifiedSplit(
  labels: (string | null)[] | (number | null)[],
  fractions: SplitFractions,
  seed: number,
  groups?: ArrayLike<number>,
): SplitIndices {
  const total = fractions.train + fractions.validation + fractions.test;
  const fVal = fractions.validation / total;
  const fTest = fractions.test / total;
  // Per class: its groups of rows, in order of first appearance.
  const strata = new Map<string, number[][]>();
  const groupOf = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (label === null || (typeof label === 'number' && !Number.isFinite(label))) return;
    const key = typeof label === 'string' ? label : '';
    let s = strata.get(key);
    if (!s) strata.set(key, (s = []));
    if (groups === undefined) {
      s.push([i]);
      return;
    }
    const id = groups[i]!;
    const g = groupOf.get(id);
    if (g) g.push(i);
    else {
      const fresh = [i];
      groupOf.set(id, fresh);
      s.push(fresh);
    }
  });
  const rng = createRng(seed);
  const out: SplitIndices = { train: [], validation: [], test: [] };
  const keys = [...strata.keys()].sort();
  for (const key of keys) {
    const deal = shuffleInPlace(strata.get(key)!, rng) as number[][];
    let n = 0;
    for (const g of deal) n += g.length;
    let nTest = Math.round(n * fTest);
    let nVal = Math.round(n * fVal);
    // Keep at least one training row per class.
    while (nTest + nVal > n - 1 && (nTest > 0 || nVal > 0)) {
      if (nTest >= nVal && nTest > 0) nTest--;
      else nVal--;
    }
    let inTest = 0;
    let inVal = 0;
    for (const g of deal) {
      const size = g.length;
      const fits = inTest + inVal + size <= n - 1;
      let into = out.train;
      if (fits && inTest + size / 2 <= nTest) {
        into = out.test;
        inTest += size;
      } else if (fits && inVal + size / 2 <= nVal) {
        into = out.validation;
        inVal += size;
      }
      // Loops, not push(...g): spreading millions of rows overflows the call stack.
      for (const r of g) into.push(r);
    }
  }
  const asc = (a: number, b: number) => a - b;
  out.train.sort(asc);
  out.validation.sort(asc);
  out.test.sort(asc);
  return out;
}

/**
 * A group id per row of `frame` (rows × 1): rows whose cells in `columns` are all equal (the model's
 * feature columns and the target, so exact duplicate examples) share an id; ids count from 0 in
 * order of first appearance. Cells compare by type and value (`1` ≠ `"1"`, missing = missing).
 * @throws UserError COLUMN_NOT_FOUND {column, columns} for a column not in the frame.
 */
export function duplicateGroups(frame: Frame, columns: string[]): Int32Array {
  const byName = new Map(frame.columns.map((c) => [c.name, c]));
  const cols = columns.map((name) => {
    const col = byName.get(name);
    if (!col)
      throw new UserError('COLUMN_NOT_FOUND', { column: name, columns: frame.columns.map((c) => c.name).join(', ') });
    return col.values;
  });
  const ids = new Int32Array(frame.rowCount);
  const seen = new Map<string, number>();
  const parts: string[] = new Array<string>(cols.length);
  for (let r = 0; r < frame.rowCount; r++) {
    for (let j = 0; j < cols.length; j++) {
      const v = cols[j]![r];
      // Type tag and length prefix: 1 and "1" differ, and no cell's text can mimic a boundary.
      const text = v === null || v === undefined ? '' : String(v);
      parts[j] = `${v === null || v === undefined ? 'n' : (typeof v)[0]}${text.length}:${text}`;
    }
    const key = parts.join('');
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    ids[r] = id;
  }
  return ids;
}
