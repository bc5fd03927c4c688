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
function page(project: Project, step: 'fairness' | 'results' | 'export' = 'fairness'): { html: string; out: string } {
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

/** The hand-computed run with the targeted difference on the test rows rising, as on the sample (QA). */
const notHelped: FairnessMitigation = {
  ...mitigation,
  after: { ...mitigation.after, summary: { ...mitigation.after.summary!, demographicParityDifference: 0.8 } },
};

describe('whether the mitigation helped (QA)', () => {
  it('a mitigation that made the targeted difference worse says so above the tables', () => {
    const { html, out } = show(notHelped);
    expect(html).toContain('data-outcome="not_helped"');
    expect(out).toContain(
      'Did not help on the test rows This mitigation did not help on the test rows: Demographic parity difference 0.750 → 0.800.',
    );
    expect(out).toContain('The thresholds chosen on 8 validation rows did not carry over to the test rows.');
    expect(out).toContain('Keeping the current model is recommended.');
    expect(out.indexOf('Did not help')).toBeLessThan(out.indexOf('Whole test split'));
    // The original run helped: said too, without a warning.
    const helped = show(mitigation);
    expect(helped.html).toContain('data-outcome="helped"');
    expect(helped.out).toContain('Demographic parity difference fell on the test rows: 0.750 → 0.000.');
  });

  it('the Fairness step makes keeping the current model the primary choice when it did not help', () => {
    const { html, out } = page(binary({ mitigation: { result: notHelped, candidate: null } }));
    expect(html).toContain('data-recommend="keep"');
    const keep = html.indexOf('data-testid="mitigation-keep"');
    const use = html.indexOf('data-testid="mitigation-use"');
    expect(keep).toBeGreaterThan(-1);
    expect(keep).toBeLessThan(use);
    expect(html.slice(html.lastIndexOf('<button', keep), keep)).toContain('button-primary');
    expect(html.slice(html.lastIndexOf('<button', use), use)).not.toContain('button-primary');
    expect(out).toContain('Keep the current model');
    expect(out).toContain('Use anyway');
    expect(out).not.toContain('Use the mitigated model');
    // A mitigation that helped keeps "Use the mitigated model" first.
    expect(page(binary({ mitigation: { result: mitigation, candidate: null } })).html).toContain(
      'data-recommend="use"',
    );
  });

  it('adopted anyway: Results and the report say it did not help, and the verdict no longer suggests mitigation', () => {
    const applied = { ...notHelped, status: 'applied' as const };
    const p = binary({ mitigation: { result: applied, candidate: null } });
    const project = { ...p, model: { ...p.model!, mitigation: applied } };
    const results = page(project, 'results');
    expect(results.html).toContain('data-outcome="not_helped"');
    expect(results.out).toContain(
      'This mitigation did not help on the test rows: Demographic parity difference 0.750 → 0.800',
    );
    expect(results.out).toContain('Thresholds in use: a 0.750, b 0.350.');
    const fairness = page(project);
    expect(fairness.out).toContain('Outside tolerance even with the mitigation in use (per-group thresholds on sex)');
    expect(fairness.out).not.toContain('consider mitigation');

    const report = { ...reportFixture(), mitigation: applied };
    const out = text(render(Report, { props: { report } }).body);
    // The PDF's Results section carries the notice, before the fairness section.
    const notice = out.indexOf('Bias mitigation is applied: per-group thresholds on sex');
    expect(notice).toBeGreaterThan(-1);
    expect(notice).toBeLessThan(out.indexOf('Mitigation: per-group thresholds on sex'));
    expect(out).toContain('This mitigation did not help on the test rows');
  });

  it('Export: the model package and scoring say they use the single threshold, not the per-group ones', () => {
    const applied = { ...mitigation, status: 'applied' as const };
    const p = binary({ mitigation: { result: applied, candidate: null } });
    const project = { ...p, model: { ...p.model!, mitigation: applied } };
    const { html, out } = page(project, 'export');
    expect(html).toContain('data-testid="model-package-group-thresholds"');
    expect(out).toContain(
      'The model in use decides with per-group thresholds on sex (bias mitigation): a 0.750; b 0.350.',
    );
    expect(out).toContain('score at the single threshold 0.500 and do not apply them');
    expect(page(binary(), 'export').html).not.toContain('model-package-group-thresholds');
  });
});

describe('threshold wording (QA)', () => {
  it('said from the actual thresholds, in the favourable outcome’s terms', () => {
    const { out } = show(mitigation);
    expect(out).toContain(
      'A row gets “yes” when its probability of “yes” is at least its group’s threshold (the model’s own threshold is 0.500).',
    );
    expect(out).toContain('validation split’s overall rate, 0.500: a 0.750, b 0.350.');
    // A group whose threshold stayed at the model's is not said to have moved.
    const kept = {
      ...mitigation,
      thresholds: [
        { group: 'a', threshold: 0.75, validationN: 4, adjusted: true },
        { group: 'b', threshold: 0.5, validationN: 4, adjusted: true },
      ],
    };
    const k = show(kept).out;
    expect(k).not.toContain('Every group was moved');
    expect(k).toContain('overall rate, 0.500: a 0.750.');
    expect(k).toContain('Kept the model’s threshold, already the closest to that rate: b.');
    // Favourable = the negative class (credit: “good”, the model scores “bad”).
    const negative = {
      ...mitigation,
      before: { ...mitigation.before, favourableOutcome: 'predicted_negative' as const, favourableLabel: 'good' },
    };
    expect(
      text(render(MitigationComparison, { props: { mitigation: negative, positiveLabel: 'bad' } }).body),
    ).toContain('A row gets “good” when its probability of “bad” is below its group’s threshold');
  });
});

describe('Fairness step: attributes whose groups cannot be compared (QA)', () => {
  it('are not offered for mitigation, with the reason', () => {
    const age = {
      ...mitigation.before,
      attribute: 'age',
      comparisonPossible: false,
      notComparableReason: 'fairness.tooFewLargeGroups',
      summary: null,
      verdict: 'not_comparable' as const,
    };
    const { html, out } = page(binary({ fairness: [age, mitigation.before] }));
    expect(html).toMatch(/<option value="age" disabled[^>]*>age \(groups cannot be compared\)<\/option>/);
    expect(out).toContain('Not offered for age: fewer than two groups of "age" are large enough to be judged.');
    // Only non-comparable ones: nothing to run.
    const none = page(binary({ fairness: [age] }));
    expect(none.html).toContain('data-testid="mitigation-none-comparable"');
    expect(none.html).toMatch(/data-testid="mitigation-run"[^>]*disabled/);
  });

  it('the verdict comes before the group table for every attribute, comparable or not', () => {
    const age = {
      ...mitigation.before,
      attribute: 'age',
      comparisonPossible: false,
      notComparableReason: 'fairness.tooFewLargeGroups',
      summary: null,
      verdict: 'not_comparable' as const,
    };
    const { html } = page(binary({ fairness: [mitigation.before, age] }));
    const blocks = html.split('class="fairness-attribute"').slice(1);
    expect(blocks).toHaveLength(2);
    for (const b of blocks) {
      expect(b.indexOf('class="verdict ')).toBeGreaterThan(-1);
      expect(b.indexOf('class="verdict ')).toBeLessThan(b.indexOf('<table'));
    }
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
