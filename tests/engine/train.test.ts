/**
 * Training pieces: task detection, classes, split, preprocessing, backend, the training loop
 * (seeded, early stopping with restore, cancel, weights), save/load and permutation importance.
 * Small synthetic data so the file runs in seconds; real-data quality is in train.quality.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, FrameColumn } from '../../src/engine/data/frame';
import { binaryLogLoss } from '../../src/engine/metrics/binary';
import { r2 } from '../../src/engine/metrics/regression';
import { createRng } from '../../src/engine/rng';
import type { BackendInfo } from '../../src/engine/train/backend';
import { initBackend } from '../../src/engine/train/backend';
import { permutationImportance } from '../../src/engine/train/importance';
import { balancedClassWeights, loadModel, predictProba, saveModel, trainModel } from '../../src/engine/train/model';
import { trainAndEvaluate } from '../../src/engine/train/pipeline';
import type { Matrix } from '../../src/engine/train/preprocess';
import { fitPreprocessing, MISSING_CATEGORY, transform } from '../../src/engine/train/preprocess';
import { stratifiedSplit } from '../../src/engine/train/split';
import { detectTask, resolveClasses } from '../../src/engine/train/task';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import type { Cell } from '../../src/shared/model/data';
import type { Preprocessing, TrainSettings } from '../../src/shared/model/train';
import { TrainSettingsSchema } from '../../src/shared/model/train';
import { loadCsv } from '../helpers/loadCsv';
import { caseFile, repoRoot } from '../helpers/paths';

const col = (name: string, type: FrameColumn['type'], values: Cell[]): FrameColumn => ({ name, type, values });

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('detectTask', () => {
  it('reads few integer values as classes, floats and many values as regression', () => {
    expect(detectTask(col('t', 'integer', [0, 1, 1, null, 0]))).toBe('binary');
    expect(detectTask(col('t', 'float', [0, 1, 2, 3, 4, 2.0]))).toBe('multiclass');
    expect(detectTask(col('t', 'float', [0.5, 1, 2]))).toBe('regression');
    expect(
      detectTask(
        col(
          't',
          'integer',
          Array.from({ length: 11 }, (_, i) => i),
        ),
      ),
    ).toBe('regression');
    expect(
      detectTask(
        col(
          't',
          'integer',
          Array.from({ length: 10 }, (_, i) => i),
        ),
      ),
    ).toBe('multiclass');
    expect(detectTask(col('t', 'categorical', ['yes', 'no', 'yes']))).toBe('binary');
    expect(detectTask(col('t', 'text', ['a', 'b', 'c']))).toBe('multiclass');
    expect(detectTask(col('t', 'boolean', [true, false]))).toBe('binary');
  });

  it('refuses a target without values', () => {
    expect(thrown(() => detectTask(col('t', 'categorical', [null, null]))).code).toBe('TARGET_ALL_MISSING');
  });
});

describe('resolveClasses', () => {
  const credit = col('class', 'categorical', ['good', 'bad', 'good', 'good']);

  it('puts the positive class last: template candidate (any case), else the minority', () => {
    expect(resolveClasses(credit, 'binary', ['BAD'])).toEqual({ classes: ['good', 'bad'], positiveClass: 'bad' });
    expect(resolveClasses(credit, 'binary', ['default', 'Good'])).toEqual({
      classes: ['bad', 'good'],
      positiveClass: 'good',
    });
    expect(resolveClasses(credit, 'binary', ['yes'])).toEqual({ classes: ['good', 'bad'], positiveClass: 'bad' });
    expect(resolveClasses(col('y', 'integer', [0, 1, 1, 0]), 'binary')).toEqual({
      classes: ['0', '1'],
      positiveClass: '1',
    });
    expect(resolveClasses(credit, 'binary', ['bad'], 'good').positiveClass).toBe('good');
  });

  it('sorts multiclass labels, numerically when they are numbers', () => {
    expect(resolveClasses(col('y', 'integer', [10, 2, 1, 2]), 'multiclass').classes).toEqual(['1', '2', '10']);
    expect(resolveClasses(col('y', 'text', ['b', 'c', 'a']), 'multiclass').classes).toEqual(['a', 'b', 'c']);
  });

  it('refuses impossible settings', () => {
    expect(thrown(() => resolveClasses(credit, 'binary', [], 'maybe')).code).toBe('SETTING_INVALID');
    expect(thrown(() => resolveClasses(col('y', 'text', ['a', 'b', 'c']), 'binary')).code).toBe('SETTING_INVALID');
    expect(thrown(() => resolveClasses(col('y', 'text', ['a', 'b', 'c']), 'regression')).code).toBe(
      'TARGET_NOT_NUMERIC',
    );
  });

  it('C15: a single-class target is refused before fitting, naming the column and value', async () => {
    const frame = await loadCsv(caseFile('C15-single-class-target.csv'));
    const target = frame.columns.find((c) => c.name === 'churned')!;
    const err = thrown(() => resolveClasses(target, detectTask(target), ['yes']));
    expect(err.code).toBe('TARGET_SINGLE_CLASS');
    expect(err.params).toEqual({ column: 'churned', value: 'no', count: 20 });
    const message = translate('en', err.key, err.params);
    expect(message).toContain('churned');
    expect(message).toContain('no');
    // The whole pipeline refuses too, before a backend or a model exists.
    let started = false;
    const backend = {
      get tf(): never {
        started = true;
        throw new Error('no model may be built');
      },
      backend: 'cpu' as const,
    };
    await expect(trainAndEvaluate(frame, { target: 'churned' }, { backend })).rejects.toMatchObject({
      code: 'TARGET_SINGLE_CLASS',
    });
    expect(started).toBe(false);
  });
});

describe('stratifiedSplit', () => {
  const labels: (string | null)[] = [...Array(700).fill('a'), ...Array(300).fill('b'), null, null];

  it('keeps class proportions in every split, covers each labelled row once and is seeded', () => {
    const s = stratifiedSplit(labels, { train: 0.7, validation: 0.15, test: 0.15 }, 42);
    const count = (rows: number[], l: string) => rows.filter((r) => labels[r] === l).length;
    expect([count(s.train, 'a'), count(s.validation, 'a'), count(s.test, 'a')]).toEqual([490, 105, 105]);
    expect([count(s.train, 'b'), count(s.validation, 'b'), count(s.test, 'b')]).toEqual([210, 45, 45]);
    const all = [...s.train, ...s.validation, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(stratifiedSplit(labels, { train: 0.7, validation: 0.15, test: 0.15 }, 42)).toEqual(s);
    expect(stratifiedSplit(labels, { train: 0.7, validation: 0.15, test: 0.15 }, 43).test).not.toEqual(s.test);
  });

  it('splits train/validation only when a test file is given, and keeps a rare class in training', () => {
    const s = stratifiedSplit(['x', 'y', 'y', 'y', 'y', 'y', 'y'], { train: 0.85, validation: 0.15, test: 0 }, 1);
    expect(s.test).toEqual([]);
    expect(s.train).toContain(0);
    expect(s.validation).toHaveLength(1);
  });

  it('shuffles numeric (regression) labels without strata and skips missing ones', () => {
    const ys = [1.5, NaN, 2, 3, null, 4, 5, 6, 7, 8, 9, 10];
    const s = stratifiedSplit(ys, { train: 0.5, validation: 0.25, test: 0.25 }, 3);
    expect(s.train.length + s.validation.length + s.test.length).toBe(10);
    expect([...s.train, ...s.validation, ...s.test]).not.toContain(1);
    expect([...s.train, ...s.validation, ...s.test]).not.toContain(4);
  });
});

describe('preprocessing', () => {
  const frame: Frame = {
    rowCount: 5,
    columns: [
      col('num', 'float', [1, 2, null, 4, 100]),
      col('const', 'integer', [7, 7, 7, 7, 7]),
      col('cat', 'categorical', ['a', 'a', 'b', null, 'c']),
      col('flag', 'boolean', [true, false, true, true, false]),
      col('day', 'date', ['2024-03-15', '2023-12-31', null, '2024-01-01', '2024-03-16']),
      col('id', 'identifier', ['x1', 'x2', 'x3', 'x4', 'x5']),
      col('y', 'categorical', ['no', 'yes', 'no', 'yes', 'maybe']),
    ],
  };
  const features = ['num', 'const', 'cat', 'flag', 'day', 'id'];

  it('fits on the training rows only: median fill, population std, top-K one-hot, date parts, no identifiers', () => {
    const prep = fitPreprocessing(frame, [0, 1, 2, 3], features, 'y', 'binary', ['no', 'yes'], { topK: 3 });
    const [num, cnst, cat, flag, year, month, weekday] = prep.features;
    // num on rows 0–3: [1, 2, missing, 4] → median 2 → [1, 2, 2, 4]: mean 2.25, std √(4.75/4).
    expect(num).toEqual({ kind: 'numeric', column: 'num', fill: 2, mean: 2.25, std: Math.sqrt(4.75 / 4) });
    expect(cnst).toMatchObject({ mean: 7, std: 1 });
    // 'a' ×2, missing ×1 (25 % ≥ 1 %: its own category), 'b' ×1; ties by label, so missing before 'b'.
    expect(cat).toEqual({
      kind: 'categorical',
      column: 'cat',
      categories: ['a', MISSING_CATEGORY, 'b'],
      fill: MISSING_CATEGORY,
      other: false,
    });
    expect(flag).toMatchObject({ kind: 'categorical', categories: ['true', 'false'] });
    expect([year, month, weekday].map((s) => s!.kind === 'numeric' && s!.part)).toEqual(['year', 'month', 'weekday']);
    expect(prep.features.some((f) => f.column === 'id')).toBe(false);
    expect(prep.inputNames).toEqual([
      'num',
      'const',
      'cat=a',
      'cat=(missing)',
      'cat=b',
      'flag=true',
      'flag=false',
      'day.year',
      'day.month',
      'day.weekday',
    ]);

    const m = transform(frame, [2, 4], prep);
    expect(m.cols).toBe(10);
    const row = (r: number) => Array.from(m.x.subarray(r * 10, r * 10 + 10));
    // Row 2: num missing → fill 2; cat 'b'; flag true. Row 4: num 100; cat 'c' unseen, no "other" → zeros.
    expect(row(0)[0]).toBeCloseTo((2 - 2.25) / Math.sqrt(4.75 / 4), 6);
    expect(row(0).slice(2, 7)).toEqual([0, 0, 1, 1, 0]);
    expect(row(1)[0]).toBeCloseTo((100 - 2.25) / Math.sqrt(4.75 / 4), 4);
    expect(row(1).slice(2, 7)).toEqual([0, 0, 0, 0, 1]);
    // 2024-03-16 is a Saturday (6); missing dates take the training medians.
    const wd = weekday as { mean: number; std: number };
    expect(row(1)[9]! * wd.std + wd.mean).toBeCloseTo(6, 5);
    expect(Array.from(m.y)).toEqual([0, NaN]);
  });

  it('sends the rarer categories to "other" beyond the top K', () => {
    const prep = fitPreprocessing(frame, [0, 1, 2, 3], ['cat'], 'y', 'binary', ['no', 'yes'], { topK: 1 });
    expect(prep.features[0]).toMatchObject({ categories: ['a'], other: true, fill: 'a' });
    const m = transform(frame, [2, 3, 4], prep);
    expect(Array.from(m.x)).toEqual([0, 1, 1, 0, 0, 1]);
  });

  it('standardises a regression target with the training mean and std', () => {
    const f: Frame = { rowCount: 4, columns: [col('x', 'float', [1, 2, 3, 4]), col('t', 'float', [10, 20, 30, 1000])] };
    const prep = fitPreprocessing(f, [0, 1, 2], ['x'], 't', 'regression', [], { topK: 5 });
    expect(prep.targetMean).toBe(20);
    expect(prep.targetStd).toBeCloseTo(Math.sqrt(200 / 3), 12);
    expect(transform(f, [3], prep).y[0]).toBeCloseTo(980 / Math.sqrt(200 / 3), 4);
  });

  it('refuses unknown and empty feature lists', () => {
    expect(thrown(() => fitPreprocessing(frame, [0], ['nope'], 'y', 'binary', ['no', 'yes'], { topK: 3 })).code).toBe(
      'COLUMN_NOT_FOUND',
    );
    expect(thrown(() => fitPreprocessing(frame, [0], ['id'], 'y', 'binary', ['no', 'yes'], { topK: 3 })).code).toBe(
      'NO_FEATURES',
    );
  });
});

describe('backend', () => {
  it('falls back to WASM here and says why the native bindings were skipped', async () => {
    const info = await initBackend();
    expect(info.backend).toBe('wasm');
    expect(info.tf.getBackend()).toBe('wasm');
    expect(info.reasons.map((r) => r.split(':')[0])).toEqual(['tensorflow-gpu', 'tensorflow']);
    const cpu = await initBackend('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    expect((await initBackend()).backend).toBe('wasm');
  });

  it('works from an esbuild bundle with packages external', async () => {
    const dir = path.join(repoRoot, 'node_modules/.cache/modelwise-train-test');
    await mkdir(dir, { recursive: true });
    const entry = path.join(dir, 'entry.ts');
    await writeFile(
      entry,
      `import { initBackend } from ${JSON.stringify(path.join(repoRoot, 'src/engine/train/backend'))};\n` +
        `const info = await initBackend();\nconst t = info.tf.tensor1d([1, 2, 3]).sum().dataSync()[0];\nconsole.log(JSON.stringify({ backend: info.backend, t }));\n`,
    );
    const outfile = path.join(dir, 'bundle.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8', cwd: os.tmpdir() });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ backend: 'wasm', t: 6 });
  });
});

/** rows × cols standard-normal features; y from a logistic model on the first two. */
function synthetic(rows: number, cols: number, seed: number, opts: { positiveRate?: number } = {}): Matrix {
  const rng = createRng(seed);
  const x = new Float32Array(rows * cols);
  const y = new Float32Array(rows);
  const shift = opts.positiveRate !== undefined ? Math.log(opts.positiveRate / (1 - opts.positiveRate)) : 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) x[r * cols + c] = rng.normal();
    const z = 2 * x[r * cols]! - 1.5 * x[r * cols + 1]! + shift;
    y[r] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y, rows, cols };
}

