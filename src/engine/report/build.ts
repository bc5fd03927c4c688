/**
 * `buildReport()` assembles the `ReportModel` — data only — from the results of a run. Sentences
 * are i18n keys with parameters (`src/shared/i18n/*\/summary.ts`), so one model renders in any locale.
 */
import os from 'node:os';
import type { DatasetProfile, ImportSummary } from '../../shared/model/data';
import type { FairnessAttributeReport, FairnessMitigation } from '../../shared/model/fairness';
import { TOO_GOOD_ROC_AUC, type Evaluation } from '../../shared/model/metrics';
import { mitigationEffect } from '../../shared/mitigation';
import { withModelFeatures, type PrivacyAssessment, type PrivacyScan } from '../../shared/model/privacy';
import type { RecipeResolved } from '../../shared/model/recipe';
import {
  baselineVerdict,
  headlineFor,
  importanceMessage,
  reliedOnMessage,
  smallTestMessage,
  smallTestSplit,
  thresholdDigits,
  verdictMessage,
} from '../../shared/results';
import { ReportModelSchema, type Locale, type Message, type ReportModel } from '../../shared/model/report';
import { positiveClassMeaning, type Template, type ThresholdRule } from '../../shared/model/template';
import { userThresholdRule, type TaskType, type TrainingRecord } from '../../shared/model/train';
import type { ThresholdChoice } from '../metrics/threshold';
import { appVersion } from '../paths';
import { maskValue } from '../privacy';

export interface BuildReportInput {
  locale: Locale;
  title?: string;
  template: Template;
  importSummary: ImportSummary;
  testImport: ImportSummary | null;
  profile: DatasetProfile | null;
  recipe: RecipeResolved;
  rowsAfterCleaning: number;
  features: string[];
  excluded: { column: string; reason: string }[];
  target: string;
  task: TaskType;
  positiveClass: string | null;
  training: TrainingRecord;
  evaluation: Evaluation;
  fairness: FairnessAttributeReport[];
  /** The last bias mitigation run (SPEC §7), applied or not; absent when none was run. */
  mitigation?: FairnessMitigation | null;
  privacy: PrivacyScan;
  /** Re-identification risk and the regulation checklist (SPEC §8), when assessed. */
  privacyAssessment?: PrivacyAssessment;
  seed: number;
  threshold: ThresholdChoice | null;
  createdAt?: Date;
}

/** Fewer positive validation cases than this and a threshold chosen on them is flagged as unstable. */
export const MIN_THRESHOLD_POSITIVES = 30;

const msg = (key: string, params: Message['params'] = {}): Message => ({ key, params });
/** The numbers a threshold policy is stated with, for its sentence in the summary. */
function policyParams(policy: ThresholdRule): Message['params'] {
  switch (policy.policy) {
    case 'fixed':
      return {};
    case 'min_sensitivity':
      return { target: pct(policy.value) };
    case 'approval_rate':
      return { target: pct(policy.value) };
    case 'min_cost':
      return { fnCost: policy.falseNegativeCost, fpCost: policy.falsePositiveCost };
  }
}

/**
 * What `rule` measures on the test rows at the chosen threshold, from the test confusion matrix,
 * with the keys of `ThresholdChoice.achieved`: sensitivity (TPR) and specificity (TNR), the share
 * approved (`approval`: the prediction that counts as approval), the expected cost of errors per
 * case (FN·costFN + FP·costFP) / n. A rate without cases to count is left out.
 */
export function thresholdAchievedOnTest(
  rule: ThresholdRule,
  confusion: { tp: number; fp: number; tn: number; fn: number },
  approval: Template['favourableOutcome'],
): Record<string, number> {
  const { tp, fp, tn, fn } = confusion;
  const n = tp + fp + tn + fn;
  const out: Record<string, number> = {};
  if (n === 0) return out;
  if (rule.policy === 'min_sensitivity') {
    if (tp + fn > 0) out.sensitivity = tp / (tp + fn);
    if (tn + fp > 0) out.specificity = tn / (tn + fp);
  } else if (rule.policy === 'approval_rate') {
    out.approvalRate = (approval === 'predicted_positive' ? tp + fp : tn + fn) / n;
  } else if (rule.policy === 'min_cost') {
    out.expectedCostPerCase = (fn * rule.falseNegativeCost + fp * rule.falsePositiveCost) / n;
  }
  return out;
}

