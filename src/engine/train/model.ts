/**
 * The dense network of SPEC §5 and its training loop, in TensorFlow.js Layers.
 *
 * Network: [Dense(h, activation) → Dropout(p)] per hidden layer → Dense(outputs) logits →
 * sigmoid (binary, 1 unit = P(positive)) / softmax (multiclass) / identity (regression, on the
 * standardised target). Losses: binary and categorical cross-entropy computed from the logits (the
 * numerically stable forms), mean squared error; L2 weight decay adds `l2·Σ W²` over the kernels
 * (the Keras `l2` regulariser), biases excluded.
 *
 * The loop is our own rather than `model.fit`, for four reasons: `fit` refuses sample weights in
 * tfjs 4.22 ("sample weight is not supported yet"), its shuffle is not seeded, a seeded
 * `tf.layers.dropout` draws the SAME mask for every batch (the seed is passed unchanged to
 * `randomUniform`), and batches sliced from one big tensor are ~5× slower on the WASM backend than
 * batches built in JS. So every epoch is shuffled with our seeded generator, every batch gets a fresh
 * dropout seed from it, batches are gathered in JS, and the weights start from seeded Glorot-uniform
 * initialisers: the same data, settings and seed on the same backend give the same model.
 *
 * Early stopping watches the validation loss (cross-entropy or MSE, without the L2 term) and
 * restores the best epoch's weights at the end, as Keras `EarlyStopping(restore_best_weights=True)`
 * — which `tf.callbacks.earlyStopping` lacks. The abort signal is checked after every batch; a
 * cancelled run keeps the best weights so far and says so in its record.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import writeFileAtomic from 'write-file-atomic';
import type { io, LayersModel, Scalar, Sequential, Tensor, Variable } from '@tensorflow/tfjs';
import { UserError } from '../../shared/errors';
import type {
  BackendName,
  EpochLog,
  Preprocessing,
  TrainingRecord,
  TrainSettingsResolved,
} from '../../shared/model/train';
import type { ColumnInfo } from '../../shared/model/data';
import { PreprocessingSchema } from '../../shared/model/train';
import { createRng, shuffleInPlace } from '../rng';
import type { Rng } from '../rng';
import type { TF } from './backend';
import { initBackend } from './backend';
import type { Matrix } from './preprocess';

/** A trained network with the preprocessing it expects. */
export interface TrainedModel {
  net: LayersModel;
  prep: Preprocessing;
  tf: TF;
  backend: BackendName;
}

export interface TrainContext {
  tf: TF;
  backend: BackendName;
  signal?: AbortSignal;
  onEpoch?: (e: EpochLog) => void;
  /** One weight per training row (e.g. reweighing for fairness); multiplied with class weights. */
  sampleWeights?: Float32Array;
}

/** Rows per forward pass when predicting, to bound memory. */
const PREDICT_CHUNK = 4096;
const SEED_RANGE = 2 ** 31 - 1;

/** Number of network outputs for a task: 1 (binary, regression) or the number of classes. */
export function outputUnits(prep: Preprocessing): number {
  return prep.task === 'multiclass' ? prep.classes.length : 1;
}

/** Build the (untrained) network with seeded initialisers drawn from `rng`. */
export function buildNetwork(tf: TF, prep: Preprocessing, settings: TrainSettingsResolved, rng: Rng): Sequential {
  const net = tf.sequential();
  const inputWidth = prep.inputNames.length;
  settings.hiddenLayers.forEach((units, i) => {
    net.add(
      tf.layers.dense({
        units,
        activation: settings.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: rng.int(SEED_RANGE) }),
        biasInitializer: 'zeros',
        name: `hidden_${i + 1}`,
        ...(i === 0 ? { inputShape: [inputWidth] } : {}),
      }),
    );
    if (settings.dropout > 0) net.add(tf.layers.dropout({ rate: settings.dropout, name: `dropout_${i + 1}` }));
  });
  net.add(
    tf.layers.dense({
      units: outputUnits(prep),
      activation: 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: rng.int(SEED_RANGE) }),
      biasInitializer: 'zeros',
      name: 'logits',
    }),
  );
  if (prep.task !== 'regression') {
    net.add(tf.layers.activation({ activation: prep.task === 'binary' ? 'sigmoid' : 'softmax', name: 'probability' }));
  }
  return net;
}