function binaryPrep(cols: number): Preprocessing {
  return {
    features: Array.from({ length: cols }, (_, i) => ({
      kind: 'numeric' as const,
      column: `f${i}`,
      fill: 0,
      mean: 0,
      std: 1,
    })),
    inputNames: Array.from({ length: cols }, (_, i) => `f${i}`),
    target: 'y',
    task: 'binary',
    classes: ['no', 'yes'],
  };
}

const settingsOf = (over: Partial<TrainSettings> = {}) =>
  TrainSettingsSchema.parse({
    target: 'y',
    hiddenLayers: [16],
    maxEpochs: 8,
    batchSize: 32,
    learningRate: 0.01,
    ...over,
  });
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

describe('trainModel', () => {
  let backend: BackendInfo;
  const train = synthetic(400, 5, 1);
  const validation = synthetic(150, 5, 2);
  const prep = binaryPrep(5);
  beforeAll(async () => {
    backend = await initBackend();
  });
  const ctx = () => ({ tf: backend.tf, backend: backend.backend });

  it('gives the same model for the same data, settings and seed', async () => {
    const a = await trainModel({ train, validation }, prep, settingsOf(), ctx());
    const b = await trainModel({ train, validation }, prep, settingsOf(), ctx());
    const c = await trainModel({ train, validation }, prep, settingsOf({ seed: 7 }), ctx());
    const pa = predictProba(a.model, validation.x, validation.rows);
    expect(Array.from(predictProba(b.model, validation.x, validation.rows))).toEqual(Array.from(pa));
    expect(Array.from(predictProba(c.model, validation.x, validation.rows))).not.toEqual(Array.from(pa));
    expect(a.record.epochs.map((e) => e.valLoss)).toEqual(b.record.epochs.map((e) => e.valLoss));
    expect(a.record).toMatchObject({
      backend: 'wasm',
      task: 'binary',
      trainRows: 400,
      validationRows: 150,
      inputWidth: 5,
      cancelled: false,
    });
    expect(a.record.parameterCount).toBe(5 * 16 + 16 + 16 + 1);
    expect(a.record.architecture).toEqual(['Input(5)', 'Dense(16, relu)', 'Dropout(0.5)', 'Dense(1, sigmoid)']);
    // Learns the signal: validation accuracy well above the base rate.
    expect(a.record.epochs[a.record.bestEpoch - 1]!.valMetric!).toBeGreaterThan(0.75);
  });

  it('stops early and restores the weights of the best validation epoch', async () => {
    const logs: number[] = [];
    const { model, record } = await trainModel(
      { train, validation },
      prep,
      settingsOf({ maxEpochs: 200, patience: 3, learningRate: 0.05 }),
      {
        ...ctx(),
        onEpoch: (e) => logs.push(e.epoch),
      },
    );
    expect(record.stoppedEarly).toBe(true);
    expect(logs).toEqual(record.epochs.map((e) => e.epoch));
    expect(record.epochs).toHaveLength(record.bestEpoch + 3);
    const best = record.epochs[record.bestEpoch - 1]!;
    expect(Math.min(...record.epochs.map((e) => e.valLoss))).toBe(best.valLoss);
    // The returned model IS the best epoch's: its validation log loss is the logged one.
    expect(binaryLogLoss(validation.y, predictProba(model, validation.x, validation.rows))).toBeCloseTo(
      best.valLoss,
      4,
    );
  });

  it('cancels at a batch end and keeps the best model so far', async () => {
    const controller = new AbortController();
    const { model, record } = await trainModel({ train, validation }, prep, settingsOf({ maxEpochs: 50 }), {
      ...ctx(),
      signal: controller.signal,
      onEpoch: (e) => e.epoch === 2 && controller.abort(),
    });
    expect(record.cancelled).toBe(true);
    expect(record.epochs).toHaveLength(2);
    expect(record.bestEpoch).toBeGreaterThan(0);
    const p = predictProba(model, validation.x, validation.rows);
    expect(binaryLogLoss(validation.y, p)).toBeCloseTo(record.epochs[record.bestEpoch - 1]!.valLoss, 4);
  });

  it('applies balanced class weights and sample weights', async () => {
    const imbalanced = synthetic(600, 5, 3, { positiveRate: 0.1 });
    const val = synthetic(150, 5, 4, { positiveRate: 0.1 });
    expect(balancedClassWeights([0, 0, 0, 1], 2)).toEqual([4 / 6, 2]);
    const plain = await trainModel({ train: imbalanced, validation: val }, prep, settingsOf(), ctx());
    const weighted = await trainModel(
      { train: imbalanced, validation: val },
      prep,
      settingsOf({ classWeights: true }),
      ctx(),
    );
    const pPlain = mean(predictProba(plain.model, val.x, val.rows));
    const pWeighted = mean(predictProba(weighted.model, val.x, val.rows));
    expect(pWeighted).toBeGreaterThan(pPlain + 0.1);
    // Unit sample weights change nothing; heavier positives raise P(positive) like class weights do.
    const ones = await trainModel({ train: imbalanced, validation: val }, prep, settingsOf(), {
      ...ctx(),
      sampleWeights: new Float32Array(600).fill(1),
    });
    expect(Array.from(predictProba(ones.model, val.x, val.rows))).toEqual(
      Array.from(predictProba(plain.model, val.x, val.rows)),
    );
    const heavy = Float32Array.from(imbalanced.y, (v) => (v === 1 ? 5 : 1));
    const byRow = await trainModel({ train: imbalanced, validation: val }, prep, settingsOf(), {
      ...ctx(),
      sampleWeights: heavy,
    });
    expect(mean(predictProba(byRow.model, val.x, val.rows))).toBeGreaterThan(pPlain + 0.1);
  });

  it('trains with every optimizer and shrinks weights with L2', async () => {
    for (const optimizer of ['adam', 'adadelta', 'sgd', 'rmsprop'] as const) {
      const { record } = await trainModel(
        { train, validation },
        prep,
        settingsOf({ optimizer, maxEpochs: 2, learningRate: optimizer === 'adadelta' ? 1 : 0.01 }),
        ctx(),
      );
      expect(
        record.epochs.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.valLoss)),
        optimizer,
      ).toBe(true);
    }
    const sq = (m: Awaited<ReturnType<typeof trainModel>>) =>
      m.model.net.layers
        .flatMap((l) => l.getWeights().filter((_, i) => i === 0))
        .reduce((s, w) => s + (w.square().sum().dataSync()[0] as number), 0);
    const free = await trainModel({ train, validation }, prep, settingsOf({ learningRate: 0.01 }), ctx());
    const decayed = await trainModel({ train, validation }, prep, settingsOf({ learningRate: 0.01, l2: 0.05 }), ctx());
    expect(sq(decayed)).toBeLessThan(0.7 * sq(free));
    expect(decayed.record.architecture[1]).toBe('Dense(16, relu, L2 0.05)');
  });

  it('trains multiclass and regression networks', async () => {
    const rng = createRng(9);
    const rows = 450;
    const x = new Float32Array(rows * 2);
    const yc = new Float32Array(rows);
    const yr = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = rng.normal();
      const b = rng.normal();
      x.set([a, b], r * 2);
      yc[r] = a > 0.5 ? 2 : a < -0.5 ? 0 : 1;
      yr[r] = (3 * a - b + 0.1 * rng.normal()) / Math.sqrt(10);
    }
    const slice = (y: Float32Array, from: number, to: number): Matrix => ({
      x: x.slice(from * 2, to * 2),
      y: y.slice(from, to),
      rows: to - from,
      cols: 2,
    });
    const base = binaryPrep(2);
    const multi: Preprocessing = { ...base, task: 'multiclass', classes: ['lo', 'mid', 'hi'] };
    const m = await trainModel(
      { train: slice(yc, 0, 300), validation: slice(yc, 300, 450) },
      multi,
      settingsOf({ maxEpochs: 30, learningRate: 0.01 }),
      ctx(),
    );
    const proba = predictProba(m.model, x.slice(600), 150);
    expect(proba).toHaveLength(450);
    expect(proba[0]! + proba[1]! + proba[2]!).toBeCloseTo(1, 5);
    expect(m.record.epochs[m.record.bestEpoch - 1]!.valMetric!).toBeGreaterThan(0.8);

    const reg: Preprocessing = { ...base, task: 'regression', classes: [], targetMean: 100, targetStd: 10 };
    const r = await trainModel(
      { train: slice(yr, 0, 300), validation: slice(yr, 300, 450) },
      reg,
      settingsOf({ maxEpochs: 40, learningRate: 0.01, dropout: 0 }),
      ctx(),
    );
    const pred = predictProba(r.model, x.slice(600), 150);
    // Predictions come back in target units: y·10 + 100.
    expect(
      r2(
        Array.from(yr.slice(300), (v) => v * 10 + 100),
        pred,
      ),
    ).toBeGreaterThan(0.8);
  });

  it('saves and loads a model package that predicts the same', async () => {
    const { model } = await trainModel({ train, validation }, prep, settingsOf({ maxEpochs: 2 }), ctx());
    const dir = mkdtempSync(path.join(os.tmpdir(), 'modelwise-model-'));
    try {
      await saveModel(model, prep, dir);
      const json = JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8'));
      expect(json.format).toBe('layers-model');
      expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
      const loaded = await loadModel(dir, backend);
      expect(loaded.prep).toEqual(prep);
      expect(Array.from(predictProba(loaded.model, validation.x, validation.rows))).toEqual(
        Array.from(predictProba(model, validation.x, validation.rows)),
      );
      await expect(loadModel(path.join(dir, 'nope'), backend)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      await expect(loadModel(mkdtempSync(path.join(os.tmpdir(), 'modelwise-empty-')), backend)).rejects.toMatchObject({
        code: 'PROJECT_INVALID',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('permutationImportance', () => {
  it('ranks the columns the target depends on first', async () => {
    const rng = createRng(5);
    const n = 600;
    const signal: Cell[] = [];
    const noise: Cell[] = [];
    const colour: Cell[] = [];
    const y: Cell[] = [];
    for (let i = 0; i < n; i++) {
      const s = rng.normal();
      const c = ['red', 'green', 'blue'][rng.int(3)]!;
      signal.push(s);
      noise.push(rng.normal());
      colour.push(c);
      y.push(s + (c === 'red' ? 1.5 : -0.5) + 0.3 * rng.normal() > 0 ? 'yes' : 'no');
    }
    const frame: Frame = {
      rowCount: n,
      columns: [
        col('signal', 'float', signal),
        col('noise', 'float', noise),
        col('colour', 'categorical', colour),
        col('y', 'categorical', y),
      ],
    };
    const result = await trainAndEvaluate(frame, { target: 'y', maxEpochs: 30, seed: 1 }, { bootstrapIterations: 0 });
    const imp = permutationImportance(result.model, frame, result.split.test, { repeats: 3, seed: 1 });
    expect(imp.map((f) => f.column)).toEqual(['signal', 'colour', 'noise']);
    expect(imp[0]!.mean).toBeGreaterThan(0.1);
    expect(Math.abs(imp[2]!.mean)).toBeLessThan(0.03);
  });
});

describe('trainAndEvaluate', () => {
  const rng = createRng(21);
  const n = 300;
  const a: Cell[] = [];
  const kind: Cell[] = [];
  const yBinary: Cell[] = [];
  const yMulti: Cell[] = [];
  const yValue: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    const k = ['x', 'y'][rng.int(2)]!;
    a.push(i === 5 ? null : v);
    kind.push(k);
    yBinary.push(v + (k === 'x' ? 0.5 : -0.5) + 0.5 * rng.normal() > 0 ? 'yes' : 'no');
    yMulti.push(v > 0.6 ? 'high' : v < -0.6 ? 'low' : 'mid');
    yValue.push(i === 7 ? null : 3 * v + (k === 'x' ? 2 : 0) + 0.2 * rng.normal());
  }
  const frame: Frame = {
    rowCount: n,
    columns: [
      col('a', 'float', a),
      col('kind', 'categorical', kind),
      col(
        'row_id',
        'identifier',
        a.map((_, i) => `r${i}`),
      ),
      col('yb', 'categorical', yBinary),
      col('ym', 'categorical', yMulti),
      col('yv', 'float', yValue),
    ],
  };
  const fast = { maxEpochs: 25, learningRate: 0.01, seed: 3 };

  it('binary: 70/15/15 split, identifiers and other targets left out when told, threshold chosen on validation', async () => {
    let seen = 0;
    const r = await trainAndEvaluate(
      frame,
      { target: 'yb', excludeColumns: ['ym', 'yv'], ...fast },
      {
        bootstrapIterations: 20,
        chooseThreshold: (y, p) => {
          seen = y.length;
          expect(p).toHaveLength(y.length);
          return { threshold: 0.3, policy: 'min_sensitivity', achieved: {} };
        },
      },
    );
    expect([r.split.train.length, r.split.validation.length, r.split.test.length]).toEqual([210, 45, 45]);
    expect(seen).toBe(45);
    expect(r.prep.features.map((f) => f.column)).toEqual(['a', 'kind']);
    expect(r.evaluation.metrics).toMatchObject({ task: 'binary', threshold: 0.3, n: 45 });
    expect(r.threshold).toMatchObject({ threshold: 0.3 });
    expect(Object.keys(r.evaluation.metrics.intervals)).toContain('rocAuc');
  });

  it('multiclass and regression, with their baselines', async () => {
    const m = await trainAndEvaluate(
      frame,
      { target: 'ym', excludeColumns: ['yb', 'yv'], ...fast },
      { bootstrapIterations: 20 },
    );
    expect(m.evaluation.metrics.task).toBe('multiclass');
    expect(m.prep.classes).toEqual(['high', 'low', 'mid']);
    expect(m.evaluation.baselines.map((b) => b.name)).toEqual(['majority_class', 'logistic_regression']);
    if (m.evaluation.metrics.task === 'multiclass') expect(m.evaluation.metrics.accuracy).toBeGreaterThan(0.7);

    const r = await trainAndEvaluate(
      frame,
      { target: 'yv', excludeColumns: ['yb', 'ym'], ...fast, dropout: 0.1 },
      { bootstrapIterations: 20 },
    );
    expect(r.evaluation.metrics.task).toBe('regression');
    expect(r.split.train.length + r.split.validation.length + r.split.test.length).toBe(299);
    expect(r.evaluation.baselines.map((b) => b.name)).toEqual(['mean', 'linear_regression']);
    const [meanBase, linear] = r.evaluation.baselines.map((b) => b.metrics);
    if (
      r.evaluation.metrics.task === 'regression' &&
      meanBase?.task === 'regression' &&
      linear?.task === 'regression'
    ) {
      expect(r.evaluation.metrics.r2).toBeGreaterThan(0.9);
      expect(linear.r2).toBeGreaterThan(0.95);
      expect(meanBase.r2).toBeLessThan(0.05);
      expect(r.evaluation.metrics.intervals.r2!.low).toBeLessThanOrEqual(r.evaluation.metrics.r2);
    }
  });
});
