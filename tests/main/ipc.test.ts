import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/backend';
import { channelNames, eventNames } from '../../src/shared/ipc/contract';

// A fake ipcMain that records what main registers (the real one needs the Electron binary).
const handlers = new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, h: (event: unknown, raw: unknown) => Promise<unknown>) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, h);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerIpc } = await import('../../src/main/ipc');

const rendererRoot = path.resolve('/opt/modelwise/out/renderer');
const page = pathToFileURL(path.join(rendererRoot, 'index.html')).href;
const event = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

function fakeBackend() {
  const listeners = new Map<string, (payload: unknown) => void>();
  const backend = {
    handle: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
    on: vi.fn((name: string, l: (payload: unknown) => void) => {
      listeners.set(name, l);
      return () => listeners.delete(name);
    }),
  };
  return { backend: backend as unknown as Backend & typeof backend, listeners };
}

beforeEach(() => handlers.clear());

describe('IPC registration', () => {
  it('registers every contract channel once, and removes them all', () => {
    const { backend, listeners } = fakeBackend();
    const dispose = registerIpc({ backend, origins: { rendererRoot }, windows: () => [] });
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect([...listeners.keys()].sort()).toEqual([...eventNames].sort());
    dispose();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('passes a call from the wizard page to the back end with the caller', async () => {
    const { backend } = fakeBackend();
    registerIpc({ backend, origins: { rendererRoot }, windows: () => [] });
    const result = await handlers.get('project:open')!(event(page), { path: '/x' });
    expect(result).toEqual({ ok: true, value: 'project:open' });
    expect(backend.handle).toHaveBeenCalledWith(
      'project:open',
      { path: '/x' },
      { transport: 'electron', origin: page },
    );
  });

  it('refuses calls from any other frame before they reach the back end', async () => {
    const { backend } = fakeBackend();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    registerIpc({ backend, origins: { rendererRoot }, windows: () => [] });
    const h = handlers.get('data:import')!;
    for (const e of [
      event('https://example.com/'),
      event(page, { url: page }),
      event(pathToFileURL(path.join(rendererRoot, 'report.html')).href),
      { senderFrame: null },
    ]) {
      expect(await h(e, { path: '/etc/passwd' })).toEqual({
        ok: false,
        error: { code: 'ACCESS_DENIED', key: 'errors.ACCESS_DENIED', params: {} },
      });
    }
    expect(backend.handle).not.toHaveBeenCalled();
  });

  it('forwards back-end events to live windows only', () => {
    const { backend, listeners } = fakeBackend();
    const live = { isDestroyed: () => false, webContents: { send: vi.fn() } };
    const gone = { isDestroyed: () => true, webContents: { send: vi.fn() } };
    registerIpc({
      backend,
      origins: { rendererRoot },
      windows: () => [live, gone] as unknown as Electron.BrowserWindow[],
    });
    listeners.get('train:epoch')!({ runId: 'r', epoch: 1 });
    expect(live.webContents.send).toHaveBeenCalledWith('train:epoch', { runId: 'r', epoch: 1 });
    expect(gone.webContents.send).not.toHaveBeenCalled();
  });
});
