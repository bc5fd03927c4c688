// Data-driven over ../shared/cases/expected/*.json whose area is `import` or `cleaning`: import the
// file with the product's importFile, map the ImportSummary and the typed rows onto the expected
// fields (see cases/README.md for their conventions) and check every field we can express.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/engine/data/duck';
import { openDb } from '../../src/engine/data/duck';
import { excelSerialToIso } from '../../src/engine/data/detect/decide';
import type { Frame } from '../../src/engine/data/frame';
import { importFile } from '../../src/engine/data/import';
import { profileTable } from '../../src/engine/data/profile';
import { readFrame } from '../../src/engine/data/read';
import type { Cell, ColumnType, ImportSummary } from '../../src/shared/model/data';
import { casesDir } from '../helpers/paths';

interface ExpectedColumn {
  name?: string;
  pos?: number;
  type?: ColumnType;
  values?: Cell[];
  raw_values?: number[];
  converted_values?: string[];
  missing?: number;
  levels?: string[];
  format?: string;
  suggestion?: string;
}
interface ExpectedWarning {
  code: string;
  file_lines?: number[];
  file_line?: number;
  column?: string;
  name?: string;
  positions?: number[];
  duplicate_groups?: number[][];
  [k: string]: unknown;
}
interface Expected {
  id: string;
  area: string;
  file: string;
  import?: Record<string, unknown>;
  columns?: ExpectedColumn[];
  columns_by_position?: ExpectedColumn[];
  warnings?: ExpectedWarning[];
  checks?: string[];
  must_not?: string[];
}

const expectedDir = path.join(casesDir, 'expected');
const cases: Expected[] = readdirSync(expectedDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(expectedDir, f), 'utf8')) as Expected)
  .filter((c) => c.area === 'import' || c.area === 'cleaning');

/** Type groups of cases/README.md: text, categorical and identifier are one; integer and float another. */
function group(t: ColumnType | undefined): string {
  if (t === 'text' || t === 'categorical' || t === 'identifier') return 'string';
  if (t === 'integer' || t === 'float') return 'number';
  return t ?? '';
}

function expectCells(actual: Cell[], expected: Cell[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i];
    if (typeof e === 'number') {
      expect(typeof a, `${label}[${i}]`).toBe('number');
      expect(Math.abs((a as number) - e), `${label}[${i}]: ${a} vs ${e}`).toBeLessThanOrEqual(1e-4);
    } else expect(a, `${label}[${i}]`).toEqual(e);
  });
}

interface Result {
  summary: ImportSummary;
  frame: Frame;
}

