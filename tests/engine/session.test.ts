// A project session as the wizard drives it: import, clean with the profile's proposals in one
// batch, undo/redo that batch, and the privacy view against the model's features.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTraining } from '../../src/engine/jobs/train';
import { ProjectSession } from '../../src/engine/project/session';
import { dataset } from '../helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'mw-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('project session', () => {
  it('applies every COMPAS proposal in one batch and undoes it with one undo', async () => {
    const s = await ProjectSession.create(dir, 'COMPAS');
    try {
      await s.import(dataset('compas.train.csv'));
      await s.update({ target: 'two_year_recid' });
      const view = await s.clean();
      expect(view.proposals.length).toBeGreaterThan(5);
      // No proposal touches a column another proposal drops.
      const dropped = new Set(view.proposals.filter((p) => p.step.op === 'drop_column').map((p) => p.column));
      for (const p of view.proposals)
        if (p.step.op !== 'drop_column' && p.column) expect(dropped.has(p.column)).toBe(false);
      // Leaking outcome columns are among the proposed drops.
      expect(dropped.has('is_recid')).toBe(true);

      const applied = await s.addSteps(view.proposals.map((p) => p.step));
      expect(applied.project.project.recipe.steps).toHaveLength(view.proposals.length);
      expect(applied.project.project.recipe.batches).toEqual([view.proposals.length]);

      const undone = await s.undo();
      expect(undone.project.project.recipe.steps).toEqual([]);
      expect(undone.rowCount).toBe(view.rowCount);
      const redone = await s.redo();
      expect(redone.project.project.recipe.steps).toHaveLength(view.proposals.length);
    } finally {
      await s.close();
    }
  });

  it('keeps its work when reopened', async () => {
    const s = await ProjectSession.create(dir, 'Reopen');
    const where = s.dir;
    await s.import(dataset('german_credit.csv'));
    await s.update({ target: 'class', templateId: 'finance' });
    await s.addSteps([{ op: 'drop_column', column: 'foreign_worker' }]);
    await s.close();
    const again = await ProjectSession.open(where);
    try {
      const p = again.view.project;
      expect(p.target).toBe('class');
      expect(p.templateId).toBe('finance');
      expect(p.recipe.steps).toEqual([{ op: 'drop_column', column: 'foreign_worker' }]);
      const preview = await again.preview({ offset: 0, limit: 5, clean: true });
      expect(Object.keys(preview.rows[0]!)).not.toContain('foreign_worker');
      expect(preview.total).toBe(1000);
    } finally {
      await again.close();
    }
  });
});

describe('the personal-data scan', () => {
  it('stays through recipe changes (it is of the imported data), so the Privacy step stays done', async () => {
    const s = await ProjectSession.create(dir, 'Scan');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({ target: 'class', templateId: 'finance' });
      const scan = await s.privacy();
      expect(s.view.project.privacy).not.toBeNull();
      await s.addSteps([{ op: 'drop_column', column: 'own_telephone' }]);
      expect(s.view.project.privacy?.columns.map((c) => c.column)).toEqual(scan.columns.map((c) => c.column));
      // A new import is other data: its scan is made again.
      await s.import(dataset('german_credit.test.csv'));
      expect(s.view.project.privacy).toBeNull();
    } finally {
      await s.close();
    }
  });
});

describe('favourable outcome after an approval-rate threshold', () => {
  it('discards the model: approvals were counted as the old favourable prediction', async () => {
    const s = await ProjectSession.create(dir, 'Approval');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({
        templateId: 'finance',
        target: 'class',
        settings: { maxEpochs: 2, thresholdPolicy: { policy: 'approval_rate', value: 0.7 } },
      });
      await s.recordTraining(await runTraining(await s.prepareTraining('run-approval')));
      expect(s.view.project.model?.thresholdChoice?.policy).toBe('approval_rate');
      await s.update({ favourableOutcome: 'predicted_positive' });
      expect(s.view.project.model).toBeNull();
    } finally {
      await s.close();
    }
  }, 120_000);
});

describe('errors about uploaded files', () => {
  it('name the file as the user knows it, not the copy inside the project', async () => {
    const s = await ProjectSession.create(dir, 'Uploads');
    try {
      const copy = path.join(s.dir, 'uploads', 'empty.csv');
      writeFileSync(copy, '');
      const err = await s.import(copy, {}, true).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FILE_EMPTY', params: { file: 'empty.csv' } });
    } finally {
      await s.close();
    }
  });
});

describe('favourable outcome', () => {
  it("is the template's unless the user chooses, and training and fairness follow the choice", async () => {
    const s = await ProjectSession.create(dir, 'Favourable');
    try {
      await s.import(dataset('german_credit.csv'));
      await s.update({ target: 'class', templateId: 'finance', sensitive: ['foreign_worker'] });
      const input = await s.prepareTraining('fav', { maxEpochs: 2 });
      expect(input.template.favourableOutcome).toBe('predicted_negative');
      await s.update({ favourableOutcome: 'predicted_positive' });
      expect((await s.prepareTraining('fav2', { maxEpochs: 2 })).template.favourableOutcome).toBe('predicted_positive');
      // A patch that does not name it leaves it alone.
      await s.update({ step: 'fairness' });
      expect(s.view.project.favourableOutcome).toBe('predicted_positive');
    } finally {
      await s.close();
    }
  });
});