/** Human-readable layer list for the report, e.g. `Dense(128, relu)`. */
export function describeArchitecture(prep: Preprocessing, settings: TrainSettingsResolved): string[] {
  const out = [`Input(${prep.inputNames.length})`];
  for (const units of settings.hiddenLayers) {
    out.push(`Dense(${units}, ${settings.activation}${settings.l2 > 0 ? `, L2 ${settings.l2}` : ''})`);
    if (settings.dropout > 0) out.push(`Dropout(${settings.dropout})`);
  }
  const head = prep.task === 'binary' ? 'sigmoid' : prep.task === 'multiclass' ? 'softmax' : 'linear';
  out.push(`Dense(${outputUnits(prep)}, ${head}${settings.l2 > 0 ? `, L2 ${settings.l2}` : ''})`);
  return out;
}

function makeOptimizer(tf: TF, settings: TrainSettingsResolved) {
  switch (settings.optimizer) {
    case 'adadelta':
      return tf.train.adadelta(settings.learningRate);
    case 'sgd':
      return tf.train.momentum(settings.learningRate, settings.momentum);
    case 'rmsprop':
      return tf.train.rmsprop(settings.learningRate);
    default:
      return tf.train.adam(settings.learningRate);
  }
}

/**
 * Balanced class weights n / (K·n_c) (scikit-learn `compute_class_weight('balanced')`), for class
 * indices in `y`; a class absent from `y` gets weight 0.
 */
export function balancedClassWeights(y: ArrayLike<number>, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]!]!++;
  return counts.map((c) => (c > 0 ? y.length / (k * c) : 0));
}

/** Logits of the network, walking its layers; dropout only when `dropoutSeeds` is given (training). */
function forwardLogits(tf: TF, net: LayersModel, x: Tensor, dropoutSeeds?: number[]): Tensor {
  let h = x;
  let d = 0;
  for (const layer of net.layers) {
    if (layer.name === 'probability') break;
    if (layer.getClassName() === 'Dropout') {
      if (dropoutSeeds) h = tf.dropout(h, (layer.getConfig() as { rate: number }).rate, undefined, dropoutSeeds[d++]);
      continue;
    }
    h = layer.apply(h) as Tensor;
  }
  return h;
}

/** Per-row data loss (rows) and per-row "metric" (correct 0/1, or absolute error) from logits. */
function lossAndMetric(
  tf: TF,
  task: Preprocessing['task'],
  k: number,
  z: Tensor,
  y: Tensor,
): { loss: Tensor; metric: Tensor } {
  if (task === 'binary') {
    const zf = z.reshape([-1]);
    // Stable sigmoid cross-entropy: max(z, 0) − z·y + log(1 + e^−|z|).
    const loss = tf.add(tf.sub(tf.relu(zf), tf.mul(zf, y)), tf.log1p(tf.exp(tf.neg(tf.abs(zf)))));
    const metric = tf.equal(tf.greaterEqual(zf, 0).toFloat(), y).toFloat();
    return { loss, metric };
  }
  if (task === 'multiclass') {
    const yi = y.toInt();
    const loss = tf.neg(tf.sum(tf.mul(tf.oneHot(yi, k).toFloat(), tf.logSoftmax(z)), 1));
    const metric = tf.equal(tf.argMax(z, 1), yi).toFloat();
    return { loss, metric };
  }
  const diff = tf.sub(z.reshape([-1]), y);
  return { loss: tf.square(diff), metric: tf.abs(diff) };
}

