/**
 * Helpers for the wizard's end-to-end tests: counted clicks, step screenshots for docs/, and the
 * text of an exported PDF.
 */
import type { Download, Locator, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.MODELWISE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const dataset = (name: string) => path.join(sharedDir, 'datasets', name);
export const caseFile = (name: string) => path.join(sharedDir, 'cases', 'files', name);

/** Counts the clicks a user makes, so the "at most 8 clicks" target is measured, not assumed. */
export class ClickCounter {
  count = 0;
  async click(target: Locator): Promise<void> {
    await target.click();
    this.count++;
  }
}

/**
 * Screenshot of the current step into docs/screenshots/NN-name.png when UPDATE_SCREENSHOTS=1
 * (the committed screenshots in the README), else into the test's output folder.
 */
export async function stepShot(page: Page, name: string, outputDir: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot, 'docs', 'screenshots') : outputDir;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** Text of a downloaded PDF (`pdftotext -layout`). */
export async function downloadedPdfText(download: Download, outputDir: string): Promise<string> {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, download.suggestedFilename() || 'report.pdf');
  await download.saveAs(file);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${file}: ${r.stderr}`);
  return r.stdout;
}
