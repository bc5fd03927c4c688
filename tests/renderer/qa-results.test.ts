// QA of the Results, Template & target and Privacy steps against the report: the same headline
// metrics, the same verdict against the simple baseline, task-appropriate wording, the target never
// "used as a feature", and the tick that brings a protected attribute back into the features.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import ResultsSection from '../../src/renderer/src/report/ResultsSection.svelte';
import TrainingSection from '../../src/renderer/src/report/TrainingSection.svelte';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import type { Evaluation } from '../../src/shared/model/metrics';
import type { Project, WizardStep } from '../../src/shared/model/project';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import { TemplateSchema } from '../../src/shared/model/template';
import { repoRoot } from '../helpers/paths';
import { fakeApi, fakePlatform, makeProject, ok, view } from './fakes';

const templates = readdirSync(path.join(repoRoot, 'resources', 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => TemplateSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'templates', f), 'utf8'))));

const fixture = (name: string): ReportModel =>
  ReportModelSchema.parse(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', `report-model.${name}.json`), 'utf8')),
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

/** Label → value of each headline card, in order. */
function cards(html: string): [string, string][] {
  const out: [string, string][] = [];
  const clean = html.replace(/<!--[^]*?-->/g, '');
  for (const m of clean.matchAll(
    /<div class="metric-card-label">([^<]*)<\/div>\s*<div class="metric-card-value">([^<]*)<\/div>/g,
  ))
    out.push([m[1]!.trim(), m[2]!.trim()]);
  return out;
}

/** The text of the element with `data-testid="baseline-verdict"`. */
function verdictText(html: string): string | null {
  const m = /data-testid="baseline-verdict"[^>]*>([^]*?)<\/(?:p|div)>/.exec(html);
  return m ? text(m[1]!).trim() : null;
}

function page(step: WizardStep, project: Project, setup?: (w: WizardState) => void) {
  const w = new WizardState(fakePlatform(fakeApi().api));
  w.templates = templates;
  w.view = view(project);
  w.step = step;
  setup?.(w);
  const html = render(App, { props: { state: w } }).body;
  return { html, text: text(html) };
}

/** A project holding a trained model with this evaluation and training record, under `templateId`. */
function trained(report: ReportModel, templateId: string, evaluation: Evaluation = report.evaluation): Project {
  const p = makeProject('model', { templateId });
  return { ...p, target: report.target, model: { ...p.model!, evaluation, record: report.training } };
}

/** The regression fixture's evaluation with steel's QA numbers: the network R² 0.820, linear regression 0.956. */
function steelLike(r: ReportModel): Evaluation {
  return {
    metrics: { ...r.evaluation.metrics, r2: 0.82 } as Evaluation['metrics'],
    baselines: r.evaluation.baselines.map((b) =>
      b.name === 'linear_regression' ? { ...b, metrics: { ...b.metrics, r2: 0.956 } as Evaluation['metrics'] } : b,
    ),
  };
}

afterEach(() => setLocale('en'));

describe('headline metrics of a regression (General template: ROC AUC, accuracy, F1)', () => {
  const reg = fixture('regression');
  // scikit-learn's MAE, RMSE and R² of the fixture's network (tests/fixtures/report/make_fixtures.py).
  const expected: [string, string][] = [
    ['MAE', '1,072.390'],
    ['RMSE', '1,636.997'],
    ['R²', '0.602'],
  ];

  it('fills the Results step with MAE, RMSE and R²', () => {
    expect(templates.find((t) => t.id === 'general')!.headlineMetrics).toEqual(['roc_auc', 'accuracy', 'f1']);
    const { html } = page('results', trained(reg, 'general'));
    expect(cards(html)).toEqual(expected);
  });

  it("fills the report's summary and results with the same, even from a report naming the template's", () => {
    const old = { ...reg, headlineMetrics: ['roc_auc', 'accuracy', 'f1'] } as ReportModel;
    const html = render(Report, { props: { report: old } }).body;
    expect(cards(html)).toEqual([...expected, ...expected]);
  });
});

describe('wording for the task', () => {
  it('says nothing of a positive class or a threshold for a regression or several classes', () => {
    for (const name of ['regression', 'multiclass']) {
      const r = fixture(name);
      // The fixtures' records carry threshold 0.5 for every task, as the engine used to write.
      expect(r.training.settings.threshold).toBe(0.5);
      const out = text(
        render(ResultsSection, { props: { evaluation: r.evaluation, headline: [], favourable: 'predicted_positive' } })
          .body,
      );
      expect(out).toContain('Baselines are simple models');
      expect(out).not.toMatch(/positive class|threshold/i);
      const training = text(render(TrainingSection, { props: { training: r.training } }).body);
      expect(training).not.toContain('Decision threshold');
    }
    const binary = fixture('binary');
    expect(text(render(TrainingSection, { props: { training: binary.training } }).body)).toContain(
      'Decision threshold',
    );
  });
});

describe('verdict against the simple baseline: one sentence on the Results step and in the report', () => {
  it('regression: linear regression R² 0.956 against 0.820 says "consider using it instead" on both', () => {
    const reg = fixture('regression');
    const evaluation = steelLike(reg);
    const screen = verdictText(page('results', trained(reg, 'general', evaluation)).html);
    const pdf = verdictText(
      render(ResultsSection, { props: { evaluation, headline: [], favourable: 'predicted_positive' } }).body,
    );
    expect(screen).toBe(
      "A simpler baseline, Linear regression, does as well or better on the same test rows (R² 0.956 against the neural network's 0.820); consider using it instead.",
    );
    expect(pdf).toBe(screen);
  });

  it('binary: the network ahead of logistic regression (fixture: 0.811 against 0.800) says so on both', () => {
    const bin = fixture('binary');
    const screen = verdictText(page('results', trained(bin, 'finance')).html);
    expect(screen).toContain('Logistic regression, reaches ROC AUC 0.800');
    expect(screen).toContain('adds +0.011');
    expect(
      verdictText(
        render(ResultsSection, {
          props: { evaluation: bin.evaluation, headline: [], favourable: 'predicted_negative' },
        }).body,
      ),
    ).toBe(screen);
    // The report's summary (the engine's sentence, from the same function) reads the same.
    expect(text(render(Report, { props: { report: bin } }).body)).toContain(screen!);
  });
});

describe("the Privacy step: the target's part and what a model does not yet decide", () => {
  const bin = fixture('binary');
  // The scan as the engine stores it: no roles, and only direct identifiers kept out of any model.
  const scan = {
    ...bin.privacy,
    columns: bin.privacy.columns.map((c) => ({ ...c, excludedFromFeatures: c.class === 'direct_identifier' })),
  };
  const row = (html: string, column: string) =>
    text(new RegExp(`data-testid="privacy-use" data-column="${column}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '').trim();

  it('before training: the target reads "target", an identifier "will be left out", no column "used as a feature"', () => {
    const p = { ...makeProject('target', { privacy: scan }), target: 'personal_status' };
    const { html, text: out } = page('privacy', p);
    expect(row(html, 'personal_status')).toBe('target: what the model predicts');
    expect(row(html, 'email')).toBe('will be left out');
    expect(row(html, 'postcode')).toBe('settled when the model is trained');
    expect(out).not.toContain('used as a feature');
    expect(out).toContain('In the model (once trained)');
  });

  it('with a model: the target still reads "target", the rest as the model used them', () => {
    const base = makeProject('model', { privacy: scan });
    const p = { ...base, target: 'age', model: { ...base.model!, features: ['postcode', 'duration'] } };
    const { html } = page('privacy', p);
    expect(row(html, 'age')).toBe('target: what the model predicts');
    expect(row(html, 'postcode')).toBe('used as a feature');
    expect(row(html, 'email')).toBe('excluded');
  });
});

describe('Template & target: a protected attribute kept out of the model can be ticked in', () => {
  const suggestions = {
    targets: ['class'],
    targetLabels: [],
    positiveClass: 'bad',
    task: 'binary' as const,
    sensitive: [
      { column: 'personal_status', label: { en: 'Marital status', zh: '婚姻状况' }, useAsFeature: false },
      { column: 'foreign_worker', label: { en: 'National origin', zh: '国籍' }, useAsFeature: false },
    ],
  };
  const tick = (html: string, column: string) =>
    new RegExp(`<input[^>]*data-testid="include-feature"[^>]*data-column="${column}"[^>]*>`).exec(html)?.[0] ?? '';

  it('shows each as "not used as a feature" with an unticked box, and ticked as "your choice"', () => {
    const before = page(
      'target',
      makeProject('target', { templateId: 'finance' }),
      (w) => (w.suggestions = suggestions),
    );
    expect(tick(before.html, 'foreign_worker')).not.toMatch(/\bchecked\b/);
    expect(before.text).toContain('foreign_worker (National origin) not used as a feature');
    const after = page(
      'target',
      makeProject('target', { templateId: 'finance', settings: { includeColumns: ['foreign_worker'] } }),
      (w) => (w.suggestions = suggestions),
    );
    expect(tick(after.html, 'foreign_worker')).toMatch(/\bchecked\b/);
    expect(tick(after.html, 'personal_status')).not.toMatch(/\bchecked\b/);
    expect(after.text).toContain('foreign_worker (National origin) used as a feature (your choice)');
  });

  it('saves the tick as the training setting includeColumns, and unticking removes it', async () => {
    let current = makeProject('target', { templateId: 'finance', settings: { maxEpochs: 7 } });
    const fake = fakeApi({
      'project:update': (patch) => {
        current = { ...current, ...(patch.settings ? { settings: patch.settings } : {}) };
        return ok(view(current));
      },
    });
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(current);
    await w.setIncluded('foreign_worker', true);
    expect(w.includedColumns()).toEqual(['foreign_worker']);
    await w.setIncluded('foreign_worker', false);
    expect(fake.requests('project:update').map((u) => u.settings)).toEqual([
      { maxEpochs: 7, includeColumns: ['foreign_worker'] },
      { maxEpochs: 7 },
    ]);
    w.dispose();
  });
});
