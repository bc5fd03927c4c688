// The report fixtures are valid ReportModels, and every message the report page can show exists in
// both catalogs: literal keys found in the renderer's source, and keys built from the shared enums.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/shared/i18n';
import { ColumnTypeSchema } from '../../src/shared/model/data';
import { FairnessVerdictSchema, UndefinedReasonSchema } from '../../src/shared/model/fairness';
import { BaselineSchema } from '../../src/shared/model/metrics';
import {
  ColumnClassSchema,
  EntityFindingSchema,
  EntityTypeSchema,
  PrivacyActionSchema,
} from '../../src/shared/model/privacy';
import { RecipeStepSchema } from '../../src/shared/model/recipe';
import { ReportModelSchema } from '../../src/shared/model/report';
import { MetricIdSchema } from '../../src/shared/model/template';
import { BackendNameSchema, TaskTypeSchema } from '../../src/shared/model/train';
import { repoRoot } from '../helpers/paths';

const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'report');
const load = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));

describe('report fixtures', () => {
  for (const name of ['report-model.binary.json', 'report-model.multiclass.json', 'report-model.regression.json']) {
    it(`${name} is a valid ReportModel`, () => {
      const parsed = ReportModelSchema.safeParse(load(name));
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    });
  }

  it('covers what the report must show: two fairness attributes, one not comparable, privacy findings, baselines', () => {
    const report = ReportModelSchema.parse(load('report-model.binary.json'));
    expect(report.fairness.filter((f) => f.comparisonPossible).length).toBeGreaterThanOrEqual(2);
    expect(report.fairness.some((f) => !f.comparisonPossible && f.notComparableReason)).toBe(true);
    expect(report.fairness.some((f) => f.groups.some((g) => Object.keys(g.undefinedReasons).length > 0))).toBe(true);
    expect(report.privacy.columns.some((c) => c.entities.length > 0)).toBe(true);
    expect(report.evaluation.baselines.map((b) => b.name)).toEqual(['majority_class', 'logistic_regression']);
    expect(report.training.epochs.length).toBeGreaterThan(report.training.bestEpoch - 1);
    expect(report.meta.testSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('report catalog', () => {
  const options = <T extends string>(schema: { options: readonly T[] }): readonly T[] => schema.options;
  const ops = RecipeStepSchema.options.map((o) => o.shape.op.value);
  const dynamic = [
    ...options(MetricIdSchema).map((id) => `report.metric.${id}`),
    ...options(ColumnTypeSchema).map((t) => `report.type.${t}`),
    ...options(TaskTypeSchema).map((t) => `report.task.${t}`),
    ...options(BackendNameSchema).map((b) => `report.backend.${b}`),
    ...options(EntityTypeSchema).map((e) => `report.privacy.entity.${e}`),
    ...options(ColumnClassSchema).map((c) => `report.privacy.class.${c}`),
    ...options(PrivacyActionSchema).map((a) => `report.privacy.action.${a}`),
    ...EntityFindingSchema.shape.source.options.map((s) => `report.privacy.source.${s}`),
    ...options(UndefinedReasonSchema).map((r) => `report.fairness.reason.${r}`),
    ...options(FairnessVerdictSchema).map((v) => `report.fairness.verdict.${v}`),
    ...BaselineSchema.shape.name.options.map((b) => `report.baseline.${b}`),
    ...ops.filter((op) => !['impute', 'outliers', 'bin'].includes(op)).map((op) => `report.recipe.${op}`),
    ...['mean', 'median', 'mode', 'constant'].map((s) => `report.recipe.strategy.${s}`),
    ...['trim', 'lower', 'upper', 'title'].map((s) => `report.recipe.normalize.${s}`),
    ...['clip', 'remove'].map((a) => `report.recipe.outliers.${a}`),
    ...['iqr', 'zscore'].map((r) => `report.recipe.rule.${r}`),
    ...['summary', 'data', 'training', 'results', 'fairness', 'privacy', 'modelCard', 'ethics', 'reproducibility'].map(
      (s) => `report.section.${s}`,
    ),
  ];

  it('has every key the renderer names literally, in English and Chinese', () => {
    const sources = walk(path.join(repoRoot, 'src', 'renderer')).filter((f) => /\.(ts|svelte)$/.test(f));
    const literal = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](report\.[A-Za-z0-9_.-]+[A-Za-z0-9_])['"`]/g)) {
        // File names (`report.html`, `report.json`) are not messages.
        if (!/\.(html|json|css|ts)$/.test(m[1]!)) literal.add(m[1]!);
      }
    }
    expect(literal.size).toBeGreaterThan(100);
    const missing = [...literal].filter((k) => !(k in catalogs.en) || !(k in catalogs.zh));
    expect(missing).toEqual([]);
  });

  it('has every key built from the shared enums, in English and Chinese', () => {
    const missing = dynamic.filter((k) => !(k in catalogs.en) || !(k in catalogs.zh));
    expect(missing).toEqual([]);
  });

  it('keeps the same placeholders in Chinese as in English', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(catalogs.en).filter((k) => k.startsWith('report.'))) {
      expect(names(catalogs.zh[key] ?? ''), key).toEqual(names(catalogs.en[key]!));
    }
  });
});
