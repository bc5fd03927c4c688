/**
 * Which columns step 2 marks as "(suggested)" targets. The back end's `template:suggest` answers
 * every column that could be a target — the template's name-pattern matches first, then every
 * categorical or boolean column — so its list cannot tell a likely outcome from `sex` or a
 * constant. Only two kinds of column are worth suggesting: the template's own pattern matches
 * (`Template.suggestedTargets`, matched as the engine's `matchColumn` does: case-insensitive
 * regular expressions, the first matching column per pattern) and binary columns whose name ends
 * in a typical outcome word (`two_year_recid`, `default`, `churn`, `outcome`, `label`, `class`,
 * `target`, `diagnosis`).
 */
import type { ColumnInfo } from '../../../shared/model/data';

/** Column names that end like an outcome (the column a model usually predicts). */
export const OUTCOME_NAME = /(?:_recid|default|churn|outcome|label|class|target|diagnosis)$/i;

type Column = Pick<ColumnInfo, 'name' | 'type' | 'distinctCount'>;

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
  return out;
}
