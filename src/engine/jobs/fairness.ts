/**
 * Fairness of a trained model on its test rows, for every chosen sensitive attribute and every
 * chosen intersection of two (SPEC §7): numeric attributes with many values are binned (template
 * bands, else <25, 25–44, 45–64, 65+), the favourable outcome and tolerances come from the template
 * (SPEC §4, §7). Binary, multiclass and regression models each get their own per-group metrics
 * (`src/engine/fairness`).
 */
import type { FairnessAttributeReport } from '../../shared/model/fairness';
import type { Template } from '../../shared/model/template';
import type { TaskType } from '../../shared/model/train';
import { getColumn, isNumericType, type Frame } from '../data/frame';
import {
  assessFairness,
  assessMulticlassFairness,
  assessRegressionFairness,
  binNumeric,
  intersectGroups,
  quartileEdges,
} from '../fairness';
import { isAgeHeader } from '../privacy/headers';
import { argmaxRows } from '../metrics/multiclass';
import type { SensitiveUse } from './prepare';

/** Numeric attributes with more distinct values than this are binned. */
const MAX_UNBINNED_VALUES = 10;

/** One column, or the intersection of two (SPEC §7: "Intersections of two attributes are offered"). */
export type AttributeUse = SensitiveUse | readonly [SensitiveUse, SensitiveUse];

