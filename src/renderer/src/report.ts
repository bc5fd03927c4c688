/**
 * Entry of `report.html`: reads the `ReportModel`, checks it, draws the report, and marks the page
 * ready for printing (`<html data-ready="true">`, or `"error"` when the data is unusable).
 *
 * The model comes, in order of preference, from `window.__MODELWISE_REPORT__` (set by the printer
 * before any script runs), from a `<script type="application/json" id="modelwise-report">` element
 * (the self-contained HTML export), or from `./report.json` beside the page.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/shades.css';
import './report/report.css';
import './lib/charts/setup';
import { mount, tick } from 'svelte';
import { LocaleSchema, ReportModelSchema, type Locale } from '../../shared/model/report';
import { setLocale, t } from './lib/i18n.svelte';
import { whenDrawn } from './lib/ready';
import Report from './report/Report.svelte';
import { pageCss } from './report/page';
import ReportError from './ReportError.svelte';

declare global {
  interface Window {
    __MODELWISE_REPORT__?: unknown;
  }
}

async function loadModel(): Promise<unknown> {
  if (window.__MODELWISE_REPORT__ !== undefined) return window.__MODELWISE_REPORT__;
  const inline = document.getElementById('modelwise-report');
  if (inline?.textContent?.trim()) return JSON.parse(inline.textContent) as unknown;
  const response = await fetch('./report.json');
  if (!response.ok) throw new Error(`report.json: HTTP ${response.status}`);
  return (await response.json()) as unknown;
}

/** The locale of a model that failed validation, or the browser's, for the error message. */
function fallbackLocale(raw: unknown): Locale {
  const parsed = LocaleSchema.safeParse((raw as { locale?: unknown } | null)?.locale);
  if (parsed.success) return parsed.data;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function showError(message: string, issues: string[] = []): void {
  document.title = t('report.error.title');
  mount(ReportError, { target: document.getElementById('app')!, props: { message, issues } });
  document.documentElement.dataset.ready = 'error';
}

async function main(): Promise<void> {
  let raw: unknown;
  try {
    raw = await loadModel();
  } catch (err) {
    setLocale(fallbackLocale(undefined));
    showError(t('report.error.load', { reason: err instanceof Error ? err.message : String(err) }));
    return;
  }
  const parsed = ReportModelSchema.safeParse(raw);
  if (!parsed.success) {
    setLocale(fallbackLocale(raw));
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((i) => t('report.error.issue', { path: i.path.join('.') || '/', message: i.message }));
    showError(t('report.error.invalid'), issues);
    return;
  }
  const report = parsed.data;
  setLocale(report.locale);
  document.title = report.title;
  const style = document.createElement('style');
  style.textContent = pageCss(report);
  document.head.append(style);

  mount(Report, { target: document.getElementById('app')!, props: { report } });
  await tick();
  await whenDrawn();
  document.documentElement.dataset.ready = 'true';
}

void main();
