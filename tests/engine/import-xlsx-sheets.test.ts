// The workbook's sheet names in the import summary (so the wizard can offer a sheet chooser), the
// header row chosen by line number in a sheet with titles above the table, and C14's serial day
// numbers converted by the recipe step the wizard's "Convert to dates" adds.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { readFrame } from '../../src/engine/data/read';
import { applyRecipe } from '../../src/engine/data/recipe';
import { ImportSummarySchema } from '../../src/shared/model/data';
import { caseFile, casesDir } from '../helpers/paths';

let db: Db;
let dir: string;
let n = 0;
const table = () => `t${++n}`;

beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'mw-xlsx-sheets-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('xlsx sheet list', () => {
  it('C14: the summary names the one sheet, "Data", and validates against the shared schema', async () => {
    const s = await importFile(db, caseFile('C14-excel-serial-dates.xlsx'), {}, { table: table() });
    expect(s.sheet).toBe('Data');
    expect(s.sheets).toEqual(['Data']);
    expect(ImportSummarySchema.parse(s).sheets).toEqual(['Data']);
  });

  it('lists every sheet in workbook order, whichever sheet was read', async () => {
    const file = await workbook('three.xlsx', (wb) => {
      const notes = wb.addWorksheet('Notes');
      notes.addRow(['topic', 'pages']);
      notes.addRow(['intro', 2]);
      const sales = wb.addWorksheet('Sales 2024');
      sales.addRow(['region', 'units']);
      sales.addRow(['north', 3]);
      sales.addRow(['south', 4]);
      wb.addWorksheet('Zahlen').addRow(['x']);
    });
    const first = await importFile(db, file, {}, { table: table() });
    expect([first.sheet, first.rowCount]).toEqual(['Notes', 1]);
    expect(first.sheets).toEqual(['Notes', 'Sales 2024', 'Zahlen']);
    const chosen = await importFile(db, file, { sheet: 'Sales 2024' }, { table: table() });
    expect([chosen.sheet, chosen.rowCount]).toEqual(['Sales 2024', 2]);
    expect(chosen.sheets).toEqual(['Notes', 'Sales 2024', 'Zahlen']);
  });

  it('reads the header from the row the user names when titles sit above the table', async () => {
    const file = await workbook('titles.xlsx', (wb) => {
      const ws = wb.addWorksheet('Report');
      ws.addRow(['Quarterly report', 'draft']);
      ws.addRow(['region', 'units']);
      ws.addRow(['code', 'count']);
      ws.addRow(['n', 3]);
      ws.addRow(['s', 4]);
    });
    const t = table();
    const s = await importFile(db, file, { headerRow: 3 }, { table: t });
    expect([s.headerRow, s.rowCount]).toEqual([3, 2]);
    expect(s.columns.map((c) => c.name)).toEqual(['code', 'count']);
    const f = await readFrame(db, t, s.columns);
    expect(f.columns[1]!.values).toEqual([3, 4]);
  });

  it('a CSV import has no sheet list', async () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, 'a,b\n1,2\n3,4\n');
    const s = await importFile(db, file, {}, { table: table() });
    expect(s.sheets).toBeUndefined();
  });
});

describe('C14: the excel_serial_date step', () => {
  it('turns the suggested column into the expected dates and leaves the others alone', async () => {
    const expected = JSON.parse(readFileSync(path.join(casesDir, 'expected', 'C14.json'), 'utf8')) as {
      columns: { name: string; converted_values?: string[]; values?: unknown[] }[];
    };
    const t = table();
    const s = await importFile(db, caseFile('C14-excel-serial-dates.xlsx'), {}, { table: t });
    const date = s.columns.find((c) => c.name === 'Date')!;
    expect(date.suggestion).toBe('excel_serial_date');
    const r = await applyRecipe(db, {
      source: t,
      target: `${t}_clean`,
      columns: s.columns,
      steps: [{ op: 'excel_serial_date', column: 'Date' }],
    });
    const converted = r.columns.find((c) => c.name === 'Date')!;
    expect(converted.type).toBe('date');
    expect(converted.suggestion).toBeUndefined();
    const f = await readFrame(db, `${t}_clean`, r.columns);
    const values = (name: string) => f.columns.find((c) => c.name === name)!.values;
    expect(values('Date')).toEqual(expected.columns.find((c) => c.name === 'Date')!.converted_values);
    expect(values('Hired')).toEqual(expected.columns.find((c) => c.name === 'Hired')!.values);
  });
});

describe('workbooks whose workbook part comes after the sheets (exceljs issue #3064)', () => {
  it('recognises the streaming reader’s failure and reads the workbook whole to the same CSV', async () => {
    const { isWorkbookOrderRace, sheetToCsv } = await import('../../src/engine/data/import-xlsx');
    expect(isWorkbookOrderRace(new TypeError("Cannot read properties of undefined (reading 'sheets')"))).toBe(true);
    expect(isWorkbookOrderRace(new Error('invalid signature'))).toBe(false);
    const file = await workbook('order.xlsx', (wb) => {
      wb.addWorksheet('Notes').addRow(['topic']);
      const s = wb.addWorksheet('Sales');
      s.addRow(['region', 'units', 'when']);
      s.addRow(['north', 3, new Date(Date.UTC(2024, 0, 31))]);
      s.addRow(['south, east', 4.5, null]);
    });
    // Streaming (with the fallback when the race hits) and whole-workbook reads agree.
    for (let i = 0; i < 5; i++) {
      const streamed = await sheetToCsv(file, path.join(dir, `s${i}.csv`), 'Sales');
      const whole = await sheetToCsv(file, path.join(dir, `w${i}.csv`), 'Sales', { whole: true });
      expect(readFileSync(path.join(dir, `s${i}.csv`), 'utf8')).toBe(readFileSync(path.join(dir, `w${i}.csv`), 'utf8'));
      expect(whole.sheets).toEqual(['Notes', 'Sales']);
      expect(streamed.sheets).toEqual(['Notes', 'Sales']);
      expect({ ...whole, rowOfLine: [...whole.rowOfLine] }).toEqual({
        ...streamed,
        rowOfLine: [...streamed.rowOfLine],
      });
    }
    expect(readFileSync(path.join(dir, 'w0.csv'), 'utf8')).toBe(
      'region,units,when\nnorth,3,2024-01-31\n"south, east",4.5\n',
    );
  });
});
