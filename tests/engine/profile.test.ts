// profileTable against an independent oracle: pandas 1.5 `describe`, `value_counts`, `duplicated`
// and numpy `histogram` on the shared datasets (tests/fixtures/data/profile-oracle.py → .json), plus
// hand-built tables for the dataset warnings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/engine/data/duck';
import { openDb } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { profileTable } from '../../src/engine/data/profile';
import type { ColumnInfo, ColumnProfile, DatasetProfile } from '../../src/shared/model/data';
import { applyRecipe } from '../../src/engine/data/recipe';
import { RecipeStepSchema } from '../../src/shared/model/recipe';
import type { RecipeStep } from '../../src/shared/model/recipe';
import { dataset, repoRoot } from '../helpers/paths';

interface NumericOracle {
  count: number;
  mean: number;
  std: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  distinct: number;
  histogram20: { edges: number[]; counts: number[] };
}
interface CategoricalOracle {
  count: number;
  distinct: number;
  top: Array<[string, number]>;
}
const oracle = JSON.parse(
  readFileSync(path.join(repoRoot, 'tests/fixtures/data/profile-oracle.json'), 'utf8'),
) as Record<
  string,
  {
    rows: number;
    duplicates?: number;
    missing?: Record<string, number>;
    numeric: Record<string, NumericOracle>;
    categorical?: Record<string, CategoricalOracle>;
  }
>;

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
});
afterAll(async () => {
  await db.close();
});

async function profileOf(
  file: string,
  table: string,
  target?: string,
): Promise<{ profile: DatasetProfile; columns: ColumnInfo[] }> {
  const summary = await importFile(db, file, {}, { table });
  return { profile: await profileTable(db, table, summary.columns, { target }), columns: summary.columns };
}

