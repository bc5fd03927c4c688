#!/usr/bin/env node
// Root postinstall: fetch the Electron binary (warns only when offline), then build, so that
// `npx modelwise …` and `npm start` work right after `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = (script) =>
  spawnSync(process.execPath, [path.join(root, 'scripts', script)], { cwd: root, stdio: 'inherit' });

node('fetch-electron.mjs');
if (process.env.MODELWISE_SKIP_BUILD === '1') process.exit(0);
if (
  !existsSync(path.join(root, 'node_modules', 'esbuild')) ||
  !existsSync(path.join(root, 'node_modules', 'electron-vite'))
) {
  console.warn('modelwise: build tools not installed (production install?); skipping the build.');
  process.exit(0);
}
const r = node('build.mjs');
process.exit(r.status ?? 1);
