// buildReport on the pieces of a realistic run (the binary report fixture): what a shared report
// must never show, and what its summary must say.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/engine/report/build';
import { catalogs, translate } from '../../src/shared/i18n';
import { binaryReportFixture, binaryReportInput } from '../helpers/report';

const fixture = binaryReportFixture;
const input = binaryReportInput;

describe('buildReport', () => {
  it('masks the values of direct identifiers in the profile and the import samples', () => {
    const report = buildReport(input());
    const email = report.data.profile!.columns.find((c) => c.name === 'email')!;
    const original = fixture.data.profile!.columns.find((c) => c.name === 'email')!;
    expect(original.topValues.length).toBeGreaterThan(0);
    for (const t of email.topValues) expect(String(t.value)).toContain('•');
    const sample = report.data.import.columns.find((c) => c.name === 'email')!.sample;
    for (const v of sample) if (typeof v === 'string') expect(v).toContain('•');
    // Other columns are untouched.
    const purpose = report.data.profile!.columns.find((c) => c.name === 'purpose')!;
    expect(purpose.topValues).toEqual(fixture.data.profile!.columns.find((c) => c.name === 'purpose')!.topValues);
  });

  it('states whether each scanned column reached the model', () => {
    const report = buildReport(input());
    for (const c of report.privacy.columns)
      expect(c.excludedFromFeatures).toBe(!report.data.features.includes(c.column));
  });

  it('says which columns were left out as suspected leakage, and flags a too-good score', () => {
    const evaluation = structuredClone(fixture.evaluation);
    if (evaluation.metrics.task === 'binary') evaluation.metrics.rocAuc = 0.999;
    const report = buildReport(
      input({ evaluation, excluded: [...fixture.data.excluded, { column: 'is_recid', reason: 'features.leakage' }] }),
    );
    const keys = report.summary.map((m) => m.key);
    expect(keys).toContain('summary.leakage');
    expect(keys).toContain('summary.tooGood');
    expect(report.modelCard.limitations.map((m) => m.key)).toContain('modelCard.limitation.tooGood');
  });

  it('writes every sentence from catalog keys that exist in both languages', () => {
    const report = buildReport(input());
    for (const m of [...report.summary, ...report.modelCard.limitations]) {
      expect(catalogs.en[m.key], m.key).toBeDefined();
      expect(catalogs.zh[m.key], m.key).toBeDefined();
      const text = translate('zh', m.key, m.params);
      expect(text).not.toMatch(/\{[\w.]+\}/);
    }
  });
});
