// The shortcuts that make import and profile fast must not change what they produce:
// - type inference reads columns with repeats from their distinct values with counts (values.ts):
//   the plans must equal those from reading every row;
// - the import's exact distinct counts come from those distinct values: they must equal counting
//   the typed column;
// - the profile's quartiles come from grouped counts or from the histogram bins: they must equal
//   DuckDB's quantile_cont (pandas' `linear` rule) to the last bit, missing values included;
// - histograms count present values only (numpy.histogram of the non-missing values).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inferColumns } from '../../src/engine/data/detect/infer';
import { openDb } from '../../src/engine/data/duck';
import type { Db } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { profileTable } from '../../src/engine/data/profile';
import { createRng } from '../../src/engine/rng';
import { DEFAULT_MISSING_MARKERS } from '../../src/shared/model/data';
import type { ColumnInfo } from '../../src/shared/model/data';

const HEADER = [
  'id',
  'code',
  'zip',
  'visit_dmy',
  'visit_mdy',
  'day_iso',
  'stamp_iso',
  'flag',
  'is_ok',
  'yn',
  'mixed',
  'amount',
  'pct',
  'price',
  'eu',
  'padded',
  'cat',
  'score',
  'uuid',
  'hexcode',
  'comment',
  'customer_id',
  'phone',
  'xl',
  'late_text',
  'late_zero',
  'late_time',
];

