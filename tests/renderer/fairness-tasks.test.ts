// Fairness of multiclass and regression models in the report's components and the wizard's
// Fairness step (server-rendered, no browser), and the wizard's favourable-class choice against a
// fake back end: what each task shows, and that what a task does not define is said, not hidden.
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import FairnessAttribute from '../../src/renderer/src/report/FairnessAttribute.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import { assessFairness, assessMulticlassFairness, assessRegressionFairness } from '../../src/engine/fairness';
import { catalogs } from '../../src/shared/i18n';
import type { FairnessAttributeReport } from '../../src/shared/model/fairness';
import type { Project } from '../../src/shared/model/project';
import { fail, fakeApi, fakePlatform, makeProject, ok, reportFixture, settle, view } from './fakes';

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

afterEach(() => setLocale('en'));

const tolerance = { difference: 0.1, ratio: 0.8, minGroupSize: 2 };
const base = { attribute: 'sex', usedAsFeature: true, bins: null, tolerance, bootstrap: null } as const;
const groups = 'f f f f m m m m m'.split(' ');
const multiclass = (favourableClass: string | null) =>
  assessMulticlassFairness({
    ...base,
    groups,
    classes: ['low', 'mid', 'high'],
    yTrue: [0, 1, 2, 0, 0, 1, 1, 2, 2],
    yPred: [0, 1, 1, 2, 0, 0, 1, 2, 2],
    favourableClass,
  });
const regression = assessRegressionFairness({
  ...base,
  groups,
  yTrue: [10, 20, 30, 40, 50, 60, 70, 80, 90],
  yPred: [12, 18, 33, 40, 40, 66, 70, 88, 90],
});

const show = (attribute: FairnessAttributeReport) => {
  const html = render(FairnessAttribute, { props: { attribute } }).body;
  return { html, out: text(html) };
};

describe('fairness attribute by task', () => {
  it('binary: the rate columns sit under a heading naming the favourable outcome, with a legend', () => {
    const r = assessFairness({
      ...base,
      groups,
      yTrue: [1, 0, 1, 1, 0, 0, 1, 0, 1],
      yPred: [1, 0, 0, 1, 0, 1, 1, 0, 0],
      favourableOutcome: 'predicted_negative',
      favourableLabel: 'good',
    });
    const { out } = show(r);
    expect(out).toContain('Rates of “good” Accuracy ROC AUC Base rate Selection rate TPR FPR Precision');
    expect(out).toContain('TPR = share of the truly “good” predicted “good”');
    expect(out).toContain('Equalized odds difference');
  });

  it('multiclass without a favourable class: share predicted as each class; binary-only metrics said to be absent', () => {
    const { out, html } = show(multiclass(null));
    expect(html).toContain('data-task="multiclass"');
    expect(out).toContain('Accuracy Share predicted as low mid high');
    expect(out).toContain('Accuracy difference (max − min)');
    expect(out).toContain('Share predicted “mid”: difference (max − min)');
    expect(out).toContain('not computed for a model with 3 classes');
    expect(out).toContain('Accuracy per group');
    expect(out).toContain('Compared, not judged against a tolerance: no class is marked favourable');
    for (const absent of ['Demographic parity', 'Equalized odds', 'Four-fifths', 'Within tolerance', 'TPR FPR'])
      expect(out).not.toContain(absent);
  });

  it('multiclass with a favourable class: its base and selection rates, demographic parity, four-fifths, verdict', () => {
    const r = multiclass('mid');
    const { out } = show(r);
    expect(out).toContain('Accuracy Rates of “mid” Base rate Selection rate');
    expect(out).toContain('Favourable outcome: predicted “mid”, one class against the rest');
    expect(out).toContain('Demographic parity difference');
    expect(out).toContain(r.summary!.demographicParityDifference!.toFixed(3));
    expect(out).toContain('Four-fifths rule');
    expect(out).toContain('Selection rate per group');
    expect(out).toContain('Outside tolerance');
    expect(out).not.toContain('Equalized odds');
  });

  it('regression: mean actual, mean prediction, MAE, RMSE and their differences; no rates, not judged', () => {
    const { out } = show(regression);
    expect(out).toContain('Mean actual Mean prediction MAE RMSE');
    expect(out).toContain('MAE difference (max − min)');
    expect(out).toContain('Mean absolute error per group');
    expect(out).toContain('not defined for a numeric target');
    expect(out).toContain('Compared, not judged against a tolerance: the template');
    expect(out).toContain('f 4 44.4% 25.000 25.750 1.750 2.062');
    for (const absent of ['Selection rate per group', 'Demographic parity difference', 'Four-fifths rule', 'Base rate'])
      expect(out).not.toContain(absent);
  });

  it('Chinese: the same sections, from the zh catalog', () => {
    setLocale('zh');
    expect(show(regression).out).toContain('平均真实值');
    expect(show(multiclass(null)).out).toContain('被预测为各类别的比例');
  });

  it('the whole report draws a multiclass model’s fairness', () => {
    const report = { ...reportFixture(), fairness: [multiclass(null)] };
    const out = text(render(Report, { props: { report } }).body);
    expect(out).toContain('By sex');
    expect(out).toContain('Accuracy Share predicted as low mid high');
  });
});

