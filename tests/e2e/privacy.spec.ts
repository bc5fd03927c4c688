// The Privacy step on the bundled sample (SPEC §8): the re-identification risk over the scan's
// quasi-identifiers and the regulation checklist; the PDF shows the same k; "Generalize" adds the
// age bands to the recipe (after asking, since it discards the model) and the risk after cleaning
// follows.
import { downloadedPdfText } from './helpers';
import { expect, test } from './fixtures';

test('risk and checklist on the sample, the same k in the PDF, Generalize updates the risk', async ({
  app,
}, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.getByTestId('try-sample').click();
  await expect(page.getByTestId('preview-table')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('target-select')).toHaveValue('class');
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('profile-cards')).toBeVisible();
  await page.getByTestId('nav-next').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-done')).toBeVisible({ timeout: 120_000 });

  await page.getByTestId('nav-step-privacy').click();
  await expect(page.getByTestId('privacy-risk')).toBeVisible({ timeout: 60_000 });
  // German credit: personal_status, age and job are the scan's quasi-identifiers.
  const ticked = page.locator('[data-testid="privacy-qi"]:checked');
  await expect(ticked).toHaveCount(3);
  await expect(page.getByTestId('privacy-risk-sentence')).toContainText(
    'of the records are unique on personal_status, age, job',
  );
  const kBefore = (await page.getByTestId('privacy-k-before').textContent())!.trim();
  const kAfter = (await page.getByTestId('privacy-k-after').textContent())!.trim();
  const classesBefore = (await page.getByTestId('privacy-classes-before').textContent())!.trim();
  expect(Number(kBefore)).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('privacy-checklist')).toContainText('GDPR (EU General Data Protection Regulation)');
  await expect(page.locator('[data-item="gdpr.k_anonymity"]')).toHaveAttribute('data-status', 'not_met');
  await expect(page.locator('[data-item="gdpr.minimisation"]')).toHaveAttribute('data-status', 'met');
  await expect(page.locator('[data-item="gdpr.lawful_basis"]')).toHaveAttribute('data-status', 'to_confirm');

  // The PDF shows the same numbers and the checklist.
  await page.getByTestId('nav-step-export').click();
  const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-pdf').click();
  const text = await downloadedPdfText(await downloadPromise, testInfo.outputPath('pdf'));
  expect(text).toMatch(new RegExp(`k-anonymity \\(smallest class\\)\\s+${kBefore}\\s+${kAfter}\\b`));
  expect(text).toMatch(new RegExp(`Equivalence classes\\s+${classesBefore}\\s+${classesBefore}\\b`));
  expect(text).toContain('Regulation checklist');
  expect(text).toMatch(/People cannot be singled out from the quasi-identifiers[^]*?Not met/);

  // Generalize age: asked first (the model goes), then the bands are in the recipe.
  await page.getByTestId('nav-step-privacy').click();
  await expect(page.getByTestId('privacy-risk')).toBeVisible({ timeout: 60_000 });
  await page.locator('[data-testid="privacy-offer"][data-column="age"]').click();
  await page.getByTestId('confirm-discard-ok').click();
  await expect(page.locator('[data-testid="privacy-offer-applied"][data-column="age"]')).toBeVisible({
    timeout: 60_000,
  });
  // As imported is unchanged; after cleaning, age in four bands makes far fewer classes.
  await expect(page.getByTestId('privacy-classes-before')).toHaveText(classesBefore);
  const classesAfter = Number((await page.getByTestId('privacy-classes-after').textContent())!.trim());
  expect(classesAfter).toBeLessThan(Number(classesBefore.replace(/,/g, '')));
  await expect(page.getByTestId('privacy-risk-sentence-after')).toBeVisible();
  // The Privacy step stays done after a recipe change made from it.
  await expect(page.getByTestId('nav-step-privacy')).toContainText('(done)');

  // A k out of range is said beside the field, which goes back to the k in force.
  const k = page.getByTestId('privacy-k');
  const kInForce = await k.inputValue();
  await k.fill('1');
  await k.press('Tab');
  await expect(page.getByTestId('privacy-k-error')).toContainText('k must be a whole number from 2 to 1000');
  await expect(k).toHaveValue(kInForce);
});
