/**
 * The built renderer for tests that print or open `report.html`: builds it with electron-vite when
 * `out/renderer/report.html` is missing or older than any source it is made from. A lock folder
 * keeps parallel test files from building at the same time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';

export const builtRendererDir = path.join(repoRoot, 'out', 'renderer');

const SOURCES = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'svelte.config.js'];

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

function isFresh(): boolean {
  const page = path.join(builtRendererDir, 'report.html');
  if (!existsSync(page)) return false;
  const built = statSync(page).mtimeMs;
  return SOURCES.every((s) => !existsSync(path.join(repoRoot, s)) || newestMtime(path.join(repoRoot, s)) <= built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Build the renderer unless an up-to-date build exists; returns `out/renderer`. */
export function ensureRendererBuilt(): string {
  if (isFresh()) return builtRendererDir;
  const lock = path.join(os.tmpdir(), `modelwise-renderer-build-${Buffer.from(repoRoot).toString('hex').slice(-24)}`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after five minutes.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 300_000) rmdirSync(lock);
      if (Date.now() > deadline) throw new Error(`waited too long for the renderer build lock ${lock}`);
      sleep(500);
    }
  }
  try {
    if (!isFresh()) {
      const cli = path.join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
      const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
        cwd: repoRoot,
        encoding: 'utf8',
      });
      if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
  return builtRendererDir;
}