const col = (r: Result, name: string) => {
  const c = r.frame.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}; columns: ${r.frame.columns.map((x) => x.name).join(', ')}`);
  return c;
};
const allCells = (r: Result): Cell[] => r.frame.columns.flatMap((c) => c.values);
const allStrings = (r: Result): string[] => [
  ...r.frame.columns.map((c) => c.name),
  ...allCells(r).filter((v): v is string => typeof v === 'string'),
];

/**
 * `checks` of the expected files, as code. An unknown check fails the test, so a new one is never
 * silently skipped.
 */
const CHECKS: Record<string, (r: Result) => void> = {
  'len(columns[0].name) == 12': (r) => expect([...r.frame.columns[0]!.name].length).toBe(12),
  'no column name contains U+FEFF or a double-quote': (r) => {
    for (const c of r.frame.columns) expect(c.name).not.toMatch(/[\ufeff"]/);
  },
  'all column names unique': (r) =>
    expect(new Set(r.frame.columns.map((c) => c.name)).size).toBe(r.frame.columns.length),
};

/** `must_not` outcomes, as checks that fail when the outcome happens. */
const MUST_NOT: Record<string, (r: Result, e: Expected) => void> = {
  "use ',' as the field delimiter": (r) => expect(r.summary.delimiter).not.toBe(','),
  "decode byte 0x80 as U+0080 instead of '€' (U+20AC)": (r) => {
    expect(allStrings(r).some((s) => s.includes('\u0080'))).toBe(false);
    expect(allStrings(r).some((s) => s.includes('€'))).toBe(true);
  },
  'import the footer lines as data rows': (r) => {
    expect(r.frame.rowCount).toBe(5);
    expect(allStrings(r).some((s) => /Quelle|Mittelkurs;/.test(s) && s.startsWith('Quelle'))).toBe(false);
  },
  'treat the header row as data': (r) => {
    expect(r.summary.headerRow).toBe(1);
    expect(r.frame.columns[0]!.values).not.toContain('Country Name');
  },
  'any U+FFFD replacement character': (r) => expect(allStrings(r).some((s) => s.includes('\ufffd'))).toBe(false),
  'decode as GB2312 and drop/replace 喆 or 堃': (r) => {
    expect(col(r, '姓名').values).toContain('赵喆');
    expect(col(r, '姓名').values).toContain('钱堃');
  },
  'block the import because headers are unreadable': (r) =>
    expect(r.frame.columns.map((c) => c.name)).toContain('是否会员'),
  'split a record at an LF inside quotes': (r) => expect(r.frame.rowCount).toBe(4),
  'keep doubled quote pairs in values': (r) => expect(allStrings(r).some((s) => s.includes('""'))).toBe(false),
  'add a phantom 5th row': (r) => expect(r.summary.rowCount).toBe(4),
  'add an unnamed 6th column': (r) => expect(r.frame.columns.length).toBe(5),
  'fail with an error that names neither the header nor line 5': (r) => {
    const codes = r.summary.warnings.map((w) => w.code);
    expect(codes).toContain('header_trailing_delimiter');
    expect(r.summary.warnings.some((w) => w.code === 'short_row' && w.fileLines?.includes(5))).toBe(true);
  },
  "parse '<=50K' as a number": (r) => expect(group(col(r, 'income').type)).toBe('string'),
  'drop or overwrite a column': (r) => {
    expect(r.frame.columns.length).toBe(5);
    expect(r.frame.columns.map((c) => c.values[0])).toEqual(['S1', 10, 20, 30, 40]);
  },
  'give a renamed duplicate a name already used in the header': (r) => {
    const header = ['student', 'score', 'score', 'score.1', 'score'];
    r.frame.columns.forEach((c, i) => {
      if (c.name !== header[i]) expect(header).not.toContain(c.name);
    });
  },
  "'?' as a category level": (r) => expect(allCells(r)).not.toContain('?'),
  'hours_per_week typed as text': (r) => expect(group(col(r, 'hours_per_week').type)).toBe('number'),
  'names or values keeping the leading space': (r) => expect(allStrings(r).some((s) => s.startsWith(' '))).toBe(false),
  'any value losing a leading zero': (r) => {
    for (const name of ['zip', 'phone', 'employee_id'])
      for (const v of col(r, name).values) expect(typeof v).toBe('string');
    expect(col(r, 'zip').values[0]).toBe('01730');
  },
  'zip typed as integer/float': (r) => expect(group(col(r, 'zip').type)).toBe('string'),
  'convert any sample_id to a number': (r) => {
    for (const v of col(r, 'sample_id').values) expect(typeof v).toBe('string');
  },
  'leave reading_v as text': (r) => expect(col(r, 'reading_v').type).toBe('float'),
  'convert sim_iccid to float and use it as a feature': (r) => {
    expect(group(col(r, 'sim_iccid').type)).toBe('string');
    for (const v of col(r, 'sim_iccid').values) expect(typeof v).toBe('string');
  },
  'read 02.03.2023 as 3 February': (r) => expect(col(r, 'event_date').values[2]).toBe('2023-03-02'),
  'read 12.11.2023 as 11 December': (r) => expect(col(r, 'event_date').values[5]).toBe('2023-11-12'),
  'use different day/month order for different rows': (r) => {
    const info = r.summary.columns.find((c) => c.name === 'event_date')!;
    expect(info.dateFormat).toBe('DD.MM.YYYY');
    expect(col(r, 'event_date').values[1]).toBe('2023-03-01');
  },
  'convert Date using a 1970 epoch': (r) => {
    const dates = col(r, 'Date').values.map((v) => excelSerialToIso(v as number));
    expect(dates[0]).toBe('2008-01-01');
  },
  'turn Date into missing values': (r) => expect(col(r, 'Date').values).not.toContain(null),
  'silently convert Date without telling the user': (r) => {
    expect(col(r, 'Date').type).toBe('integer');
    expect(r.summary.warnings.some((w) => w.code === 'excel_serial_date' && w.column === 'Date')).toBe(true);
  },
};

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
});
afterAll(async () => {
  await db.close();
});

describe.each(cases.map((c) => [c.id, c] as const))('case %s', (id, c) => {
  let r: Result;
  beforeAll(async () => {
    const table = `case_${id}`;
    const summary = await importFile(db, path.join(casesDir, c.file), {}, { table });
    r = { summary, frame: await readFrame(db, table, summary.columns) };
  });

  it('imports as expected', () => {
    const imp = c.import ?? {};
    const s = r.summary;
    if (imp.encoding !== undefined)
      expect([imp.encoding, ...((imp.encoding_accept as string[] | undefined) ?? [])]).toContain(s.encoding);
    if (imp.bom !== undefined) expect(s.bom).toBe(imp.bom);
    if (imp.delimiter !== undefined) expect(s.delimiter).toBe(imp.delimiter);
    if (imp.decimal_mark !== undefined) expect(s.decimalMark).toBe(imp.decimal_mark);
    if (imp.thousands_mark !== undefined) expect(s.thousandsMark).toBe(imp.thousands_mark);
    if (imp.line_terminator !== undefined) expect(s.lineTerminator).toBe(imp.line_terminator);
    if (imp.header_row !== undefined) expect(s.headerRow).toBe(imp.header_row);
    if (imp.row_count !== undefined) {
      expect(s.rowCount).toBe(imp.row_count);
      expect(r.frame.rowCount).toBe(imp.row_count);
    }
    if (imp.column_count !== undefined) expect(s.columns.length).toBe(imp.column_count);
    if (imp.format !== undefined) expect(s.format).toBe(imp.format);
    if (imp.sheet !== undefined) expect(s.sheet).toBe(imp.sheet);
    if (imp.trim_leading_space) expect(allStrings(r).some((v) => v.startsWith(' '))).toBe(false);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  const columns = [...(c.columns ?? []), ...(c.columns_by_position ?? [])];
  it.each(columns.map((e) => [e.name ?? `#${e.pos}`, e] as const))('column %s', (_label, e) => {
    const frameCol = e.pos !== undefined ? r.frame.columns[e.pos]! : col(r, e.name!);
    const info = r.summary.columns.find((x) => x.name === frameCol.name)!;
    if (e.name !== undefined) expect(frameCol.name).toBe(e.name);
    if (e.type !== undefined) expect(group(frameCol.type), `type ${frameCol.type}`).toBe(group(e.type));
    if (e.values) expectCells(frameCol.values, e.values, frameCol.name);
    if (e.raw_values) expectCells(frameCol.values, e.raw_values, frameCol.name);
    if (e.converted_values)
      expect(frameCol.values.map((v) => excelSerialToIso(v as number))).toEqual(e.converted_values);
    if (e.missing !== undefined) {
      expect(info.missingCount).toBe(e.missing);
      expect(frameCol.values.filter((v) => v === null).length).toBe(e.missing);
    }
    if (e.levels) expect([...new Set(frameCol.values.filter((v) => v !== null))].sort()).toEqual(e.levels);
    if (e.format) expect(info.dateFormat).toBe(e.format);
    if (e.suggestion) expect(info.suggestion).toBe(e.suggestion);
  });

  it.each((c.warnings ?? []).map((w) => [w.code, w] as const))('warns %s', (code, w) => {
    const found = r.summary.warnings.filter((x) => x.code === code);
    expect(found.length, `codes: ${r.summary.warnings.map((x) => x.code).join(', ')}`).toBeGreaterThan(0);
    const params = (x: (typeof found)[number]) => x.params ?? {};
    const match = found.filter((x) => {
      if (w.file_lines && JSON.stringify(x.fileLines) !== JSON.stringify(w.file_lines)) return false;
      if (w.file_line !== undefined && !(x.fileLines ?? []).includes(w.file_line)) return false;
      if (w.column !== undefined && x.column !== w.column) return false;
      if (w.name !== undefined && params(x).name !== w.name) return false;
      if (w.positions && JSON.stringify(params(x).positions) !== JSON.stringify(w.positions)) return false;
      if (w.duplicate_groups && JSON.stringify(params(x).duplicate_groups) !== JSON.stringify(w.duplicate_groups))
        return false;
      for (const k of ['header_fields', 'data_fields', 'expected_fields', 'found_fields']) {
        if (w[k] !== undefined && params(x)[k] !== w[k]) return false;
      }
      return true;
    });
    expect(match.length, JSON.stringify(found)).toBeGreaterThan(0);
  });

  it.each((c.checks ?? []).map((k) => [k] as const))('check: %s', (k) => {
    const check = CHECKS[k];
    expect(check, `no code for check "${k}"`).toBeDefined();
    check!(r);
  });

  it.each((c.must_not ?? []).map((k) => [k] as const))('must not: %s', (k) => {
    const check = MUST_NOT[k];
    expect(check, `no code for must_not "${k}"`).toBeDefined();
    check!(r, c);
  });
});

