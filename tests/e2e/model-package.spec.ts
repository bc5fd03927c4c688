// The model package and scoring through the page (SPEC §6 "Score new data", §9): train the sample
// for a few epochs, export the model package (a download: one .zip with the four package files,
// listed by Python's zipfile), score the German credit test split by uploading it, and check the
// downloaded scored CSV — one line per row plus the header, with the prediction and probability
// columns — and the count and first rows the page shows. A file without the model's columns
// shows the usual error banner, naming the column.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { caseFile, dataset, stepShot } from './helpers';
import { expect, test } from './fixtures';

test('exports the model package and scores new data', async ({ app }, testInfo) => {
  const { page } = app;
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('preview-table')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('target-select')).toHaveValue('class');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('profile-cards')).toBeVisible();
  await page.getByTestId('nav-next').click();

  // Train: three epochs are enough for a model to package.
  await page.getByTestId('train-advanced').locator('summary').click();
  await page.getByTestId('set-epochs').fill('3');
  await page.getByTestId('set-epochs').press('Tab');
  await expect(page.getByTestId('train-summary')).toContainText('at most 3 epochs');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-done')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('goto-export').click();
  await expect(page.getByTestId('model-package')).toBeVisible();

  // The package: one zip with the four files at its root.
  const packageDownload = page.waitForEvent('download');
  await page.getByTestId('export-model').click();
  const zip = await packageDownload;
  expect(zip.suggestedFilename()).toBe('German credit model.zip');
  const zipPath = testInfo.outputPath('model.zip');
  await zip.saveAs(zipPath);
  const listing = execFileSync(
    '/usr/bin/python3',
    [
      '-c',
      'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"names": sorted(z.namelist()), "target": json.loads(z.read("preprocessing.json"))["target"]}))',
      zipPath,
    ],
    { encoding: 'utf8' },
  );
  expect(JSON.parse(listing)).toEqual({
    names: ['model.json', 'preprocessing.json', 'recipe.json', 'weights.bin'],
    target: 'class',
  });
  await expect(page.getByTestId('model-exported')).toContainText('German credit model.zip');

  // Score the test split: uploaded, scored, the CSV downloaded.
  const scoredDownload = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('score-input').setInputFiles(dataset('german_credit.test.csv'));
  const scored = await scoredDownload;
  expect(scored.suggestedFilename()).toBe('german_credit.test scored.csv');
  const csvPath = testInfo.outputPath('scored.csv');
  await scored.saveAs(csvPath);
  const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(201);
  const header = lines[0]!.split(',');
  expect(header.slice(-2)).toEqual(['predicted_class', 'probability_bad']);
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    expect(['good', 'bad']).toContain(cells.at(-2));
    const p = Number(cells.at(-1));
    expect(p >= 0 && p <= 1).toBe(true);
  }
  await expect(page.getByTestId('score-rows')).toHaveText('200 rows of german_credit.test.csv scored.');
  // "Download again" gives the same file (download links work more than once).
  const again = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId('score-download-again').click();
  const againPath = testInfo.outputPath('scored-again.csv');
  await (await again).saveAs(againPath);
  expect(readFileSync(againPath, 'utf8')).toBe(readFileSync(csvPath, 'utf8'));
  await expect(page.getByTestId('model-download-again')).toBeVisible();
  const preview = page.getByTestId('score-preview');
  await expect(preview.locator('thead th')).toHaveText(['Row', 'class', 'predicted_class', 'probability_bad']);
  await expect(preview.locator('tbody tr')).toHaveCount(5);
  // The first row on the page is the first row of the file.
  const first = lines[1]!.split(',');
  await expect(preview.locator('tbody tr').first().locator('td').nth(1)).toHaveText(first.at(-2)!);
  await preview.scrollIntoViewIfNeeded();
  await stepShot(page, '9-model-package', testInfo.outputPath('steps'));

  // A file without the columns the model reads: the error banner names the column.
  await page.getByTestId('score-input').setInputFiles(caseFile('C15-single-class-target.csv'));
  await expect(page.getByTestId('error-banner')).toContainText('The model needs the column "checking_status"');
});
