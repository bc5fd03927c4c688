// QA of the wizard's target handling, checked in the engine so the command line gets the same
// answers: a recipe may not take the target away or leave it unusable (drop, rename, a type change
// that loses its values, rows dropped until it has no value, a step leaving one outcome); a target
// with one value is refused when chosen (case C15), not at training; a target the recipe removed in
// an older project is named as such at training; the costs a user enters for a min_cost threshold
// policy are what training and the report use; a second project of the same name is told apart.
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import type { RecipeStep } from '../../src/shared/model/recipe';
import type { Template } from '../../src/shared/model/template';
import { openDb } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { applyRecipe, stepRemovingColumn } from '../../src/engine/data/recipe';
import { runJob } from '../../src/engine/jobs/run';
import { runTraining } from '../../src/engine/jobs/train';
import { chooseThreshold, thresholdPolicy } from '../../src/engine/metrics/threshold';
import { ProjectSession } from '../../src/engine/project/session';
import { PROJECT_FILE } from '../../src/engine/project/store';
import { caseFile, dataset } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'mw-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return err;
}

describe('a recipe that would break the target is refused (QA: "Drop a column" = class)', () => {
  it('refuses each kind of step, naming the step and the column, and keeps the previous recipe', async () => {
    const s = await ProjectSession.create(dir, 'Credit');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({ target: 'class', templateId: 'finance' });
      await s.addSteps([{ op: 'drop_column', column: 'foreign_worker' }]);
      const cases: { steps: RecipeStep[]; key: string; params: Record<string, unknown> }[] = [
        {
          steps: [{ op: 'drop_column', column: 'class' }],
          key: 'errors.RECIPE_REMOVES_TARGET',
          params: { step: 2, op: 'drop_column', column: 'class' },
        },
        {
          steps: [{ op: 'rename', column: 'class', to: 'outcome' }],
          key: 'errors.RECIPE_REMOVES_TARGET',
          params: { step: 2, op: 'rename', column: 'class' },
        },
        // "good"/"bad" cannot be read as whole numbers: all 1000 values would become missing.
        {
          steps: [{ op: 'change_type', column: 'class', type: 'integer' }],
          key: 'errors.RECIPE_BREAKS_TARGET',
          params: { step: 2, op: 'change_type', column: 'class', count: 1000 },
        },
        {
          steps: [{ op: 'mark_missing', column: 'class', values: ['good', 'bad'] }],
          key: 'errors.RECIPE_EMPTIES_TARGET',
          params: { step: 2, op: 'mark_missing', column: 'class', rows: 1000 },
        },
        // The rows of "bad" dropped: one outcome (good) left, nothing to predict.
        {
          steps: [
            { op: 'mark_missing', column: 'class', values: ['bad'] },
            { op: 'drop_rows_missing', column: 'class' },
          ],
          key: 'errors.RECIPE_SINGLE_CLASS_TARGET',
          params: { step: 2, op: 'mark_missing', column: 'class', value: 'good' },
        },
      ];
      for (const c of cases) {
        const err = await refusal(s.addSteps(c.steps));
        expect(err.code, c.key).toBe('RECIPE_BREAKS_TARGET');
        expect(err.key).toBe(c.key);
        expect(err.params).toMatchObject(c.params);
        // The previous recipe stays, and so does the target.
        expect(s.view.project.recipe.steps).toEqual([{ op: 'drop_column', column: 'foreign_worker' }]);
        expect(s.view.project.target).toBe('class');
      }
      expect(
        translate('en', 'errors.RECIPE_REMOVES_TARGET', { step: 2, op: 'drop_column', column: 'class' }),
      ).toContain('would take away "class", the target column');
      // A replacement recipe is checked the same way; other columns may still be dropped.
      expect((await refusal(s.setRecipe([{ op: 'drop_column', column: 'class' }]))).params.step).toBe(1);
      const view = await s.addSteps([{ op: 'drop_column', column: 'own_telephone' }]);
      expect(view.project.project.recipe.steps).toHaveLength(2);
      // Redo may not bring back a step that now breaks the target: the target changed in between.
      await s.update({ target: 'job' });
      await s.undo();
      await s.update({ target: 'own_telephone' });
      expect((await refusal(s.redo())).key).toBe('errors.RECIPE_REMOVES_TARGET');
      expect(s.view.project.recipe.steps).toEqual([{ op: 'drop_column', column: 'foreign_worker' }]);
      expect(s.view.project.recipe.undone).toEqual([{ op: 'drop_column', column: 'own_telephone' }]);
    } finally {
      await s.close();
    }
  });

  it('refuses a target the recipe drops, naming the step', async () => {
    const s = await ProjectSession.create(dir, 'Dropped');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({ target: 'class' });
      await s.addSteps([{ op: 'drop_column', column: 'personal_status' }]);
      const err = await refusal(s.update({ target: 'personal_status' }));
      expect(err.key).toBe('errors.RECIPE_REMOVES_TARGET');
      expect(err.params).toMatchObject({ step: 1, op: 'drop_column', column: 'personal_status' });
      expect(s.view.project.target).toBe('class');
    } finally {
      await s.close();
    }
  });

  it('says at training that the recipe removed the target of a project saved before recipes were checked', async () => {
    const s = await ProjectSession.create(dir, 'Older');
    const where = s.dir;
    await s.import(dataset('german_credit.csv'));
    await s.update({ target: 'class' });
    await s.close();
    const file = path.join(where, PROJECT_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { recipe: { steps: RecipeStep[] } };
    saved.recipe.steps = [
      { op: 'drop_column', column: 'foreign_worker' },
      { op: 'drop_column', column: 'class' },
    ];
    writeFileSync(file, JSON.stringify(saved));
    const again = await ProjectSession.open(where);
    try {
      // The project still opens and cleans; training says why it cannot start.
      expect((await again.clean()).rowCount).toBe(1000);
      const err = await refusal(again.prepareTraining('r1'));
      expect(err.code).toBe('RECIPE_BREAKS_TARGET');
      expect(err.key).toBe('errors.RECIPE_REMOVES_TARGET');
      expect(err.params).toMatchObject({ step: 2, op: 'drop_column', column: 'class' });
    } finally {
      await again.close();
    }
  });

  it('is refused on the command line too (modelwise run --recipe)', async () => {
    const err = await refusal(
      runJob({
        type: 'run',
        file: dataset('german_credit.csv'),
        target: 'class',
        template: 'finance',
        recipe: [{ op: 'drop_column', column: 'class' }],
      }),
    );
    // Step 1 is the command line's own "drop rows without a target"; the user's step is 2.
    expect(err.key).toBe('errors.RECIPE_REMOVES_TARGET');
    expect(err.params).toMatchObject({ step: 2, op: 'drop_column', column: 'class' });
  });

  it('applyRecipe checks only when given the target, and finds the step that removes a column', async () => {
    const db = await openDb();
    try {
      const summary = await importFile(db, dataset('german_credit.csv'), {}, { table: 'raw' });
      const steps: RecipeStep[] = [{ op: 'drop_column', column: 'class' }];
      const plain = await applyRecipe(db, { source: 'raw', target: 'c', columns: summary.columns, steps });
      expect(plain.columns.map((c) => c.name)).not.toContain('class');
      await expect(
        applyRecipe(db, { source: 'raw', target: 'c', columns: summary.columns, steps, targetColumn: 'class' }),
      ).rejects.toMatchObject({ code: 'RECIPE_BREAKS_TARGET' });
      expect(stepRemovingColumn([{ op: 'remove_duplicates' }, ...steps], 'class')).toBe(1);
      expect(stepRemovingColumn(steps, 'age')).toBeNull();
    } finally {
      await db.close();
    }
  });
});

