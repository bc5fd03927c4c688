/**
 * Where the back end finds the app's own files and where it keeps the user's, whether it runs
 * from source (tests), from `out/` or from a packaged app. (The engine has its own `engine/paths.ts`;
 * the back end may not import the engine, and needs only the root and the per-user folders.)
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Modelwise package root: `MODELWISE_APP_ROOT`, else the nearest folder above `from` (a file
 * URL or path; this module by default) whose package.json is named `modelwise`.
 * @throws Error when there is none (a broken installation).
 */
export function findAppRoot(from: string = import.meta.url): string {
  if (process.env.MODELWISE_APP_ROOT) return process.env.MODELWISE_APP_ROOT;
  let dir = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : path.resolve(from));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'modelwise') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`Modelwise installation is broken: no package.json named modelwise above ${from}`);
    dir = parent;
  }
}

/** `version` of the app's package.json. */
export function readAppVersion(appRoot: string): string {
  return (JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * Per-user settings folder (recent projects), as Electron's `app.getPath('userData')` would name it,
 * so the web transport and the desktop app share one recent list: `MODELWISE_USER_DATA`, else
 * `%APPDATA%\modelwise`, `~/Library/Application Support/modelwise`, `$XDG_CONFIG_HOME/modelwise`.
 */
export function defaultUserDataDir(): string {
  if (process.env.MODELWISE_USER_DATA) return process.env.MODELWISE_USER_DATA;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'modelwise');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'modelwise');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'modelwise');
}

/** Where new projects go unless the user picks a folder: `MODELWISE_PROJECTS_DIR`, else `~/Modelwise`. */
export function defaultProjectsDir(): string {
  return process.env.MODELWISE_PROJECTS_DIR ?? path.join(os.homedir(), 'Modelwise');
}

/** Whether `child` is `parent` or lies inside it (after resolving both). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
