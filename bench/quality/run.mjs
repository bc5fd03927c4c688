#!/usr/bin/env node
/**
 * Model quality on every shared dataset with a template's defaults, beside the reference results
 * of standard tools on the same splits (`../shared/datasets/DATASETS.md`, "Reference results").
 * Runs the built CLI (`npm run build` first) on each train/test split and prints test ROC AUC,
 * the best reference and the wall time. A benchmark, not a test: `node bench/quality/run.mjs [name…]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.MODELWISE_SHARED ?? path.resolve(root, '..', 'shared');
const d = (f) => path.join(shared, 'datasets', f);

// Reference: best test ROC AUC of LogisticRegression / HistGradientBoosting / MLP (DATASETS.md).
const RUNS = [
  {
    name: 'adult',
    ref: 0.93,
    args: [
      d('adult.train.csv'),
      '--test',
      d('adult.test.csv'),
      '--no-header',
      '--target',
      'column15',
      '--sensitive',
      'column10',
    ],
  },
  {
    name: 'german_credit',
    ref: 0.814,
    args: [
      d('german_credit.train.csv'),
      '--test',
      d('german_credit.test.csv'),
      '--target',
      'class',
      '--template',
      'finance',
      '--sensitive',
      'personal_status',
    ],
  },
  {
    name: 'heart_cleveland',
    ref: 0.973,
    args: [
      d('heart_cleveland.train.csv'),
      '--test',
      d('heart_cleveland.test.csv'),
      '--no-header',
      '--target',
      'column14',
      '--binarize',
      'column14>0',
      '--template',
      'medical',
      '--sensitive',
      'column2',
    ],
  },
  {
    name: 'pima_diabetes',
    ref: 0.823,
    args: [
      d('pima_diabetes.train.csv'),
      '--test',
      d('pima_diabetes.test.csv'),
      '--target',
      'diabetes',
      '--template',
      'medical',
      '--sensitive',
      'age',
    ],
  },
  {
    name: 'cylinder_bands',
    ref: 0.894,
    args: [
      d('cylinder_bands.train.csv'),
      '--test',
      d('cylinder_bands.test.csv'),
      '--no-header',
      '--target',
      'column40',
      '--template',
      'manufacturing',
    ],
  },
  {
    name: 'steel_plates_faults',
    ref: 0.867,
    // The other six fault columns leak the answer (DATASETS.md): drop them.
    recipe: ['column28', 'column29', 'column30', 'column31', 'column32', 'column33'].map((column) => ({
      op: 'drop_column',
      column,
    })),
    args: [
      d('steel_plates_faults.train.csv'),
      '--test',
      d('steel_plates_faults.test.csv'),
      '--no-header',
      '--delimiter',
      'tab',
      '--target',
      'column34',
      '--template',
      'manufacturing',
    ],
  },
  {
    name: 'compas',
    ref: 0.737,
    // The reference models use only these columns; many others record the outcome (DATASETS.md).
    keep: [
      'sex',
      'age',
      'age_cat',
      'race',
      'juv_fel_count',
      'juv_misd_count',
      'juv_other_count',
      'priors_count',
      'c_charge_degree',
      'two_year_recid',
    ],
    args: [d('compas.train.csv'), '--test', d('compas.test.csv'), '--target', 'two_year_recid', '--sensitive', 'race'],
  },
];

const only = process.argv.slice(2);
const out = mkdtempSync(path.join(os.tmpdir(), 'modelwise-quality-'));
const rows = [];
for (const run of RUNS.filter((r) => only.length === 0 || only.includes(r.name))) {
  const args = ['run', ...run.args, '--out', path.join(out, `${run.name}.pdf`)];
  if (run.keep) {
    // Header names as Modelwise reads them: repeated names get `.1` (COMPAS has two).
    const seen = new Set();
    const header = readFileSync(run.args[0], 'utf8')
      .split('\n')[0]
      .trim()
      .split(',')
      .map((n) => {
        const name = seen.has(n) ? `${n}.1` : n;
        seen.add(n);
        return name;
      });
    run.recipe = header.filter((n) => !run.keep.includes(n)).map((column) => ({ op: 'drop_column', column }));
  }
  if (run.recipe) {
    const file = path.join(out, `${run.name}.recipe.json`);
    (await import('node:fs')).writeFileSync(file, JSON.stringify({ steps: run.recipe }));
    args.push('--recipe', file);
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'modelwise.js'), ...args], { encoding: 'utf8' });
  const seconds = (Date.now() - started) / 1000;
  if (r.status !== 0) {
    rows.push({ name: run.name, auc: 'failed', ref: run.ref, seconds, note: r.stderr.trim().split('\n').pop() });
    continue;
  }
  const report = JSON.parse(readFileSync(path.join(out, `${run.name}.json`), 'utf8'));
  const m = report.evaluation.metrics;
  const lr = report.evaluation.baselines.find((b) => b.name === 'logistic_regression');
  rows.push({
    name: run.name,
    auc: m.rocAuc?.toFixed(3) ?? 'n/a',
    logistic: lr?.metrics.rocAuc?.toFixed(3) ?? 'n/a',
    ref: run.ref,
    ratio: m.rocAuc ? (m.rocAuc / run.ref).toFixed(3) : 'n/a',
    epochs: report.training.epochs.length,
    backend: report.training.backend,
    seconds: seconds.toFixed(1),
  });
}
console.table(rows);
console.log(`reports in ${out}`);
