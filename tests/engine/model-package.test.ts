/**
 * The model package as one `.zip` (SPEC §9): `run` writes it when the path ends in `.zip`, `score`
 * reads the folder or the zip (expanded in memory) and gives the same scores from both, and a
 * broken or foreign zip is refused with a message naming the file. The zips are listed and made
 * with Python's `zipfile` too, so the format is checked against an independent implementation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/engine/jobs/run';
import { MODEL_PACKAGE_FILES, readModelPackage, zipModelPackage } from '../../src/engine/train/model';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import type { JobEvent } from '../../src/shared/jobs';
import { dataset } from '../helpers/paths';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-package-'));
const modelDir = path.join(tmp, 'german-model');
const testFile = dataset('german_credit.test.csv');

/** Entry names of a zip, as Python's zipfile lists them. */
function pythonNames(zip: string): string[] {
  const out = execFileSync(
    '/usr/bin/python3',
    ['-c', 'import json, sys, zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', zip],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as string[]).sort();
}

/** Zip `files` (name in the zip → path on disk) with Python's zipfile. */
function pythonZip(zip: string, files: Record<string, string>): void {
  execFileSync('/usr/bin/python3', [
    '-c',
    'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  for n, p in json.loads(sys.argv[2]).items(): z.write(p, n)',
    zip,
    JSON.stringify(files),
  ]);
}

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

const runSettings = { maxEpochs: 2, seed: 7 };
const sorted = [...MODEL_PACKAGE_FILES].sort();

beforeAll(async () => {
  await runJob({
    type: 'run',
    file: dataset('german_credit.train.csv'),
    target: 'class',
    template: 'finance',
    settings: runSettings,
    outputs: { modelDir },
  });
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('model package zip', () => {
  it('zips the folder with the four files at the root, and scores the same from the zip as from the folder', async () => {
    const zip = path.join(tmp, 'exported', 'german-model.zip');
    await zipModelPackage(modelDir, zip);
    expect(pythonNames(zip)).toEqual(sorted);

    const fromDir = path.join(tmp, 'scored-dir.csv');
    const fromZip = path.join(tmp, 'scored-zip.csv');
    const a = await runJob({ type: 'score', file: testFile, modelDir, out: fromDir });
    const events: JobEvent[] = [];
    const b = await runJob(
      { type: 'score', file: testFile, modelDir: zip, out: fromZip, preview: 3 },
      { onEvent: (e) => events.push(e) },
    );
    expect(a.rows).toBe(200);
    expect(b.rows).toBe(200);
    const text = readFileSync(fromDir, 'utf8');
    expect(readFileSync(fromZip, 'utf8')).toBe(text);

    // The answer names the added columns and carries the first rows as the file has them.
    expect(b.added).toEqual(['predicted_class', 'probability_bad']);
    expect(a.preview).toEqual([]);
    expect(b.preview).toHaveLength(3);
    const [header, first] = text.split('\n');
    const cells = first!.split(',');
    expect(header!.split(',').slice(-2)).toEqual(b.added);
    expect(String(b.preview[0]!.predicted_class)).toBe(cells.at(-2));
    expect(b.preview[0]!.probability_bad).toBe(Number(cells.at(-1)));
    expect(['good', 'bad']).toContain(b.preview[0]!.predicted_class);
    const stages = new Set(events.flatMap((e) => (e.type === 'progress' ? [e.stage] : [])));
    for (const s of ['model', 'import', 'score', 'write']) expect(stages).toContain(s);
  }, 120_000);

  it('reads a zip made by another tool, with the files inside one folder', async () => {
    const zip = path.join(tmp, 'python.zip');
    pythonZip(zip, Object.fromEntries(MODEL_PACKAGE_FILES.map((f) => [`german-model/${f}`, path.join(modelDir, f)])));
    const pkg = await readModelPackage(zip);
    for (const f of MODEL_PACKAGE_FILES)
      expect(Buffer.from(pkg.files[f]!).equals(readFileSync(path.join(modelDir, f))), f).toBe(true);
    const out = path.join(tmp, 'scored-python.csv');
    await runJob({ type: 'score', file: testFile, modelDir: zip, out });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(tmp, 'scored-dir.csv'), 'utf8'));
  }, 120_000);

  it('run writes one zip when the model path ends in .zip', async () => {
    const zip = path.join(tmp, 'run-output', 'credit.zip');
    const result = await runJob({
      type: 'run',
      file: dataset('german_credit.train.csv'),
      target: 'class',
      template: 'finance',
      settings: runSettings,
      outputs: { modelDir: zip },
    });
    expect(result.written.model).toBe(zip);
    expect(pythonNames(zip)).toEqual(sorted);
    // Same data, settings and seed: the same network as the folder package.
    const pkg = await readModelPackage(zip);
    expect(Buffer.from(pkg.files['weights.bin']!).equals(readFileSync(path.join(modelDir, 'weights.bin')))).toBe(true);
    const scored = await runJob({ type: 'score', file: testFile, modelDir: zip, out: path.join(tmp, 'run-zip.csv') });
    expect(scored.rows).toBe(200);
  }, 300_000);

  it('refuses a foreign zip, a file that is not a zip and a truncated zip, naming the file', async () => {
    const foreign = path.join(tmp, 'foreign.zip');
    const note = path.join(tmp, 'note.txt');
    writeFileSync(note, 'not a model');
    pythonZip(foreign, { 'note.txt': note, 'model.json': note });
    const notZip = path.join(tmp, 'text.zip');
    writeFileSync(notZip, 'model.json,weights.bin\n');
    const truncated = path.join(tmp, 'truncated.zip');
    const whole = path.join(tmp, 'whole.zip');
    await zipModelPackage(modelDir, whole);
    writeFileSync(truncated, readFileSync(whole).subarray(0, 200));

    for (const [file, reason] of [
      [foreign, /weights\.bin is missing/],
      [notZip, /not a zip file/],
      [truncated, /./],
    ] as const) {
      const err = await rejection(
        runJob({ type: 'score', file: testFile, modelDir: file, out: path.join(tmp, 'never.csv') }),
      );
      expect(err.code).toBe('PROJECT_INVALID');
      expect(err.key).toBe('errors.MODEL_PACKAGE_INVALID');
      expect(err.params.path).toBe(file);
      expect(String(err.params.reason)).toMatch(reason);
      const message = translate('en', err.key, err.params);
      expect(message).toContain(file);
      expect(message).not.toMatch(/ENOENT|undefined/);
    }
    // A zip of a folder without recipe.json cannot be exported.
    const partial = path.join(tmp, 'partial');
    execFileSync('cp', ['-r', modelDir, partial]);
    rmSync(path.join(partial, 'recipe.json'));
    const err = await rejection(zipModelPackage(partial, path.join(tmp, 'partial.zip')));
    expect(err.params).toMatchObject({ path: partial, reason: 'recipe.json is missing' });
  }, 120_000);
});

