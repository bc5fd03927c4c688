/**
 * Re-identification risk from DuckDB (one GROUP BY over the quasi-identifiers) against the in-memory
 * definitions of `risk.ts` and against REFERENCE §3.4 (ARX's own 7-row test data); the privacy
 * assessment of a project (defaults on Adult, after a recipe, the medical template) and the checklist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literal, openDb, type Db } from '../../src/engine/data/duck';
import { readFrame } from '../../src/engine/data/read';
import { applyRecipe } from '../../src/engine/data/recipe';
import {
  assessPrivacy,
  CHECKLIST,
  columnAfterRecipe,
  distinctLDiversity,
  equivalenceClasses,
  kAnonymity,
  privacyChecklist,
  prosecutorRisk,
  recordsBelowK,
  riskOfTable,
  scanPrivacy,
  type ChecklistFacts,
} from '../../src/engine/privacy';
import { ProjectSession } from '../../src/engine/project/session';
import { buildReport } from '../../src/engine/report/build';
import { getTemplate } from '../../src/engine/templates';
import { createRng } from '../../src/engine/rng';
import type { Cell, ColumnInfo, ColumnType } from '../../src/shared/model/data';
import { catalogs } from '../../src/shared/i18n';
import {
  ChecklistStatusSchema,
  RegulationSchema,
  type ChecklistItem,
  type RiskSummary,
} from '../../src/shared/model/privacy';
import type { RecipeStep } from '../../src/shared/model/recipe';
import { dataset } from '../helpers/paths';
import { binaryReportInput } from '../helpers/report';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
});
afterAll(async () => {
  await db.close();
});

const info = (name: string, type: ColumnType): ColumnInfo => ({
  name,
  type,
  missingCount: 0,
  distinctCount: 0,
  sample: [],
});

/** Create `table` from rows; SQL types from the column types. */
async function makeTable(table: string, columns: ColumnInfo[], rows: Cell[][]): Promise<void> {
  const sqlType = (t: ColumnType) => (t === 'integer' ? 'BIGINT' : t === 'float' ? 'DOUBLE' : 'VARCHAR');
  await db.run(`CREATE OR REPLACE TABLE ${table} (${columns.map((c) => `"${c.name}" ${sqlType(c.type)}`).join(', ')})`);
  if (!rows.length) return;
  const value = (v: Cell) =>
    v === null ? 'NULL' : typeof v === 'number' ? (Number.isNaN(v) ? `'NaN'::DOUBLE` : String(v)) : literal(String(v));
  await db.run(`INSERT INTO ${table} VALUES ${rows.map((r) => `(${r.map(value).join(', ')})`).join(', ')}`);
}

/** The same numbers from `risk.ts` on the table read back as a frame (missing → a marker). */
async function riskFromRiskTs(
  table: string,
  columns: ColumnInfo[],
  qi: string[],
  sensitive: string[],
  k: number,
): Promise<RiskSummary> {
  const frame = await readFrame(db, table, columns);
  const text = (name: string) =>
    frame.columns.find((c) => c.name === name)!.values.map((v) => (v === null ? null : String(v)));
  const qiValues = qi.map(text);
  const rows = Array.from({ length: frame.rowCount }, (_, i) => qiValues.map((v) => v[i] ?? '\u0000missing'));
  const classes = equivalenceClasses(rows);
  const n = frame.rowCount;
  const p = prosecutorRisk(classes, 1 / k);
  const unique = classes.filter((c) => c.rows.length === 1).length;
  return {
    quasiIdentifiers: qi,
    rows: n,
    classes: classes.length,
    k: kAnonymity(classes),
    belowK: recordsBelowK(classes, k),
    unique: { records: unique, share: n ? unique / n : 0 },
    prosecutor: p,
    lDiversity: sensitive.map((column) => {
      const values = text(column);
      const d = distinctLDiversity(classes, values);
      const homogeneous = classes.reduce((a, c, j) => a + (d.perClass[j] === 1 ? c.rows.length : 0), 0);
      return { column, l: d.l, homogeneous: { records: homogeneous, share: n ? homogeneous / n : 0 } };
    }),
  };
}

function expectSame(a: RiskSummary, b: RiskSummary): void {
  const round = (r: RiskSummary) =>
    JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'number' ? +v.toFixed(12) : v)));
  expect(round(a)).toEqual(round(b));
}

