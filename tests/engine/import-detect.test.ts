// Unit tests of the pure detection rules behind importFile: value kinds, number formats, dates,
// booleans, names, dialect and header votes, encodings. Each failure kind of ../shared/cases has its
// general rule tested here on inputs other than the case file.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseRecords, lineTerminatorOf } from '../../src/engine/data/detect/csvtext';
import {
  boolPair,
  categoricalLimit,
  dateFamily,
  dayMonthOrder,
  excelSerialToIso,
  fileDecimalMark,
  isCodeName,
  isFlagName,
  isIdName,
  looksExcelSerial,
  markerIsValue,
  markerShapePattern,
  numberFormat,
  stringType,
} from '../../src/engine/data/detect/decide';
import { detectDialect, detectHeader, signature } from '../../src/engine/data/detect/dialect';
import {
  guessLegacyEncoding,
  mostlyUtf8,
  normalizeEncoding,
  sniffBom,
  sniffUtf16,
  utf8CompletePrefix,
  utf8Stats,
} from '../../src/engine/data/detect/encoding';
import { Kind, kindOf } from '../../src/engine/data/detect/kinds';
import type { KindId } from '../../src/engine/data/detect/kinds';
import { defaultNames, uniqueNames } from '../../src/engine/data/detect/names';
import { DEFAULT_MISSING_MARKERS } from '../../src/shared/model/data';

const M = [...DEFAULT_MISSING_MARKERS];
const kinds = (...values: string[]) => new Set(values.map((v) => kindOf(v, M)).filter((k) => k > 0) as KindId[]);

describe('value kinds', () => {
  it.each([
    ['42', Kind.INT],
    ['-7', Kind.INT],
    ['+3', Kind.INT],
    ['007', Kind.LEADZERO],
    ['0', Kind.INT],
    ['1234567890123456', Kind.LONGINT],
    ['3.14', Kind.DEC],
    ['.5', Kind.DEC],
    ['0.125', Kind.DEC],
    ['1.234', Kind.AMB_DOT3],
    ['1,234', Kind.AMB_COMMA3],
    ['4,3480', Kind.DEC_COMMA],
    ['-0,12', Kind.DEC_COMMA],
    ['1.234,50', Kind.EU_FULL],
    ['1,234.50', Kind.US_FULL],
    ['1.000.000', Kind.EU_THOUS],
    ['1,000,000', Kind.US_THOUS],
    ['+1.500000E-03', Kind.SCI],
    ['-2.5000000000E-03', Kind.SCI],
    ['5e10', Kind.SCI],
    ['8.96529E+19', Kind.XLNUM],
    ['12.5%', Kind.PCT],
    ['$1,200.00', Kind.CUR],
    ['12 €', Kind.CUR],
    ['2024-01-31', Kind.DATE_ISO],
    ['2024-01-31 00:00:00', Kind.DATETIME_ISO],
    ['2024/1/31', Kind.DATE_YMD],
    ['31.01.2024', Kind.DATE_DOT],
    ['1.3.2023', Kind.DATE_DOT],
    ['01/31/2024', Kind.DATE_SLASH],
    ['31-01-2024', Kind.DATE_DASH],
    ['2024年1月31日', Kind.DATE_CJK],
    ['Yes', Kind.BOOL],
    ['N', Kind.BOOL],
    ['是', Kind.BOOL],
    ['3c9d1e20-7b41-4f6a-9046-1345678ab001', Kind.UUID],
    ['a93e07', Kind.OTHER],
    ['01730-2603', Kind.OTHER_DIGIT],
    ['4111 1111 1111 1111', Kind.OTHER_DIGIT],
    ['1 234', Kind.SP_INT],
    ['-12 345 678', Kind.SP_INT],
    ['1\u00a0234,5', Kind.SP_COMMA],
    ['1\u202f234\u202f567,89', Kind.SP_COMMA],
    ['1 234.5', Kind.SP_DOT],
    ["1'234", Kind.APOS_INT],
    ["12'345'678.00", Kind.APOS_DOT],
    ['1\u2019234.50', Kind.APOS_DOT],
    ['123 45', Kind.OTHER_DIGIT],
    ['06 12 34 56 78', Kind.OTHER_DIGIT],
    ['<=50K', Kind.OTHER],
    ['', Kind.EMPTY],
    ['   ', Kind.EMPTY],
  ])('%j is kind %i', (v, k) => expect(kindOf(v, M)).toBe(k));

  it('reads missing markers exactly (case-sensitive) before any pattern', () => {
    expect(kindOf('?', M)).toBe(-1 - M.indexOf('?'));
    expect(kindOf('NA', M)).toBe(-1 - M.indexOf('NA'));
    expect(kindOf('na', M)).toBe(Kind.OTHER);
    expect(kindOf(' ? ', M)).toBe(-1 - M.indexOf('?'));
  });
});