// Cases with a `profile` block (C15: a target with one class): the profile's counts, and with that
// column as the target, a `target_single_class` warning naming it, its value and count — and no
// column called leaking (with one class, every column would "predict" it).
const profiled = readdirSync(expectedDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(expectedDir, f), 'utf8')) as Expected & ProfileExpectation)
  .filter((c) => c.profile !== undefined);

interface ProfileExpectation {
  profile?: Record<string, { distinct?: number; value_counts?: Record<string, number> }>;
  training?: { target?: string };
}

describe.each(profiled.map((c) => [c.id, c] as const))('profile of case %s', (id, c) => {
  it('counts values and warns about a single-class target', async () => {
    const table = `profile_${id}`;
    const summary = await importFile(db, path.join(casesDir, c.file), {}, { table });
    for (const [name, e] of Object.entries(c.profile!)) {
      const target = c.training?.target === name ? name : undefined;
      const p = await profileTable(db, table, summary.columns, { target });
      const col = p.columns.find((x) => x.name === name)!;
      if (e.distinct !== undefined) expect(col.distinctCount).toBe(e.distinct);
      if (e.value_counts)
        expect(Object.fromEntries(col.topValues.map((t) => [String(t.value), t.count]))).toEqual(e.value_counts);
      if (target && e.distinct === 1) {
        const [value, count] = Object.entries(e.value_counts ?? {})[0] ?? [];
        const w = p.warnings.filter((x) => x.code === 'target_single_class');
        expect(w).toMatchObject([{ column: name, params: { value, count } }]);
        expect(p.warnings.filter((x) => x.code === 'target_leakage')).toEqual([]);
      }
    }
  });
});