describe('a target with one value is refused when chosen (case C15)', () => {
  it('is not proposed at import, and choosing it says so with the training error', async () => {
    const s = await ProjectSession.create(dir, 'Churn');
    try {
      const imported = await s.import(caseFile('C15-single-class-target.csv'));
      expect(imported.project.project.target).toBeNull();
      const err = await refusal(s.update({ target: 'churned' }));
      expect(err.code).toBe('TARGET_SINGLE_CLASS');
      expect(err.params).toEqual({ column: 'churned', value: 'no', count: 20 });
      // The same message as the command line's refusal names the column and its only value.
      const text = translate('en', err.key, err.params);
      expect(text).toContain('churned');
      expect(text).toContain('"no"');
      expect(s.view.project.target).toBeNull();
      // Another target is fine.
      await s.update({ target: 'plan' });
      expect(s.view.project.target).toBe('plan');
    } finally {
      await s.close();
    }
  });
});

describe('the costs of a min_cost threshold policy (SPEC §4: user-entered)', () => {
  const template = { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 } as const;

  it('replace the template costs, and change the threshold chosen', () => {
    const costly = { threshold: template };
    expect(thresholdPolicy(costly, {})).toEqual(template);
    expect(thresholdPolicy(costly, { falseNegativeCost: 2, falsePositiveCost: 3 })).toEqual({
      policy: 'min_cost',
      falseNegativeCost: 2,
      falsePositiveCost: 3,
    });
    // Not a positive number: the template's cost stays.
    expect(thresholdPolicy(costly, { falseNegativeCost: 0, falsePositiveCost: 'x' })).toEqual(template);
    const fixed: Template['threshold'] = { policy: 'fixed', value: 0.5 };
    expect(thresholdPolicy({ threshold: fixed }, { falseNegativeCost: 2 })).toBe(fixed);
    // Hand-computed: positives at scores 0.9 and 0.4, negatives at 0.6, 0.3, 0.2. Thresholds and
    // (FN, FP): 0.9 → (1, 0), 0.6 → (1, 1), 0.4 → (0, 1), 0.3 → (0, 2). With a miss costing 10 and
    // a false alarm 1, 0.4 costs 1 (the least); with both costing 1, 0.9 costs 1 and comes first.
    const y = [1, 0, 1, 0, 0];
    const p = [0.9, 0.6, 0.4, 0.3, 0.2];
    expect(chooseThreshold(template, y, p).threshold).toBe(0.4);
    expect(
      chooseThreshold(thresholdPolicy(costly, { falseNegativeCost: 1, falsePositiveCost: 1 }), y, p).threshold,
    ).toBe(0.9);
  });

  it('are saved as settings, used by training and named in the report', async () => {
    const s = await ProjectSession.create(dir, 'Costs');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({ target: 'class', templateId: 'manufacturing' });
      await s.update({ settings: { falseNegativeCost: 3, falsePositiveCost: 2, maxEpochs: 2 } });
      const input = await s.prepareTraining('costs');
      expect(input.template.threshold).toEqual({ policy: 'min_cost', falseNegativeCost: 3, falsePositiveCost: 2 });
      const out = await runTraining(input);
      expect(out.record.settings).toMatchObject({ falseNegativeCost: 3, falsePositiveCost: 2 });
      await s.recordTraining(out);
      const report = await s.reportModel('en');
      const threshold = report.summary.find((m) => m.key === 'summary.threshold');
      expect(threshold?.params).toMatchObject({ fnCost: 3, fpCost: 2 });
    } finally {
      await s.close();
    }
  });
});

describe('project names', () => {
  it('a second project of the same name is named like its folder ("German credit 2")', async () => {
    const a = await ProjectSession.create(dir, 'German credit');
    const b = await ProjectSession.create(dir, 'German credit');
    try {
      expect(a.view.project.name).toBe('German credit');
      expect(b.view.project.name).toBe('German credit 2');
      expect(path.basename(b.dir)).toBe('German credit 2.modelwise');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
