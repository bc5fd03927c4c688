/**
 * Augmentation (SPEC §3) and the duplicate-aware split: derived features on every split, class
 * rebalancing and noise on the training matrix only, SMOTE / SMOTE-NC geometry checked against a
 * brute-force neighbour search written here, and a pipeline run proving that validation and test
 * hold only original rows. Real-data quality with SMOTE is in augment.quality.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Frame, FrameColumn } from '../../src/engine/data/frame';
import { createRng } from '../../src/engine/rng';
import { augmentTraining, featureLayout, smoteRows } from '../../src/engine/train/augment';
import { applyDerived, datePart, planDerived, withDerivedFeatures } from '../../src/engine/train/features';
import { trainAndEvaluate } from '../../src/engine/train/pipeline';
import type { Matrix } from '../../src/engine/train/preprocess';
import { fitPreprocessing, transform } from '../../src/engine/train/preprocess';
import { duplicateGroups, stratifiedSplit } from '../../src/engine/train/split';
import { UserError } from '../../src/shared/errors';
import type { Cell } from '../../src/shared/model/data';
import { AugmentationStepSchema } from '../../src/shared/model/recipe';
import type { AugmentationStep } from '../../src/shared/model/recipe';
import type { FeatureSpec, Preprocessing } from '../../src/shared/model/train';
import { PreprocessingSchema } from '../../src/shared/model/train';

const col = (name: string, type: FrameColumn['type'], values: Cell[]): FrameColumn => ({ name, type, values });
const steps = (s: AugmentationStep[]) => s.map((x) => AugmentationStepSchema.parse(x));

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

/** Bytes of row i of a matrix, as hex: equal keys ⇔ byte-identical feature vectors. */
const rowKey = (m: Matrix, i: number) =>
  Buffer.from(m.x.buffer, m.x.byteOffset + i * m.cols * 4, m.cols * 4).toString('hex');
const row = (m: Matrix, i: number) => Array.from(m.x.subarray(i * m.cols, (i + 1) * m.cols));