const close = (a: number | string | null, b: number) =>
  expect(Math.abs(Number(a) - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

function checkNumeric(p: ColumnProfile, o: NumericOracle): void {
  expect(p.count).toBe(o.count);
  close(p.mean, o.mean);
  close(p.std, o.std);
  close(p.min, o.min);
  close(p.max, o.max);
  close(p.q1, o.q1);
  close(p.median, o.median);
  close(p.q3, o.q3);
  expect(p.distinctCount).toBe(o.distinct);
}

describe.each([
  ['german_credit', 'german_credit.csv'],
  ['adult', 'adult.data'],
  ['heart_cleveland', 'heart_cleveland.data'],
])('profile of %s matches pandas', (key, file) => {
  let profile: DatasetProfile;
  const o = oracle[key]!;
  beforeAll(async () => {
    profile = (await profileOf(dataset(file), key)).profile;
  });
  const col = (name: string) => profile.columns.find((c) => c.name === name)!;

  it('rows, duplicates and missing counts', () => {
    expect(profile.rowCount).toBe(o.rows);
    if (o.duplicates !== undefined) expect(profile.duplicateRowCount).toBe(o.duplicates);
    for (const [name, n] of Object.entries(o.missing ?? {})) {
      expect(col(name).missingCount, name).toBe(n);
      expect(col(name).missingFraction).toBeCloseTo(n / o.rows, 12);
    }
  });

  it.each(Object.keys(o.numeric))('numeric column %s', (name) => checkNumeric(col(name), o.numeric[name]!));

  it.each(Object.keys(o.categorical ?? {}))('categorical column %s', (name) => {
    const c = o.categorical![name]!;
    const p = col(name);
    expect(p.count).toBe(c.count);
    expect(p.distinctCount).toBe(c.distinct);
    expect(p.topValues.slice(0, 3).map((t) => [t.value, t.count])).toEqual(c.top);
  });
});

describe('histograms', () => {
  it('match numpy.histogram(bins=20) for a wide integer column and a float column', async () => {
    const { profile } = await profileOf(dataset('german_credit.csv'), 'g_hist');
    for (const name of ['credit_amount', 'age']) {
      const h = profile.columns.find((c) => c.name === name)!.histogram!;
      const o = oracle.german_credit!.numeric[name]!.histogram20;
      expect(h.counts).toEqual(o.counts);
      h.edges.forEach((e, i) => expect(e).toBeCloseTo(o.edges[i]!, 9));
    }
    const heart = (await profileOf(dataset('heart_cleveland.data'), 'h_hist')).profile;
    const oldpeak = heart.columns.find((c) => c.name === 'column10')!.histogram!;
    expect(oldpeak.counts).toEqual(oracle.heart_cleveland!.numeric.column10!.histogram20.counts);
  });

  it('give small-range integers one bin per value', async () => {
    const { profile } = await profileOf(dataset('german_credit.csv'), 'g_small');
    const h = profile.columns.find((c) => c.name === 'installment_commitment')!.histogram!;
    expect(h.edges).toEqual([0.5, 1.5, 2.5, 3.5, 4.5]);
    expect(h.counts.reduce((s, n) => s + n, 0)).toBe(1000);
  });
});

describe('dataset warnings', () => {
  async function table(sql: string, name: string): Promise<DatasetProfile> {
    await db.run(`CREATE OR REPLACE TABLE ${name} AS ${sql}`);
    const cols = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${name}`);
    const type = (t: string): ColumnInfo['type'] =>
      t === 'BIGINT' || t === 'INTEGER'
        ? 'integer'
        : t === 'DOUBLE'
          ? 'float'
          : t === 'BOOLEAN'
            ? 'boolean'
            : 'categorical';
    const columns = cols.map((c) => ({
      name: c.column_name,
      type: type(c.column_type),
      missingCount: 0,
      distinctCount: 0,
      sample: [],
    }));
    return profileTable(db, name, columns, { target: columns.some((c) => c.name === 'y') ? 'y' : undefined });
  }
  const codes = (p: DatasetProfile, column?: string) =>
    p.warnings.filter((w) => column === undefined || w.column === column).map((w) => w.code);

  it('duplicate rows, constant, empty, id-like and high-cardinality columns, each with a valid proposal', async () => {
    const p = await table(
      `SELECT i::BIGINT AS id, 'same' AS constant, NULL::VARCHAR AS empty, 'level' || (i % 80) AS many, (i % 3)::BIGINT AS small FROM range(200) t(i) ` +
        `UNION ALL SELECT 0, 'same', NULL, 'level0', 0`,
      'warn1',
    );
    expect(p.duplicateRowCount).toBe(1);
    expect(codes(p)).toContain('duplicate_rows');
    expect(codes(p, 'constant')).toContain('constant_column');
    expect(codes(p, 'empty')).toContain('empty_column');
    expect(codes(p, 'many')).toContain('high_cardinality');
    expect(codes(p, 'small')).toEqual([]);
    for (const w of p.warnings) {
      const proposal = (w.params as { proposal?: unknown } | undefined)?.proposal;
      if (proposal !== undefined)
        expect(RecipeStepSchema.safeParse(proposal).success, JSON.stringify(proposal)).toBe(true);
    }
    const ids = await table(`SELECT i::BIGINT AS id, (i * 7 % 5)::BIGINT AS v FROM range(100) t(i)`, 'warn_id');
    expect(codes(ids, 'id')).toContain('id_like_column');
    expect(codes(ids, 'v')).not.toContain('id_like_column');
  });

  it('target leakage: a near-copy of the target is flagged, an honest feature is not', async () => {
    const p = await table(
      `SELECT CASE WHEN i % 100 = 0 THEN 1 - (i % 2) ELSE i % 2 END::BIGINT AS leak, (i % 7)::BIGINT AS honest, ` +
        `CASE WHEN i % 2 = 1 THEN 'yes' ELSE 'no' END AS y FROM range(1000) t(i)`,
      'leak',
    );
    expect(codes(p, 'leak')).toContain('target_leakage');
    expect(codes(p, 'honest')).not.toContain('target_leakage');
  });

  it('target leakage through missingness: a column recorded only for one class is flagged', async () => {
    // `r_date` and `r_case` exist only for positives (as COMPAS' r_* columns do for reoffenders);
    // `gappy` is missing at random; `honest` is an ordinary feature.
    const p = await table(
      `SELECT CASE WHEN i % 2 = 1 THEN (i * 37 % 11)::BIGINT END AS r_date, ` +
        `CASE WHEN i % 2 = 1 THEN 'case-' || i END AS r_case, ` +
        `CASE WHEN i % 10 = 3 THEN NULL ELSE (i % 7)::BIGINT END AS gappy, (i % 5)::BIGINT AS honest, ` +
        `CASE WHEN i % 2 = 1 THEN 'yes' ELSE 'no' END AS y FROM range(1000) t(i)`,
      'leak_missing',
    );
    const leak = (c: string) => p.warnings.find((w) => w.code === 'target_leakage' && w.column === c);
    expect(leak('r_date')?.params).toMatchObject({ via: 'missingness', accuracy: 1, baseline: 0.5 });
    expect(leak('r_case')?.params).toMatchObject({ via: 'missingness' });
    expect(leak('gappy')).toBeUndefined();
    expect(leak('honest')).toBeUndefined();
    // Nothing is proposed for a leaking column but dropping it: no imputation, no missing-indicator.
    const steps = p.warnings.flatMap((w) => {
      const step = (w.params as { proposal?: RecipeStep } | undefined)?.proposal;
      return step && 'column' in step && (step.column === 'r_date' || step.column === 'r_case') ? [step.op] : [];
    });
    expect(new Set(steps)).toEqual(new Set(['drop_column']));
  });

  it('a target with one class is said so, and no column is called leaking', async () => {
    const p = await table(`SELECT (i % 3)::BIGINT AS x, i::DOUBLE AS z, 'no' AS y FROM range(40) t(i)`, 'single');
    const w = p.warnings.find((x) => x.code === 'target_single_class');
    expect(w).toMatchObject({ column: 'y', params: { value: 'no', count: 40 } });
    expect(codes(p)).not.toContain('target_leakage');
    expect(codes(p)).not.toContain('class_imbalance');
    expect(w!.message).toBe(
      'The target "y" has a single class: "no" in all 40 rows that have a value. A model needs at least two classes to learn from.',
    );
  });

  it('proposals are safe to apply all at once and propose no fill a column cannot use', async () => {
    await db.run(
      `CREATE OR REPLACE TABLE props AS SELECT ` +
        `CASE WHEN i % 9 = 0 THEN NULL ELSE 'C-' || lpad(i::VARCHAR, 6, '0') END AS case_no, ` +
        `CASE WHEN i % 11 = 0 THEN NULL ELSE 'note ' || (i % 150) END AS note, ` +
        `CASE WHEN i % 13 = 0 THEN NULL ELSE DATE '2020-01-01' + i::INTEGER END AS seen, ` +
        `CASE WHEN i % 10 = 0 THEN NULL ELSE ['red', 'green', 'blue'][i % 3 + 1] END AS colour, ` +
        `CASE WHEN i % 50 = 0 THEN NULL ELSE (i % 17)::DOUBLE END AS amount, ` +
        `CASE WHEN i % 4 = 1 THEN 'lapsed' END AS reason, ` +
        `CASE WHEN i % 4 = 1 THEN 'yes' ELSE 'no' END AS y FROM range(300) t(i)`,
    );
    const info = (name: string, type: ColumnInfo['type']): ColumnInfo => ({
      name,
      type,
      missingCount: 0,
      distinctCount: 0,
      sample: [],
    });
    const columns = [
      info('case_no', 'identifier'),
      info('note', 'text'),
      info('seen', 'date'),
      info('colour', 'categorical'),
      info('amount', 'float'),
      info('reason', 'categorical'),
      info('y', 'categorical'),
    ];
    const p = await profileTable(db, 'props', columns, { target: 'y' });
    const proposals = p.warnings.flatMap((w) => {
      const step = (w.params as { proposal?: RecipeStep } | undefined)?.proposal;
      return step ? [step] : [];
    });
    // Distinct steps per column (identifiers are also proposed for dropping as personal data).
    const on = (c: string) =>
      [...new Set(proposals.filter((s) => 'column' in s && s.column === c).map((s) => JSON.stringify(s)))].map(
        (s) => JSON.parse(s) as RecipeStep,
      );
    expect(on('case_no')).toEqual([{ op: 'drop_column', column: 'case_no' }]);
    expect(on('note')).toEqual([{ op: 'drop_column', column: 'note' }]);
    // 277 different days: the commonest one is no fill.
    expect(on('seen')).toEqual([]);
    expect(on('reason')).toEqual([{ op: 'drop_column', column: 'reason' }]);
    // No missing-indicator by default: where missingness records the outcome it would leak it.
    expect(on('colour')).toEqual([{ op: 'impute', column: 'colour', strategy: 'mode' }]);
    expect(on('amount')).toEqual([{ op: 'impute', column: 'amount', strategy: 'median' }]);
    // Every step, in the order the wizard applies them (drops first), runs on the data.
    const ordered = [
      ...proposals.filter((s) => s.op === 'drop_column'),
      ...proposals.filter((s) => s.op !== 'drop_column'),
    ];
    const result = await applyRecipe(db, { source: 'props', target: 'props_clean', columns, steps: ordered });
    expect(result.columns.map((c) => c.name)).toEqual(['seen', 'colour', 'amount', 'y']);
  });

  it('zeros far below a measurement are proposed as missing; counts and log scales keep theirs', async () => {
    const p = await table(
      `SELECT CASE WHEN i % 10 = 0 THEN 0 ELSE 60 + (i % 90) END::BIGINT AS pressure, (i % 12)::BIGINT AS visits, ` +
        `round(log10(1 + i % 300), 4) AS log_size FROM range(600) t(i)`,
      'zeros',
    );
    const w = p.warnings.filter((x) => x.code === 'zero_as_missing');
    expect(w.map((x) => x.column)).toEqual(['pressure']);
    expect(w[0]).toMatchObject({
      params: { count: 60, min: 61, proposal: { op: 'mark_missing', column: 'pressure', values: [0] } },
    });
  });

  it('category spellings differing only in case or spaces are proposed for merging', async () => {
    const p = await table(
      `SELECT ['KEY', 'key', ' KeY ', 'other', 'Other', 'plain'][i % 6 + 1] AS ink FROM range(60) t(i)`,
      'spell',
    );
    const w = p.warnings.find((x) => x.code === 'category_spelling')!;
    expect(w).toMatchObject({
      column: 'ink',
      params: {
        groups: 2,
        examples: [' KeY  / KEY / key', 'Other / other'],
        proposal: { op: 'normalize_category', column: 'ink', trim: true, case: 'lower' },
      },
    });
  });

  it('class imbalance below 20 % of the rows', async () => {
    const p = await table(
      `SELECT i::DOUBLE AS x, CASE WHEN i < 90 THEN 'neg' ELSE 'pos' END AS y FROM range(1000) t(i)`,
      'imb',
    );
    const w = p.warnings.find((x) => x.code === 'class_imbalance')!;
    expect(w.params?.minorityShare).toBeCloseTo(0.09, 12);
    const balanced = await table(
      `SELECT i::DOUBLE AS x, CASE WHEN i < 400 THEN 'neg' ELSE 'pos' END AS y FROM range(1000) t(i)`,
      'bal',
    );
    expect(codes(balanced)).not.toContain('class_imbalance');
  });

  it('suspects personal data from headers (name, e-mail, 身份证号), not from a yes/no column', async () => {
    const p = await table(
      `SELECT 'person ' || i AS name, 'p' || i || '@example.org' AS email, lpad(i::VARCHAR, 18, '1') AS "身份证号", ` +
        `CASE WHEN i % 2 = 0 THEN 'yes' ELSE 'none' END AS own_telephone FROM range(50) t(i)`,
      'pii',
    );
    for (const c of ['name', 'email', '身份证号']) expect(codes(p, c)).toContain('personal_data_suspected');
    expect(codes(p, 'own_telephone')).not.toContain('personal_data_suspected');
  });

  it('COMPAS: is_recid leaks two_year_recid; sex does not', async () => {
    const { profile } = await profileOf(dataset('compas-scores-two-years.csv'), 'compas', 'two_year_recid');
    expect(codes(profile, 'is_recid')).toContain('target_leakage');
    expect(codes(profile, 'sex')).not.toContain('target_leakage');
    expect(codes(profile, 'violent_recid')).toContain('empty_column');
    expect(codes(profile, 'type_of_assessment')).toContain('constant_column');
  });

  it('refuses an unknown target', async () => {
    await expect(
      profileTable(db, 'leak', [{ name: 'leak', type: 'integer', missingCount: 0, distinctCount: 2, sample: [] }], {
        target: 'nope',
      }),
    ).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
  });
});
