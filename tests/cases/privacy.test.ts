/**
 * Privacy cases from ../shared/cases (C21, C23, C24, and the PII fields of C11), driven by their
 * expected JSON. Each file is scanned twice: as the test helper `loadCsv` types it (numeric-looking
 * columns become numbers) and with every cell kept as exact text (DuckDB `all_varchar`), so the
 * result must not depend on how the importer types a column.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/engine/data/duck';
import type { Frame } from '../../src/engine/data/frame';
import { findEntitiesInText, prcIdCheck, scanPrivacy } from '../../src/engine/privacy';
import type { ColumnPrivacy, PrivacyScan } from '../../src/shared/model/privacy';
import { loadCsv } from '../helpers/loadCsv';
import { casesDir } from '../helpers/paths';

const expected = (id: string): Record<string, any> =>
  JSON.parse(readFileSync(path.join(casesDir, 'expected', `${id}.json`), 'utf8'));

/** Every cell as the exact text in the file; empty → null. */
async function readText(file: string): Promise<Frame> {
  const db = await openDb(':memory:', { threads: 1 });
  try {
    const reader = await db.connection.runAndReadAll('SELECT * FROM read_csv(?, all_varchar = true, header = true)', [
      file,
    ]);
    const rows = reader.getRows() as (string | null)[][];
    return {
      rowCount: rows.length,
      columns: reader
        .columnNames()
        .map((name, j) => ({ name, type: 'text', values: rows.map((r) => (r[j] === '' ? null : (r[j] ?? null))) })),
    };
  } finally {
    await db.close();
  }
}

async function scans(id: string): Promise<[string, PrivacyScan, Frame][]> {
  const file = path.join(casesDir, expected(id).file);
  const typed = await loadCsv(file);
  const texts = await readText(file);
  return [
    ['typed', scanPrivacy(typed), typed],
    ['text', scanPrivacy(texts), texts],
  ];
}

