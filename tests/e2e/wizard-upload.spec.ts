// A user's own file through the wizard: adult.data (no header, ", " separators, "?" for missing)
// uploaded from the browser, trained, exported; the PDF must show the ROC AUC the Results step showed.
import { dataset, downloadedPdfText } from './helpers';
import { expect, test } from './fixtures';

test('uploads adult.data, trains and exports a PDF with the ROC AUC shown on screen', async ({ app }, testInfo) => {
  test.setTimeout(420_000);
  const { page } = app;
  await page.getByTestId('new-project-name').fill('Census income');
  await page.getByTestId('new-project').click();

  // 1 Import: the browser uploads the file; the engine detects how it is written.
  await page.getByTestId('file-input').setInputFiles(dataset('adult.data'));
  await expect(page.getByTestId('import-summary')).toContainText('32,561', { timeout: 120_000 });
  await expect(page.getByTestId('import-summary')).toContainText(/Header row\s*none/i);
  await expect(page.getByTestId('preview-table')).toContainText('column15');
  await expect(page.getByTestId('preview-table')).toContainText('State-gov');
  await page.getByTestId('nav-next').click();

  // 2 Target: column15 (income), sensitive column10 (sex).
  await page.getByTestId('target-select').selectOption('column15');
  await expect(page.getByTestId('task')).toContainText(/binary/i);
  await page.getByTestId('sensitive-add-select').selectOption('column10');
  await page.getByTestId('sensitive-add').click();
  await page.getByTestId('nav-next').click();

  // 3 Clean: the profile shows the "?" markers as missing values of column2 (workclass).
  await expect(page.getByTestId('profile-cards')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-next').click();

  // 4 Train.
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-chart')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('train-done')).toBeVisible({ timeout: 360_000 });
  await page.getByTestId('goto-results').click();
  const shownAuc = (await page.getByTestId('roc-auc').textContent())!.trim();
  expect(Number(shownAuc)).toBeGreaterThanOrEqual(0.88);

  // 8 Export.
  await page.getByTestId('nav-step-export').click();
  const downloadPromise = page.waitForEvent('download', { timeout: 180_000 });
  await page.getByTestId('export-pdf').click();
  const text = await downloadedPdfText(await downloadPromise, testInfo.outputPath('pdf'));
  expect(text).toMatch(new RegExp(`ROC AUC\\D{0,40}${shownAuc.replace('.', '\\.')}`));
  expect(text).toContain('column10');
  expect(text).toMatch(/Female/);
});