// REFERENCE §3.4: ARX DataProvider rows (age, gender, zipcode) and the hand-made diagnosis column.
const ARX_COLUMNS = [
  info('age', 'integer'),
  info('gender', 'categorical'),
  info('zipcode', 'categorical'),
  info('diagnosis', 'categorical'),
];
const ARX_ROWS: Cell[][] = [
  [34, 'male', '81667', 'flu'],
  [45, 'female', '81675', 'flu'],
  [66, 'male', '81925', 'flu'],
  [70, 'female', '81931', 'cancer'],
  [34, 'female', '81931', 'hiv'],
  [70, 'male', '81931', 'cancer'],
  [45, 'male', '81931', 'flu'],
];
// The optimal 2-anonymous output: <50,*,816** ×2 | >=50,*,819** ×3 | <50,*,819** ×2, with the
// diagnoses of REFERENCE's ℓ-diversity extension: A = {flu, flu}, B = {flu, cancer, hiv}, C = {cancer, flu}.
const ARX_GENERALIZED: Cell[][] = [
  ['<50', '*', '816**', 'flu'],
  ['<50', '*', '816**', 'flu'],
  ['>=50', '*', '819**', 'flu'],
  ['>=50', '*', '819**', 'cancer'],
  ['>=50', '*', '819**', 'hiv'],
  ['<50', '*', '819**', 'cancer'],
  ['<50', '*', '819**', 'flu'],
];
const GEN_COLUMNS = ARX_COLUMNS.map((c) => ({ ...c, type: 'categorical' as const }));
const QI = ['age', 'gender', 'zipcode'];

describe('risk from SQL, ARX test data (REFERENCE §3.4)', () => {
  it('before anonymization: all 7 records unique, k = 1, highest = average risk = 1', async () => {
    await makeTable('arx', ARX_COLUMNS, ARX_ROWS);
    const r = await riskOfTable(db, 'arx', ARX_COLUMNS, { quasiIdentifiers: QI, sensitive: ['diagnosis'], k: 2 });
    expect(r).toMatchObject({ rows: 7, classes: 7, k: 1, unique: { records: 7, share: 1 } });
    expect(r.prosecutor.highest).toBe(1);
    expect(r.prosecutor.average).toBe(1);
    expect(r.belowK).toEqual({ records: 7, share: 1 });
    expectSame(r, await riskFromRiskTs('arx', ARX_COLUMNS, QI, ['diagnosis'], 2));
  });

  it('the 2-anonymous output: k = 2, highest 0.5, average 3/7, lowest 1/3, at risk 4/7 (t = 1/3), ℓ = 1', async () => {
    await makeTable('arx2', GEN_COLUMNS, ARX_GENERALIZED);
    const r = await riskOfTable(db, 'arx2', GEN_COLUMNS, { quasiIdentifiers: QI, sensitive: ['diagnosis'], k: 3 });
    expect(r.k).toBe(2);
    expect(r.classes).toBe(3);
    expect(r.prosecutor.highest).toBe(0.5);
    expect(r.prosecutor.average).toBe(0.42857142857142855);
    expect(r.prosecutor.lowest).toBeCloseTo(1 / 3, 15);
    // Threshold 1/3: only the two classes of size 2 have record risk above it.
    expect(r.prosecutor.recordsAtRisk).toBeCloseTo(4 / 7, 15);
    expect(r.belowK).toEqual({ records: 4, share: 4 / 7 });
    expect(r.unique.records).toBe(0);
    // Distinct ℓ: A = 1, B = 3, C = 2; class A (2 records) discloses its diagnosis.
    expect(r.lDiversity).toEqual([{ column: 'diagnosis', l: 1, homogeneous: { records: 2, share: 2 / 7 } }]);
    expectSame(r, await riskFromRiskTs('arx2', GEN_COLUMNS, QI, ['diagnosis'], 3));
    // k = 2 makes the table 2-anonymous: no record below it, none at risk above 1/2.
    const two = await riskOfTable(db, 'arx2', GEN_COLUMNS, { quasiIdentifiers: QI, sensitive: [], k: 2 });
    expect(two.belowK.records).toBe(0);
    expect(two.prosecutor.recordsAtRisk).toBe(0);
  });
});

