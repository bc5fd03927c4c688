import { describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames, listenerName, splitName } from '../../src/shared/ipc/contract';

const exposed = new Map<string, unknown>();
const ipcListeners = new Map<string, Set<(...a: unknown[]) => void>>();
const invoke = vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke,
    on: (name: string, l: (...a: unknown[]) => void) => {
      if (!ipcListeners.has(name)) ipcListeners.set(name, new Set());
      ipcListeners.get(name)!.add(l);
    },
    removeListener: (name: string, l: (...a: unknown[]) => void) => ipcListeners.get(name)?.delete(l),
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));
await import('../../src/preload/index');
type Api = Record<string, Record<string, (...a: unknown[]) => unknown>>;
const api = exposed.get('modelwise') as Api;

describe('preload', () => {
  it('exposes one object, window.modelwise, and never ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['modelwise']);
    const values = Object.values(api).flatMap((d) => Object.values(d));
    expect(values.every((v) => typeof v === 'function')).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toContain('ipc');
  });

  it('has one method per channel and one listener per event, and nothing else', () => {
    const expected = [
      ...channelNames.map((c) => splitName(c).join('.')),
      ...eventNames.map((e) => `${splitName(e)[0]}.${listenerName(e)}`),
      'files.pathForFile',
    ].sort();
    const actual = Object.entries(api)
      .flatMap(([d, methods]) => Object.keys(methods).map((m) => `${d}.${m}`))
      .sort();
    expect(actual).toEqual(expected);
  });

  it('invokes the channel with the request', async () => {
    expect(await api.project!.open!({ path: '/p' })).toEqual({
      ok: true,
      value: { channel: 'project:open', request: { path: '/p' } },
    });
    await api.app!.info!();
    expect(invoke).toHaveBeenLastCalledWith('app:info', {});
  });

  it('delivers event payloads (not the IPC event) and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.train!.onEpoch!((p: unknown) => seen.push(p)) as () => void;
    const [l] = [...ipcListeners.get('train:epoch')!];
    l!({ sender: 'ipc-event' }, { epoch: 2 });
    expect(seen).toEqual([{ epoch: 2 }]);
    off();
    expect(ipcListeners.get('train:epoch')!.size).toBe(0);
    expect(() => api.train!.onEpoch!('not a function')).toThrow(TypeError);
  });

  it('gives the path of a dropped file', () => {
    expect(api.files!.pathForFile!({ name: 'loans.csv' })).toBe('/dropped/loans.csv');
  });
});
