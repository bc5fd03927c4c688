// Pure helpers of the report: metric lookup, curve thinning, recipe sentences, page CSS, formats.
import { afterEach, describe, expect, it } from 'vitest';
import { fixed, percent, setLocale, t } from '../../src/renderer/src/lib/i18n.svelte';
import { metricInterval, metricValue, thinCurve } from '../../src/renderer/src/lib/metrics';
import {
  delimiterName,
  describeStep,
  favourableOf,
  metricText,
  READ_ISSUE_CODES,
  settingValue,
  warningText,
  withoutCodes,
} from '../../src/renderer/src/report/describe';
import { cssString, pageNumberContent } from '../../src/renderer/src/report/page';
import type { BinaryMetrics } from '../../src/shared/model/metrics';
import { RecipeStepSchema } from '../../src/shared/model/recipe';

afterEach(() => setLocale('en'));

const binary: BinaryMetrics = {
  task: 'binary',
  positiveClass: 'bad',
  negativeClass: 'good',
  threshold: 0.5,
  n: 200,
  accuracy: 0.775,
  balancedAccuracy: 0.696,
  precision: 0.667,
  recall: 0.5,
  specificity: 0.893,
  f1: 0.571,
  npv: 0.806,
  rocAuc: 0.8106,
  prAuc: 0.66,
  brier: 0.153,
  logLoss: 0.476,
  ks: 0.579,
  // 30 + 15 predicted bad, 30 + 125 predicted good.
  confusion: { tp: 30, fp: 15, tn: 125, fn: 30 },
  rocCurve: [],
  prCurve: [],
  intervals: { roc_auc: { low: 0.74, high: 0.88 }, accuracy: { low: 0.72, high: 0.83 } },
};

describe('metric lookup', () => {
  it('reads fields by metric id, including aliases', () => {
    expect(metricValue(binary, 'roc_auc')).toBe(0.8106);
    expect(metricValue(binary, 'sensitivity')).toBe(0.5);
    expect(metricValue(binary, 'ppv')).toBe(0.667);
    expect(metricValue(binary, 'log_loss')).toBe(0.476);
    expect(metricValue(binary, 'mae')).toBeNull();
  });

  it('derives Gini = 2·AUC − 1 and its interval', () => {
    expect(metricValue(binary, 'gini')).toBeCloseTo(0.6212, 10);
    const gini = metricInterval(binary, 'gini')!;
    expect(gini.low).toBeCloseTo(0.48, 10);
    expect(gini.high).toBeCloseTo(0.76, 10);
  });

  it('computes the approval rate as the share given the favourable outcome', () => {
    // Predicted negative (approved in credit): (tn + fn) / n = 155 / 200.
    expect(metricValue(binary, 'approval_rate', 'predicted_negative')).toBeCloseTo(0.775, 10);
    // Predicted positive: (tp + fp) / n = 45 / 200.
    expect(metricValue(binary, 'approval_rate', 'predicted_positive')).toBeCloseTo(0.225, 10);
  });

  it('finds intervals keyed by metric id or by field name', () => {
    expect(metricInterval(binary, 'roc_auc')).toEqual({ low: 0.74, high: 0.88 });
    const byField = { ...binary, intervals: { balancedAccuracy: { low: 0.6, high: 0.7 } } };
    expect(metricInterval(byField, 'balanced_accuracy')).toEqual({ low: 0.6, high: 0.7 });
    expect(metricInterval(binary, 'f1')).toBeNull();
  });

  it('formats metrics with three decimals and rates of people as percentages', () => {
    expect(metricText('roc_auc', 0.8106)).toBe('0.811');
    expect(metricText('approval_rate', 0.775)).toBe('77.5%');
    expect(metricText('f1', null)).toBe('—');
  });
});

describe('thinCurve', () => {
  it('keeps short curves and spreads long ones evenly, first and last kept', () => {
    expect(thinCurve([1, 2, 3], 5)).toEqual([1, 2, 3]);
    const long = Array.from({ length: 1001 }, (_, i) => i);
    const thin = thinCurve(long, 11);
    expect(thin).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
  });
});

