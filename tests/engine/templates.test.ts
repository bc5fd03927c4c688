import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTemplate, listTemplates, loadTemplateFile, matchColumn } from '../../src/engine/templates';
import { UserError } from '../../src/shared/errors';

describe('templates', () => {
  it('loads every bundled template through the schema', () => {
    const ids = listTemplates().map((t) => t.id);
    expect(ids[0]).toBe('general');
    expect(ids).toEqual(expect.arrayContaining(['general', 'finance', 'medical', 'manufacturing']));
  });

  it('keeps the positive class and the favourable outcome separate (SPEC §4)', () => {
    const finance = getTemplate('finance');
    expect(finance.positiveClassCandidates[0]).toBe('bad');
    expect(finance.favourableOutcome).toBe('predicted_negative');
    expect(finance.sensitiveAttributes.every((s) => !s.useAsFeature)).toBe(true);
    const medical = getTemplate('medical');
    expect(medical.favourableOutcome).toBe('predicted_positive');
    expect(medical.sensitiveAttributes.find((s) => s.label.en.startsWith('Race'))?.useAsFeature).toBe(false);
  });

  it('names the missing template and lists the available ones', () => {
    try {
      getTemplate('astrology');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('TEMPLATE_NOT_FOUND');
      expect(String((err as UserError).params.templates)).toContain('finance');
    }
  });

  it('reports a malformed template by file and field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mw-tpl-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...getTemplate('general'), headlineMetrics: [] }));
    expect(() => loadTemplateFile(file)).toThrow(UserError);
    try {
      loadTemplateFile(file);
    } catch (err) {
      expect((err as UserError).params.file).toBe(file);
      expect(String((err as UserError).params.reason)).toContain('headlineMetrics');
    }
  });

  it('matches sensitive attributes by name patterns', () => {
    const finance = getTemplate('finance');
    const marital = finance.sensitiveAttributes.find((s) => s.label.en === 'Marital status')!;
    expect(matchColumn(['duration', 'personal_status', 'age'], marital.patterns)).toBe('personal_status');
    expect(matchColumn(['姓名', '性别'], finance.sensitiveAttributes[0]!.patterns)).toBe('性别');
  });
});
