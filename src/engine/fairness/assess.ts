/**
 * Group fairness of one sensitive attribute of a binary model on the test split (SPEC §7), with the
 * definitions of Fairlearn (multi-group, unsigned "between_groups" differences) and AIF360 (two
 * groups, signed): REFERENCE.md §2.1, checked against its §3.1 and §3.2 oracles. "Positive" is the
 * favourable outcome for every number (REFERENCE.md §2 notation), also when that is the model's
 * negative class (finance: approval = predicting "good"). The helpers shared with the multiclass and
 * regression assessments (`tasks.ts`) live here too.
 */
import type {
  FairnessAttributeReport,
  FairnessSummary,
  GroupMetrics,
  UndefinedReason,
} from '../../shared/model/fairness';
import { percentile } from '../metrics/bootstrap';
import { createRng } from '../rng';
import { countRows, groupMetrics, ratesFromCounts, type FavourableOutcome } from './groupMetrics';

/** Fairlearn `demographic_parity_ratio` threshold of the four-fifths rule (29 CFR 1607.4(D)). */
export const FOUR_FIFTHS = 0.8;

/** Differences within this of the tolerance count as within it (float noise, e.g. 0.1 + 0.2). */
const TOLERANCE_SLACK = 1e-12;

export interface FairnessInput {
  attribute: string;
  /** Group label per test row (numeric attributes already binned with {@link binNumeric}); null = missing. */
  groups: (string | null)[];
  /** True labels, 1 = the model's positive class, 0 = its negative class. */
  yTrue: ArrayLike<number>;
  /** Predicted labels at the chosen threshold, 1 = the model's positive class. */
  yPred: ArrayLike<number>;
  /** P(model's positive class) per row, in [0, 1], for per-group ROC AUC. */
  scores?: ArrayLike<number> | null;
  /**
   * Which prediction is favourable. With `predicted_negative` the labels and scores are recoded
   * (1 − y, 1 − p) before anything is counted, so every rate is of the favourable outcome.
   */
  favourableOutcome: FavourableOutcome;
  /** The class label (as the user knows it) whose prediction is favourable, e.g. `good`. */
  favourableLabel: string;
  usedAsFeature: boolean;
  /** Bin edges used for a numeric attribute, or null. */
  bins: number[] | null;
  tolerance: { difference: number; ratio: number; minGroupSize: number };
  /** Non-negative weight per row; counts become weighted sums (Fairlearn/AIF360 `sample_weight`). */
  sampleWeights?: ArrayLike<number>;
  /** Order of the groups in the report (e.g. bin order); others follow, sorted. */
  groupOrder?: string[];
  /** Bootstrap percentile intervals of the summary; null to skip. Default 200 replicates, seed 1. */
  bootstrap?: { replicates: number; seed: number } | null;
}

export interface SummaryRates {
  group: string;
  selectionRate: number | null;
  tpr: number | null;
  fpr: number | null;
  accuracy: number | null;
}

type SummaryNumbers = Omit<FairnessSummary, 'fourFifthsFlagged' | 'excludedGroups' | 'intervals'>;

const INTERVAL_FIELDS = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalOpportunityDifference',
  'equalizedOddsDifference',
  'averageOddsDifference',
  'accuracyDifference',
] as const;

/** max − min of the defined values (Fairlearn `MetricFrame.difference()`, "between_groups"); null with fewer than two. */
export function spread(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length < 2) return null;
  return Math.max(...defined) - Math.min(...defined);
}

/**
 * The summary numbers over the judged groups, using defined values only (all rates are of the
 * favourable outcome):
 * - demographic parity difference = max_g SR_g − min_g SR_g, ratio = min/max (Fairlearn
 *   `demographic_parity_difference/ratio`, "between_groups");
 * - equal opportunity difference = max − min TPR (Fairlearn);
 * - equalized odds difference = max(ΔTPR, ΔFPR) (Fairlearn `agg="worst_case"`); when one of the two
 *   gaps is undefined (fewer than two groups with that rate) the other one is used;
 * - average odds difference = (ΔTPR + ΔFPR) / 2, the unsigned multi-group analogue of AIF360's
 *   average odds difference (Fairlearn `equalized_odds_difference(agg="mean")`); null unless both gaps
 *   are defined;
 * - accuracy difference = max − min accuracy; mean group accuracy = (1/G) Σ_g accuracy_g.
 */