/** A CSV whose columns take every kind inference distinguishes, with missing markers and padding. */
function trickyCsv(rows: number): string {
  const rng = createRng(7);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)]!;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const hex = (digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[rng.int(16)]).join('');
  const words = ['alpha', 'beta', 'gamma', 'delta'];
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) {
    const d = 1 + rng.int(28);
    const m = 1 + rng.int(12);
    const y = 2000 + rng.int(20);
    const mk = (v: string) => (rng.next() < 0.03 ? pick(['NA', '?', '-', '', 'N/A', 'null']) : v);
    const last = i === rows - 3;
    lines.push(
      [
        String(i + 1),
        `C${pad(rng.int(100000), 5)}`,
        pad(rng.int(100000), 5),
        mk(`${d}.${m}.${y}`),
        mk(`${pad(m, 2)}/${pad(d, 2)}/${y}`),
        mk(`${y}-${pad(m, 2)}-${pad(d, 2)}`),
        mk(`${y}-${pad(m, 2)}-${pad(d, 2)} 00:00:00`),
        String(rng.int(2)),
        pick(['true', 'false', 'TRUE', 'False']),
        mk(pick(['y', 'n'])),
        mk(rng.next() < 0.5 ? String(1 + rng.int(100)) : rng.next().toFixed(2)),
        mk(`"${1 + rng.int(999)},${pad(rng.int(1000), 3)}.${pad(rng.int(100), 2)}"`),
        mk(`${rng.int(101)}%`),
        mk(`$${rng.int(1000)}.${pad(rng.int(100), 2)}`),
        mk(`"${rng.int(1000)},${pad(rng.int(100), 2)}"`),
        mk(rng.next() < 0.5 ? ` ${pick(words)} ` : pick(words)),
        mk(pick(words)),
        rng.next() < 0.2 ? '-999' : String(rng.int(50)),
        `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
        hex(10),
        Array.from({ length: 1 + rng.int(4) }, () => pick(words)).join(' '),
        `K${i * 7}`,
        `1${pad(rng.int(1e9), 10)}`,
        i % 100 === 0 ? '8.96529E+19' : String(1e11 + rng.int(1e9)),
        last ? 'x' : String(rng.int(10)),
        last ? '0123' : String(100 + rng.int(900)),
        last ? '2020-01-01 10:30' : `2020-01-${pad(1 + rng.int(28), 2)}`,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

let dir: string;
let csv: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'modelwise-fastpaths-'));
  csv = path.join(dir, 'tricky.csv');
  writeFileSync(csv, trickyCsv(3000));
  db = await openDb();
});

afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('type inference over distinct values', () => {
  it.each([
    ['default markers', [...DEFAULT_MISSING_MARKERS], undefined],
    [
      '-999 as a marker, forced types',
      ['', 'NA', '-999', '?'],
      { visit_dmy: 'text', flag: 'integer', code: 'integer' },
    ],
  ] as const)('gives the plans of a row-by-row pass (%s)', async (_, markers, overrides) => {
    const cols = HEADER.map((name, j) => `'c${j}': 'VARCHAR'`).join(', ');
    await db.run(
      `CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM read_csv('${csv}', columns = {${cols}}, header = false, skip = 1, auto_detect = false, delim = ',', quote = '"', escape = '"')`,
    );
    const columns = HEADER.map((name, j) => ({ raw: `c${j}`, name }));
    const run = (grouping: 'auto' | 'all' | 'none') =>
      inferColumns(db, 'raw', columns, {
        markers,
        overrides: overrides as Record<string, 'text' | 'integer'> | undefined,
        grouping,
      });
    const none = await run('none');
    const all = await run('all');
    const auto = await run('auto');
    expect(none.sources.size).toBe(0);
    expect(all.sources.size).toBe(HEADER.length);
    // The estimate groups the columns with repeats and reads the near-unique ones row by row.
    expect(auto.sources.size).toBeGreaterThan(0);
    expect(auto.sources.size).toBeLessThan(HEADER.length);
    const result = (r: typeof none) => ({
      plans: r.plans,
      warnings: r.warnings,
      decimalMark: r.decimalMark,
      thousandsMark: r.thousandsMark,
    });
    expect(result(all)).toEqual(result(none));
    expect(result(auto)).toEqual(result(none));
    // The file exercises the decisions that need whole-column facts.
    const type = (name: string) => none.plans.find((p) => p.name === name)?.type;
    expect(type('zip')).toBe('text');
    expect(type('late_text')).not.toBe('integer');
    // One value after the sample has a time of day: the column is a date-time, not a date.
    expect(none.plans.find((p) => p.name === 'late_time')?.date?.time).toBe(true);
    expect(type('uuid')).toBe('identifier');
  });
});

describe('import facts', () => {
  it('distinct and missing counts equal counting the typed table', async () => {
    const summary = await importFile(db, csv, {}, { table: 'facts' });
    for (const c of summary.columns) {
      const col = `"${c.name}"`;
      const [r] = await db.all<{ d: number; m: number }>(
        `SELECT count(DISTINCT ${col}) AS d, count(*) - count(${col}) AS m FROM facts`,
      );
      expect(c.missingCount, c.name).toBe(Number(r!.m));
      if (!c.distinctApprox) expect(c.distinctCount, c.name).toBe(Number(r!.d));
    }
    // Scratch tables are gone.
    const left = await db.all(
      `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'facts\\_\\_%' ESCAPE '\\'`,
    );
    expect(left).toEqual([]);
  });
});

describe('profile statistics', () => {
  const info = (name: string, type: ColumnInfo['type']): ColumnInfo => ({
    name,
    type,
    missingCount: 0,
    distinctCount: 0,
    sample: [],
  });

  it('quartiles equal quantile_cont to the last bit, grouped or located through the bins', async () => {
    // 160 000 rows: `wide` has too many values to group (its quartiles come from the bins, most
    // values in the last one, with missing values whose bin expression would also fall there);
    // `ints` and `tenths` have few values (their quartiles come from grouped counts).
    await db.run(`CREATE OR REPLACE TABLE q AS SELECT
        CASE WHEN i % 11 = 0 THEN NULL WHEN i % 5 = 0 THEN i * 1.5 ELSE 1e9 + i / 7.0 END::DOUBLE AS wide,
        (i * 7919) % 160000 AS big,
        CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 31) % 97 END AS ints,
        ((i * 17) % 23) / 10.0 - 1.1 AS tenths
      FROM range(160000) t(i)`);
    const columns = [info('wide', 'float'), info('big', 'integer'), info('ints', 'integer'), info('tenths', 'float')];
    // Whatever the session's NULL order, missing values take no rank.
    await db.run(`SET default_null_order = 'nulls_first'`);
    const profile = await profileTable(db, 'q', columns).finally(() => db.run(`RESET default_null_order`));
    for (const c of columns) {
      const [r] = await db.all<{ q: number[] }>(`SELECT quantile_cont("${c.name}", [0.25, 0.5, 0.75]) AS q FROM q`);
      const p = profile.columns.find((x) => x.name === c.name)!;
      expect([p.q1, p.median, p.q3], c.name).toEqual(r!.q.map(Number));
      // Histograms hold the present values, whichever way they were counted.
      expect(
        p.histogram!.counts.reduce((a, b) => a + b, 0),
        c.name,
      ).toBe(p.count);
    }
    // The paths under test were taken: `wide` is estimated, `ints` counted exactly.
    expect(profile.columns.find((x) => x.name === 'wide')!.distinctApprox).toBe(true);
    expect(profile.columns.find((x) => x.name === 'ints')!.distinctApprox).toBeUndefined();
  });

  it('histograms count the present values only (numpy.histogram of the non-missing values)', async () => {
    // 0…99 once each and 30 missing: 20 bins of width 4.95 hold 5 values each.
    await db.run(
      `CREATE OR REPLACE TABLE h AS SELECT i AS x FROM range(100) t(i) UNION ALL SELECT NULL FROM range(30)`,
    );
    const profile = await profileTable(db, 'h', [info('x', 'integer')]);
    const x = profile.columns[0]!;
    expect(x.missingCount).toBe(30);
    expect(x.histogram!.counts).toEqual(new Array(20).fill(5));
  });
});
