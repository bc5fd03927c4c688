/** Recipe options of the command line: `--recipe recipe.json` and the `--binarize "num>0"` shortcut. */
import { readFileSync } from 'node:fs';
import { UserError } from '../shared/errors';
import { RecipeSchema, type RecipeStep } from '../shared/model/recipe';

/**
 * Steps from a recipe file: `{"steps": [...]}` or a bare array of steps.
 * @throws UserError FILE_NOT_FOUND / SETTING_INVALID naming the file and the bad step.
 */
export function readRecipeFile(file: string): RecipeStep[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', { file });
    throw new UserError('SETTING_INVALID', { setting: `--recipe ${file}`, reason: (err as Error).message });
  }
  const parsed = RecipeSchema.safeParse(Array.isArray(raw) ? { steps: raw } : raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('SETTING_INVALID', {
      setting: `--recipe ${file}`,
      reason: `${issue?.path.join('.')}: ${issue?.message}`,
    });
  }
  return parsed.data.steps;
}

/**
 * `COL>0`, `COL>=1`, `COL==yes`, `COL!=0`, `COL<5` → a binarize step (true label "1").
 * @throws UserError SETTING_INVALID when the expression does not parse.
 */
export function parseBinarize(expr: string): RecipeStep {
  const m = /^\s*(.+?)\s*(>=|<=|==|!=|>|<|=)\s*(.+?)\s*$/.exec(expr);
  if (!m)
    throw new UserError('SETTING_INVALID', {
      setting: '--binarize',
      reason: `"${expr}" is not COLUMN>VALUE (e.g. "num>0")`,
    });
  const [, column, op, rawValue] = m as unknown as [string, string, string, string];
  // "a>>1" or "a=<1" would otherwise compare with the text ">1" or "<1".
  if (/^[<>=!]/.test(rawValue))
    throw new UserError('SETTING_INVALID', {
      setting: '--binarize',
      reason: `"${expr}" has an unknown comparison; use one of > >= < <= == != (e.g. "num>0")`,
    });
  const numeric = Number(rawValue);
  const value = rawValue !== '' && Number.isFinite(numeric) ? numeric : rawValue;
  const comparator = (op === '=' ? '==' : op) as '>' | '>=' | '<' | '<=' | '==' | '!=';
  return { op: 'binarize', column, comparator, value };
}