export function summaryNumbers(rates: SummaryRates[]): SummaryNumbers {
  const sr = rates.map((r) => r.selectionRate).filter((v): v is number => v !== null);
  const maxSr = sr.length ? Math.max(...sr) : null;
  const minSr = sr.length ? Math.min(...sr) : null;
  const dTpr = spread(rates.map((r) => r.tpr));
  const dFpr = spread(rates.map((r) => r.fpr));
  const gaps = [dTpr, dFpr].filter((v): v is number => v !== null);
  const acc = rates.map((r) => r.accuracy).filter((v): v is number => v !== null);
  return {
    demographicParityDifference: sr.length >= 2 ? maxSr! - minSr! : null,
    demographicParityRatio: sr.length >= 2 && maxSr! > 0 ? minSr! / maxSr! : null,
    equalOpportunityDifference: dTpr,
    equalizedOddsDifference: gaps.length ? Math.max(...gaps) : null,
    averageOddsDifference: dTpr !== null && dFpr !== null ? (dTpr + dFpr) / 2 : null,
    accuracyDifference: spread(rates.map((r) => r.accuracy)),
    meanGroupAccuracy: acc.length ? acc.reduce((a, b) => a + b, 0) / acc.length : null,
  };
}

/** Groups whose selection rate is below four fifths of the highest (29 CFR 1607.4(D)). */
export function fourFifthsFlags(rates: { group: string; selectionRate: number | null }[]): string[] {
  const sr = rates.map((r) => r.selectionRate).filter((v): v is number => v !== null);
  const max = sr.length ? Math.max(...sr) : 0;
  if (max <= 0) return [];
  return rates.filter((r) => r.selectionRate !== null && r.selectionRate / max < FOUR_FIFTHS).map((r) => r.group);
}

function validate(input: FairnessInput): void {
  const n = input.groups.length;
  const check = (name: string, a: ArrayLike<number> | null | undefined) => {
    if (a && a.length !== n) throw new Error(`assessFairness: ${name} has ${a.length} rows, groups has ${n}`);
  };
  check('yTrue', input.yTrue);
  check('yPred', input.yPred);
  check('scores', input.scores);
  check('sampleWeights', input.sampleWeights);
  for (let i = 0; i < n; i++) {
    if ((input.yTrue[i] !== 0 && input.yTrue[i] !== 1) || (input.yPred[i] !== 0 && input.yPred[i] !== 1)) {
      throw new Error(`assessFairness: row ${i + 1}: labels must be 0 or 1`);
    }
    const w = input.sampleWeights?.[i];
    if (w !== undefined && !(w >= 0 && Number.isFinite(w)))
      throw new Error(`assessFairness: row ${i + 1}: bad weight ${w}`);
  }
}

const collator = new Intl.Collator('en', { numeric: true });

/** Row indices per group label, in report order (`order` first, then the rest sorted). */
export function indexGroups(
  groups: (string | null)[],
  order?: string[],
): { labels: string[]; rows: Map<string, number[]>; missing: number } {
  const rows = new Map<string, number[]>();
  let missing = 0;
  groups.forEach((g, i) => {
    if (g === null) {
      missing++;
      return;
    }
    let list = rows.get(g);
    if (!list) rows.set(g, (list = []));
    list.push(i);
  });
  const rank = new Map((order ?? []).map((g, i) => [g, i] as const));
  const labels = [...rows.keys()].sort((a, b) => {
    const ra = rank.get(a) ?? Infinity;
    const rb = rank.get(b) ?? Infinity;
    return ra !== rb ? ra - rb : collator.compare(a, b);
  });
  return { labels, rows, missing };
}

/**
 * Bootstrap 95 % percentile intervals of summary numbers, stratified by group: each replicate
 * resamples every judged group's rows with replacement at its own size, so no group vanishes, and
 * `summarize` computes the numbers from the resampled rows (one array per group, `judged` order).
 * A field gets an interval only when at least half the replicates define it.
 */
export function stratifiedBootstrap<F extends string>(
  judged: readonly (readonly number[])[],
  fields: readonly F[],
  opts: { replicates: number; seed: number },
  summarize: (rows: Int32Array[]) => Record<F, number | null | undefined>,
): Partial<Record<F, { low: number; high: number }>> {
  const rng = createRng(opts.seed);
  const samples = new Map<F, number[]>(fields.map((f) => [f, []]));
  for (let b = 0; b < opts.replicates; b++) {
    const resampled = judged.map((rows) => {
      const out = new Int32Array(rows.length);
      for (let k = 0; k < rows.length; k++) out[k] = rows[rng.int(rows.length)]!;
      return out;
    });
    const s = summarize(resampled);
    for (const f of fields) {
      const v = s[f];
      if (v !== null && v !== undefined && Number.isFinite(v)) samples.get(f)!.push(v);
    }
  }
  const out: Partial<Record<F, { low: number; high: number }>> = {};
  for (const f of fields) {
    const vs = samples.get(f)!;
    if (vs.length < opts.replicates / 2) continue;
    vs.sort((a, b) => a - b);
    out[f] = { low: percentile(vs, 2.5), high: percentile(vs, 97.5) };
  }
  return out;
}

