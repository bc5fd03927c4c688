// The back end with the real engine host (`src/backend/hosts/engine.host.ts` → the engine's
// `handleHostCall`): a bundled sample from import to a recorded model, an exported report, the
// exported model package and new data scored with it, every answer checked against the contract
// by the back end itself (validateResponses).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Caller } from '../../src/backend';
import type { EventPayload } from '../../src/shared/ipc/contract';
import { runJob } from '../../src/engine/jobs/run';
import { dataset, repoRoot } from '../helpers/paths';
import { tsForker, until } from './helpers';

const caller: Caller = { transport: 'web', origin: 'test' };
let tmp: string;
let backend: Backend;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-engine-'));
  backend = createBackend({
    transport: 'web',
    projectsDir: path.join(tmp, 'projects'),
    userDataDir: path.join(tmp, 'user'),
    resourcesDir: path.join(repoRoot, 'resources'),
    forker: tsForker,
    hostModule: path.join(repoRoot, 'src', 'backend', 'hosts', 'engine.host.ts'),
    validateResponses: true,
  });
});
afterAll(async () => {
  await backend.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('back end with the real engine host', () => {
  it('takes a bundled sample through training to a recorded model and a report', async () => {
    const info = await backend.handle('app:info', {}, caller);
    if (!info.ok) throw new Error(JSON.stringify(info.error));
    const sample = info.value.samples[0];
    expect(sample, 'resources/samples/samples.json lists a sample').toBeDefined();

    const imported = await backend.handle('data:sample', { sampleId: sample!.id }, caller);
    if (!imported.ok) throw new Error(JSON.stringify(imported.error));
    expect(imported.value.project.project.target).toBe(sample!.target);
    expect(imported.value.project.project.data?.source.copied).toBe(true);
    expect(path.dirname(imported.value.project.project.data!.source.path)).toBe(
      path.join(imported.value.project.path, 'uploads'),
    );

    // A step with values resolved on the imported rows, which scoring must reuse (not recompute).
    const cleaned = await backend.handle(
      'data:addSteps',
      { steps: [{ op: 'outliers', column: 'duration', rule: 'iqr', action: 'clip' }] },
      caller,
    );
    if (!cleaned.ok) throw new Error(JSON.stringify(cleaned.error));

    const finished: EventPayload<'train:finished'>[] = [];
    const epochs: EventPayload<'train:epoch'>[] = [];
    backend.on('train:finished', (e) => finished.push(e));
    backend.on('train:epoch', (e) => epochs.push(e));
    const started = await backend.handle('train:start', { settings: { maxEpochs: 3 } }, caller);
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    await until(() => finished.length > 0, 120_000);
    expect(finished[0]).toMatchObject({ runId: started.value.runId, ok: true, cancelled: false, error: null });
    expect(epochs.map((e) => e.epoch).length).toBeGreaterThan(0);
    expect(epochs.every((e) => e.runId === started.value.runId)).toBe(true);

    const results = await backend.handle('results:get', {}, caller);
    if (!results.ok) throw new Error(JSON.stringify(results.error));
    expect(results.value.project.model?.runId).toBe(started.value.runId);

    const exported = await backend.handle('report:export', { format: 'json' }, caller);
    if (!exported.ok) throw new Error(JSON.stringify(exported.error));
    expect(existsSync(exported.value.path)).toBe(true);
    expect(JSON.parse(readFileSync(exported.value.path, 'utf8'))).toHaveProperty('title');

    // The model package: the four files at the root of one zip (listed by Python's zipfile).
    const projectDir = results.value.path;
    const recipe = JSON.parse(
      readFileSync(path.join(projectDir, results.value.project.model!.dir, 'recipe.json'), 'utf8'),
    ) as { steps: unknown[]; applied: { resolved: { low?: unknown; high?: unknown } }[] };
    expect(recipe.applied).toHaveLength(recipe.steps.length);
    expect(typeof recipe.applied.at(-1)!.resolved.low).toBe('number');
    const pkg = await backend.handle('model:export', {}, caller);
    if (!pkg.ok) throw new Error(JSON.stringify(pkg.error));
    expect(path.dirname(pkg.value.path)).toBe(path.join(projectDir, 'exports'));
    const names = execFileSync(
      '/usr/bin/python3',
      ['-c', 'import sys, zipfile; print(" ".join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))', pkg.value.path],
      { encoding: 'utf8' },
    ).trim();
    expect(names).toBe('model.json preprocessing.json recipe.json weights.bin');

    // New data scored in a scoring host, with progress; the same scores as the CLI's engine
    // gives from the exported zip.
    const progress: EventPayload<'job:progress'>[] = [];
    backend.on('job:progress', (p) => progress.push(p));
    const scored = await backend.handle('model:score', { path: dataset('german_credit.test.csv') }, caller);
    if (!scored.ok) throw new Error(JSON.stringify(scored.error));
    expect(scored.value.rows).toBe(200);
    expect(scored.value.added).toEqual(['predicted_class', 'probability_bad']);
    expect(scored.value.preview).toHaveLength(5);
    const stages = progress.filter((p) => p.kind === 'score').map((p) => p.stage);
    expect(stages).toEqual(expect.arrayContaining(['model', 'import', 'score', 'write']));
    const cli = path.join(tmp, 'cli-scored.csv');
    await runJob({ type: 'score', file: dataset('german_credit.test.csv'), modelDir: pkg.value.path, out: cli });
    expect(readFileSync(scored.value.path, 'utf8')).toBe(readFileSync(cli, 'utf8'));
  });
});
