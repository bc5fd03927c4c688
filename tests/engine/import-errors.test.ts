// importFile on bad input (ragged rows, stray quotes, bad bytes: skip vs stop), cancellation and
// progress, temp-file cleanup, and the .xlsx and Parquet paths.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/engine/data/duck';
import { literal, openDb, runWithProgress } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { CSV_STAGES } from '../../src/engine/data/import-csv';
import type { ProgressReport } from '../../src/engine/data/progress';
import { readFrame } from '../../src/engine/data/read';
import { caseFile } from '../helpers/paths';

let db: Db;
let dir: string;
let tmp: string;
let n = 0;
beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'mw-import-err-'));
  tmp = path.join(dir, 'tmp');
  writeFileSync(path.join(dir, '.keep'), '');
  rmSync(tmp, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(tmp));
  process.env.MODELWISE_TMPDIR = tmp;
});
afterAll(async () => {
  delete process.env.MODELWISE_TMPDIR;
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}
const table = () => `e${++n}`;
const tables = async () =>
  (await db.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables()`)).map((r) => r.name);

describe('bad rows', () => {
  const ragged = 'id,name,score\n1,a,10\n2,b,20,extra\n3,"c"x,30\n4,d\n5,e,50\n';

  it("'skip' skips unreadable rows, pads short ones, and says which lines and why", async () => {
    const t = table();
    const s = await importFile(db, write('ragged.csv', ragged), { onBadRow: 'skip' }, { table: t });
    expect(s.rowCount).toBe(3);
    expect(s.skippedRows).toBe(2);
    const byCode = Object.fromEntries(s.warnings.map((w) => [w.code, w]));
    expect(byCode.long_row).toMatchObject({ fileLines: [3], params: { expected_fields: 3, found_fields: [4] } });
    expect(byCode.bad_quote).toMatchObject({ fileLines: [4], column: 'name' });
    expect(byCode.short_row).toMatchObject({ fileLines: [5], params: { expected_fields: 3, found_fields: 2 } });
    // One wording, from the catalog: no "row(s)", no reason codes, each line named once.
    expect(byCode.long_row!.message).toBe('Line 3 has more than 3 fields; it was skipped.');
    expect(byCode.bad_quote!.message).toBe('Line 4 could not be read (text after a closing quote); it was skipped.');
    expect(byCode.short_row!.message).toBe('Line 5 has 2 of 3 fields; the missing ones were left empty.');
    const f = await readFrame(db, t, s.columns);
    expect(f.columns[0]!.values).toEqual([1, 4, 5]);
    expect(f.columns[2]!.values).toEqual([10, null, 50]);
  });

  it("'stop' throws BAD_ROW naming the file and the first bad line", async () => {
    const file = write('ragged-stop.csv', ragged);
    await expect(importFile(db, file, { onBadRow: 'stop' }, { table: table() })).rejects.toMatchObject({
      code: 'BAD_ROW',
      params: { file, line: 3, reason: 'too_many_fields (4, expected 3)' },
    });
  });

  it('short rows alone are padded in both modes (nothing is lost)', async () => {
    const s = await importFile(db, write('short.csv', 'a,b,c\n1,2,3\n4,5\n'), { onBadRow: 'stop' }, { table: table() });
    expect(s.rowCount).toBe(2);
    expect(s.warnings.find((w) => w.code === 'short_row')?.fileLines).toEqual([3]);
  });

  it('an unterminated quote is reported at the line where it opens', async () => {
    const s = await importFile(db, write('open-quote.csv', 'a,b\n1,x\n2,"never closed\n3,y\n'), {}, { table: table() });
    expect(s.rowCount).toBe(1);
    expect(s.warnings.find((w) => w.code === 'bad_quote')).toMatchObject({
      fileLines: [3],
      params: { reason: 'unterminated_quote' },
    });
  });

  it('embedded newlines keep their line numbers for later rows', async () => {
    const s = await importFile(db, write('nl-ragged.csv', 'a,b\n1,"two\nlines"\n2\n3,z\n'), {}, { table: table() });
    expect(s.warnings.find((w) => w.code === 'short_row')?.fileLines).toEqual([4]);
    expect(s.rowCount).toBe(3);
  });
});

describe('files that cannot be read', () => {
  it('missing, empty, unsupported', async () => {
    await expect(importFile(db, path.join(dir, 'nope.csv'), {}, { table: table() })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await expect(importFile(db, write('empty.csv', ''), {}, { table: table() })).rejects.toMatchObject({
      code: 'FILE_EMPTY',
    });
    await expect(importFile(db, write('header-only.csv', 'name,age\n'), {}, { table: table() })).rejects.toMatchObject({
      code: 'FILE_EMPTY',
    });
    await expect(
      importFile(db, write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])), {}, { table: table() }),
    ).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
    });
    await expect(
      importFile(db, write('x.csv', 'a\n1\n'), { delimiter: ';;' } as never, { table: table() }),
    ).rejects.toMatchObject({ code: 'SETTING_INVALID' });
  });
});

describe('binary files and files without rows', () => {
  // A ZIP archive's local file header (PK 03 04) naming one text entry: no Excel workbook.
  const zip = Buffer.concat([
    Buffer.from([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 9, 0, 0, 0,
    ]),
    Buffer.from('inner.txta,b\n', 'latin1'),
    Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  ]);
  // 4 KB of pseudo-random bytes (a fixed LCG, so the test is repeatable).
  const noise = Buffer.alloc(4096);
  for (let i = 0, x = 12345; i < noise.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = x >>> 24;
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noise.subarray(0, 200)]);

  it.each([
    ['random bytes', 'noise.csv', noise, 'binary data, not text'],
    ['a PNG image', 'image.csv', png, 'a PNG image'],
    ['a ZIP archive renamed .csv', 'archive.csv', zip, 'a ZIP archive, not an Excel workbook'],
    [
      'a gzip file',
      'data.csv',
      Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), noise.subarray(0, 100)]),
      'a gzip-compressed file',
    ],
    [
      'control characters without NUL',
      'ctrl.csv',
      Buffer.from('a,b\n' + '\x01\x02\x03x,\x04\x05y\n'.repeat(40)),
      'binary data, not text',
    ],
  ])('%s is refused as FORMAT_UNSUPPORTED, not read as mojibake', async (_, name, bytes, reason) => {
    const file = write(name, bytes);
    await expect(importFile(db, file, {}, { table: table() })).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      params: { file, reason },
    });
  });

  it('also when the format is forced to CSV', async () => {
    await expect(
      importFile(db, write('forced.csv', noise), { format: 'csv' }, { table: table() }),
    ).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
    });
  });

  it('an .xlsx workbook renamed .csv is still read as a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRows([
      ['a', 'b'],
      [1, 'x'],
    ]);
    const file = path.join(dir, 'renamed.csv');
    await wb.xlsx.writeFile(file);
    const s = await importFile(db, file, {}, { table: table() });
    expect([s.format, s.rowCount]).toEqual(['xlsx', 1]);
  });

  it('text with accents, tabs and UTF-16 is not mistaken for binary', async () => {
    const s = await importFile(db, write('tabs.tsv', 'name\tcity\nJosé\tZürich\n'), {}, { table: table() });
    expect(s.rowCount).toBe(1);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('a,b\n1,2\n', 'utf-16le')]);
    expect((await importFile(db, write('u16.csv', u16), {}, { table: table() })).rowCount).toBe(1);
  });

  it.each([
    ['a header without a line break', 'name,age'],
    ['a header with CRLF and a BOM', '\ufeffname;age\r\n'],
    ['a header followed by blank lines', 'name,age\n\n\n'],
    ['only blank lines', '\n\n'],
  ])('%s is FILE_EMPTY naming the file', async (_, text) => {
    const file = write('no-rows.csv', text);
    await expect(importFile(db, file, {}, { table: table() })).rejects.toMatchObject({
      code: 'FILE_EMPTY',
      params: { file },
    });
  });
});

describe('progress and cancel', () => {
  let big: string;
  beforeAll(() => {
    const rows: string[] = ['id,name,amount,day'];
    for (let i = 0; i < 150_000; i++)
      rows.push(`${i},name ${i % 977},${(i * 1.37).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    big = write('big.csv', rows.join('\n') + '\n');
  });

  it('reports monotone progress with an ETA, ending at 1', async () => {
    const seen: ProgressReport[] = [];
    const s = await importFile(db, big, {}, { table: 'big_ok', onProgress: (p) => seen.push(p) });
    expect(s.rowCount).toBe(150_000);
    const fractions = seen.map((p) => p.fraction ?? 0);
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(seen[seen.length - 1]!.etaSeconds).toBe(0);
  });

  it.each([
    ['the first progress report', (p: ProgressReport) => p.fraction !== null],
    ['DuckDB reading (query progress)', (p: ProgressReport) => (p.fraction ?? 0) > 0.02],
  ])('cancelling at %s leaves no table and no temp files', async (_label, when) => {
    const ac = new AbortController();
    const t = `big_cancel_${++n}`;
    const p = importFile(
      db,
      big,
      {},
      {
        table: t,
        signal: ac.signal,
        onProgress: (r) => {
          if (when(r) && (r.fraction ?? 0) < 1) ac.abort();
        },
      },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await tables()).not.toContain(t);
    expect(await tables()).not.toContain(`${t}__raw`);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('cancelling once a large legacy file is being converted leaves no temp file', async () => {
    const rows = ['name;amount'];
    for (let i = 0; i < 200_000; i++) rows.push(`Müller ${i};${i},50`);
    const file = write('big-1252.csv', iconv.encode(rows.join('\n') + '\n', 'windows-1252'));
    const ac = new AbortController();
    // Shares of the stages (CSV_STAGES): inspect first, then convert.
    const total = CSV_STAGES.reduce((a, [, w]) => a + w, 0);
    const inspectEnd = CSV_STAGES[0]![1] / total;
    const seen: number[] = [];
    const p = importFile(
      db,
      file,
      {},
      {
        table: 'conv_cancel',
        signal: ac.signal,
        onProgress: (r) => {
          seen.push(r.fraction ?? 0);
          if ((r.fraction ?? 0) > inspectEnd + 1e-6) ac.abort();
        },
      },
    );
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Math.max(...seen)).toBeGreaterThan(inspectEnd);
    expect(await tables()).not.toContain('conv_cancel');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('runWithProgress interrupts a running DuckDB query', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(
      runWithProgress(db, 'SELECT sum(i * i) FROM range(100000000000) t(i)', {
        signal: ac.signal,
        onProgress: () => undefined,
      }),
    ).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('an already aborted signal stops before reading', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(importFile(db, big, {}, { table: 'never', signal: ac.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(await tables()).not.toContain('never');
  });

  it('converted (non-UTF-8) input leaves no temp file behind', async () => {
    const s = await importFile(db, caseFile('C01-eu-semicolon-cp1252.csv'), {}, { table: table() });
    expect(s.encoding).toBe('windows-1252');
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('xlsx', () => {
  async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('C14: date-styled cells are dates; bare serial numbers stay integers with a suggestion', async () => {
    const t = table();
    const s = await importFile(db, caseFile('C14-excel-serial-dates.xlsx'), {}, { table: t });
    expect([s.format, s.sheet, s.rowCount, s.headerRow]).toEqual(['xlsx', 'Data', 5, 1]);
    expect(s.columns.map((c) => [c.name, c.type])).toEqual([
      ['Invoice', 'categorical'],
      ['Date', 'integer'],
      ['Hired', 'date'],
      ['Amount', 'float'],
    ]);
    expect(s.columns[1]!.suggestion).toBe('excel_serial_date');
  });

  it('a chosen sheet, title rows above the header, formulas, rich text and empty trailing cells', async () => {
    const file = await workbook('multi.xlsx', (wb) => {
      wb.addWorksheet('Notes').addRow(['nothing here']);
      const ws = wb.addWorksheet('Sales');
      ws.addRow(['Sales 2024']);
      ws.addRow([]);
      ws.addRow(['region', 'units', 'price', 'total', 'note']);
      ws.addRow(['north', 3, 2.5, { formula: 'B4*C4', result: 7.5 }, { richText: [{ text: 'ri' }, { text: 'ch' }] }]);
      ws.addRow(['south', 4, 1.25, { formula: 'B5*C5', result: 5 }]);
      ws.addRow(['east', 5, 2, { formula: 'B6*C6', result: 10 }, 'x']);
    });
    const t = table();
    const s = await importFile(db, file, { sheet: 'Sales' }, { table: t });
    expect([s.sheet, s.headerRow, s.rowCount]).toEqual(['Sales', 3, 3]);
    const f = await readFrame(db, t, s.columns);
    expect(f.columns.map((c) => c.name)).toEqual(['region', 'units', 'price', 'total', 'note']);
    expect(f.columns[3]!.values).toEqual([7.5, 5, 10]);
    expect(f.columns[4]!.values).toEqual(['rich', null, 'x']);
    expect(s.warnings.map((w) => w.code)).not.toContain('short_row');
  });

  it('SHEET_NOT_FOUND lists the sheets', async () => {
    const file = await workbook('two.xlsx', (wb) => {
      wb.addWorksheet('A').addRow([1]);
      wb.addWorksheet('B').addRow([2]);
    });
    await expect(importFile(db, file, { sheet: 'C' }, { table: table() })).rejects.toMatchObject({
      code: 'SHEET_NOT_FOUND',
      params: { sheet: 'C', sheets: 'A, B' },
    });
  });
});

describe('parquet', () => {
  it('keeps typed columns and types text columns like CSV', async () => {
    const file = path.join(dir, 'data.parquet');
    await db.run(
      `COPY (SELECT i::INTEGER AS n, i * 0.5 AS x, (i % 2 = 0) AS flag, DATE '2024-01-01' + i::INTEGER AS d, ` +
        `CASE WHEN i = 3 THEN '?' ELSE lpad(i::VARCHAR, 5, '0') END AS code, CAST(i AS VARCHAR) AS num_text FROM range(6) t(i)) TO ${literal(file)} (FORMAT parquet)`,
    );
    const t = table();
    const s = await importFile(db, file, {}, { table: t });
    expect(s.format).toBe('parquet');
    expect(s.columns.map((c) => c.type)).toEqual(['integer', 'float', 'boolean', 'date', 'identifier', 'integer']);
    const f = await readFrame(db, t, s.columns);
    expect(f.columns[3]!.values[1]).toBe('2024-01-02');
    expect(f.columns[4]!.values).toEqual(['00000', '00001', '00002', null, '00004', '00005']);
    expect(existsSync(file)).toBe(true);
  });

  it('timestamps with times of day are date-times, as in CSV files; midnight-only ones are dates', async () => {
    const file = path.join(dir, 'times.parquet');
    await db.run(
      `COPY (SELECT TIMESTAMP '2024-01-01 08:30:00' + INTERVAL (i) HOUR AS at, TIMESTAMP '2024-01-01' + INTERVAL (i) DAY AS day ` +
        `FROM range(3) t(i)) TO ${literal(file)} (FORMAT parquet)`,
    );
    const t = table();
    const s = await importFile(db, file, {}, { table: t });
    expect(s.columns.map((c) => [c.type, c.dateFormat])).toEqual([
      ['date', 'YYYY-MM-DD HH:MM:SS'],
      ['date', undefined],
    ]);
    const f = await readFrame(db, t, s.columns);
    expect(f.columns[0]!.values).toEqual(['2024-01-01T08:30:00', '2024-01-01T09:30:00', '2024-01-01T10:30:00']);
    expect(f.columns[1]!.values[2]).toBe('2024-01-03');
  });
});
