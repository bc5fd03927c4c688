import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/engine/data/duck';
import { binLabels } from '../../src/engine/data/bins';
import { applyRecipe } from '../../src/engine/data/recipe';
import { UserError } from '../../src/shared/errors';
import type { ColumnInfo } from '../../src/shared/model/data';

const col = (name: string, type: ColumnInfo['type']): ColumnInfo => ({
  name,
  type,
  missingCount: 0,
  distinctCount: 0,
  sample: [],
});

describe('cleaning recipe', () => {
  let db: Db;
  const columns = [col('age', 'integer'), col('income', 'float'), col('city', 'categorical'), col('num', 'integer')];
  beforeEach(async () => {
    db = await openDb();
    await db.run(`CREATE TABLE raw (age BIGINT, income DOUBLE, city VARCHAR, num BIGINT)`);
    await db.run(`INSERT INTO raw VALUES
      (20, 10.0, ' Berlin', 0), (30, NULL, 'berlin ', 2), (NULL, 30.0, 'BONN', 1),
      (40, 1000.0, 'Bonn', 0), (30, NULL, 'berlin ', 2), (50, 20.0, NULL, NULL)`);
  });
  afterEach(async () => db.close());

  const rows = async (table = 'clean') => db.all(`SELECT * FROM ${table}`);

  it('imputes the median and the mode, and records the values for scoring new data', async () => {
    const r = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [
        { op: 'impute', column: 'age', strategy: 'median' },
        { op: 'impute', column: 'income', strategy: 'mean', indicator: true },
        { op: 'impute', column: 'city', strategy: 'mode' },
      ],
    });
    // ages 20,30,40,30,50 → median 30; incomes 10,30,1000,20 → mean 265
    expect(r.applied.map((a) => a.resolved.value)).toEqual([30, 265, 'berlin ']);
    const out = await rows();
    expect(out.map((x) => x.age)).toEqual([20, 30, 30, 40, 30, 50]);
    expect(out.map((x) => x.income)).toEqual([10, 265, 30, 1000, 265, 20]);
    expect(out.map((x) => x.income_missing)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(r.columns.map((c) => c.name)).toContain('income_missing');
  });

  it('normalizes category spellings, then removes duplicates keeping file order', async () => {
    const r = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'normalize_category', column: 'city', trim: true, case: 'lower' }, { op: 'remove_duplicates' }],
    });
    const out = await rows();
    expect(out.map((x) => x.city)).toEqual(['berlin', 'berlin', 'bonn', 'bonn', null]);
    expect(r.applied[1]).toMatchObject({ rowsBefore: 6, rowsAfter: 5 });
  });

  it('binarizes a target (num > 0) and drops rows whose target is missing', async () => {
    const r = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [
        { op: 'drop_missing_target', column: 'num' },
        { op: 'binarize', column: 'num', comparator: '>', value: 0 },
      ],
    });
    expect((await rows()).map((x) => x.num)).toEqual(['0', '1', '1', '0', '1']);
    expect(r.columns.find((c) => c.name === 'num')?.type).toBe('categorical');
    expect(r.rowCount).toBe(5);
  });

  it('clips outliers with the IQR rule (Tukey fences)', async () => {
    const r = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'outliers', column: 'income', rule: 'iqr', action: 'clip' }],
    });
    // incomes 10,20,30,1000: q1 = 17.5, q3 = 272.5 (linear interpolation), IQR 255 → high 655
    expect(r.applied[0]!.resolved).toEqual({ low: 17.5 - 1.5 * 255, high: 272.5 + 1.5 * 255 });
    expect((await rows()).map((x) => x.income)).toEqual([10, null, 30, 655, null, 20]);
  });

  it('bins ages into the SPEC §7 bands and renames and drops columns', async () => {
    expect(binLabels([25, 45, 65])).toEqual(['<25', '25–44', '45–64', '65+']);
    const r = await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [
        { op: 'bin', column: 'age', edges: [25, 45, 65], into: 'age_band' },
        { op: 'drop_column', column: 'num' },
        { op: 'rename', column: 'city', to: 'town' },
      ],
    });
    expect(r.columns.map((c) => c.name)).toEqual(['age', 'income', 'town', 'age_band']);
    expect((await rows()).map((x) => x.age_band)).toEqual(['<25', '25–44', null, '25–44', '25–44', '45–64']);
  });

  it('marks values as missing in one column only (Pima zeros)', async () => {
    await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'mark_missing', column: 'num', values: [0] }],
    });
    expect((await rows()).map((x) => x.num)).toEqual([null, 2, 1, null, 2, null]);
  });

  it('turns Excel serial days into dates as Excel shows them (1900 system, origin 1899-12-30)', async () => {
    await db.run(`CREATE TABLE serials (d DOUBLE)`);
    // Hand-computed: 39448 + 1899-12-30 = 2008-01-01 (C14); 25569 is 1970-01-01 (the Unix epoch);
    // 45658 is 2025-01-01; 61 is 1900-03-01; Excel's serial 1 is 1900-01-01 and 59 is 1900-02-28,
    // one day off the origin because of the fictitious 1900-02-29 (60, no date); 0 is no date; the
    // time of day (.75) is dropped; 2958465 is 9999-12-31, the last day Excel has.
    await db.run(`INSERT INTO serials VALUES (39448), (39448.75), (25569), (45658), (61), (60), (59), (1), (0),
      (-5), (2958465), (2958466), (NULL)`);
    const r = await applyRecipe(db, {
      source: 'serials',
      target: 'clean',
      columns: [col('d', 'float')],
      steps: [{ op: 'excel_serial_date', column: 'd' }],
    });
    expect(r.columns).toEqual([expect.objectContaining({ name: 'd', type: 'date' })]);
    expect(r.rowCount).toBe(13);
    const out = await db.all<{ d: string | null }>(`SELECT CAST(d AS VARCHAR) AS d FROM clean`);
    expect(out.map((x) => x.d)).toEqual([
      '2008-01-01',
      '2008-01-01',
      '1970-01-01',
      '2025-01-01',
      '1900-03-01',
      null,
      '1900-02-28',
      '1900-01-01',
      null,
      null,
      '9999-12-31',
      null,
      null,
    ]);
  });

  it('refuses to read a text column as Excel serial days', async () => {
    const run = applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'excel_serial_date', column: 'city' }],
    });
    await expect(run).rejects.toMatchObject({ code: 'SETTING_INVALID', params: { setting: 'excel_serial_date city' } });
  });

  it('names the step and the column when a column does not exist', async () => {
    const run = applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'drop_column', column: 'nope' }],
    });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
      key: 'errors.RECIPE_COLUMN_NOT_FOUND',
      params: { column: 'nope', step: 1, op: 'drop_column' },
    });
  });

  it('refuses to order text when binarizing (city > 1 is never meant)', async () => {
    const run = applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'binarize', column: 'city', comparator: '>', value: 1 }],
    });
    await expect(run).rejects.toMatchObject({
      key: 'errors.RECIPE_COMPARE_TEXT',
      params: { column: 'city', comparator: '>' },
    });
  });

  it('leaves the imported table untouched', async () => {
    const before = await rows('raw');
    await applyRecipe(db, {
      source: 'raw',
      target: 'clean',
      columns,
      steps: [{ op: 'drop_rows_missing', column: 'age' }, { op: 'remove_duplicates' }],
    });
    expect(await rows('raw')).toEqual(before);
  });
});

describe('recipe on new data', () => {
  it('reuses the values resolved on the training data', async () => {
    const db = await openDb();
    await db.run(`CREATE TABLE a (x DOUBLE); INSERT INTO a VALUES (1), (2), (NULL), (9)`);
    await db.run(`CREATE TABLE b (x DOUBLE); INSERT INTO b VALUES (NULL), (100)`);
    const columns = [col('x', 'float')];
    const steps = [{ op: 'impute', column: 'x', strategy: 'median' }] as const;
    const first = await applyRecipe(db, { source: 'a', target: 'a_clean', columns, steps: [...steps] });
    expect(first.applied[0]!.resolved.value).toBe(2);
    await applyRecipe(db, { source: 'b', target: 'b_clean', columns, steps: [...steps], reuse: first.applied });
    expect((await db.all(`SELECT x FROM b_clean`)).map((r) => r.x)).toEqual([2, 100]);
    await db.close();
  });
});
