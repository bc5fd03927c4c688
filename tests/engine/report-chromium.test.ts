// Finding a Chromium: an explicit path or MODELWISE_CHROMIUM is taken as is (or null), else the
// usual install paths.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/engine/report/chromium';

describe('findChromium', () => {
  let dir: string;
  let saved: string | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mw-chromium-'));
    saved = process.env.MODELWISE_CHROMIUM;
    delete process.env.MODELWISE_CHROMIUM;
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.MODELWISE_CHROMIUM;
    else process.env.MODELWISE_CHROMIUM = saved;
  });

  it('uses an explicit path that exists, and never guesses in place of one that does not', () => {
    const fake = path.join(dir, 'my-chrome');
    writeFileSync(fake, '');
    expect(findChromium(fake)).toBe(fake);
    expect(findChromium(path.join(dir, 'missing'))).toBeNull();
    expect(findChromium(dir)).toBeNull(); // a folder is not an executable
  });

  it('reads MODELWISE_CHROMIUM, below an explicit path', () => {
    const fromEnv = path.join(dir, 'env-chrome');
    const explicit = path.join(dir, 'explicit-chrome');
    writeFileSync(fromEnv, '');
    writeFileSync(explicit, '');
    process.env.MODELWISE_CHROMIUM = fromEnv;
    expect(findChromium()).toBe(fromEnv);
    expect(findChromium(explicit)).toBe(explicit);
    process.env.MODELWISE_CHROMIUM = path.join(dir, 'gone');
    expect(findChromium()).toBeNull();
  });

  it.skipIf(process.platform !== 'linux')('finds a system Chromium at a usual Linux path', () => {
    const found = findChromium();
    const usual = [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
      '/opt/google/chrome/chrome',
    ];
    if (found === null) {
      console.warn('no system Chromium here: the PDF tests are skipped');
      return;
    }
    expect(usual).toContain(found);
  });
});
