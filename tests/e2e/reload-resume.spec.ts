// A reload (or a crash of the window) resumes where the user was: the project is saved on every
// step, and nothing the wizard does on its own may move it back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dataset } from './helpers';
import { expect, test } from './fixtures';

test('reloading on Template & target comes back to Template & target', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('new-project-name').fill('Resume');
  await page.getByTestId('new-project').click();
  await page.getByTestId('file-input').setInputFiles(dataset('compas.train.csv'));
  await expect(page.getByTestId('import-summary')).toContainText('5,771', { timeout: 120_000 });
  await page.getByTestId('nav-next').click();
  await expect(page.getByTestId('step-title')).toContainText('Template & target');
  // The automatic target proposal saves too; it must not reset the saved step.
  await expect(page.getByTestId('target-select')).toHaveValue('two_year_recid');
  const dir = readdirSync(app.projectsDir).find((d) => d.endsWith('.modelwise'))!;
  await expect
    .poll(() => JSON.parse(readFileSync(path.join(app.projectsDir, dir, 'project.json'), 'utf8')).step)
    .toBe('target');
  await page.reload();
  await expect(page.getByTestId('step-title')).toContainText('Template & target', { timeout: 30_000 });
  await expect(page.getByTestId('target-select')).toHaveValue('two_year_recid');
});
