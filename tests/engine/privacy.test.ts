/**
 * Privacy validators, free-text recognizers, the column scan, pseudonymization and ARX risk metrics,
 * against REFERENCE.md §3.4 (ARX test data), §3.5 (Presidio Luhn list, GB 11643 examples), RFC 4231
 * (HMAC-SHA-256) and published IBAN examples.
 */
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import {
  cardDigits,
  dateValid,
  distinctLDiversity,
  emailValid,
  equivalenceClasses,
  findEntitiesInText,
  headerHint,
  ibanValid,
  ipVersion,
  kAnonymity,
  luhnValid,
  maskValue,
  phoneValid,
  postalCodeValid,
  prcIdCheck,
  prosecutorRisk,
  pseudonymize,
  recordsBelowK,
  scanPrivacy,
  ssnValid,
  tCloseness,
  uuidValid,
} from '../../src/engine/privacy';
import { UserError } from '../../src/shared/errors';
import { PrivacyScanSchema, type ColumnPrivacy } from '../../src/shared/model/privacy';
import { loadCsv } from '../helpers/loadCsv';
import { dataset } from '../helpers/paths';

describe('Luhn and card numbers (REFERENCE §3.5, Presidio test list)', () => {
  it('valid numbers in every format', () => {
    for (const s of [
      '4012888888881881',
      '4012-8888-8888-1881',
      '4012 8888 8888 1881',
      '4111111111111111',
      '371449635398431',
      '5555555555554444',
      '122000000000003',
      '4484070000000000',
    ]) {
      expect(luhnValid(s), s).toBe(true);
      expect(cardDigits(s), s).not.toBeNull();
    }
  });
  it('invalid numbers', () => {
    expect(luhnValid('4012-8888-8888-1882')).toBe(false);
    expect(luhnValid('36168002586008')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111a111')).toBe(false);
  });
  it('13 digits starting with 1 are not card-shaped (the regex lookahead), nor 16-digit timestamps', () => {
    expect(cardDigits('1748503543012')).toBeNull();
    expect(cardDigits('1700000000000004')).toBeNull();
  });
  it('Mastercard 2-series and 19-digit cards are card-shaped (C23)', () => {
    expect(cardDigits('2223000048400011')).toBe('2223000048400011');
    expect(cardDigits('6221260000000000001')).toBe('6221260000000000001');
    expect(cardDigits('2720990000000000')).not.toBeNull();
    expect(cardDigits('2721000000000000')).toBeNull();
    expect(cardDigits('4111 1111-1111  1111')).toBeNull();
  });
});

describe('PRC resident ID (GB 11643-1999, REFERENCE §2.6/§3.5)', () => {
  it('accepts the reference examples and derives birth date and sex', () => {
    expect(prcIdCheck('360426199101010071')).toEqual({ valid: true, birthDate: '1991-01-01', sex: 'male' });
    expect(prcIdCheck('11010519491231002X')).toEqual({ valid: true, birthDate: '1949-12-31', sex: 'female' });
    expect(prcIdCheck('11010519491231002x').valid).toBe(true);
  });
  it('names the failure', () => {
    expect(prcIdCheck('360426199101010072')).toEqual({ valid: false, reason: 'checksum' });
    expect(prcIdCheck('11010519491231002Y')).toEqual({ valid: false, reason: 'format' });
    expect(prcIdCheck('3604261991010100')).toEqual({ valid: false, reason: 'format' });
    expect(prcIdCheck('110101199313450012').reason).toBe('date');
    expect(prcIdCheck('110101199302300012').reason).toBe('date');
    expect(prcIdCheck('110101290001010012').reason).toBe('date'); // 2900: in the future
  });
  it('legacy 15-digit numbers: date only', () => {
    expect(prcIdCheck('110105491231002')).toEqual({ valid: true, birthDate: '1949-12-31', sex: 'female' });
    expect(prcIdCheck('110105491331002').reason).toBe('date');
  });
});

describe('other validators', () => {
  it('IBAN mod 97 and country length', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false); // one character short for DE
    expect(ibanValid('hello')).toBe(false);
  });
  it('US SSN ranges', () => {
    expect(ssnValid('536-90-4399')).toBe(true);
    expect(ssnValid('536904399')).toBe(true);
    for (const s of [
      '000-12-3456',
      '666-12-3456',
      '912-34-5678',
      '123-00-4567',
      '123-45-0000',
      '078-05-1120',
      '219-09-9999',
      '536-90 4399',
    ]) {
      expect(ssnValid(s), s).toBe(false);
    }
  });
  it('e-mail, UUID, IP', () => {
    expect(emailValid('zhang.san+tag@example.com.cn')).toBe(true);
    expect(emailValid('a..b@example.com')).toBe(false);
    expect(emailValid('a@b')).toBe(false);
    expect(uuidValid('3c9d1e20-7b41-4f6a-9046-1345678ab001')).toBe(true);
    expect(uuidValid('{3C9D1E20-7B41-4F6A-9046-1345678AB001}')).toBe(true);
    expect(uuidValid('3c9d1e20-7b41-4f6a-9046-1345678ab00')).toBe(false);
    expect(ipVersion('192.168.0.1')).toBe(4);
    expect(ipVersion('2001:db8::1')).toBe(6);
    expect(ipVersion('256.1.1.1')).toBe(0);
    expect(ipVersion('10:30:45')).toBe(0);
  });
  it('phone numbers', () => {
    for (const s of [
      '+1 555-0100',
      '555-0142',
      '(212) 555-0123',
      '212-555-0123',
      '+1 212 555 0123',
      '13800000001',
      '+86 138 0013 8000',
      '010-12345678',
      '+44 20 7946 0958',
      '0044 20 7946 0958',
    ]) {
      expect(phoneValid(s), s).toBe(true);
    }
    for (const s of ['2023-01-15', '12.5', '123-4567', '5550123', '2125550123', '1234567890123', '1.2345', 'call me']) {
      expect(phoneValid(s), s).toBe(false);
    }
    // A column named phone: any 7–15 digits (C11).
    expect(phoneValid('0199000101', true)).toBe(true);
    expect(phoneValid('123', true)).toBe(false);
  });
  it('postal codes and dates', () => {
    expect(postalCodeValid('01730-2603')).toBe(true);
    expect(postalCodeValid('SW1A 1AA')).toBe(true);
    expect(postalCodeValid('K1A 0B1')).toBe(true);
    expect(postalCodeValid('01730')).toBe(false);
    expect(postalCodeValid('01730', true)).toBe(true);
    expect(postalCodeValid('100080', true)).toBe(true);
    expect(postalCodeValid('hello', true)).toBe(false);
    for (const s of ['1990-03-07', '1990/3/7', '19900307', '07.03.1990', '03/07/1990', '31/12/1990', '1990年3月7日'])
      expect(dateValid(s), s).toBe(true);
    for (const s of ['1990-13-07', '2000-02-30', '1990', '31/31/1990', '2990-01-01'])
      expect(dateValid(s), s).toBe(false);
  });
});

