/**
 * The wizard's steps (SPEC §1) as data: each declares its title and one-line explanation (i18n
 * keys), when it can be entered (read from the project only, so reopening a project restores
 * exactly where the user was) and when it counts as done — its work is in the project and, for the
 * review steps whose work the back end does on its own (fairness and privacy are assessed while
 * training), the user has looked at it. The components live in `Wizard.svelte`.
 */
import { WizardStepSchema, type Project, type WizardStep } from '../../../shared/model/project';

export interface StepDef {
  id: WizardStep;
  /** i18n key of the title, e.g. `wizard.step.import.title`. */
  title: string;
  /** i18n key of the one- or two-sentence explanation shown under the title. */
  intro: string;
  /** Whether the step has what it needs (a project, data, a target, a model). */
  canEnter(project: Project | null): boolean;
  /**
   * Whether the step's work is finished (marks it in the step list). `visited`: the steps the user
   * has been on since their work was last redone (see `WizardState.visited`).
   */
  isDone(project: Project | null, visited: ReadonlySet<WizardStep>): boolean;
}

/** The steps in wizard order: the order of `WizardStepSchema`. */
export const STEP_ORDER: readonly WizardStep[] = WizardStepSchema.options;

/** Position of `step` in the wizard (0 = welcome). */
export function stepIndex(step: WizardStep): number {
  return STEP_ORDER.indexOf(step);
}

const hasData = (p: Project | null): p is Project => p !== null && p.data !== null;
const hasTarget = (p: Project | null): p is Project => hasData(p) && p.target !== null;
const hasModel = (p: Project | null): p is Project => hasTarget(p) && p.model !== null;

function def(id: WizardStep, canEnter: StepDef['canEnter'], isDone: StepDef['isDone']): StepDef {
  return { id, title: `wizard.step.${id}.title`, intro: `wizard.step.${id}.intro`, canEnter, isDone };
}

export const STEPS: readonly StepDef[] = [
  def(
    'welcome',
    () => true,
    (p) => p !== null,
  ),
  def(
    'import',
    (p) => p !== null,
    (p) => hasData(p),
  ),
  // A target proposed at import (or by a sample) is done only once the user has looked at it.
  def(
    'target',
    (p) => hasData(p),
    (p, seen) => hasTarget(p) && (p.model !== null || seen.has('target')),
  ),
  def(
    'clean',
    (p) => hasTarget(p),
    (p, seen) => hasTarget(p) && (p.recipe.steps.length > 0 || p.model !== null || seen.has('clean')),
  ),
  def(
    'train',
    (p) => hasTarget(p),
    (p) => hasModel(p),
  ),
  def(
    'results',
    (p) => hasModel(p),
    (p, seen) => hasModel(p) && seen.has('results'),
  ),
  def(
    'fairness',
    (p) => hasModel(p),
    (p, seen) => hasModel(p) && p.fairness.length > 0 && seen.has('fairness'),
  ),
  def(
    'privacy',
    (p) => hasData(p),
    (p, seen) => hasData(p) && p.privacy !== null && seen.has('privacy'),
  ),
  def(
    'export',
    (p) => hasModel(p),
    (p) => hasModel(p) && p.exports.length > 0,
  ),
];

/** The definition of `id`. */
export function stepDef(id: WizardStep): StepDef {
  return STEPS[stepIndex(id)]!;
}

/**
 * The step after `from` when it can be entered, else null: Next never skips a step whose work is
 * missing (no target → no Clean), it waits for it.
 */
export function nextStep(from: WizardStep, project: Project | null): WizardStep | null {
  const next = STEPS[stepIndex(from) + 1];
  return next && next.canEnter(project) ? next.id : null;
}

/** The closest earlier step that can be entered, or null on the welcome step. */
export function previousStep(from: WizardStep, project: Project | null): WizardStep | null {
  for (let i = stepIndex(from) - 1; i >= 0; i--) {
    if (STEPS[i]!.canEnter(project)) return STEPS[i]!.id;
  }
  return null;
}

/**
 * Where to resume an opened project: its saved step when that can still be entered, else the
 * furthest earlier step that can (a project saved on Results whose model was removed resumes on
 * Train).
 */
export function resumeStep(project: Project): WizardStep {
  const saved = project.step;
  if (stepDef(saved).canEnter(project) && saved !== 'welcome') return saved;
  for (let i = stepIndex(saved) - 1; i > 0; i--) if (STEPS[i]!.canEnter(project)) return STEPS[i]!.id;
  return 'import';
}

/**
 * A fixed set of steps. The wizard replaces its set of visited steps whole (a `$state.raw`) rather
 * than mutating one, so a plain, read-only Set is what it holds.
 */
export function stepSet(steps: Iterable<WizardStep> = []): ReadonlySet<WizardStep> {
  return new Set(steps);
}

/**
 * The steps a reopened project counts as visited: those before its saved step, which the linear
 * wizard has passed through (the project does not record each visit).
 */
export function visitedBefore(step: WizardStep): ReadonlySet<WizardStep> {
  return stepSet(STEP_ORDER.slice(0, Math.max(0, stepIndex(step))));
}
