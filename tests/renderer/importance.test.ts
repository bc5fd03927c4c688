// The permutation feature importance and the small-test-split warning on the wizard's Results step
// and in the report's results section: the same sentence on both, the top 10 columns as bars with
// their spread, the columns that do not help, and no baseline recommended on two test rows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import ResultsSection from '../../src/renderer/src/report/ResultsSection.svelte';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import type { BinaryMetrics, Evaluation, PermutationImportance } from '../../src/shared/model/metrics';
import type { Project } from '../../src/shared/model/project';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import { TemplateSchema } from '../../src/shared/model/template';
import { repoRoot } from '../helpers/paths';
import { fakeApi, fakePlatform, makeProject, view } from './fakes';

const templates = readdirSync(path.join(repoRoot, 'resources', 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => TemplateSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'templates', f), 'utf8'))));

const binary = ReportModelSchema.parse(
  JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', 'report-model.binary.json'), 'utf8')),
);

function text(html: string): string {
  return html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The chart's accessible label (its values as text). */
function chartLabel(html: string): string {
  const m = /data-testid="importance"[^]*?role="img" aria-label="([^"]*)"/.exec(html);
  return m ? text(m[1]!) : '';
}

// Twelve columns: German credit's, with checking_status clearly first and two that do not help.
const importance: PermutationImportance = {
  metric: 'roc_auc',
  repeats: 5,
  rows: 200,
  seed: 42,
  columns: [
    { column: 'checking_status', mean: 0.08, std: 0.01 },
    { column: 'duration', mean: 0.031, std: 0.008 },
    { column: 'credit_history', mean: 0.024, std: 0.006 },
    { column: 'purpose', mean: 0.018, std: 0.005 },
    { column: 'savings_status', mean: 0.012, std: 0.004 },
    { column: 'credit_amount', mean: 0.01, std: 0.004 },
    { column: 'age', mean: 0.008, std: 0.003 },
    { column: 'employment', mean: 0.006, std: 0.003 },
    { column: 'housing', mean: 0.004, std: 0.002 },
    { column: 'job', mean: 0.002, std: 0.002 },
    { column: 'telephone', mean: 0, std: 0.001 },
    { column: 'own_telephone', mean: -0.003, std: 0.002 },
  ],
};
const withImportance: Evaluation = { ...binary.evaluation, importance };
const SENTENCE =
  'Shuffling "checking_status" lowers the ROC AUC by 0.080 on the test rows: the model relies on it most.';

function resultsStep(evaluation: Evaluation): string {
  const p = makeProject('model', { templateId: 'finance' });
  const project: Project = { ...p, target: binary.target, model: { ...p.model!, evaluation, record: binary.training } };
  const w = new WizardState(fakePlatform(fakeApi().api));
  w.templates = templates;
  w.view = view(project);
  w.step = 'results';
  return render(App, { props: { state: w } }).body;
}

const section = (evaluation: Evaluation) =>
  render(ResultsSection, { props: { evaluation, headline: [], favourable: 'predicted_negative' } }).body;

afterEach(() => setLocale('en'));

describe('permutation feature importance', () => {
  it('the Results step and the report show the same sentence, the top 10 bars with ± std, and what does not help', () => {
    for (const html of [resultsStep(withImportance), section(withImportance)]) {
      expect(html).toContain('data-testid="importance"');
      const out = text(html);
      expect(out).toContain('Which columns the model relies on');
      expect(out).toContain(SENTENCE);
      const label = chartLabel(html);
      expect(label).toContain('checking_status 0.080 ± 0.010');
      expect(label).toContain('job 0.002 ± 0.002');
      // Only the top 10 are drawn; the note says so.
      expect(label).not.toContain('telephone');
      expect(out).toContain('The 10 columns with the largest drop of 12 are shown.');
      expect(out).toContain(
        '2 columns do not help the model: shuffling does not lower the ROC AUC (telephone, own_telephone).',
      );
      expect(out).toContain('on 200 test rows');
    }
  });

  it('is part of the printed report, and in Chinese there', () => {
    const report: ReportModel = { ...binary, evaluation: withImportance };
    expect(text(render(Report, { props: { report } }).body)).toContain(SENTENCE);
    setLocale('zh');
    const zh = text(section(withImportance));
    expect(zh).toContain('打乱“checking_status”一列后，测试数据上的 ROC AUC 下降 0.080：模型最依赖这一列。');
    expect(zh).toContain('模型依赖哪些列');
  });

  it('says no column helps when no shuffle lowers the score, and shows nothing for an older evaluation', () => {
    const flat: Evaluation = {
      ...binary.evaluation,
      importance: { ...importance, columns: importance.columns.map((c) => ({ ...c, mean: -Math.abs(c.mean) })) },
    };
    expect(text(section(flat))).toContain(
      'Shuffling any one column does not lower the ROC AUC on the test rows: no single column helps the model on its own.',
    );
    expect(section(binary.evaluation)).not.toContain('data-testid="importance"');
  });
});

describe('a test split of 2 rows', () => {
  const tiny: Evaluation = {
    ...binary.evaluation,
    metrics: {
      ...(binary.evaluation.metrics as BinaryMetrics),
      n: 2,
      rocAuc: 0,
      confusion: { tp: 0, fn: 1, fp: 1, tn: 0 },
    },
  };

  it('is said prominently on both, with no baseline recommended', () => {
    for (const html of [resultsStep(tiny), section(tiny)]) {
      expect(html).toContain('data-testid="small-test"');
      expect(text(html)).toContain('Only 2 test rows: these numbers are not reliable');
      expect(html).not.toContain('data-testid="baseline-verdict"');
      expect(text(html)).not.toContain('consider using it instead');
    }
  });
});

describe('a test score too good to be true', () => {
  it('names the columns the model relies on most (drop ≥ 0.01, at most three) on the Results step', () => {
    const leaky: Evaluation = {
      ...withImportance,
      metrics: { ...(binary.evaluation.metrics as BinaryMetrics), rocAuc: 0.999 },
    };
    const out = text(resultsStep(leaky));
    expect(out).toContain('Too good to be true?');
    expect(out).toContain(
      'The model relies most on checking_status, duration, credit_history: if any of them is only known after the outcome',
    );
    expect(text(resultsStep(withImportance))).not.toContain('The model relies most on');
  });
});
