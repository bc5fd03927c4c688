#!/usr/bin/env node
// `modelwise` command: the built CLI in out/node/cli.js (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'node', 'cli.js');
if (!existsSync(cli)) {
  console.error(`modelwise: not built yet (${cli} is missing). Run \`npm run build\` in ${root}.`);
  process.exit(1);
}
const { main } = await import(pathToFileURL(cli).href);
process.exitCode = await main(process.argv.slice(2));
