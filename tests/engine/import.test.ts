// importFile end to end: the shared datasets (sizes, names, missing markers) and small files built
// here for each detection rule, read back through readFrame / readRows.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/engine/data/duck';
import { openDb } from '../../src/engine/data/duck';
import type { Frame } from '../../src/engine/data/frame';
import { importFile } from '../../src/engine/data/import';
import { previewImport, typeChoices } from '../../src/engine/data/preview';
import { readFrame, readRows } from '../../src/engine/data/read';
import type { ImportOptions, ImportSummary } from '../../src/shared/model/data';
import { dataset } from '../helpers/paths';

let db: Db;
let dir: string;
let n = 0;
beforeAll(async () => {
  db = await openDb(':memory:', { threads: 1 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'mw-import-test-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function load(file: string, options: ImportOptions = {}): Promise<{ summary: ImportSummary; frame: Frame }> {
  const table = `t${++n}`;
  const summary = await importFile(db, file, options, { table });
  return { summary, frame: await readFrame(db, table, summary.columns) };
}

const column = (f: Frame, name: string) => f.columns.find((c) => c.name === name)!;
const codes = (s: ImportSummary) => s.warnings.map((w) => w.code);

describe('shared datasets', () => {
  it('german_credit.csv: header, 1000 × 21', async () => {
    const { summary, frame } = await load(dataset('german_credit.csv'));
    expect([summary.rowCount, summary.columns.length, summary.headerRow]).toEqual([1000, 21, 1]);
    expect(column(frame, 'credit_amount').type).toBe('integer');
    expect(column(frame, 'class').values.slice(0, 2)).toEqual(['good', 'bad']);
    expect(column(frame, 'checking_status').values[1]).toBe('0<=X<200');
  });

  it('adult.data: no header, ", " separator trimmed, "?" missing, blank last line → 32561 × 15', async () => {
    const { summary, frame } = await load(dataset('adult.data'));
    expect([summary.rowCount, summary.columns.length, summary.headerRow]).toEqual([32561, 15, 0]);
    expect(summary.columns.map((c) => c.name)).toEqual(Array.from({ length: 15 }, (_, i) => `column${i + 1}`));
    const missing = Object.fromEntries(summary.columns.map((c) => [c.name, c.missingCount]));
    expect([missing.column2, missing.column7, missing.column14]).toEqual([1836, 1843, 583]);
    expect(column(frame, 'column2').values[0]).toBe('State-gov');
    expect(column(frame, 'column15').values.filter((v) => v === '>50K').length).toBe(7841);
    expect(column(frame, 'column1').type).toBe('integer');
  });

  it('adult.data with the UCI names', async () => {
    const names = [
      'age',
      'workclass',
      'fnlwgt',
      'education',
      'education-num',
      'marital-status',
      'occupation',
      'relationship',
      'race',
      'sex',
      'capital-gain',
      'capital-loss',
      'hours-per-week',
      'native-country',
      'income',
    ];
    const { summary } = await load(dataset('adult.data'), { names });
    expect(summary.columns.map((c) => c.name)).toEqual(names);
    expect(summary.columns.every((c) => c.originalName === undefined)).toBe(true);
  });

  it('heart_cleveland.data: 303 × 14, "?" in columns 12 and 13', async () => {
    const { summary } = await load(dataset('heart_cleveland.data'));
    expect([summary.rowCount, summary.columns.length]).toEqual([303, 14]);
    expect(summary.columns[11]!.missingCount).toBe(4);
    expect(summary.columns[12]!.missingCount).toBe(2);
    expect(summary.columns[11]!.type).toBe('float');
  });

  it('pima_diabetes.csv: quoted header and text', async () => {
    const { summary, frame } = await load(dataset('pima_diabetes.csv'));
    expect([summary.rowCount, summary.columns.length]).toEqual([768, 9]);
    expect(summary.columns[0]!.name).toBe('pregnant');
    expect(column(frame, 'diabetes').values[0]).toBe('pos');
    // Zeros are values here (the profile/cleaning decides they mean missing), never silently dropped.
    expect(column(frame, 'insulin').values.filter((v) => v === 0).length).toBe(374);
  });

  it('steel_plates_faults.tsv: tab, no header, 1941 × 34', async () => {
    const { summary } = await load(dataset('steel_plates_faults.tsv'));
    expect([summary.delimiter, summary.headerRow, summary.rowCount, summary.columns.length]).toEqual([
      '\t',
      0,
      1941,
      34,
    ]);
  });

  it('cylinder_bands.data: CRLF, 9 trailing blank lines, "?" → 540 × 40', async () => {
    const { summary } = await load(dataset('cylinder_bands.data'));
    expect([summary.lineTerminator, summary.rowCount, summary.columns.length]).toEqual(['CRLF', 540, 40]);
    expect(summary.columns.reduce((s, c) => s + c.missingCount, 0)).toBe(999);
  });

  it('compas: duplicate column names made unique, 7214 × 53', async () => {
    const { summary } = await load(dataset('compas-scores-two-years.csv'));
    expect([summary.rowCount, summary.columns.length]).toEqual([7214, 53]);
    const names = summary.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(53);
    expect(names).toContain('decile_score.1');
    expect(names).toContain('priors_count.1');
    expect(summary.warnings.filter((w) => w.code === 'duplicate_header').map((w) => w.params?.name)).toEqual([
      'decile_score',
      'priors_count',
    ]);
    expect(summary.columns.find((c) => c.name === 'violent_recid')!.missingCount).toBe(7214);
  });

  it('never writes to the original and reports its SHA-256', async () => {
    const file = dataset('heart_cleveland.data');
    const before = statSync(file).mtimeMs;
    const { summary } = await load(file);
    expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
    expect(summary.sizeBytes).toBe(statSync(file).size);
    expect(statSync(file).mtimeMs).toBe(before);
  });
});

describe('encodings', () => {
  const text = 'name,city,amount\nJosé,Köln,"1,5"\nZoë,Málaga,2\n';
  it.each([
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), true],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), true],
    ['utf-16le', iconv.encode(text, 'utf-16le'), false],
  ] as const)('%s (BOM %s)', async (encoding, bytes, bom) => {
    const { summary, frame } = await load(write(`u16-${encoding}-${bom}.csv`, bytes));
    expect([summary.encoding, summary.bom]).toEqual([encoding, bom]);
    expect(column(frame, 'city').values).toEqual(['Köln', 'Málaga']);
  });

  it('Shift_JIS', async () => {
    const jp =
      '名前,年齢,メモ\n田中太郎,34,ありがとうございます\n鈴木花子,28,よろしくお願いします\n佐藤,45,カタカナのテキスト\n';
    const { summary, frame } = await load(write('sjis.csv', iconv.encode(jp, 'shift_jis')));
    expect(summary.encoding).toBe('shift_jis');
    expect(column(frame, '名前').values).toEqual(['田中太郎', '鈴木花子', '佐藤']);
  });

  it('a Windows-1252 byte deep in a large file (after the first megabyte) still converts', async () => {
    const body = Array.from({ length: 60000 }, (_, i) => `${i},plain text row ${i}`).join('\n');
    const bytes = Buffer.concat([
      Buffer.from('id,note\n' + body + '\n'),
      iconv.encode('60000,Preis 5 €\n', 'windows-1252'),
    ]);
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const { summary, frame } = await load(write('late-cp1252.csv', bytes));
    expect(summary.encoding).toBe('windows-1252');
    expect(summary.rowCount).toBe(60001);
    expect(column(frame, 'note').values[60000]).toBe('Preis 5 €');
  });

  it('UTF-8 with one damaged byte: the row is reported with its line and column, then skipped or stopped at', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,city\n1,Köln\n2,'),
      Buffer.from([0x4d, 0xfc, 0x6e]),
      Buffer.from('chen\n3,Zürich\n4,Düsseldorf\n5,Genève\n'),
    ]);
    const file = write('damaged.csv', bytes);
    const { summary, frame } = await load(file);
    expect(summary.encoding).toBe('utf-8');
    expect(summary.skippedRows).toBe(1);
    const w = summary.warnings.find((x) => x.code === 'undecodable_bytes')!;
    expect(w.fileLines).toEqual([3]);
    expect(w.column).toBe('city');
    expect(column(frame, 'city').values).toEqual(['Köln', 'Zürich', 'Düsseldorf', 'Genève']);
    await expect(importFile(db, file, { onBadRow: 'stop' }, { table: 'stop_damaged' })).rejects.toMatchObject({
      code: 'BAD_ROW',
      params: { line: 3, column: 'city', reason: 'undecodable_bytes' },
    });
  });

  it('an explicit encoding wins', async () => {
    const { summary, frame } = await load(write('forced.csv', iconv.encode('a;b\nÄ;1\n', 'windows-1252')), {
      encoding: 'latin1',
    });
    expect(summary.encoding).toBe('windows-1252');
    expect(column(frame, 'a').values).toEqual(['Ä']);
  });
});