/** The sentence saying what the threshold policy achieved on validation and test rows; null when nothing was measured. */
function achievedMessage(
  rule: ThresholdRule,
  validation: Record<string, number>,
  test: Record<string, number>,
  approval: Template['favourableOutcome'],
  positive: string,
): Message | null {
  if (Object.keys(validation).length === 0) return null;
  const rate = (x: number | undefined) => (x === undefined ? '—' : pct(x));
  switch (rule.policy) {
    case 'min_sensitivity':
      return msg('summary.policy.achieved.min_sensitivity', {
        valSensitivity: rate(validation.sensitivity),
        valSpecificity: rate(validation.specificity),
        testSensitivity: rate(test.sensitivity),
        testSpecificity: rate(test.specificity),
      });
    case 'approval_rate':
      return msg('summary.policy.achieved.approval_rate', {
        valRate: rate(validation.approvalRate),
        testRate: rate(test.approvalRate),
        approves: approval === 'predicted_positive' ? 'positive' : 'negative',
        positive,
      });
    case 'min_cost':
      return msg('summary.policy.achieved.min_cost', {
        valCost: fmt(validation.expectedCostPerCase, 2),
        testCost: fmt(test.expectedCostPerCase, 2),
      });
    default:
      return null;
  }
}

/** A share as a percentage; one decimal near 0 % and 100 %, where rounding would say "100 %". */
const pct = (x: number): string => `${(x * 100).toFixed(x > 0.99 || x < 0.01 ? 1 : 0)} %`;
const fmt = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);

/**
 * Build and validate the report model.
 * @throws ZodError if the assembled model breaks the schema (a bug, not a user error).
 */
