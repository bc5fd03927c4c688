/**
 * One training run, as a training host executes it (DESIGN "Work off the main thread"): train and
 * evaluate on the prepared frames, assess fairness on the test rows, write the model package.
 * The CLI pipeline runs the same function in-process.
 */
import { UserError } from '../../shared/errors';
import type { TrainingInput, TrainingOutput } from '../../shared/host';
import type { JobEvent } from '../../shared/jobs';
import { TrainSettingsSchema, userThresholdRule } from '../../shared/model/train';
import type { Frame } from '../data/frame';
import { chooseThreshold } from '../metrics/threshold';
import { membershipAudit } from '../privacy/membership';
import { measureImportance } from '../train/importance';
import { saveModel, type TrainedModel } from '../train/model';
import { initBackend } from '../train/backend';
import { trainAndEvaluate } from '../train/pipeline';
import { fairnessOnTest } from './fairness';
import { reweighingTrainWeights } from './mitigate';

export interface TrainingResult extends TrainingOutput {
  /** The model itself (in-process callers only; not sent over IPC). */
  model: TrainedModel;
}

/**
 * Train, evaluate, assess fairness and save the model package to `input.modelDir`.
 * @throws UserError from training (TARGET_SINGLE_CLASS, TOO_FEW_ROWS, NO_FEATURES, …), CANCELLED
 *   only if cancelled before the first epoch finished (later cancels keep the best weights).
 */
export async function runTraining(
  input: TrainingInput,
  ctx: { signal?: AbortSignal; emit?: (e: JobEvent) => void } = {},
): Promise<TrainingResult> {
  const frame = input.frame as Frame;
  const testFrame = (input.testFrame ?? undefined) as Frame | undefined;
  const settings = TrainSettingsSchema.parse({
    ...input.settings,
    excludeColumns: input.excluded.map((e) => e.column),
  });
  // The template arrives with the user's threshold policy applied; the settings say whether it is theirs.
  const thresholdSource = userThresholdRule(input.template, input.settings as Record<string, unknown>)
    ? 'user'
    : 'template';
  const backend = await initBackend(settings.backend);
  // The wizard shows which backend trains (SPEC §5) while training runs.
  ctx.emit?.({ type: 'progress', stage: 'backend', fraction: null, message: backend.backend });
  ctx.emit?.({ type: 'progress', stage: 'train', fraction: 0, message: 'Training …' });
  const trained = await trainAndEvaluate(frame, settings, {
    backend,
    testFrame,
    positiveCandidates: input.template.positiveClassCandidates,
    features: input.features,
    signal: ctx.signal,
    onEpoch: (e) => {
      ctx.emit?.({ type: 'epoch', ...e, maxEpochs: settings.maxEpochs });
      ctx.emit?.({
        type: 'progress',
        stage: 'train',
        fraction: Math.min(1, e.epoch / settings.maxEpochs),
        etaSeconds: null,
      });
    },
    // The template's policy with the user's choice applied (`withThresholdSettings`); approval is
    // the favourable outcome in effect (the user's when they chose one).
    chooseThreshold: (yVal: ArrayLike<number>, pVal: ArrayLike<number>) => ({
      ...chooseThreshold(input.template.threshold, yVal, pVal, input.template.favourableOutcome),
      source: thresholdSource,
    }),
    // Bias mitigation (SPEC §7): Kamiran–Calders weights fitted on the training rows.
    ...(input.reweighing
      ? {
          rowWeights: (rows: readonly number[], y: ArrayLike<number>) =>
            reweighingTrainWeights(
              input.reweighing!.length === 2 ? [input.reweighing![0]!, input.reweighing![1]!] : input.reweighing![0]!,
              frame,
              rows,
              y,
            ),
        }
      : {}),
  });
  if (trained.record.epochs.length === 0) throw new UserError('CANCELLED', {});
  if (backend.reasons.length > 0) {
    // "Cannot find package" is the normal case (the native backends are optional downloads).
    const why = backend.reasons.map((r) =>
      r.replace(/^([\w-]+): .*Cannot find (package|module).*$/s, '$1 not installed'),
    );
    ctx.emit?.({ type: 'log', level: 'info', message: `Faster backends not used: ${why.join('; ')}` });
  }

  const metrics = trained.evaluation.metrics;
  const threshold = metrics.task === 'binary' ? metrics.threshold : 0.5;
  // The record shows the settings as used: the chosen threshold (two classes only: other tasks
  // have none), and the split of a separate test file.
  const used: Record<string, unknown> = {
    ...trained.record.settings,
    threshold,
    split: testFrame ? { train: 0.85, validation: 0.15, test: 0 } : settings.split,
  };
  if (metrics.task !== 'binary') delete used.threshold;
  trained.record.settings = used;
  // How many positive cases the threshold was chosen on, so the report can say when they are few.
  if (metrics.task === 'binary')
    trained.record.validationPositives = trained.validation.y.filter((v) => v === 1).length;
  // Permutation importance on the test rows (SPEC §6), seeded from the run's seed; at most 2000
  // rows × 5 shuffles per column, so it stays a few seconds on large test files.
  ctx.emit?.({ type: 'progress', stage: 'evaluate', fraction: null, message: 'Measuring feature importance …' });
  const membership = membershipAudit(
    trained.model,
    { frame, rows: trained.split.train },
    { frame: testFrame ?? frame, rows: trained.testRows },
    { seed: trained.settings.seed },
  );
  const evaluation = {
    ...trained.evaluation,
    importance: measureImportance(trained.model, testFrame ?? frame, trained.testRows, {
      seed: trained.settings.seed,
    }),
    ...(membership ? { membership } : {}),
  };
  ctx.emit?.({ type: 'progress', stage: 'fairness', fraction: null, message: 'Assessing fairness …' });
  // Regression targets are standardized for training; the fairness metrics are in the target's units.
  const { targetMean = 0, targetStd = 1 } = trained.prep;
  const fairness = fairnessOnTest({
    template: input.template,
    task: metrics.task,
    sensitive: input.sensitive,
    testFrame: testFrame ?? frame,
    testRows: trained.testRows,
    yTest: metrics.task === 'regression' ? trained.test.y.map((v) => v * targetStd + targetMean) : trained.test.y,
    scores: trained.testPredictions,
    threshold,
    classes: trained.prep.classes,
  });
  await saveModel(trained.model, trained.prep, input.modelDir);
  return {
    runId: input.runId,
    modelDir: input.modelDir,
    record: trained.record,
    evaluation,
    prep: trained.prep,
    threshold,
    thresholdPolicy: trained.threshold?.policy ?? 'fixed',
    ...(trained.threshold ? { thresholdChoice: trained.threshold } : {}),
    // Date columns give several inputs (year, month, weekday); list each column once.
    features: [...new Set(trained.prep.features.map((f) => f.column))],
    excluded: input.excluded,
    fairness,
    testRows: trained.testRows,
    testFromTestFrame: Boolean(testFrame),
    yTest: trained.test.y,
    predictions: trained.testPredictions,
    ...(trained.validationPredictions
      ? {
          validationRows: trained.validationRows,
          yValidation: trained.validation.y,
          validationPredictions: trained.validationPredictions,
        }
      : {}),
    model: trained.model,
  };
}
