// Train → Decision threshold: typed input read into a threshold policy or inline errors, and the
// policy as the report's training settings name it.
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import { settingValue } from '../../src/renderer/src/report/describe';
import { draftValue, parseThresholdDraft } from '../../src/renderer/src/wizard/threshold';

afterEach(() => setLocale('en'));

describe('threshold input', () => {
  it('reads percentages for sensitivity and approval, a probability for a fixed threshold', () => {
    expect(parseThresholdDraft({ policy: 'min_sensitivity', value: '85' })).toEqual({
      ok: true,
      rule: { policy: 'min_sensitivity', value: 0.85 },
    });
    expect(parseThresholdDraft({ policy: 'min_sensitivity', value: '100' })).toMatchObject({ ok: true });
    expect(parseThresholdDraft({ policy: 'approval_rate', value: ' 70 ' })).toEqual({
      ok: true,
      rule: { policy: 'approval_rate', value: 0.7 },
    });
    expect(parseThresholdDraft({ policy: 'fixed', value: '0.35' })).toEqual({
      ok: true,
      rule: { policy: 'fixed', value: 0.35 },
    });
    expect(parseThresholdDraft({ policy: 'min_cost', falseNegativeCost: '10', falsePositiveCost: '0.5' })).toEqual({
      ok: true,
      rule: { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 0.5 },
    });
    expect(draftValue({ policy: 'approval_rate', value: 0.7 })).toBe('70');
    expect(draftValue({ policy: 'min_sensitivity', value: 0.925 })).toBe('92.5');
    expect(draftValue({ policy: 'fixed', value: 0.4 })).toBe('0.4');
  });

  it('refuses out-of-range, empty and non-numeric input, naming the input in error', () => {
    const invalid = (draft: Parameters<typeof parseThresholdDraft>[0]) => {
      const r = parseThresholdDraft(draft);
      return r.ok ? null : r.errors;
    };
    for (const value of ['0', '1', '1.5', '-0.1', '', 'abc'])
      expect(invalid({ policy: 'fixed', value }), value).toEqual({ value: 'wizard.train.threshold.invalid.fixed' });
    for (const value of ['0', '100', '120'])
      expect(invalid({ policy: 'approval_rate', value }), value).toEqual({
        value: 'wizard.train.threshold.invalid.approval_rate',
      });
    for (const value of ['0', '100.5'])
      expect(invalid({ policy: 'min_sensitivity', value }), value).toEqual({
        value: 'wizard.train.threshold.invalid.min_sensitivity',
      });
    expect(invalid({ policy: 'min_cost', falseNegativeCost: '0', falsePositiveCost: '' })).toEqual({
      falseNegativeCost: 'wizard.train.cost.invalid',
      falsePositiveCost: 'wizard.train.cost.invalid',
    });
  });

  it("names the user's policy in the report's training settings, in both languages", () => {
    expect(settingValue('thresholdPolicy', { policy: 'approval_rate', value: 0.7 })).toBe('approval rate 70%');
    expect(settingValue('thresholdPolicy', { policy: 'fixed', value: 0.4 })).toBe('fixed threshold 0.40');
    expect(settingValue('thresholdPolicy', { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 })).toBe(
      'lowest expected cost (missed case 10, false alarm 1)',
    );
    setLocale('zh');
    expect(settingValue('thresholdPolicy', { policy: 'min_sensitivity', value: 0.9 })).toBe('最低灵敏度 90%');
  });
});