describe('recipe sentences', () => {
  const step = (s: unknown) => RecipeStepSchema.parse(s);

  it('describes each kind of step in English', () => {
    expect(describeStep(step({ op: 'drop_column', column: 'id' }))).toBe('Drop the column id.');
    expect(describeStep(step({ op: 'impute', column: 'age', strategy: 'median' }))).toBe(
      'Fill missing values of age with the median.',
    );
    expect(
      describeStep(step({ op: 'impute', column: 'x', strategy: 'constant', value: 'none', indicator: true })),
    ).toBe('Fill missing values of x with the value “none”, and add the column x_missing (1 where it was missing).');
    expect(describeStep(step({ op: 'mark_missing', column: 'bp', values: [0, '?'] }))).toBe(
      'Treat 0, “?” in bp as missing.',
    );
    expect(describeStep(step({ op: 'binarize', column: 'num', comparator: '>', value: 0 }))).toBe(
      'Make num two outcomes: “1” where num > 0, else “0”.',
    );
    expect(describeStep(step({ op: 'outliers', column: 'amount', rule: 'zscore', action: 'remove' }))).toBe(
      'Remove rows with outliers in amount by the z-score rule (|z| > 3).',
    );
    expect(describeStep(step({ op: 'bin', column: 'age', edges: [25, 45, 65], into: 'age_band' }))).toBe(
      'Bin age at 25, 45, 65 into the new column age_band.',
    );
    expect(describeStep(step({ op: 'normalize_category', column: 'city' }))).toBe(
      'Normalize the spelling of city: trim spaces, lower case.',
    );
    expect(describeStep(step({ op: 'excel_serial_date', column: 'Date' }))).toBe(
      'Read the whole numbers in Date as Excel serial dates (1900 date system, day 1 = 1900-01-01).',
    );
  });

  it('has a sentence for every op of the recipe schema, in both languages', () => {
    const examples: Record<string, unknown> = {
      drop_column: { column: 'a' },
      rename: { column: 'a', to: 'b' },
      change_type: { column: 'a', type: 'float' },
      mark_missing: { column: 'a', values: [0] },
      impute: { column: 'a', strategy: 'mode' },
      drop_rows_missing: { column: 'a' },
      drop_missing_target: { column: 'a' },
      remove_duplicates: {},
      excel_serial_date: { column: 'a' },
      binarize: { column: 'a', comparator: 'in', value: ['x', 'y'] },
      normalize_category: { column: 'a' },
      outliers: { column: 'a', rule: 'iqr', action: 'clip' },
      bin: { column: 'a', edges: [1] },
    };
    const ops = RecipeStepSchema.options.map((o) => o.shape.op.value);
    expect(Object.keys(examples).sort()).toEqual([...ops].sort());
    for (const locale of ['en', 'zh'] as const) {
      setLocale(locale);
      for (const op of ops) {
        const text = describeStep(step({ op, ...(examples[op] as object) }));
        expect(text, `${locale} ${op}`).not.toMatch(/report\.recipe|\{\w+\}/);
        expect(text.length, `${locale} ${op}`).toBeGreaterThan(5);
      }
    }
  });

  it('describes steps in Chinese', () => {
    setLocale('zh');
    expect(describeStep(step({ op: 'remove_duplicates' }))).toBe('删除重复的行。');
    expect(describeStep(step({ op: 'drop_column', column: 'id' }))).toBe('删除列 id。');
  });

  it('names delimiters and writes settings', () => {
    expect(delimiterName(',')).toBe('comma (,)');
    expect(delimiterName('\t')).toBe('tab');
    expect(delimiterName('#')).toBe('“#”');
    expect(settingValue('split', { train: 0.7, validation: 0.15, test: 0.15 })).toBe('0.70 / 0.15 / 0.15');
    // With a separate test file the data file is split into training and validation rows only.
    expect(settingValue('split', { train: 0.85, validation: 0.15, test: 0 })).toBe(
      '0.85 / 0.15 of the data file; test rows: the separate test file',
    );
    expect(settingValue('classWeights', false)).toBe('no');
    expect(settingValue('hiddenLayers', [128, 64])).toBe('128, 64');
    expect(settingValue('backend', 'wasm')).toBe('WebAssembly (CPU)');
  });
});

describe('page CSS', () => {
  it('escapes CSS strings', () => {
    expect(cssString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c d"');
  });

  it('turns the page-number message into counters, per language', () => {
    expect(pageNumberContent()).toBe('"Page " counter(page) " of " counter(pages)');
    setLocale('zh');
    expect(pageNumberContent()).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
  });
});

describe('formats follow the locale', () => {
  it('formats decimals and percentages', () => {
    expect(fixed(1234.5678)).toBe('1,234.568');
    expect(percent(0.305)).toBe('30.5%');
    setLocale('zh');
    expect(t('report.yes')).toBe('是');
    expect(percent(0.305)).toBe('30.5%');
  });
});

describe('data warnings in words (QA: no raw codes)', () => {
  it('puts read-issue codes of the English message in words, in the reader’s language', () => {
    const w = {
      code: 'bad_quote',
      message: '2 row(s) could not be read and were skipped (unterminated_quote): line(s) 4, 9.',
    };
    expect(warningText(w)).toBe(
      '2 row(s) could not be read and were skipped (a quote that is never closed): line(s) 4, 9.',
    );
    setLocale('zh');
    expect(warningText(w)).toContain('引号没有闭合');
    expect(warningText(w)).not.toContain('unterminated_quote');
  });

  it('leaves column names that merely contain a code word alone', () => {
    expect(withoutCodes('column two_year_recid: too_few_fields (1, expected 3)')).toBe(
      'column two_year_recid: too few fields (1, expected 3)',
    );
    expect(withoutCodes('my_too_many_fields_col')).toBe('my_too_many_fields_col');
  });

  it('never shows a bare code when the message is missing', () => {
    expect(warningText({ code: 'some_new_code', message: 'some_new_code' })).toBe(
      'A problem was found while reading the data.',
    );
    expect(warningText({ code: 'some_new_code', message: ' ' })).toBe('A problem was found while reading the data.');
    expect(READ_ISSUE_CODES.every((c) => !withoutCodes(c).includes('_'))).toBe(true);
  });
});

describe('favourable outcome', () => {
  it("takes the report's own, else the fairness reports', else predicted negative only for finance", () => {
    const fair = [{ favourableOutcome: 'predicted_positive' as const }];
    expect(favourableOf({ favourableOutcome: 'predicted_negative', fairness: fair, templateId: 'medical' })).toBe(
      'predicted_negative',
    );
    expect(favourableOf({ fairness: fair, templateId: 'finance' })).toBe('predicted_positive');
    expect(favourableOf({ fairness: [], templateId: 'finance' })).toBe('predicted_negative');
    expect(favourableOf({ fairness: [], templateId: 'manufacturing' })).toBe('predicted_positive');
  });

  it('computes no approval rate without knowing which outcome is favourable', () => {
    expect(metricValue(binary, 'approval_rate')).toBeNull();
  });
});
