/**
 * Permutation feature importance wired end to end (SPEC §6): measured on the test split after
 * every training run (the CLI's and the wizard's `runTraining`), with the task's score, seeded from
 * the run's seed, stored with the evaluation in the project and in the report model. Synthetic
 * data where only `signal` carries the target; `noise` and `noise_cat` are pure noise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { runTraining } from '../../src/engine/jobs/train';
import { ProjectSession } from '../../src/engine/project/session';
import { createRng } from '../../src/engine/rng';
import { getTemplate } from '../../src/engine/templates';
import { measureImportance } from '../../src/engine/train/importance';
import type { TrainingInput } from '../../src/shared/host';
import { translate } from '../../src/shared/i18n';
import type { Cell } from '../../src/shared/model/data';
import type { TaskType } from '../../src/shared/model/train';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-importance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 600 rows: the target is a function of `signal` only (with a little label noise for classes). */
function synthetic(task: TaskType, n = 600): Frame {
  const rng = createRng(11);
  const signal: Cell[] = [];
  const noise: Cell[] = [];
  const noiseCat: Cell[] = [];
  const y: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const s = rng.normal();
    signal.push(s);
    noise.push(rng.normal());
    noiseCat.push(['red', 'green', 'blue'][rng.int(3)]!);
    const e = 0.2 * rng.normal();
    y.push(
      task === 'binary'
        ? s + e > 0
          ? 'yes'
          : 'no'
        : task === 'multiclass'
          ? s + e < -0.5
            ? 'low'
            : s + e > 0.5
              ? 'high'
              : 'mid'
          : 3 * s + e,
    );
  }
  return {
    rowCount: n,
    columns: [
      { name: 'signal', type: 'float', values: signal },
      { name: 'noise', type: 'float', values: noise },
      { name: 'noise_cat', type: 'categorical', values: noiseCat },
      { name: 'y', type: task === 'regression' ? 'float' : 'categorical', values: y },
    ],
  };
}

function input(task: TaskType, frame: Frame): TrainingInput {
  return {
    runId: task,
    modelDir: path.join(dir, task),
    frame,
    testFrame: null,
    settings: { target: 'y', task, maxEpochs: 40, seed: 7 },
    features: ['signal', 'noise', 'noise_cat'],
    excluded: [],
    template: getTemplate('general'),
    sensitive: [],
  };
}

describe('permutation importance after training', () => {
  const cases: [TaskType, string][] = [
    ['binary', 'roc_auc'],
    ['multiclass', 'accuracy'],
    ['regression', 'r2'],
  ];
  it.each(cases)('%s: ranks the one informative column first by the %s drop; noise ≈ 0', async (task, metric) => {
    const frame = synthetic(task);
    const out = await runTraining(input(task, frame));
    const imp = out.evaluation.importance!;
    expect(imp).toBeDefined();
    expect(imp.metric).toBe(metric);
    expect(imp.seed).toBe(7);
    expect(imp.rows).toBe(out.record.testRows);
    expect(imp.columns.map((c) => c.column).sort()).toEqual(['noise', 'noise_cat', 'signal']);
    const [top, ...rest] = imp.columns;
    expect(top!.column).toBe('signal');
    // A clear margin: shuffling the signal costs a lot, shuffling noise next to nothing.
    expect(top!.mean).toBeGreaterThan(0.2);
    for (const c of rest) {
      expect(Math.abs(c.mean), c.column).toBeLessThan(0.03);
      expect(top!.mean - top!.std).toBeGreaterThan(c.mean + c.std + 0.1);
    }
    // Seeded from the run's seed: measuring again with it gives the same numbers, another seed others.
    expect(measureImportance(out.model, frame, out.testRows, { seed: 7 })).toEqual(imp);
    expect(measureImportance(out.model, frame, out.testRows, { seed: 8 }).columns).not.toEqual(imp.columns);
    if (task === 'binary') {
      // The threshold's evidence (SPEC §4 policies are chosen on the validation positives).
      const positives = out.record.validationPositives;
      expect(positives).toBeGreaterThan(0);
      expect(positives).toBeLessThan(out.record.validationRows);
    } else expect(out.record.validationPositives).toBeUndefined();
  });

  it('is stored with the wizard project’s evaluation and reaches the report model and its summary', async () => {
    const frame = synthetic('binary', 300);
    const csv = path.join(dir, 'signal.csv');
    const names = frame.columns.map((c) => c.name);
    const lines = [names.join(',')];
    for (let r = 0; r < frame.rowCount; r++) lines.push(frame.columns.map((c) => String(c.values[r])).join(','));
    writeFileSync(csv, lines.join('\n') + '\n');
    const s = await ProjectSession.create(path.join(dir, 'project'), 'Importance');
    try {
      await s.import(csv);
      await s.update({ target: 'y', templateId: 'general' });
      await s.update({ settings: { maxEpochs: 30, seed: 3 } });
      const out = await runTraining(await s.prepareTraining('run1'));
      const view = await s.recordTraining(out);
      const stored = view.project.model!.evaluation.importance!;
      expect(stored).toEqual(out.evaluation.importance);
      expect(stored.columns[0]!.column).toBe('signal');
      const report = await s.reportModel('en');
      expect(report.evaluation.importance).toEqual(stored);
      const sentence = report.summary.find((m) => m.key === 'summary.importance.top')!;
      expect(translate('en', sentence.key, sentence.params)).toBe(
        `Shuffling "signal" lowers the ROC AUC by ${stored.columns[0]!.mean.toFixed(3)} on the test rows: the model relies on it most.`,
      );
    } finally {
      await s.close();
    }
  });
});
