// Every file under src/ belongs to one of the seven layers of DESIGN.md; a file elsewhere would
// escape the boundary rules in eslint.config.mjs.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths';

const LAYERS = ['shared', 'engine', 'cli', 'backend', 'main', 'preload', 'renderer'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe('source layout', () => {
  it('puts every file under src/ in one of the seven layers', () => {
    const src = path.join(repoRoot, 'src');
    const strays = walk(src)
      .map((f) => path.relative(src, f))
      .filter((rel) => !LAYERS.includes(rel.split(path.sep)[0] ?? ''));
    expect(strays).toEqual([]);
  });

  it('has each layer present', () => {
    const present = readdirSync(path.join(repoRoot, 'src'));
    for (const layer of LAYERS) expect(present).toContain(layer);
  });
});
