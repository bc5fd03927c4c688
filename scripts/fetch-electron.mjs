#!/usr/bin/env node
// Root postinstall. Since Electron 42 the `electron` package fetches its binary lazily; run its
// installer now so a user online gets the desktop app from a plain `npm install`. Offline (or
// behind a proxy that refuses GitHub) this only warns: the engine, CLI and web transport need no
// Electron binary, and `npm start` falls back to the browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

if (process.env.MODELWISE_SKIP_ELECTRON_DOWNLOAD === '1') process.exit(0);

let installer;
try {
  installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
} catch {
  // Production install without devDependencies: nothing to fetch.
  process.exit(0);
}
if (!existsSync(installer)) process.exit(0);

const result = spawnSync(process.execPath, [installer], {
  stdio: ['ignore', 'pipe', 'pipe'],
  timeout: 5 * 60 * 1000,
  encoding: 'utf8',
});
if (result.status === 0) {
  process.exit(0);
}
const reason = (result.stderr || result.stdout || String(result.error ?? '')).trim().split('\n')[0];
console.warn(
  `modelwise: the Electron binary could not be downloaded (${reason || 'no reason given'}).\n` +
    'modelwise: the command line and `npm start` (in your browser) still work; run `npm install` again online for the desktop window.',
);
process.exit(0);
