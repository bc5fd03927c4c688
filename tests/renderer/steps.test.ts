// The step registry: which steps can be entered (read from the project alone) and which are done
// (the project's work, and for the review steps whether the user has seen them).
import { describe, expect, it } from 'vitest';
import {
  nextStep,
  previousStep,
  resumeStep,
  STEP_ORDER,
  STEPS,
  stepDef,
  visitedBefore,
} from '../../src/renderer/src/wizard/steps';
import { hasMessage } from '../../src/shared/i18n';
import type { WizardStep } from '../../src/shared/model/project';
import { makeProject, reportFixture } from './fakes';

const enterable = (p: Parameters<(typeof STEPS)[number]['canEnter']>[0]) =>
  STEPS.filter((s) => s.canEnter(p)).map((s) => s.id);
const done = (p: Parameters<(typeof STEPS)[number]['isDone']>[0], seen: WizardStep[] = []) =>
  STEPS.filter((s) => s.isDone(p, new Set(seen))).map((s) => s.id);

describe('step registry', () => {
  it('lists the nine steps of SPEC §1 in order, each with a title and an explanation in the catalog', () => {
    expect(STEPS.map((s) => s.id)).toEqual([
      'welcome',
      'import',
      'target',
      'clean',
      'train',
      'results',
      'fairness',
      'privacy',
      'export',
    ]);
    expect(STEP_ORDER).toEqual(STEPS.map((s) => s.id));
    for (const s of STEPS) {
      expect(hasMessage(s.title), s.title).toBe(true);
      expect(hasMessage(s.intro), s.intro).toBe(true);
    }
  });

  it('opens steps as their inputs appear: project → data → target → model', () => {
    expect(enterable(null)).toEqual(['welcome']);
    expect(enterable(makeProject('empty'))).toEqual(['welcome', 'import']);
    expect(enterable(makeProject('data'))).toEqual(['welcome', 'import', 'target', 'privacy']);
    expect(enterable(makeProject('target'))).toEqual(['welcome', 'import', 'target', 'clean', 'train', 'privacy']);
    expect(enterable(makeProject('model'))).toEqual([...STEP_ORDER]);
  });

  it('marks steps done from the project and the steps the user has seen', () => {
    expect(done(null)).toEqual([]);
    expect(done(makeProject('empty'))).toEqual(['welcome']);
    expect(done(makeProject('data'))).toEqual(['welcome', 'import']);
    expect(done(makeProject('target', { step: 'clean' }), [...visitedBefore('clean')])).toEqual([
      'welcome',
      'import',
      'target',
    ]);
    // A target proposed at import (or by a sample) is not done until Template & target was seen (QA).
    expect(done(makeProject('target', { step: 'import' }), ['welcome', 'import'])).toEqual(['welcome', 'import']);
    expect(done(makeProject('target', { step: 'import' }), ['welcome', 'import', 'target'])).toContain('target');
    // Having been on Clean (or adding a recipe step) completes it.
    expect(done(makeProject('target', { step: 'train' }), ['clean'])).toContain('clean');
    expect(done(makeProject('target', { step: 'clean', recipe: { steps: [{ op: 'remove_duplicates' }] } }))).toContain(
      'clean',
    );
    const r = reportFixture();
    const full = makeProject('model', {
      step: 'export',
      fairness: r.fairness,
      privacy: r.privacy,
      exports: [{ kind: 'pdf', path: '/x.pdf', at: '2025-01-01T00:00:00Z' }],
    });
    expect(done(full, [...STEP_ORDER])).toEqual([...STEP_ORDER]);
    expect(done(makeProject('model', { step: 'results' }))).not.toContain('results');
  });

  it('marks Results, Fairness and Privacy done only once seen, though the back end filled them while training (QA)', () => {
    const r = reportFixture();
    const trained = makeProject('model', { step: 'results', fairness: r.fairness, privacy: r.privacy });
    const before = done(trained, ['welcome', 'import', 'target', 'clean', 'train']);
    expect(before).not.toContain('results');
    expect(before).not.toContain('fairness');
    expect(before).not.toContain('privacy');
    // Going back to Train after Results keeps Results done (it read the saved step before).
    const back = makeProject('model', { step: 'train', fairness: r.fairness, privacy: r.privacy });
    expect(done(back, ['train', 'results'])).toContain('results');
    expect(done(back, ['train', 'results'])).not.toContain('fairness');
    expect(done(back, ['results', 'fairness', 'privacy'])).toEqual(expect.arrayContaining(['fairness', 'privacy']));
  });

  it('counts the steps before the saved one as seen when a project is reopened', () => {
    expect([...visitedBefore('fairness')]).toEqual(['welcome', 'import', 'target', 'clean', 'train', 'results']);
    expect([...visitedBefore('welcome')]).toEqual([]);
  });

  it('moves Next one step at a time and never skips a step that is not ready', () => {
    expect(nextStep('welcome', null)).toBeNull();
    expect(nextStep('welcome', makeProject('empty'))).toBe('import');
    expect(nextStep('import', makeProject('empty'))).toBeNull();
    expect(nextStep('target', makeProject('data'))).toBeNull();
    expect(nextStep('train', makeProject('target'))).toBeNull();
    expect(nextStep('train', makeProject('model'))).toBe('results');
    expect(nextStep('export', makeProject('model'))).toBeNull();
  });

  it('moves Back to the closest step that can be entered', () => {
    expect(previousStep('welcome', makeProject('model'))).toBeNull();
    expect(previousStep('results', makeProject('model'))).toBe('train');
    // Privacy is open before training; Back from it passes over Fairness, which is not.
    expect(previousStep('privacy', makeProject('target'))).toBe('train');
  });

  it('resumes a project on its saved step, or the last earlier one that is still open', () => {
    const at = (step: WizardStep, stage: 'empty' | 'data' | 'target' | 'model') =>
      resumeStep(makeProject(stage, { step }));
    expect(at('results', 'model')).toBe('results');
    expect(at('results', 'target')).toBe('train');
    expect(at('export', 'data')).toBe('privacy');
    expect(at('clean', 'empty')).toBe('import');
    expect(at('welcome', 'model')).toBe('import');
    expect(stepDef('fairness').id).toBe('fairness');
  });
});