export function buildReport(input: BuildReportInput): ReportModel {
  const { evaluation, training, template } = input;
  const metrics = evaluation.metrics;
  const summary: Message[] = [];
  const limitations: Message[] = [];
  const name = input.template.name[input.locale];
  let thresholdReport: ReportModel['threshold'];

  const skipped = input.importSummary.skippedRows;
  const base = (file: string) => file.split(/[\\/]/).pop() ?? file;
  summary.push(
    msg(input.testImport ? 'summary.dataWithTest' : 'summary.data', {
      rows: input.importSummary.rowCount,
      columns: input.importSummary.columns.length,
      file: base(input.importSummary.file),
      testRows: input.testImport?.rowCount ?? null,
      testFile: input.testImport ? base(input.testImport.file) : null,
      skippedNote: skipped > 0 ? `{summary.data.skipped}` : '',
      skipped,
      cleanRows: input.rowsAfterCleaning,
    }),
  );

  if (input.task === 'binary' && metrics.task === 'binary') {
    // The template's gloss ("defaulted (bad credit)") describes its own positive labels only: a
    // credit template run on income data must not call ">50K" a default. In the report's language.
    const meaning = positiveClassMeaning(template, metrics.positiveClass, input.locale);
    summary.push(
      meaning !== null
        ? msg('summary.task.binary', { target: input.target, positive: metrics.positiveClass, meaning })
        : msg('summary.task.binaryPlain', { target: input.target, positive: metrics.positiveClass }),
    );
  } else if (metrics.task === 'multiclass') {
    summary.push(msg('summary.task.multiclass', { target: input.target, classes: metrics.classes.length }));
  } else {
    summary.push(msg('summary.task.regression', { target: input.target }));
  }
  summary.push(
    msg('summary.split.holdout', {
      train: training.trainRows,
      validation: training.validationRows,
      test: training.testRows,
    }),
  );
  if (training.cancelled) summary.push(msg('summary.training.cancelled', { epochs: training.epochs.length }));
  else if (training.stoppedEarly)
    summary.push(msg('summary.training.stopped', { epochs: training.epochs.length, best: training.bestEpoch }));

  const majority = evaluation.baselines.find((b) => b.name === 'majority_class' || b.name === 'mean');
  // The same verdict, by the same function, as the wizard's Results step shows. A test split too
  // small to tell two models apart gets its warning instead (and no baseline recommended on it).
  const small = smallTestSplit(metrics);
  const against = baselineVerdict(evaluation);
  const verdict = small ? [smallTestMessage(small)] : against ? [verdictMessage(against)] : [];
  const relies = evaluation.importance && !small ? importanceMessage(evaluation.importance) : null;
  if (relies) verdict.push(relies);
  if (against && against.kind !== 'lift') limitations.push(msg('modelCard.limitation.baseline'));
  if (metrics.task === 'binary') {
    const ci = metrics.intervals.rocAuc;
    summary.push(
      msg('summary.performance.binary', {
        auc: fmt(metrics.rocAuc),
        aucPct: metrics.rocAuc === null ? '—' : pct(metrics.rocAuc),
        interval: ci ? `{summary.interval}` : '',
        low: ci ? fmt(ci.low) : null,
        high: ci ? fmt(ci.high) : null,
        positive: metrics.positiveClass,
      }),
    );
    summary.push(...verdict);
    if (input.threshold) {
      // The policy as applied (older models: the template's, as the project now resolves it).
      const rule = input.threshold.rule ?? template.threshold;
      const source = input.threshold.source ?? (userThresholdRule(template, training.settings) ? 'user' : 'template');
      const approval = input.threshold.approval ?? template.favourableOutcome;
      summary.push(
        msg('summary.threshold', {
          threshold: fmt(metrics.threshold, thresholdDigits(metrics.threshold)),
          positive: metrics.positiveClass,
          policy: `{summary.policy.${rule.policy === 'fixed' && source === 'user' ? 'fixedUser' : rule.policy}}`,
          ...policyParams(rule),
        }),
      );
      if (source === 'user' && rule.policy !== 'fixed') summary.push(msg('summary.policy.userSet'));
      const test = thresholdAchievedOnTest(rule, metrics.confusion, approval);
      thresholdReport = {
        value: metrics.threshold,
        rule,
        source,
        ...(rule.policy === 'approval_rate' ? { approval } : {}),
        validation: input.threshold.achieved,
        test,
      };
      const achieved = achievedMessage(rule, input.threshold.achieved, test, approval, metrics.positiveClass);
      if (achieved) summary.push(achieved);
      // A policy met on validation data may be missed on the test rows; say so rather than hide it.
      if (rule.policy === 'min_sensitivity' && metrics.recall !== null && metrics.recall < rule.value) {
        summary.push(msg('summary.policy.missed', { target: pct(rule.value), achieved: pct(metrics.recall) }));
      }
      // Sensitivity and cost policies are chosen on the positive validation cases; a few dozen
      // of them let the threshold swing between seeds (heart: 0.25 to 0.09 on 17 positives).
      const positives = training.validationPositives;
      if (
        (rule.policy === 'min_sensitivity' || rule.policy === 'min_cost') &&
        positives !== undefined &&
        positives < MIN_THRESHOLD_POSITIVES
      ) {
        summary.push(msg('summary.policy.fewPositives', { count: positives, min: MIN_THRESHOLD_POSITIVES }));
        limitations.push(msg('modelCard.limitation.fewPositives', { count: positives }));
      }
    }
    if (metrics.rocAuc !== null && metrics.rocAuc >= TOO_GOOD_ROC_AUC) {
      summary.push(msg('summary.tooGood', { auc: fmt(metrics.rocAuc) }));
      const suspects = (input.profile?.warnings ?? [])
        .filter((w) => w.code === 'strong_predictor' && w.column && input.features.includes(w.column))
        .map((w) => w.column!);
      if (suspects.length > 0) summary.push(msg('summary.tooGood.suspects', { columns: suspects }));
      const reliedOn = reliedOnMessage(input.evaluation.importance);
      if (reliedOn) summary.push(reliedOn);
      limitations.push(msg('modelCard.limitation.tooGood'));
    }
    const positives = metrics.confusion.tp + metrics.confusion.fn;
    if (metrics.n > 0 && positives / metrics.n < 0.2)
      limitations.push(msg('modelCard.limitation.imbalance', { rate: pct(positives / metrics.n) }));
  } else if (metrics.task === 'multiclass') {
    summary.push(
      msg('summary.performance.multiclass', {
        accuracy: pct(metrics.accuracy),
        macroF1: fmt(metrics.macroF1),
        baseline: majority && majority.metrics.task === 'multiclass' ? pct(majority.metrics.accuracy) : '—',
      }),
    );
    summary.push(...verdict);
  } else {
    summary.push(msg('summary.performance.regression', { mae: fmt(metrics.mae), r2pct: pct(Math.max(0, metrics.r2)) }));
    summary.push(...verdict);
  }
  if (metrics.n < 100) limitations.push(msg('modelCard.limitation.smallData', { n: metrics.n }));

  if (input.fairness.length === 0) summary.push(msg('summary.fairness.none'));
  for (const f of input.fairness) {
    if (!f.comparisonPossible || !f.summary) {
      summary.push(
        msg('summary.fairness.notComparable', {
          attribute: f.attribute,
          reason: `{${f.notComparableReason ?? 'fairness.notComparable'}}`,
        }),
      );
      continue;
    }
    const outside = f.verdict === 'outside_tolerance';
    summary.push(
      f.verdict === 'not_judged'
        ? // Regression, or multiclass without a favourable class: compared, but no tolerance applies.
          msg('summary.fairness.notJudged', {
            attribute: f.attribute,
            reason: `{${f.notJudgedReason ?? 'fairness.notJudged.regression'}}`,
          })
        : f.task === 'multiclass'
          ? // Only the favourable class's selection rates are judged (no equalized odds for K classes).
            msg(outside ? 'summary.fairness.outsideSelection' : 'summary.fairness.withinSelection', {
              attribute: f.attribute,
              label: f.favourableLabel,
              dpd: fmt(f.summary.demographicParityDifference),
            })
          : msg(outside ? 'summary.fairness.outside' : 'summary.fairness.within', {
              attribute: f.attribute,
              dpd: fmt(f.summary.demographicParityDifference),
              eod: fmt(f.summary.equalizedOddsDifference),
            }),
    );
    if (f.verdict === 'outside_tolerance')
      limitations.push(msg('modelCard.limitation.fairness', { attribute: f.attribute }));
    if (f.groups.some((g) => g.small))
      limitations.push(
        msg('modelCard.limitation.smallGroups', { attribute: f.attribute, min: f.tolerance.minGroupSize }),
      );
    if (!f.usedAsFeature) limitations.push(msg('modelCard.limitation.proxy'));
  }
  if (input.mitigation) {
    const m = input.mitigation;
    summary.push(mitigationMessage(m), mitigationEffectMessage(m));
    if (m.status === 'applied' && m.method === 'group_thresholds') {
      // The threshold sentences above give the single threshold; the decisions use the groups' own.
      let at = summary.length - 1;
      while (at >= 0 && !/^summary\.(threshold|policy)/.test(summary[at]!.key)) at--;
      summary.splice(at < 0 ? summary.length : at + 1, 0, perGroupThresholdMessage(m, input.positiveClass ?? ''));
      limitations.push(msg('modelCard.limitation.groupThresholds', { columns: m.columns }));
    }
  }

  const leaked = input.excluded.filter((e) => e.reason === 'features.leakage').map((e) => e.column);
  if (leaked.length > 0) summary.push(msg('summary.leakage', { count: leaked.length, columns: leaked }));

  const direct = input.privacy.columns.filter((c) => c.class === 'direct_identifier');
  summary.push(
    direct.length > 0
      ? msg('summary.privacy.identifiers', { count: direct.length, columns: direct.map((c) => c.column) })
      : msg('summary.privacy.none'),
  );
  const quasi = input.privacy.columns.filter((c) => c.class === 'quasi_identifier');
  if (quasi.length > 0)
    summary.push(
      msg('summary.privacy.quasi', {
        columns: quasi.slice(0, 4).map((c) => c.column),
      }),
    );
  const risk = input.privacyAssessment?.after;
  if (risk && risk.quasiIdentifiers.length > 0)
    summary.push(
      msg('summary.privacy.risk', {
        k: risk.k,
        threshold: input.privacyAssessment!.k,
        columns: risk.quasiIdentifiers,
        unique: pct(risk.unique.share),
        below: pct(risk.belowK.share),
      }),
    );
  limitations.push(msg('modelCard.limitation.generic'));

  const model = {
    schemaVersion: 1 as const,
    title: input.title ?? `${name}: ${input.target}`,
    locale: input.locale,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    meta: {
      appVersion: appVersion(),
      backend: training.backend,
      seed: input.seed,
      inputFile: input.importSummary.file,
      inputSha256: input.importSummary.sha256,
      testFile: input.testImport?.file ?? null,
      testSha256: input.testImport?.sha256 ?? null,
      templateId: template.id,
      templateName: template.name,
      platform: `${os.platform()} ${os.arch()}`,
      nodeVersion: process.version,
    },
    task: input.task,
    target: input.target,
    positiveClass: input.positiveClass,
    headlineMetrics: headlineFor(input.task, template.headlineMetrics),
    favourableOutcome: template.favourableOutcome,
    ...(thresholdReport ? { threshold: thresholdReport } : {}),
    summary: dedupe(summary),
    data: {
      import: maskSamples(input.importSummary, input.privacy),
      testImport: input.testImport ? maskSamples(input.testImport, input.privacy) : null,
      profile: input.profile ? maskPersonalValues(input.profile, input.privacy) : null,
      recipe: input.recipe,
      features: input.features,
      excluded: input.excluded,
      rowsAfterCleaning: input.rowsAfterCleaning,
    },
    training,
    evaluation,
    fairness: input.fairness,
    ...(input.mitigation ? { mitigation: input.mitigation } : {}),
    privacy: withModelFeatures(input.privacy, input.features, input.target),
    privacyAssessment: input.privacyAssessment,
    modelCard: {
      intendedUse: 'modelCard.intendedUse',
      outOfScope: 'modelCard.outOfScope',
      limitations: dedupe(limitations),
    },
  };
  return ReportModelSchema.parse(model);
}