describe('findEntitiesInText', () => {
  it('finds a phone in a note (C21) but nothing inside a UUID', () => {
    expect(findEntitiesInText('call back on 555-0142 after 5pm')).toEqual([
      { entity: 'PHONE', start: 13, end: 21, text: '555-0142' },
    ]);
    expect(findEntitiesInText('ref 0b7c4d3e-2a19-4c55-9201-5550123ef003 ok').map((s) => s.entity)).toEqual(['UUID']);
  });
  it('e-mail, card, SSN, IBAN, PRC ID, IP and a mobile inside Chinese text', () => {
    const text =
      'mail zhang@example.com, card 4111 1111 1111 1111, ssn 536-90-4399, iban GB82 WEST 1234 5698 7654 32, id 11010519491231002X, ip 10.0.0.7';
    expect(findEntitiesInText(text).map((s) => [s.entity, s.text])).toEqual([
      ['EMAIL', 'zhang@example.com'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
      ['US_SSN', '536-90-4399'],
      ['IBAN', 'GB82 WEST 1234 5698 7654 32'],
      ['PRC_ID', '11010519491231002X'],
      ['IP', '10.0.0.7'],
    ]);
    expect(findEntitiesInText('电话13800000001回访').map((s) => [s.entity, s.text])).toEqual([
      ['PHONE', '13800000001'],
    ]);
  });
  it('no card in an epoch-milliseconds timestamp or a Luhn-failing number', () => {
    expect(findEntitiesInText('logged at 1700000000004 ms')).toEqual([]);
    expect(findEntitiesInText('card 4111 1111 1111 1112')).toEqual([]);
  });
});

describe('headers', () => {
  it('classifies English and Chinese headers', () => {
    expect(headerHint('contact_phone').entity).toBe('PHONE');
    expect(headerHint('E-Mail').entity).toBe('EMAIL');
    expect(headerHint('身份证号').entity).toBe('PRC_ID');
    expect(headerHint('出生日期').entity).toBe('DATE_OF_BIRTH');
    expect(headerHint('birth_place').entity).toBeNull();
    expect(headerHint('birth_place').quasi).toBe(true);
    expect(headerHint('firstName').entity).toBe('PERSON');
    expect(headerHint('Country Name').entity).toBeNull();
    expect(headerHint('product_name').entity).toBeNull();
    expect(headerHint('employee_id').identifier).toBe(true);
    expect(headerHint('product_type').identifier).toBe(false);
    expect(headerHint('age').quasi).toBe(true);
    expect(headerHint('page_views').quasi).toBe(false);
    expect(headerHint('diagnosis').sensitive).toBe(true);
    expect(headerHint('民族').sensitive).toBe(true);
    expect(headerHint('sexual_orientation').sensitive).toBe(true);
    expect(headerHint('sexual_orientation').quasi).toBe(false);
    // Steel plates' Orientation_Index is geometry, not GDPR Art. 9 data.
    expect(headerHint('Orientation_Index').sensitive).toBe(false);
    expect(headerHint('operator', [/^operator$/i]).templateIdentifier).toBe(true);
  });

  it('files criminal-record columns under GDPR Art. 10, not Art. 9', () => {
    for (const h of ['c_charge_degree', 'is_recid', 'prior_convictions', '前科']) {
      expect(headerHint(h)).toMatchObject({ sensitive: true, criminal: true });
    }
    expect(headerHint('diagnosis').criminal).toBe(false);
    const scan = scanPrivacy(frame({ c_charge_degree: ['F', 'M'], diagnosis: ['flu', 'cold'] }));
    expect(col(scan, 'c_charge_degree').reason).toBe('privacy.reason.criminal');
    expect(col(scan, 'diagnosis').reason).toBe('privacy.reason.sensitive');
  });
});

function frame(
  cols: Record<string, (string | number | null)[]>,
  types: Record<string, 'text' | 'integer' | 'float'> = {},
): Frame {
  const names = Object.keys(cols);
  return {
    rowCount: cols[names[0]!]!.length,
    columns: names.map((name) => ({ name, type: types[name] ?? 'text', values: cols[name]! })),
  };
}

const col = (scan: { columns: ColumnPrivacy[] }, name: string) => scan.columns.find((c) => c.column === name)!;

describe('scanPrivacy', () => {
  const f = frame(
    {
      email: ['ann@example.com', 'bob@example.org', null, 'carl@example.net'],
      ip: ['10.0.0.1', '10.0.0.2', '2001:db8::1', '192.168.1.1'],
      ssn: ['536-90-4399', '536-90-4400', '078-05-1120', '536-90-4401'],
      iban: ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'GB82 WEST 1234 5698 7654 33', null],
      dob: ['1990-03-07', '1985-11-22', '2000-02-29', 'unknown'],
      zip: ['01730', '01730-2603', '07307', '90210'],
      full_name: ['Ann Lee', 'Bob Stone', 'Carl Ng', null],
      diagnosis: ['flu', 'cancer', 'flu', 'hiv'],
      age: [34, 45, 66, 70],
      sex: ['F', 'M', 'M', 'F'],
      remarks: ['ok', 'mail me at dan@example.com', '555-0199', 'please phone +44 20 7946 0958'],
      operator: ['op1', 'op2', 'op3', 'op4'],
      reading: [1700000000004, 1700000000012, 1700000000020, 1700000000028],
      amount: [10.5, 20, 30, 4111111111111111],
      batch_code: ['12', '34', '56', '78'],
      empty_phone: [null, null, null, null],
    },
    { age: 'integer', reading: 'integer', amount: 'float' },
  );
  const scan = scanPrivacy(f, { identifierPatterns: ['^operator$'] });

  it('is a valid PrivacyScan', () => {
    expect(PrivacyScanSchema.parse(scan)).toBeTruthy();
    expect(scan.rowsScanned).toBe(4);
  });

  it('direct identifiers by validated values', () => {
    expect(col(scan, 'email')).toMatchObject({
      class: 'direct_identifier',
      action: 'pseudonymize',
      excludedFromFeatures: true,
    });
    expect(col(scan, 'email').entities).toEqual([
      {
        entity: 'EMAIL',
        source: 'values',
        count: 3,
        rows: [1, 2, 4],
        examples: ['an•@•••••••.•om', 'bo•@•••••••.•rg', 'ca••@•••••••.•et'],
      },
    ]);
    expect(col(scan, 'ip').entities[0]).toMatchObject({ entity: 'IP', count: 4 });
    expect(col(scan, 'ssn').entities[0]).toMatchObject({ entity: 'US_SSN', count: 3, rows: [1, 2, 4] });
    expect(col(scan, 'ssn').invalid).toEqual([{ row: 3, reason: 'range', entity: 'US_SSN' }]);
    expect(col(scan, 'iban').entities[0]).toMatchObject({ entity: 'IBAN', count: 2 });
    expect(col(scan, 'iban').invalid).toEqual([{ row: 3, reason: 'checksum', entity: 'IBAN' }]);
    expect(col(scan, 'iban').action).toBe('drop');
  });

  it('names, dates of birth and postal codes by header', () => {
    expect(col(scan, 'full_name')).toMatchObject({ class: 'direct_identifier', action: 'drop' });
    expect(col(scan, 'full_name').entities[0]).toMatchObject({ entity: 'PERSON', source: 'header', count: 3 });
    expect(col(scan, 'dob')).toMatchObject({
      class: 'quasi_identifier',
      action: 'generalize',
      excludedFromFeatures: false,
    });
    expect(col(scan, 'dob').entities[0]).toMatchObject({ entity: 'DATE_OF_BIRTH', count: 3, rows: [1, 2, 3] });
    expect(col(scan, 'zip').entities[0]).toMatchObject({ entity: 'POSTAL_CODE', count: 4 });
    expect(col(scan, 'zip').class).toBe('quasi_identifier');
  });

  it('sensitive, quasi and other columns', () => {
    expect(col(scan, 'diagnosis')).toMatchObject({
      class: 'sensitive',
      action: 'keep',
      excludedFromFeatures: false,
      entities: [],
    });
    expect(col(scan, 'age')).toMatchObject({ class: 'quasi_identifier', action: 'generalize' });
    expect(col(scan, 'sex').class).toBe('quasi_identifier');
    expect(col(scan, 'batch_code')).toMatchObject({
      class: 'other',
      action: 'keep',
      entities: [],
      reason: 'privacy.reason.none',
    });
  });

  it('free text, template identifiers, measurements, empty declared columns', () => {
    const remarks = col(scan, 'remarks');
    expect(remarks).toMatchObject({ class: 'direct_identifier', action: 'drop', reason: 'privacy.reason.freeText' });
    expect(remarks.entities.map((e) => [e.entity, e.source, e.rows])).toEqual([
      ['PHONE', 'free_text', [3, 4]],
      ['EMAIL', 'free_text', [2]],
    ]);
    expect(col(scan, 'operator')).toMatchObject({
      class: 'direct_identifier',
      reason: 'privacy.reason.templateIdentifier',
    });
    expect(col(scan, 'reading').entities).toEqual([]);
    expect(col(scan, 'amount').entities).toEqual([]);
    expect(col(scan, 'empty_phone').entities).toEqual([
      { entity: 'PHONE', source: 'header', count: 0, rows: [], examples: [] },
    ]);
  });

  it('card numbers: Luhn-valid digit strings in a time or counter column are not cards', () => {
    const text = frame({
      ts: ['4111111111111111', '4111111111111129', '4111111111111137', '4111111111111145'],
      token: ['4556737586899855', '6011000990139424', '5105105105105100', '4111111111111112'],
    });
    const s = scanPrivacy(text);
    // Monotone 16-digit values sharing a prefix: a counter, although each passes Luhn.
    expect(col(s, 'ts').entities).toEqual([]);
    expect(col(s, 'token').entities[0]).toMatchObject({ entity: 'CREDIT_CARD', count: 3, rows: [1, 2, 3] });
    expect(col(s, 'token').invalid).toEqual([{ row: 4, reason: 'checksum', entity: 'CREDIT_CARD' }]);
  });

  it('scans at most maxRows rows; refuses a bad identifier pattern', () => {
    const s = scanPrivacy(f, { maxRows: 2 });
    expect(s.rowsScanned).toBe(2);
    expect(col(s, 'email').entities[0]!.count).toBe(2);
    expect(() => scanPrivacy(f, { identifierPatterns: ['('] })).toThrow(UserError);
  });

  it('masks examples', () => {
    expect(maskValue('4111 1111 1111 1111')).toBe('41•• •••• •••• ••11');
    expect(maskValue('张三')).toBe('•三');
  });
});

