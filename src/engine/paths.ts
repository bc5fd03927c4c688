/** Where the app's own files are, whether run from source (tests), from `out/` or packaged. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/**
 * The Modelwise package root: the nearest folder above this module whose package.json is named
 * `modelwise`. Override with `MODELWISE_APP_ROOT`.
 * @throws Error when no such folder exists (a broken installation).
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  if (process.env.MODELWISE_APP_ROOT) return (cachedRoot = process.env.MODELWISE_APP_ROOT);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'modelwise')
          return (cachedRoot = dir);
      } catch {
        // keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error('Modelwise installation is broken: package.json not found above ' + import.meta.url);
    dir = parent;
  }
}

/** Version of the app, from package.json. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** `resources/` of the app (templates, samples, fonts). */
export function resourcesDir(): string {
  return process.env.MODELWISE_RESOURCES ?? path.join(appRoot(), 'resources');
}

/** Built renderer (`out/renderer`), holding `index.html` and `report.html`. */
export function rendererDir(): string {
  return path.join(appRoot(), 'out', 'renderer');
}