/**
 * The report is meant to be shared: values of columns holding personal data (direct identifiers,
 * dates of birth) are masked in the profile's top values and min/max, as the privacy section does.
 */
function maskPersonalValues(profile: DatasetProfile, privacy: PrivacyScan): DatasetProfile {
  const personal = personalColumns(privacy);
  const mask = (v: unknown) => (typeof v === 'string' ? maskValue(v) : v);
  return {
    ...profile,
    columns: profile.columns.map((c) =>
      personal.has(c.name)
        ? {
            ...c,
            min: mask(c.min) as typeof c.min,
            max: mask(c.max) as typeof c.max,
            topValues: c.topValues.map((t) => ({ ...t, value: mask(t.value) as typeof t.value })),
          }
        : c,
    ),
  };
}

function personalColumns(privacy: PrivacyScan): Set<string> {
  return new Set(
    privacy.columns
      .filter((c) => c.class === 'direct_identifier' || c.entities.some((e) => e.entity === 'DATE_OF_BIRTH'))
      .map((c) => c.column),
  );
}

/** Sample values of personal-data columns in an import summary, masked. */
function maskSamples(summary: ImportSummary, privacy: PrivacyScan): ImportSummary {
  const personal = personalColumns(privacy);
  return {
    ...summary,
    columns: summary.columns.map((c) =>
      personal.has(c.name) ? { ...c, sample: c.sample.map((v) => (typeof v === 'string' ? maskValue(v) : v)) } : c,
    ),
  };
}