/** Sum of the data loss and metric over a matrix, in eval mode (no dropout). */
function evaluateSums(tf: TF, net: LayersModel, prep: Preprocessing, data: Matrix): { loss: number; metric: number } {
  let loss = 0;
  let metric = 0;
  const k = outputUnits(prep);
  for (let start = 0; start < data.rows; start += PREDICT_CHUNK) {
    const n = Math.min(PREDICT_CHUNK, data.rows - start);
    const [l, m] = tf.tidy(() => {
      const x = tf.tensor2d(data.x.subarray(start * data.cols, (start + n) * data.cols), [n, data.cols]);
      const y = tf.tensor1d(data.y.subarray(start, start + n));
      const r = lossAndMetric(tf, prep.task, k, forwardLogits(tf, net, x), y);
      return [tf.sum(r.loss), tf.sum(r.metric)];
    });
    loss += l!.dataSync()[0]!;
    metric += m!.dataSync()[0]!;
    l!.dispose();
    m!.dispose();
  }
  return { loss, metric };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Train the network on `data.train`, early-stopping on `data.validation` (on the training loss when
 * the validation split is empty). Matrices come from `transform` (targets: class index or
 * standardised value; rows with NaN targets must be removed first).
 * @throws UserError TOO_FEW_ROWS {count, minimum} when there are no training rows.
 */
export async function trainModel(
  data: { train: Matrix; validation: Matrix },
  prep: Preprocessing,
  settings: TrainSettingsResolved,
  ctx: TrainContext,
): Promise<{ model: TrainedModel; record: TrainingRecord }> {
  const { tf } = ctx;
  const { train, validation } = data;
  if (train.rows === 0) throw new UserError('TOO_FEW_ROWS', { count: 0, minimum: 1 });
  const started = performance.now();
  const rng = createRng(settings.seed);
  const net = buildNetwork(tf, prep, settings, rng);
  const optimizer = makeOptimizer(tf, settings);
  const k = outputUnits(prep);
  const dropoutLayers = net.layers.filter((l) => l.getClassName() === 'Dropout').length;
  const scaleMetric = prep.task === 'regression' ? (prep.targetStd ?? 1) : 1;

  // Per-row training weights: balanced class weights × given sample weights.
  let weights: Float32Array | null = null;
  if ((settings.classWeights && prep.task !== 'regression') || ctx.sampleWeights) {
    weights = new Float32Array(train.rows).fill(1);
    if (settings.classWeights && prep.task !== 'regression') {
      const cw = balancedClassWeights(train.y, prep.classes.length);
      for (let i = 0; i < train.rows; i++) weights[i] = cw[train.y[i]!]!;
    }
    if (ctx.sampleWeights) for (let i = 0; i < train.rows; i++) weights[i]! *= ctx.sampleWeights[i]!;
  }

  const variables = net.trainableWeights.map((w) => w.read() as unknown as Variable);
  // `name` gets a uniqueness suffix (`kernel_3`) when several models exist; `originalName` does not.
  const kernels = net.trainableWeights.filter((w) => /\/kernel$/.test(w.originalName)).map((w) => w.read());
  const order = Int32Array.from({ length: train.rows }, (_, i) => i);
  const batchSize = Math.max(1, Math.min(settings.batchSize, train.rows));
  const xb = new Float32Array(batchSize * train.cols);
  const yb = new Float32Array(batchSize);
  const wb = new Float32Array(batchSize);

  const epochs: EpochLog[] = [];
  let best: { epoch: number; loss: number; weights: Tensor[] } | null = null;
  let wait = 0;
  let stoppedEarly = false;
  let cancelled = false;

  for (let epoch = 1; epoch <= settings.maxEpochs && !cancelled; epoch++) {
    const epochStart = performance.now();
    shuffleInPlace(order, rng);
    const lossSums: Scalar[] = [];
    const metricSums: Scalar[] = [];
    for (let start = 0; start < train.rows; start += batchSize) {
      const n = Math.min(batchSize, train.rows - start);
      for (let b = 0; b < n; b++) {
        const r = order[start + b]!;
        xb.set(train.x.subarray(r * train.cols, (r + 1) * train.cols), b * train.cols);
        yb[b] = train.y[r]!;
        if (weights) wb[b] = weights[r]!;
      }
      const seeds = Array.from({ length: dropoutLayers }, () => rng.int(SEED_RANGE));
      tf.tidy(() => {
        const x = tf.tensor2d(xb.subarray(0, n * train.cols), [n, train.cols]);
        const y = tf.tensor1d(yb.subarray(0, n));
        const w = weights ? tf.tensor1d(wb.subarray(0, n)) : null;
        optimizer.minimize(
          () => {
            const r = lossAndMetric(tf, prep.task, k, forwardLogits(tf, net, x, seeds), y);
            const weighted = w ? tf.mul(r.loss, w) : r.loss;
            lossSums.push(tf.keep(tf.sum(weighted)));
            metricSums.push(tf.keep(tf.sum(r.metric)));
            let total = tf.mean(weighted) as Scalar;
            if (settings.l2 > 0)
              for (const kernel of kernels) total = tf.add(total, tf.mul(settings.l2, tf.sum(tf.square(kernel))));
            return total;
          },
          false,
          variables,
        );
      });
      if (ctx.signal?.aborted) {
        cancelled = true;
        break;
      }
      await yieldToEventLoop();
      if (ctx.signal?.aborted) {
        cancelled = true;
        break;
      }
    }
    const sum = (ts: Scalar[]) => {
      if (ts.length === 0) return 0;
      const s = tf.tidy(() => tf.addN(ts).dataSync()[0]!);
      ts.forEach((t) => t.dispose());
      return s;
    };
    const trainLoss = sum(lossSums) / train.rows;
    const trainMetric = sum(metricSums) / train.rows;
    if (cancelled) break;

    const val = validation.rows > 0 ? evaluateSums(tf, net, prep, validation) : null;
    const valLoss = val ? val.loss / validation.rows : trainLoss;
    const log: EpochLog = {
      epoch,
      loss: trainLoss,
      valLoss,
      metric: trainMetric * scaleMetric,
      valMetric: val ? (val.metric / validation.rows) * scaleMetric : null,
      seconds: (performance.now() - epochStart) / 1000,
    };
    epochs.push(log);
    ctx.onEpoch?.(log);

    if (!Number.isFinite(valLoss) || !Number.isFinite(trainLoss)) {
      // Diverged (e.g. too high a learning rate): stop and keep the best epoch so far.
      stoppedEarly = true;
      break;
    }
    if (!best || valLoss < best.loss) {
      best?.weights.forEach((t) => t.dispose());
      best = { epoch, loss: valLoss, weights: net.getWeights().map((t) => t.clone()) };
      wait = 0;
    } else if (++wait >= settings.patience) {
      stoppedEarly = epoch < settings.maxEpochs;
      break;
    }
  }
  if (best) {
    net.setWeights(best.weights);
    best.weights.forEach((t) => t.dispose());
  }
  optimizer.dispose();

  const record: TrainingRecord = {
    backend: ctx.backend,
    task: prep.task,
    epochs,
    bestEpoch: best?.epoch ?? 0,
    stoppedEarly,
    cancelled,
    seconds: (performance.now() - started) / 1000,
    parameterCount: net.countParams(),
    trainRows: train.rows,
    validationRows: validation.rows,
    testRows: 0,
    inputWidth: train.cols,
    settings: { ...settings } as Record<string, unknown>,
    architecture: describeArchitecture(prep, settings),
    augmentationLog: [],
  };
  return { model: { net, prep, tf, backend: ctx.backend }, record };
}

/**
 * Predictions for `rows` rows of a preprocessed matrix `x` (rows × inputs). Binary: P(positive) per
 * row; multiclass: rows × K softmax probabilities in `prep.classes` order; regression: the predicted
 * value in the target's units.
 */
export function predictProba(model: TrainedModel, x: Float32Array, rows: number): Float32Array {
  const { tf, net, prep } = model;
  const cols = prep.inputNames.length;
  const k = outputUnits(prep);
  const out = new Float32Array(rows * k);
  for (let start = 0; start < rows; start += PREDICT_CHUNK) {
    const n = Math.min(PREDICT_CHUNK, rows - start);
    const values = tf.tidy(() =>
      (net.predict(tf.tensor2d(x.subarray(start * cols, (start + n) * cols), [n, cols])) as Tensor).dataSync(),
    );
    out.set(values, start * k);
  }
  if (prep.task === 'regression') {
    const mean = prep.targetMean ?? 0;
    const std = prep.targetStd ?? 1;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! * std + mean;
  }
  return out;
}

/**
 * Write a model package's `recipe.json` (atomically): the cleaning steps with the values they
 * resolved on the training data, the import options, the columns and the decision threshold, which
 * scoring new data reuses. Columns go without their sample values: a package is shared, and the
 * samples of a name or birth-date column are personal data (SPEC §8) the model does not need.
 */
export async function writePackageRecipe(
  dir: string,
  recipe: {
    steps: unknown[];
    applied: unknown[];
    importOptions: unknown;
    columns: ColumnInfo[];
    threshold: number | null;
  },
): Promise<void> {
  const columns = recipe.columns.map((c) => ({ ...c, sample: [] }));
  await writeFileAtomic(path.join(dir, 'recipe.json'), JSON.stringify({ ...recipe, columns }));
}

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';
const PREPROCESSING_JSON = 'preprocessing.json';
const RECIPE_JSON = 'recipe.json';

/**
 * The files of a model package (SPEC §9): the TensorFlow.js Layers model (`model.json` +
 * `weights.bin`), its preprocessing (`preprocessing.json`, from {@link saveModel}) and the cleaning
 * recipe with its resolved values (`recipe.json`, written beside it by the run or the project).
 */
export const MODEL_PACKAGE_FILES = [MODEL_JSON, WEIGHTS_BIN, PREPROCESSING_JSON, RECIPE_JSON] as const;
export type ModelPackageFile = (typeof MODEL_PACKAGE_FILES)[number];
/** The files {@link loadModel} reads: the network and its preprocessing. */
const NETWORK_FILES = [MODEL_JSON, WEIGHTS_BIN, PREPROCESSING_JSON] as const;

/** A model package read into memory, from its folder or its `.zip`. */
export interface ModelPackage {
  /** The folder or zip file it was read from (for messages). */
  source: string;
  files: Partial<Record<ModelPackageFile, Uint8Array>>;
}

/** Largest file a package zip may expand to, in bytes (a guard against zip bombs). */
const MAX_PACKAGE_FILE_BYTES = 1024 ** 3;

/** Whether `p` names a zip file (by its extension), which `run --model` then writes. */
export function isZipPath(p: string): boolean {
  return /\.zip$/i.test(p);
}

/** The error for a folder or zip that is not a usable model package. */
function packageInvalid(source: string, reason: string): UserError {
  return new UserError('PROJECT_INVALID', { path: source, reason }, 'errors.MODEL_PACKAGE_INVALID');
}

/**
 * Read the package files `names` from `source`: a package folder, or a `.zip` holding the files at
 * its root (or inside one top-level folder, as a re-zipped folder has them), expanded in memory.
 * @throws UserError PROJECT_INVALID (message `errors.MODEL_PACKAGE_INVALID`) naming `source` when
 *   it does not exist, is not a zip, or lacks one of the files.
 */
export async function readModelPackage(
  source: string,
  names: readonly ModelPackageFile[] = MODEL_PACKAGE_FILES,
): Promise<ModelPackage> {
  const info = await stat(source).catch(() => null);
  if (!info) throw new UserError('FILE_NOT_FOUND', { file: source });
  const files: ModelPackage['files'] = {};
  if (info.isDirectory()) {
    for (const name of names) {
      try {
        files[name] = await readFile(path.join(source, name));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw packageInvalid(source, code === 'ENOENT' ? `${name} is missing` : (err as Error).message);
      }
    }
    return { source, files };
  }
  const bytes = await readFile(source);
  // Local file header or (empty archive) end of central directory: "PK\3\4" / "PK\5\6".
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || ![3, 5].includes(bytes[2]!))
    throw packageInvalid(source, 'not a zip file');
  const wanted = new Set<string>(names);
  const entryName = (full: string) => full.split('/').pop() ?? full;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(entryName(f.name)) || f.name.split('/').length > 2) return false;
        if (f.originalSize > MAX_PACKAGE_FILE_BYTES) throw new Error(`${f.name} is too large`);
        return true;
      },
    });
  } catch (err) {
    throw packageInvalid(source, (err as Error).message);
  }
  // The files at the root, else the ones inside the single folder that holds model.json.
  const roots = [...new Set(Object.keys(entries).map((n) => n.slice(0, n.length - entryName(n).length)))];
  const root = roots.includes('') ? '' : roots.length === 1 ? roots[0]! : null;
  if (root === null) throw packageInvalid(source, 'the package files are in more than one folder');
  for (const name of names) {
    const data = entries[root + name];
    if (!data) throw packageInvalid(source, `${name} is missing`);
    files[name] = data;
  }
  return { source, files };
}

