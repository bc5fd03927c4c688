// The report states the threshold policy used — the user's value or the template's — and what it
// achieved on the validation rows (from the choice) and on the test rows (from the test confusion
// matrix of the binary report fixture: TP 30, FP 15, TN 125, FN 30 of 200 rows), in both languages.
import { describe, expect, it } from 'vitest';
import { buildReport, thresholdAchievedOnTest } from '../../src/engine/report/build';
import { getTemplate } from '../../src/engine/templates';
import { translate } from '../../src/shared/i18n';
import type { ReportModel } from '../../src/shared/model/report';
import { binaryReportFixture, binaryReportInput } from '../helpers/report';

const fixture = binaryReportFixture;
const input = binaryReportInput;

const sentence = (r: ReportModel, key: string, locale: 'en' | 'zh' = 'en') => {
  const m = r.summary.find((s) => s.key === key);
  return m ? translate(locale, m.key, m.params) : undefined;
};

const confusion = { tp: 30, fp: 15, tn: 125, fn: 30 };

describe('what a threshold policy achieved on the test rows', () => {
  it('is computed from the test confusion matrix', () => {
    const s = thresholdAchievedOnTest({ policy: 'min_sensitivity', value: 0.9 }, confusion, 'predicted_positive');
    expect(s.sensitivity).toBeCloseTo(30 / 60);
    expect(s.specificity).toBeCloseTo(125 / 140);
    // Approval = predicted negative (finance): (TN + FN) / n; predicted positive: (TP + FP) / n.
    expect(thresholdAchievedOnTest({ policy: 'approval_rate', value: 0.7 }, confusion, 'predicted_negative')).toEqual({
      approvalRate: 155 / 200,
    });
    expect(thresholdAchievedOnTest({ policy: 'approval_rate', value: 0.7 }, confusion, 'predicted_positive')).toEqual({
      approvalRate: 45 / 200,
    });
    // (FN·4 + FP·2) / n = (120 + 30) / 200.
    const cost = { policy: 'min_cost' as const, falseNegativeCost: 4, falsePositiveCost: 2 };
    expect(thresholdAchievedOnTest(cost, confusion, 'predicted_positive')).toEqual({ expectedCostPerCase: 0.75 });
    expect(thresholdAchievedOnTest({ policy: 'fixed', value: 0.5 }, confusion, 'predicted_positive')).toEqual({});
  });
});

describe('the report on the threshold policy', () => {
  it("states the user's approval rate and what it approved on validation and test rows", () => {
    const rule = { policy: 'approval_rate' as const, value: 0.7 };
    const r = buildReport(
      input({
        training: { ...fixture.training, settings: { ...fixture.training.settings, thresholdPolicy: rule } },
        threshold: {
          threshold: 0.5,
          policy: 'approval_rate',
          rule,
          source: 'user',
          approval: 'predicted_negative',
          achieved: { approvalRate: 0.7 },
        },
      }),
    );
    expect(r.threshold).toEqual({
      value: 0.5,
      rule,
      source: 'user',
      approval: 'predicted_negative',
      validation: { approvalRate: 0.7 },
      test: { approvalRate: 0.775 },
    });
    expect(sentence(r, 'summary.threshold')).toBe(
      'Cases with a predicted probability of at least 0.50 are predicted "bad" (chosen on validation data for an approval rate of 70 %).',
    );
    expect(sentence(r, 'summary.policy.userSet')).toMatch(/chosen in the training settings/);
    expect(sentence(r, 'summary.policy.achieved.approval_rate')).toBe(
      'It approves 70 % of the validation rows and 78 % of the test rows (approved: predicted not "bad").',
    );
    expect(sentence(r, 'summary.policy.achieved.approval_rate', 'zh')).toBe(
      '它批准了 70 % 的验证数据和 78 % 的测试数据（批准：预测不是“bad”）。',
    );
  });

  it("states the template's minimum sensitivity with what it caught, without calling it the user's", () => {
    const medical = getTemplate('medical');
    const r = buildReport(
      input({
        template: medical,
        threshold: {
          threshold: 0.5,
          policy: 'min_sensitivity',
          rule: medical.threshold,
          source: 'template',
          achieved: { sensitivity: 0.9, specificity: 0.7 },
        },
      }),
    );
    expect(r.threshold?.source).toBe('template');
    expect(r.summary.some((m) => m.key === 'summary.policy.userSet')).toBe(false);
    expect(sentence(r, 'summary.policy.achieved.min_sensitivity')).toBe(
      'It catches 90 % of the positive cases in the validation data (specificity 70 %) and 50 % on the test rows (specificity 89 %).',
    );
    // Below the 90 % floor on the test rows: said, not hidden.
    expect(sentence(r, 'summary.policy.missed')).toMatch(/catches 50 % of the positive cases, below the 90 %/);
  });

  it("states the user's costs and the expected cost per case, and a user's fixed threshold", () => {
    const manufacturing = getTemplate('manufacturing');
    const rule = { policy: 'min_cost' as const, falseNegativeCost: 4, falsePositiveCost: 2 };
    const r = buildReport(
      input({
        template: { ...manufacturing, threshold: rule },
        training: { ...fixture.training, settings: { ...fixture.training.settings, thresholdPolicy: rule } },
        threshold: { threshold: 0.5, policy: 'min_cost', rule, source: 'user', achieved: { expectedCostPerCase: 0.5 } },
      }),
    );
    expect(sentence(r, 'summary.threshold')).toContain('a missed case costing 4 and a false alarm 2');
    expect(sentence(r, 'summary.policy.achieved.min_cost')).toBe(
      'The expected cost of errors is 0.50 per case on the validation data and 0.75 on the test rows.',
    );
    const fixedRule = { policy: 'fixed' as const, value: 0.5 };
    const fixed = buildReport(
      input({ threshold: { threshold: 0.5, policy: 'fixed', rule: fixedRule, source: 'user', achieved: {} } }),
    );
    expect(sentence(fixed, 'summary.threshold')).toContain('(a fixed threshold chosen in the training settings)');
    expect(sentence(fixed, 'summary.threshold', 'zh')).toContain('（在训练设置中选定的固定阈值）');
    expect(fixed.threshold).toMatchObject({ rule: fixedRule, source: 'user', validation: {}, test: {} });
  });

  it('takes an older model (no rule) as the template policy, and costs saved as settings as the user’s', () => {
    const manufacturing = getTemplate('manufacturing');
    const legacy = { falseNegativeCost: 3, falsePositiveCost: 2 };
    const r = buildReport(
      input({
        template: { ...manufacturing, threshold: { policy: 'min_cost', ...legacy } },
        training: { ...fixture.training, settings: { ...fixture.training.settings, ...legacy } },
        threshold: { threshold: 0.5, policy: 'min_cost', achieved: {} },
      }),
    );
    expect(r.threshold).toMatchObject({ rule: { policy: 'min_cost', ...legacy }, source: 'user', validation: {} });
    // Nothing measured on validation: no sentence about it.
    expect(r.summary.some((m) => m.key === 'summary.policy.achieved.min_cost')).toBe(false);
  });
});
