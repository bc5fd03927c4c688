#!/usr/bin/env node
/**
 * Import benchmark: Modelwise import + profile vs pandas read_csv + describe vs bare DuckDB read_csv.
 *
 *   node bench/import/run.mjs [--rows N] [--repeat K]
 *
 * Generates a deterministic N-row × 20-column CSV (default 1 000 000 rows; integers, decimals, text,
 * categories, two date formats, booleans, leading-zero codes, missing markers) into
 * bench/import/data/ (git-ignored; reused when present), then runs each tool K times (default 1) in
 * its own process and reports the best in-process seconds, the ratio to Modelwise, the process wall
 * time and the peak resident memory (VmHWM from /proc/<pid>/status, read by each child at its end).
 * Modelwise runs from the TypeScript sources through tsx (`node --import tsx bench/import/ours.ts`),
 * so its process wall time includes tsx's compile start-up; the in-process times do not.
 * pandas runs under /usr/bin/python3. No pass/fail: numbers for the report, not for CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCsv } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rows = arg('rows', 1_000_000);
const repeat = arg('repeat', 1);

const dataDir = path.join(here, 'data');
mkdirSync(dataDir, { recursive: true });
const file = path.join(dataDir, `bench-${rows}.csv`);
if (!existsSync(file)) {
  process.stdout.write(`generating ${file} … `);
  const t = performance.now();
  await generateCsv(file, rows);
  console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const size = statSync(file).size;

function run(label, cmd, args) {
  const results = [];
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    const p = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = (performance.now() - t) / 1000;
    if (p.status !== 0) throw new Error(`${label} failed: ${p.stderr || p.stdout}`);
    const line = p.stdout.trim().split('\n').pop();
    results.push({ ...JSON.parse(line), wall_s: wall });
  }
  return results.sort((a, b) => a.total_s - b.total_s)[0];
}

const cpu = os.cpus();
console.log(`file: ${path.relative(root, file)} (${(size / 1e6).toFixed(1)} MB, ${rows} rows × 20 columns)`);
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
let pandasVersion = '?';
try {
  pandasVersion = execFileSync('/usr/bin/python3', ['-c', 'import pandas; print(pandas.__version__)'], {
    encoding: 'utf8',
  }).trim();
} catch {
  // reported as '?'
}

const ours = run('modelwise', process.execPath, ['--import', 'tsx', path.join(here, 'ours.ts'), file]);
const pandas = run('pandas', '/usr/bin/python3', [path.join(here, 'pandas_child.py'), file]);
const duck = run('duckdb', process.execPath, [path.join(here, 'duckdb-bare.mjs'), file]);

const fmt = (s) => (s === undefined ? '—' : `${s.toFixed(2)} s`);
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const rowsOut = [
  ['Modelwise import + profile', ours.import_s, ours.profile_s, ours.total_s, ours.wall_s, ours.peak_rss_kb],
  [
    `pandas ${pandasVersion} read_csv + describe(all)`,
    pandas.import_s,
    pandas.profile_s,
    pandas.total_s,
    pandas.wall_s,
    pandas.peak_rss_kb,
  ],
  ['DuckDB read_csv (bare)', duck.import_s, undefined, duck.total_s, duck.wall_s, duck.peak_rss_kb],
];
console.log('');
console.log(['tool', 'import', 'profile', 'total', 'vs Modelwise', 'process wall', 'peak RSS'].join(' | '));
for (const [name, imp, prof, total, wall, rss] of rowsOut) {
  console.log(
    [name, fmt(imp), fmt(prof), fmt(total), `${(total / ours.total_s).toFixed(2)}×`, fmt(wall), mb(rss)].join(' | '),
  );
}
console.log('');
console.log(`pandas / Modelwise (import + profile): ${(pandas.total_s / ours.total_s).toFixed(2)}×  (target ≥ 3×)`);
console.log(
  `Modelwise / bare DuckDB read: ${(ours.total_s / duck.total_s).toFixed(2)}×; peak RSS Modelwise / pandas: ${(ours.peak_rss_kb / pandas.peak_rss_kb).toFixed(2)} (target ≤ 1)`,
);
console.log(
  `rows: modelwise ${ours.rows}, pandas ${pandas.rows}, duckdb ${duck.rows}; Modelwise types: ${JSON.stringify(ours.types)}`,
);
