#!/usr/bin/env node
// `npm start` / `npm run web` (= `--web`): build what is missing, then open Modelwise — the desktop
// app when the Electron binary is installed, otherwise (or with --web) the loopback web transport
// in the default browser. Never `require('electron')` here: that tries to download the binary.
//
//   npm start [-- --web] [--port N] [--no-open] [--projects-dir DIR] [--user-data-dir DIR] [--chromium PATH]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p) => path.join(root, 'out', ...p);
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passOn = args.filter((a) => a !== '--web');

/** The Electron executable when `npm install` could fetch it, else null and why. */
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pkg)) return { bin: null, why: 'the electron package is not installed' };
  if (!existsSync(pathTxt)) return { bin: null, why: 'the Electron binary was not downloaded (offline install?)' };
  const bin = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(bin)) return { bin: null, why: `the Electron binary is missing (${bin})` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { bin: null, why: 'there is no display (DISPLAY / WAYLAND_DISPLAY unset)' };
  return { bin, why: null };
}

function run(script, scriptArgs = []) {
  const r = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`modelwise: building failed (${path.relative(root, script)}); see above.`);
    process.exit(r.status ?? 1);
  }
}

const electron = forceWeb ? { bin: null, why: null } : electronBinary();
const useElectron = electron.bin !== null;

// Build what is missing.
if (!existsSync(out('node', 'web.js')) || !existsSync(out('node', 'engine.host.js'))) {
  console.log('modelwise: building the engine and the back end (out/node) …');
  run(path.join(root, 'scripts', 'build-node.mjs'));
}
const needShell = useElectron && (!existsSync(out('main', 'index.js')) || !existsSync(out('preload', 'index.cjs')));
if (!existsSync(out('renderer', 'index.html')) || needShell) {
  console.log('modelwise: building the window (out/renderer, out/main, out/preload) …');
  run(path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), ['build']);
}

let child;
if (useElectron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  child = spawn(electron.bin, [root, ...passOn.filter((a) => a !== '--no-open')], { cwd: root, stdio: 'inherit', env });
} else {
  if (electron.why) console.log(`modelwise: starting in your browser, because ${electron.why}.`);
  child = spawn(process.execPath, [out('node', 'web.js'), ...passOn], { cwd: root, stdio: 'inherit' });
}
// Ctrl+C reaches the child from the terminal too; forward signals sent to us alone.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`modelwise: could not start: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
