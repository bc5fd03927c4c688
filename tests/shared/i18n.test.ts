import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, formatList, formatNumber, translate } from '../../src/shared/i18n';
import { repoRoot } from '../helpers/paths';

/** The parameters a message reads: `{name}` placeholders and the variables of plurals and selects. */
function paramNames(s: string): string[] {
  const names = new Set<string>();
  for (const m of s.matchAll(/\{\s*(\w+)\s*(?:,\s*(?:plural|select)\s*,|\})/g)) names.add(m[1]!);
  return [...names].sort();
}

describe('i18n', () => {
  it('fills parameters and formats numbers per locale', () => {
    expect(translate('en', 'errors.FILE_NOT_FOUND', { file: 'a.csv' })).toBe('File not found: a.csv');
    expect(formatNumber('en', 12345.678)).toBe('12,345.678');
    expect(formatNumber('en', Number.NaN)).toBe('—');
  });

  it('embeds a nested message given as {key}', () => {
    const s = translate('en', 'summary.data', {
      rows: 10,
      columns: 3,
      file: 'x.csv',
      skippedNote: '{summary.data.skipped}',
      skipped: 2,
      cleanRows: 8,
    });
    expect(s).toBe(
      '10 rows and 3 columns were read from x.csv (2 unreadable rows skipped). After cleaning, 8 rows were used.',
    );
  });

  it('falls back to English for a key missing in Chinese, and to the key itself', () => {
    expect(translate('zh', 'errors.FILE_NOT_FOUND', { file: 'a' })).toBe('找不到文件：a');
    expect(translate('zh', 'no.such.key')).toBe('no.such.key');
  });

  it('has every English key in Chinese with the same parameters', () => {
    for (const [key, text] of Object.entries(catalogs.en)) {
      const zh = catalogs.zh[key];
      expect(zh, `zh is missing ${key}`).toBeDefined();
      expect(paramNames(zh!), key).toEqual(paramNames(text));
    }
  });
});

describe('ICU plurals and selects', () => {
  // Messages given inline: translate() renders a template that is not a catalog key as itself.
  const rows = '{count, plural, =0 {no rows} one {# row} other {# rows}}';

  it('picks =N, then the CLDR category, then other; # is the number in the locale', () => {
    expect(translate('en', rows, { count: 0 })).toBe('no rows');
    expect(translate('en', rows, { count: 1 })).toBe('1 row');
    expect(translate('en', rows, { count: 2 })).toBe('2 rows');
    expect(translate('en', rows, { count: 12345 })).toBe('12,345 rows');
    expect(translate('en', rows, { count: 1.5 })).toBe('1.5 rows');
    // Chinese has only "other".
    expect(translate('zh', '{n, plural, one {# 个（one）} other {# 个}}', { n: 1 })).toBe('1 个');
  });

  it('fills placeholders inside branches and keeps # of a nested plural to itself', () => {
    const t =
      'Lines {lines}{more, plural, =0 {} other { and # more}} in {count, plural, one {# file} other {# files ({name})}}';
    expect(translate('en', t, { lines: [3, 5], more: 0, count: 2, name: 'a.csv' })).toBe(
      'Lines 3, 5 in 2 files (a.csv)',
    );
    expect(translate('en', t, { lines: [3], more: 4, count: 1, name: 'a.csv' })).toBe('Lines 3 and 4 more in 1 file');
    const nested = '{a, plural, other {# outer, {b, plural, one {# inner} other {# inners}}}}';
    expect(translate('en', nested, { a: 7, b: 1 })).toBe('7 outer, 1 inner');
  });

  it('selects by value, null by the null branch, and falls back to other', () => {
    const t = 'personal data{entity, select, null {} other { ({entityName})}}';
    expect(translate('en', t, { entity: null })).toBe('personal data');
    expect(translate('en', t, { entity: 'PERSON', entityName: '{report.privacy.entity.PERSON}' })).toBe(
      'personal data (Person name)',
    );
  });

  it('leaves a plural whose parameter is absent as written, so tests see it', () => {
    expect(translate('en', rows, {})).toBe(rows);
    expect(translate('en', 'a {x} b', {})).toBe('a {x} b');
  });

  it('writes lists with the locale’s separator', () => {
    expect(formatList('en', [1, 2, 1000])).toBe('1, 2, 1,000');
    expect(formatList('zh', ['甲', '乙'])).toBe('甲、乙');
    expect(translate('zh', 'warnings.duplicate_header', { name: 'x', count: 2, at: [1, 4], renamed: ['x.1'] })).toBe(
      '列名“x”出现了 2 次（第 1、4 列）；后面的同名列已改名为 x.1。',
    );
  });
});

describe('data warnings', () => {
  it('every warning code the data engine emits has a message in both catalogs', () => {
    const dir = path.join(repoRoot, 'src/engine/data');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const codes = new Set([...sources.matchAll(/dataWarning\(\s*'(\w+)'/g)].map((m) => m[1]!));
    // Codes chosen at run time (import-csv.ts `reportIssues`).
    for (const code of ['long_row', 'undecodable_bytes', 'bad_quote']) codes.add(code);
    expect(codes.size).toBeGreaterThan(25);
    for (const code of codes) {
      expect(catalogs.en[`warnings.${code}`], code).toBeDefined();
      expect(catalogs.zh[`warnings.${code}`], code).toBeDefined();
    }
  });
});
