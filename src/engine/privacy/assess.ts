/**
 * Re-identification risk of a table in DuckDB (SPEC §8, ARX's definitions — REFERENCE §2.2), and
 * the privacy assessment the Privacy step and the report show: the risk over the chosen
 * quasi-identifiers on the data as imported and on the cleaned data the model is trained on, the
 * regulation checklist, and the recipe steps offered per column.
 *
 * The risk is one GROUP BY over the quasi-identifiers (one row per equivalence class), so it runs
 * in DuckDB on tables of any size; its numbers are those of `risk.ts` (checked against it and
 * against ARX's own test data in tests/engine/privacy-assess.test.ts).
 */
import { UserError } from '../../shared/errors';
import type { ColumnInfo } from '../../shared/model/data';
import {
  DEFAULT_K,
  type PrivacyAssessment,
  type PrivacyOffer,
  type PrivacyScan,
  type PrivacySettings,
  type Regulation,
  type RiskSummary,
} from '../../shared/model/privacy';
import type { RecipeStep } from '../../shared/model/recipe';
import type { Template } from '../../shared/model/template';
import { ident, type Db } from '../data/duck';
import { isNumericType } from '../data/frame';
import { DEFAULT_AGE_EDGES, suggestSensitiveAttributes } from '../fairness/groups';
import { privacyChecklist } from './checklist';
import { isAgeHeader } from './headers';

/** HIPAA Safe Harbor: ages over 89 must be aggregated into one "90 or older" category (45 CFR 164.514(b)(2)(i)(C)). */
const SAFE_HARBOR_MAX_AGE = 89;

export interface RiskOptions {
  /** Columns forming the equivalence classes (none: the whole table is one class). */
  quasiIdentifiers: readonly string[];
  /** Columns whose distinct ℓ-diversity is measured. */
  sensitive: readonly string[];
  /** The k threshold (≥ 1): records in smaller classes are "below k" and at prosecutor risk > 1/k. */
  k: number;
}

/** A value as grouped: NaN is missing, as `readFrame` reads it, so NaN and NULL share a class. */
function valueSql(c: ColumnInfo): string {
  const x = ident(c.name);
  return c.type === 'float' ? `CASE WHEN isnan(CAST(${x} AS DOUBLE)) THEN NULL ELSE ${x} END` : x;
}

/**
 * Re-identification risk of `table` (its `columns` with their types) over `opts.quasiIdentifiers`,
 * as ARX defines it: equivalence classes f_j (missing equals missing), k = min f_j, records in
 * classes with f_j < k, unique records (f_j = 1), distinct ℓ-diversity per sensitive attribute (a
 * missing value counts as one more value, as `distinctLDiversity`), and the prosecutor model —
 * highest 1/min f_j, lowest 1/max f_j, average #classes/n, records at risk Σ_{1/f_j > 1/k} f_j / n
 * (= the records below k). A table without rows gives zeros.
 * @throws UserError COLUMN_NOT_FOUND when a named column is not in `columns`.
 */
export async function riskOfTable(
  db: Db,
  table: string,
  columns: readonly ColumnInfo[],
  opts: RiskOptions,
): Promise<RiskSummary> {
  const col = (name: string): ColumnInfo => {
    const c = columns.find((x) => x.name === name);
    if (!c)
      throw new UserError('COLUMN_NOT_FOUND', {
        file: table,
        column: name,
        columns: columns.map((x) => x.name).join(', '),
      });
    return c;
  };
  const k = Math.max(1, Math.floor(opts.k));
  const q = opts.quasiIdentifiers.map((n, i) => `${valueSql(col(n))} AS q${i}`);
  const s = opts.sensitive.map((n, i) => `${valueSql(col(n))} AS s${i}`);
  const perClass = [
    'count(*) AS f',
    ...s.map((_, i) => `count(DISTINCT s${i}) + (count(*) > count(s${i}))::INTEGER AS l${i}`),
  ];
  // Without quasi-identifiers every record is in one class (none when the table is empty).
  const group = q.length ? `GROUP BY ${q.map((_, i) => `q${i}`).join(', ')}` : 'HAVING count(*) > 0';
  const perSensitive = s.map(
    (_, i) => `min(l${i})::BIGINT AS l${i}, coalesce(sum(CASE WHEN l${i} = 1 THEN f ELSE 0 END), 0)::BIGINT AS h${i}`,
  );
  const sql = `WITH t AS (SELECT ${[...q, ...s].join(', ') || '1 AS one'} FROM ${ident(table)}),
    ec AS (SELECT ${perClass.join(', ')} FROM t ${group})
    SELECT count(*)::BIGINT AS classes, coalesce(sum(f), 0)::BIGINT AS n, coalesce(min(f), 0)::BIGINT AS fmin,
      coalesce(max(f), 0)::BIGINT AS fmax, coalesce(sum(CASE WHEN f < ${k} THEN f ELSE 0 END), 0)::BIGINT AS below,
      coalesce(sum(CASE WHEN f = 1 THEN 1 ELSE 0 END), 0)::BIGINT AS uniques
      ${perSensitive.map((x) => `, ${x}`).join('')}
    FROM ec`;
  const row = (await db.all(sql))[0] ?? {};
  const num = (key: string) => Number(row[key] ?? 0);
  const n = num('n');
  const share = (records: number) => ({ records, share: n ? records / n : 0 });
  return {
    quasiIdentifiers: [...opts.quasiIdentifiers],
    rows: n,
    classes: num('classes'),
    k: num('fmin'),
    belowK: share(num('below')),
    unique: share(num('uniques')),
    prosecutor:
      n === 0
        ? { highest: 0, lowest: 0, average: 0, recordsAtRisk: 0 }
        : {
            highest: 1 / num('fmin'),
            lowest: 1 / num('fmax'),
            average: num('classes') / n,
            // 1/f > 1/k exactly when f < k.
            recordsAtRisk: num('below') / n,
          },
    lDiversity: opts.sensitive.map((column, i) => ({
      column,
      l: num(`l${i}`),
      homogeneous: share(num(`h${i}`)),
    })),
  };
}

