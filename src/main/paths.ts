/** Where the desktop app's built parts are: `out/main` (this bundle) beside `out/preload`, `out/renderer`, `out/node`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const builtPaths = {
  rendererRoot: path.join(outDir, 'renderer'),
  preload: path.join(outDir, 'preload', 'index.cjs'),
  printPreload: path.join(outDir, 'preload', 'report.cjs'),
  /** The engine host, built by `scripts/build-node.mjs` — the same file the web transport forks. */
  engineHost: path.join(outDir, 'node', 'engine.host.js'),
};
