import { describe, expect, it } from 'vitest';
import { catalogs, formatNumber, translate } from '../../src/shared/i18n';

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

  it('has every English key in Chinese with the same placeholders', () => {
    for (const [key, text] of Object.entries(catalogs.en)) {
      const zh = catalogs.zh[key];
      expect(zh, `zh is missing ${key}`).toBeDefined();
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(zh!), key).toEqual(names(text));
    }
  });
});
