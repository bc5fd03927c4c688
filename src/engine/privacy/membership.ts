/**
 * Membership-inference audit (SPEC §8): can someone holding the model tell whether a person's
 * record was in its training data? The loss-threshold attack of Yeom et al. (2018, "Privacy Risk in
 * Machine Learning: Analyzing the Connection to Overfitting"), as TensorFlow Privacy's threshold
 * attack runs it: each record's loss under the model is its score (lower loss → "member"), and the
 * attack's ROC AUC over equal numbers of training records (members) and test records
 * (non-members) says how well the loss separates them. 0.5 means the model leaks no membership
 * through its loss; the advantage is max over thresholds of TPR − FPR (Yeom et al.'s membership
 * advantage).
 */
import type { MembershipAudit } from '../../shared/model/metrics';
import type { Frame } from '../data/frame';
import { binaryClfCurve, rocAuc } from '../metrics/binary';
import { createRng, shuffleInPlace } from '../rng';
import type { TrainedModel } from '../train/model';
import { outputUnits, predictProba } from '../train/model';
import { labeledOnly, transform } from '../train/preprocess';

/** Probabilities are clipped away from 0 and 1 before the log, as Keras' cross-entropy does. */
const EPSILON = 1e-7;

/** Per-record loss: cross-entropy of the true class (classification), squared error (regression). */
function losses(model: TrainedModel, frame: Frame, rows: number[]): Float64Array {
  const { prep } = model;
  const { matrix } = labeledOnly(transform(frame, rows, prep));
  const out = predictProba(model, matrix.x, matrix.rows);
  const k = outputUnits(prep);
  const loss = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    const y = matrix.y[i]!;
    if (prep.task === 'regression') {
      const actual = y * (prep.targetStd ?? 1) + (prep.targetMean ?? 0);
      loss[i] = (out[i]! - actual) ** 2;
    } else {
      const p = k === 1 ? (y === 1 ? out[i]! : 1 - out[i]!) : out[i * k + y]!;
      loss[i] = -Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, p)));
    }
  }
  return loss;
}

function sample(rows: readonly number[], n: number, rng: ReturnType<typeof createRng>): number[] {
  return rows.length <= n ? [...rows] : (shuffleInPlace([...rows], rng) as number[]).slice(0, n);
}

/**
 * Run the audit on at most `maxRows` (default 2000) of each: `members` (training rows of the frame
 * the model learned from) and `nonMembers` (test rows it never saw), a seeded sample of the larger
 * side so both count equally. Null when either side has no labelled rows.
 */
export function membershipAudit(
  model: TrainedModel,
  members: { frame: Frame; rows: readonly number[] },
  nonMembers: { frame: Frame; rows: readonly number[] },
  opts: { seed: number; maxRows?: number },
): MembershipAudit | null {
  const rng = createRng(opts.seed);
  const n = Math.min(members.rows.length, nonMembers.rows.length, opts.maxRows ?? 2000);
  if (n === 0) return null;
  const inLoss = losses(model, members.frame, sample(members.rows, n, rng));
  const outLoss = losses(model, nonMembers.frame, sample(nonMembers.rows, n, rng));
  return attackFromLosses(inLoss, outLoss);
}

/**
 * The loss-threshold attack on given per-record losses of members (`inLoss`) and non-members
 * (`outLoss`): ROC AUC of "lower loss → member" and the advantage max(TPR − FPR). Null when a side
 * is empty.
 */
export function attackFromLosses(inLoss: ArrayLike<number>, outLoss: ArrayLike<number>): MembershipAudit | null {
  const P = inLoss.length;
  const N = outLoss.length;
  if (P === 0 || N === 0) return null;
  const labels = new Float64Array(P + N);
  labels.fill(1, 0, P);
  // The attack says "member" for a low loss: the score is the negated loss.
  const scores = new Float64Array(P + N);
  for (let i = 0; i < P; i++) scores[i] = -inLoss[i]!;
  for (let i = 0; i < N; i++) scores[P + i] = -outLoss[i]!;
  const auc = rocAuc(labels, scores);
  if (auc === null) return null;
  const { tps, fps } = binaryClfCurve(labels, scores);
  let advantage = 0;
  for (let i = 0; i < tps.length; i++) advantage = Math.max(advantage, tps[i]! / P - fps[i]! / N);
  // Spread of the AUC of an attack that learns nothing (Mann–Whitney U's null variance), so the
  // report can tell a leak from the noise of a small sample.
  const nullSd = Math.sqrt((P + N + 1) / (12 * P * N));
  return { method: 'loss_threshold', auc, advantage, members: P, nonMembers: N, nullSd };
}