describe('pseudonymize (HMAC-SHA-256)', () => {
  it('matches RFC 4231 test case 1, truncated to 128 bits', () => {
    const key = new Uint8Array(20).fill(0x0b);
    expect(pseudonymize('Hi There', key)).toBe('b0344c61d8db38535ca8afceaf0bf12b');
  });
  it('is keyed and refuses short keys', () => {
    const k1 = new Uint8Array(32).fill(1);
    const k2 = new Uint8Array(32).fill(2);
    expect(pseudonymize('110105194912310021', k1)).toBe(pseudonymize('110105194912310021', k1));
    expect(pseudonymize('110105194912310021', k1)).not.toBe(pseudonymize('110105194912310021', k2));
    expect(() => pseudonymize('x', new TextEncoder().encode('Jefe'))).toThrow(UserError);
  });
});

describe('ARX risk metrics (REFERENCE §3.4)', () => {
  const raw = '34,male,81667|45,female,81675|66,male,81925|70,female,81931|34,female,81931|70,male,81931|45,male,81931'
    .split('|')
    .map((r) => r.split(','));
  // The optimal 2-anonymous generalisation of ARX's test: age <50 / >=50, gender *, zip 3 digits + **.
  const generalised = raw.map(([age, , zip]) => [Number(age) < 50 ? '<50' : '>=50', '*', zip!.slice(0, 3) + '**']);
  const diagnosis = ['flu', 'flu', 'flu', 'cancer', 'cancer', 'hiv', 'flu'];

  it('before anonymization every record is unique', () => {
    const ec = equivalenceClasses(raw);
    expect(ec).toHaveLength(7);
    expect(kAnonymity(ec)).toBe(1);
    const r = prosecutorRisk(ec, 0.4);
    expect(r.highest).toBe(1);
    expect(r.average).toBe(1);
  });

  it('the 2-anonymous output', () => {
    const ec = equivalenceClasses(generalised);
    expect(ec.map((c) => c.rows.length)).toEqual([2, 3, 2]);
    expect(ec.map((c) => c.key.join(','))).toEqual(['<50,*,816**', '>=50,*,819**', '<50,*,819**']);
    expect(kAnonymity(ec)).toBe(2);
    const r = prosecutorRisk(ec, 0.4);
    expect(r.highest).toBe(0.5);
    expect(r.lowest).toBeCloseTo(1 / 3, 15);
    expect(r.average).toBeCloseTo(0.42857142857142855, 15);
    expect(r.recordsAtRisk).toBeCloseTo(4 / 7, 15);
    expect(prosecutorRisk(ec, 0.2).recordsAtRisk).toBe(1);
    expect(recordsBelowK(ec, 3)).toEqual({ records: 4, share: 4 / 7 });
  });

  it('distinct ℓ-diversity and equal-distance t-closeness of the diagnosis', () => {
    const ec = equivalenceClasses(generalised);
    expect(distinctLDiversity(ec, diagnosis)).toEqual({ l: 1, perClass: [1, 3, 2] });
    const t = tCloseness(ec, diagnosis, { distance: 'equal' });
    expect(t.perClass[0]).toBeCloseTo(3 / 7, 12);
    expect(t.perClass[1]).toBeCloseTo(5 / 21, 12);
    expect(t.perClass[2]).toBeCloseTo(3 / 14, 12);
    expect(t.t).toBeCloseTo(3 / 7, 12);
  });

  it('ordered-distance t-closeness: Li et al. 2007 salary example', () => {
    const salaries = ['3', '4', '5', '6', '7', '8', '9', '10', '11'];
    const ecs = [
      { key: ['low'], rows: [0, 1, 2] },
      { key: ['mixed'], rows: [3, 5, 8] },
      { key: ['rest'], rows: [4, 6, 7] },
    ];
    const t = tCloseness(ecs, salaries, { distance: 'ordered' });
    expect(t.perClass[0]).toBeCloseTo(0.375, 12);
    expect(t.perClass[1]).toBeCloseTo(1 / 6, 12);
    // An explicit order gives the same, and a value outside it is refused.
    expect(tCloseness(ecs, salaries, { distance: 'ordered', order: salaries }).perClass).toEqual(t.perClass);
    expect(() => tCloseness(ecs, salaries, { distance: 'ordered', order: ['3'] })).toThrow();
  });
});