/**
 * The name `column` (as imported) has after the recipe's renames, or null when a step drops it.
 * Steps run in order, so a rename followed by a drop of the new name drops it.
 */
export function columnAfterRecipe(column: string, steps: readonly RecipeStep[]): string | null {
  let name = column;
  for (const s of steps) {
    if (s.op === 'drop_column' && s.column === name) return null;
    if (s.op === 'rename' && s.column === name) name = s.to;
  }
  return name;
}

/** The quasi-identifiers by default: the columns the scan classes as quasi-identifiers, in column order. */
export function defaultQuasiIdentifiers(scan: PrivacyScan): string[] {
  return scan.columns.filter((c) => c.class === 'quasi_identifier').map((c) => c.column);
}

/**
 * The k threshold and where it comes from: the user's, else the template's, else {@link DEFAULT_K}.
 */
export function kThreshold(
  settings: PrivacySettings,
  template: Template,
): { k: number; source: PrivacyAssessment['kSource'] } {
  if (settings.k !== null) return { k: settings.k, source: 'user' };
  if (template.privacy.k !== undefined) return { k: template.privacy.k, source: 'template' };
  return { k: DEFAULT_K, source: 'default' };
}

/**
 * Whether the template is for health data: it lists HIPAA, which governs protected health
 * information only, so its datasets are health data (GDPR Art. 9, PIPL Art. 28) as a whole.
 */
export function isHealthTemplate(template: Template): boolean {
  return template.privacy.regulations.includes('HIPAA');
}

/** Age bands for an age column: the template's bins for it, else SPEC §7's <25, 25–44, 45–64, 65+. */
function ageEdges(column: string, template: Template): number[] {
  const hit = suggestSensitiveAttributes([column], template.sensitiveAttributes)[0];
  return hit?.suggestion.bins ?? DEFAULT_AGE_EDGES;
}

export interface AssessInput {
  scan: PrivacyScan;
  /** The imported table and its columns. */
  raw: { table: string; columns: readonly ColumnInfo[] };
  /** The cleaned table (the recipe applied) and its columns. */
  clean: { table: string; columns: readonly ColumnInfo[] };
  recipe: readonly RecipeStep[];
  template: Template;
  settings: PrivacySettings;
  target: string | null;
  /** The trained model's features (cleaned-data names), or null before training. */
  features: readonly string[] | null;
  /** Columns the model's decisions use at scoring time besides its features (per-group thresholds in use). */
  decisionColumns?: readonly string[];
}

/**
 * The privacy assessment (SPEC §8). Quasi-identifiers: the user's (names not in the imported data
 * are ignored), else the scan's. Sensitive attributes: the scan's, and for a health template the
 * target (a diagnosis); never a quasi-identifier. After cleaning, columns are followed through the
 * recipe's renames; the ones it drops no longer count (`removedByRecipe`). Offers: "drop" for
 * direct identifiers (the scan proposes dropping or pseudonymizing them; the recipe cannot
 * pseudonymize), "generalize" into age bands for a numeric age column the scan proposes to
 * generalize; none for the target.
 * @throws UserError COLUMN_NOT_FOUND when the tables lack a column their `columns` name.
 */
