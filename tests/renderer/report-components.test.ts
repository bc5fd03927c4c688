// The report's sections rendered to HTML with Svelte's server renderer (no browser): what each
// section shows, and what it must not show (ratios and badges for groups that cannot be compared).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'svelte/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/renderer/src/lib/i18n.svelte';
import FairnessAttribute from '../../src/renderer/src/report/FairnessAttribute.svelte';
import PrivacySection from '../../src/renderer/src/report/PrivacySection.svelte';
import Report from '../../src/renderer/src/report/Report.svelte';
import { translate } from '../../src/shared/i18n';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import { repoRoot } from '../helpers/paths';

const load = (name: string): ReportModel =>
  ReportModelSchema.parse(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', `report-model.${name}.json`), 'utf8')),
  );

/** Visible text of rendered HTML: tags dropped, entities decoded, whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<!--[^]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

afterEach(() => setLocale('en'));

/** `count / n` as the report writes a rate ("71.5%"). */
const percent = (count: number, n: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    count / n,
  );

describe('fairness attribute', () => {
  const report = load('binary');
  const comparable = report.fairness.find((f) => f.comparisonPossible)!;
  const notComparable = report.fairness.find((f) => !f.comparisonPossible)!;

  it('shows the groups, the summary, the four-fifths caveat and the verdict when groups can be compared', () => {
    const out = text(render(FairnessAttribute, { props: { attribute: comparable } }).body);
    for (const g of comparable.groups) expect(out).toContain(g.group);
    expect(out).toContain('Demographic parity difference');
    expect(out).toContain(comparable.summary!.demographicParityDifference!.toFixed(3));
    expect(out).toContain('four-fifths rule comes from US employment law');
    expect(out).toContain('often misapplied');
    expect(out).toContain('Within tolerance');
  });

  it('shows only the reason when groups cannot be compared: no ratios, differences or badges', () => {
    const out = text(render(FairnessAttribute, { props: { attribute: notComparable } }).body);
    for (const g of notComparable.groups) expect(out).toContain(g.group);
    // The reason is the fairness analysis' own sentence, with the attribute's name filled in.
    const reason = translate('en', notComparable.notComparableReason!, { attribute: notComparable.attribute });
    expect(reason).not.toBe(notComparable.notComparableReason);
    expect(out).toContain(`Not comparable: ${reason}`);
    for (const absent of [
      'Demographic parity',
      'Equalized odds',
      'Four-fifths',
      'four-fifths',
      'Within tolerance',
      'Outside tolerance',
      'Selection rate per group',
    ]) {
      expect(out).not.toContain(absent);
    }
  });

  it('writes "n/a (reason)" for an undefined metric, never 0', () => {
    const withNull = report.fairness.find((f) => f.groups.some((g) => g.fpr === null))!;
    const html = render(FairnessAttribute, { props: { attribute: withNull } }).body;
    expect(text(html)).toContain('n/a (no negatives)');
    expect(text(html)).toContain('n/a (one class only)');
  });
});

describe('privacy section', () => {
  it('lists each column with personal data: class, entity with count and masked examples, action', () => {
    const { privacy } = load('binary');
    const out = text(render(PrivacySection, { props: { scan: privacy } }).body);
    expect(out).toContain('E-mail address: 800 cells (validated values)');
    expect(out).toContain('c*****0@example.com');
    expect(out).toContain('Direct identifier');
    expect(out).toContain('Pseudonymize (keyed HMAC-SHA-256)');
    expect(out).toContain('Quasi-identifier');
    expect(out).toContain('3 values failed validation');
    const others = privacy.columns.filter((c) => c.class === 'other' && c.entities.length === 0).length;
    expect(out).toContain(`${others} other columns: no personal data found.`);
  });
});

describe('whole report', () => {
  it('draws every section of SPEC §9 for a binary model', () => {
    const report = load('binary');
    setLocale('en');
    const out = text(render(Report, { props: { report } }).body);
    for (const title of [
      'Summary',
      'Data and cleaning',
      'Model and training',
      'Results',
      'Fairness',
      'Privacy',
      'Model card',
      'Ethics checklist',
      'Reproducibility',
    ]) {
      expect(out).toContain(title);
    }
    expect(out).toContain(report.meta.inputSha256);
    expect(out).toContain(report.meta.testSha256!);
    expect(out).toContain('Normalize the spelling of purpose: trim spaces, lower case.');
    expect(out).toContain('Clip outliers of credit_amount to the limits of the IQR rule (k = 3).');
    expect(out).toContain('Logistic regression');
    expect(out).toContain('Class prior (no information)');
    expect(out).toContain('to be confirmed');
  });

  it('shows the approval rate only for a template that names it, counting its favourable outcome (QA)', () => {
    const report = load('binary');
    const m = report.evaluation.metrics;
    if (m.task !== 'binary') throw new Error('fixture is binary');
    const { tp, fp, tn, fn } = m.confusion;
    const n = tp + fp + tn + fn;
    const approvalRow = (r: ReportModel) => {
      const html = render(Report, { props: { report: r } }).body;
      const row = /<tr[^>]*>\s*<th scope="row">\s*Approval rate[^]*?<\/tr>/.exec(html);
      return row ? text(row[0]) : null;
    };
    // Finance: approved = predicted negative (the fairness reports say so, and so does the template).
    expect(approvalRow(report)).toContain(percent(tn + fn, n));
    expect(approvalRow({ ...report, fairness: [] })).toContain(percent(tn + fn, n));
    // A report that says its favourable outcome is predicted positive counts that.
    expect(
      approvalRow({ ...report, favourableOutcome: 'predicted_positive', headlineMetrics: ['approval_rate'] }),
    ).toContain(percent(tp + fp, n));
    // Medical does not name it: no approval rate anywhere.
    const medical = {
      ...report,
      meta: { ...report.meta, templateId: 'medical' },
      headlineMetrics: ['sensitivity', 'specificity', 'roc_auc', 'ppv', 'npv'] as ReportModel['headlineMetrics'],
      fairness: [],
    };
    expect(text(render(Report, { props: { report: medical } }).body)).not.toContain('Approval rate');
  });

  it('draws the precision–recall and calibration curves of a binary model', () => {
    const out = text(render(Report, { props: { report: load('binary') } }).body);
    expect(out).toContain('Precision–recall curve');
    expect(out).toContain('Calibration');
  });

  it('follows the model into Chinese', () => {
    const report = { ...load('binary'), locale: 'zh' as const };
    setLocale('zh');
    const out = text(render(Report, { props: { report } }).body);
    expect(out).toContain('公平性');
    expect(out).toContain('伦理检查清单');
    expect(out).toContain('金融：信用风险');
    expect(out).not.toContain('Ethics checklist');
  });

  it('draws the per-class table of a multiclass model and the residual plot of a regression', () => {
    const mc = text(render(Report, { props: { report: load('multiclass') } }).body);
    expect(mc).toContain('Per class');
    for (const c of ['Bumps', 'Dirtiness', 'Z_Scratch']) expect(mc).toContain(c);
    expect(mc).toContain('No sensitive attribute was analysed.');
    const reg = text(render(Report, { props: { report: load('regression') } }).body);
    expect(reg).toContain('Residual plot');
    expect(reg).toContain('R²');
    expect(reg).toContain('Training was cancelled after');
  });
});
