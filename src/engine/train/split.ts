/** Train / validation / test split with a recorded seed (SPEC §5). */
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
 */
export function stratifiedSplit(
  labels: (string | null)[] | (number | null)[],
  fractions: SplitFractions,
  seed: number,
): SplitIndices {
  const total = fractions.train + fractions.validation + fractions.test;
  const fVal = fractions.validation / total;
  const fTest = fractions.test / total;
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    if (label === null || (typeof label === 'number' && !Number.isFinite(label))) return;
    const key = typeof label === 'string' ? label : '';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  const rng = createRng(seed);
  const out: SplitIndices = { train: [], validation: [], test: [] };
  const keys = [...groups.keys()].sort();
  for (const key of keys) {
    const idx = shuffleInPlace(groups.get(key)!, rng) as number[];
    const n = idx.length;
    let nTest = Math.round(n * fTest);
    let nVal = Math.round(n * fVal);
    // Keep at least one training row per class.
    while (nTest + nVal > n - 1 && (nTest > 0 || nVal > 0)) {
      if (nTest >= nVal && nTest > 0) nTest--;
      else nVal--;
    }
    // Loops, not push(...slice): spreading millions of rows overflows the call stack.
    for (let j = 0; j < n; j++) (j < nTest ? out.test : j < nTest + nVal ? out.validation : out.train).push(idx[j]!);
  }
  const asc = (a: number, b: number) => a - b;
  out.train.sort(asc);
  out.validation.sort(asc);
  out.test.sort(asc);
  return out;
}
