/**
 * Templates are JSON data under `resources/templates/` (SPEC §4), validated with `TemplateSchema`
 * when loaded, so a malformed file is reported by name instead of misbehaving later.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { TemplateSchema, type Template } from '../../shared/model/template';
import { resourcesDir } from '../paths';

function templatesDir(): string {
  return path.join(resourcesDir(), 'templates');
}

/**
 * Load and validate one template file.
 * @throws UserError TEMPLATE_INVALID naming the file and the first schema problem.
 */
export function loadTemplateFile(file: string): Template {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError('TEMPLATE_INVALID', { file, reason: (err as Error).message });
  }
  const parsed = TemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('TEMPLATE_INVALID', {
      file,
      reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    });
  }
  return parsed.data;
}

/** All bundled templates, sorted with `general` first. @throws UserError TEMPLATE_INVALID */
export function listTemplates(): Template[] {
  const dir = templatesDir();
  const templates = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadTemplateFile(path.join(dir, f)));
  return templates.sort((a, b) => (a.id === 'general' ? -1 : b.id === 'general' ? 1 : a.id.localeCompare(b.id)));
}

/** The template called `id`. @throws UserError TEMPLATE_NOT_FOUND listing the available ids. */
export function getTemplate(id: string): Template {
  const all = listTemplates();
  const found = all.find((t) => t.id === id);
  if (!found) throw new UserError('TEMPLATE_NOT_FOUND', { template: id, templates: all.map((t) => t.id).join(', ') });
  return found;
}

/** First column whose name matches one of `patterns` (case-insensitive regular expressions). */
export function matchColumn(columns: readonly string[], patterns: readonly string[]): string | undefined {
  const regexes = patterns.map((p) => new RegExp(p, 'i'));
  return columns.find((c) => regexes.some((r) => r.test(c)));
}
