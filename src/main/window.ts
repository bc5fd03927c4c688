/**
 * The main window (SPEC §10): sandboxed renderer with context isolation and no Node, web security
 * on, the one narrow preload, the wizard page from the built files (or the dev server).
 */
import { BrowserWindow } from 'electron';
import path from 'node:path';
import type { AppOrigins } from './security';

export interface WindowOptions {
  origins: AppOrigins;
  /** Built preload (`out/preload/index.cjs`). */
  preload: string;
}

/** Secure `webPreferences` shared by every window of the app. */
export function securePreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function createMainWindow({ origins, preload }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 820,
    minWidth: 720,
    minHeight: 560,
    show: false,
    title: 'Modelwise',
    webPreferences: securePreferences(preload),
  });
  win.once('ready-to-show', () => win.show());
  if (origins.devServer) void win.loadURL(origins.devServer);
  else void win.loadFile(path.join(origins.rendererRoot, 'index.html'));
  return win;
}
