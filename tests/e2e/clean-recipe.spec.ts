// The Clean & augment step on a user's own file (issue: Import and Clean & augment): heart_cleveland.data
// (no header, "?" for missing) uploaded from the browser; in Clean a binarize step `column14 > 0`
// makes the target two outcomes and the profile follows; dropping rows with a missing value changes
// the row count; undo and redo; the proposals applied in one click; a feature cross and class
// weights; three epochs of training; the Results step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataset, stepShot } from './helpers';
import { expect, test } from './fixtures';

test('cleans heart_cleveland.data with a recipe, augments, trains and shows results', async ({ app }, testInfo) => {
  test.setTimeout(300_000);
  const { page } = app;
  const shot = (name: string) => stepShot(page, `clean-${name}`, testInfo.outputPath('steps'));
  await page.getByTestId('new-project-name').fill('Heart');
  await page.getByTestId('new-project').click();

  // 1 Import: 303 rows, no header row, so the columns are column1 … column14.
  await page.getByTestId('file-input').setInputFiles(dataset('heart_cleveland.data'));
  await expect(page.getByTestId('import-summary')).toContainText('303 rows and 14 columns', { timeout: 60_000 });
  await expect(page.getByTestId('preview-table')).toContainText('column14');
  // Advanced shows how the file was read, each choice overridable.
  await page.getByTestId('import-advanced').locator('summary').click();
  await expect(page.getByTestId('opt-quote')).toHaveValue('');
  await expect(page.getByTestId('opt-thousands')).toBeVisible();
  await expect(page.getByTestId('opt-header-row')).toHaveValue('');
  await shot('import-advanced');
  await page.getByTestId('nav-next').click();

  // 2 Target: column14 (0 = no disease, 1–4 = disease).
  await page.getByTestId('target-select').selectOption('column14');
  await expect(page.getByTestId('target-select')).toHaveValue('column14');
  await page.getByTestId('nav-next').click();

  // 3 Clean: before the recipe, column14 has the five values 0–4.
  const rows = page.getByTestId('clean-rows');
  const target = page.locator('[data-testid="profile-card"][data-column="column14"]');
  await expect(rows).toContainText('303 rows and 14 columns after the recipe', { timeout: 60_000 });
  await expect(target).toContainText(/Distinct values\s*5/);
  await expect(page.getByTestId('recipe-empty')).toBeVisible();

  // Add a step: binarize column14 > 0.
  await page.getByTestId('add-step-op').selectOption('binarize');
  await page.getByTestId('add-step-column').selectOption('column14');
  await page.getByTestId('add-step-comparator').selectOption('>');
  await page.getByTestId('add-step-value').fill('0');
  await expect(page.getByTestId('add-step-true-label')).toHaveValue('1');
  await expect(page.getByTestId('add-step-false-label')).toHaveValue('0');
  await page.getByTestId('add-step').click();
  const recipe = page.getByTestId('recipe-list');
  await expect(recipe).toContainText('Make column14 two outcomes: “1” where column14 > 0, else “0”.');
  // The profile follows the recipe: two outcomes, as a category; every row is kept.
  await expect(target).toContainText(/Distinct values\s*2/);
  await expect(target).toContainText('category');
  await expect(rows).toContainText('303 rows and 14 columns after the recipe');

  // A second step drops the 2 rows whose column13 (thal) is "?": the row count follows.
  const thal = page.locator('[data-testid="profile-card"][data-column="column13"]');
  await expect(thal).toContainText(/Missing\s*0\.7%/);
  await page.getByTestId('add-step-op').selectOption('drop_rows_missing');
  await page.getByTestId('add-step-column').selectOption('column13');
  await page.getByTestId('add-step').click();
  await expect(rows).toContainText('301 rows and 14 columns after the recipe');
  await expect(thal).toContainText(/Missing\s*0\.0%/);
  await expect(recipe.locator('li')).toHaveCount(2);

  // Undo takes the last step off (303 rows again), redo puts it back; the binarize step stays.
  await page.getByTestId('recipe-undo').click();
  await expect(rows).toContainText('303 rows');
  await expect(thal).toContainText(/Missing\s*0\.7%/);
  await expect(recipe.locator('li')).toHaveCount(1);
  await expect(target).toContainText(/Distinct values\s*2/);
  await page.getByTestId('recipe-redo').click();
  await expect(rows).toContainText('301 rows');
  await expect(recipe.locator('li')).toHaveCount(2);
  await expect(page.getByTestId('recipe-redo')).toBeDisabled();

  // Apply the proposals in one click: the recipe grows by their number, and none is left proposed.
  const proposals = await page.getByTestId('proposals').locator('li').count();
  expect(proposals).toBeGreaterThan(0);
  await page.getByTestId('apply-proposals').click();
  await expect(recipe.locator('li')).toHaveCount(2 + proposals);
  await expect(page.getByTestId('no-proposals')).toBeVisible();
  await expect(recipe).toContainText('Fill missing values of column12');
  await shot('recipe');

  // Augmentation: a feature cross (age × resting blood pressure) and class weights.
  await page.getByTestId('cross-a').selectOption('column1');
  await page.getByTestId('cross-kind').selectOption('product');
  await page.getByTestId('cross-b').selectOption('column4');
  await page.getByTestId('cross-add').click();
  await expect(page.getByTestId('derived-item')).toHaveText('column1 × column4');
  await page.getByTestId('augment-class-weights').check();
  await expect(page.getByTestId('augment-class-weights')).toBeChecked();
  await page.getByTestId('augmentation').scrollIntoViewIfNeeded();
  await shot('augment');
  await page.getByTestId('nav-next').click();

  // 4 Train: three epochs.
  await page.getByTestId('train-advanced').locator('summary').click();
  await page.getByTestId('set-epochs').fill('3');
  await page.getByTestId('set-epochs').press('Tab');
  await expect(page.getByTestId('train-summary')).toContainText('at most 3 epochs');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-done')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('train-done')).toContainText('Trained for 3 epochs');
  // The saved project: the model was trained with the cross (logged for the report) and class weights.
  const saved = JSON.parse(readFileSync(path.join(app.projectsDir, 'Heart.modelwise', 'project.json'), 'utf8')) as {
    recipe: { steps: { op: string }[] };
    model: { record: { settings: { classWeights?: boolean }; augmentationLog: string[] } };
  };
  expect(saved.recipe.steps.map((x) => x.op)).toEqual(['binarize', 'drop_rows_missing', 'impute']);
  expect(saved.model.record.settings.classWeights).toBe(true);
  expect(saved.model.record.augmentationLog.join('\n')).toContain('column1×column4');

  // 5 Results: a binary model (two outcomes after the recipe), with its ROC AUC and confusion matrix.
  await page.getByTestId('goto-results').click();
  const auc = Number((await page.getByTestId('roc-auc').textContent())!.trim());
  expect(auc).toBeGreaterThan(0.5);
  expect(auc).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByTestId('threshold-slider')).toBeVisible();
});
