#!/usr/bin/env node
// `npm test`: build, type-check, lint, format check, unit/engine/CLI tests (Vitest), then the
// end-to-end tests in Debian's Chromium (Playwright). Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['build', process.execPath, [path.join(root, 'scripts', 'build.mjs')]],
  ['typecheck', bin('tsc'), ['-b']],
  [
    'svelte-check',
    bin('svelte-check'),
    ['--tsconfig', './tsconfig.web.json', '--threshold', 'error', '--output', 'human'],
  ],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ['vitest', bin('vitest'), ['run']],
];
const e2eDir = path.join(root, 'tests', 'e2e');
if (existsSync(e2eDir) && readdirSync(e2eDir).some((f) => f.endsWith('.spec.ts'))) {
  steps.push(['e2e', bin('playwright'), ['test']]);
}
const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✗ ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