export async function assessPrivacy(db: Db, input: AssessInput): Promise<PrivacyAssessment> {
  const { scan, raw, clean, recipe, template, settings, target } = input;
  const rawNames = new Set(raw.columns.map((c) => c.name));
  const cleanCols = new Map(clean.columns.map((c) => [c.name, c] as const));
  const after = (column: string): string | null => {
    const name = columnAfterRecipe(column, recipe);
    return name !== null && cleanCols.has(name) ? name : null;
  };
  const scanned = scan.columns.filter((c) => rawNames.has(c.column));
  const defaults = defaultQuasiIdentifiers({ ...scan, columns: scanned });
  const quasi = settings.quasiIdentifiers ? settings.quasiIdentifiers.filter((c) => rawNames.has(c)) : defaults;
  const { k, source } = kThreshold(settings, template);
  const healthData = isHealthTemplate(template);
  const special = scanned.filter((c) => c.class === 'sensitive').map((c) => c.column);
  const healthTarget = healthData && target && rawNames.has(target) ? [target] : [];
  const sensitive = [...new Set([...special, ...healthTarget])].filter((c) => !quasi.includes(c));

  const before = await riskOfTable(db, raw.table, raw.columns, { quasiIdentifiers: quasi, sensitive, k });
  const quasiAfter = quasi.map(after).filter((c): c is string => c !== null);
  const sensitiveAfter = sensitive.map(after).filter((c): c is string => c !== null && !quasiAfter.includes(c));
  const afterRisk = await riskOfTable(db, clean.table, clean.columns, {
    quasiIdentifiers: quasiAfter,
    sensitive: sensitiveAfter,
    k,
  });

  const direct = scanned.filter((c) => c.class === 'direct_identifier').map((c) => c.column);
  const present = (cols: readonly string[]) => cols.map(after).filter((c): c is string => c !== null);
  const directAfter = present(direct);
  const datesAndPlaces = present(
    scanned
      .filter((c) => c.entities.some((e) => e.entity === 'DATE_OF_BIRTH' || e.entity === 'POSTAL_CODE'))
      .map((c) => c.column),
  );
  const oldAges: string[] = [];
  for (const [name, c] of cleanCols) {
    if (!isAgeHeader(name) || !isNumericType(c.type)) continue;
    const [r] = await db.all<{ m: number | null }>(
      `SELECT max(${ident(name)})::DOUBLE AS m FROM ${ident(clean.table)}`,
    );
    if (r?.m !== null && r?.m !== undefined && r.m > SAFE_HARBOR_MAX_AGE) oldAges.push(name);
  }
  const protectedColumns = [
    ...new Set([
      ...suggestSensitiveAttributes([...cleanCols.keys()], template.sensitiveAttributes).map((s) => s.column),
      ...present(special),
    ]),
  ];
  const regulations: Regulation[] = template.privacy.regulations.length ? template.privacy.regulations : ['GDPR'];
  const checklist = privacyChecklist({
    regulations,
    healthData,
    special,
    direct,
    directAfter,
    features: input.features,
    protectedColumns,
    decisionColumns: input.decisionColumns ?? [],
    quasiIdentifiers: quasi,
    kAfter: afterRisk.k,
    kThreshold: k,
    belowKAfter: afterRisk.belowK,
    safeHarborAfter: [...new Set([...directAfter, ...datesAndPlaces, ...oldAges])],
  });

  const offers: PrivacyOffer[] = [];
  for (const c of scanned) {
    if (c.column === target) continue;
    const now = after(c.column);
    if (c.class === 'direct_identifier' && (c.action === 'drop' || c.action === 'pseudonymize'))
      offers.push({
        column: c.column,
        kind: 'drop',
        step: { op: 'drop_column', column: now ?? c.column },
        applied: now === null,
      });
    const rawType = raw.columns.find((x) => x.name === c.column)?.type;
    if (c.action === 'generalize' && now !== null && isAgeHeader(c.column) && rawType && isNumericType(rawType)) {
      const binned = recipe.some((s) => s.op === 'bin' && (s.column === now || s.column === c.column) && !s.into);
      if (binned || isNumericType(cleanCols.get(now)!.type))
        offers.push({
          column: c.column,
          kind: 'generalize',
          step: { op: 'bin', column: now, edges: ageEdges(c.column, template) },
          applied: binned,
        });
    }
  }

  return {
    quasiIdentifiers: quasi,
    defaultQuasiIdentifiers: defaults,
    k,
    kSource: source,
    sensitive,
    before,
    after: afterRisk,
    removedByRecipe: quasi.filter((c) => after(c) === null),
    healthData,
    checklist,
    offers,
  };
}