const col = (s: PrivacyScan, name: string): ColumnPrivacy => {
  const c = s.columns.find((x) => x.column === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const finding = (c: ColumnPrivacy, entity: string) => c.entities.find((e) => e.entity === entity);
const count = (c: ColumnPrivacy, entity: string) =>
  c.entities.filter((e) => e.entity === entity).reduce((a, e) => a + e.count, 0);

/** `classified_as` of the expected files, mapped onto our class + entity. */
function expectClassified(c: ColumnPrivacy, as: string): void {
  const entity = { identifier_uuid: 'UUID', CN_RESIDENT_ID: 'PRC_ID' }[as] ?? as;
  expect(c.class, c.column).toBe(entity === 'POSTAL_CODE' ? 'quasi_identifier' : 'direct_identifier');
  expect(c.entities[0]?.entity, c.column).toBe(entity);
  if (c.class === 'direct_identifier') expect(c.excludedFromFeatures).toBe(true);
}

describe('C21 — UUIDs containing phone-shaped digit runs', async () => {
  const x = expected('C21').privacy.columns;
  for (const [how, s] of await scans('C21')) {
    it(`${how}: record_uuid is a UUID identifier with no phone findings`, () => {
      expectClassified(col(s, 'record_uuid'), x.record_uuid.classified_as);
      expect(count(col(s, 'record_uuid'), 'PHONE')).toBe(x.record_uuid.findings.PHONE);
    });
    it(`${how}: contact_phone is a phone column, every row flagged`, () => {
      expectClassified(col(s, 'contact_phone'), x.contact_phone.classified_as);
      expect(finding(col(s, 'contact_phone'), 'PHONE')!.rows).toEqual(x.contact_phone.rows_flagged);
    });
    it(`${how}: the phone inside the note on row 2 is found`, () => {
      const notes = col(s, 'notes');
      for (const want of x.notes.findings as { row: number; entity: string; text: string }[]) {
        const f = finding(notes, want.entity)!;
        expect(f.source).toBe('free_text');
        expect(f.rows).toEqual([want.row]);
      }
    });
  }
  it('the note text yields exactly the expected span', async () => {
    const [, , frame] = (await scans('C21'))[1]!;
    const notes = frame.columns.find((c) => c.name === 'notes')!.values;
    for (const want of x.notes.findings as { row: number; entity: string; text: string }[]) {
      expect(findEntitiesInText(String(notes[want.row - 1])).map((sp) => [sp.entity, sp.text])).toEqual([
        [want.entity, want.text],
      ]);
    }
  });
});

describe('C23 — Mastercard 2-series and 19-digit cards; Luhn-valid timestamps', async () => {
  const e = expected('C23');
  const x = e.privacy.columns;
  for (const [how, s, frame] of await scans('C23')) {
    it(`${how}: card_number rows 1-5 flagged, row 6 not`, () => {
      const c = col(s, 'card_number');
      expectClassified(c, x.card_number.classified_as);
      const flagged = finding(c, 'CREDIT_CARD')!.rows;
      expect(flagged).toEqual(x.card_number.rows_flagged);
      for (const r of x.card_number.rows_not_flagged as number[]) expect(flagged).not.toContain(r);
      expect(c.invalid).toEqual([{ row: 6, reason: 'checksum', entity: 'CREDIT_CARD' }]);
    });
    it(`${how}: no card findings in event_ms or payment_ref`, () => {
      expect(count(col(s, 'event_ms'), 'CREDIT_CARD')).toBe(x.event_ms.findings.CREDIT_CARD);
      expect(count(col(s, 'payment_ref'), 'CREDIT_CARD')).toBe(x.payment_ref.findings.CREDIT_CARD);
      expect(col(s, 'event_ms').invalid).toEqual([]);
    });
    it(`${how}: card numbers stay exact text`, () => {
      expect(frame.columns.find((c) => c.name === 'card_number')!.values).toEqual(e.import.columns.card_number.values);
    });
  }
});

describe('C24 — Chinese resident ID numbers ending in X / x, bad checksum, bad date', async () => {
  const x = expected('C24').privacy.columns;
  for (const [how, s] of await scans('C24')) {
    it(`${how}: 姓名 is a person name, 手机 a phone`, () => {
      expectClassified(col(s, '姓名'), x['姓名'].classified_as);
      expectClassified(col(s, '手机'), x['手机'].classified_as);
    });
    it(`${how}: 身份证号 rows 1-4 valid, 5 checksum, 6 date`, () => {
      const c = col(s, '身份证号');
      expectClassified(c, x['身份证号'].classified_as);
      expect(finding(c, 'PRC_ID')!.rows).toEqual(x['身份证号'].valid_rows);
      expect(Object.fromEntries(c.invalid.map((i) => [String(i.row), i.reason]))).toEqual(x['身份证号'].invalid_rows);
    });
  }
  it('birth dates derived from rows 1-4 match the expected ones and the 出生日期 column', async () => {
    const [, , frame] = (await scans('C24'))[1]!;
    const ids = frame.columns.find((c) => c.name === '身份证号')!.values as string[];
    const dob = frame.columns.find((c) => c.name === '出生日期')!.values;
    for (const [row, date] of Object.entries(x['身份证号'].derived_birthdates as Record<string, string>)) {
      const r = prcIdCheck(ids[Number(row) - 1]!);
      expect(r.valid).toBe(true);
      expect(r.birthDate).toBe(date);
      expect(dob[Number(row) - 1]).toBe(date);
    }
    // must_not: store any ID as a float — the scan reads them as text; 18 digits survive exactly.
    expect(ids[3]).toBe('110101197706159013');
  });
});

describe('C11 — PII of leading-zero ZIP codes and phone numbers', async () => {
  const cols = expected('C11').columns as { name: string; pii?: string }[];
  for (const [how, s] of await scans('C11')) {
    it(`${how}: zip is a postal code, phone a phone, employee_id an identifier`, () => {
      for (const c of cols.filter((c) => c.pii)) expectClassified(col(s, c.name), c.pii!);
      expect(finding(col(s, 'zip'), 'POSTAL_CODE')!.count).toBe(4);
      expect(finding(col(s, 'phone'), 'PHONE')!.count).toBe(4);
      expect(col(s, 'employee_id')).toMatchObject({ class: 'direct_identifier', excludedFromFeatures: true });
      expect(col(s, 'amount').class).toBe('other');
    });
  }
});
