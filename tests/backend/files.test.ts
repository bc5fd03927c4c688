import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeFileName, uniquePath } from '../../src/backend/files';
import { isInside } from '../../src/backend/paths';
import { addRecent, readRecent, RECENT_LIMIT } from '../../src/backend/recent';

let tmp: string;
beforeEach(() => (tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-files-'))));
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('safe file names', () => {
  it('keeps one segment, any script, without reserved characters or names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\贷款 数据.csv')).toBe('贷款 数据.csv');
    expect(safeFileName('a<b>:c"d|e?f*g\u0001.csv')).toBe('a_b__c_d_e_f_g_.csv');
    expect(safeFileName('...hidden.csv. ')).toBe('hidden.csv');
    expect(safeFileName('CON.csv', 'upload')).toBe('upload');
    expect(safeFileName('..', 'upload')).toBe('upload');
    const long = safeFileName('x'.repeat(300) + '.xlsx');
    expect(long).toHaveLength(120);
    expect(long.endsWith('.xlsx')).toBe(true);
  });

  it('picks a free name beside existing files', () => {
    writeFileSync(path.join(tmp, 'data.csv'), '');
    writeFileSync(path.join(tmp, 'data (2).csv'), '');
    expect(uniquePath(tmp, 'data', '.csv')).toBe(path.join(tmp, 'data (3).csv'));
    expect(uniquePath(tmp, 'other', '.csv')).toBe(path.join(tmp, 'other.csv'));
  });

  it('tells inside from outside', () => {
    expect(isInside('/a/b', '/a/b/c/d')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
  });
});

describe('recent projects', () => {
  it('keeps the most recent first, one entry per folder, at most the limit, and drops vanished folders', async () => {
    const user = path.join(tmp, 'user');
    const dirs = Array.from({ length: RECENT_LIMIT + 2 }, (_, i) => path.join(tmp, `p${i}.modelwise`));
    for (const d of dirs) mkdirSync(d);
    for (const [i, d] of dirs.entries())
      await addRecent(user, { path: d, name: `P${i}`, openedAt: new Date(2026, 0, i + 1).toISOString() });
    await addRecent(user, { path: dirs[5]!, name: 'P5 again', openedAt: new Date(2026, 1, 1).toISOString() });
    const list = await readRecent(user);
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]).toMatchObject({ path: dirs[5], name: 'P5 again' });
    expect(list.filter((p) => p.path === dirs[5])).toHaveLength(1);
    expect(list[1]!.path).toBe(dirs[RECENT_LIMIT + 1]);
    rmSync(dirs[RECENT_LIMIT + 1]!, { recursive: true });
    expect((await readRecent(user)).map((p) => p.path)).not.toContain(dirs[RECENT_LIMIT + 1]);
    expect(JSON.parse(readFileSync(path.join(user, 'recent.json'), 'utf8')).version).toBe(1);
  });

  it('reads a missing or corrupt file as an empty list', async () => {
    expect(await readRecent(path.join(tmp, 'none'))).toEqual([]);
    mkdirSync(path.join(tmp, 'bad'));
    writeFileSync(path.join(tmp, 'bad', 'recent.json'), '{not json');
    expect(await readRecent(path.join(tmp, 'bad'))).toEqual([]);
  });
});
