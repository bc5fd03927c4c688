// Bias mitigation and intersections on screen (server-rendered, no browser) and in the wizard's
// state against a fake back end: the before/after comparison, the Fairness step's forms and the
// decision buttons, a refusal shown beside the form, the notice on Results, and both catalogs.
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import MitigationComparison from '../../src/renderer/src/report/MitigationComparison.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import type { Frame } from '../../src/engine/data/frame';
import { thresholdMitigation } from '../../src/engine/jobs/mitigate';
import { getTemplate } from '../../src/engine/templates';
import { catalogs } from '../../src/shared/i18n';
import type { FairnessMitigation } from '../../src/shared/model/fairness';
import type { Project } from '../../src/shared/model/project';
import { fakeApi, fakePlatform, fail, makeProject, ok, reportFixture, settle, view } from './fakes';

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

// The hand-computed example of tests/engine/fairness-mitigation.test.ts: rows 0–7 validation, 8–15 test.
const frame: Frame = {
  rowCount: 16,
  columns: [{ name: 'sex', type: 'categorical', values: 'a a a a b b b b a a a a b b b b'.split(' ') }],
};
const mitigation: FairnessMitigation = thresholdMitigation({
  template: {
    ...getTemplate('general'),
    favourableOutcome: 'predicted_positive',
    fairness: { differenceTolerance: 0.1, ratioTolerance: 0.8, minGroupSize: 1 },
  },
  use: { column: 'sex', usedAsFeature: true, bins: null },
  constraint: 'demographic_parity',
  frame,
  stored: {
    validationRows: [0, 1, 2, 3, 4, 5, 6, 7],
    yValidation: [1, 1, 0, 0, 1, 0, 1, 0],
    validationPredictions: [0.9, 0.8, 0.7, 0.2, 0.6, 0.4, 0.3, 0.1],
    testRows: [8, 9, 10, 11, 12, 13, 14, 15],
    yTest: [1, 0, 1, 0, 1, 0, 0, 0],
    predictions: [0.95, 0.76, 0.74, 0.5, 0.36, 0.34, 0.8, 0.2],
  },
  threshold: 0.5,
  classes: ['no', 'yes'],
  now: new Date('2025-01-01T00:00:00Z'),
});

const show = (m: FairnessMitigation) => {
  const html = render(MitigationComparison, { props: { mitigation: m } }).body;
  return { html, out: text(html) };
};

describe('the before/after comparison', () => {
  it('whole test split, per group, summary differences and the thresholds', () => {
    const { html, out } = show(mitigation);
    expect(html).toContain('data-testid="mitigation-comparison"');
    expect(out).toContain('Mitigation: per-group thresholds on sex');
    expect(out).toContain('Not applied yet');
    expect(out).toContain('Accuracy 0.500 0.625 +0.125');
    expect(out).toContain('No cost: accuracy rose by 12.5 percentage points.');
    expect(out).toContain('ROC AUC is unchanged');
    // Group a: n 4, selection 1 → .5, TPR 1 → .5, FPR 1 → .5, accuracy .5 → .5, threshold .75.
    expect(out).toContain('a 4 1.000 0.500 1.000 0.500 1.000 0.500 0.500 0.500 0.750');
    expect(out).toContain('Demographic parity difference 0.750 0.000 −0.750');
    expect(out).toContain('equal selection rates (demographic parity)');
  });

  it('a cost in accuracy is said as one; applied and declined are said', () => {
    const costly = {
      ...mitigation,
      status: 'applied' as const,
      overallAfter: { ...mitigation.overallAfter, accuracy: 0.4 },
      accuracyCost: 0.1,
    };
    expect(show(costly).out).toContain('Cost: 10.0 percentage points of accuracy.');
    expect(show(costly).out).toContain('Applied: the mitigated model is the model in use.');
    expect(show({ ...mitigation, status: 'declined' }).out).toContain('Not applied: the original model was kept.');
  });

  it('Chinese', () => {
    setLocale('zh');
    const { out } = show(mitigation);
    expect(out).toContain('偏差缓解：对sex采用分组阈值');
    expect(out).toContain('整个测试集');
  });

  it('the report prints the comparison after the attributes', () => {
    const report = { ...reportFixture(), mitigation: { ...mitigation, status: 'applied' as const } };
    const out = text(render(Report, { props: { report } }).body);
    expect(out).toContain('Mitigation: per-group thresholds on sex');
    expect(out).toContain('Differences between groups, before and after');
  });
});

/** The Fairness (or Results) step of `project`, server-rendered. */
function page(project: Project, step: 'fairness' | 'results' = 'fairness'): { html: string; out: string } {
  const w = new WizardState(fakePlatform(fakeApi().api));
  w.info = { version: '0.1.0', transport: 'web', platform: 'linux', projectsDir: '/p', samples: [] };
  w.view = view(project);
  w.step = step;
  const html = render(App, { props: { state: w } }).body;
  return { html, out: text(html) };
}

const binary = (extra: Partial<Project> = {}): Project => {
  const p = makeProject('model', { sensitive: ['sex'] });
  return { ...p, model: { ...p.model!, classes: ['no', 'yes'] }, fairness: [mitigation.before], ...extra };
};

