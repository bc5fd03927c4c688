// The self-contained HTML export: everything inlined (script by CSP hash, styles, only the font
// ranges the report needs, the data), and it opens and draws from a file:// URL with no request
// other than itself — or shows a clear error when its data is broken.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/engine/report/chromium';
import { buildReportHtml, parseUnicodeRange, renderReportHtml, usedCodePoints } from '../../src/engine/report/html';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import { repoRoot } from '../helpers/paths';
import { ensureRendererBuilt } from '../helpers/renderer';

const load = (name: string): ReportModel =>
  ReportModelSchema.parse(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', `report-model.${name}.json`), 'utf8')),
  );

describe('unicode ranges', () => {
  it('parses single code points, ranges and wildcards (CSS Fonts 4 §4.5)', () => {
    expect(parseUnicodeRange('U+0460-052F, U+20B4,u+1f1e9-1f1f5')).toEqual([
      [0x460, 0x52f],
      [0x20b4, 0x20b4],
      [0x1f1e9, 0x1f1f5],
    ]);
    expect(parseUnicodeRange('U+4??')).toEqual([[0x400, 0x4ff]]);
  });

  it('collects the characters a report can show, in its language only', () => {
    const en = usedCodePoints(load('binary'));
    expect(en.has('A'.codePointAt(0)!)).toBe(true);
    expect(en.has('金'.codePointAt(0)!)).toBe(false); // the Chinese template name is left out
    const zh = usedCodePoints({ ...load('binary'), locale: 'zh' });
    expect(zh.has('金'.codePointAt(0)!)).toBe(true);
    expect(zh.has('伦'.codePointAt(0)!)).toBe(true); // from the Chinese catalog
  });
});

describe('self-contained HTML', () => {
  let rendererDir: string;
  let dir: string;

  beforeAll(() => {
    rendererDir = ensureRendererBuilt();
    dir = mkdtempSync(path.join(os.tmpdir(), 'mw-report-html-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('inlines script, styles, fonts and data, and allows only the inlined script', async () => {
    const report = load('binary');
    const html = await buildReportHtml(report, rendererDir);
    expect(html).not.toMatch(/\b(src|href)="\.?\/?assets\//);
    expect(html).not.toMatch(/url\(\s*["']?\.?\/?[\w-]+\.woff2/);
    expect(html).toContain('font/woff2;base64,');
    expect(html).toContain(`<title>${report.title}</title>`);

    const data = /<script type="application\/json" id="modelwise-report">([^]*?)<\/script>/.exec(html)![1]!;
    expect(ReportModelSchema.parse(JSON.parse(data))).toEqual(report);

    const scripts = [...html.matchAll(/<script type="module">([^]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");

    // Only the font slices a report needs: a Chinese one carries CJK slices an English one lacks.
    const zh = await buildReportHtml({ ...report, locale: 'zh' }, rendererDir);
    const faces = (s: string) => (s.match(/@font-face/g) ?? []).length;
    expect(faces(zh)).toBeGreaterThan(faces(html));
    expect(html.length).toBeLessThan(4_000_000);
  });

  it.skipIf(!findChromium())('opens from file:// and draws completely without any other request', async () => {
    const file = path.join(dir, 'report.html');
    await renderReportHtml(load('binary'), file, { rendererDir });
    const ready = await openInChromium(file);
    expect(ready.state).toBe('true');
    expect(ready.requests).toEqual([pathToFileURL(file).href]);
    expect(ready.text).toContain('Ethics checklist');
    expect(ready.errors).toEqual([]);
  });

  it.skipIf(!findChromium())('shows what is wrong when the data is not a valid report', async () => {
    const file = path.join(dir, 'broken.html');
    const html = await buildReportHtml(load('multiclass'), rendererDir);
    writeFileSync(
      file,
      html.replace(/(id="modelwise-report">)[^]*?(<\/script>)/, '$1{"schemaVersion":1,"title":"x","locale":"en"}$2'),
    );
    const ready = await openInChromium(file);
    expect(ready.state).toBe('error');
    expect(ready.text).toContain('This report cannot be shown');
    expect(ready.text).toContain('createdAt');
  });
});

/** Open `file` in a fresh headless Chromium; its ready state, visible text and every request made. */
async function openInChromium(
  file: string,
): Promise<{ state: string | null; text: string; requests: string[]; errors: string[] }> {
  const browser = await chromium.launch({
    executablePath: findChromium()!,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:')) requests.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 30_000 });
    return {
      state: await page.getAttribute('html', 'data-ready'),
      text: (await page.textContent('body')) ?? '',
      requests,
      errors,
    };
  } finally {
    await browser.close();
  }
}
