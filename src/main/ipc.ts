/**
 * The Electron transport of the contract: every channel registered once on `ipcMain.handle`
 * through the back end's `handle()`, after the sender check (VS Code's `validatedIpcMain`,
 * Mattermost's `ipcValidate`); back-end events forwarded to the app's windows.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Backend } from '../backend';
import { UserError } from '../shared/errors';
import { channelNames, eventNames, type Result } from '../shared/ipc/contract';
import { isTrustedSender, type AppOrigins } from './security';

export interface IpcOptions {
  backend: Backend;
  origins: AppOrigins;
  /** Windows that receive the back end's events. */
  windows: () => BrowserWindow[];
}

/** Register every channel; returns a function that removes them and stops forwarding events. */
export function registerIpc({ backend, origins, windows }: IpcOptions): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, origins)) {
        console.warn(`modelwise: refused ${channel} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        return { ok: false, error: new UserError('ACCESS_DENIED').toData() };
      }
      return backend.handle(channel, raw, { transport: 'electron', origin: event.senderFrame!.url });
    });
  }
  const unsubscribe = eventNames.map((name) =>
    backend.on(name, (payload) => {
      for (const win of windows()) if (!win.isDestroyed()) win.webContents.send(name, payload);
    }),
  );
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
    for (const u of unsubscribe) u();
  };
}
