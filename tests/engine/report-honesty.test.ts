/**
 * The report does not claim more than its data supports: a tiny test split is said to be
 * unreliable and no baseline is recommended on it; a template's gloss of the positive class is
 * used only for the labels it describes, in the report's language; a threshold chosen on few
 * positive validation cases is flagged.
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/engine/jobs/run';
import { buildReport } from '../../src/engine/report/build';
import { getTemplate } from '../../src/engine/templates';
import { translate } from '../../src/shared/i18n';
import type { BinaryMetrics, Evaluation } from '../../src/shared/model/metrics';
import type { Locale, ReportModel } from '../../src/shared/model/report';
import { baselineVerdict, smallTestSplit } from '../../src/shared/results';
import { caseFile } from '../helpers/paths';
import { binaryReportFixture, binaryReportInput } from '../helpers/report';

const fixture = binaryReportFixture;
const input = binaryReportInput;

const sentences = (r: ReportModel, locale: Locale = r.locale): string[] =>
  r.summary.map((m) => translate(locale, m.key, m.params));

/** The fixture's evaluation with the binary metrics changed by `patch`. */
function withMetrics(patch: Partial<BinaryMetrics>): Evaluation {
  return { ...fixture.evaluation, metrics: { ...(fixture.evaluation.metrics as BinaryMetrics), ...patch } };
}

describe('a test split too small to support its numbers', () => {
  it('C20 (16 rows, 2 test rows): says so, and recommends no baseline', async () => {
    const { report } = await runJob({
      type: 'run',
      file: caseFile('C20-single-sensitive-group.csv'),
      target: 'promoted',
      outputs: {},
      settings: { maxEpochs: 5 },
    });
    expect(report.evaluation.metrics.n).toBe(2);
    const keys = report.summary.map((m) => m.key);
    expect(keys).toContain('summary.smallTest.rows');
    expect(keys.filter((k) => k.startsWith('summary.baseline.'))).toEqual([]);
    expect(report.modelCard.limitations.map((m) => m.key)).not.toContain('modelCard.limitation.baseline');
    expect(baselineVerdict(report.evaluation)).toBeNull();
    const text = sentences(report).join('\n');
    expect(text).toContain('Only 2 test rows: these numbers are not reliable');
    expect(text).toContain('Collect more data');
    expect(text).not.toContain('consider using it instead');
    expect(sentences(report, 'zh').join('\n')).toContain('测试集只有 2 行');
  });

  it('enough rows but fewer than 5 of a class (binary) is small too; 30 rows with 5 of each is not', () => {
    const fewPositives = withMetrics({ n: 200, confusion: { tp: 2, fn: 1, fp: 10, tn: 187 } });
    expect(smallTestSplit(fewPositives.metrics)).toEqual({ n: 200, rarest: { label: 'bad', count: 3 } });
    const report = buildReport(input({ evaluation: fewPositives }));
    const warning = report.summary.find((m) => m.key === 'summary.smallTest.class')!;
    expect(translate('en', warning.key, warning.params)).toMatch(/^Only 3 of the 200 test rows are "bad"/);
    expect(report.summary.some((m) => m.key.startsWith('summary.baseline.'))).toBe(false);

    const enough = withMetrics({ n: 30, confusion: { tp: 3, fn: 2, fp: 5, tn: 20 } });
    expect(smallTestSplit(enough.metrics)).toBeNull();
    // The fixture (200 test rows, 60 "bad") keeps its verdict against logistic regression.
    expect(buildReport(input()).summary.some((m) => m.key === 'summary.baseline.lift')).toBe(true);
  });
});

describe("the template's description of the positive class", () => {
  const adultLike = (locale: Locale) =>
    buildReport(
      input({
        locale,
        target: 'column15',
        positiveClass: '>50K',
        evaluation: withMetrics({ positiveClass: '>50K', negativeClass: '<=50K' }),
      }),
    );

  it('is left out when the positive class is not one the template describes (finance on income data)', () => {
    for (const locale of ['en', 'zh'] as const) {
      const r = adultLike(locale);
      const task = r.summary.find((m) => m.key.startsWith('summary.task.'))!;
      expect(task.key).toBe('summary.task.binaryPlain');
      const text = sentences(r).join('\n');
      expect(text).not.toMatch(/defaulted|违约/);
    }
    expect(sentences(adultLike('en'))[1]).toBe('A neural network was trained to predict whether "column15" is ">50K".');
  });

  it('is used, in the report’s language only, for a label the template names ("bad" credit)', () => {
    const en = buildReport(input({ locale: 'en' }));
    const zh = buildReport(input({ locale: 'zh' }));
    const enText = sentences(en).join('\n');
    expect(enText).toContain('"class" is "bad" (defaulted (bad credit))');
    expect(sentences(zh).join('\n')).toContain('违约（不良信用）');
    // No Chinese in the English report's summary and model card (the data's own values are ASCII).
    const all = [...en.summary, ...en.modelCard.limitations].map((m) => translate('en', m.key, m.params));
    for (const s of all) expect(s).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
  });
});

describe('a threshold chosen on few positive validation cases', () => {
  const medical = getTemplate('medical');
  const report = (validationPositives: number | undefined) =>
    buildReport(
      input({
        template: medical,
        training: { ...fixture.training, validationRows: 37, validationPositives },
        evaluation: withMetrics({ threshold: 0.25 }),
        threshold: { threshold: 0.25, policy: 'min_sensitivity', achieved: {} },
      }),
    );

  it('says the threshold rests on N positive cases and may not hold (heart: 17 of 37)', () => {
    const r = report(17);
    const m = r.summary.find((s) => s.key === 'summary.policy.fewPositives')!;
    expect(m).toBeDefined();
    expect(translate('en', m.key, m.params)).toMatch(
      /^The threshold rests on only 17 positive cases in the validation data \(fewer than 30\), so it may not hold on new data/,
    );
    // Next to the threshold sentence it qualifies.
    const keys = r.summary.map((s) => s.key);
    expect(keys.indexOf('summary.policy.fewPositives')).toBeGreaterThan(keys.indexOf('summary.threshold'));
    expect(r.modelCard.limitations.map((l) => l.key)).toContain('modelCard.limitation.fewPositives');
    expect(translate('zh', m.key, m.params)).toContain('17 个阳性样本');
  });

  it('says nothing with 30 or more positives, for a fixed threshold, or for a run without the count', () => {
    expect(report(45).summary.some((s) => s.key === 'summary.policy.fewPositives')).toBe(false);
    expect(report(undefined).summary.some((s) => s.key === 'summary.policy.fewPositives')).toBe(false);
    const fixed = buildReport(
      input({
        training: { ...fixture.training, validationPositives: 5 },
        threshold: { threshold: 0.5, policy: 'fixed', achieved: {} },
      }),
    );
    expect(fixed.summary.some((s) => s.key === 'summary.policy.fewPositives')).toBe(false);
  });
});