function dedupe(messages: Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const k = m.key + JSON.stringify(m.params);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The summary's sentence on a mitigation run: which method on what, whether it is in use, and its cost. */
function mitigationMessage(m: FairnessMitigation): Message {
  return msg(`summary.fairness.mitigation.${m.status}`, {
    attribute: m.attribute,
    method: `{report.fairness.mitigation.method.${m.method}}`,
    dpdBefore: fmt(m.before.summary?.demographicParityDifference),
    dpdAfter: fmt(m.after.summary?.demographicParityDifference),
    accBefore: fmt(m.overallBefore.accuracy),
    accAfter: fmt(m.overallAfter.accuracy),
  });
}

/** The summary's sentence on whether a mitigation run reduced the difference it targets on the test rows. */
function mitigationEffectMessage(m: FairnessMitigation): Message {
  const e = mitigationEffect(m);
  const label = (k: string) => `{${SUMMARY_LABEL[k]}}`;
  return msg(`summary.fairness.mitigation.effect.${e.outcome}`, {
    metric: label(e.targeted),
    before: fmt(e.before),
    after: fmt(e.after),
    others: e.worse.length ? label(e.worse[0]!.metric) : null,
  });
}

/** Report labels of the summary differences a mitigation is judged on. */
const SUMMARY_LABEL: Record<string, string> = {
  demographicParityDifference: 'report.fairness.dpd',
  equalOpportunityDifference: 'report.fairness.eopp',
  equalizedOddsDifference: 'report.fairness.eod',
};

/** The per-group thresholds in use (applied `group_thresholds`), as the summary states them. */
function perGroupThresholdMessage(m: FairnessMitigation, positive: string): Message {
  return msg('summary.threshold.perGroup', {
    attribute: m.attribute,
    positive,
    thresholds: (m.thresholds ?? []).map((t) => `${t.group} ${fmt(t.threshold, 3)}`).join('; '),
  });
}
