// Which columns step 2 marks "(suggested)": the template's name patterns and binary columns named
// like an outcome — not every categorical column the back end lists as a possible target (QA: 13 of
// German credit's 21 columns were "suggested", including sex and constants; COMPAS's
// two_year_recid was not).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTCOME_NAME, suggestedTargets } from '../../src/shared/targets';
import { TemplateSchema, type Template } from '../../src/shared/model/template';
import { repoRoot } from '../helpers/paths';
import { importSummary } from '../renderer/fakes';

const template = (id: string): Template =>
  TemplateSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'templates', `${id}.json`), 'utf8')));

describe('suggested targets', () => {
  // The fixture's import summary is German credit (plus identifier and contact columns).
  const german = importSummary().columns;

  it('suggests only class in German credit, under the finance and the general template', () => {
    expect(german.filter((c) => c.type === 'categorical').length).toBeGreaterThan(10);
    expect(suggestedTargets(german, template('finance').suggestedTargets)).toEqual(['class']);
    expect(suggestedTargets(german, template('general').suggestedTargets)).toEqual(['class']);
    // Binary columns with other names (own_telephone, foreign_worker) are not outcomes.
    expect(suggestedTargets(german, [])).toEqual(['class']);
  });

  it("suggests COMPAS's two_year_recid first, then the other binary *_recid columns, never sex or race", () => {
    const compas = [
      ['id', 'identifier', 7214],
      ['sex', 'categorical', 2],
      ['race', 'categorical', 6],
      ['age_cat', 'categorical', 3],
      ['c_charge_degree', 'categorical', 2],
      ['is_recid', 'boolean', 2],
      ['violent_recid', 'text', 0],
      ['is_violent_recid', 'boolean', 2],
      ['score_text', 'categorical', 3],
      ['event', 'boolean', 2],
      ['two_year_recid', 'boolean', 2],
    ].map(
      ([name, type, distinctCount]) => ({ name, type, distinctCount }) as Parameters<typeof suggestedTargets>[0][0],
    );
    const out = suggestedTargets(compas, template('general').suggestedTargets);
    expect(out[0]).toBe('two_year_recid');
    expect(out).toEqual(['two_year_recid', 'is_violent_recid', 'is_recid']);
  });

  it("puts the template's pattern matches first, in pattern order, and skips identifiers and broken patterns", () => {
    const cols = [
      { name: 'customer_id', type: 'identifier' as const, distinctCount: 100 },
      { name: 'churn', type: 'boolean' as const, distinctCount: 2 },
      { name: 'defect_flag', type: 'categorical' as const, distinctCount: 2 },
      { name: 'machine_fault', type: 'categorical' as const, distinctCount: 3 },
    ];
    expect(suggestedTargets(cols, ['fault', 'defect', '(', 'customer'])).toEqual([
      'machine_fault',
      'defect_flag',
      'churn',
    ]);
  });

  it('knows the typical outcome names', () => {
    for (const name of ['two_year_recid', 'Default', 'churn', 'outcome', 'label', 'class', 'target', 'diagnosis'])
      expect(OUTCOME_NAME.test(name), name).toBe(true);
    for (const name of ['sex', 'race', 'recidivism_score', 'targeted_ads', 'classroom'])
      expect(OUTCOME_NAME.test(name), name).toBe(false);
  });
});
