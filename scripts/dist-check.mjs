#!/usr/bin/env node
// `npm run dist:check`: validate electron-builder.yml offline (DESIGN "Setup"): package the built
// app for Linux into dist/linux-unpacked with a placeholder Electron, so app.asar and the unpacked
// native modules can be inspected. Real installers (`npm run dist`) need the internet.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const placeholder = mkdtempSync(path.join(os.tmpdir(), 'modelwise-electron-dist-'));
writeFileSync(
  path.join(placeholder, 'electron'),
  '#!/bin/sh\necho "placeholder Electron for dist:check" >&2\nexit 1\n',
);
chmodSync(path.join(placeholder, 'electron'), 0o755);
const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
const r = spawnSync(
  process.execPath,
  [builder, '--linux', 'dir', `-c.electronDist=${placeholder}`, '-c.electronVersion=45.5.0'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