/**
 * Zip the package folder `dir` into `zipFile` (written atomically, its folder created), the four
 * files of {@link MODEL_PACKAGE_FILES} at the root with their modification times, so the same
 * package gives the same bytes. `score --model` and the app read it back with {@link readModelPackage}.
 * @throws UserError PROJECT_INVALID (message `errors.MODEL_PACKAGE_INVALID`) when a file is missing.
 */
export async function zipModelPackage(dir: string, zipFile: string): Promise<void> {
  const pkg = await readModelPackage(dir);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of MODEL_PACKAGE_FILES) {
    const { mtime } = await stat(path.join(dir, name));
    entries[name] = [pkg.files[name]!, { mtime }];
  }
  await mkdir(path.dirname(path.resolve(zipFile)), { recursive: true });
  const zipped = zipSync(entries, { level: 6 });
  await writeFileAtomic(zipFile, Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength));
}

/** The text of package file `name` as JSON. @throws UserError naming the package when malformed. */
export function packageJson(pkg: ModelPackage, name: ModelPackageFile): unknown {
  const data = pkg.files[name];
  if (!data) throw packageInvalid(pkg.source, `${name} is missing`);
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch (err) {
    throw packageInvalid(pkg.source, `${name}: ${(err as Error).message}`);
  }
}

