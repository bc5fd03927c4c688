// `model:export` and `model:score` through the back end with the stand-in engine host: where the
// package and the scored file go on each transport (the web's download links, the desktop's
// chosen paths), scoring in a host of its own with `job:progress` events, one scoring at a time,
// cancel, and the engine's typed errors passed through unchanged.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Caller } from '../../src/backend';
import type { EventPayload } from '../../src/shared/ipc/contract';
import { repoRoot } from '../helpers/paths';
import { fixture, tsForker, until } from './helpers';

let tmp: string;
let backend: Backend;
let caller: Caller;

function make(transport: 'web' | 'electron'): Backend {
  caller = { transport, origin: 'test' };
  return createBackend({
    transport,
    projectsDir: path.join(tmp, 'projects'),
    userDataDir: path.join(tmp, 'user'),
    resourcesDir: path.join(repoRoot, 'resources'),
    forker: tsForker,
    hostModule: fixture('fakeEngineHost.ts'),
    cancelTimeoutMs: 2000,
    validateResponses: true,
  });
}

/** A project named `name` with a trained (stand-in) model; answers the project folder. */
async function trained(name: string): Promise<string> {
  const created = await backend.handle('project:create', { name }, caller);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const finished: EventPayload<'train:finished'>[] = [];
  backend.on('train:finished', (e) => finished.push(e));
  await backend.handle('train:start', { settings: { epochs: 1 } }, caller);
  await until(() => finished.length > 0);
  expect(finished[0]!.project?.project.model).not.toBeNull();
  return created.value.path;
}

function dataFile(name: string, header = 'age,amount'): string {
  const file = path.join(tmp, name);
  writeFileSync(file, `${header}\n30,100\n40,200\n50,300\n`);
  return file;
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-model-'));
});
afterEach(async () => {
  await backend.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('web transport', () => {
  beforeEach(() => {
    backend = make('web');
  });

  it('needs a trained model to export or score, and says so', async () => {
    await backend.handle('project:create', { name: 'Untrained' }, caller);
    expect(await backend.handle('model:export', {}, caller)).toMatchObject({ ok: false, error: { code: 'NO_MODEL' } });
    expect(await backend.handle('model:score', { path: dataFile('new.csv') }, caller)).toMatchObject({
      ok: false,
      error: { code: 'NO_MODEL' },
    });
  });

  it('exports the package into exports/ as a download, ignoring a path from the page', async () => {
    const dir = await trained('Credit');
    const r = await backend.handle('model:export', { path: '/etc/evil.zip' }, caller);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.path).toBe(path.join(dir, 'exports', 'Credit model.zip'));
    expect(readFileSync(r.value.path, 'utf8')).toMatch(/^PK/);
    expect(existsSync('/etc/evil.zip')).toBe(false);
    const id = r.value.downloadUrl!.replace('/api/download/', '');
    expect(backend.takeDownload(id)).toEqual({ path: r.value.path, name: 'Credit model.zip' });
    expect(backend.takeDownload(id)).toEqual({ path: r.value.path, name: 'Credit model.zip' });
    // A second export does not overwrite the first.
    const again = await backend.handle('model:export', {}, caller);
    expect(again.ok && again.value.path).toBe(path.join(dir, 'exports', 'Credit model (2).zip'));
  });

  it('scores in a host of its own with score progress, and offers the scored CSV for download', async () => {
    const dir = await trained('Scoring');
    const progress: EventPayload<'job:progress'>[] = [];
    backend.on('job:progress', (p) => progress.push(p));
    const r = await backend.handle('model:score', { path: dataFile('applicants.csv'), out: '/etc/x.csv' }, caller);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value).toMatchObject({ rows: 3, added: ['predicted_class', 'probability_bad'] });
    expect(r.value.path).toBe(path.join(dir, 'exports', 'applicants scored.csv'));
    expect(r.value.preview).toHaveLength(3);
    expect(r.value.preview[0]).toMatchObject({ age: '30', predicted_class: 'good' });
    expect(readFileSync(r.value.path, 'utf8').trim().split('\n')).toHaveLength(4);
    const stages = progress.filter((p) => p.kind === 'score').map((p) => p.stage);
    expect(stages).toEqual(expect.arrayContaining(['model', 'import', 'write']));
    expect(new Set(progress.filter((p) => p.kind === 'score').map((p) => p.jobId)).size).toBe(1);
    const id = r.value.downloadUrl!.replace('/api/download/', '');
    expect(backend.takeDownload(id)?.name).toBe('applicants scored.csv');
    // The project host is not the one that scored: it still answers.
    expect((await backend.handle('project:update', { target: 'class' }, caller)).ok).toBe(true);
  });

  it("passes the engine's typed error through, naming the file and the column", async () => {
    await trained('Errors');
    const file = dataFile('wrong.csv', 'MISSING,amount');
    const r = await backend.handle('model:score', { path: file }, caller);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'COLUMN_NOT_FOUND', key: 'errors.SCORE_COLUMN_MISSING', params: { file, column: 'age' } },
    });
    const none = await backend.handle('model:score', { path: path.join(tmp, 'nope.csv') }, caller);
    expect(none).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } });
  });

  it('scores one file at a time, and cancels', async () => {
    await trained('Busy');
    const progress: EventPayload<'job:progress'>[] = [];
    backend.on('job:progress', (p) => progress.push(p));
    const slow = backend.handle('model:score', { path: dataFile('slow.csv', 'SLOW,amount') }, caller);
    await until(() => progress.some((p) => p.stage === 'score'));
    expect(await backend.handle('model:score', { path: dataFile('other.csv') }, caller)).toMatchObject({
      ok: false,
      error: { code: 'BUSY', params: { what: 'scoring' } },
    });
    expect(await backend.handle('model:cancelScore', {}, caller)).toEqual({ ok: true, value: { ok: true } });
    expect(await slow).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    // Free again.
    expect((await backend.handle('model:score', { path: dataFile('after.csv') }, caller)).ok).toBe(true);
  });
});

describe('desktop transport', () => {
  beforeEach(() => {
    backend = make('electron');
  });

  it('writes the package and the scored file where the save dialog said, with no download', async () => {
    await trained('Desk');
    const zip = path.join(tmp, 'chosen', 'credit-model.zip');
    const r = await backend.handle('model:export', { path: zip }, caller);
    expect(r).toEqual({ ok: true, value: { path: zip, downloadUrl: null } });
    expect(existsSync(zip)).toBe(true);

    const out = path.join(tmp, 'chosen', 'scored.csv');
    const s = await backend.handle('model:score', { path: dataFile('new.csv'), out }, caller);
    expect(s).toMatchObject({ ok: true, value: { path: out, downloadUrl: null, rows: 3 } });
    expect(readFileSync(out, 'utf8')).toMatch(/^age,amount,predicted_class,probability_bad\n/);
  });
});