describe('number formats', () => {
  it('decimal comma with dot thousands (C01 and similar exports)', () => {
    expect(numberFormat(kinds('1.234,50', '950,25', '0,99', '1.000.000,00'), null)).toEqual({
      type: 'float',
      decimal: ',',
      thousands: '.',
    });
    expect(numberFormat(kinds('4,3480', '0,0273'), null)).toEqual({ type: 'float', decimal: ',', thousands: '' });
  });
  it('English thousands and plain decimals', () => {
    expect(numberFormat(kinds('1,234.5', '12'), null)).toEqual({ type: 'float', decimal: '.', thousands: ',' });
    expect(numberFormat(kinds('1,000,000', '12'), null)).toEqual({ type: 'integer', decimal: '.', thousands: ',' });
    expect(numberFormat(kinds('10.5', '20'), null)).toEqual({ type: 'float', decimal: '.', thousands: '' });
  });
  it('ambiguous 1.234 and 1,234 follow the file, then the English convention', () => {
    expect(numberFormat(kinds('1.234', '12'), null)).toEqual({ type: 'float', decimal: '.', thousands: '' });
    expect(numberFormat(kinds('1.234', '12'), ',')).toEqual({ type: 'integer', decimal: ',', thousands: '.' });
    expect(numberFormat(kinds('1,234', '12'), null)).toEqual({ type: 'integer', decimal: '.', thousands: ',' });
    expect(numberFormat(kinds('1,234', '12'), ',')).toEqual({ type: 'float', decimal: ',', thousands: '' });
  });
  it('contradictory notations in one column are not a number column', () => {
    expect(numberFormat(kinds('1.234,5', '1,234.5'), null)).toBeNull();
  });
  it('signed scientific floats (C12) are floats', () => {
    expect(numberFormat(kinds('+1.500000E-03', '-5.000000E-02'), null)).toEqual({
      type: 'float',
      decimal: '.',
      thousands: '',
    });
  });
  it('digits grouped by spaces or apostrophes leave the comma or dot as the decimal mark', () => {
    expect(numberFormat(kinds('1 234,5', '12,25', '7'), null)).toEqual({ type: 'float', decimal: ',', thousands: ' ' });
    expect(numberFormat(kinds('1 234', '999'), null)).toEqual({ type: 'integer', decimal: '.', thousands: ' ' });
    expect(numberFormat(kinds('1 234', '999'), ',')).toEqual({ type: 'integer', decimal: ',', thousands: ' ' });
    expect(numberFormat(kinds('1 234.5', '2.5'), null)).toEqual({ type: 'float', decimal: '.', thousands: ' ' });
    // With spaces grouping, `1,234` can only be a decimal.
    expect(numberFormat(kinds('1 234', '1,234'), null)).toEqual({ type: 'float', decimal: ',', thousands: ' ' });
    expect(numberFormat(kinds("1'234.50", '99.95'), null)).toEqual({ type: 'float', decimal: '.', thousands: "'" });
    expect(numberFormat(kinds("1'234", '5'), null)).toEqual({ type: 'integer', decimal: '.', thousands: "'" });
    // Two groupings, or a comma decimal with Swiss apostrophes, are no single notation.
    expect(numberFormat(kinds('1 234', '1,234,567'), null)).toBeNull();
    expect(numberFormat(kinds('1 234', "1'234"), null)).toBeNull();
    expect(numberFormat(kinds("1'234", '0,5'), null)).toBeNull();
    expect(numberFormat(kinds('1 234,5', '1 234.5'), null)).toBeNull();
  });
  it('a thousands mark the user gave is the only grouping accepted', () => {
    expect(numberFormat(kinds('1,234', '12'), ',', ',')).toEqual({ type: 'integer', decimal: '.', thousands: ',' });
    expect(numberFormat(kinds('1.234', '12'), null, '.')).toEqual({ type: 'integer', decimal: ',', thousands: '.' });
    expect(numberFormat(kinds('1.234', '12,5'), null, '.')).toEqual({ type: 'float', decimal: ',', thousands: '.' });
    expect(numberFormat(kinds('1,5', '12'), null, ',')).toBeNull();
    expect(numberFormat(kinds('1.5', '12'), null, '.')).toBeNull();
    expect(numberFormat(kinds('1 234,5', '12'), null, ' ')).toEqual({ type: 'float', decimal: ',', thousands: ' ' });
    expect(numberFormat(kinds('1 234,5', '12'), null, "'")).toBeNull();
    // A space or no separator: `1,234` and `1.234` are decimals.
    expect(numberFormat(kinds('1,234', '12'), null, ' ')).toEqual({ type: 'float', decimal: ',', thousands: ' ' });
    expect(numberFormat(kinds('1.234', '12'), null, '')).toEqual({ type: 'float', decimal: '.', thousands: '' });
    expect(numberFormat(kinds('1,000,000'), null, '')).toBeNull();
  });
  it('the file decimal mark needs proof from some column and none against', () => {
    expect(fileDecimalMark([kinds('4,3480'), kinds('12')])).toBe(',');
    expect(fileDecimalMark([kinds('4,3480'), kinds('1.5')])).toBeNull();
    expect(fileDecimalMark([kinds('1.5')])).toBe('.');
  });
});

