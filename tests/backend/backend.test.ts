import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Caller } from '../../src/backend';
import { channels, type EventPayload } from '../../src/shared/ipc/contract';
import { repoRoot } from '../helpers/paths';
import { fixture, tsForker, until } from './helpers';

const caller: Caller = { transport: 'web', origin: 'test' };
let tmp: string;
let backend: Backend;

function make(extra: Partial<Parameters<typeof createBackend>[0]> = {}): Backend {
  return createBackend({
    transport: 'web',
    projectsDir: path.join(tmp, 'projects'),
    userDataDir: path.join(tmp, 'user'),
    resourcesDir: path.join(repoRoot, 'resources'),
    forker: tsForker,
    hostModule: fixture('fakeEngineHost.ts'),
    cancelTimeoutMs: 2000,
    validateResponses: true,
    ...extra,
  });
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-backend-'));
  backend = make();
});
afterEach(async () => {
  await backend.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('backend.handle', () => {
  it('refuses an unknown channel with a typed error', async () => {
    expect(await backend.handle('fs:readFile', { path: '/etc/passwd' }, caller)).toEqual({
      ok: false,
      error: { code: 'CHANNEL_UNKNOWN', key: 'errors.CHANNEL_UNKNOWN', params: { channel: 'fs:readFile' } },
    });
    expect((await backend.handle('__proto__', {}, caller)).ok).toBe(false);
  });

  it('refuses a malformed request with a typed error naming the field', async () => {
    const r = await backend.handle('project:open', { path: 42 }, caller);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('SETTING_INVALID');
      expect(r.error.params.setting).toBe('project:open');
      expect(String(r.error.params.reason)).toMatch(/^path:/);
    }
    const extra = await backend.handle('app:info', { sneaky: true }, caller);
    expect(extra.ok).toBe(false);
  });

  it('answers app:info within the contract', async () => {
    const r = await backend.handle('app:info', {}, caller);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(channels['app:info'].response.parse(r.value).transport).toBe('web');
      expect(r.value.version).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
      expect(r.value.projectsDir).toBe(path.join(tmp, 'projects'));
    }
  });

  it('lists the bundled templates, general first', async () => {
    const r = await backend.handle('template:list', {}, caller);
    expect(r.ok && r.value[0]?.id).toBe('general');
    expect(r.ok && r.value.map((t) => t.id).sort()).toEqual(['finance', 'general', 'manufacturing', 'medical']);
  });

  it('needs an open project for project calls, and says so', async () => {
    const r = await backend.handle('data:preview', { offset: 0, limit: 10 }, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_PROJECT' } });
    expect(await backend.handle('project:current', {}, caller)).toEqual({ ok: true, value: null });
  });

  it('answers dialogs as unsupported on the web', async () => {
    expect(await backend.handle('dialog:openFile', { purpose: 'data' }, caller)).toEqual({
      ok: true,
      value: { path: null, supported: false },
    });
  });

  it('refuses a project that does not exist', async () => {
    const r = await backend.handle('project:open', { path: path.join(tmp, 'nope.modelwise') }, caller);
    expect(r).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
  });
});

describe('projects through a project host', () => {
  it('creates, updates, lists as recent, closes and reopens a project', async () => {
    const created = await backend.handle('project:create', { name: 'Loans' }, caller);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.path).toBe(path.join(tmp, 'projects', 'Loans.modelwise'));
    const updated = await backend.handle('project:update', { target: 'default' }, caller);
    expect(updated.ok && updated.value.project.target).toBe('default');
    const recent = await backend.handle('project:recent', {}, caller);
    expect(recent.ok && recent.value.map((r) => r.path)).toEqual([created.value.path]);
    expect(existsSync(path.join(tmp, 'user', 'recent.json'))).toBe(true);

    expect((await backend.handle('project:close', {}, caller)).ok).toBe(true);
    expect(await backend.handle('project:current', {}, caller)).toEqual({ ok: true, value: null });
    const reopened = await backend.handle(
      'project:open',
      { path: path.join(created.value.path, 'project.json') },
      caller,
    );
    expect(reopened.ok && reopened.value.project.target).toBe('default');
  });

  it('survives a project host crash: the next call reopens the project in a new host', async () => {
    await backend.handle('project:create', { name: 'Crashy' }, caller);
    const crashed = await backend.handle('project:update', { settings: { crash: true } }, caller);
    expect(crashed).toMatchObject({
      ok: false,
      error: { code: 'HOST_CRASHED', params: { what: 'project', reason: 'exit code 7' } },
    });
    const after = await backend.handle('project:update', { target: 'y' }, caller);
    expect(after.ok).toBe(true);
    if (after.ok) {
      expect(after.value.project.target).toBe('y');
      expect(typeof after.value.project.settings.openedBy).toBe('number');
    }
  });

  it('exports a report into reports/ with a download link on the web that works again', async () => {
    await backend.handle('project:create', { name: 'Report' }, caller);
    const r = await backend.handle('report:export', { format: 'json', path: '/etc/evil.json' }, caller);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(path.dirname(r.value.path)).toBe(path.join(tmp, 'projects', 'Report.modelwise', 'reports'));
    const id = r.value.downloadUrl!.split('/').pop()!;
    expect(backend.takeDownload(id)?.path).toBe(r.value.path);
    // "Download again" on the Export step uses the same link.
    expect(backend.takeDownload(id)?.path).toBe(r.value.path);
    expect(backend.takeDownload('unknown')).toBeNull();
  });
});

describe('training runs in their own host', () => {
  function collect() {
    const epochs: EventPayload<'train:epoch'>[] = [];
    const finished: EventPayload<'train:finished'>[] = [];
    const progress: EventPayload<'job:progress'>[] = [];
    backend.on('train:epoch', (e) => epochs.push(e));
    backend.on('train:finished', (e) => finished.push(e));
    backend.on('job:progress', (e) => progress.push(e));
    return { epochs, finished, progress };
  }

  it('streams epochs, records the model and reports train:finished', async () => {
    const seen = collect();
    await backend.handle('project:create', { name: 'Train' }, caller);
    const started = await backend.handle('train:start', { settings: { epochs: 4 } }, caller);
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    await until(() => seen.finished.length > 0);
    expect(seen.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3]);
    expect(seen.epochs.every((e) => e.runId === started.value.runId && e.maxEpochs === 4)).toBe(true);
    expect(seen.progress.some((p) => p.jobId === started.value.runId && p.kind === 'train')).toBe(true);
    const done = seen.finished[0]!;
    expect(done).toMatchObject({ runId: started.value.runId, ok: true, cancelled: false, error: null });
    expect(done.project?.project.settings).toMatchObject({ recordedEpochs: 4, recordedCancelled: false });
  });

  it('refuses a second run while one is going', async () => {
    const seen = collect();
    await backend.handle('project:create', { name: 'Busy' }, caller);
    await backend.handle('train:start', { settings: { epochs: 3, mode: 'slow' } }, caller);
    expect(await backend.handle('train:start', {}, caller)).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    await until(() => seen.finished.length > 0);
  });

  it('cancels cooperatively and records the best model so far', async () => {
    const seen = collect();
    await backend.handle('project:create', { name: 'Cancel' }, caller);
    const started = await backend.handle('train:start', { settings: { epochs: 1000, mode: 'slow' } }, caller);
    if (!started.ok) throw new Error('not started');
    await until(() => seen.epochs.length >= 1);
    expect(await backend.handle('train:cancel', { runId: started.value.runId }, caller)).toEqual({
      ok: true,
      value: { ok: true },
    });
    await until(() => seen.finished.length > 0);
    expect(seen.finished[0]).toMatchObject({ ok: true, cancelled: true, error: null });
    expect(seen.finished[0]!.project?.project.settings.recordedCancelled).toBe(true);
  });

  it('reports a training host crash as HOST_CRASHED and keeps the project usable', async () => {
    const seen = collect();
    await backend.handle('project:create', { name: 'Boom' }, caller);
    await backend.handle('train:start', { settings: { mode: 'crash' } }, caller);
    await until(() => seen.finished.length > 0);
    expect(seen.finished[0]).toMatchObject({
      ok: false,
      cancelled: false,
      project: null,
      error: { code: 'HOST_CRASHED', params: { what: 'training' } },
    });
    const still = await backend.handle('project:update', { target: 'z' }, caller);
    expect(still.ok && still.value.project.target).toBe('z');
    const again = await backend.handle('train:start', { settings: { epochs: 1 } }, caller);
    expect(again.ok).toBe(true);
    await until(() => seen.finished.length > 1);
    expect(seen.finished[1]!.ok).toBe(true);
  });
});