/**
 * Write the model package to `dir` (created if needed): `model.json` + `weights.bin` in the
 * TensorFlow.js Layers format (loadable with `tf.loadLayersModel('file://…/model.json')` too) and
 * `preprocessing.json`.
 */
export async function saveModel(model: TrainedModel, prep: Preprocessing, dir: string): Promise<void> {
  const { tf, net } = model;
  await mkdir(dir, { recursive: true });
  let artifacts: io.ModelArtifacts | null = null;
  await net.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const a = artifacts as io.ModelArtifacts | null;
  if (!a || !a.weightData) throw new Error('TensorFlow.js returned no model artifacts');
  const weightData = tf.io.CompositeArrayBuffer.join(a.weightData);
  const modelJson = {
    format: 'layers-model',
    generatedBy: a.generatedBy,
    convertedBy: null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: a.weightSpecs }],
  };
  await writeFile(path.join(dir, WEIGHTS_BIN), new Uint8Array(weightData));
  await writeFile(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
  await writeFile(path.join(dir, PREPROCESSING_JSON), JSON.stringify(prep, null, 2));
}

/**
 * Read the network of a model package: from its folder or `.zip` (see {@link readModelPackage}), or
 * from a package already read. Starts the best backend unless `backend` is given.
 * @throws UserError PROJECT_INVALID (message `errors.MODEL_PACKAGE_INVALID`) naming the package
 *   when the files are missing or malformed.
 */
