// Import through the wizard as users bring files (issue: import anything people actually have):
// a European Excel export (C01) and a GBK file from Chinese Excel (C03) show the right delimiter,
// encoding, types and values; a 1 M-row file imports with a visible progress bar.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { caseFile, repoRoot } from './helpers';
import { expect, test } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.page.getByTestId('new-project-name').fill('Imports');
  await app.page.getByTestId('new-project').click();
});

test('C01: semicolons, decimal commas, windows-1252 and a footer', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles(caseFile('C01-eu-semicolon-cp1252.csv'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText(/5 rows and 6 columns/, { timeout: 60_000 });
  await expect(summary).toContainText('windows-1252');
  await expect(summary).toContainText(/semicolon \(;\)/);
  await expect(summary).toContainText(/comma \(1,5\)/);
  await expect(page.getByTestId('import-warnings')).toContainText(/8.*9/);
  const table = page.getByTestId('preview-table');
  await expect(table).toContainText('Währung');
  await expect(table).toContainText('Kurs in €');
  await expect(table).toContainText('2024-01-31');
  // Types detected per column (the selector in each header).
  const types = await table
    .getByTestId('column-type')
    .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  // text, categorical and identifier count as one group (shared/cases/README.md).
  const group = (t: string) => (['text', 'categorical', 'identifier'].includes(t) ? 'text' : t);
  expect(types.map(group)).toEqual(['date', 'text', 'float', 'float', 'float', 'text']);
  // 1.234,50 read as 1234.5
  await expect(table).toContainText('1234.5');
  await expect(table).toContainText('1000000');
});

test('C03: GBK from Chinese Excel, with 是/否 booleans', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('file-input').setInputFiles(caseFile('C03-gbk-chinese-excel.csv'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText(/5 rows and 6 columns/, { timeout: 60_000 });
  await expect(summary).toContainText(/gb18030|gbk/i);
  const table = page.getByTestId('preview-table');
  for (const text of ['姓名', '张三', '赵喆', '钱堃', '名字含GBK扩展字']) await expect(table).toContainText(text);
  await expect(table).not.toContainText('\uFFFD');
  const types = await table
    .getByTestId('column-type')
    .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  expect(types[2]).toBe('integer');
  expect(['boolean', 'categorical']).toContain(types[4]);
});

test('a 1 M-row file imports with a progress bar and a paged preview', async ({ app }) => {
  test.setTimeout(600_000);
  const { page } = app;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mw-big-'));
  try {
    const file = path.join(dir, 'big.csv');
    const { generateCsv } = (await import(
      pathToFileURL(path.join(repoRoot, 'bench', 'import', 'generate.mjs')).href
    )) as {
      generateCsv: (file: string, rows: number) => Promise<void>;
    };
    await generateCsv(file, 1_000_000);
    await page.getByTestId('file-input').setInputFiles(file);
    // Upload, then import: a progress bar with its message is on screen while it works.
    await expect(page.getByRole('progressbar').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-summary')).toContainText('1,000,000', { timeout: 540_000 });
    // The preview shows one page of rows, not a million.
    const rows = await page.getByTestId('preview-table').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(100);
    await page.getByTestId('preview-next').click();
    await expect(page.getByTestId('preview-table')).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
