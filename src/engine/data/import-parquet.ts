/**
 * Parquet import (SPEC §2) through DuckDB's `read_parquet`. Parquet columns are typed already; only
 * text columns go through type inference (numbers or dates stored as strings, missing markers).
 */
import type { ColumnType, DataWarning, ImportOptionsResolved, ImportSummary } from '../../shared/model/data';
import { DEFAULT_MISSING_MARKERS } from '../../shared/model/data';
import { UserError } from '../../shared/errors';
import type { Db } from './duck';
import { ident, literal, runWithProgress } from './duck';
import { inferColumns } from './detect/infer';
import { valueTableName } from './detect/values';
import type { ColumnPlan } from './detect/infer';
import { inspectBytes } from './detect/inspect';
import { uniqueNames } from './detect/names';
import { buildTypedTable, columnFacts, distinctFromValues, resolveWarnings } from './import-build';
import { isCancellation } from './progress';
import type { ProgressTracker } from './progress';

/** Logical type of a DuckDB column type, or null for text (inferred) and 'nested' for the rest. */
export function typeOfDuck(duckType: string): ColumnType | 'timestamp' | null {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT|UHUGEINT)$/.test(t))
    return 'integer';
  if (/^(FLOAT|REAL|DOUBLE|DECIMAL.*)$/.test(t)) return 'float';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE') return 'date';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  if (t === 'VARCHAR') return null;
  return 'text';
}

/** How a Parquet timestamp with times of day is kept: a date-time (TIMESTAMP), as in CSV files. */
const DATE_TIME: NonNullable<ColumnPlan['date']> = {
  family: 'iso_datetime',
  strptime: '%Y-%m-%d %H:%M:%S',
  label: 'YYYY-MM-DD HH:MM:SS',
  ambiguous: false,
  time: true,
};

/**
 * Import a Parquet file into `ctx.table`.
 * @throws UserError FILE_UNREADABLE (not Parquet, damaged), SETTING_INVALID (names), CANCELLED.
 */
export async function importParquet(
  db: Db,
  file: string,
  options: ImportOptionsResolved,
  ctx: { table: string; signal?: AbortSignal; tracker: ProgressTracker },
): Promise<ImportSummary> {
  const { tracker, signal } = ctx;
  const raw = `${ctx.table}__raw`;
  tracker.stage('read');
  try {
    await runWithProgress(
      db,
      `CREATE OR REPLACE TEMP TABLE ${ident(raw)} AS SELECT * FROM read_parquet(${literal(file)})`,
      {
        signal,
        onProgress: (f) => tracker.update(f),
      },
    );
  } catch (err) {
    if (isCancellation(err)) throw err;
    throw new UserError('FILE_UNREADABLE', {
      file,
      reason: (err as Error).message.split('\n')[0] ?? 'not a Parquet file',
    });
  }
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${ident(raw)}`);
  const named = uniqueNames(described.map((d) => d.column_name));
  let names = named.names;
  if (options.names) {
    if (options.names.length !== names.length)
      throw new UserError('SETTING_INVALID', {
        setting: 'names',
        reason: `${options.names.length} names given for ${names.length} columns`,
      });
    names = uniqueNames(options.names).names;
  }
  const warnings: DataWarning[] = [...named.warnings];
  tracker.stage('infer');
  const textCols = described.map((d, j) => ({ d, j })).filter(({ d }) => typeOfDuck(d.column_type) === null);
  const inferred = await inferColumns(
    db,
    raw,
    textCols.map(({ d, j }) => ({ raw: d.column_name, name: names[j]! })),
    { markers: options.missingMarkers ?? [...DEFAULT_MISSING_MARKERS], overrides: options.columnTypes, signal },
  );
  warnings.push(...inferred.warnings);
  const plans: ColumnPlan[] = [];
  for (const [j, d] of described.entries()) {
    const kind = typeOfDuck(d.column_type);
    const col = ident(d.column_name);
    if (kind === null) {
      plans.push(inferred.plans[textCols.findIndex((t) => t.j === j)]!);
      continue;
    }
    let type: ColumnType = kind === 'timestamp' ? 'date' : kind;
    let expr = col;
    let date: ColumnPlan['date'];
    if (kind === 'timestamp') {
      // Timestamps are dates when every time is midnight; otherwise date-times, as CSV ones are.
      const [r] = await db.all(
        `SELECT count(*) FILTER (WHERE ${col} IS NOT NULL AND CAST(${col} AS TIMESTAMP) <> CAST(CAST(${col} AS DATE) AS TIMESTAMP)) AS timed FROM ${ident(raw)}`,
      );
      if (Number(r?.timed ?? 0) > 0) {
        expr = `CAST(${col} AS TIMESTAMP)`;
        date = DATE_TIME;
      }
    } else if (kind === 'text') expr = `CAST(${col} AS VARCHAR)`;
    const forced = options.columnTypes?.[names[j]!];
    if (forced && forced !== type) {
      type = forced;
      expr = `TRY_CAST(${expr} AS ${forced === 'integer' ? 'BIGINT' : forced === 'float' ? 'DOUBLE' : forced === 'boolean' ? 'BOOLEAN' : forced === 'date' ? 'DATE' : 'VARCHAR'})`;
    }
    plans.push({
      raw: d.column_name,
      name: names[j]!,
      type,
      trim: false,
      missing: [],
      expr,
      ...(date && type === 'date' ? { date } : {}),
    });
  }
  tracker.stage('build');
  const exactDistinct = await distinctFromValues(db, plans, inferred.sources);
  await db.run(`DROP TABLE IF EXISTS ${ident(valueTableName(raw))}`);
  await buildTypedTable(db, raw, ctx.table, plans, { signal, onProgress: (f) => tracker.update(f) });
  await db.run(`DROP TABLE IF EXISTS ${ident(raw)}`);
  tracker.stage('facts');
  const facts = await columnFacts(db, ctx.table, plans, { signal, exactDistinct });
  const bytes = await inspectBytes(file, { signal });
  tracker.done();
  return {
    file,
    format: 'parquet',
    encoding: 'utf-8',
    bom: false,
    delimiter: '',
    quote: '',
    decimalMark: '.',
    thousandsMark: '',
    lineTerminator: 'none',
    headerRow: 1,
    rowCount: facts.rowCount,
    skippedRows: 0,
    columns: facts.columns.map((c, j) =>
      described[j]!.column_name !== c.name ? { ...c, originalName: described[j]!.column_name } : c,
    ),
    warnings: resolveWarnings(warnings),
    sha256: bytes.sha256,
    sizeBytes: bytes.size,
  };
}