/** The groups of an attribute on some rows of a frame, as the fairness assessment takes them. */
export interface AttributeGroups {
  /** The column's name, or `a × b` for an intersection. */
  attribute: string;
  /** Intersections only: the two columns. */
  columns?: [string, string];
  /** Group label per row (null = missing). */
  groups: (string | null)[];
  /** Bin edges of a binned single column, else null. */
  bins: number[] | null;
  /** Report order of the groups (bin order; for intersections the cross product of both orders). */
  order?: string[];
  /** Whether the model's features include the column (either column of an intersection). */
  usedAsFeature: boolean;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Group label per row of one column, binned when numeric with many values (on these rows). */
function columnGroups(
  s: SensitiveUse,
  frame: Frame,
  rows: readonly number[],
): { groups: (string | null)[]; bins: number[] | null; order?: string[] } {
  const column = getColumn(frame, s.column);
  const values = rows.map((r) => column.values[r] ?? null);
  const distinct = new Set(values.filter((v) => v !== null)).size;
  if (isNumericType(column.type) && distinct > MAX_UNBINNED_VALUES) {
    // The template's bins, else age bands for an age, else the column's own quartiles (over all
    // its rows, so the groups are the same whichever rows are assessed).
    const edges =
      s.bins ?? (isAgeHeader(s.column) ? undefined : quartileEdges(column.values as readonly (number | null)[]));
    if (edges === undefined || edges.length > 0) {
      const binned = binNumeric(values as (number | null)[], edges);
      return { groups: binned.labels, bins: binned.edges, order: binned.order };
    }
  }
  return { groups: values.map((v) => (v === null ? null : String(v))), bins: null };
}

/** Name of the intersection of columns `a` and `b`, as its report and the wizard show it. */
export function intersectionName(a: string, b: string): string {
  return `${a} × ${b}`;
}

/**
 * The groups of `use` on `rows` of `frame`: one column (binned when numeric with many values), or
 * the combinations of two (`x × y`; missing when either is, see {@link intersectGroups}).
 * @throws UserError SETTING_INVALID when bins are invalid; COLUMN_NOT_FOUND for an unknown column.
 */
export function attributeGroups(use: AttributeUse, frame: Frame, rows: readonly number[]): AttributeGroups {
  if (!Array.isArray(use)) {
    const s = use as SensitiveUse;
    return { attribute: s.column, ...columnGroups(s, frame, rows), usedAsFeature: s.usedAsFeature };
  }
  const [a, b] = use as readonly [SensitiveUse, SensitiveUse];
  const ga = columnGroups(a, frame, rows);
  const gb = columnGroups(b, frame, rows);
  const labels = (g: { groups: (string | null)[]; order?: string[] }) =>
    g.order ?? [...new Set(g.groups.filter((v): v is string => v !== null))].sort(collator.compare);
  const order = labels(ga).flatMap((x) => labels(gb).map((y) => `${x} × ${y}`));
  return {
    attribute: intersectionName(a.column, b.column),
    columns: [a.column, b.column],
    groups: intersectGroups(ga.groups, gb.groups),
    bins: null,
    order,
    usedAsFeature: a.usedAsFeature || b.usedAsFeature,
  };
}

/**
 * One report per attribute, then one per intersection.
 * @param testFrame the frame the test rows index into.
 * @param yTest per test row: binary 1 = positive class; multiclass the class index into `classes`;
 *   regression the true value in the target's units (not standardized).
 * @param scores binary P(positive) per row; multiclass rows × K probabilities, row-major (the
 *   prediction is the arg-max); regression the predicted value.
 * @param yPred binary only: the decisions (1 = positive class) when they are not `scores ≥
 *   threshold` (per-group thresholds in use, SPEC §7 post-processing).
 * @param favourableClass multiclass only: the class whose prediction is favourable, or null.
 * @throws UserError SETTING_INVALID when `favourableClass` is not a class, or bins are invalid.
 */
export function fairnessOnTest(opts: {
  template: Template;
  task: TaskType;
  sensitive: readonly SensitiveUse[];
  intersections?: readonly (readonly [SensitiveUse, SensitiveUse])[];
  testFrame: Frame;
  testRows: readonly number[];
  yTest: ArrayLike<number>;
  scores: ArrayLike<number>;
  threshold: number;
  yPred?: ArrayLike<number>;
  classes: readonly string[];
  favourableClass?: string | null;
}): FairnessAttributeReport[] {
  const tolerance = {
    difference: opts.template.fairness.differenceTolerance,
    ratio: opts.template.fairness.ratioTolerance,
    minGroupSize: opts.template.fairness.minGroupSize,
  };
  const uses: AttributeUse[] = [...opts.sensitive, ...(opts.intersections ?? [])];
  const common = (use: AttributeUse) => {
    const { groups, bins, order, attribute, usedAsFeature } = attributeGroups(use, opts.testFrame, opts.testRows);
    return { attribute, groups, bins, groupOrder: order, usedAsFeature, tolerance };
  };
  // Intersections say which columns they combine; single columns keep the report's earlier shape.
  const tag = (use: AttributeUse, report: FairnessAttributeReport): FairnessAttributeReport =>
    Array.isArray(use) ? { ...report, columns: [use[0]!.column, use[1]!.column] } : report;
  if (opts.task === 'regression') {
    return uses.map((u) => tag(u, assessRegressionFairness({ ...common(u), yTrue: opts.yTest, yPred: opts.scores })));
  }
  if (opts.task === 'multiclass') {
    const yTrue = Array.from(opts.yTest, (v) => Math.round(v));
    const yPred = argmaxRows(opts.scores, opts.classes.length);
    return uses.map((u) =>
      tag(
        u,
        assessMulticlassFairness({
          ...common(u),
          classes: opts.classes,
          yTrue,
          yPred,
          favourableClass: opts.favourableClass ?? null,
        }),
      ),
    );
  }
  const yTrue = Array.from(opts.yTest, (v) => (v >= 0.5 ? 1 : 0));
  const yPred = opts.yPred ? Array.from(opts.yPred) : Array.from(opts.scores, (p) => (p >= opts.threshold ? 1 : 0));
  const favourablePositive = opts.template.favourableOutcome === 'predicted_positive';
  return uses.map((u) =>
    tag(
      u,
      assessFairness({
        ...common(u),
        yTrue,
        yPred,
        scores: opts.scores,
        favourableOutcome: opts.template.favourableOutcome,
        favourableLabel: favourablePositive ? opts.classes[1]! : opts.classes[0]!,
      }),
    ),
  );
}