/** Why the groups cannot be compared (an i18n key), or null: fewer than two groups, or two large ones. */
export function notComparableReason(groups: readonly GroupMetrics[]): string | null {
  if (groups.length === 0) return 'fairness.noGroups';
  if (groups.length === 1) return 'fairness.oneGroup';
  return groups.filter((g) => !g.small).length < 2 ? 'fairness.tooFewLargeGroups' : null;
}

/** Recode labels and scores so that 1 = favourable outcome (REFERENCE.md §2: "positive" = favourable). */
function toFavourable(input: FairnessInput): {
  yTrue: ArrayLike<number>;
  yPred: ArrayLike<number>;
  scores: ArrayLike<number> | null;
} {
  const scores = input.scores ?? null;
  if (input.favourableOutcome === 'predicted_positive') return { yTrue: input.yTrue, yPred: input.yPred, scores };
  // ROC AUC is unchanged by flipping both labels and scores; every other rate becomes the favourable one's.
  return {
    yTrue: Float64Array.from(input.yTrue, (y) => 1 - y),
    yPred: Float64Array.from(input.yPred, (y) => 1 - y),
    scores: scores && Float64Array.from(scores, (p) => 1 - p),
  };
}

/**
 * Per-group and summary fairness metrics of a binary model for one sensitive attribute.
 *
 * Per group, every rate of the favourable outcome (for finance, where approval = the model's
 * negative class "good": base rate = share truly good, selection rate = share predicted good, TPR =
 * share of the truly good predicted good, FPR = share of the truly bad predicted good, precision =
 * share of the predicted good truly good): n, share, base rate, selection rate, accuracy, TPR, FPR,
 * precision and ROC AUC; a metric undefined for a group is null with a reason. Rows with a missing group are left out
 * and counted in `missingGroupRows`; shares are of the rows with a known group.
 *
 * Groups with n < `tolerance.minGroupSize` are shown, flagged `small` and left out of the summary and
 * verdict. With fewer than two groups (`fairness.oneGroup`, `fairness.noGroups`) or fewer than two
 * large ones (`fairness.tooFewLargeGroups`) nothing is compared: summary null, verdict
 * `not_comparable`. Otherwise the verdict is `outside_tolerance` when the demographic parity or
 * equalized odds difference exceeds `tolerance.difference` or the demographic parity ratio is below
 * `tolerance.ratio`. See `summaryNumbers` for the summary definitions.
 *
 * @throws Error when the arrays differ in length, labels are not 0/1 or a weight is negative (these
 *   come from the engine, not from the user).
 */
export function assessFairness(input: FairnessInput): FairnessAttributeReport {
  validate(input);
  const { minGroupSize } = input.tolerance;
  const { labels, rows, missing } = indexGroups(input.groups, input.groupOrder);
  const known = input.groups.length - missing;
  const fav = toFavourable(input);
  const common = {
    totalRows: known,
    ...fav,
    weights: input.sampleWeights,
    minGroupSize,
  };
  const groups = labels.map((group) => groupMetrics({ group, rows: rows.get(group)!, ...common }));
  const knownRows: number[] = [];
  input.groups.forEach((g, i) => g !== null && knownRows.push(i));
  const overall = groupMetrics({ group: '*', rows: knownRows, ...common, minGroupSize: 0 });

  const base = {
    attribute: input.attribute,
    bins: input.bins,
    usedAsFeature: input.usedAsFeature,
    favourableOutcome: input.favourableOutcome,
    favourableLabel: input.favourableLabel,
    task: 'binary' as const,
    groups,
    overall,
    missingGroupRows: missing,
    tolerance: { ...input.tolerance },
  };
  const large = groups.filter((g) => !g.small);
  const notComparable = notComparableReason(groups);
  if (notComparable) {
    return {
      ...base,
      comparisonPossible: false,
      notComparableReason: notComparable,
      summary: null,
      verdict: 'not_comparable',
    };
  }

  const excludedGroups: FairnessSummary['excludedGroups'] = [];
  for (const g of groups) {
    if (g.small) {
      excludedGroups.push({ group: g.group, reason: 'fairness.excluded.small' });
      continue;
    }
    for (const metric of ['tpr', 'fpr'] as const) {
      const reason: UndefinedReason | undefined = g.undefinedReasons[metric];
      if (g[metric] === null && reason)
        excludedGroups.push({ group: g.group, metric, reason: `fairness.excluded.${metric}.${reason}` });
    }
  }
  const rates: SummaryRates[] = large.map((g: GroupMetrics) => ({
    group: g.group,
    selectionRate: g.selectionRate,
    tpr: g.tpr,
    fpr: g.fpr,
    accuracy: g.accuracy,
  }));
  const numbers = summaryNumbers(rates);
  const bootstrap = input.bootstrap === undefined ? { replicates: 200, seed: 1 } : input.bootstrap;
  const summary: FairnessSummary = {
    ...numbers,
    fourFifthsFlagged: fourFifthsFlags(rates),
    excludedGroups,
    ...(bootstrap && bootstrap.replicates > 0
      ? {
          intervals: stratifiedBootstrap(
            large.map((g) => rows.get(g.group)!),
            INTERVAL_FIELDS,
            bootstrap,
            (resampled) =>
              summaryNumbers(
                resampled.map((r, k) => ({
                  group: large[k]!.group,
                  ...ratesFromCounts(countRows(r, fav.yTrue, fav.yPred, input.sampleWeights)),
                })),
              ),
          ) as Record<string, { low: number; high: number }>,
        }
      : {}),
  };
  const tol = input.tolerance;
  const outside =
    (numbers.demographicParityDifference ?? 0) > tol.difference + TOLERANCE_SLACK ||
    (numbers.equalizedOddsDifference ?? 0) > tol.difference + TOLERANCE_SLACK ||
    (numbers.demographicParityRatio ?? 1) < tol.ratio - TOLERANCE_SLACK;
  return {
    ...base,
    comparisonPossible: true,
    notComparableReason: null,
    summary,
    verdict: outside ? 'outside_tolerance' : 'within_tolerance',
  };
}

