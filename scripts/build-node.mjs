#!/usr/bin/env node
// Builds the plain-Node parts (CLI, engine host, web transport) into out/node with esbuild.
// Packages stay external: DuckDB and TensorFlow.js load native/WASM files from node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  cli: 'src/cli/index.ts',
  'engine.host': 'src/backend/hosts/engine.host.ts',
  web: 'src/backend/web/main.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(path.join(root, file))));

await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, path.join(root, file)])),
  outdir: path.join(root, 'out', 'node'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(); give ESM bundles one.
  banner: {
    js: "import { createRequire as __mwCreateRequire } from 'node:module'; const require = __mwCreateRequire(import.meta.url);",
  },
});
console.log(
  `built ${Object.keys(entryPoints)
    .map((n) => `out/node/${n}.js`)
    .join(', ')}`,
);
