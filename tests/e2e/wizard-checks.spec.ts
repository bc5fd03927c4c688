// QA findings on the wizard's checks, in a real browser against the real engine: a recipe step that
// would drop the target is refused beside the form (and Train never sees a missing target); the
// "Add step" button says why it is disabled; Template & target is not ticked before it was seen;
// a second try of the sample is named "German credit 2"; a one-value target (C15) and an empty file
// are phrased as something to change, without a Retry; the manufacturing template asks for the
// costs of errors; a multiclass target under the medical template is binarized in one click.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { caseFile, dataset } from './helpers';
import { expect, test } from './fixtures';

const isDone = (page: Page, step: string) =>
  page.getByTestId(`nav-step-${step}`).evaluate((b) => b.closest('li')!.classList.contains('done'));

test('sample: no early tick, the target cannot be dropped, Add step says why, a second sample is told apart', async ({
  app,
}) => {
  const { page } = app;
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('preview-table')).toBeVisible();
  // The sample set a target, but Template & target has not been looked at yet.
  expect(await isDone(page, 'import')).toBe(true);
  expect(await isDone(page, 'target')).toBe(false);
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('target-select')).toHaveValue('class');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('profile-cards')).toBeVisible();
  expect(await isDone(page, 'target')).toBe(true);

  // Dropping the target column is refused beside the form, naming the step and the column.
  await page.getByTestId('add-step-op').selectOption('drop_column');
  await page.getByTestId('add-step-column').selectOption('class');
  await page.getByTestId('add-step').click();
  const refused = page.getByTestId('recipe-error');
  await expect(refused).toContainText('Recipe step 1 (drop_column) would take away "class"');
  await expect(refused).toContainText('This needs a change:');
  await expect(page.getByTestId('recipe-error-retry')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('recipe-empty')).toBeVisible();
  const saved = JSON.parse(
    readFileSync(path.join(app.projectsDir, 'German credit.modelwise', 'project.json'), 'utf8'),
  ) as { target: string; recipe: { steps: unknown[] } };
  expect(saved.target).toBe('class');
  expect(saved.recipe.steps).toEqual([]);

  // Binarize with no value: no grey "0" in the box, and the reason the button is disabled.
  await page.getByTestId('add-step-op').selectOption('binarize');
  await expect(page.getByTestId('add-step-value')).toHaveValue('');
  expect(await page.getByTestId('add-step-value').getAttribute('placeholder')).toBeNull();
  await expect(page.getByTestId('add-step')).toBeDisabled();
  await expect(page.getByTestId('add-step-need')).toHaveText('Enter the value to compare with, e.g. 0.');
  await page.getByTestId('add-step-value').fill('30');
  await expect(page.getByTestId('add-step')).toBeEnabled();
  await expect(page.getByTestId('add-step-need')).toHaveCount(0);

  // The same sample again: its folder and its name are "German credit 2", in the header and the list.
  await page.getByTestId('home').click();
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('preview-table')).toBeVisible();
  await expect(page.getByTestId('project-name')).toHaveText('German credit 2');
  await page.getByTestId('home').click();
  await expect(page.getByTestId('recent-project').first()).toContainText('German credit 2');
  await expect(page.getByTestId('recent-project').nth(1)).toContainText('German credit');
});

