// The wizard's state class against a fake back end: navigation that never loses work, the
// one-click sample, errors shown with Retry, progress and training events, the locale switch, and
// export on both transports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLocale, t } from '../../src/renderer/src/lib/i18n.svelte';
import { formFromOptions, optionsFromForm } from '../../src/renderer/src/wizard/import-options';
import { estimateSeconds, safeFileName, WizardState } from '../../src/renderer/src/wizard/wizard.svelte';
import type { Request } from '../../src/shared/ipc/contract';
import type { ImportSummary } from '../../src/shared/model/data';
import { ProjectSchema, type Project, type WizardStep } from '../../src/shared/model/project';
import type { RecipeStep } from '../../src/shared/model/recipe';
import { TemplateSchema } from '../../src/shared/model/template';
import {
  fail,
  fakeApi,
  fakePlatform,
  importSummary,
  makeProject,
  ok,
  reportFixture,
  settle,
  view,
  type FakeApi,
} from './fakes';
import { repoRoot } from '../helpers/paths';

/** A template as the back end lists it, read from resources/templates. */
const templateFile = (id: string) =>
  TemplateSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'templates', `${id}.json`), 'utf8')));

const SAMPLE = {
  id: 'german-credit',
  templateId: 'finance',
  file: 'german_credit.csv',
  name: { en: 'German credit', zh: '德国信贷' },
  target: 'class',
  sensitive: ['personal_status', 'age'],
  licence: 'CC BY 4.0',
};

/**
 * A fake back end that keeps one project and applies `project:update` patches and recipe changes to
 * it, discarding the trained model where the engine does (`ProjectSession.invalidateModel`: a new
 * template, target, positive class or settings, a recipe change, an import).
 */
function backend(start: Project | null = null): { fake: FakeApi; project: () => Project | null } {
  let current = start;
  const preview = { offset: 0, total: 2, rows: [{ a: 1 }, { a: 2 }] };
  const cleanView = () => ({
    project: view(current!),
    profile: reportFixture().data.profile!,
    proposals: [
      { code: 'duplicate_rows', message: 'Remove the duplicate rows.', step: { op: 'remove_duplicates' as const } },
    ],
    rowCount: 5,
  });
  const recipeChanged = (steps: RecipeStep[], undone: RecipeStep[]) => {
    if (!current?.data) return fail('NO_DATA');
    current = ProjectSchema.parse({ ...current, recipe: { steps, undone }, model: null, fairness: [] });
    return ok(cleanView());
  };
  const fake = fakeApi({
    'app:info': () =>
      ok({ version: '0.1.0', transport: 'web', platform: 'linux', samples: [SAMPLE], projectsDir: '/projects' }),
    'project:recent': () => ok([]),
    'project:current': () => ok(current ? view(current) : null),
    'project:create': (r) => {
      current = makeProject('empty', { name: r.name });
      return ok(view(current));
    },
    'project:update': (patch) => {
      if (!current) return fail('NO_DATA');
      const discards =
        (patch.templateId !== undefined && patch.templateId !== current.templateId) ||
        (patch.target !== undefined && patch.target !== current.target) ||
        (patch.positiveClass !== undefined && patch.positiveClass !== current.positiveClass) ||
        patch.settings !== undefined ||
        // As the back end: an approval-rate threshold no longer means what it was chosen for.
        (patch.favourableOutcome !== undefined &&
          patch.favourableOutcome !== current.favourableOutcome &&
          current.model?.thresholdChoice?.policy === 'approval_rate');
      current = ProjectSchema.parse({
        ...current,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        ...(discards ? { model: null, fairness: [] } : {}),
      });
      return ok(view(current));
    },
    'data:clean': () => (current?.data ? ok(cleanView()) : fail('NO_DATA')),
    'data:addSteps': (r) => recipeChanged([...(current?.recipe.steps ?? []), ...r.steps], []),
    'data:setRecipe': (r) => recipeChanged(r.steps, []),
    'data:undo': () => {
      const steps = [...(current?.recipe.steps ?? [])];
      const last = steps.pop();
      return recipeChanged(steps, [...(current?.recipe.undone ?? []), ...(last ? [last] : [])]);
    },
    'data:redo': () => {
      const undone = [...(current?.recipe.undone ?? [])];
      const last = undone.pop();
      return recipeChanged([...(current?.recipe.steps ?? []), ...(last ? [last] : [])], undone);
    },
    'data:sample': () => {
      current = makeProject('data', { name: current!.name, locale: current!.locale, step: current!.step });
      return ok({ project: view(current), summary: current.data!.summary, preview });
    },
    'data:import': (r) => {
      current = makeProject('data', { name: current?.name ?? 'x' });
      current = ProjectSchema.parse({
        ...current,
        data: {
          ...current.data!,
          source: { ...current.data!.source, path: r.path },
          importOptions: { onBadRow: 'skip', ...r.options },
        },
      });
      return ok({ project: view(current), summary: current.data!.summary, preview });
    },
    'data:preview': (r) => ok({ ...preview, offset: r.offset }),
    'template:list': () => ok([]),
    'template:suggest': () =>
      ok({
        targets: ['class'],
        targetLabels: [
          { label: 'good', count: 700 },
          { label: 'bad', count: 300 },
        ],
        positiveClass: 'bad',
        task: 'binary',
        sensitive: [],
      }),
  });
  return { fake, project: () => current };
}

let fake: FakeApi;
let wizard: WizardState;

afterEach(() => {
  wizard?.dispose();
  setLocale('en');
});

describe('starting and resuming', () => {
  it('reads the app info, and with no open project stays on Welcome in the preferred language', async () => {
    ({ fake } = backend());
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init('zh');
    expect(wizard.info?.samples[0]?.id).toBe('german-credit');
    expect(wizard.step).toBe('welcome');
    expect(i18n.locale).toBe('zh');
    expect(fake.listenerCount('train:epoch')).toBe(1);
    wizard.dispose();
    expect(fake.listenerCount('train:epoch')).toBe(0);
  });

  it('resumes the project the back end has open on its saved step, in its language', async () => {
    ({ fake } = backend(makeProject('model', { step: 'results', locale: 'zh' })));
    wizard = new WizardState(fakePlatform(fake.api));
    fake.handlers['results:get'] = () => ok(view(makeProject('model', { step: 'results', locale: 'zh' })));
    await wizard.init('en');
    expect(wizard.step).toBe('results');
    expect(i18n.locale).toBe('zh');
    expect(fake.requests('results:get')).toHaveLength(1);
  });

  it('resumes on an earlier step when the saved one can no longer be entered', async () => {
    ({ fake } = backend(makeProject('target', { step: 'results' })));
    fake.handlers['data:clean'] = () => fail('NO_DATA');
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.step).toBe('train');
  });
});

describe('try a sample', () => {
  beforeEach(async () => {
    ({ fake } = backend());
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init('en');
  });

  it('creates the project, imports the sample and fills in template, target, sensitive attributes and positive class in one action', async () => {
    expect(await wizard.trySample('german-credit')).toBe(true);
    expect(fake.requests('project:create')).toEqual([{ name: 'German credit' }]);
    expect(fake.requests('data:sample')).toEqual([{ sampleId: 'german-credit' }]);
    const p = wizard.project!;
    expect(p.templateId).toBe('finance');
    expect(p.target).toBe('class');
    expect(p.sensitive).toEqual(['personal_status', 'age']);
    expect(p.positiveClass).toBe('bad');
    expect(p.locale).toBe('en');
    expect(wizard.step).toBe('import');
    expect(wizard.preview?.rows).toHaveLength(2);
    expect(wizard.importSummary?.rowCount).toBe(importSummary().rowCount);
    expect(wizard.banner).toBeNull();
    // Import → Target → Clean are now open without any further input.
    expect(wizard.canNext).toBe(true);
  });

  it('names the project in the language on screen', async () => {
    await wizard.setLocale('zh');
    await wizard.trySample('german-credit');
    expect(fake.requests('project:create')).toEqual([{ name: '德国信贷' }]);
    expect(wizard.project?.locale).toBe('zh');
  });
});

