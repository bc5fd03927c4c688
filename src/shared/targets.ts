/**
 * Which columns are likely targets, for the engine's automatic choice and the wizard's
 * "(suggested)" marks alike: the template's own pattern matches (`Template.suggestedTargets`,
 * case-insensitive regular expressions, the first matching column per pattern), then binary columns
 * whose name ends in a typical outcome word (`two_year_recid`, `default`, `churn`, …), then the
 * last column when it holds a few categories (tables usually keep the outcome last: German credit's
 * `class`, Pima's `diabetes`, cylinder bands' `column40`). Not every categorical column: `sex` or a
 * constant is no outcome.
 */
import type { ColumnInfo } from './model/data';

/** Column names that end like an outcome (the column a model usually predicts). */
export const OUTCOME_NAME = /(?:_recid|default|churn|outcome|label|class|target|diagnosis)$/i;

type Column = Pick<ColumnInfo, 'name' | 'type' | 'distinctCount'>;

/** A last column with at most this many values is taken for an outcome (classes, or a 0–4 grade). */
export const MAX_LAST_COLUMN_CLASSES = 20;

/**
 * The suggested targets among `columns`, best first: the template's pattern matches in pattern
 * order, then the binary columns named like an outcome, the rightmost first (tables usually keep
 * the outcome in the last column: COMPAS's `two_year_recid` comes after `is_recid`). Identifier
 * columns are never suggested. An invalid pattern is skipped.
 */
export function suggestedTargets(columns: readonly Column[], patterns: readonly string[]): string[] {
  const usable = columns.filter((c) => c.type !== 'identifier');
  const out: string[] = [];
  for (const pattern of patterns) {
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'i');
    } catch {
      continue;
    }
    const hit = usable.find((c) => re.test(c.name));
    if (hit && !out.includes(hit.name)) out.push(hit.name);
  }
  for (const c of [...usable].reverse()) {
    if (c.distinctCount === 2 && OUTCOME_NAME.test(c.name) && !out.includes(c.name)) out.push(c.name);
  }
  const last = columns[columns.length - 1];
  if (
    last &&
    last.type !== 'identifier' &&
    last.type !== 'text' &&
    last.distinctCount >= 2 &&
    last.distinctCount <= MAX_LAST_COLUMN_CLASSES &&
    !out.includes(last.name)
  )
    out.push(last.name);
  return out;
}