export async function loadModel(
  source: string | ModelPackage,
  backend?: { tf: TF; backend: BackendName },
): Promise<{ model: TrainedModel; prep: Preprocessing }> {
  const pkg = typeof source === 'string' ? await readModelPackage(source, NETWORK_FILES) : source;
  const modelJson = packageJson(pkg, MODEL_JSON) as {
    modelTopology?: object;
    weightsManifest?: { weights: io.WeightsManifestEntry[] }[];
  };
  if (!modelJson || typeof modelJson.modelTopology !== 'object' || !Array.isArray(modelJson.weightsManifest))
    throw packageInvalid(pkg.source, `${MODEL_JSON} is not a TensorFlow.js Layers model`);
  const parsedPrep = PreprocessingSchema.safeParse(packageJson(pkg, PREPROCESSING_JSON));
  if (!parsedPrep.success) {
    const issue = parsedPrep.error.issues[0];
    throw packageInvalid(pkg.source, `${PREPROCESSING_JSON}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
  }
  const prep = parsedPrep.data;
  const weights = pkg.files[WEIGHTS_BIN];
  if (!weights) throw packageInvalid(pkg.source, `${WEIGHTS_BIN} is missing`);
  const { tf, backend: name } = backend ?? (await initBackend());
  const weightSpecs = modelJson.weightsManifest.flatMap((g) => g.weights);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  let net: LayersModel;
  try {
    net = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }),
    );
  } catch (err) {
    throw packageInvalid(pkg.source, (err as Error).message);
  }
  if (net.inputs[0]?.shape[1] !== prep.inputNames.length)
    throw packageInvalid(pkg.source, `${MODEL_JSON} does not match ${PREPROCESSING_JSON}`);
  return { model: { net, prep, tf, backend: name }, prep };
}