describe('risk from SQL equals risk.ts', () => {
  it('hand example with missing values: NULL and NaN are one value, a missing sensitive value counts', async () => {
    const cols = [info('sex', 'categorical'), info('score', 'float'), info('illness', 'categorical')];
    const rows: Cell[][] = [
      ['f', 1.5, 'a'],
      ['f', 1.5, null],
      ['f', null, 'a'],
      ['f', Number.NaN, 'b'],
      [null, 2, 'a'],
      [null, 2, 'a'],
      ['m', 2, 'c'],
    ];
    await makeTable('hand', cols, rows);
    const r = await riskOfTable(db, 'hand', cols, { quasiIdentifiers: ['sex', 'score'], sensitive: ['illness'], k: 3 });
    // Classes: (f,1.5)×2 ℓ=2, (f,missing)×2 ℓ=2, (missing,2)×2 ℓ=1, (m,2)×1 ℓ=1.
    expect(r).toMatchObject({ rows: 7, classes: 4, k: 1, belowK: { records: 7 }, unique: { records: 1 } });
    expect(r.lDiversity[0]).toMatchObject({ l: 1, homogeneous: { records: 3 } });
    expectSame(r, await riskFromRiskTs('hand', cols, ['sex', 'score'], ['illness'], 3));
  });

  it('random tables, seeded', async () => {
    const rng = createRng(7);
    const cols = [info('a', 'integer'), info('b', 'categorical'), info('c', 'float'), info('s', 'categorical')];
    for (let round = 0; round < 3; round++) {
      const rows: Cell[][] = Array.from({ length: 400 }, () => [
        rng.next() < 0.05 ? null : rng.int(6),
        ['x', 'y', 'z', null][rng.int(4)]!,
        rng.next() < 0.05 ? null : rng.int(3) / 2,
        rng.next() < 0.1 ? null : `v${rng.int(4)}`,
      ]);
      await makeTable('rnd', cols, rows);
      for (const qi of [['a'], ['a', 'b'], ['a', 'b', 'c']]) {
        for (const k of [2, 5, 11]) {
          const sql = await riskOfTable(db, 'rnd', cols, { quasiIdentifiers: qi, sensitive: ['s'], k });
          expectSame(sql, await riskFromRiskTs('rnd', cols, qi, ['s'], k));
        }
      }
    }
  });

  it('no quasi-identifiers: one class of every record; an empty table gives zeros', async () => {
    await makeTable('arx', ARX_COLUMNS, ARX_ROWS);
    const one = await riskOfTable(db, 'arx', ARX_COLUMNS, { quasiIdentifiers: [], sensitive: ['diagnosis'], k: 5 });
    expect(one).toMatchObject({ rows: 7, classes: 1, k: 7, belowK: { records: 0 } });
    expect(one.lDiversity[0]!.l).toBe(3);
    await makeTable('empty', ARX_COLUMNS, []);
    const none = await riskOfTable(db, 'empty', ARX_COLUMNS, { quasiIdentifiers: QI, sensitive: ['diagnosis'], k: 5 });
    expect(none).toMatchObject({ rows: 0, classes: 0, k: 0, belowK: { records: 0, share: 0 } });
    expect(none.prosecutor).toEqual({ highest: 0, lowest: 0, average: 0, recordsAtRisk: 0 });
  });
});

describe('columns through the recipe', () => {
  it('follows renames and stops at a drop', () => {
    const steps = [
      { op: 'rename' as const, column: 'zip', to: 'postcode' },
      { op: 'drop_column' as const, column: 'postcode' },
      { op: 'rename' as const, column: 'age', to: 'years' },
    ];
    expect(columnAfterRecipe('zip', steps)).toBeNull();
    expect(columnAfterRecipe('age', steps)).toBe('years');
    expect(columnAfterRecipe('sex', steps)).toBe('sex');
  });
});

