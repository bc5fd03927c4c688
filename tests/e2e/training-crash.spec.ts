// A training process that dies mid-run (out of memory, a native crash) must not take the app with
// it: the wizard shows the error, keeps the project, and can train again.
import { execFileSync } from 'node:child_process';
import { dataset } from './helpers';
import { expect, test } from './fixtures';

/** PIDs of training hosts (engine hosts started with --role=training). */
function trainingHosts(): number[] {
  try {
    return execFileSync('pgrep', ['-f', 'engine.host.js.*--role=training'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

test('killing the training host mid-run shows an error and leaves the wizard usable', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.getByTestId('new-project-name').fill('Crash test');
  await page.getByTestId('new-project').click();
  await page.getByTestId('file-input').setInputFiles(dataset('adult.train.csv'));
  await expect(page.getByTestId('import-summary')).toContainText('26,048', { timeout: 120_000 });
  await page.getByTestId('nav-next').click();
  await page.getByTestId('target-select').selectOption('column15');
  await expect(page.getByTestId('task')).toContainText(/binary/i);
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('profile-cards')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-next').click();

  await page.getByTestId('train-start').click();
  // Wait until epochs are coming in, then kill the training process the way the OS would.
  await expect(page.getByTestId('train-chart')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => trainingHosts().length, { timeout: 30_000 }).toBeGreaterThan(0);
  for (const pid of trainingHosts()) process.kill(pid, 'SIGKILL');

  const banner = page.getByTestId('train-error');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText(/stopped unexpectedly/i);
  await expect(page.getByTestId('train-error-retry')).toBeVisible();

  // Still usable: other steps answer, and the project kept its data and target.
  await page.getByTestId('nav-step-target').click();
  await expect(page.getByTestId('target-select')).toHaveValue('column15');
  await page.getByTestId('nav-step-clean').click();
  await expect(page.getByTestId('profile-cards')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('nav-step-train').click();
  await expect(page.getByTestId('train-start')).toBeEnabled();

  // And training works again, in a fresh process (a short run).
  await page.getByTestId('train-advanced').locator('summary').click();
  await page.getByTestId('set-epochs').fill('2');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-done')).toBeVisible({ timeout: 180_000 });
  expect(app.output()).not.toMatch(/Unhandled|uncaught/i);
});
