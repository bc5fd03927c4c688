/**
 * Desktop smoke tests through Playwright's `_electron` (DESIGN.md "Tests"). They need the Electron
 * binary, which `npm install` fetches only when it can reach the internet: without it they skip and
 * say why. Run after `npm run build`.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Electron executable, found the way `scripts/start.mjs` finds it (never `require('electron')`). */
function electronBinary(): { bin: string | null; why: string } {
  const pathTxt = path.join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt))
    return {
      bin: null,
      why: 'the Electron binary is not installed (node_modules/electron/path.txt is missing; offline install)',
    };
  const bin = path.join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(bin)) return { bin: null, why: `the Electron binary is missing at ${bin}` };
  if (!existsSync(path.join(repoRoot, 'out', 'main', 'index.js')))
    return { bin: null, why: 'the app is not built (run `npm run build`)' };
  return { bin, why: '' };
}

const { bin, why } = electronBinary();
if (bin === null) console.warn(`Electron smoke tests skipped: ${why}.`);
test.skip(bin === null, `Electron smoke tests skipped: ${why}.`);

let app: ElectronApplication;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(path.join(os.tmpdir(), 'mw-electron-'));
  app = await electron.launch({
    executablePath: bin!,
    args: [repoRoot, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, MODELWISE_USER_DATA: userData, MODELWISE_PROJECTS_DIR: path.join(userData, 'projects') },
  });
});
test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens one secure window with the contract and nothing else', async () => {
  const page = await app.firstWindow();
  await expect(page).toHaveTitle(/Modelwise/);
  const exposed = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const api = w.modelwise as Record<string, Record<string, unknown>> | undefined;
    return {
      hasApi: typeof api === 'object',
      appInfo: typeof api?.app?.info,
      onEpoch: typeof api?.train?.onEpoch,
      pathForFile: typeof api?.files?.pathForFile,
      require: typeof w.require,
      process: typeof w.process,
      ipcRenderer: typeof w.ipcRenderer,
    };
  });
  expect(exposed).toEqual({
    hasApi: true,
    appInfo: 'function',
    onEpoch: 'function',
    pathForFile: 'function',
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
  });
  // One window; the renderer has no Node (checked above) and no way to open others.
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('answers app:info over IPC', async () => {
  const page = await app.firstWindow();
  const info = await page.evaluate(() =>
    (window as unknown as { modelwise: { app: { info(r: object): Promise<unknown> } } }).modelwise.app.info({}),
  );
  expect(info).toMatchObject({ ok: true, value: { transport: 'electron' } });
});

test('refuses every network request (offline guard)', async () => {
  const page = await app.firstWindow();
  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/');
      return 'fetched';
    } catch {
      return 'refused';
    }
  });
  expect(outcome).toBe('refused');
});

test('refuses navigation away from the app and new windows', async () => {
  const page = await app.firstWindow();
  const before = page.url();
  await page.evaluate(() => {
    window.open('https://example.com/');
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