describe('assessPrivacy on the ARX data', () => {
  it('follows the recipe, reads the health template, and the report carries it with a summary sentence', async () => {
    await makeTable('arx', ARX_COLUMNS, ARX_ROWS);
    const scan = scanPrivacy(await readFrame(db, 'arx', ARX_COLUMNS));
    const steps: RecipeStep[] = [
      { op: 'bin', column: 'age', edges: [50], labels: ['<50', '>=50'] },
      { op: 'drop_column', column: 'gender' },
    ];
    const { columns } = await applyRecipe(db, { source: 'arx', target: 'arx_clean', columns: ARX_COLUMNS, steps });
    const a = await assessPrivacy(db, {
      scan,
      raw: { table: 'arx', columns: ARX_COLUMNS },
      clean: { table: 'arx_clean', columns },
      recipe: steps,
      template: getTemplate('medical'),
      settings: { quasiIdentifiers: null, k: null },
      target: null,
      features: ['age', 'zipcode'],
    });
    expect(a.quasiIdentifiers).toEqual(['age', 'gender', 'zipcode']);
    expect(a.sensitive).toEqual(['diagnosis']);
    expect(a.removedByRecipe).toEqual(['gender']);
    expect(a.before).toMatchObject({ k: 1, classes: 7 });
    // (<50, 81667), (<50, 81675), (>=50, 81925) alone; (>=50, 81931) and (<50, 81931) twice.
    expect(a.after).toMatchObject({ quasiIdentifiers: ['age', 'zipcode'], k: 1, classes: 5, unique: { records: 3 } });
    expect(a.after.lDiversity).toEqual([{ column: 'diagnosis', l: 1, homogeneous: { records: 5, share: 5 / 7 } }]);
    expect(a.healthData).toBe(true);
    // The medical template's age bands; the recipe already bins age.
    expect(a.offers).toEqual([
      { column: 'age', kind: 'generalize', step: { op: 'bin', column: 'age', edges: [25, 45, 65] }, applied: true },
    ]);
    const hipaa = a.checklist.find((r) => r.regulation === 'HIPAA')!.items;
    // A postal code is still in the cleaned data.
    expect(hipaa.find((i) => i.id === 'hipaa.safe_harbor')).toMatchObject({
      status: 'not_met',
      detail: { params: { columns: 'zipcode' } },
    });
    expect(hipaa.find((i) => i.id === 'hipaa.minimum_necessary')?.status).toBe('met');

    const input = binaryReportInput({ privacyAssessment: a });
    const report = buildReport(input);
    expect(report.privacyAssessment).toEqual(a);
    expect(report.summary.find((m) => m.key === 'summary.privacy.risk')?.params).toMatchObject({
      k: 1,
      threshold: 5,
      columns: ['age', 'zipcode'],
    });
    expect(buildReport({ ...input, privacyAssessment: undefined }).summary.map((m) => m.key)).not.toContain(
      'summary.privacy.risk',
    );
  });
});

const ADULT_NAMES =
  'age, workclass, fnlwgt, education, education-num, marital-status, occupation, relationship, race, sex, capital-gain, capital-loss, hours-per-week, native-country, income'.split(
    ', ',
  );

