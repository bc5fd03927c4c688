/**
 * Calls the back end makes to engine host processes (`backend/hosts/engine.host.ts`), over the
 * numbered protocol of `jobs.ts`. A project host owns one project's DuckDB file and answers the
 * `session:*` calls; a training host answers one `train:run` and exits; `job:run` runs any
 * `runJob` request. Payloads are structured-cloneable plain data (typed arrays allowed).
 */
import type { z } from 'zod';
import type { channels, CleanView, MitigationRequest, Preview, ProjectView, Suggestions } from './ipc/contract';
import type { Job } from './jobs';
import type { Cell, ColumnType, ImportOptions, ImportSummary } from './model/data';
import type { FairnessAttributeReport } from './model/fairness';
import type { BinaryMetrics, Evaluation } from './model/metrics';
import type { PrivacyAssessment, PrivacyScan } from './model/privacy';
import type { Locale, ReportModel } from './model/report';
import type { Template } from './model/template';
import type { Preprocessing, ThresholdChoice, TrainingRecord, TrainSettings } from './model/train';

/** A cleaned table as columns, as it travels to a training host. */
export interface FrameData {
  rowCount: number;
  columns: { name: string; type: ColumnType; values: Cell[] }[];
}

/** Everything a training host needs; prepared by the project host from the project. */
export interface TrainingInput {
  runId: string;
  /** Absolute folder the training host writes the model package into. */
  modelDir: string;
  frame: FrameData;
  testFrame: FrameData | null;
  settings: TrainSettings;
  features: string[];
  excluded: { column: string; reason: string }[];
  template: Template;
  sensitive: { column: string; usedAsFeature: boolean; bins: number[] | null }[];
  /**
   * Bias mitigation by reweighing (SPEC §7): train with Kamiran–Calders weights of these columns'
   * groups (one column, or the two of an intersection), fitted on the training split. Absent: unweighted.
   */
  reweighing?: { column: string; usedAsFeature: boolean; bins: number[] | null }[];
}

/** What a training host sends back. */
export interface TrainingOutput {
  runId: string;
  modelDir: string;
  record: TrainingRecord;
  evaluation: Evaluation;
  prep: Preprocessing;
  threshold: number;
  thresholdPolicy: string;
  /** Binary tasks: how the threshold was chosen on validation data; absent otherwise. */
  thresholdChoice?: ThresholdChoice;
  features: string[];
  excluded: { column: string; reason: string }[];
  fairness: FairnessAttributeReport[];
  /** Test rows (indices into the test frame, or into the frame when no test file) in prediction order. */
  testRows: number[];
  /** Whether testRows index the test frame. */
  testFromTestFrame: boolean;
  /** True labels (class index, or value) and predictions (P(positive) / probabilities / values). */
  yTest: Float32Array;
  predictions: Float32Array;
  /** Binary tasks: the validation rows (of the frame), their labels and P(positive), for per-group thresholds. */
  validationRows?: number[];
  yValidation?: Float32Array;
  validationPredictions?: Float32Array;
}

type ChannelRequest<C extends keyof typeof channels> = z.input<(typeof channels)[C]['request']>;

export interface HostCalls {
  'session:create': { request: { dir: string; name: string }; response: ProjectView };
  'session:open': { request: { dir: string }; response: ProjectView };
  'session:get': { request: Record<string, never>; response: ProjectView };
  'session:update': { request: ChannelRequest<'project:update'>; response: ProjectView };
  'session:import': {
    request: { path: string; options?: ImportOptions; copied?: boolean };
    response: { project: ProjectView; summary: ImportSummary; preview: Preview };
  };
  'session:importSample': {
    request: { file: string; templateId: string; target: string; sensitive: string[] };
    response: { project: ProjectView; summary: ImportSummary; preview: Preview };
  };
  'session:close': { request: Record<string, never>; response: { ok: true } };
  'session:preview': { request: ChannelRequest<'data:preview'>; response: Preview };
  'session:clean': { request: Record<string, never>; response: CleanView };
  'session:setRecipe': { request: ChannelRequest<'data:setRecipe'>; response: CleanView };
  'session:addSteps': { request: ChannelRequest<'data:addSteps'>; response: CleanView };
  'session:undo': { request: Record<string, never>; response: CleanView };
  'session:redo': { request: Record<string, never>; response: CleanView };
  'session:suggest': { request: Record<string, never>; response: Suggestions };
  'session:prepareTraining': {
    request: { runId: string; settings?: Record<string, unknown> };
    response: TrainingInput;
  };
  'session:recordTraining': { request: TrainingOutput; response: ProjectView };
  'session:atThreshold': { request: { threshold: number }; response: BinaryMetrics };
  'session:fairness': {
    request: { attributes: string[]; intersections?: string[][] };
    response: FairnessAttributeReport[];
  };
  /** Per-group thresholds (no retraining), answered by the project host itself. */
  'session:mitigate': { request: MitigationRequest; response: ProjectView };
  /** Reweighing: the training input of the retrain (with `reweighing` set), after the refusals. */
  'session:prepareMitigation': { request: { runId: string; request: MitigationRequest }; response: TrainingInput };
  /** Reweighing: compare the retrained model with the one in use and keep it as the candidate. */
  'session:recordMitigation': {
    request: { request: MitigationRequest; output: TrainingOutput };
    response: ProjectView;
  };
  'session:decideMitigation': { request: { use: boolean }; response: ProjectView };
  'session:privacy': { request: Record<string, never>; response: PrivacyScan };
  'session:privacyAssess': { request: ChannelRequest<'privacy:assess'>; response: PrivacyAssessment };
  'session:reportModel': { request: { locale?: Locale }; response: ReportModel };
  'session:exportReport': {
    request: { format: 'pdf' | 'html' | 'json'; path: string; locale?: Locale };
    response: { path: string };
  };
  'train:run': { request: TrainingInput; response: TrainingOutput };
  'job:run': { request: Job; response: unknown };
}
export type HostCall = keyof HostCalls;
