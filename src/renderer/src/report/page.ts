/**
 * The printed page: paper size, margins, and running header and footer drawn in the page margins
 * with CSS paged media (margin boxes, Chromium ≥ 131), so they use the bundled fonts — a printer's
 * own header template would fall back to system fonts.
 */
import type { ReportModel } from '../../../shared/model/report';
import { t } from '../lib/i18n.svelte';

/** A CSS string literal for `content:` (quotes, backslashes and line breaks escaped). */
export function cssString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * `content:` value of the page-number footer, from the catalog's "Page {page} of {pages}" with the
 * placeholders turned into CSS counters.
 */
export function pageNumberContent(): string {
  const template = t('report.footer.page');
  const parts = template.split(/(\{page\}|\{pages\})/).filter((p) => p !== '');
  return parts
    .map((p) => (p === '{page}' ? 'counter(page)' : p === '{pages}' ? 'counter(pages)' : cssString(p)))
    .join(' ');
}

/** Paper height in millimetres. */
const PAPER_HEIGHT_MM = { A4: 297, Letter: 279.4 } as const;
const MARGIN_MM = { top: 18, right: 17, bottom: 18, left: 17 } as const;

/** Stylesheet text of the `@page` rules for `report` (A4 unless the model asks for Letter). */
export function pageCss(report: ReportModel): string {
  const size = report.paper ?? 'A4';
  const textHeight = PAPER_HEIGHT_MM[size] - MARGIN_MM.top - MARGIN_MM.bottom;
  const box = 'font-family: "Noto Sans", "Noto Sans SC", sans-serif; font-size: 7.5pt; color: #6b7785;';
  return `
:root { --page-text-height: ${textHeight}mm; }
@page {
  size: ${size};
  margin: ${MARGIN_MM.top}mm ${MARGIN_MM.right}mm ${MARGIN_MM.bottom}mm ${MARGIN_MM.left}mm;
  @top-left { content: ${cssString(report.title)}; ${box} vertical-align: bottom; padding-bottom: 4mm; }
  @top-right { content: ${cssString(t('report.cover.kicker'))}; ${box} vertical-align: bottom; padding-bottom: 4mm; }
  @bottom-left { content: ${cssString(t('report.generatedBy', { version: report.meta.appVersion }))}; ${box} vertical-align: top; padding-top: 4mm; }
  @bottom-right { content: ${pageNumberContent()}; ${box} vertical-align: top; padding-top: 4mm; }
}
@page :first {
  @top-left { content: none; }
  @top-right { content: none; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
`;
}