test('user mistakes are phrased as what to change, without Retry: an empty file, a one-value target (C15)', async ({
  app,
}) => {
  const { page } = app;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-checks-'));
  try {
    await page.getByTestId('new-project-name').fill('Churn');
    await page.getByTestId('new-project').click();
    const empty = path.join(tmp, 'empty.csv');
    writeFileSync(empty, '');
    await page.getByTestId('file-input').setInputFiles(empty);
    const banner = page.getByTestId('error-banner');
    await expect(banner).toContainText('This needs a change:');
    await expect(banner).toContainText('empty.csv holds no data rows. Choose a file with a header row');
    await expect(page.getByTestId('error-banner-retry')).toHaveCount(0);

    await page.getByTestId('file-input').setInputFiles(caseFile('C15-single-class-target.csv'));
    await expect(page.getByTestId('import-summary')).toContainText('20 rows');
    await page.getByTestId('nav-next').click();
    await page.getByTestId('target-select').selectOption('churned');
    await expect(banner).toContainText(
      'The target column "churned" has only one value ("no" in all 20 rows), so there is nothing to predict.',
    );
    await expect(banner).toHaveAttribute('data-code', 'TARGET_SINGLE_CLASS');
    await expect(page.getByTestId('error-banner-retry')).toHaveCount(0);
    // No task is claimed for it, and the wizard cannot go on to Clean or Train with it.
    await expect(page.getByTestId('task')).toHaveCount(0);
    await expect(page.getByTestId('nav-next')).toBeDisabled();
    await expect(page.getByTestId('nav-step-train')).toBeDisabled();
    // Another target works.
    await page.getByTestId('target-select').selectOption('plan');
    await expect(page.getByTestId('nav-next')).toBeEnabled();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the manufacturing template asks for the costs of errors; the medical template binarizes a graded target', async ({
  app,
}) => {
  const { page } = app;
  await page.getByTestId('new-project-name').fill('Heart');
  await page.getByTestId('new-project').click();
  await page.getByTestId('file-input').setInputFiles(dataset('heart_cleveland.data'));
  await expect(page.getByTestId('import-summary')).toContainText('303 rows', { timeout: 60_000 });
  await page.getByTestId('nav-next').click();

  // Medical, target column14 (0 = no disease, 1–4 = grades): one click makes it two outcomes.
  await page.locator('[data-testid="template-card"][data-template="medical"]').click();
  await page.getByTestId('target-select').selectOption('column14');
  await expect(page.getByTestId('task')).toContainText('Multiclass');
  const proposal = page.getByTestId('binarize-proposal');
  await expect(proposal).toContainText('column14 > 0');
  await page.getByTestId('binarize-add').click();
  await expect(page.getByTestId('task')).toContainText('Binary');
  await expect(proposal).toHaveCount(0);

  // Manufacturing: the threshold minimises the expected cost of errors the user enters.
  await page.locator('[data-testid="template-card"][data-template="manufacturing"]').click();
  await page.getByTestId('nav-step-train').click();
  await expect(page.getByTestId('threshold-policy-text')).toContainText('expected cost of errors');
  await expect(page.getByTestId('set-cost-fn')).toHaveValue('10');
  await expect(page.getByTestId('set-cost-fp')).toHaveValue('1');
  await page.getByTestId('set-cost-fn').fill('4');
  await page.getByTestId('set-cost-fn').press('Tab');
  await page.getByTestId('set-cost-fp').fill('2');
  await page.getByTestId('set-cost-fp').press('Tab');
  await expect(page.getByTestId('cost-ratio')).toContainText('as much as 2 false alarms');
  await expect
    .poll(() => {
      const saved = JSON.parse(readFileSync(path.join(app.projectsDir, 'Heart.modelwise', 'project.json'), 'utf8')) as {
        settings: Record<string, unknown>;
        recipe: { steps: unknown[] };
      };
      return { settings: saved.settings, steps: saved.recipe.steps };
    })
    .toEqual({
      settings: { thresholdPolicy: { policy: 'min_cost', falseNegativeCost: 4, falsePositiveCost: 2 } },
      steps: [{ op: 'binarize', column: 'column14', comparator: '>', value: 0, trueLabel: '1', falseLabel: '0' }],
    });
  // A cost of 0 is refused on the spot, keeping the saved one.
  await page.getByTestId('set-cost-fp').fill('0');
  await page.getByTestId('set-cost-fp').press('Tab');
  await expect(page.getByTestId('cost-invalid')).toBeVisible();
  await expect(page.getByTestId('set-cost-fp')).toHaveAttribute('aria-invalid', 'true');
  // Another policy the template offers: a fixed threshold, refused out of range, saved in range.
  await expect(page.getByTestId('policy-approval_rate')).toHaveCount(0);
  await page.getByTestId('policy-fixed').check();
  await expect(page.getByTestId('set-threshold-value')).toHaveValue('0.5');
  await page.getByTestId('set-threshold-value').fill('1.2');
  await page.getByTestId('set-threshold-value').press('Tab');
  await expect(page.getByTestId('threshold-invalid')).toContainText('between 0 and 1');
  await page.getByTestId('set-threshold-value').fill('0.4');
  await page.getByTestId('set-threshold-value').press('Tab');
  await expect(page.getByTestId('threshold-invalid')).toHaveCount(0);
  await expect(page.getByTestId('threshold-policy-text')).toContainText('at least 0.40');
  await expect
    .poll(() => {
      const saved = JSON.parse(readFileSync(path.join(app.projectsDir, 'Heart.modelwise', 'project.json'), 'utf8')) as {
        settings: Record<string, unknown>;
      };
      return saved.settings;
    })
    .toEqual({ thresholdPolicy: { policy: 'fixed', value: 0.4 } });
});