describe('dates', () => {
  it('decides the day/month order per column from values above 12 (C13)', () => {
    expect(dayMonthOrder(29, 12, 'dot', null)).toEqual({ order: 'dmy', ambiguous: false });
    expect(dayMonthOrder(12, 31, 'slash', ',')).toEqual({ order: 'mdy', ambiguous: false });
    expect(dayMonthOrder(31, 31, 'slash', null)).toEqual({ order: null, ambiguous: false });
  });
  it('ambiguous columns follow the separator and the file convention, flagged', () => {
    expect(dayMonthOrder(12, 12, 'dot', null)).toEqual({ order: 'dmy', ambiguous: true });
    expect(dayMonthOrder(12, 12, 'slash', null)).toEqual({ order: 'mdy', ambiguous: true });
    expect(dayMonthOrder(12, 12, 'slash', ',')).toEqual({ order: 'dmy', ambiguous: true });
  });
  it('one family per column; ISO dates and midnight date-times go together', () => {
    expect(dateFamily(kinds('2024-01-02', '2024-01-03 00:00:00'))).toBe('iso_datetime');
    expect(dateFamily(kinds('02.01.2024', '2024-01-03'))).toBeNull();
    expect(dateFamily(kinds('02.01.2024', '3.1.2024'))).toBe('dot');
  });
  it('Excel serial days use the 1900 system (origin 1899-12-30), not the Unix epoch', () => {
    expect(excelSerialToIso(39448)).toBe('2008-01-01');
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(looksExcelSerial('Date', 39448, 39452)).toBe(true);
    expect(looksExcelSerial('Amount', 39448, 39452)).toBe(false);
    expect(looksExcelSerial('order_date', 1, 5)).toBe(false);
  });
});

describe('booleans, identifiers and categories', () => {
  it('booleans need exactly the two words of one pair', () => {
    expect(boolPair(['是', '否'])).toEqual({ trueValue: '是', falseValue: '否' });
    expect(boolPair(['YES', 'no'])).toEqual({ trueValue: 'yes', falseValue: 'no' });
    expect(boolPair(['Y', 'N'])).toEqual({ trueValue: 'y', falseValue: 'n' });
    expect(boolPair(['yes'])).toBeNull();
    expect(boolPair(['y', 'no'])).toBeNull();
    expect(boolPair(['M', 'F'])).toBeNull();
  });
  it('1/0 reads as a flag only under a flag-like name', () => {
    expect(isFlagName('is_member')).toBe(true);
    expect(isFlagName('hasCar')).toBe(true);
    expect(isFlagName('是否会员')).toBe(true);
    expect(isFlagName('two_year_recid')).toBe(false);
    expect(isFlagName('island')).toBe(false);
  });
  it('identifier and code names', () => {
    for (const n of ['id', 'employee_id', 'SampleID', 'payment_ref', 'record_uuid', '编号'])
      expect(isIdName(n), n).toBe(true);
    for (const n of ['idle_time', 'income', 'video', 'Width']) expect(isIdName(n), n).toBe(false);
    for (const n of ['phone', 'Mobile No', '手机', 'zip', 'postal_code']) expect(isCodeName(n), n).toBe(true);
    expect(isCodeName('hotel')).toBe(false);
  });
  it('string types: unique codes are identifiers, few short values categories, the rest text', () => {
    expect(
      stringType({ name: 'sample_id', nonMissing: 5, distinct: 5, maxLength: 8, codeLike: true, compact: true }),
    ).toBe('identifier');
    expect(
      stringType({ name: 'employee_id', nonMissing: 4, distinct: 4, maxLength: 6, codeLike: false, compact: true }),
    ).toBe('identifier');
    expect(
      stringType({ name: 'Invoice', nonMissing: 5, distinct: 5, maxLength: 7, codeLike: false, compact: true }),
    ).toBe('categorical');
    expect(
      stringType({ name: 'city', nonMissing: 10000, distinct: 60, maxLength: 12, codeLike: false, compact: false }),
    ).toBe('categorical');
    expect(
      stringType({
        name: 'comment',
        nonMissing: 10000,
        distinct: 9000,
        maxLength: 120,
        codeLike: false,
        compact: false,
      }),
    ).toBe('text');
    expect(categoricalLimit(5)).toBe(10);
    expect(categoricalLimit(1_000_000)).toBe(1000);
  });
  it('a missing marker is a value where most other values share its shape (NA = Namibia)', () => {
    const re = (m: string) => new RegExp(`^(?:${markerShapePattern(m)})$`);
    expect(['US', 'DE', 'CN'].every((v) => re('NA').test(v))).toBe(true);
    expect(re('NA').test('Private')).toBe(false);
    expect(re('-').test('---')).toBe(true);
    expect(re('?').test('Private')).toBe(false);
    expect(markerIsValue(40, 50)).toBe(true);
    expect(markerIsValue(3, 50)).toBe(false);
    expect(markerIsValue(0, 0)).toBe(false);
  });
});

