/**
 * The report as one self-contained HTML file (SPEC §9): the built `report.html` with its script,
 * stylesheet, fonts and the `ReportModel` inlined, so it opens offline anywhere, from any folder.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { catalogs } from '../../shared/i18n';
import { ReportModelSchema, type ReportModel } from '../../shared/model/report';
import { rendererDir } from '../paths';

/**
 * Write `report` as a self-contained HTML file at `outFile` (atomically: temp file, then rename).
 * Fonts are inlined only for the Unicode ranges the report can show, which keeps an English report
 * near 1 MB while a Chinese one carries the CJK slices it needs.
 * @throws Error when the renderer is not built (a broken installation), or ZodError for a model
 *   that breaks the schema (a bug in the caller).
 */
export async function renderReportHtml(
  report: ReportModel,
  outFile: string,
  opts: { rendererDir?: string } = {},
): Promise<void> {
  const html = await buildReportHtml(report, opts.rendererDir ?? rendererDir());
  await writeFileAtomic(outFile, html, { encoding: 'utf8' });
}

/** The self-contained HTML text of `report`, from the built renderer in `dir`. */
export async function buildReportHtml(report: ReportModel, dir: string): Promise<string> {
  const model = ReportModelSchema.parse(report);
  const pagePath = path.join(dir, 'report.html');
  if (!existsSync(pagePath))
    throw new Error(`Modelwise installation is broken: ${pagePath} is missing (run npm run build)`);
  let html = await readFile(pagePath, 'utf8');

  const asset = async (ref: string): Promise<string> => {
    const file = path.resolve(dir, ref);
    if (!file.startsWith(path.resolve(dir) + path.sep))
      throw new Error(`report.html refers outside the renderer: ${ref}`);
    return readFile(file, 'utf8');
  };

  // Stylesheets: inline, with the fonts they use as data: URLs.
  const used = usedCodePoints(model);
  for (const link of [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)]) {
    const href = /\bhref="([^"]+)"/.exec(link[0])?.[1];
    if (!href) continue;
    const cssPath = path.resolve(dir, href);
    const css = await inlineFonts(await asset(href), path.dirname(cssPath), used);
    html = html.replace(link[0], () => `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`);
  }

  // The module script: inline. `</script` inside it would end the element early.
  const hashes: string[] = [];
  for (const tag of [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g)]) {
    const code = (await asset(tag[1]!)).replace(/<\/script/gi, '<\\/script');
    hashes.push(`'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
    html = html.replace(tag[0], () => `<script type="module">${code}</script>`);
  }
  html = html.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>\s*/g, '');

  // The data, as JSON the page reads (not executed, so no hash is needed for it).
  const json = JSON.stringify(model).replace(/</g, '\\u003c');
  const data = `<script type="application/json" id="modelwise-report">${json}</script>`;
  html = html.replace('</head>', () => `    ${data}\n  </head>`);

  // Nothing is loaded from anywhere: only the inlined script (by hash), inline styles, data: fonts.
  const csp = [
    "default-src 'none'",
    `script-src ${hashes.join(' ') || "'none'"}`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  html = html.replace(
    /<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*\/?>/,
    () => `<meta http-equiv="Content-Security-Policy" content="${csp}" />`,
  );
  html = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(model.title)}</title>`);
  html = html.replace(/<html lang="[^"]*"/, `<html lang="${model.locale === 'zh' ? 'zh-CN' : 'en'}"`);
  return html;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Every character the report can show: its data (with the template name in the report's language
 * only), the catalog of its language and English (the fallback), and the digits and signs the
 * formatters add.
 */
export function usedCodePoints(report: ReportModel): Set<number> {
  const data = { ...report, meta: { ...report.meta, templateName: report.meta.templateName[report.locale] } };
  const texts = [
    JSON.stringify(data),
    ...Object.values(catalogs[report.locale]),
    ...Object.values(catalogs.en),
    '0123456789.,%−-–—…·×≤≥∈≠()[]/:;+ ',
  ];
  const used = new Set<number>();
  for (const text of texts) for (const ch of text) used.add(ch.codePointAt(0)!);
  return used;
}

/** Parse a CSS `unicode-range` value (`U+0460-052F,U+20B4,U+4??`) into inclusive ranges. */
export function parseUnicodeRange(value: string): [number, number][] {
  return value
    .split(',')
    .map((part) => part.trim().replace(/^u\+/i, ''))
    .filter((part) => part.length > 0)
    .map((part): [number, number] => {
      if (part.includes('?')) return [parseInt(part.replace(/\?/g, '0'), 16), parseInt(part.replace(/\?/g, 'F'), 16)];
      const [lo, hi] = part.split('-');
      return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)];
    });
}

/**
 * Replace each `@font-face` of `css` whose `unicode-range` covers a character in `used` with the
 * same rule carrying its font file as a data: URL, and drop the others (the browser would never
 * fetch them either). Rules without a range are always kept.
 */
async function inlineFonts(css: string, cssDir: string, used: ReadonlySet<number>): Promise<string> {
  const rules = [...css.matchAll(/@font-face\s*\{[^}]*\}/g)];
  const replacements = await Promise.all(
    rules.map(async ([rule]) => {
      const range = /unicode-range:\s*([^;}]+)/.exec(rule)?.[1];
      if (range) {
        const ranges = parseUnicodeRange(range);
        let needed = false;
        for (const cp of used) {
          if (ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) {
            needed = true;
            break;
          }
        }
        if (!needed) return '';
      }
      let out = rule;
      for (const url of [...rule.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)]) {
        const ref = url[1]!;
        if (ref.startsWith('data:')) continue;
        const bytes = await readFile(path.resolve(cssDir, ref));
        const mime = ref.endsWith('.woff2')
          ? 'font/woff2'
          : ref.endsWith('.woff')
            ? 'font/woff'
            : 'application/octet-stream';
        out = out.replace(url[0], () => `url(data:${mime};base64,${bytes.toString('base64')})`);
      }
      return out;
    }),
  );
  let i = 0;
  return css.replace(/@font-face\s*\{[^}]*\}/g, () => replacements[i++]!);
}