describe('the assessment of a project', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mw-privacy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Adult: the scan’s quasi-identifiers by default, before = after without a recipe, then drop and generalize', async () => {
    const s = await ProjectSession.create(dir, 'Adult');
    try {
      await s.import(dataset('adult.data'), { names: ADULT_NAMES });
      await s.update({ target: 'income' });
      const a = await s.privacyAssessment();
      expect(a.quasiIdentifiers).toEqual([
        'age',
        'education',
        'education-num',
        'marital-status',
        'occupation',
        'sex',
        'native-country',
      ]);
      expect(a.defaultQuasiIdentifiers).toEqual(a.quasiIdentifiers);
      expect(a.sensitive).toEqual(['race']);
      expect(a).toMatchObject({ k: 5, kSource: 'default', healthData: false });
      expect(a.before.rows).toBe(32561);
      expect(a.before.k).toBe(1);
      expect(a.before.unique.records).toBeGreaterThan(1000);
      expect(a.after).toEqual(a.before);
      // A numeric age the scan proposes to generalize: bands <25, 25–44, 45–64, 65+ (SPEC §7).
      expect(a.offers).toEqual([
        { column: 'age', kind: 'generalize', step: { op: 'bin', column: 'age', edges: [25, 45, 65] }, applied: false },
      ]);
      expect(a.checklist.map((r) => r.regulation)).toEqual(['GDPR', 'CCPA', 'PIPL']);
      const gdpr = Object.fromEntries(a.checklist[0]!.items.map((i) => [i.id, i.status]));
      expect(gdpr).toEqual({
        'gdpr.lawful_basis': 'to_confirm',
        // race is special-category data.
        'gdpr.special_category': 'to_confirm',
        // No model yet.
        'gdpr.minimisation': 'to_confirm',
        'gdpr.pseudonymisation': 'met',
        'gdpr.k_anonymity': 'not_met',
        'gdpr.dpia': 'to_confirm',
        'gdpr.automated_decisions': 'to_confirm',
      });

      // The user narrows the quasi-identifiers and raises k; the recipe bins age and drops native-country.
      const chosen = await s.privacyAssessment({ quasiIdentifiers: ['age', 'sex', 'native-country'], k: 10 });
      expect(chosen).toMatchObject({ quasiIdentifiers: ['age', 'sex', 'native-country'], k: 10, kSource: 'user' });
      expect(s.view.project.privacySettings).toEqual({ quasiIdentifiers: ['age', 'sex', 'native-country'], k: 10 });
      await s.addSteps([a.offers[0]!.step, { op: 'drop_column', column: 'native-country' }]);
      const b = await s.privacyAssessment();
      expect(b.removedByRecipe).toEqual(['native-country']);
      expect(b.after.quasiIdentifiers).toEqual(['age', 'sex']);
      // Four age bands × two sexes: eight classes, all large.
      expect(b.after.classes).toBe(8);
      expect(b.after.k).toBeGreaterThanOrEqual(10);
      expect(b.before).toEqual(chosen.before);
      expect(b.offers[0]).toMatchObject({ column: 'age', kind: 'generalize', applied: true });
      expect(b.checklist[0]!.items.find((i) => i.id === 'gdpr.k_anonymity')).toMatchObject({
        status: 'met',
        detail: { params: { k: b.after.k, threshold: 10 } },
      });
      const clean = (await s.preview({ offset: 0, limit: 1, clean: true })).rows[0]!;
      expect(Object.keys(clean)).not.toContain('native-country');
      // Back to the defaults.
      const reset = await s.privacyAssessment({ quasiIdentifiers: null, k: null });
      expect(reset.quasiIdentifiers).toEqual(a.quasiIdentifiers);
      expect(reset.k).toBe(5);
      await expect(s.privacyAssessment({ quasiIdentifiers: ['nope'] })).rejects.toMatchObject({
        code: 'COLUMN_NOT_FOUND',
      });
    } finally {
      await s.close();
    }
  }, 60_000);

  it('medical template: the dataset is health data even when no column is flagged; the diagnosis is the sensitive attribute', async () => {
    const s = await ProjectSession.create(dir, 'Heart');
    try {
      await s.import(dataset('heart_cleveland.train.csv'));
      await s.update({ templateId: 'medical', target: 'column14' });
      const scan = await s.privacy();
      expect(scan.columns.every((c) => c.class === 'other')).toBe(true);
      const a = await s.privacyAssessment();
      expect(a.healthData).toBe(true);
      expect(a.quasiIdentifiers).toEqual([]);
      expect(a.sensitive).toEqual(['column14']);
      expect(a.checklist.map((r) => r.regulation)).toEqual(['HIPAA', 'GDPR', 'PIPL']);
      const items = a.checklist.flatMap((r) => r.items);
      expect(items.find((i) => i.id === 'gdpr.special_category')?.detail.key).toBe('privacy.check.healthData');
      expect(items.find((i) => i.id === 'pipl.sensitive_consent')?.status).toBe('to_confirm');
      // Nothing the app detects remains, so Safe Harbor is the user's to confirm; no quasi-identifiers: k too.
      expect(items.find((i) => i.id === 'hipaa.safe_harbor')?.status).toBe('to_confirm');
      expect(items.find((i) => i.id === 'hipaa.k_anonymity')?.detail.key).toBe('privacy.check.k_anonymity.none');
    } finally {
      await s.close();
    }
  }, 60_000);
});