describe('names', () => {
  it('renames duplicates without taking a name the header uses (C07 and pandas #14704)', () => {
    const r = uniqueNames(['student', 'score', 'score', 'score.1', 'score']);
    expect(r.names).toEqual(['student', 'score', 'score.2', 'score.1', 'score.3']);
    expect(r.warnings[0]).toMatchObject({ code: 'duplicate_header', params: { name: 'score', positions: [1, 2, 4] } });
  });
  it('names blank cells by position and strips BOM and spaces', () => {
    const r = uniqueNames(['\ufeffCountry Name', ' age ', '', 'column3']);
    expect(r.names).toEqual(['Country Name', 'age', 'column3.1', 'column3']);
    expect(r.warnings.map((w) => w.code)).toEqual(['blank_header']);
    expect(defaultNames(3)).toEqual(['column1', 'column2', 'column3']);
  });
});

describe('CSV text, dialect and header', () => {
  it('keeps LF inside quotes, unescapes doubled quotes, ends records at CRLF (C05)', () => {
    const { records } = parseRecords('id,note\r\nA-1,"She said ""hi""\n\nthen left"\r\nA-2,\r\n', {
      delimiter: ',',
      quote: '"',
      escape: '"',
    });
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'note'],
      ['A-1', 'She said "hi"\n\nthen left'],
      ['A-2', ''],
    ]);
    expect(records[1]).toMatchObject({ line: 2, endLine: 4 });
    expect(lineTerminatorOf('a\r\n"x\ny"\r\n')).toBe('CRLF');
  });
  it('flags text after a closing quote and a quote left open', () => {
    const r = parseRecords('a,"b"c\n"open,x\n', { delimiter: ',', quote: '"', escape: '"' });
    expect(r.records.map((x) => x.badQuote)).toEqual([true, true]);
  });
  it('picks ; over , when decimal commas make both look regular (C01-like)', () => {
    const text =
      'Datum;Kurs;Betrag\n02.01.2024;4,3480;1.234,50\n03.01.2024;3,9432;12.000,00\n04.01.2024;4,6415;950,25\n';
    expect(detectDialect(text, { final: true }).dialect.delimiter).toBe(';');
  });
  it('picks , when a header ends with a delimiter and a row is short (C06-like, where DuckDB picks |)', () => {
    const text = 'a,b,c,\n1,x,3\n2,y,4\n3,z\n4,w,6\n';
    expect(detectDialect(text, { final: true, sniffed: { delimiter: '|' } })).toMatchObject({
      dialect: { delimiter: ',' },
      fields: 3,
    });
  });
  it('finds tabs, pipes and any one-character delimiter', () => {
    expect(detectDialect('a\tb\n1\t2\n3\t4\n', { final: true }).dialect.delimiter).toBe('\t');
    expect(detectDialect('a|b|c\n1|2|3\n4|5|6\n', { final: true }).dialect.delimiter).toBe('|');
    expect(detectDialect('a^b\n1^2\n3^4\n', { final: true }).dialect.delimiter).toBe('^');
  });
  const header = (text: string) => {
    const { records } = parseRecords(text, { delimiter: ',', quote: '"', escape: '"' });
    return detectHeader(records, records[1]?.fields.length ?? records[0]!.fields.length, M).headerIndex;
  };
  it('a header of numeric-looking names over decimals is still a header (C02)', () => {
    expect(
      header('"Country","Code","2019","2020"\n"Testland","TST","2.1","-3.4"\n"Examplestan","EXS","1.0","0.5"\n'),
    ).toBe(0);
  });
  it('a first row of data is not a header (adult, heart, steel)', () => {
    expect(header('39, State-gov, 77516\n50, Self-emp, 83311\n38, Private, 215646\n')).toBe(-1);
    expect(header('63.0,1.0,145.0\n67.0,1.0,160.0\n')).toBe(-1);
  });
  it('Chinese header over numbers and words (C03)', () => {
    expect(header('姓名,年龄,城市\n张三,34,北京\n李四,28,上海\n')).toBe(0);
  });
  it('skips title lines above the table', () => {
    const { records } = parseRecords('Sales report 2024\n\nregion,amount\nnorth,10\nsouth,20\n', {
      delimiter: ',',
      quote: '"',
      escape: '"',
    });
    expect(detectHeader(records, 2, M)).toMatchObject({ headerIndex: 1, preamble: 1 });
  });
  it('signatures collapse character runs', () => {
    expect(signature('Country Name', M)).toBe('Aa Aa');
    expect(signature('2.1', M)).toBe('dec');
    expect(signature('2019', M)).toBe('int');
    expect(signature('?', M)).toBeNull();
  });
});

