// Wording helpers: the template's gloss of the positive class is said only of labels the template
// describes; thresholds are printed with the decimals they need.
import { describe, expect, it } from 'vitest';
import { positiveClassMeaning } from '../../src/shared/model/template';

const finance = {
  positiveClassCandidates: ['bad', 'default', '1'],
  positiveClassMeaning: { en: 'defaulted (bad credit)', zh: '违约（不良信用）' },
};

describe('positiveClassMeaning', () => {
  it('glosses a label the template describes, in the asked language, whatever its case and spaces', () => {
    expect(positiveClassMeaning(finance, ' Bad ', 'en')).toBe('defaulted (bad credit)');
    expect(positiveClassMeaning(finance, 'bad', 'zh')).toBe('违约（不良信用）');
  });

  it('says nothing of other labels (income data under the finance template) or of no label', () => {
    expect(positiveClassMeaning(finance, '>50K', 'en')).toBeNull();
    expect(positiveClassMeaning(finance, null, 'en')).toBeNull();
  });
});

describe('thresholdDigits', () => {
  it('prints two decimals when exact, three otherwise', async () => {
    const { thresholdDigits } = await import('../../src/shared/results');
    expect([0.5, 0.35, 0.2].map(thresholdDigits)).toEqual([2, 2, 2]);
    expect([0.1956, 0.0132, 0.333].map(thresholdDigits)).toEqual([3, 3, 3]);
  });
});

describe('lists in report sentences', () => {
  it('are joined the reader’s way: "a, b" in English, "a、b" in Chinese', async () => {
    const { translate } = await import('../../src/shared/i18n');
    const { reliedOnMessage } = await import('../../src/shared/results');
    const m = reliedOnMessage({
      metric: 'roc_auc',
      repeats: 5,
      rows: 100,
      seed: 1,
      columns: [
        { column: 'duration', mean: 0.05, std: 0.01 },
        { column: 'age', mean: 0.02, std: 0.01 },
      ],
    })!;
    expect(translate('en', m.key, m.params)).toContain('relies most on duration, age:');
    expect(translate('zh', m.key, m.params)).toContain('duration、age');
  });
});
