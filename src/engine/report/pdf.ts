/**
 * The report as PDF: Chromium's print of the built `report.html`, driven by playwright-core with a
 * system Chromium (DESIGN.md "Reports"). The page is served from memory on a fake origin through
 * request interception, so no network socket is opened and every other request is refused
 * (SPEC §10: offline, enforced and tested).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors';
import { ReportModelSchema, type ReportModel } from '../../shared/model/report';
import { rendererDir } from '../paths';
import { findChromium } from './chromium';
import { renderReportHtml } from './html';

/** The origin the renderer is served on. `.invalid` never resolves (RFC 6761), and nothing resolves anyway. */
export const REPORT_ORIGIN = 'http://modelwise.invalid';

/** Chromium flags of DESIGN.md "Tests", plus no DNS at all: any name resolves to "not found". */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--dns-prefetch-disable',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface ReportPageOptions {
  /** Chromium executable; found with `findChromium` when absent. */
  chromium?: string;
  /** Built renderer holding `report.html`; `rendererDir()` when absent. */
  rendererDir?: string;
  /** Longest wait for Chromium to start and the page to finish drawing, in milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** What the request filter saw while the page was open. */
export interface RequestLog {
  /** URLs served from the renderer folder (or the report data). */
  served: string[];
  /** URLs refused: everything outside `REPORT_ORIGIN`. */
  blocked: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Open the report page for `report` in a headless Chromium with a fresh profile and call `fn` once
 * it is completely drawn (`<html data-ready="true">`). Requests to `REPORT_ORIGIN` are answered
 * from `rendererDir`; all others are aborted and listed in the log. The browser is closed and its
 * profile deleted in every case.
 * @throws UserError CHROMIUM_NOT_FOUND when no Chromium is found; PDF_FAILED when Chromium does not
 *   start, the renderer is not built, or the page reports an error or does not finish in time.
 */
export async function withReportPage<T>(
  report: ReportModel,
  opts: ReportPageOptions,
  fn: (page: Page, log: RequestLog) => Promise<T>,
): Promise<T> {
  const model = ReportModelSchema.parse(report);
  const executablePath = findChromium(opts.chromium);
  if (!executablePath) throw new UserError('CHROMIUM_NOT_FOUND', { html: null });
  const dir = path.resolve(opts.rendererDir ?? rendererDir());
  if (!existsSync(path.join(dir, 'report.html'))) {
    throw new UserError('PDF_FAILED', {
      reason: `the report page is not built (${path.join(dir, 'report.html')} is missing; run npm run build)`,
    });
  }
  const timeout = opts.timeoutMs ?? 60_000;
  const log: RequestLog = { served: [], blocked: [] };
  const problems: string[] = [];
  const profile = await mkdtemp(path.join(os.tmpdir(), 'modelwise-chromium-'));
  let context: BrowserContext | undefined;
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: CHROMIUM_FLAGS,
        chromiumSandbox: false,
        serviceWorkers: 'block',
        acceptDownloads: false,
        timeout,
      });
    } catch (err) {
      throw new UserError('PDF_FAILED', { reason: `Chromium (${executablePath}) did not start: ${firstLine(err)}` });
    }
    await context.route('**/*', (route) => serve(route, dir, model, log));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    await page.addInitScript((data) => {
      (globalThis as { __MODELWISE_REPORT__?: unknown }).__MODELWISE_REPORT__ = data;
    }, model);
    try {
      await page.goto(`${REPORT_ORIGIN}/report.html`, { waitUntil: 'load', timeout });
      await page.waitForFunction(pageReadyState, undefined, { timeout });
    } catch (err) {
      const detail = problems.length ? ` (${problems.join('; ')})` : '';
      throw new UserError('PDF_FAILED', {
        reason: `the report page did not finish drawing: ${firstLine(err)}${detail}`,
      });
    }
    const state = await page.evaluate(pageReadyState);
    if (state !== 'true') {
      const text = (await page.textContent('body'))?.replace(/\s+/g, ' ').trim() ?? '';
      throw new UserError('PDF_FAILED', { reason: `the report page shows an error: ${text}` });
    }
    return await fn(page, log);
  } finally {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Answer one intercepted request: the renderer's files and the report data, nothing else. */
async function serve(route: Route, dir: string, report: ReportModel, log: RequestLog): Promise<void> {
  const url = route.request().url();
  let target: URL | null = null;
  try {
    target = new URL(url);
  } catch {
    // not a URL we serve
  }
  if (!target || target.origin !== REPORT_ORIGIN) {
    log.blocked.push(url);
    await route.abort('blockedbyclient');
    return;
  }
  if (target.pathname === '/report.json') {
    log.served.push(url);
    await route.fulfill({ status: 200, contentType: CONTENT_TYPES['.json'], body: JSON.stringify(report) });
    return;
  }
  const file = path.resolve(dir, '.' + decodeURIComponent(target.pathname));
  if (!file.startsWith(dir + path.sep) || !existsSync(file)) {
    await route.fulfill({ status: 404, body: '' });
    return;
  }
  log.served.push(url);
  const contentType = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  await route.fulfill({ status: 200, path: file, contentType });
}

/**
 * Runs in the page: its `data-ready` state. A function, not a string: the page's CSP forbids
 * `eval`, which string predicates need. Typed without the DOM, which the engine does not compile with.
 */
function pageReadyState(): string | undefined {
  const doc = (globalThis as unknown as { document: { documentElement: { dataset: { ready?: string } } } }).document;
  return doc.documentElement.dataset.ready;
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}

/** `report.pdf` → `report.html` (any other name gets `.html` appended). */
function htmlBeside(outFile: string): string {
  return /\.pdf$/i.test(outFile) ? outFile.replace(/\.pdf$/i, '.html') : `${outFile}.html`;
}

/**
 * Print `report` to `outFile` (PDF) with playwright-core driving a system Chromium: A4 unless the
 * model asks for Letter, backgrounds printed, page numbers in the running footer, headings as PDF
 * bookmarks. Written atomically (temp file, then rename). Where no Chromium is found, the HTML
 * export is written beside `outFile` instead.
 * @returns the number of pages, when it can be read from the PDF.
 * @throws UserError CHROMIUM_NOT_FOUND (with `html`, the path written instead) / PDF_FAILED.
 */
export async function renderReportPdf(
  report: ReportModel,
  outFile: string,
  opts: ReportPageOptions = {},
): Promise<{ pages?: number }> {
  if (!findChromium(opts.chromium)) {
    const html = htmlBeside(outFile);
    await renderReportHtml(report, html, { rendererDir: opts.rendererDir });
    throw new UserError('CHROMIUM_NOT_FOUND', { html });
  }
  const pdf = await withReportPage(report, opts, async (page) => {
    try {
      return await page.pdf({
        format: report.paper ?? 'A4',
        printBackground: true,
        // The @page rules of the report (size, margins, running header and footer) win.
        preferCSSPageSize: true,
        outline: true,
        tagged: true,
      });
    } catch (err) {
      throw new UserError('PDF_FAILED', { reason: firstLine(err) });
    }
  });
  try {
    await writeFileAtomic(outFile, pdf);
  } catch (err) {
    throw new UserError('PDF_FAILED', { reason: `cannot write ${outFile}: ${firstLine(err)}` });
  }
  return { pages: countPdfPages(pdf) };
}

/** Page count of a PDF written by Chromium (uncompressed page objects), or undefined if not found. */
export function countPdfPages(pdf: Uint8Array): number | undefined {
  const text = Buffer.from(pdf).toString('latin1');
  const count = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  return count > 0 ? count : undefined;
}