describe('scanPrivacy on real data', () => {
  it('COMPAS: names, birth dates, case numbers; race sensitive; sex and age quasi-identifiers', async () => {
    const s = scanPrivacy(await loadCsv(dataset('compas-scores-two-years.csv')));
    const cls = (c: string) => col(s, c).class;
    for (const c of ['name', 'first', 'last']) {
      expect(col(s, c).entities[0]).toMatchObject({ entity: 'PERSON', count: 7214 });
      expect(col(s, c)).toMatchObject({ action: 'drop', excludedFromFeatures: true });
    }
    expect(col(s, 'dob').entities[0]).toMatchObject({ entity: 'DATE_OF_BIRTH', count: 7214 });
    expect(['id', 'c_case_number'].map(cls)).toEqual(['direct_identifier', 'direct_identifier']);
    expect(['race', 'c_charge_desc'].map(cls)).toEqual(['sensitive', 'sensitive']);
    expect(['sex', 'age', 'age_cat'].map(cls)).toEqual(['quasi_identifier', 'quasi_identifier', 'quasi_identifier']);
    expect(['juv_fel_count', 'priors_count', 'decile_score'].map(cls)).toEqual(['other', 'other', 'other']);
  });

  it('Adult: no direct identifiers, no value findings', async () => {
    const names =
      'age, workclass, fnlwgt, education, education-num, marital-status, occupation, relationship, race, sex, capital-gain, capital-loss, hours-per-week, native-country, income'.split(
        ', ',
      );
    const s = scanPrivacy(await loadCsv(dataset('adult.data'), { header: false, names }));
    expect(s.columns.filter((c) => c.class === 'direct_identifier')).toEqual([]);
    expect(s.columns.flatMap((c) => c.entities)).toEqual([]);
    expect(col(s, 'race').class).toBe('sensitive');
    expect(col(s, 'fnlwgt').class).toBe('other');
  });
});
