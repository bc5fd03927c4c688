// Printing the report to PDF with the system Chromium and reading it back with poppler
// (`pdftotext`, `pdffonts`, `pdfinfo`): the numbers as shown, the fairness and privacy findings,
// fonts embedded (Chinese too), paper size, page numbers, and no request leaving the page.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/engine/report/chromium';
import { REPORT_ORIGIN, renderReportPdf, withReportPage } from '../../src/engine/report/pdf';
import { UserError } from '../../src/shared/errors';
import { translate } from '../../src/shared/i18n';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import { repoRoot } from '../helpers/paths';
import { ensureRendererBuilt } from '../helpers/renderer';

const load = (name: string): ReportModel =>
  ReportModelSchema.parse(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', `report-model.${name}.json`), 'utf8')),
  );

const hasPoppler = ['pdftotext', 'pdffonts', 'pdfinfo'].every((tool) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const chromium = findChromium();
if (!chromium) console.warn('report PDF tests skipped: no Chromium found (set MODELWISE_CHROMIUM)');
if (!hasPoppler) console.warn('report PDF tests skipped: poppler-utils (pdftotext, pdffonts, pdfinfo) not installed');

/** Text of the PDF with whitespace collapsed, so wrapped lines and table cells read as one line. */
const pdfText = (file: string): string =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

interface PdfFont {
  name: string;
  embedded: boolean;
}
function pdfFonts(file: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  // Columns: name type encoding emb sub uni object ID; the name has no spaces (subset-tagged).
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}
const pdfInfo = (file: string): string => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

describe.skipIf(!chromium || !hasPoppler)('report PDF', () => {
  let dir: string;
  let rendererDir: string;

  beforeAll(() => {
    rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'mw-report-pdf-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a binary report with its metrics, fairness, privacy, embedded Noto fonts and page numbers', async () => {
    const report = load('binary');
    const out = path.join(dir, 'binary.pdf');
    const { pages } = await renderReportPdf(report, out, { rendererDir });

    const info = pdfInfo(out);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    const pdfinfoPages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBe(pdfinfoPages);
    expect(pdfinfoPages).toBeGreaterThan(8);

    const text = pdfText(out);
    // ROC AUC as the report shows it: three decimals (0.810595 → 0.811), with its interval.
    const m = report.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    const auc = m.rocAuc!.toFixed(3);
    expect(auc).toBe('0.811');
    expect(text).toContain(
      `ROC AUC ${auc} (${m.intervals.roc_auc!.low.toFixed(3)}–${m.intervals.roc_auc!.high.toFixed(3)})`,
    );
    expect(text).toContain('Gini 0.621');

    // Fairness: every group, the summary of a comparable attribute, the reason of the other.
    for (const g of ['female', 'male', '<25', '25–44', '45–64', '65+']) expect(text).toContain(g);
    expect(text).toContain('Demographic parity difference');
    expect(text).toContain('often misapplied');
    const fw = report.fairness.find((f) => !f.comparisonPossible)!;
    const reason = translate('en', fw.notComparableReason!, { attribute: fw.attribute });
    expect(reason).not.toBe(fw.notComparableReason); // the fairness catalog has the sentence
    expect(text).toContain(`Not comparable: ${reason}`);

    // Privacy findings.
    expect(text).toContain('E-mail address: 800 cells (validated values)');
    expect(text).toContain('c*****0@example.com');
    // (Table cells wrap, so only phrases that fit one line are compared.)
    expect(text).toContain('Pseudonymize');
    expect(text).toContain('Direct identifier');
    expect(text).toContain('Postal code: 800 cells (by column name)');

    // Running footer with page numbers (CSS margin boxes), none on the cover.
    expect(text).toContain(`Page 2 of ${pdfinfoPages}`);
    expect(text).toContain(`Page ${pdfinfoPages} of ${pdfinfoPages}`);
    expect(text).not.toContain(`Page 1 of ${pdfinfoPages}`);

    const fonts = pdfFonts(out);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.every((f) => /NotoSans/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /NotoSans-Regular$/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /NotoSans-Bold$/.test(f.name))).toBe(true);
  });

  it('prints a Chinese report in Chinese with the bundled Noto Sans SC', async () => {
    const report: ReportModel = { ...load('binary'), locale: 'zh', title: '信用风险模型报告' };
    const out = path.join(dir, 'binary-zh.pdf');
    const { pages } = await renderReportPdf(report, out, { rendererDir });
    const text = pdfText(out);
    for (const s of ['信用风险模型报告', '公平性', '混淆矩阵', '伦理检查清单', '可复现性', '直接标识符'])
      expect(text).toContain(s);
    expect(text).toContain(`第 2 页，共 ${pages} 页`);
    const fonts = pdfFonts(out);
    expect(fonts.every((f) => f.embedded && /NotoSans/.test(f.name))).toBe(true);
    expect(fonts.some((f) => /NotoSansSC/.test(f.name))).toBe(true);
  });

  it('prints Letter when the model asks for it, and the multiclass and regression sections', async () => {
    const reg = path.join(dir, 'regression.pdf');
    await renderReportPdf(load('regression'), reg, { rendererDir });
    expect(pdfInfo(reg)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
    const regText = pdfText(reg);
    expect(regText).toContain('Residual plot');
    expect(regText).toMatch(/MAE \(lower is better\) 1,072\.390/);

    const mc = path.join(dir, 'multiclass.pdf');
    await renderReportPdf(load('multiclass'), mc, { rendererDir });
    const mcText = pdfText(mc);
    expect(mcText).toContain('Per class');
    for (const c of ['Bumps', 'K_Scatch', 'Z_Scratch']) expect(mcText).toContain(c);
  });

  it('refuses every request outside the app: CSP first, then the request filter', async () => {
    const report = load('multiclass');
    await withReportPage(report, { rendererDir }, async (page, log) => {
      // The page's own files were served from the fake origin.
      expect(log.served.some((u) => u.endsWith('/report.html'))).toBe(true);
      expect(log.served.every((u) => u.startsWith(`${REPORT_ORIGIN}/`))).toBe(true);
      expect(log.blocked).toEqual([]);
      // A script that tries the network is refused.
      const fetched = await page.evaluate("fetch('http://example.com/x.png').then(() => 'fetched', () => 'refused')");
      expect(fetched).toBe('refused');
      // Navigation is not covered by the page's CSP; the request filter aborts it.
      await page.goto('http://example.com/x.png', { timeout: 10_000 }).catch(() => undefined);
      expect(log.blocked).toContain('http://example.com/x.png');
    });
  });

  it('shows markup in the data as text and loads nothing because of it', async () => {
    const report: ReportModel = {
      ...load('multiclass'),
      title: 'Faults <img src="http://example.com/x.png"> <script>alert(1)</script>',
    };
    await withReportPage(report, { rendererDir }, async (page, log) => {
      expect(await page.textContent('h1')).toBe(report.title);
      expect(await page.locator('img').count()).toBe(0);
      expect(log.blocked).toEqual([]);
    });
  });

  it('says PDF_FAILED, naming the missing page, when the renderer is not built', async () => {
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    const err = await renderReportPdf(load('multiclass'), path.join(dir, 'x.pdf'), { rendererDir: empty }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('PDF_FAILED');
    expect(String((err as UserError).params.reason)).toContain(path.join(empty, 'report.html'));
  });

  it('writes the HTML export instead and says so when no Chromium is found', async () => {
    const out = path.join(dir, 'nochrome.pdf');
    const err = await renderReportPdf(load('multiclass'), out, {
      rendererDir,
      chromium: path.join(dir, 'no-such-chromium'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('CHROMIUM_NOT_FOUND');
    const html = path.join(dir, 'nochrome.html');
    expect((err as UserError).params.html).toBe(html);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(html, 'utf8')).toContain('id="modelwise-report"');
  });
});
