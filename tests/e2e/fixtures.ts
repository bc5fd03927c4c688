/**
 * End-to-end fixture (DESIGN "Examples to follow" 10, after Mattermost's e2e fixtures): each test
 * gets its own Modelwise — the built web transport (`out/node/web.js`) on a free port, with a
 * fresh projects folder and user-data folder — and a page already signed in with the launch
 * token. The server and every engine host stop after the test; the folders are deleted.
 *
 *   import { expect, test } from './fixtures';
 *   test('imports a file', async ({ app }) => { await app.page.getByRole('button', …) … });
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webEntry = path.join(repoRoot, 'out', 'node', 'web.js');

export interface ModelwiseApp {
  /** Base URL, `http://127.0.0.1:PORT/` (the page has the cookie; the token is not needed again). */
  url: string;
  /** The launch token (for calls outside the page, as the `x-modelwise-token` header). */
  token: string;
  /** The page, on the wizard, signed in. */
  page: Page;
  projectsDir: string;
  userDataDir: string;
  /** Everything the server printed so far (stdout and stderr), for failure messages. */
  output(): string;
}

/** Start the web transport; resolves with its launch URL once it prints it. */
async function startServer(
  projectsDir: string,
  userDataDir: string,
): Promise<{ child: ChildProcess; launchUrl: string; output: () => string }> {
  if (!existsSync(webEntry))
    throw new Error(`${webEntry} is missing: run \`npm run build\` before the end-to-end tests.`);
  const child = spawn(
    process.execPath,
    [webEntry, '--no-open', '--projects-dir', projectsDir, '--user-data-dir', userDataDir],
    {
      cwd: repoRoot,
      env: { ...process.env, CI: '1', MODELWISE_USER_DATA: userDataDir, MODELWISE_PROJECTS_DIR: projectsDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const m = /Modelwise is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web server exited (${code}) before it was ready:\n${log}`));
    });
  });
  return { child, launchUrl, output: () => log };
}

/** SIGINT (the server's own clean stop: hosts ended), then SIGKILL if it lingers. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export const test = base.extend<{ app: ModelwiseApp }>({
  app: async ({ page }, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-e2e-'));
    const projectsDir = path.join(dir, 'projects');
    const userDataDir = path.join(dir, 'user-data');
    const server = await startServer(projectsDir, userDataDir);
    try {
      const { origin, searchParams } = new URL(server.launchUrl);
      // The launch URL trades the token for the session cookie and redirects to the wizard.
      await page.goto(server.launchUrl);
      await expect(page).toHaveURL(`${origin}/`);
      await use({
        url: `${origin}/`,
        token: searchParams.get('token')!,
        page,
        projectsDir,
        userDataDir,
        output: server.output,
      });
    } finally {
      await stopServer(server.child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect };
