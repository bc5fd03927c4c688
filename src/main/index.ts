/**
 * Electron main process: a thin shell around the back end (DESIGN "The shape in one paragraph").
 * One instance, one secure window, the offline guard and permission refusal on the session, the
 * contract on IPC, engine hosts in utility processes, native dialogs, PDF printing; on quit the
 * hosts are shut down (killed after a timeout).
 */
import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { createBackend, type Backend } from '../backend';
import { createPdfPrinter } from './pdf';
import { openFile, saveFile } from './dialogs';
import { utilityProcessForker } from './forker';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { builtPaths } from './paths';
import { denyPermissions, hardenWebContents, installOfflineGuard, type AppOrigins } from './security';
import { createMainWindow } from './window';

const origins: AppOrigins = { rendererRoot: builtPaths.rendererRoot, devServer: process.env.ELECTRON_RENDERER_URL };
let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

// Tests and portable setups may move the per-user folder (must happen before `ready`).
if (process.env.MODELWISE_USER_DATA) app.setPath('userData', process.env.MODELWISE_USER_DATA);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));
  void app.whenReady().then(start);
}

function start(): void {
  installOfflineGuard(session.defaultSession, origins);
  denyPermissions(session.defaultSession);
  const appRoot = app.getAppPath();
  const printPdf = createPdfPrinter({ origins, preload: builtPaths.printPreload });
  const parent = () => BrowserWindow.getFocusedWindow() ?? mainWindow;
  backend = createBackend({
    transport: 'electron',
    projectsDir: process.env.MODELWISE_PROJECTS_DIR ?? path.join(app.getPath('documents'), 'Modelwise'),
    userDataDir: app.getPath('userData'),
    resourcesDir: process.env.MODELWISE_RESOURCES ?? path.join(appRoot, 'resources'),
    forker: utilityProcessForker,
    hostModule: builtPaths.engineHost,
    hostEnv: { MODELWISE_APP_ROOT: appRoot },
    version: app.getVersion(),
    ...(process.env.MODELWISE_CHROMIUM ? { chromium: process.env.MODELWISE_CHROMIUM } : {}),
    desktop: {
      openFile: (request) => openFile(request, parent()),
      saveFile: (request) => saveFile(request, parent()),
      printPdf,
    },
  });
  registerIpc({ backend, origins, windows: () => (mainWindow ? [mainWindow] : []) });
  installMenu({ dev: !app.isPackaged });
  openMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

function openMainWindow(): void {
  mainWindow = createMainWindow({ origins, preload: builtPaths.preload });
  mainWindow.on('closed', () => (mainWindow = null));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let stopped = false;
app.on('before-quit', (event) => {
  if (stopped || !backend) return;
  // Shut the engine hosts down (DuckDB closes cleanly) before the process goes.
  event.preventDefault();
  void backend.close().finally(() => {
    stopped = true;
    app.quit();
  });
});
