/**
 * `npm run web` (and `npm start` without an Electron binary): Modelwise in the browser through the
 * loopback web transport. Built to `out/node/web.js`.
 *
 *   node out/node/web.js [--port N] [--no-open] [--projects-dir DIR] [--user-data-dir DIR] [--chromium PATH]
 *
 * Prints `Modelwise is running at http://127.0.0.1:PORT/?token=…`, opens the default browser
 * (not with `--no-open` or when `CI` is set), and stops cleanly on Ctrl+C, ending every engine host.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from '../index';
import { createChildProcessForker, type Forker } from '../hosts/forker';
import { defaultProjectsDir, defaultUserDataDir, findAppRoot } from '../paths';
import { startWebServer, type WebServer } from './server';

const USAGE =
  'usage: modelwise-web [--port N] [--no-open] [--projects-dir DIR] [--user-data-dir DIR] [--chromium PATH]';

/** The engine host entry beside this bundle, else the built one, else the TypeScript source (through tsx). */
function locateHost(appRoot: string): { modulePath: string; forker: Forker } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, 'engine.host.js'), path.join(appRoot, 'out', 'node', 'engine.host.js')]) {
    if (existsSync(candidate)) return { modulePath: candidate, forker: createChildProcessForker() };
  }
  return {
    modulePath: path.join(appRoot, 'src', 'backend', 'hosts', 'engine.host.ts'),
    forker: createChildProcessForker({ execArgv: ['--import', 'tsx'] }),
  };
}

/** Open `url` in the default browser where there is one; failures are ignored (the URL is printed). */
function openBrowser(url: string): void {
  let command: string;
  let args: string[];
  if (process.platform === 'darwin') [command, args] = ['open', [url]];
  else if (process.platform === 'win32') [command, args] = ['cmd', ['/c', 'start', '""', url]];
  else {
    // Without a display xdg-open may start a text browser in this very terminal.
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
    [command, args] = ['xdg-open', [url]];
  }
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser: the printed URL is enough
  }
}

const parse = () =>
  parseArgs({
    options: {
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      'projects-dir': { type: 'string' },
      'user-data-dir': { type: 'string' },
      chromium: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".\n${USAGE}`);
    process.exit(2);
  }

  const appRoot = findAppRoot(import.meta.url);
  const host = locateHost(appRoot);
  const backend = createBackend({
    transport: 'web',
    projectsDir: path.resolve(values['projects-dir'] ?? defaultProjectsDir()),
    userDataDir: path.resolve(values['user-data-dir'] ?? defaultUserDataDir()),
    resourcesDir: process.env.MODELWISE_RESOURCES ?? path.join(appRoot, 'resources'),
    forker: host.forker,
    hostModule: host.modulePath,
    hostEnv: { MODELWISE_APP_ROOT: appRoot },
    ...(values.chromium ? { chromium: values.chromium } : {}),
  });

  let server: WebServer;
  try {
    server = await startWebServer({ backend, rendererDir: path.join(appRoot, 'out', 'renderer'), port });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} is already in use; choose another with --port N (or leave it out for a free one).`
        : `Could not start: ${(err as Error).message}`,
    );
    await backend.close();
    process.exit(1);
  }
  if (!existsSync(path.join(appRoot, 'out', 'renderer', 'index.html'))) {
    console.warn('The window (out/renderer) is not built yet: run `npm run build`. The API works meanwhile.');
  }
  console.log(`Modelwise is running at ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  if (!values['no-open'] && !process.env.CI) openBrowser(server.url);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping Modelwise (${signal}) …`);
    // A second Ctrl+C, or a host that will not die, must not leave the terminal stuck.
    setTimeout(() => process.exit(1), 10_000).unref();
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