describe('encodings', () => {
  it('byte-order marks', () => {
    expect(sniffBom(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(sniffBom(Buffer.from([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(sniffBom(Buffer.from([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: 'utf-16be', length: 2 });
    expect(sniffBom(Buffer.from('abc'))).toBeNull();
  });
  it('BOM-less UTF-16 from its NUL pattern', () => {
    expect(sniffUtf16(iconv.encode('name,age\nJosé,34\n', 'utf-16le'))).toBe('utf-16le');
    expect(sniffUtf16(iconv.encode('name,age\nJosé,34\n', 'utf-16be'))).toBe('utf-16be');
    expect(sniffUtf16(Buffer.from('name,age\n'))).toBeNull();
  });
  it('strict UTF-8: overlongs, surrogates and stray bytes are invalid; a cut last character is not', () => {
    expect(utf8Stats(Buffer.from('Köln 北京')).invalid).toBe(0);
    expect(utf8Stats(Buffer.from([0xc0, 0xaf])).invalid).toBeGreaterThan(0);
    expect(utf8Stats(Buffer.from([0xed, 0xa0, 0x80])).invalid).toBeGreaterThan(0);
    expect(utf8Stats(Buffer.from([0x41, 0xe4, 0x42])).invalid).toBe(1);
    expect(utf8Stats(Buffer.from([0x41, 0xe5, 0x8c])).invalid).toBe(0);
    expect(utf8CompletePrefix(Buffer.from([0x41, 0xe5, 0x8c]))).toBe(1);
    expect(utf8CompletePrefix(Buffer.from('北'))).toBe(3);
    expect(mostlyUtf8({ multibyte: 100, invalid: 1, firstInvalid: 5 })).toBe(true);
    expect(mostlyUtf8({ multibyte: 2, invalid: 30, firstInvalid: 0 })).toBe(false);
    expect(mostlyUtf8({ multibyte: 4, invalid: 1, firstInvalid: 0 })).toBe(true);
  });
  it('legacy encodings: Windows-1252, GB18030 (incl. 喆 堃), Shift_JIS', () => {
    expect(
      guessLegacyEncoding(
        iconv.encode('Währung;Änderung;Bemerkung\nEUR;-0,12;Kurs in €\nCHF;0,35;Größe übermäßig\n', 'windows-1252'),
      ).encoding,
    ).toBe('windows-1252');
    expect(
      guessLegacyEncoding(
        iconv.encode('姓名,城市,备注\n赵喆,北京,老客户\n钱堃,上海,电话回访\n张三,广州,名字含扩展字\n', 'gb18030'),
      ).encoding,
    ).toBe('gb18030');
    const jp =
      '名前,年齢,都市,メモ\n田中太郎,34,東京,ありがとうございます\n鈴木花子,28,大阪,よろしくお願いします\n佐藤,45,名古屋,カタカナのテキスト\n';
    expect(guessLegacyEncoding(iconv.encode(jp, 'shift_jis')).encoding).toBe('shift_jis');
    expect(normalizeEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeEncoding('GBK')).toBe('gb18030');
    expect(normalizeEncoding('Shift_JIS')).toBe('shift_jis');
  });
});
