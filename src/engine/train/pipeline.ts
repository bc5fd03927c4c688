/**
 * From a cleaned frame to a trained, evaluated model (SPEC §5–6): task and classes → derived
 * features (crosses, date parts) → split, keeping duplicate rows together → preprocessing fitted on
 * the training rows → augmentation of the training matrix only (SPEC §3) → training with early
 * stopping → test-split metrics and baselines. The pieces are exported separately; this is the one
 * way to run them in order.
 */
import { UserError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import type { Evaluation } from '../../shared/model/metrics';
import type {
  BackendName,
  EpochLog,
  Preprocessing,
  TrainingRecord,
  TrainSettings,
  TrainSettingsResolved,
} from '../../shared/model/train';
import { TrainSettingsSchema } from '../../shared/model/train';
import type { Frame } from '../data/frame';
import { evaluate } from '../metrics/evaluate';
import type { ThresholdChoice } from '../metrics/threshold';
import { augmentTraining } from './augment';
import type { TF } from './backend';
import { initBackend } from './backend';
import { applyDerived, planDerived, withDerivedFeatures } from './features';
import type { TrainedModel } from './model';
import { predictProba, trainModel } from './model';
import type { Matrix } from './preprocess';
import { fitPreprocessing, labeledOnly, transform } from './preprocess';
import type { SplitIndices } from './split';
import { duplicateGroups, stratifiedSplit } from './split';
import { detectTask, resolveClasses, targetLabel, targetNumber } from './task';

/** Fewest labelled rows a training run accepts. */
export const MIN_TRAINING_ROWS = 10;

export interface TrainRunOptions {
  /** A separate test file's frame; the rows of `frame` are then split 85/15 into train/validation. */
  testFrame?: Frame;
  /** Template's labels meaning "positive", tried in order, case-insensitively. */
  positiveCandidates?: string[];
  /** Feature columns; default: every column but the target, `excludeColumns` and identifiers. */
  features?: string[];
  signal?: AbortSignal;
  onEpoch?: (e: EpochLog) => void;
  /** Already initialised backend; `initBackend(settings.backend)` otherwise. */
  backend?: { tf: TF; backend: BackendName };
  /**
   * Per-row training weights (e.g. reweighing): one per row of `frame`, of which the training rows'
   * ones are used; or a function of the training rows (indices of `frame`, in training order) and
   * their class indices giving one weight per training row, for weights fitted on the training
   * split only. Absent: unweighted, exactly as before.
   */
  rowWeights?: Float32Array | ((trainRows: readonly number[], yTrain: ArrayLike<number>) => ArrayLike<number>);
  /** Bootstrap resamples of the test metrics (default 200; 0 = none). */
  bootstrapIterations?: number;
  /**
   * Binary tasks: picks the decision threshold from the VALIDATION labels (1 = positive) and
   * P(positive) after training (e.g. a template's policy); `settings.threshold` otherwise.
   */
  chooseThreshold?: (yValidation: ArrayLike<number>, pValidation: ArrayLike<number>) => ThresholdChoice;
}

export interface TrainRunResult {
  model: TrainedModel;
  prep: Preprocessing;
  record: TrainingRecord;
  evaluation: Evaluation;
  /** The settings as trained (a `class_weights` augmentation step turns on `classWeights`). */
  settings: TrainSettingsResolved;
  /** Row indices of `frame` per split (test empty when a test frame was given). */
  split: SplitIndices;
  /** Rows of the test frame (or of `frame`) that were evaluated, in `testPredictions` order. */
  testRows: number[];
  test: Matrix;
  /** The training matrix as trained: the original training rows (in `split.train` order), then augmented ones. */
  train: Matrix;
  /** Per row of `train`: the row of `frame` it is, or was made from (SMOTE: its base row). */
  trainSource: Int32Array;
  /** The validation matrix (labelled validation rows, never augmented). */
  validation: Matrix;
  /** Rows of `frame` in `validation` order. */
  validationRows: number[];
  /** Binary tasks: P(positive) per validation row (per-group thresholds are chosen on them); else null. */
  validationPredictions: Float32Array | null;
  testPredictions: Float32Array;
  /** The threshold `chooseThreshold` picked on validation data; null when it was not used. */
  threshold: ThresholdChoice | null;
  /** Why better backends were skipped. */
  backendReasons: string[];
}

/** Default feature columns: all but the target, excluded columns and identifiers; included ones forced back in. */
export function defaultFeatures(
  frame: Frame,
  settings: Pick<TrainSettingsResolved, 'target' | 'excludeColumns' | 'includeColumns'>,
): string[] {
  const excluded = new Set(settings.excludeColumns);
  const included = new Set(settings.includeColumns);
  return frame.columns
    .filter(
      (c) => c.name !== settings.target && c.type !== 'identifier' && (!excluded.has(c.name) || included.has(c.name)),
    )
    .map((c) => c.name);
}

function columnOrThrow(frame: Frame, name: string) {
  const col = frame.columns.find((c) => c.name === name);
  if (!col)
    throw new UserError('COLUMN_NOT_FOUND', { column: name, columns: frame.columns.map((c) => c.name).join(', ') });
  return col;
}

/**
 * Train and evaluate a model on `frame` with `settings` (template defaults already merged in).
 * `settings.augmentation` runs in two places: `cross` / `date_parts` become derived feature columns
 * of every split (recorded in `prep.derived`), the class rebalancing and noise steps grow the
 * training matrix only (`augment.ts`); both log to `record.augmentationLog` / `augmentationMessages`.
 * @throws UserError COLUMN_NOT_FOUND, TARGET_SINGLE_CLASS, TARGET_ALL_MISSING, TARGET_NOT_NUMERIC,
 *   SETTING_INVALID (before anything is fitted; also an augmentation step that does not fit the
 *   data), TOO_FEW_ROWS {count, minimum}, NO_FEATURES.
 */
export async function trainAndEvaluate(
  frame: Frame,
  settingsInput: TrainSettings,
  opts: TrainRunOptions = {},
): Promise<TrainRunResult> {
  const settings = TrainSettingsSchema.parse(settingsInput);
  const target = columnOrThrow(frame, settings.target);
  const task = settings.task ?? detectTask(target);
  const { classes } = resolveClasses(target, task, opts.positiveCandidates ?? [], settings.positiveClass);

  const labels: (string | null)[] | (number | null)[] =
    task === 'regression' ? target.values.map(targetNumber) : target.values.map(targetLabel);
  const labelled = labels.filter((l) => l !== null).length;
  if (labelled < MIN_TRAINING_ROWS)
    throw new UserError('TOO_FEW_ROWS', { count: labelled, minimum: MIN_TRAINING_ROWS });
  const fractions = opts.testFrame ? { train: 0.85, validation: 0.15, test: 0 } : settings.split;
  const features = opts.features ?? defaultFeatures(frame, settings);
  const { derived, messages: derivedMessages } = planDerived(frame, settings.augmentation, features);
  // Exact duplicates (same features and label) in two splits would score memorised rows as unseen.
  // Identifiers are never features, so rows differing only in an ID are duplicates too.
  const types = new Map(frame.columns.map((c) => [c.name, c.type]));
  const groups = duplicateGroups(frame, [
    ...features.filter((f) => f !== settings.target && types.get(f) !== 'identifier'),
    settings.target,
  ]);
  const split = stratifiedSplit(labels, fractions, settings.seed, groups);

  const prep = fitPreprocessing(
    applyDerived(frame, derived),
    split.train,
    withDerivedFeatures(features, derived),
    settings.target,
    task,
    classes,
    { topK: settings.topK },
  );
  if (derived.length) prep.derived = derived;
  // Training rows with a class unseen in training cannot occur; validation/test rows of such a class are dropped.
  const original = transform(frame, split.train, prep);
  // After the split and the fit: augmented rows never reach validation, test or the fitted statistics.
  const augmented = augmentTraining(original, prep, settings.augmentation, settings.seed);
  const train = augmented.matrix;
  const trainSource = Int32Array.from(augmented.parent, (i) => split.train[i]!);
  const messages = [...derivedMessages, ...augmented.messages];
  const validationAll = labeledOnly(transform(frame, split.validation, prep));
  const validation = validationAll.matrix;
  const validationRows = validationAll.kept.map((i) => split.validation[i]!);
  const testSource = opts.testFrame ?? frame;
  if (opts.testFrame) columnOrThrow(opts.testFrame, settings.target);
  const testCandidates = opts.testFrame ? Array.from({ length: opts.testFrame.rowCount }, (_, i) => i) : split.test;
  const testAll = labeledOnly(transform(testSource, testCandidates, prep));
  const test = testAll.matrix;
  const testRows = testAll.kept.map((i) => testCandidates[i]!);
  if (original.rows === 0 || test.rows === 0)
    throw new UserError('TOO_FEW_ROWS', { count: labelled, minimum: MIN_TRAINING_ROWS });

  const backend = opts.backend ? { ...opts.backend, reasons: [] as string[] } : await initBackend(settings.backend);
  const trainSettings = augmented.classWeights ? { ...settings, classWeights: true } : settings;
  const rowWeights =
    typeof opts.rowWeights === 'function'
      ? spreadToRows(frame.rowCount, split.train, opts.rowWeights(split.train, original.y))
      : opts.rowWeights;
  const { model, record } = await trainModel({ train, validation }, prep, trainSettings, {
    tf: backend.tf,
    backend: backend.backend,
    signal: opts.signal,
    onEpoch: opts.onEpoch,
    sampleWeights: rowWeights ? Float32Array.from(trainSource, (r) => rowWeights[r]!) : undefined,
  });
  record.testRows = test.rows;
  record.augmentationLog = messages.map((m) => translate('en', m.key, m.params));
  if (messages.length) record.augmentationMessages = messages;
  const testPredictions = predictProba(model, test.x, test.rows);
  let threshold: ThresholdChoice | null = null;
  const validationPredictions =
    task === 'binary' && validation.rows > 0 ? predictProba(model, validation.x, validation.rows) : null;
  if (task === 'binary' && opts.chooseThreshold && validationPredictions) {
    threshold = opts.chooseThreshold(validation.y, validationPredictions);
  }
  const evaluation = await evaluate({
    prep,
    test,
    predictions: testPredictions,
    // Baselines learn from the original training rows: a majority class of oversampled data is a coin toss.
    train: original,
    threshold: threshold?.threshold ?? settings.threshold,
    validation,
    chooseThreshold: opts.chooseThreshold ? (y, p) => opts.chooseThreshold!(y, p).threshold : undefined,
    seed: settings.seed,
    bootstrapIterations: opts.bootstrapIterations,
  });
  return {
    model,
    prep,
    record,
    evaluation,
    settings: trainSettings,
    split,
    testRows,
    test,
    train,
    trainSource,
    validation,
    validationRows,
    validationPredictions,
    testPredictions,
    threshold,
    backendReasons: backend.reasons,
  };
}

/** Weights given for `rows` (in order) as one weight per row of a `rowCount`-row frame (others 1). */
function spreadToRows(rowCount: number, rows: readonly number[], weights: ArrayLike<number>): Float32Array {
  if (weights.length !== rows.length) throw new Error(`rowWeights: ${weights.length} weights for ${rows.length} rows`);
  const out = new Float32Array(rowCount).fill(1);
  rows.forEach((r, i) => (out[r] = weights[i]!));
  return out;
}
