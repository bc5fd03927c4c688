// The Privacy step and the report's privacy section with a risk assessment: the risk before and
// after cleaning in words and numbers, the regulation checklist, the health-data note, the recipe
// buttons (asking before they discard a model), and the choice of quasi-identifiers and k.
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.svelte';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import PrivacySection from '../../src/renderer/src/report/PrivacySection.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import { WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import type { Request } from '../../src/shared/ipc/contract';
import { PrivacyAssessmentSchema, type PrivacyAssessment, type RiskSummary } from '../../src/shared/model/privacy';
import { ProjectSchema, type Project } from '../../src/shared/model/project';
import type { Locale } from '../../src/shared/model/report';
import type { RecipeStep } from '../../src/shared/model/recipe';
import { fakeApi, fakePlatform, makeProject, ok, reportFixture, view, type FakeApi } from './fakes';

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

const risk = (over: Partial<RiskSummary>): RiskSummary => ({
  quasiIdentifiers: ['postcode', 'age'],
  rows: 1000,
  classes: 640,
  k: 1,
  belowK: { records: 820, share: 0.82 },
  unique: { records: 120, share: 0.12 },
  prosecutor: { highest: 1, lowest: 0.05, average: 0.64, recordsAtRisk: 0.82 },
  lDiversity: [{ column: 'personal_status', l: 1, homogeneous: { records: 300, share: 0.3 } }],
  ...over,
});

/** An assessment of the report fixture's columns, as the back end answers `privacy:assess`. */
function assessment(over: Partial<PrivacyAssessment> = {}): PrivacyAssessment {
  return PrivacyAssessmentSchema.parse({
    quasiIdentifiers: ['postcode', 'age'],
    defaultQuasiIdentifiers: ['postcode', 'age'],
    k: 5,
    kSource: 'default',
    sensitive: ['personal_status'],
    before: risk({}),
    after: risk({
      k: 7,
      classes: 40,
      belowK: { records: 0, share: 0 },
      unique: { records: 0, share: 0 },
      prosecutor: { highest: 1 / 7, lowest: 0.01, average: 0.04, recordsAtRisk: 0 },
    }),
    removedByRecipe: [],
    healthData: false,
    checklist: [
      {
        regulation: 'GDPR',
        items: [
          { id: 'gdpr.lawful_basis', status: 'to_confirm', detail: { key: 'privacy.check.confirm' } },
          {
            id: 'gdpr.minimisation',
            status: 'not_met',
            detail: { key: 'privacy.check.direct_not_features.not_met', params: { columns: 'email' } },
          },
          {
            id: 'gdpr.k_anonymity',
            status: 'met',
            detail: { key: 'privacy.check.k_anonymity.met', params: { k: 7, threshold: 5 } },
          },
        ],
      },
    ],
    offers: [
      { column: 'email', kind: 'drop', step: { op: 'drop_column', column: 'email' }, applied: false },
      { column: 'phone', kind: 'drop', step: { op: 'drop_column', column: 'phone' }, applied: true },
      { column: 'age', kind: 'generalize', step: { op: 'bin', column: 'age', edges: [25, 45, 65] }, applied: false },
    ],
    ...over,
  });
}

const r = reportFixture();

function page(a: PrivacyAssessment | null, locale: Locale = 'en'): { html: string; text: string } {
  setLocale(locale);
  const w = new WizardState(fakePlatform(fakeApi().api));
  w.view = view(makeProject('model', { privacy: r.privacy }));
  w.step = 'privacy';
  w.privacyAssessment = a;
  const html = render(App, { props: { state: w } }).body;
  return { html, text: text(html) };
}

describe('Privacy step', () => {
  it('shows the risk in words and numbers, before and after cleaning, and the checklist', () => {
    const { html, text: out } = page(assessment());
    expect(out).toContain(
      'As imported: 12.0% of the records are unique on postcode, age: anyone who knows these 2 facts about a person can find their row.',
    );
    expect(out).toContain('After cleaning: Every combination of postcode, age is shared by at least 7 records');
    expect(html).toMatch(/data-testid="privacy-k-before"[^>]*>1</);
    expect(html).toMatch(/data-testid="privacy-k-after"[^>]*>7</);
    expect(out).toContain('Records in classes smaller than 5 820 (82.0%) 0 (0.0%)');
    expect(out).toContain('Distinct ℓ-diversity of personal_status 1 (30.0% of records in classes with one value)');
    expect(out).toContain('GDPR (EU General Data Protection Regulation)');
    expect(out).toContain(
      'Data minimisation: direct identifiers are not model features (Art. 5(1)(c)). Not met The model uses email as features.',
    );
    expect(out).toContain('After cleaning, k = 7, at least the threshold 5.');
    expect(html.match(/data-testid="checklist-item"/g)).toHaveLength(3);
    expect(html).toContain('data-status="not_met"');
  });

  it('offers Drop and Generalize where the recipe can, and says which are done', () => {
    const { html } = page(assessment());
    expect(html).toMatch(/data-testid="privacy-offer" data-column="email" data-kind="drop"/);
    expect(html).toMatch(
      /data-testid="privacy-offer" data-column="age" data-kind="generalize"[^>]*>\s*Generalize to age bands/,
    );
    expect(html).toMatch(
      /data-testid="privacy-offer-applied" data-column="phone" data-kind="drop"[^>]*>\s*Dropped in the recipe/,
    );
    // No button for what the recipe cannot do (pseudonymize customer_id, generalize postcode).
    expect(html).not.toMatch(/data-testid="privacy-offer" data-column="(customer_id|postcode)"/);
  });

  it('ticks the chosen quasi-identifiers among every column but the target, and shows k', () => {
    const { html } = page(assessment());
    const ticked = [...html.matchAll(/data-testid="privacy-qi" data-column="([^"]+)"[^>]*checked/g)].map((m) => m[1]);
    expect(ticked).toEqual(['postcode', 'age']);
    const offered = [...html.matchAll(/data-testid="privacy-qi" data-column="([^"]+)"/g)].map((m) => m[1]);
    const target = makeProject('model').target;
    expect(target).toBeTruthy();
    expect(offered).not.toContain(target);
    expect(offered).toHaveLength(r.data.import.columns.filter((c) => c.name !== target).length);
    expect(html).toMatch(/data-testid="privacy-k"[^>]*value="5"/);
    expect(html).not.toContain('data-testid="privacy-qi-reset"');
    expect(page(assessment({ quasiIdentifiers: ['age'] })).html).toContain('data-testid="privacy-qi-reset"');
  });

  it('says a health dataset is health data even with no column flagged; no quasi-identifiers, no numbers', () => {
    const none = {
      ...assessment().before,
      quasiIdentifiers: [],
      classes: 1,
      k: 1000,
      belowK: { records: 0, share: 0 },
      unique: { records: 0, share: 0 },
    };
    const a = assessment({ healthData: true, quasiIdentifiers: [], before: none, after: none });
    const out = text(render(PrivacySection, { props: { scan: { columns: [], rowsScanned: 10 }, assessment: a } }).body);
    expect(out).toContain('No personal data was found.');
    expect(out).toContain('The dataset as a whole is health data');
    expect(out).toContain('No quasi-identifiers are chosen');
    expect(out).not.toContain('Prosecutor risk');
  });

  it('in Chinese', () => {
    const { text: out } = page(assessment({ healthData: true }), 'zh');
    expect(out).toContain('再识别风险');
    expect(out).toContain('整个数据集都属于健康数据');
    expect(out).toContain('未满足');
    expect(out).toContain('泛化为年龄段');
    expect(out).toContain('12.0% 的记录在 postcode、age 上是唯一的');
  });
});

describe('report', () => {
  it('the privacy section shows the risk and the checklist, without the wizard’s controls', () => {
    const report = { ...reportFixture(), privacyAssessment: assessment() };
    const html = render(Report, { props: { report } }).body;
    const out = text(html);
    expect(out).toContain('Re-identification risk');
    expect(out).toContain('k-anonymity (smallest class) 1 7');
    expect(out).toContain('Regulation checklist');
    expect(html).not.toContain('data-testid="privacy-qi"');
    expect(html).not.toContain('data-testid="privacy-offer"');
    // An older report without an assessment still renders its scan.
    expect(text(render(Report, { props: { report: reportFixture() } }).body)).not.toContain('Re-identification risk');
  });
});

describe('Privacy step actions', () => {
  let fake: FakeApi;
  let current: Project;
  const assessed: Request<'privacy:assess'>[] = [];

  function setup(project: Project): WizardState {
    current = project;
    assessed.length = 0;
    fake = fakeApi({
      'app:info': () => ok({ version: '0.1.0', transport: 'web', platform: 'linux', samples: [], projectsDir: '/p' }),
      'project:recent': () => ok([]),
      'project:current': () => ok(view(current)),
      'project:update': (patch) => {
        current = ProjectSchema.parse({
          ...current,
          ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        });
        return ok(view(current));
      },
      'privacy:scan': () => ok(r.privacy),
      'privacy:assess': (req) => {
        assessed.push(req);
        const steps = current.recipe.steps;
        const binned = steps.some((s) => s.op === 'bin');
        return ok(
          assessment({
            quasiIdentifiers: req.quasiIdentifiers ?? ['postcode', 'age'],
            k: req.k ?? 5,
            offers: [
              {
                column: 'age',
                kind: 'generalize',
                step: { op: 'bin', column: 'age', edges: [25, 45, 65] },
                applied: binned,
              },
            ],
          }),
        );
      },
      'data:addSteps': (req) => {
        current = ProjectSchema.parse({
          ...current,
          recipe: { steps: [...current.recipe.steps, ...req.steps] },
          model: null,
        });
        return ok({ project: view(current), profile: r.data.profile!, proposals: [], rowCount: 1000 });
      },
    });
    return new WizardState(fakePlatform(fake.api));
  }

  it('entering Privacy scans and measures; Generalize asks before discarding the model, then adds the bin step and measures again', async () => {
    const w = setup(makeProject('model', { step: 'privacy', privacy: r.privacy }));
    await w.init();
    expect(w.step).toBe('privacy');
    expect(assessed).toEqual([{}]);
    expect(w.privacyAssessment?.offers[0]?.applied).toBe(false);

    const bin: RecipeStep = { op: 'bin', column: 'age', edges: [25, 45, 65] };
    await w.addStep(bin);
    // A trained model: nothing sent until the user confirms.
    expect(fake.requests('data:addSteps')).toEqual([]);
    expect(w.pendingChange).toEqual({ kind: 'addStep', step: bin });
    const html = render(App, { props: { state: w } }).body;
    expect(html).toContain('data-testid="confirm-discard"');

    await w.confirmChange();
    expect(fake.requests('data:addSteps')).toEqual([{ steps: [bin] }]);
    // The risk after cleaning follows the new recipe.
    expect(assessed).toHaveLength(2);
    expect(w.privacyAssessment?.offers[0]?.applied).toBe(true);
    expect(w.banner).toBeNull();
  });

  it('without a model, Drop adds its step at once', async () => {
    const w = setup(makeProject('target', { step: 'privacy', privacy: r.privacy }));
    await w.init();
    await w.addStep({ op: 'drop_column', column: 'email' });
    expect(fake.requests('data:addSteps')).toEqual([{ steps: [{ op: 'drop_column', column: 'email' }] }]);
    expect(assessed).toHaveLength(2);
  });

  it('sends the chosen quasi-identifiers and k, and back to the default', async () => {
    const w = setup(makeProject('model', { step: 'privacy', privacy: r.privacy }));
    await w.init();
    await w.assessPrivacy({ quasiIdentifiers: ['age', 'personal_status'] });
    await w.assessPrivacy({ k: 10 });
    await w.assessPrivacy({ quasiIdentifiers: null });
    expect(assessed.slice(1)).toEqual([
      { quasiIdentifiers: ['age', 'personal_status'] },
      { k: 10 },
      { quasiIdentifiers: null },
    ]);
    expect(w.privacyAssessment?.quasiIdentifiers).toEqual(['postcode', 'age']);
  });

  it('a failed measurement shows in the step, not the banner', async () => {
    const w = setup(makeProject('model', { step: 'privacy', privacy: r.privacy }));
    fake.handlers['privacy:assess'] = () => ({
      ok: false,
      error: { code: 'INTERNAL', key: 'errors.INTERNAL', params: {} },
    });
    await w.init();
    expect(w.banner).toBeNull();
    expect(w.privacyRiskBanner?.error.code).toBe('INTERNAL');
    expect(render(App, { props: { state: w } }).body).toContain('data-testid="privacy-risk-error"');
  });
});

describe('membership-inference audit', () => {
  const scan = { columns: [], rowsScanned: 10 };
  const audit = { method: 'loss_threshold' as const, auc: 0.512, advantage: 0.043, members: 200, nonMembers: 200 };

  it('says a coin toss near 0.5 and warns when the loss separates training records clearly', () => {
    const low = text(render(PrivacySection, { props: { scan, membership: audit } }).body);
    expect(low).toContain('Membership-inference audit');
    expect(low).toContain('run on 200 training records and 200 test records');
    expect(low).toContain('Attack ROC AUC 0.512 (advantage 0.043): close to 0.5, a coin toss');
    const high = text(render(PrivacySection, { props: { scan, membership: { ...audit, auc: 0.71 } } }).body);
    expect(high).toContain('Attack ROC AUC 0.710');
    expect(high).toContain('reveals who was in the training data');
    expect(render(PrivacySection, { props: { scan } }).body).not.toContain('data-testid="membership-audit"');
    // Heart: 0.577 on 46 + 46 records is within two null standard deviations (2 × 0.060) of 0.5.
    const small = { ...audit, auc: 0.577, advantage: 0.261, members: 46, nonMembers: 46 };
    const unclear = text(render(PrivacySection, { props: { scan, membership: small } }).body);
    expect(unclear).toContain('with 46 records on each side this cannot be told apart from a coin toss (0.5 ± 0.12)');
    setLocale('zh');
    expect(text(render(PrivacySection, { props: { scan, membership: audit } }).body)).toContain('成员推断审计');
  });
});
