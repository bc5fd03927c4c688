/**
 * The app's bundled data the back end reads itself: templates (`resources/templates/*.json`, the
 * same files and the same validation as the engine's `listTemplates`) and the sample datasets
 * (`resources/samples/samples.json`, a list of `SampleSchema` entries whose `file` is relative to
 * that folder).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../shared/errors';
import { SampleSchema, type Sample } from '../shared/ipc/contract';
import { TemplateSchema, type Template } from '../shared/model/template';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError('TEMPLATE_INVALID', { file, reason: (err as Error).message });
  }
}

/**
 * Every template, `general` first, then by id.
 * @throws UserError TEMPLATE_INVALID naming the file and its first schema problem.
 */
export function loadTemplates(resourcesDir: string): Template[] {
  const dir = path.join(resourcesDir, 'templates');
  const templates = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const file = path.join(dir, f);
      const parsed = TemplateSchema.safeParse(readJson(file));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UserError('TEMPLATE_INVALID', {
          file,
          reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        });
      }
      return parsed.data;
    });
  return templates.sort((a, b) => (a.id === 'general' ? -1 : b.id === 'general' ? 1 : a.id.localeCompare(b.id)));
}

export function samplesDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'samples');
}

/**
 * The bundled samples whose file is present; none when `samples.json` is absent.
 * @throws UserError TEMPLATE_INVALID when `samples.json` exists but is malformed.
 */
export function loadSamples(resourcesDir: string): Sample[] {
  const file = path.join(samplesDir(resourcesDir), 'samples.json');
  if (!existsSync(file)) return [];
  const parsed = z.array(SampleSchema).safeParse(readJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('TEMPLATE_INVALID', {
      file,
      reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    });
  }
  return parsed.data.filter((s) => existsSync(path.join(samplesDir(resourcesDir), s.file)));
}