describe('checklist', () => {
  const facts: ChecklistFacts = {
    regulations: ['HIPAA', 'ECOA'],
    healthData: false,
    special: [],
    direct: ['patient_id', 'email'],
    directAfter: ['patient_id'],
    features: ['patient_id', 'age', 'sex'],
    protectedColumns: ['sex'],
    quasiIdentifiers: ['age', 'sex'],
    kAfter: 3,
    kThreshold: 5,
    belowKAfter: { records: 12, share: 0.0123 },
    safeHarborAfter: ['patient_id', 'age'],
  };
  const status = (f: ChecklistFacts) =>
    Object.fromEntries(privacyChecklist(f).flatMap((r) => r.items.map((i) => [i.id, i.status])));

  it('computes what the app can know and leaves the rest to confirm', () => {
    expect(status(facts)).toEqual({
      'hipaa.authorization': 'to_confirm',
      'hipaa.safe_harbor': 'not_met',
      'hipaa.minimum_necessary': 'not_met',
      'hipaa.k_anonymity': 'not_met',
      'ecoa.prohibited_basis': 'not_met',
      'ecoa.adverse_action': 'to_confirm',
    });
    const items = privacyChecklist(facts).flatMap((r) => r.items);
    expect(items.find((i) => i.id === 'hipaa.k_anonymity')!.detail.params).toEqual({
      k: 3,
      threshold: 5,
      records: 12,
      share: 1.2,
    });
    expect(items.find((i) => i.id === 'hipaa.minimum_necessary')!.detail.params).toEqual({ columns: 'patient_id' });
  });

  it('ECOA: a prohibited basis used by per-group thresholds at scoring time is not met, though not a feature', () => {
    const item = (f: ChecklistFacts) =>
      privacyChecklist(f)
        .flatMap((r) => r.items)
        .find((i) => i.id === 'ecoa.prohibited_basis')!;
    const base = { ...facts, features: ['age'] };
    expect(item(base).status).toBe('met');
    expect(item({ ...base, decisionColumns: ['age'] }).status).toBe('met');
    expect(item({ ...base, decisionColumns: ['sex'] })).toEqual({
      id: 'ecoa.prohibited_basis',
      status: 'not_met',
      detail: { key: 'privacy.check.protected_not_features.decisions', params: { columns: 'sex' } },
    });
  });

  it('met once identifiers are gone, protected attributes are not features and k is reached', () => {
    expect(
      status({
        ...facts,
        directAfter: [],
        features: ['age'],
        kAfter: 5,
        safeHarborAfter: [],
      }),
    ).toEqual({
      'hipaa.authorization': 'to_confirm',
      'hipaa.safe_harbor': 'to_confirm',
      'hipaa.minimum_necessary': 'met',
      'hipaa.k_anonymity': 'met',
      'ecoa.prohibited_basis': 'met',
      'ecoa.adverse_action': 'to_confirm',
    });
  });

  it('special-category items only with special-category data; before training, feature items are to confirm', () => {
    const gdpr = { ...facts, regulations: ['GDPR'] as const, features: null };
    expect(Object.keys(status(gdpr))).not.toContain('gdpr.special_category');
    expect(status({ ...gdpr, healthData: true })['gdpr.special_category']).toBe('to_confirm');
    expect(status({ ...gdpr, special: ['religion'] })['gdpr.special_category']).toBe('to_confirm');
    expect(status(gdpr)['gdpr.minimisation']).toBe('to_confirm');
    expect(status({ ...gdpr, quasiIdentifiers: [] })['gdpr.k_anonymity']).toBe('to_confirm');
  });

  it('every regulation, requirement, status and detail has a message in English and Chinese', () => {
    const variants: ChecklistFacts[] = [
      { ...facts, regulations: RegulationSchema.options },
      {
        ...facts,
        regulations: RegulationSchema.options,
        features: null,
        special: ['religion'],
        directAfter: [],
        quasiIdentifiers: [],
        safeHarborAfter: [],
      },
      {
        ...facts,
        regulations: RegulationSchema.options,
        healthData: true,
        features: ['x'],
        kAfter: 9,
        protectedColumns: [],
        directAfter: [],
      },
    ];
    const items: ChecklistItem[] = variants.flatMap((f) => privacyChecklist(f).flatMap((r) => r.items));
    const details = new Set(items.map((i) => i.detail.key));
    // Every way a check can end is reached above.
    expect(details.size).toBe(16);
    const keys = [
      ...details,
      ...CHECKLIST.map((r) => `privacy.checklist.${r.id}`),
      ...RegulationSchema.options.map((r) => `privacy.regulation.${r}`),
      ...ChecklistStatusSchema.options.map((s) => `report.privacy.checklist.status.${s}`),
    ];
    expect(keys.filter((k) => !(k in catalogs.en) || !(k in catalogs.zh))).toEqual([]);
  });
});
