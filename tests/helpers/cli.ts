/**
 * Runs the BUILT command line (`bin/modelwise.js` → `out/node/cli.js`) as a user would, building
 * the Node bundle and the renderer first when they are missing or stale.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { ensureRendererBuilt } from './renderer';

function newest(p: string): number {
  const st = statSync(p);
  return st.isDirectory()
    ? readdirSync(p).reduce((m, n) => Math.max(m, newest(path.join(p, n))), st.mtimeMs)
    : st.mtimeMs;
}

/** Build `out/node` unless it is newer than every source it bundles. */
export function ensureCliBuilt(): void {
  ensureRendererBuilt();
  const cli = path.join(repoRoot, 'out', 'node', 'cli.js');
  const sources = ['src/cli', 'src/engine', 'src/shared', 'src/backend']
    .map((s) => path.join(repoRoot, s))
    .filter(existsSync);
  if (existsSync(cli) && sources.every((s) => newest(s) <= statSync(cli).mtimeMs)) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-node.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build-node failed:\n${r.stdout}\n${r.stderr}`);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `modelwise ARGS…` and collect its output. */
export function modelwise(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'modelwise.js'), ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Text of a PDF via poppler's `pdftotext -layout`. */
export function pdfText(file: string): string {
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}