describe('scored file', () => {
  it('is the file as read plus the scores: extra columns kept, the target untouched, every row scored in order', async () => {
    const lines = readFileSync(testFile, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    // Columns reversed, a column the model never saw, and one row twice (a duplicate).
    const rows = [lines[1]!, lines[2]!, lines[2]!, lines[3]!].map((l) => l.split(','));
    const file = path.join(tmp, 'new-applicants.csv');
    writeFileSync(
      file,
      [['note', ...[...header].reverse()], ...rows.map((r, i) => [`applicant ${i + 1}`, ...[...r].reverse()])]
        .map((r) => r.join(','))
        .join('\n') + '\n',
    );
    const out = path.join(tmp, 'new-applicants scored.csv');
    const result = (await runJob({ type: 'score', file, modelDir, out })) as { rows: number; added: string[] };
    expect(result.rows).toBe(4);
    const scored = readFileSync(out, 'utf8').trim().split('\n');
    expect(scored[0]!.split(',')).toEqual(['note', ...[...header].reverse(), ...result.added]);
    expect(scored).toHaveLength(5);
    const classAt = scored[0]!.split(',').indexOf('class');
    expect(scored.slice(1).map((l) => l.split(',')[0])).toEqual([
      'applicant 1',
      'applicant 2',
      'applicant 3',
      'applicant 4',
    ]);
    expect(scored.slice(1).map((l) => l.split(',')[classAt])).toEqual(rows.map((r) => r[r.length - 1]));
  });
});

describe('package contents', () => {
  it('holds no sample values of the data (they can be personal data)', () => {
    const recipe = JSON.parse(readFileSync(path.join(modelDir, 'recipe.json'), 'utf8')) as {
      columns: { name: string; sample: unknown[] }[];
    };
    expect(recipe.columns.length).toBeGreaterThan(10);
    expect(recipe.columns.every((c) => c.sample.length === 0)).toBe(true);
    expect(readFileSync(path.join(modelDir, 'recipe.json'), 'utf8')).not.toContain('female div/dep/mar');
  });
});