describe('duplicate-aware split', () => {
  const labels: (string | null)[] = [...Array(700).fill('a'), ...Array(300).fill('b'), null, null];
  const fractions = { train: 0.7, validation: 0.15, test: 0.15 };

  it('with every row its own group, is exactly the row-wise split', () => {
    const singles = Int32Array.from(labels, (_, i) => i);
    for (const seed of [1, 42, 7]) {
      expect(stratifiedSplit(labels, fractions, seed, singles)).toEqual(stratifiedSplit(labels, fractions, seed));
    }
  });

  it('keeps each group in one split, stratified, seeded, with fractions close to the target', () => {
    // Groups of 1–6 rows, all rows of a group in one class.
    const rng = createRng(5);
    const groups = new Int32Array(labels.length);
    let id = 0;
    for (let i = 0; i < labels.length;) {
      const size = 1 + rng.int(6);
      for (let j = 0; j < size && i < labels.length && (j === 0 || labels[i] === labels[i - 1]); j++) groups[i++] = id;
      id++;
    }
    const s = stratifiedSplit(labels, fractions, 42, groups);
    const where = new Map<number, string>();
    for (const [name, rows] of Object.entries(s))
      for (const r of rows as number[]) {
        const prev = where.get(groups[r]!);
        expect(prev === undefined || prev === name, `group ${groups[r]} in ${prev} and ${name}`).toBe(true);
        where.set(groups[r]!, name);
      }
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    for (const label of ['a', 'b']) {
      const n = labels.filter((l) => l === label).length;
      const count = (rows: number[]) => rows.filter((r) => labels[r] === label).length;
      // Within half the largest group (3 rows) of the per-class target.
      expect(Math.abs(count(s.test) - 0.15 * n)).toBeLessThanOrEqual(3);
      expect(Math.abs(count(s.validation) - 0.15 * n)).toBeLessThanOrEqual(3);
    }
    expect(stratifiedSplit(labels, fractions, 42, groups)).toEqual(s);
    expect(stratifiedSplit(labels, fractions, 43, groups).test).not.toEqual(s.test);
  });

  it('never leaves a class without a training row', () => {
    // Class "x" is four copies of one row plus a pair: neither may take all of it out of training.
    const ls = ['x', 'x', 'x', 'x', 'x', 'x', ...Array(20).fill('y')];
    const groups = Int32Array.from(ls, (_, i) => (i < 4 ? 0 : i < 6 ? 1 : i));
    for (let seed = 0; seed < 20; seed++) {
      const s = stratifiedSplit(ls, { train: 0.4, validation: 0.3, test: 0.3 }, seed, groups);
      expect(s.train.some((r) => r < 6)).toBe(true);
    }
  });

  it('groups rows equal in every given column, telling 1 from "1" and missing from ""', () => {
    const frame: Frame = {
      rowCount: 6,
      columns: [
        col('a', 'categorical', [1, '1', 1, null, '', null]),
        col('b', 'float', [2, 2, 2, 3, 3, 3]),
        col('id', 'identifier', ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']),
      ],
    };
    expect(Array.from(duplicateGroups(frame, ['a', 'b']))).toEqual([0, 1, 0, 2, 3, 2]);
    expect(new Set(duplicateGroups(frame, ['a', 'b', 'id'])).size).toBe(6);
    expect(thrown(() => duplicateGroups(frame, ['nope'])).code).toBe('COLUMN_NOT_FOUND');
  });
});

describe('derived features (cross, date parts)', () => {
  const frame: Frame = {
    rowCount: 5,
    columns: [
      col('income', 'float', [100, 50, null, 80, 30]),
      col('debt', 'integer', [20, 0, 10, 40, 10]),
      col('opened', 'date', ['2024-02-29', '2023-12-31', null, '2021-01-04', '2020-07-15']),
      col('kind', 'categorical', ['a', 'b', 'a', 'b', 'a']),
      col('y', 'categorical', ['no', 'yes', 'no', 'yes', 'no']),
    ],
  };
  const features = ['income', 'debt', 'opened', 'kind'];
  const aug = steps([
    { op: 'cross', a: 'income', b: 'debt', kind: 'product' },
    { op: 'cross', a: 'income', b: 'debt', kind: 'ratio' },
    { op: 'date_parts', column: 'opened', parts: ['year', 'month', 'day', 'weekday'] },
    { op: 'smote' },
  ]);

  it('computes products, ratios (missing for a zero or missing denominator) and calendar parts per row', () => {
    const { derived, messages } = planDerived(frame, aug, features);
    expect(derived.map((d) => d.name)).toEqual([
      'income×debt',
      'income÷debt',
      'opened.year',
      'opened.month',
      'opened.day',
      'opened.weekday',
    ]);
    expect(messages.map((m) => m.key)).toEqual(['augment.cross.product', 'augment.cross.ratio', 'augment.datePart']);
    const f = applyDerived(frame, derived);
    const values = (name: string) => f.columns.find((c) => c.name === name)!.values;
    expect(values('income×debt')).toEqual([2000, 0, null, 3200, 300]);
    expect(values('income÷debt')).toEqual([5, null, null, 2, 3]);
    expect(values('opened.year')).toEqual([2024, 2023, null, 2021, 2020]);
    expect(values('opened.month')).toEqual([2, 12, null, 1, 7]);
    expect(values('opened.day')).toEqual([29, 31, null, 4, 15]);
    // 2024-02-29 Thursday, 2023-12-31 Sunday, 2021-01-04 Monday, 2020-07-15 Wednesday.
    expect(values('opened.weekday')).toEqual([4, 0, null, 1, 3]);
    expect(datePart('2024-02-29T23:59:00', 'day')).toBe(29);
    // Applying twice changes nothing; the source columns are untouched.
    expect(applyDerived(f, derived)).toEqual(f);
    expect(f.columns.slice(0, 5)).toEqual(frame.columns);
    // A chosen date_parts set replaces the date column's default expansion.
    expect(withDerivedFeatures(features, derived)).toEqual(['income', 'debt', 'kind', ...derived.map((d) => d.name)]);
  });

  it('are fitted on training rows, saved with the preprocessing and recreated by transform on new data', () => {
    const { derived } = planDerived(frame, aug, features);
    const train = [0, 1, 3];
    const prep: Preprocessing = fitPreprocessing(
      applyDerived(frame, derived),
      train,
      withDerivedFeatures(features, derived),
      'y',
      'binary',
      ['no', 'yes'],
      { topK: 5 },
    );
    prep.derived = derived;
    const ratio = prep.features.find((s) => s.column === 'income÷debt')! as Extract<FeatureSpec, { kind: 'numeric' }>;
    // Training ratios 5, (missing), 2 → median fill 3.5, mean (5 + 3.5 + 2)/3.
    expect(ratio).toMatchObject({ kind: 'numeric', fill: 3.5, mean: 3.5 });
    expect(prep.inputNames.filter((name) => name.startsWith('opened'))).toEqual([
      'opened.year',
      'opened.month',
      'opened.day',
      'opened.weekday',
    ]);
    // Saved and loaded (model package): the definitions survive.
    const loaded = PreprocessingSchema.parse(JSON.parse(JSON.stringify(prep)));
    expect(loaded.derived).toEqual(derived);
    // New data to score: raw columns only, no target, rows in another order.
    const fresh: Frame = {
      rowCount: 2,
      columns: frame.columns.filter((c) => c.name !== 'y').map((c) => ({ ...c, values: [c.values[4]!, c.values[2]!] })),
    };
    const m = transform(fresh, [0, 1], loaded);
    const reference = transform(frame, [4, 2], prep);
    expect(Array.from(m.x)).toEqual(Array.from(reference.x));
    const at = prep.inputNames.indexOf('income÷debt');
    expect(m.x[at]).toBeCloseTo((3 - 3.5) / ratio.std, 5);
    // Row 2: missing income → missing ratio → training median.
    expect(m.x[m.cols + at]).toBeCloseTo(0, 6);
  });

  it('refuses crosses of non-numeric columns, dates that are not dates, left-out sources and name clashes', () => {
    const code = (s: AugmentationStep[], f = features, fr = frame) => thrown(() => planDerived(fr, steps(s), f));
    expect(code([{ op: 'cross', a: 'income', b: 'kind', kind: 'product' }]).params).toMatchObject({
      setting: 'augmentation',
      value: 'cross',
    });
    expect(code([{ op: 'date_parts', column: 'income', parts: ['year'] }]).code).toBe('SETTING_INVALID');
    expect(code([{ op: 'cross', a: 'income', b: 'debt', kind: 'ratio' }], ['income']).code).toBe('SETTING_INVALID');
    expect(code([{ op: 'cross', a: 'income', b: 'nope', kind: 'ratio' }]).code).toBe('COLUMN_NOT_FOUND');
    const clash: Frame = { ...frame, columns: [...frame.columns, col('opened.year', 'integer', [1, 2, 3, 4, 5])] };
    expect(code([{ op: 'date_parts', column: 'opened', parts: ['year'] }], features, clash).code).toBe(
      'SETTING_INVALID',
    );
  });
});

/** A matrix from rows of numbers (classification targets). */
function matrix(rows: number[][], y: number[]): Matrix {
  const cols = rows[0]!.length;
  return { x: Float32Array.from(rows.flat()), y: Float32Array.from(y), rows: rows.length, cols };
}

/** Preprocessing whose layout is `numeric` numeric columns then one-hot groups of the given widths. */
function layoutPrep(numeric: number, groups: number[], classes = ['maj', 'min']): Preprocessing {
  const features: Preprocessing['features'] = [];
  for (let i = 0; i < numeric; i++) features.push({ kind: 'numeric', column: `n${i}`, fill: 0, mean: 0, std: 1 });
  groups.forEach((w, g) =>
    features.push({
      kind: 'categorical',
      column: `c${g}`,
      categories: Array.from({ length: w }, (_, j) => `v${j}`),
      fill: 'v0',
      other: false,
    }),
  );
  const inputNames = features.flatMap((f) =>
    f.kind === 'numeric' ? [f.column] : f.categories.map((c) => `${f.column}=${c}`),
  );
  return { features, inputNames, target: 'y', task: classes.length ? 'binary' : 'regression', classes };
}

/** The k nearest other rows of `b` by plain Euclidean distance (brute force, written independently). */
function nearest(points: number[][], b: number, k: number): number[] {
  return points
    .map((p, i) => ({ i, d: p.reduce((s, v, j) => s + (v - points[b]![j]!) ** 2, 0) }))
    .filter((e) => e.i !== b)
    .sort((a, c) => a.d - c.d)
    .slice(0, k)
    .map((e) => e.i);
}

describe('SMOTE', () => {
  it('puts every synthetic row on the segment from its base row to one of its k nearest minority neighbours', () => {
    const rng = createRng(11);
    const points = Array.from({ length: 40 }, () => [rng.normal(), rng.normal() * 2, rng.normal() + 3]);
    const m = matrix(
      points,
      points.map(() => 1),
    );
    const minority = points.map((_, i) => i);
    const made = smoteRows(m.x, 3, minority, featureLayout(layoutPrep(3, [])), 5, 300, createRng(3));
    expect(made.k).toBe(5);
    const pairs = new Set<string>();
    for (let s = 0; s < 300; s++) {
      const b = made.base[s]!;
      const p = Array.from(made.x.subarray(s * 3, s * 3 + 3));
      const f32 = (v: number) => Math.fround(v);
      const on = nearest(points, b, 5).filter((n) => {
        const dir = points[n]!.map((v, j) => f32(v) - f32(points[b]![j]!));
        const j = dir.reduce((best, v, i) => (Math.abs(v) > Math.abs(dir[best]!) ? i : best), 0);
        const gap = (p[j]! - f32(points[b]![j]!)) / dir[j]!;
        const ok =
          gap >= -1e-6 &&
          gap <= 1 + 1e-6 &&
          p.every((v, i) => Math.abs(v - (f32(points[b]![i]!) + gap * dir[i]!)) < 1e-5);
        if (ok) pairs.add(`${b}-${n}`);
        return ok;
      });
      expect(on.length, `synthetic row ${s} is not between row ${b} and a neighbour`).toBeGreaterThan(0);
    }
    // Bases and neighbours are drawn at random: many different segments are used.
    expect(pairs.size).toBeGreaterThan(100);
  });

  it('caps k at the class size − 1', () => {
    const m = matrix([[0], [1], [3]], [1, 1, 1]);
    const made = smoteRows(m.x, 1, [0, 1, 2], featureLayout(layoutPrep(1, [])), 5, 50, createRng(1));
    expect(made.k).toBe(2);
    for (const v of made.x) expect(v >= 0 && v <= 3).toBe(true);
  });

  it('SMOTE-NC: categories by majority vote of the k neighbours, mismatches penalised by the median std', () => {
    // Two far-apart clusters of six minority rows (two numeric features, one 3-way category).
    // Every row's 5 neighbours are the rest of its cluster, whose majority is v1 in cluster 1
    // (v0, v1, v1, v1, v2, v1) and v2 in cluster 2 (v2, v2, v2, v0, v2, v2), whatever the base row.
    const cats1 = [0, 1, 1, 1, 2, 1];
    const cats2 = [2, 2, 2, 0, 2, 2];
    const rng = createRng(2);
    const rows: number[][] = [];
    const oneHot = (c: number) => [0, 1, 2].map((j) => (j === c ? 1 : 0));
    cats1.forEach((c) => rows.push([rng.next(), rng.next(), ...oneHot(c)]));
    cats2.forEach((c) => rows.push([100 + rng.next(), 100 + rng.next(), ...oneHot(c)]));
    const m = matrix(
      rows,
      rows.map(() => 1),
    );
    const layout = featureLayout(layoutPrep(2, [3]));
    expect(layout).toEqual({ numeric: [0, 1], groups: [{ offset: 2, width: 3 }] });
    const made = smoteRows(m.x, 5, [...rows.keys()], layout, 5, 200, createRng(4));
    for (let s = 0; s < 200; s++) {
      const r = Array.from(made.x.subarray(s * 5, s * 5 + 5));
      const first = made.base[s]! < 6;
      expect(r.slice(2)).toEqual(oneHot(first ? 1 : 2));
      expect(first ? r[0]! < 1 : r[0]! >= 100).toBe(true);
    }

    // The penalty changes who is nearest: from row 0 (category v0), row 1 is closer in numbers but
    // of category v1, row 2 is farther but of v0. The class's numeric stds are 0.8 and 7.79, their
    // median 4.30; its square (18.5) outweighs the gap (1 vs 2.25), so with k = 1 row 2 is the neighbour.
    const pen = matrix(
      [
        [0, 0, 1, 0],
        [1, 0, 0, 1],
        [0, 1.5, 1, 0],
        [0, 20, 1, 0],
        [2, 10, 1, 0],
      ],
      [1, 1, 1, 1, 1],
    );
    const penLayout = featureLayout(layoutPrep(2, [2]));
    const fromZero = smoteRows(pen.x, 4, [0, 1, 2, 3, 4], penLayout, 1, 400, createRng(9));
    let seen = 0;
    for (let s = 0; s < 400; s++) {
      if (fromZero.base[s] !== 0) continue;
      seen++;
      const r = Array.from(fromZero.x.subarray(s * 4, s * 4 + 4));
      expect(r[0]).toBe(0);
      expect(r[1]! >= 0 && r[1]! <= 1.5).toBe(true);
      expect(r.slice(2)).toEqual([1, 0]);
    }
    expect(seen).toBeGreaterThan(40);
  });
});

describe('augmentTraining', () => {
  // 80 "maj" rows around 0, 20 "min" rows around 3, one numeric feature and a 2-way category.
  const rng = createRng(8);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 100; i++) {
    const minority = i % 5 === 0;
    const c = rng.int(2);
    rows.push([(minority ? 3 : 0) + rng.normal(), c, 1 - c]);
    y.push(minority ? 1 : 0);
  }
  const train = matrix(rows, y);
  const prep = layoutPrep(1, [2]);

  it('oversamples minority rows with exact copies up to ⌊targetRatio × majority⌋', () => {
    const r = augmentTraining(train, prep, steps([{ op: 'oversample', targetRatio: 0.5 }]), 1);
    expect(r.matrix.rows).toBe(100 + 20);
    expect(r.added).toEqual([20]);
    expect(Array.from(r.matrix.x.subarray(0, 300))).toEqual(Array.from(train.x));
    const minorityKeys = new Set([...Array(100).keys()].filter((i) => y[i] === 1).map((i) => rowKey(train, i)));
    for (let i = 100; i < 120; i++) {
      expect(r.matrix.y[i]).toBe(1);
      expect(minorityKeys.has(rowKey(r.matrix, i))).toBe(true);
      expect(rowKey(train, r.parent[i]!)).toBe(rowKey(r.matrix, i));
    }
    expect(r.messages).toEqual([
      { key: 'augment.oversample', params: { added: 20, label: 'min', before: 20, after: 40 } },
    ]);
  });

  it('adds Gaussian noise of the given sigma to numeric features only, keeping labels', () => {
    const r = augmentTraining(train, prep, steps([{ op: 'gaussian_noise', sigma: 0.2, copies: 3 }]), 1);
    expect(r.matrix.rows).toBe(400);
    const diffs: number[] = [];
    for (let i = 100; i < 400; i++) {
      const p = r.parent[i]!;
      expect(r.matrix.y[i]).toBe(y[p]);
      expect(row(r.matrix, i).slice(1)).toEqual(rows[p]!.slice(1));
      diffs.push(r.matrix.x[i * 3]! - train.x[p * 3]!);
    }
    const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((a, b) => a + (b - mean) ** 2, 0) / diffs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(sd).toBeGreaterThan(0.17);
    expect(sd).toBeLessThan(0.23);
  });

  it('balances with SMOTE, logs class weights from the final counts, and is reproducible from the seed', () => {
    const s = steps([{ op: 'class_weights' }, { op: 'smote', targetRatio: 0.75 }]);
    const r = augmentTraining(train, prep, s, 7);
    expect(r.matrix.rows).toBe(100 + 40);
    expect(r.classWeights).toBe(true);
    // n / (K · n_c) on 140 rows: 140 / (2 · 80) and 140 / (2 · 60).
    expect(r.messages[0]).toEqual({ key: 'augment.classWeights', params: { weights: '"maj" 0.8750, "min" 1.1667' } });
    expect(r.messages[1]).toEqual({ key: 'augment.smote', params: { added: 40, label: 'min', k: 5 } });
    for (let i = 100; i < 140; i++) expect(y[r.parent[i]!]).toBe(1);
    const again = augmentTraining(train, prep, s, 7);
    expect(Buffer.from(again.matrix.x.buffer).equals(Buffer.from(r.matrix.x.buffer))).toBe(true);
    const other = augmentTraining(train, prep, s, 8);
    expect(Buffer.from(other.matrix.x.buffer).equals(Buffer.from(r.matrix.x.buffer))).toBe(false);
  });

  it('skips class rebalancing for regression and refuses a matrix too large to train on', () => {
    const reg = { ...prep, task: 'regression' as const, classes: [] };
    const r = augmentTraining(train, reg, steps([{ op: 'smote' }, { op: 'oversample' }]), 1);
    expect(r.matrix).toBe(train);
    expect(r.messages.map((m) => m.params.op)).toEqual(['smote', 'oversample']);
    const err = thrown(() => augmentTraining(train, prep, steps([{ op: 'gaussian_noise', copies: 1_000_000 }]), 1));
    expect(err.code).toBe('SETTING_INVALID');
  });
});