describe('navigation', () => {
  it('goes forward only into steps whose work is there, saving the step in the project each time', async () => {
    // No column worth suggesting as the target: `class` (the last column) renamed to a name that is
    // no outcome, and free text, so neither the name nor the last-column rule proposes it.
    const data = makeProject('data').data!;
    const columns = data.summary.columns.map((c) =>
      c.name === 'class' ? { ...c, name: 'grade', type: 'text' as const, distinctCount: 900 } : c,
    );
    ({ fake } = backend(
      makeProject('data', { step: 'import', data: { ...data, summary: { ...data.summary, columns } } }),
    ));
    fake.handlers['template:suggest'] = () =>
      ok({ targets: [], targetLabels: [], positiveClass: null, task: null, sensitive: [] });
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.step).toBe('import');
    expect(await wizard.next()).toBe(true);
    expect(wizard.step).toBe('target');
    // No target proposed, none chosen: Next waits (it does not skip to Privacy).
    expect(wizard.canNext).toBe(false);
    expect(await wizard.next()).toBe(false);
    expect(await wizard.goTo('results')).toBe(false);
    expect(wizard.step).toBe('target');
    expect(fake.requests('project:update')).toContainEqual(expect.objectContaining({ step: 'target' }));
  });

  it('keeps every choice when going back and forth', async () => {
    ({ fake } = backend(makeProject('data', { step: 'target' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    // Entering Template & target proposed the target and its positive class.
    expect(wizard.project?.target).toBe('class');
    expect(wizard.project?.positiveClass).toBe('bad');
    await wizard.toggleSensitive('age', true);
    await wizard.back();
    expect(wizard.step).toBe('import');
    await wizard.next();
    expect(wizard.step).toBe('target');
    expect(wizard.project?.target).toBe('class');
    expect(wizard.project?.sensitive).toEqual(['age']);
    // The proposal is applied once: coming back does not overwrite the user's choice.
    expect(fake.requests('project:update').filter((u) => u.target !== undefined)).toHaveLength(1);
  });
});

describe('errors', () => {
  beforeEach(async () => {
    ({ fake } = backend(makeProject('empty', { step: 'import' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
  });

  it('shows a failed import in the banner with its message, and Retry runs it again', async () => {
    let attempts = 0;
    const good = fake.handlers['data:import']!;
    fake.handlers['data:import'] = (r) => (++attempts === 1 ? fail('FILE_NOT_FOUND', { file: r.path }) : good(r));
    expect(await wizard.importPath('/data/missing.csv')).toBe(false);
    expect(wizard.banner?.error.code).toBe('FILE_NOT_FOUND');
    expect(t(wizard.banner!.error.key, wizard.banner!.error.params)).toBe('File not found: /data/missing.csv');
    expect(wizard.progress).toBeNull();
    expect(wizard.busy).toBeNull();
    await wizard.retry();
    expect(attempts).toBe(2);
    expect(wizard.banner).toBeNull();
    expect(wizard.project?.data?.source.path).toBe('/data/missing.csv');
  });

  it('turns a cancellation into a notice, not an error', async () => {
    fake.handlers['data:import'] = () => fail('CANCELLED');
    await wizard.importPath('/data/big.csv');
    expect(wizard.banner).toBeNull();
    expect(wizard.notice).toBe('wizard.notice.cancelled');
  });

  it('survives a transport that throws', async () => {
    fake.handlers['data:import'] = () => {
      throw new Error('socket closed');
    };
    await wizard.importPath('/data/a.csv');
    expect(wizard.banner?.error).toMatchObject({ code: 'INTERNAL', params: { message: 'socket closed' } });
    expect(wizard.busy).toBeNull();
  });
});

describe('import', () => {
  beforeEach(async () => {
    ({ fake } = backend(makeProject('empty', { step: 'import' })));
  });

  it('shows import progress events with an estimate from the elapsed time when the back end gives none', async () => {
    let now = 0;
    wizard = new WizardState(fakePlatform(fake.api), { now: () => now });
    await wizard.init();
    let release!: () => void;
    const good = fake.handlers['data:import']!;
    fake.handlers['data:import'] = (r) => new Promise((resolve) => (release = () => resolve(good(r) as never)));
    const done = wizard.importPath('/data/big.csv');
    expect(wizard.progress).toMatchObject({ kind: 'import', fraction: null });
    expect(wizard.busy).toBe('wizard.busy.importing');
    now = 10_000;
    fake.emit('job:progress', { jobId: 'j', kind: 'import', stage: 'import', fraction: 0.25, etaSeconds: null });
    expect(wizard.progress).toMatchObject({ stage: 'import', fraction: 0.25, etaSeconds: 30 });
    fake.emit('job:progress', { jobId: 'j', kind: 'import', stage: 'import', fraction: 0.5, etaSeconds: 7 });
    expect(wizard.progress?.etaSeconds).toBe(7);
    await settle();
    await wizard.cancelImport();
    expect(fake.requests('data:cancelImport')).toHaveLength(1);
    release();
    await done;
    expect(wizard.progress).toBeNull();
  });

  it('uploads a dropped file on the web and imports the stored path', async () => {
    wizard = new WizardState(fakePlatform(fake.api, false));
    await wizard.init();
    await wizard.importFile(new File(['a\n1\n'], 'credit.csv'));
    expect(fake.requests('data:import')[0]?.path).toBe('/projects/uploads/credit.csv');
    expect(wizard.step).toBe('import');
    expect(wizard.preview?.total).toBe(2);
  });

  it('re-imports with a column type override on top of the options the file was read with', async () => {
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.importPath('/data/credit.csv', { delimiter: ';' });
    await wizard.setColumnType('age', 'categorical');
    const last = fake.requests('data:import').at(-1)!;
    expect(last.path).toBe('/data/credit.csv');
    expect(last.options).toMatchObject({ delimiter: ';', columnTypes: { age: 'categorical' } });
  });

  it('pages the preview and never asks for more than a page', async () => {
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.importPath('/data/credit.csv');
    await wizard.loadPreview(20);
    expect(fake.requests('data:preview')).toEqual([{ offset: 20, limit: wizard.pageSize, clean: false }]);
    expect(wizard.preview?.offset).toBe(20);
  });
});

describe('import options', () => {
  it('fills the Advanced form from the options and writes back only what the user set', () => {
    const base = { onBadRow: 'skip' as const, columnTypes: { age: 'categorical' as const }, delimiter: ';' };
    const form = formFromOptions(base);
    expect(form).toMatchObject({ delimiter: ';', quote: '', thousandsMark: '', headerRow: null, sheet: '' });
    // Unchanged form → unchanged options (the column type override survives).
    expect(optionsFromForm(base, form, false)).toEqual(base);
    const edited = {
      ...form,
      delimiter: '',
      quote: "'",
      escape: '\\',
      thousandsMark: ' ',
      headerRow: 3,
      header: 'true',
      sheet: 'Sales',
      missing: 'NA, -, NA',
      onBadRow: 'stop' as const,
    };
    expect(optionsFromForm(base, edited, false)).toEqual({
      onBadRow: 'stop',
      columnTypes: { age: 'categorical' },
      quote: "'",
      escape: '\\',
      thousandsMark: ' ',
      headerRow: 3,
      header: true,
      missingMarkers: ['NA', '-'],
    });
    // A workbook takes the sheet; a text file does not.
    expect(optionsFromForm(base, edited, true).sheet).toBe('Sales');
  });

  it('tells "none" (no quote character, no thousands separator) from "detect"', () => {
    const none = optionsFromForm({}, { ...formFromOptions({}), quote: 'none', thousandsMark: 'none' }, false);
    expect(none).toMatchObject({ quote: '', thousandsMark: '' });
    expect(formFromOptions(none)).toMatchObject({ quote: 'none', thousandsMark: 'none' });
    expect(optionsFromForm({ quote: '"' }, formFromOptions({}), false)).not.toHaveProperty('quote');
  });

  it('ignores a header line that is not a positive whole number, and shows the sheet that was read', () => {
    expect(optionsFromForm({}, { ...formFromOptions({}), headerRow: 0 }, false)).not.toHaveProperty('headerRow');
    expect(optionsFromForm({}, { ...formFromOptions({}), headerRow: 2.5 }, false)).not.toHaveProperty('headerRow');
    expect(formFromOptions({}, 'Data').sheet).toBe('Data');
    expect(formFromOptions({ sheet: 'B' }, 'Data').sheet).toBe('B');
  });
});

describe('Excel serial dates (C14)', () => {
  const summary = (): ImportSummary => {
    const s = importSummary();
    return {
      ...s,
      columns: [
        ...s.columns,
        {
          name: 'Date',
          type: 'integer',
          missingCount: 0,
          distinctCount: 5,
          sample: [39448],
          suggestion: 'excel_serial_date',
        },
      ],
    };
  };

  beforeEach(async () => {
    const start = makeProject('target', { step: 'import' });
    ({ fake } = backend(ProjectSchema.parse({ ...start, data: { ...start.data!, summary: summary() } })));
    fake.handlers['data:addSteps'] = (r) => {
      const p = makeProject('target', { recipe: { steps: r.steps, undone: [] } });
      const project = ProjectSchema.parse({ ...p, data: { ...p.data!, summary: summary() } });
      return ok({ project: view(project), profile: reportFixture().data.profile!, proposals: [], rowCount: 5 });
    };
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
  });

  it('offers the suggested column, and "Convert to dates" adds one excel_serial_date step', async () => {
    expect(wizard.importSuggestions()).toEqual([{ column: 'Date', suggestion: 'excel_serial_date', applied: false }]);
    await wizard.convertExcelDates('Date');
    expect(fake.requests('data:addSteps')).toEqual([{ steps: [{ op: 'excel_serial_date', column: 'Date' }] }]);
    expect(wizard.project?.recipe.steps).toEqual([{ op: 'excel_serial_date', column: 'Date' }]);
    expect(wizard.importSuggestions()[0]?.applied).toBe(true);
    expect(wizard.clean?.rowCount).toBe(5);
    // A second click adds nothing.
    await wizard.convertExcelDates('Date');
    expect(fake.requests('data:addSteps')).toHaveLength(1);
  });
});

describe('augmentation', () => {
  const settingsUpdates = () => fake.requests('project:update').filter((u) => u.settings !== undefined);
  beforeEach(async () => {
    ({ fake } = backend(makeProject('target', { step: 'clean', settings: { maxEpochs: 7 } })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
  });

  it('adds feature crosses and date parts to the training settings, once each, and removes them', async () => {
    await wizard.addAugmentation({ op: 'cross', a: 'age', b: 'duration', kind: 'ratio' });
    await wizard.addAugmentation({ op: 'date_parts', column: 'opened', parts: ['year', 'weekday'] });
    await wizard.addAugmentation({ op: 'cross', a: 'age', b: 'duration', kind: 'ratio' });
    expect(settingsUpdates()).toHaveLength(2);
    expect(wizard.augmentation()).toEqual([
      { op: 'cross', a: 'age', b: 'duration', kind: 'ratio' },
      { op: 'date_parts', column: 'opened', parts: ['year', 'weekday'] },
    ]);
    // Other settings are kept.
    expect(wizard.project?.settings).toMatchObject({ maxEpochs: 7 });
    await wizard.removeAugmentation(0);
    expect(wizard.augmentation()).toEqual([{ op: 'date_parts', column: 'opened', parts: ['year', 'weekday'] }]);
    await wizard.removeAugmentation(5);
    expect(settingsUpdates()).toHaveLength(3);
  });

  it('refuses a malformed step before anything is saved', async () => {
    expect(await wizard.addAugmentation({ op: 'date_parts', column: 'opened', parts: [] })).toBe(false);
    expect(await wizard.addAugmentation({ op: 'cross', a: 'x', b: 'y', kind: 'product' })).toBe(true);
    expect(settingsUpdates()).toHaveLength(1);
  });
});

describe('training', () => {
  const r = reportFixture();
  const epoch = (n: number, runId = 'run-1') => ({
    runId,
    maxEpochs: 50,
    epoch: n,
    loss: 1 / n,
    valLoss: 1.1 / n,
    metric: 0.7,
    valMetric: 0.68,
    seconds: 0.5,
  });

  beforeEach(async () => {
    ({ fake } = backend(makeProject('target', { step: 'train' })));
    fake.handlers['train:start'] = () => ok({ runId: 'run-1' });
    fake.handlers['train:cancel'] = () => ok({ ok: true as const });
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
  });

  it('follows epochs live and takes the trained project when the run finishes', async () => {
    await wizard.startTraining();
    expect(wizard.run).toMatchObject({ runId: 'run-1', status: 'running' });
    expect(wizard.training).toBe(true);
    fake.emit('train:epoch', epoch(1));
    fake.emit('train:epoch', epoch(2));
    fake.emit('train:epoch', epoch(1, 'other-run'));
    expect(wizard.run?.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(wizard.run?.maxEpochs).toBe(50);
    fake.emit('job:progress', {
      jobId: 'run-1',
      kind: 'train',
      stage: 'backend',
      fraction: null,
      etaSeconds: null,
      message: 'wasm',
    });
    fake.emit('job:progress', { jobId: 'run-1', kind: 'train', stage: 'train', fraction: 0.1, etaSeconds: 12 });
    fake.emit('job:progress', { jobId: 'other-run', kind: 'train', stage: 'record', fraction: null, etaSeconds: 99 });
    expect(wizard.run).toMatchObject({ backend: 'wasm', etaSeconds: 12, stage: 'train' });
    fake.emit('train:finished', {
      runId: 'run-1',
      ok: true,
      cancelled: false,
      error: null,
      project: view(makeProject('model', { step: 'train' })),
    });
    expect(wizard.run?.status).toBe('done');
    expect(wizard.training).toBe(false);
    expect(wizard.project?.model?.evaluation.metrics.task).toBe(r.evaluation.metrics.task);
    expect(wizard.canNext).toBe(true);
  });

  it('handles a run that finishes before train:start answers', async () => {
    fake.handlers['train:start'] = () => {
      fake.emit('train:finished', {
        runId: 'run-1',
        ok: true,
        cancelled: false,
        error: null,
        project: view(makeProject('model')),
      });
      return ok({ runId: 'run-1' });
    };
    await wizard.startTraining();
    expect(wizard.run?.status).toBe('done');
    expect(wizard.project?.model).not.toBeNull();
  });

  it('cancels with the run id and keeps the best model the back end sends', async () => {
    await wizard.startTraining();
    await wizard.cancelTraining();
    expect(fake.requests('train:cancel')).toEqual([{ runId: 'run-1' }]);
    expect(wizard.run?.status).toBe('cancelling');
    fake.emit('train:finished', {
      runId: 'run-1',
      ok: false,
      cancelled: true,
      error: null,
      project: view(makeProject('model')),
    });
    expect(wizard.run?.status).toBe('cancelled');
    expect(wizard.project?.model).not.toBeNull();
  });

  it('cancels a run that had no id yet as soon as train:start answers', async () => {
    let answer!: () => void;
    fake.handlers['train:start'] = () => new Promise((resolve) => (answer = () => resolve(ok({ runId: 'run-1' }))));
    const started = wizard.startTraining();
    expect(wizard.run?.status).toBe('starting');
    await wizard.cancelTraining();
    expect(fake.requests('train:cancel')).toHaveLength(0);
    answer();
    await started;
    expect(fake.requests('train:cancel')).toEqual([{ runId: 'run-1' }]);
    expect(wizard.run?.status).toBe('cancelling');
  });

  it('follows a run it did not start (the page was reloaded mid-training) and takes its model', async () => {
    expect(wizard.run).toBeNull();
    fake.emit('train:epoch', epoch(3, 'run-9'));
    expect(wizard.run).toMatchObject({ runId: 'run-9', status: 'running' });
    expect(wizard.training).toBe(true);
    fake.emit('train:finished', {
      runId: 'run-9',
      ok: true,
      cancelled: false,
      error: null,
      project: view(makeProject('model')),
    });
    expect(wizard.run?.status).toBe('done');
    expect(wizard.project?.model).not.toBeNull();
  });

  it('shows a crashed training process on the run with Retry, and the wizard stays usable', async () => {
    await wizard.startTraining();
    const crash = {
      code: 'HOST_CRASHED' as const,
      key: 'errors.HOST_CRASHED',
      params: { what: 'training', reason: 'exit code 134' },
    };
    fake.emit('train:finished', { runId: 'run-1', ok: false, cancelled: false, error: crash, project: null });
    expect(wizard.run).toMatchObject({ status: 'failed', error: crash });
    expect(wizard.training).toBe(false);
    expect(t(crash.key, crash.params)).toContain('exit code 134');
    expect(await wizard.back()).toBe(true);
    expect(wizard.step).toBe('clean');
    // Retry = start again.
    fake.handlers['train:start'] = () => ok({ runId: 'run-2' });
    await wizard.startTraining();
    expect(wizard.run).toMatchObject({ runId: 'run-2', status: 'running', error: null });
  });

  it('shows a refused start (bad settings) on the run', async () => {
    fake.handlers['train:start'] = () => fail('SETTING_INVALID', { setting: 'batchSize', reason: 'must be positive' });
    await wizard.startTraining();
    expect(wizard.run).toMatchObject({ status: 'failed', error: { code: 'SETTING_INVALID' } });
    expect(wizard.banner).toBeNull();
  });

  it('starts with the project settings and saves edited settings in the project', async () => {
    await wizard.saveSettings({ maxEpochs: 5 });
    await wizard.startTraining();
    expect(fake.requests('train:start')).toEqual([{ settings: { maxEpochs: 5 } }]);
    expect(wizard.run?.maxEpochs).toBe(5);
    expect(wizard.effectiveSettings()).toMatchObject({ maxEpochs: 5, hiddenLayers: [128], dropout: 0.5 });
  });
});

describe('results', () => {
  it('drops a threshold answer overtaken by a newer request', async () => {
    ({ fake } = backend(makeProject('model', { step: 'export' })));
    const m = reportFixture().evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    const pending: ((threshold: number) => void)[] = [];
    fake.handlers['results:atThreshold'] = (req) =>
      new Promise((resolve) => pending.push(() => resolve(ok({ ...m, threshold: req.threshold }))));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    const first = wizard.atThreshold(0.3);
    const second = wizard.atThreshold(0.7);
    pending[1]!(0.7);
    await second;
    pending[0]!(0.3);
    await first;
    expect(wizard.thresholdMetrics?.threshold).toBe(0.7);
  });
});

describe('locale', () => {
  it('switches every string at runtime and saves the language in the project', async () => {
    ({ fake } = backend(makeProject('data', { step: 'import' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(t('wizard.nav.next')).toBe('Next');
    await wizard.setLocale('zh');
    expect(i18n.locale).toBe('zh');
    expect(t('wizard.nav.next')).toBe('下一步');
    expect(fake.requests('project:update')).toContainEqual({ locale: 'zh' });
    expect(wizard.project?.locale).toBe('zh');
  });
});

describe('export', () => {
  const fairness = reportFixture().fairness;
  const privacy = reportFixture().privacy;

  function exportBackend(isDesktop: boolean, savePath: string | null) {
    ({ fake } = backend(makeProject('model', { step: 'export', sensitive: ['age'] })));
    fake.handlers['fairness:assess'] = () => ok(fairness);
    fake.handlers['privacy:scan'] = () => ok(privacy);
    fake.handlers['dialog:saveFile'] = () => ok({ path: savePath, supported: isDesktop });
    fake.handlers['report:export'] = (req: Request<'report:export'>) =>
      ok({
        path: req.path ?? `/projects/Credit.modelwise/reports/Credit.${req.format}`,
        downloadUrl: isDesktop ? null : '/api/download/abc',
      });
    const platform = fakePlatform(fake.api, isDesktop);
    wizard = new WizardState(platform);
    return platform;
  }

  it('desktop: asks where to save, writes there, after assessing fairness and privacy for a complete report', async () => {
    exportBackend(true, '/home/user/Credit.pdf');
    await wizard.init();
    const done = await wizard.exportReport('pdf');
    expect(done).toMatchObject({ format: 'pdf', path: '/home/user/Credit.pdf' });
    expect(fake.requests('fairness:assess')).toEqual([{ attributes: ['age'] }]);
    expect(fake.requests('privacy:scan')).toHaveLength(1);
    expect(fake.requests('dialog:saveFile')).toEqual([{ defaultName: 'Credit.pdf', format: 'pdf' }]);
    expect(fake.requests('report:export')).toEqual([{ format: 'pdf', path: '/home/user/Credit.pdf', locale: 'en' }]);
    const order = fake.calls.map((c) => c.channel);
    expect(order.indexOf('fairness:assess')).toBeLessThan(order.indexOf('report:export'));
  });

  it('desktop: a cancelled save dialog writes nothing', async () => {
    exportBackend(true, null);
    await wizard.init();
    expect(await wizard.exportReport('html')).toBeNull();
    expect(fake.requests('report:export')).toHaveLength(0);
    expect(wizard.banner).toBeNull();
  });

  it('web: exports in the language on screen and downloads the file', async () => {
    const platform = exportBackend(false, null);
    await wizard.init();
    await wizard.setLocale('zh');
    await wizard.exportReport('pdf');
    expect(fake.requests('dialog:saveFile')).toHaveLength(0);
    expect(fake.requests('report:export')).toEqual([{ format: 'pdf', path: undefined, locale: 'zh' }]);
    expect(platform.downloads).toEqual([{ url: '/api/download/abc', fileName: 'Credit.pdf' }]);
    expect(wizard.exports).toHaveLength(1);
  });
});

describe('model package and scoring', () => {
  const scoreResult = (req: Request<'model:score'>, isDesktop: boolean) =>
    ok({
      path: req.out ?? '/projects/Credit.modelwise/exports/new scored.csv',
      downloadUrl: isDesktop ? null : '/api/download/scored',
      rows: 200,
      added: ['predicted_class', 'probability_bad'],
      preview: [{ age: 30, class: 'good', predicted_class: 'bad', probability_bad: 0.71 }],
    });

  function modelBackend(isDesktop: boolean, opts: { model?: boolean; savePath?: string | null } = {}) {
    ({ fake } = backend(makeProject(opts.model === false ? 'target' : 'model', { step: 'export' })));
    fake.handlers['dialog:saveFile'] = () => ok({ path: opts.savePath ?? null, supported: isDesktop });
    fake.handlers['dialog:openFile'] = () => ok({ path: '/home/user/applicants.csv', supported: isDesktop });
    fake.handlers['model:export'] = (req) =>
      ok({
        path: req.path ?? '/projects/Credit.modelwise/exports/Credit model.zip',
        downloadUrl: isDesktop ? null : '/api/download/zip',
      });
    fake.handlers['model:score'] = (req) => scoreResult(req, isDesktop);
    fake.handlers['model:cancelScore'] = () => ok({ ok: true as const });
    const platform = fakePlatform(fake.api, isDesktop);
    wizard = new WizardState(platform);
    return platform;
  }

  it('desktop: exports the package where the save dialog says, as a .zip', async () => {
    const platform = modelBackend(true, { savePath: '/home/user/credit.zip' });
    await wizard.init();
    const done = await wizard.exportModel();
    expect(fake.requests('dialog:saveFile')).toEqual([{ defaultName: 'Credit model.zip', format: 'zip' }]);
    expect(fake.requests('model:export')).toEqual([{ path: '/home/user/credit.zip' }]);
    expect(done).toEqual({ path: '/home/user/credit.zip', downloadUrl: null });
    expect(wizard.modelExport).toEqual(done);
    expect(platform.downloads).toEqual([]);
  });

  it('desktop: a cancelled save dialog exports and scores nothing', async () => {
    modelBackend(true, { savePath: null });
    await wizard.init();
    expect(await wizard.exportModel()).toBeNull();
    expect(await wizard.chooseScoreFile()).toBeNull();
    expect(fake.requests('model:export')).toHaveLength(0);
    expect(fake.requests('model:score')).toHaveLength(0);
    expect(wizard.banner).toBeNull();
  });

  it('web: downloads the package', async () => {
    const platform = modelBackend(false);
    await wizard.init();
    await wizard.exportModel();
    expect(fake.requests('dialog:saveFile')).toHaveLength(0);
    expect(fake.requests('model:export')).toEqual([{ path: undefined }]);
    expect(platform.downloads).toEqual([{ url: '/api/download/zip', fileName: 'Credit model.zip' }]);
  });

  it('web: uploads the dropped file, scores it with progress, keeps the first rows and downloads the CSV', async () => {
    const platform = modelBackend(false);
    await wizard.init();
    const seen: (string | null)[] = [];
    fake.handlers['model:score'] = (req) => {
      seen.push(wizard.busy);
      fake.emit('job:progress', {
        jobId: 'score-1',
        kind: 'score',
        stage: 'score',
        fraction: 0.5,
        etaSeconds: null,
      });
      seen.push(wizard.progress?.stage ?? null, String(wizard.scoring));
      return scoreResult(req, false);
    };
    const done = await wizard.scoreFile(new File(['age\n30\n'], 'new.csv'));
    expect(fake.requests('model:score')).toEqual([{ path: '/projects/uploads/new.csv', out: undefined }]);
    expect(seen).toEqual(['wizard.busy.scoring', 'score', 'true']);
    expect(done).toMatchObject({ rows: 200, source: 'new.csv', added: ['predicted_class', 'probability_bad'] });
    expect(wizard.scored?.preview[0]).toMatchObject({ predicted_class: 'bad', probability_bad: 0.71 });
    expect(platform.downloads).toEqual([{ url: '/api/download/scored', fileName: 'new scored.csv' }]);
    expect(wizard.progress).toBeNull();
    expect(wizard.scoring).toBe(false);
    expect(wizard.busy).toBeNull();
  });

  it('desktop: picks the file with the open dialog and saves the scored CSV where the save dialog says', async () => {
    modelBackend(true, { savePath: '/home/user/applicants scored.csv' });
    await wizard.init();
    const done = await wizard.chooseScoreFile();
    expect(fake.requests('dialog:openFile')).toEqual([{ purpose: 'data' }]);
    expect(fake.requests('dialog:saveFile')).toEqual([{ defaultName: 'applicants scored.csv', format: 'csv' }]);
    expect(fake.requests('model:score')).toEqual([
      { path: '/home/user/applicants.csv', out: '/home/user/applicants scored.csv' },
    ]);
    expect(done).toMatchObject({ path: '/home/user/applicants scored.csv', source: 'applicants.csv', rows: 200 });
  });

  it('shows a file the model cannot read in the banner, with Retry, and keeps no stale result', async () => {
    modelBackend(false);
    await wizard.init();
    fake.handlers['model:score'] = () => ({
      ok: false,
      error: {
        code: 'COLUMN_NOT_FOUND',
        key: 'errors.SCORE_COLUMN_MISSING',
        params: { file: 'new.csv', column: 'age', columns: 'a, b' },
      },
    });
    expect(await wizard.scorePath('/projects/uploads/new.csv')).toBeNull();
    expect(wizard.banner?.error.key).toBe('errors.SCORE_COLUMN_MISSING');
    expect(t(wizard.banner!.error.key, wizard.banner!.error.params)).toContain('"age"');
    expect(wizard.scored).toBeNull();
    expect(wizard.scoring).toBe(false);
    fake.handlers['model:score'] = (req) => scoreResult(req, false);
    await wizard.retry();
    expect(fake.requests('model:score')).toHaveLength(2);
    expect(wizard.scored?.rows).toBe(200);
  });

  it('cancels an upload in progress, and asks the back end to stop scoring', async () => {
    modelBackend(false);
    await wizard.init();
    wizard.platform.fileToPath = (_file, _progress, signal) =>
      new Promise((resolve) => signal.addEventListener('abort', () => resolve(fail('CANCELLED')), { once: true }));
    const scoring = wizard.scoreFile(new File(['x'], 'big.csv'));
    expect(wizard.scoring).toBe(true);
    await wizard.cancelScore();
    expect(await scoring).toBeNull();
    expect(fake.requests('model:cancelScore')).toHaveLength(1);
    expect(fake.requests('model:score')).toHaveLength(0);
    expect(wizard.notice).toBe('wizard.notice.cancelled');
  });

  it('does nothing without a trained model', async () => {
    modelBackend(false, { model: false });
    await wizard.init();
    expect(await wizard.exportModel()).toBeNull();
    expect(await wizard.scoreFile(new File(['x'], 'a.csv'))).toBeNull();
    expect(await wizard.scorePath('/a.csv')).toBeNull();
    expect(fake.calls.some((c) => c.channel.startsWith('model:'))).toBe(false);
  });
});

describe('helpers', () => {
  it('estimates the time left from a steady rate', () => {
    expect(estimateSeconds(10, 0.25)).toBe(30);
    expect(estimateSeconds(10, null)).toBeNull();
    expect(estimateSeconds(0, 0.5)).toBeNull();
    expect(estimateSeconds(10, 1)).toBe(0);
  });

  it('makes file names without separators or control characters', () => {
    expect(safeFileName('a/b\\c: d?\u0001')).toBe('a b c d');
    expect(safeFileName('   ')).toBe('modelwise');
  });
});

describe('QA: never lose the trained model without asking', () => {
  /** A trained project on Template & target, with the templates loaded. */
  async function trained(): Promise<void> {
    ({ fake } = backend(makeProject('model', { step: 'target' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
  }
  const changes = () => fake.requests('project:update').filter((u) => u.step === undefined);

  it('asks before a template change discards the model; "keep" changes nothing', async () => {
    await trained();
    expect(wizard.project?.model).not.toBeNull();
    await wizard.setTemplate('medical');
    expect(wizard.pendingChange).toEqual({ kind: 'template', value: 'medical' });
    expect(changes()).toEqual([]);
    wizard.cancelChange();
    expect(wizard.pendingChange).toBeNull();
    expect(changes()).toEqual([]);
    expect(wizard.project?.templateId).toBe('finance');
    expect(wizard.project?.model).not.toBeNull();
  });

  it('makes the change once the user confirms it', async () => {
    await trained();
    await wizard.setTemplate('medical');
    await wizard.confirmChange();
    expect(wizard.pendingChange).toBeNull();
    expect(changes()[0]).toEqual({ templateId: 'medical' });
    expect(wizard.project?.templateId).toBe('medical');
  });

  it('asks the same for the target and the positive class, and not for the current choice', async () => {
    await trained();
    await wizard.setTarget('class');
    expect(wizard.pendingChange).toBeNull();
    await wizard.setTarget('foreign_worker');
    expect(wizard.pendingChange).toEqual({ kind: 'target', value: 'foreign_worker' });
    await wizard.setPositiveClass('good');
    expect(wizard.pendingChange).toEqual({ kind: 'positiveClass', value: 'good' });
    expect(changes()).toEqual([]);
    await wizard.confirmChange();
    expect(changes()).toEqual([{ positiveClass: 'good' }]);
    // Leaving the step drops an unanswered question.
    await wizard.setTarget('foreign_worker');
    await wizard.goTo('import');
    expect(wizard.pendingChange).toBeNull();
  });

  it('changes at once when there is no model to lose', async () => {
    ({ fake } = backend(makeProject('target', { step: 'target' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.setTemplate('medical');
    expect(wizard.pendingChange).toBeNull();
    expect(wizard.project?.templateId).toBe('medical');
  });
});

describe('QA: every change that discards the model asks first, and sends nothing before the answer', () => {
  const TRAINED = {
    recipe: { steps: [{ op: 'remove_duplicates' as const }], undone: [{ op: 'drop_column' as const, column: 'age' }] },
    settings: { maxEpochs: 7, augmentation: [{ op: 'oversample' as const }] },
  };
  /** A trained project on `step`, with a recipe step, an undone step and settings of its own. */
  async function trainedOn(step: WizardStep, platform = (api: FakeApi['api']) => fakePlatform(api)): Promise<void> {
    ({ fake } = backend(makeProject('model', { step, ...TRAINED })));
    wizard = new WizardState(platform(fake.api));
    await wizard.init();
    expect(wizard.step).toBe(step);
    expect(wizard.project?.model).not.toBeNull();
  }
  /** Requests that change something: everything but reading, navigation and the step marks. */
  const READS = new Set([
    'app:info',
    'project:recent',
    'project:current',
    'template:list',
    'template:suggest',
    'data:clean',
    'data:preview',
  ]);
  const sent = () =>
    fake.calls.filter(
      (c) =>
        !READS.has(c.channel) &&
        !(
          c.channel === 'project:update' &&
          Object.keys(c.request as object).every((k) => k === 'step' || k === 'visited')
        ),
    );

  const cases: {
    kind: string;
    step: WizardStep;
    act: (w: WizardState) => Promise<unknown>;
    /** The one request the confirmed change sends. */
    request: { channel: string; request: unknown };
  }[] = [
    {
      kind: 'applyProposals',
      step: 'clean',
      act: (w) => w.applyProposals(),
      request: { channel: 'data:addSteps', request: { steps: [{ op: 'remove_duplicates' }] } },
    },
    {
      kind: 'addStep',
      step: 'clean',
      act: (w) => w.addStep({ op: 'drop_column', column: 'purpose' }),
      request: { channel: 'data:addSteps', request: { steps: [{ op: 'drop_column', column: 'purpose' }] } },
    },
    {
      kind: 'removeStep',
      step: 'clean',
      act: (w) => w.removeStep(0),
      request: { channel: 'data:setRecipe', request: { steps: [] } },
    },
    { kind: 'undo', step: 'clean', act: (w) => w.undo(), request: { channel: 'data:undo', request: {} } },
    { kind: 'redo', step: 'clean', act: (w) => w.redo(), request: { channel: 'data:redo', request: {} } },
    {
      kind: 'convertDates',
      step: 'import',
      act: (w) => w.convertExcelDates('Date'),
      request: { channel: 'data:addSteps', request: { steps: [{ op: 'excel_serial_date', column: 'Date' }] } },
    },
    {
      kind: 'augmentation',
      step: 'clean',
      act: (w) => w.addAugmentation({ op: 'cross', a: 'age', b: 'duration', kind: 'ratio' }),
      request: {
        channel: 'project:update',
        request: {
          settings: {
            maxEpochs: 7,
            augmentation: [{ op: 'oversample' }, { op: 'cross', a: 'age', b: 'duration', kind: 'ratio' }],
          },
        },
      },
    },
    {
      kind: 'augmentation',
      step: 'clean',
      act: (w) => w.saveSettings({ classWeights: true }, 'augmentation'),
      request: {
        channel: 'project:update',
        request: { settings: { ...TRAINED.settings, classWeights: true } },
      },
    },
    {
      kind: 'settings',
      step: 'train',
      act: (w) => w.saveSettings({ dropout: 0.3 }),
      request: { channel: 'project:update', request: { settings: { ...TRAINED.settings, dropout: 0.3 } } },
    },
    {
      kind: 'resetSettings',
      step: 'train',
      act: (w) => w.resetSettings(),
      request: { channel: 'project:update', request: { settings: {} } },
    },
    {
      kind: 'import',
      step: 'import',
      act: (w) => w.importPath('/data/other.csv'),
      request: { channel: 'data:import', request: { path: '/data/other.csv', options: undefined } },
    },
    {
      kind: 'columnType',
      step: 'import',
      act: (w) => w.setColumnType('age', 'categorical'),
      request: {
        channel: 'data:import',
        request: { path: '/data/credit.csv', options: { onBadRow: 'skip', columnTypes: { age: 'categorical' } } },
      },
    },
    {
      kind: 'importOptions',
      step: 'import',
      act: (w) => w.importPath('/data/credit.csv', { onBadRow: 'skip', delimiter: ';' }),
      request: {
        channel: 'data:import',
        request: { path: '/data/credit.csv', options: { onBadRow: 'skip', delimiter: ';' } },
      },
    },
    {
      kind: 'template',
      step: 'target',
      act: (w) => w.setTemplate('medical'),
      request: { channel: 'project:update', request: { templateId: 'medical' } },
    },
  ];

  for (const c of cases) {
    it(`${c.kind} (${c.request.channel}): asks, sends nothing on "keep", sends it once confirmed and the model goes`, async () => {
      await trainedOn(c.step);
      const before = fake.calls.length;
      await c.act(wizard);
      expect(wizard.pendingChange?.kind).toBe(c.kind);
      expect(sent()).toEqual([]);
      // "Keep the model" (or Escape): nothing sent, nothing changed.
      wizard.cancelChange();
      expect(wizard.pendingChange).toBeNull();
      expect(sent()).toEqual([]);
      expect(wizard.project?.model).not.toBeNull();
      expect(wizard.project?.recipe.steps).toEqual(TRAINED.recipe.steps);
      // Asked again and confirmed: the one request goes, and the back end's answer has no model.
      await c.act(wizard);
      expect(sent()).toEqual([]);
      expect(await wizard.confirmChange()).toBe(true);
      expect(wizard.pendingChange).toBeNull();
      expect(sent()[0]).toEqual(c.request);
      expect(fake.calls.length).toBeGreaterThan(before);
      expect(wizard.project?.model).toBeNull();
      expect(wizard.banner).toBeNull();
    });
  }

  it('shows the settings being asked about in the controls, and the project\'s again after "keep"', async () => {
    await trainedOn('train');
    await wizard.saveSettings({ dropout: 0.3 });
    expect(wizard.shownSettings()).toMatchObject({ dropout: 0.3, maxEpochs: 7 });
    expect(wizard.effectiveSettings()).toMatchObject({ dropout: 0.5 });
    // A second edit builds on the first and asks once, for both.
    await wizard.saveSettings({ patience: 3 });
    expect(wizard.pendingChange).toEqual({
      kind: 'settings',
      settings: { ...TRAINED.settings, dropout: 0.3, patience: 3 },
    });
    wizard.cancelChange();
    expect(wizard.shownSettings()).toMatchObject({ dropout: 0.5, patience: 10 });
    expect(wizard.augmentation()).toEqual([{ op: 'oversample' }]);
  });

  it('asks nothing for a settings change back to what the project has', async () => {
    await trainedOn('train');
    await wizard.saveSettings({ maxEpochs: 7 });
    expect(wizard.pendingChange).toBeNull();
    await wizard.saveSettings({ maxEpochs: 9 });
    expect(wizard.pendingChange?.kind).toBe('settings');
    await wizard.saveSettings({ maxEpochs: 7 });
    expect(wizard.pendingChange).toBeNull();
    expect(sent()).toEqual([]);
  });

  it('uploads a dropped file (web) only once the import is confirmed', async () => {
    const uploads: string[] = [];
    await trainedOn('import', (api) => {
      const platform = fakePlatform(api);
      const upload = platform.fileToPath.bind(platform);
      platform.fileToPath = (file, onProgress, signal) => {
        uploads.push(file.name);
        return upload(file, onProgress, signal);
      };
      return platform;
    });
    await wizard.importFile(new File(['a\n1\n'], 'other.csv'));
    expect(wizard.pendingChange).toMatchObject({ kind: 'import', name: 'other.csv' });
    expect(uploads).toEqual([]);
    wizard.cancelChange();
    expect(uploads).toEqual([]);
    expect(sent()).toEqual([]);
    await wizard.importFile(new File(['a\n1\n'], 'other.csv'));
    expect(await wizard.confirmChange()).toBe(true);
    expect(uploads).toEqual(['other.csv']);
    expect(fake.requests('data:import')).toEqual([{ path: '/projects/uploads/other.csv', options: undefined }]);
    expect(wizard.project?.model).toBeNull();
  });

  it('asks nothing for sensitive attributes, the favourable outcome or "Train again" (they keep the model or replace it on purpose)', async () => {
    await trainedOn('target');
    await wizard.toggleSensitive('age', true);
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('project:update')).toContainEqual({ sensitive: ['age'] });
    expect(wizard.project?.model).not.toBeNull();
    fake.handlers['fairness:assess'] = () => ok(reportFixture().fairness);
    await wizard.setFavourable('predicted_negative', ['age']);
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('project:update')).toContainEqual({ favourableOutcome: 'predicted_negative' });
    expect(wizard.project?.model).not.toBeNull();
    fake.handlers['train:start'] = () => ok({ runId: 'run-2' });
    // An unanswered question is dropped when training starts: it would discard the new model.
    await wizard.saveSettings({ dropout: 0.3 });
    await wizard.startTraining();
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('train:start')).toEqual([{ settings: TRAINED.settings }]);
    expect(fake.requests('project:update').filter((u) => u.settings !== undefined)).toEqual([]);
  });

  it('makes a confirmed change that failed again on Retry, without asking again', async () => {
    await trainedOn('clean');
    const good = fake.handlers['data:addSteps']!;
    fake.handlers['data:addSteps'] = () => fail('HOST_CRASHED', { what: 'engine', reason: 'exit 1' });
    await wizard.addStep({ op: 'drop_column', column: 'x' });
    await wizard.confirmChange();
    // A refused recipe change is shown beside the recipe form, not in the banner at the top.
    expect(wizard.recipeBanner?.error.code).toBe('HOST_CRASHED');
    expect(wizard.banner).toBeNull();
    expect(wizard.project?.model).not.toBeNull();
    fake.handlers['data:addSteps'] = good;
    await wizard.retryRecipe();
    expect(wizard.recipeBanner).toBeNull();
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('data:addSteps')).toHaveLength(2);
    expect(wizard.project?.model).toBeNull();
  });

  it('drops an unanswered question when the user leaves the step', async () => {
    await trainedOn('clean');
    await wizard.undo();
    expect(wizard.pendingChange?.kind).toBe('undo');
    await wizard.goTo('train');
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('data:undo')).toEqual([]);
  });

  it('changes the recipe at once when there is no model to lose', async () => {
    ({ fake } = backend(makeProject('target', { step: 'clean' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.addStep({ op: 'remove_duplicates' });
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('data:addSteps')).toEqual([{ steps: [{ op: 'remove_duplicates' }] }]);
  });
});

describe('QA: the threshold slider and its metrics stay together', () => {
  it('keeps the slider at 0.30 and the metrics for 0.30 after leaving Results and coming back', async () => {
    ({ fake } = backend(makeProject('model', { step: 'results' })));
    const m = reportFixture().evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    fake.handlers['results:get'] = () => ok(view(makeProject('model', { step: 'results' })));
    fake.handlers['results:atThreshold'] = (req) => ok({ ...m, threshold: req.threshold });
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.threshold).toBeNull();
    await wizard.atThreshold(0.3);
    await wizard.goTo('train');
    await wizard.goTo('results');
    expect(wizard.threshold).toBe(0.3);
    expect(wizard.thresholdMetrics?.threshold).toBe(0.3);
  });

  it('fetches the metrics again on entering Results when the slider moved without them', async () => {
    ({ fake } = backend(makeProject('model', { step: 'train' })));
    const m = reportFixture().evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    fake.handlers['results:get'] = () => ok(view(makeProject('model', { step: 'results' })));
    fake.handlers['results:atThreshold'] = (req) => ok({ ...m, threshold: req.threshold });
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    wizard.setThreshold(0.42);
    await wizard.goTo('results');
    expect(fake.requests('results:atThreshold')).toEqual([{ threshold: 0.42 }]);
    expect(wizard.thresholdMetrics?.threshold).toBe(0.42);
  });

  it("puts the slider back to the model's threshold when a new model is trained", async () => {
    ({ fake } = backend(makeProject('model', { step: 'train' })));
    fake.handlers['train:start'] = () => ok({ runId: 'run-2' });
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    wizard.setThreshold(0.3);
    await wizard.startTraining();
    expect(wizard.threshold).toBeNull();
    expect(wizard.thresholdMetrics).toBeNull();
  });
});

describe('QA: step marks, notices and estimates', () => {
  it('marks Results done once seen, keeps it when going back, and unmarks it for a new model', async () => {
    const r = reportFixture();
    ({ fake } = backend(makeProject('target', { step: 'train', privacy: r.privacy })));
    fake.handlers['train:start'] = () => ok({ runId: 'run-1' });
    const trainedProject = () => makeProject('model', { step: 'results', fairness: r.fairness, privacy: r.privacy });
    fake.handlers['results:get'] = () => ok(view(trainedProject()));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.startTraining();
    fake.emit('train:finished', {
      runId: 'run-1',
      ok: true,
      cancelled: false,
      error: null,
      project: view(trainedProject()),
    });
    // The back end assessed fairness and privacy while training: not seen, so not done.
    expect(wizard.visited.has('fairness')).toBe(false);
    expect(wizard.visited.has('privacy')).toBe(false);
    await wizard.goTo('results');
    await wizard.goTo('train');
    expect(wizard.visited.has('results')).toBe(true);
    await wizard.startTraining();
    fake.emit('train:finished', {
      runId: 'run-1',
      ok: true,
      cancelled: false,
      error: null,
      project: view(trainedProject()),
    });
    expect(wizard.visited.has('results')).toBe(false);
  });

  it('counts the steps before the saved one as seen when a project is reopened', async () => {
    ({ fake } = backend(makeProject('model', { step: 'privacy' })));
    fake.handlers['privacy:scan'] = () => ok(reportFixture().privacy);
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.step).toBe('privacy');
    expect([...wizard.visited]).toEqual(
      expect.arrayContaining(['import', 'target', 'clean', 'train', 'results', 'fairness', 'privacy']),
    );
    expect(wizard.visited.has('export')).toBe(false);
  });

  it('clears "Cancelled. Nothing was changed." when a later import succeeds', async () => {
    ({ fake } = backend(makeProject('empty', { step: 'import' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    const good = fake.handlers['data:import']!;
    fake.handlers['data:import'] = () => fail('CANCELLED');
    await wizard.importPath('/data/big.csv');
    expect(wizard.notice).toBe('wizard.notice.cancelled');
    fake.handlers['data:import'] = good;
    expect(await wizard.importPath('/data/small.csv')).toBe(true);
    expect(wizard.notice).toBeNull();
  });

  it('clears the notice when an upload starts too', async () => {
    ({ fake } = backend(makeProject('empty', { step: 'import' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    wizard.notice = 'wizard.notice.cancelled';
    expect(await wizard.importFile(new File(['a\n1\n'], 'a.csv'))).toBe(true);
    expect(wizard.notice).toBeNull();
  });

  it('gives no estimate from less than a second of work', () => {
    expect(estimateSeconds(0.2, 0.16)).toBeNull();
    expect(estimateSeconds(2, 0.5)).toBe(2);
  });
});

describe('visited steps', () => {
  it('saves the steps the user has seen in the project, and restores them on reopening', async () => {
    ({ fake } = backend(makeProject('target', { step: 'target' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    const saved = fake
      .requests('project:update')
      .map((u) => u.visited)
      .filter(Boolean)
      .pop();
    expect(saved).toEqual(expect.arrayContaining(['import', 'target']));
  });
});

describe('QA: wizard checks (recipe refusals, costs, a binarized target)', () => {
  const removesTarget = {
    ok: false as const,
    error: {
      code: 'RECIPE_BREAKS_TARGET' as const,
      key: 'errors.RECIPE_REMOVES_TARGET',
      params: { step: 1, op: 'drop_column', column: 'class' },
    },
  };

  it('shows a refused recipe step beside the recipe form on Clean, and forgets it on leaving', async () => {
    ({ fake } = backend(makeProject('target', { step: 'clean' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.step).toBe('clean');
    fake.handlers['data:addSteps'] = () => removesTarget;
    await wizard.addStep({ op: 'drop_column', column: 'class' });
    expect(wizard.recipeBanner?.error).toEqual(removesTarget.error);
    expect(wizard.banner).toBeNull();
    expect(wizard.project?.recipe.steps).toEqual([]);
    await wizard.goTo('train');
    expect(wizard.recipeBanner).toBeNull();
  });

  it('adds the binarize step proposed on Template & target, then asks for the suggestions again', async () => {
    ({ fake } = backend(makeProject('target', { step: 'target' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    expect(wizard.suggestions).not.toBeNull();
    const before = fake.requests('template:suggest').length;
    await wizard.addStep({ op: 'binarize', column: 'class', comparator: '>', value: 0 });
    expect(fake.requests('data:addSteps')).toEqual([
      { steps: [{ op: 'binarize', column: 'class', comparator: '>', value: 0 }] },
    ]);
    expect(fake.requests('template:suggest').length).toBe(before + 1);
    // A refusal here has no recipe form beside it: it goes to the banner.
    fake.handlers['data:addSteps'] = () => removesTarget;
    await wizard.addStep({ op: 'drop_column', column: 'class' });
    expect(wizard.banner?.error.key).toBe('errors.RECIPE_REMOVES_TARGET');
    expect(wizard.recipeBanner).toBeNull();
  });

  it('saves the threshold policy as settings, refuses bad input inline, and asks first when a trained model would go', async () => {
    const manufacturing = templateFile('manufacturing');
    ({ fake } = backend(makeProject('target', { step: 'train', templateId: 'manufacturing' })));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    wizard.templates = [manufacturing];
    expect(wizard.thresholdRule()).toEqual({
      rule: { policy: 'min_cost', falseNegativeCost: 10, falsePositiveCost: 1 },
      source: 'template',
    });
    await wizard.saveThresholdPolicy({ policy: 'min_cost', falseNegativeCost: '5', falsePositiveCost: '1' });
    const saved = { thresholdPolicy: { policy: 'min_cost', falseNegativeCost: 5, falsePositiveCost: 1 } };
    expect(fake.requests('project:update')).toContainEqual({ settings: saved });
    expect(wizard.thresholdRule()?.source).toBe('user');
    // A cost of 0, or none, is refused where it was typed; nothing is sent.
    const sent = fake.requests('project:update').length;
    expect(
      await wizard.saveThresholdPolicy({ policy: 'min_cost', falseNegativeCost: '5', falsePositiveCost: '0' }),
    ).toBe(false);
    expect(wizard.thresholdErrors).toEqual({ falsePositiveCost: 'wizard.train.cost.invalid' });
    expect(await wizard.saveThresholdPolicy({ policy: 'fixed', value: '1' })).toBe(false);
    expect(wizard.thresholdErrors).toEqual({ value: 'wizard.train.threshold.invalid.fixed' });
    expect(fake.requests('project:update').length).toBe(sent);
    // Back to the template's own policy and numbers: no setting left (costs saved before go too).
    await wizard.saveThresholdPolicy({ policy: 'min_cost', falseNegativeCost: '10', falsePositiveCost: '1' });
    expect(wizard.thresholdErrors).toEqual({});
    expect(fake.requests('project:update').at(-1)).toEqual({ settings: {} });

    ({ fake } = backend(
      makeProject('model', { step: 'train', templateId: 'manufacturing', settings: { falseNegativeCost: 4 } }),
    ));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    wizard.templates = [manufacturing];
    // Costs saved before thresholdPolicy existed are the user's.
    expect(wizard.thresholdRule()).toEqual({
      rule: { policy: 'min_cost', falseNegativeCost: 4, falsePositiveCost: 1 },
      source: 'user',
    });
    await wizard.saveThresholdPolicy({ policy: 'fixed', value: '0.3' });
    const fixed = { thresholdPolicy: { policy: 'fixed', value: 0.3 } };
    expect(wizard.pendingChange).toEqual({ kind: 'threshold', settings: fixed });
    expect(fake.requests('project:update').filter((u) => u.settings !== undefined)).toEqual([]);
    // The controls show the policy being asked about; "Keep the model" sends nothing.
    expect(wizard.thresholdRule()?.rule).toEqual({ policy: 'fixed', value: 0.3 });
    wizard.cancelChange();
    expect(wizard.thresholdRule()?.rule.policy).toBe('min_cost');
    await wizard.saveThresholdPolicy({ policy: 'fixed', value: '0.3' });
    await wizard.confirmChange();
    expect(fake.requests('project:update')).toContainEqual({ settings: fixed });
    expect(wizard.project?.model).toBeNull();
  });
});

describe('favourable outcome and an approval-rate threshold', () => {
  it('asks before changing it (the model goes), and changes it at once for any other threshold', async () => {
    const base = makeProject('model', { step: 'fairness' });
    const approval = {
      ...base,
      model: { ...base.model!, thresholdChoice: { threshold: 0.4, policy: 'approval_rate' as const, achieved: {} } },
    };
    let { fake } = backend(approval);
    let wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.setFavourable('predicted_positive', []);
    expect(wizard.pendingChange).toEqual({ kind: 'favourable', outcome: 'predicted_positive', attributes: [] });
    expect(fake.requests('project:update').filter((u) => u.favourableOutcome !== undefined)).toEqual([]);
    wizard.cancelChange();
    expect(wizard.project?.model).not.toBeNull();
    await wizard.setFavourable('predicted_positive', []);
    await wizard.confirmChange();
    expect(fake.requests('project:update')).toContainEqual({ favourableOutcome: 'predicted_positive' });
    expect(wizard.project?.model).toBeNull();

    ({ fake } = backend(base));
    wizard = new WizardState(fakePlatform(fake.api));
    await wizard.init();
    await wizard.setFavourable('predicted_positive', []);
    expect(wizard.pendingChange).toBeNull();
    expect(fake.requests('project:update')).toContainEqual({ favourableOutcome: 'predicted_positive' });
  });
});
