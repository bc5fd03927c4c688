/**
 * The binary report fixture (`tests/fixtures/report/report-model.binary.json`, made from scikit-learn
 * values by `make_fixtures.py`) and a `buildReport` input rebuilt from it, for the report tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildReportInput } from '../../src/engine/report/build';
import { getTemplate } from '../../src/engine/templates';
import type { ReportModel } from '../../src/shared/model/report';
import { repoRoot } from './paths';

export const binaryReportFixture = JSON.parse(
  readFileSync(path.join(repoRoot, 'tests/fixtures/report/report-model.binary.json'), 'utf8'),
) as ReportModel;

/** The fixture's report as a `buildReport` input (finance template, seed 42, no threshold choice). */
export function binaryReportInput(overrides: Partial<BuildReportInput> = {}): BuildReportInput {
  const fixture = binaryReportFixture;
  return {
    locale: 'en',
    template: getTemplate('finance'),
    importSummary: fixture.data.import,
    testImport: null,
    profile: fixture.data.profile,
    recipe: fixture.data.recipe as BuildReportInput['recipe'],
    rowsAfterCleaning: fixture.data.rowsAfterCleaning,
    features: fixture.data.features,
    excluded: fixture.data.excluded,
    target: fixture.target,
    task: fixture.task,
    positiveClass: fixture.positiveClass,
    training: fixture.training,
    evaluation: fixture.evaluation,
    fairness: fixture.fairness,
    privacy: fixture.privacy,
    seed: 42,
    threshold: null,
    ...overrides,
  };
}