// The privacy cases state import facts too (card numbers and 18-digit IDs stay exact text).
describe('import facts of the privacy cases', () => {
  it('C23: card numbers stay text, 13-digit milliseconds stay integers', async () => {
    const s = await importFile(db, path.join(casesDir, 'files/C23-card-numbers.csv'), {}, { table: 'c23' });
    const f = await readFrame(db, 'c23', s.columns);
    expect(group(f.columns.find((c) => c.name === 'card_number')!.type)).toBe('string');
    expect(f.columns.find((c) => c.name === 'card_number')!.values[3]).toBe('6221260000000000001');
    expect(f.columns.find((c) => c.name === 'event_ms')!.type).toBe('integer');
  });
  it('C24: resident IDs with X keep every digit; phone numbers are text', async () => {
    const s = await importFile(db, path.join(casesDir, 'files/C24-cn-resident-id.csv'), {}, { table: 'c24' });
    const f = await readFrame(db, 'c24', s.columns);
    const ids = f.columns.find((c) => c.name === '身份证号')!;
    expect(group(ids.type)).toBe('string');
    expect(ids.values.slice(0, 4)).toEqual([
      '11010119900307918X',
      '11010119851122908x',
      '11010120000229908X',
      '110101197706159013',
    ]);
    expect(group(f.columns.find((c) => c.name === '手机')!.type)).toBe('string');
  });
});