describe('dialect, header and shape', () => {
  it('any one-character delimiter, quoted or not', async () => {
    const { summary, frame } = await load(write('caret.csv', 'a^b^c\n1^"x^y"^3\n4^z^6\n'));
    expect(summary.delimiter).toBe('^');
    expect(column(frame, 'b').values).toEqual(['x^y', 'z']);
  });

  it('semicolons with decimal commas, thousands dots, percentages and currency', async () => {
    const { summary, frame } = await load(
      write(
        'eu.csv',
        'Betrag;Anteil;Preis;Menge\n1.234,50;12,5 %;3,20 €;1.000\n950,25;7 %;10,00 €;12\n0,99;100 %;0,50 €;5\n',
      ),
    );
    expect([summary.delimiter, summary.decimalMark, summary.thousandsMark]).toEqual([';', ',', '.']);
    expect(column(frame, 'Betrag').values).toEqual([1234.5, 950.25, 0.99]);
    expect(column(frame, 'Anteil').values).toEqual([12.5, 7, 100]);
    expect(column(frame, 'Preis').values).toEqual([3.2, 10, 0.5]);
    expect(column(frame, 'Menge')).toMatchObject({ type: 'integer', values: [1000, 12, 5] });
  });

  it('English thousands separators inside quotes', async () => {
    const { frame } = await load(write('us.csv', 'amount,price\n"1,234",$1.50\n"12,000,000",$20\n7,$0.99\n'));
    expect(column(frame, 'amount')).toMatchObject({ type: 'integer', values: [1234, 12000000, 7] });
    expect(column(frame, 'price').values).toEqual([1.5, 20, 0.99]);
  });

  it('digits grouped by spaces or apostrophes are numbers: French and Swiss exports', async () => {
    const fr = await load(
      write('fr.csv', 'ville;montant;n\nA;1 234,5;1 000\nB;12,25;12\nC;1\u202f000\u00a0000,75;999\n'),
    );
    expect([fr.summary.decimalMark, fr.summary.thousandsMark]).toEqual([',', ' ']);
    expect(column(fr.frame, 'montant')).toMatchObject({ type: 'float', values: [1234.5, 12.25, 1000000.75] });
    expect(column(fr.frame, 'n')).toMatchObject({ type: 'integer', values: [1000, 12, 999] });
    const ch = await load(write('ch.csv', "item,price\na,1'234.50\nb,99.95\nc,12'345'678.00\n"));
    expect(ch.summary.thousandsMark).toBe("'");
    expect(column(ch.frame, 'price').values).toEqual([1234.5, 99.95, 12345678]);
    // Grouped digits under an identifier name stay codes.
    const ids = await load(write('grouped-ids.csv', 'order_no,v\n123 456,1\n234 567,2\n345 678,3\n'));
    expect(column(ids.frame, 'order_no').values).toEqual(['123 456', '234 567', '345 678']);
  });

  it('the thousands mark given in the options is honoured', async () => {
    const spaced = write('spaced.csv', 'a;b\nx;1 234,5\ny;12\n');
    const opts = { decimalMark: ',', thousandsMark: ' ' } as const;
    const fr = await load(spaced, opts);
    expect(fr.summary.thousandsMark).toBe(' ');
    expect(column(fr.frame, 'b').values).toEqual([1234.5, 12]);
    const swiss = await load(write('swiss.csv', "a,b\nx,1'234.50\ny,7\n"), { thousandsMark: "'" });
    expect(column(swiss.frame, 'b').values).toEqual([1234.5, 7]);
    // `1.234` and `12.500` read as thousands only when the user says `.` groups them.
    const dots = write('dots.csv', 'item;amount\na;1.234\nb;12.500\nc;7\n');
    expect(column((await load(dots)).frame, 'amount').values).toEqual([1.234, 12.5, 7]);
    expect(column((await load(dots, { thousandsMark: '.' })).frame, 'amount')).toMatchObject({
      type: 'integer',
      values: [1234, 12500, 7],
    });
    const commas = write('commas.csv', 'item;amount\na;1,234\nb;12,500\nc;7\n');
    expect(column((await load(commas, { decimalMark: '.', thousandsMark: ',' })).frame, 'amount').values).toEqual([
      1234, 12500, 7,
    ]);
    // Numbers that contradict the given mark are not silently misread.
    expect(column((await load(commas, { thousandsMark: '.' })).frame, 'amount').type).not.toBe('integer');
    await expect(load(spaced, { decimalMark: ',', thousandsMark: ',' })).rejects.toMatchObject({
      code: 'SETTING_INVALID',
      params: { setting: 'thousandsMark' },
    });
  });

  it('title lines above the table are skipped and reported', async () => {
    const { summary, frame } = await load(
      write('title.csv', 'Quarterly report\n\nregion,amount\nnorth,10\nsouth,20\n'),
    );
    expect(summary.headerRow).toBe(3);
    expect(codes(summary)).toContain('preamble_skipped');
    expect(column(frame, 'amount').values).toEqual([10, 20]);
  });

  it('the header option overrides detection', async () => {
    const { summary } = await load(write('forced-header.csv', 'a,b\nc,d\n'), { header: false });
    expect(summary.columns.map((c) => c.name)).toEqual(['column1', 'column2']);
    expect(summary.rowCount).toBe(2);
  });

  it('names must match the column count', async () => {
    await expect(
      importFile(db, write('names.csv', 'a,b\n1,2\n'), { names: ['x'] }, { table: 'bad_names' }),
    ).rejects.toMatchObject({
      code: 'SETTING_INVALID',
      params: { setting: 'names' },
    });
  });

  it('rows ending with a delimiter do not make an unnamed empty column', async () => {
    const { summary } = await load(write('trailing.csv', 'a,b\n1,2,\n3,4,\n'));
    expect(summary.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(codes(summary)).toContain('empty_unnamed_column');
  });

  it('footer notes after a blank line are excluded with their lines; blank trailing lines are not rows', async () => {
    const { summary } = await load(write('footer.csv', 'a,b\n1,2\n3,4\n\nSource: somewhere\n\n\n'));
    expect(summary.rowCount).toBe(2);
    expect(summary.warnings.find((w) => w.code === 'non_data_footer_excluded')?.fileLines).toEqual([5]);
    const plain = await load(write('blank-tail.csv', 'a,b\r\n1,2\r\n3,4\r\n\r\n\r\n'));
    expect(plain.summary.rowCount).toBe(2);
    expect(codes(plain.summary)).not.toContain('non_data_footer_excluded');
  });
});

describe('types', () => {
  it('leading zeros, long digits and phone columns stay text; unique coded IDs are identifiers', async () => {
    const { frame } = await load(
      write(
        'codes.csv',
        'zip,card,phone,staff_id,n\n01234,4111111111111111111,13800000001,00012,1\n98765,5555555555554444555,13800000002,00013,2\n',
      ),
    );
    expect(column(frame, 'zip')).toMatchObject({ type: 'text', values: ['01234', '98765'] });
    expect(column(frame, 'card').values).toEqual(['4111111111111111111', '5555555555554444555']);
    expect(column(frame, 'phone').values).toEqual(['13800000001', '13800000002']);
    expect(column(frame, 'staff_id')).toMatchObject({ type: 'identifier', values: ['00012', '00013'] });
  });

  it('dates: month-first proven by a day above 12, ISO, and a mixed column kept as text with a warning', async () => {
    const { summary, frame } = await load(
      write('dates.csv', 'us,iso,mixed\n03/25/2024,2024-03-25,25/03/2024\n04/01/2024,2024-04-01,03/25/2024\n'),
    );
    expect(column(frame, 'us')).toMatchObject({ type: 'date', values: ['2024-03-25', '2024-04-01'] });
    expect(summary.columns.find((c) => c.name === 'us')!.dateFormat).toBe('MM/DD/YYYY');
    expect(column(frame, 'iso').values).toEqual(['2024-03-25', '2024-04-01']);
    expect(column(frame, 'mixed').type).not.toBe('date');
    expect(codes(summary)).toContain('mixed_date_formats');
  });

  it('an ambiguous day/month column is read one way for every row and flagged', async () => {
    const { summary, frame } = await load(write('amb.csv', 'd\n01/02/2024\n03/04/2024\n'));
    expect(column(frame, 'd').type).toBe('date');
    expect(summary.warnings.find((w) => w.code === 'ambiguous_date_format')?.column).toBe('d');
  });

  it('impossible dates keep the column as text rather than inventing dates', async () => {
    const { frame } = await load(write('bad-dates.csv', 'd\n2024-02-30\n2024-03-01\n'));
    expect(column(frame, 'd')).toMatchObject({ type: 'text', values: ['2024-02-30', '2024-03-01'] });
  });

  it('booleans: yes/no, Y/N, true/false, and 1/0 only under a flag name', async () => {
    const { frame } = await load(
      write('bools.csv', 'a,b,c,is_vip,count\nyes,Y,TRUE,1,1\nno,N,false,0,0\nYes,n,True,1,1\n'),
    );
    expect(column(frame, 'a')).toMatchObject({ type: 'boolean', values: [true, false, true] });
    expect(column(frame, 'b').values).toEqual([true, false, false]);
    expect(column(frame, 'c').values).toEqual([true, false, true]);
    expect(column(frame, 'is_vip')).toMatchObject({ type: 'boolean', values: [true, false, true] });
    expect(column(frame, 'count')).toMatchObject({ type: 'integer', values: [1, 0, 1] });
  });

  it('missing markers count only where they are not plausible values (NA is Namibia among country codes)', async () => {
    const rows = ['US', 'DE', 'NA', 'FR', 'NA', 'CN', 'BR'].map(
      (c, i) => `${c},${i % 3 === 0 ? 'NA' : 'x' + i},${i % 2 ? '?' : i}`,
    );
    const { frame } = await load(write('namibia.csv', 'country,label,score\n' + rows.join('\n') + '\n'));
    expect(column(frame, 'country').values.filter((v) => v === 'NA').length).toBe(2);
    expect(column(frame, 'label').values.filter((v) => v === null).length).toBe(3);
    expect(column(frame, 'score')).toMatchObject({ type: 'integer', values: [0, null, 2, null, 4, null, 6] });
  });

  it('custom missing markers replace the default list', async () => {
    const { frame } = await load(write('markers.csv', 'a,b\n-999,?\n5,x\n'), { missingMarkers: ['', '-999'] });
    expect(column(frame, 'a').values).toEqual([null, 5]);
    expect(column(frame, 'b').values).toEqual(['?', 'x']);
  });

  it('columnTypes overrides detection and reports values that became missing', async () => {
    const { summary, frame } = await load(write('override.csv', 'zip,n\n01234,1\n98765,x\n'), {
      columnTypes: { zip: 'integer', n: 'integer' },
    });
    expect(column(frame, 'zip')).toMatchObject({ type: 'integer', values: [1234, 98765] });
    expect(column(frame, 'n').values).toEqual([1, null]);
    expect(summary.warnings.find((w) => w.code === 'type_override_lost_values')).toMatchObject({
      column: 'n',
      params: { count: 1 },
    });
  });

  it('a text column of values whose first thousands rows are numbers is typed by all its values', async () => {
    const body = Array.from({ length: 6000 }, (_, i) => `${i}`).join('\n');
    const { frame } = await load(write('late-text.csv', 'v\n' + body + '\nunknown\n'));
    expect(column(frame, 'v').type).not.toBe('integer');
    expect(column(frame, 'v').values[6000]).toBe('unknown');
    expect(column(frame, 'v').values[0]).toBe('0');
  });
});

describe('date-times', () => {
  it('ISO date-times are dates stored with their time, read back as ISO strings (COMPAS c_jail_in)', async () => {
    const table = 'compas_dt';
    const summary = await importFile(db, dataset('compas.train.csv'), {}, { table });
    const info = summary.columns.find((c) => c.name === 'c_jail_in')!;
    expect(info).toMatchObject({ type: 'date', dateFormat: 'YYYY-MM-DD HH:MM:SS', missingCount: 250 });
    const [t] = await db.all<{ t: string }>(`SELECT typeof(c_jail_in) AS t FROM ${table} LIMIT 1`);
    expect(t!.t).toBe('TIMESTAMP');
    // Oracle: the file's own text, with the ISO "T".
    const raw = readFileSync(dataset('compas.train.csv'), 'utf8').split('\n')[2]!;
    const header = readFileSync(dataset('compas.train.csv'), 'utf8').split('\n')[0]!.split(',');
    const rawCell = raw.split(',')[header.indexOf('c_jail_in')]!;
    expect(rawCell).toBe('2013-01-26 03:45:27');
    const rows = await readRows(db, table, [info], { offset: 1, limit: 1 });
    expect(rows[0]!.c_jail_in).toBe('2013-01-26T03:45:27');
    // Date-only columns of the same file stay plain dates.
    expect(summary.columns.find((c) => c.name === 'dob')).toMatchObject({ type: 'date', dateFormat: 'YYYY-MM-DD' });
  });

  it('midnight-only date-times stay dates; a bad date-time keeps the column text', async () => {
    const { summary, frame } = await load(
      write(
        'dt.csv',
        'a,b,c\n2024-01-02 00:00:00,2024-01-02 10:30,2024-01-02 10:30\n2024-01-03 00:00,2024-01-03T23:59:59.25,2024-13-40 10:00\n',
      ),
    );
    expect(summary.columns.map((c) => c.type)).toEqual(['date', 'date', 'text']);
    expect(column(frame, 'a').values).toEqual(['2024-01-02', '2024-01-03']);
    expect(column(frame, 'b').values).toEqual(['2024-01-02T10:30:00', '2024-01-03T23:59:59.25']);
  });
});

describe('read and preview', () => {
  it('readRows pages in table order, dates as ISO strings', async () => {
    const file = write(
      'page.csv',
      'i,d\n' +
        Array.from({ length: 50 }, (_, k) => `${k},2024-01-${String((k % 28) + 1).padStart(2, '0')}`).join('\n') +
        '\n',
    );
    const summary = await importFile(db, file, {}, { table: 'paged' });
    const rows = await readRows(db, 'paged', summary.columns, { offset: 10, limit: 3 });
    expect(rows).toEqual([
      { i: 10, d: '2024-01-11' },
      { i: 11, d: '2024-01-12' },
      { i: 12, d: '2024-01-13' },
    ]);
    const frame = await readFrame(db, 'paged', summary.columns, { limit: 5, offset: 48 });
    expect(frame.rowCount).toBe(2);
    const preview = await previewImport(db, 'paged', summary, { rows: 2 });
    expect(preview.rows.length).toBe(2);
    expect(preview.typeChoices.i![0]).toBe('integer');
    expect(typeChoices('integer', 'excel_serial_date')).toContain('date');
  });
});