/** AIF360's signed two-group metrics: each difference is unprivileged − privileged. */
export interface Aif360TwoGroup {
  /** SPD = SR_u − SR_p (`statistical_parity_difference`). */
  statisticalParityDifference: number | null;
  /** DI = SR_u / SR_p (`disparate_impact`); null when SR_p = 0. */
  disparateImpact: number | null;
  /** TPR_u − TPR_p (`equal_opportunity_difference`). */
  equalOpportunityDifference: number | null;
  /** FPR_u − FPR_p (`false_positive_rate_difference`). */
  falsePositiveRateDifference: number | null;
  /** ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)] (`average_odds_difference`). */
  averageOddsDifference: number | null;
  /** ½[|FPR_u − FPR_p| + |TPR_u − TPR_p|] (`average_abs_odds_difference`). */
  averageAbsOddsDifference: number | null;
  /** max(|ΔFPR|, |ΔTPR|) (`equalized_odds_difference`). */
  equalizedOddsDifference: number | null;
  /** PPV_u − PPV_p (predictive parity; = −(FDR_u − FDR_p)). */
  predictiveParityDifference: number | null;
  /** ERR_u − ERR_p with ERR = 1 − accuracy (`error_rate_difference`). */
  errorRateDifference: number | null;
}

const diff = (u: number | null, p: number | null): number | null => (u === null || p === null ? null : u - p);

/**
 * AIF360 `ClassificationMetric` two-group metrics (REFERENCE.md §2.1, oracle §3.2) from two groups
 * of an {@link assessFairness} report. Every rate is of the favourable outcome, as AIF360's are of
 * the favourable label.
 */
export function aif360TwoGroup(privileged: GroupMetrics, unprivileged: GroupMetrics): Aif360TwoGroup {
  const dTpr = diff(unprivileged.tpr, privileged.tpr);
  const dFpr = diff(unprivileged.fpr, privileged.fpr);
  const err = (g: GroupMetrics) => (g.accuracy === null ? null : 1 - g.accuracy);
  return {
    statisticalParityDifference: diff(unprivileged.selectionRate, privileged.selectionRate),
    disparateImpact:
      unprivileged.selectionRate === null || !privileged.selectionRate
        ? null
        : unprivileged.selectionRate / privileged.selectionRate,
    equalOpportunityDifference: dTpr,
    falsePositiveRateDifference: dFpr,
    averageOddsDifference: dTpr === null || dFpr === null ? null : (dFpr + dTpr) / 2,
    averageAbsOddsDifference: dTpr === null || dFpr === null ? null : (Math.abs(dFpr) + Math.abs(dTpr)) / 2,
    equalizedOddsDifference: dTpr === null || dFpr === null ? null : Math.max(Math.abs(dFpr), Math.abs(dTpr)),
    predictiveParityDifference: diff(unprivileged.precision, privileged.precision),
    errorRateDifference: diff(err(unprivileged), err(privileged)),
  };
}