describe('Fairness step', () => {
  it('a binary model offers intersections and mitigation (attribute, method, what to equalize)', () => {
    const { html, out } = page(binary());
    expect(html).toContain('data-testid="intersection-add"');
    expect(out).toContain('Intersections');
    expect(html).toContain('data-testid="mitigation-form"');
    expect(html).toContain('data-testid="mitigation-method"');
    expect(html).toContain('data-testid="mitigation-constraint"');
    expect(out).toContain('Try mitigation');
    expect(html).not.toContain('data-testid="mitigation-result"');
  });

  it('a proposed mitigation shows the comparison with Use and Keep', () => {
    const { html } = page(binary({ mitigation: { result: mitigation, candidate: null } }));
    expect(html).toContain('data-testid="mitigation-result"');
    expect(html).toContain('data-testid="mitigation-use"');
    expect(html).toContain('data-testid="mitigation-keep"');
  });

  it('an applied mitigation: no second one is offered, and Results says the model is mitigated', () => {
    const applied = { ...mitigation, status: 'applied' as const };
    const p = binary({ mitigation: { result: applied, candidate: null } });
    const project = { ...p, model: { ...p.model!, mitigation: applied } };
    const { html } = page(project);
    expect(html).toContain('data-testid="mitigation-applied-note"');
    expect(html).not.toContain('data-testid="mitigation-run"');
    expect(html).not.toContain('data-testid="mitigation-use"');
    const results = page(project, 'results');
    expect(results.html).toContain('data-testid="mitigation-notice"');
    expect(results.out).toContain(
      'Bias mitigation is applied: per-group thresholds on sex. Test accuracy 0.500 → 0.625',
    );
  });

  it('no mitigation form for a regression model', () => {
    const p = binary();
    const { html } = page({ ...p, model: { ...p.model!, record: { ...p.model!.record, task: 'regression' } } });
    expect(html).not.toContain('data-testid="mitigation-form"');
  });
});

describe('wizard state', () => {
  it('mitigate: the request goes to the back end, progress is shown, the comparison arrives in the project', async () => {
    const fake = fakeApi();
    const withResult = binary({ mitigation: { result: mitigation, candidate: null } });
    let seen = false;
    fake.handlers['fairness:mitigate'] = () => {
      seen = w.mitigating && w.progress?.kind === 'fairness';
      return ok(view(withResult));
    };
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(binary());
    await w.mitigate({ method: 'group_thresholds', columns: ['sex'], constraint: 'equal_opportunity' });
    expect(fake.requests('fairness:mitigate')).toEqual([
      { method: 'group_thresholds', columns: ['sex'], constraint: 'equal_opportunity' },
    ]);
    expect(seen).toBe(true);
    expect(w.mitigating).toBe(false);
    expect(w.progress).toBeNull();
    expect(w.project!.mitigation!.result.method).toBe('group_thresholds');
  });

  it('a refusal is shown beside the mitigation form, not in the page banner', async () => {
    const fake = fakeApi();
    fake.handlers['fairness:mitigate'] = () => ({
      ok: false,
      error: {
        code: 'MITIGATION_REFUSED',
        key: 'fairness.mitigation.oneGroup',
        params: { attribute: 'gender', group: 'M', n: 16 },
      },
    });
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(binary());
    await w.mitigate({ method: 'reweighing', columns: ['gender'], constraint: 'demographic_parity' });
    expect(w.banner).toBeNull();
    expect(w.mitigationBanner?.error.key).toBe('fairness.mitigation.oneGroup');
    w.step = 'fairness';
    w.info = { version: '0.1.0', transport: 'web', platform: 'linux', projectsDir: '/p', samples: [] };
    const out = text(render(App, { props: { state: w } }).body);
    expect(out).toContain('"gender" has only one group (M, 16 rows)');
  });

  it('decideMitigation and cancelMitigation call the back end; assessing sends the intersections', async () => {
    const fake = fakeApi();
    fake.handlers['fairness:decideMitigation'] = () => ok(view(binary()));
    fake.handlers['fairness:cancelMitigation'] = () => ok({ ok: true as const });
    fake.handlers['fairness:assess'] = () => ok([mitigation.before]);
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(binary());
    await w.decideMitigation(true);
    await w.cancelMitigation();
    await w.assessFairness(['sex'], [['sex', 'age']]);
    await settle();
    expect(fake.requests('fairness:decideMitigation')).toEqual([{ use: true }]);
    expect(fake.requests('fairness:cancelMitigation')).toEqual([{}]);
    expect(fake.requests('fairness:assess')).toEqual([{ attributes: ['sex'], intersections: [['sex', 'age']] }]);
  });

  it('a failed decision is shown beside the form', async () => {
    const fake = fakeApi();
    fake.handlers['fairness:decideMitigation'] = () => fail('BUSY', { what: 'mitigation' });
    const w = new WizardState(fakePlatform(fake.api));
    w.view = view(binary());
    await w.decideMitigation(false);
    expect(w.mitigationBanner?.error.code).toBe('BUSY');
  });
});

describe('catalogs', () => {
  it('every mitigation and intersection key is in English and in Chinese (not English)', () => {
    const keys = Object.keys(catalogs.en).filter(
      (k) => k.includes('.mitigation.') || k.includes('.intersections.') || k === 'report.fairness.intersection',
    );
    expect(keys.length).toBeGreaterThanOrEqual(60);
    for (const key of keys) {
      expect(catalogs.zh[key], key).toBeDefined();
      if (!/^report\.fairness\.mitigation\.rocAuc$/.test(key)) expect(catalogs.zh[key], key).not.toBe(catalogs.en[key]);
    }
    expect(catalogs.en['errors.MITIGATION_REFUSED']).toBeDefined();
    expect(catalogs.zh['errors.MITIGATION_REFUSED']).toBeDefined();
  });
});
