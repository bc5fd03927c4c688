/**
 * Preload of the sandboxed wizard window (DESIGN "IPC contract"; VS Code's narrow preload,
 * Electron's context-isolation guide): exposes ONE object, `window.modelwise`, with one method
 * per contract channel (`modelwise.project.open({ path })` → `Result`) and one listener per event
 * (`modelwise.train.onEpoch(cb)` → unsubscribe), plus `files.pathForFile` for dropped files.
 * `ipcRenderer` itself is never exposed. Bundled into one CommonJS file so `sandbox: true` works.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { channelNames, eventNames, listenerName, splitName, type DesktopExtras } from '../shared/ipc/contract';

type Api = Record<string, Record<string, (arg: never) => unknown>>;

/** Build the object exposed as `window.modelwise` (exported for the tests). */
export function buildApi(): Api & DesktopExtras {
  const api: Api = {};
  const domain = (d: string) => (api[d] ??= {});
  for (const channel of channelNames) {
    const [d, verb] = splitName(channel);
    domain(d)[verb] = (request: unknown) => ipcRenderer.invoke(channel, request ?? {});
  }
  for (const event of eventNames) {
    const [d] = splitName(event);
    domain(d)[listenerName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${event}: the listener must be a function`);
      // Pass the payload only, never the IPC event (it carries `sender`, a way back to ipcRenderer).
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(event, wrapped);
      return () => void ipcRenderer.removeListener(event, wrapped);
    };
  }
  const files: DesktopExtras['files'] = { pathForFile: (file) => webUtils.getPathForFile(file as File) };
  return Object.assign(api, { files }) as Api & DesktopExtras;
}

contextBridge.exposeInMainWorld('modelwise', buildApi());