describe('pipeline: augmentation reaches the training split only', () => {
  // 300 rows: two numeric features, a date, a category, a 25 % "bad" class, and 20 planted groups of
  // three exact duplicates (same features and label, different id).
  const rng = createRng(17);
  const n = 300;
  const c: Record<string, Cell[]> = { id: [], x1: [], x2: [], day: [], kind: [], y: [] };
  for (let i = 0; i < n; i++) {
    const src = i >= 240 ? 200 + Math.floor((i - 240) / 3) : i;
    if (src !== i) {
      for (const k of Object.keys(c)) c[k]!.push(k === 'id' ? `r${i}` : c[k]![src]!);
      continue;
    }
    const x1 = rng.normal();
    const x2 = rng.normal();
    const kind = ['a', 'b', 'c'][rng.int(3)]!;
    c.id!.push(`r${i}`);
    c.x1!.push(x1);
    c.x2!.push(i % 17 === 0 ? null : x2);
    c.day!.push(`2023-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`);
    c.kind!.push(kind);
    c.y!.push(x1 + (kind === 'a' ? 0.8 : 0) + 0.5 * rng.normal() > 1 ? 'bad' : 'good');
  }
  const frame: Frame = {
    rowCount: n,
    columns: [
      col('id', 'identifier', c.id!),
      col('x1', 'float', c.x1!),
      col('x2', 'float', c.x2!),
      col('day', 'date', c.day!),
      col('kind', 'categorical', c.kind!),
      col('y', 'categorical', c.y!),
    ],
  };
  const settings = {
    target: 'y',
    seed: 5,
    maxEpochs: 2,
    hiddenLayers: [8],
    augmentation: [
      { op: 'cross' as const, a: 'x1', b: 'x2', kind: 'ratio' as const },
      { op: 'date_parts' as const, column: 'day', parts: ['month' as const, 'weekday' as const] },
      { op: 'oversample' as const, targetRatio: 0.5 },
      { op: 'smote' as const },
      { op: 'gaussian_noise' as const, sigma: 0.1 },
    ],
  };

  it('validation and test hold only original rows; training grew by the logged amounts; duplicates stay together', async () => {
    const r = await trainAndEvaluate(frame, settings, { positiveCandidates: ['bad'], bootstrapIterations: 0 });
    const { split, prep, train, validation, test, record } = r;
    expect(prep.inputNames).toEqual(
      expect.arrayContaining(['x1', 'x2', 'x1÷x2', 'day.month', 'day.weekday', 'kind=a']),
    );
    expect(prep.inputNames).not.toContain('day.year');

    // Every original row, transformed by the fitted preprocessing (derived features recomputed).
    const all = transform(frame, [...Array(n).keys()], prep);
    const originalKeys = new Map<string, number>();
    for (let i = 0; i < n; i++) originalKeys.set(rowKey(all, i), i);
    const expectOriginal = (m: Matrix, rows: number[]) => {
      expect(m.rows).toBe(rows.length);
      for (let i = 0; i < m.rows; i++) expect(rowKey(m, i)).toBe(rowKey(all, rows[i]!));
    };
    expectOriginal(validation, split.validation);
    expectOriginal(test, split.test);
    expect(r.testRows).toEqual(split.test);

    // No validation or test vector appears anywhere in the training matrix, original or added.
    const trainKeys = new Set<string>();
    for (let i = 0; i < train.rows; i++) trainKeys.add(rowKey(train, i));
    for (const m of [validation, test])
      for (let i = 0; i < m.rows; i++) expect(trainKeys.has(rowKey(m, i))).toBe(false);

    // Training: the original rows first, byte for byte, then the added rows, all made from training rows.
    expectOriginal({ ...train, rows: split.train.length }, split.train);
    const trainSet = new Set(split.train);
    for (const s of r.trainSource) expect(trainSet.has(s)).toBe(true);
    let synthetic = 0;
    for (let i = split.train.length; i < train.rows; i++) if (!originalKeys.has(rowKey(train, i))) synthetic++;
    expect(synthetic).toBeGreaterThan(0);

    // Grown by exactly the logged amounts: oversample to ½ the majority, SMOTE to all of it, noise ×2.
    const messages = record.augmentationMessages!;
    const added = messages.reduce((s, m) => s + (typeof m.params.added === 'number' ? m.params.added : 0), 0);
    expect(train.rows).toBe(split.train.length + added);
    expect(record.trainRows).toBe(train.rows);
    const good = split.train.filter((i) => c.y![i] === 'good').length;
    const bad = split.train.length - good;
    expect(messages.map((m) => m.key)).toEqual([
      'augment.cross.ratio',
      'augment.datePart',
      'augment.oversample',
      'augment.smote',
      'augment.noise',
    ]);
    expect(messages[2]!.params.added).toBe(Math.floor(good / 2) - bad);
    expect(messages[3]!.params.added).toBe(good - Math.floor(good / 2));
    expect(train.rows).toBe(4 * good);
    expect(record.augmentationLog[3]).toBe(
      `smote: +${messages[3]!.params.added} synthetic rows of class "bad" (k = 5)`,
    );

    // Planted duplicates: each group of three lies in one split.
    const splitOf = new Map<number, string>();
    for (const [name, rows] of Object.entries(split)) for (const i of rows as number[]) splitOf.set(i, name);
    for (let g = 0; g < 20; g++) {
      const members = [200 + g, 240 + 3 * g, 241 + 3 * g, 242 + 3 * g];
      expect(new Set(members.map((i) => splitOf.get(i))).size, `group of row ${200 + g}`).toBe(1);
    }

    // Same data, settings and seed → the same training matrix. Naming the identifier among the
    // features changes nothing: it is no feature, so it does not make duplicates distinct.
    const again = await trainAndEvaluate(frame, settings, {
      positiveCandidates: ['bad'],
      bootstrapIterations: 0,
      features: ['id', 'x1', 'x2', 'day', 'kind'],
    });
    expect(Buffer.from(again.train.x.buffer).equals(Buffer.from(train.x.buffer))).toBe(true);
    expect(again.split).toEqual(split);
  });
});
