/**
 * Whether a bias mitigation run (SPEC §7) helped, judged on the test split it was compared on —
 * one rule for the wizard, the report and the model card, so they cannot disagree.
 */
import type { FairnessMitigation, FairnessSummary } from './model/fairness';

/** The summary differences a mitigation is judged on; smaller is fairer. */
export type MitigationDifference =
  'demographicParityDifference' | 'equalOpportunityDifference' | 'equalizedOddsDifference';

/** Changes smaller than this (half the last digit the report prints) count as no change. */
export const MITIGATION_CHANGE_EPS = 5e-4;

export interface MitigationEffect {
  /**
   * `helped`: the targeted difference fell and no other difference rose; `tradeoff`: it fell and
   * another rose; `not_helped`: it did not fall (or could not be computed) on the test split.
   */
  outcome: 'helped' | 'tradeoff' | 'not_helped';
  /** The difference the method aims to reduce. */
  targeted: MitigationDifference;
  before: number | null;
  after: number | null;
  /** Differences (other than the targeted one) that rose by more than {@link MITIGATION_CHANGE_EPS}. */
  worse: { metric: MitigationDifference; before: number; after: number }[];
  /** Validation rows the per-group thresholds were chosen on (0 for reweighing). */
  validationN: number;
}

/**
 * The difference each method targets: per-group thresholds the one their constraint equalizes
 * (selection rates → demographic parity difference, TPRs → equal opportunity difference);
 * reweighing makes label and group independent in the training data (Kamiran & Calders 2012), i.e.
 * aims at demographic parity.
 */
export function targetedDifference(m: Pick<FairnessMitigation, 'method' | 'constraint'>): MitigationDifference {
  return m.method === 'group_thresholds' && m.constraint === 'equal_opportunity'
    ? 'equalOpportunityDifference'
    : 'demographicParityDifference';
}

/** Judge a mitigation run by its before/after summaries on the test split (see {@link MitigationEffect}). */
export function mitigationEffect(m: FairnessMitigation): MitigationEffect {
  const targeted = targetedDifference(m);
  const value = (s: FairnessSummary | null, k: MitigationDifference) => s?.[k] ?? null;
  const before = value(m.before.summary, targeted);
  const after = value(m.after.summary, targeted);
  const worse: MitigationEffect['worse'] = [];
  for (const metric of [
    'demographicParityDifference',
    'equalOpportunityDifference',
    'equalizedOddsDifference',
  ] as const) {
    if (metric === targeted) continue;
    const b = value(m.before.summary, metric);
    const a = value(m.after.summary, metric);
    if (b !== null && a !== null && a > b + MITIGATION_CHANGE_EPS) worse.push({ metric, before: b, after: a });
  }
  const fell = before !== null && after !== null && after < before - MITIGATION_CHANGE_EPS;
  return {
    outcome: !fell ? 'not_helped' : worse.length ? 'tradeoff' : 'helped',
    targeted,
    before,
    after,
    worse,
    validationN: (m.thresholds ?? []).reduce((s, t) => s + t.validationN, 0),
  };
}