/** The Fairness step of `project`, server-rendered. */
function fairnessPage(project: Project): { html: string; out: string } {
  const w = new WizardState(fakePlatform(fakeApi().api));
  w.info = { version: '0.1.0', transport: 'web', platform: 'linux', projectsDir: '/p', samples: [] };
  w.view = view(project);
  w.step = 'fairness';
  const html = render(App, { props: { state: w } }).body;
  return { html, out: text(html) };
}

function withTask(task: 'multiclass' | 'regression', fairness: FairnessAttributeReport[]): Project {
  const p = makeProject('model', { sensitive: ['sex'] });
  return {
    ...p,
    model: {
      ...p.model!,
      record: { ...p.model!.record, task },
      classes: task === 'multiclass' ? ['low', 'mid', 'high'] : [],
    },
    fairness,
  };
}

describe('Fairness step by task', () => {
  it('multiclass: a favourable-class choice (none, or each class), no binary choice, and the report', () => {
    const { html, out } = fairnessPage(withTask('multiclass', [multiclass(null)]));
    expect(html).toContain('data-testid="fairness-favourable-class"');
    expect(html).not.toContain('data-testid="fairness-favourable"');
    expect(out).toContain('none: compare every class');
    for (const c of ['low', 'mid', 'high']) expect(out).toContain(`predicted "${c}"`);
    expect(html).toContain('data-verdict="not_judged"');
    expect(out).toContain('compared, not judged');
    expect(out).toContain('Share predicted as');
  });

  it('regression: says there is no favourable outcome, and shows the errors by group', () => {
    const { html, out } = fairnessPage(withTask('regression', [regression]));
    expect(html).toContain('data-testid="fairness-regression-note"');
    expect(html).not.toContain('data-testid="fairness-favourable');
    expect(out).toContain('there is no favourable outcome');
    expect(out).toContain('MAE difference');
  });
});

describe('choosing the favourable class', () => {
  it('saves it in the project, assesses again and shows the new reports', async () => {
    const fake = fakeApi();
    let project = withTask('multiclass', [multiclass(null)]);
    fake.handlers['project:update'] = (patch) => {
      project = { ...project, ...patch, fairness: [] } as Project;
      return ok(view(project));
    };
    fake.handlers['fairness:assess'] = () => ok([multiclass('mid')]);
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(project);
    await w.setFavourableClass('mid', ['sex']);
    await settle();
    expect(fake.requests('project:update')).toEqual([{ favourableClass: 'mid' }]);
    expect(fake.requests('fairness:assess')).toEqual([{ attributes: ['sex'] }]);
    expect(w.fairnessView()[0]!.favourableLabel).toBe('mid');
    expect(w.banner).toBeNull();
  });

  it('a failed assessment is shown in the banner, with Retry', async () => {
    const fake = fakeApi();
    fake.handlers['fairness:assess'] = () => fail('NO_MODEL');
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(withTask('multiclass', []));
    await w.assessFairness(['sex']);
    expect(w.banner?.error.code).toBe('NO_MODEL');
    expect(w.banner?.retry).not.toBeNull();
  });
});

describe('catalogs', () => {
  it('every key the fairness components and step use for other tasks is in English and Chinese', () => {
    const keys = [
      'report.fairness.verdict.not_judged',
      'report.fairness.reason.not_for_task',
      'report.fairness.reason.no_favourable_class',
      'report.fairness.ratesOf',
      'report.fairness.legend',
      'report.fairness.predictedAsHeader',
      'report.fairness.favourableMulticlass',
      'report.fairness.noFavourableMulticlass',
      'report.fairness.binaryOnlyNote',
      'report.fairness.regressionIntro',
      'report.fairness.regressionNoRates',
      ...['meanActual', 'meanPrediction', 'mae', 'rmse'].flatMap((k) => [
        `report.fairness.${k}`,
        `report.fairness.${k}Diff`,
      ]),
      'report.fairness.predictionRateDiff',
      'report.fairness.chartAccuracy',
      'report.fairness.chartMae',
      'report.fairness.toleranceMin',
      'fairness.notJudged.regression',
      'fairness.notJudged.noFavourableClass',
      'fairness.favourableClassUnknown',
      'summary.fairness.notJudged',
      'summary.fairness.withinSelection',
      'summary.fairness.outsideSelection',
      'wizard.fairness.short.not_judged',
      'wizard.fairness.favourableClass',
      'wizard.fairness.favourableClassNone',
      'wizard.fairness.regressionNote',
    ];
    for (const key of keys) {
      expect(catalogs.en[key], key).toBeDefined();
      expect(catalogs.zh[key], key).toBeDefined();
    }
  });
});

describe('groups too small to compare', () => {
  it('say what would help, not only that nothing can be compared', () => {
    // Groups f (4 rows) and m (5 rows) against a minimum of 5: only m is large enough.
    const r = assessFairness({
      ...base,
      tolerance: { ...tolerance, minGroupSize: 5 },
      groups,
      yTrue: [1, 0, 1, 1, 0, 0, 1, 0, 1],
      yPred: [1, 0, 0, 1, 0, 1, 1, 0, 0],
      favourableOutcome: 'predicted_negative',
      favourableLabel: 'good',
    });
    expect(r.notComparableReason).toBe('fairness.tooFewLargeGroups');
    const { html, out } = show(r);
    expect(html).toContain('data-testid="fairness-small-hint"');
    expect(out).toContain(
      'A group is judged only with at least 5 rows in the test split; only 1 of the 2 groups reach it.',
    );
  });
});
