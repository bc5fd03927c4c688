/**
 * Project folders on disk (DESIGN "Project"): `NAME.modelwise/` with `project.json`, `data.duckdb`,
 * `models/`, `reports/` and `uploads/`. `project.json` is written atomically (temp file + rename),
 * so a crash mid-write leaves the previous version intact.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../../shared/errors';
import { ProjectSchema, type Project } from '../../shared/model/project';
import { appVersion } from '../paths';

export const PROJECT_FILE = 'project.json';
export const DATABASE_FILE = 'data.duckdb';
export const PROJECT_SUFFIX = '.modelwise';

/** A file-system-safe folder name from a user's project name. */
export function folderName(name: string): string {
  const safe = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are invalid in file names
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 80);
  return (safe || 'Untitled') + PROJECT_SUFFIX;
}

/**
 * Create a new project folder under `parentDir` (a free name: `Name.modelwise`, `Name 2.modelwise`, …).
 * The project is named like its folder (`Name 2`), so two projects made from the same name (the
 * same sample tried twice) can be told apart in the title bar and the recent list.
 * @returns the folder and the fresh project.
 */
export async function createProjectFolder(parentDir: string, name: string): Promise<{ dir: string; project: Project }> {
  await mkdir(parentDir, { recursive: true });
  let dir = path.join(parentDir, folderName(name));
  let named = name;
  for (let i = 2; existsSync(dir); i++) {
    named = `${name} ${i}`;
    dir = path.join(parentDir, folderName(named));
  }
  await mkdir(dir);
  for (const sub of ['models', 'reports', 'uploads']) await mkdir(path.join(dir, sub));
  const now = new Date().toISOString();
  const project = ProjectSchema.parse({
    format: 'modelwise-project',
    version: 1,
    id: randomUUID(),
    name: named,
    createdAt: now,
    updatedAt: now,
    appVersion: appVersion(),
  });
  await writeProject(dir, project);
  return { dir, project };
}

/**
 * Read and validate `project.json` of `dir`.
 * @throws UserError PROJECT_NOT_FOUND, PROJECT_INVALID {path, reason}.
 */
export async function readProject(dir: string): Promise<Project> {
  const file = path.join(dir, PROJECT_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    throw new UserError('PROJECT_NOT_FOUND', { path: dir });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new UserError('PROJECT_INVALID', { path: dir, reason: (err as Error).message });
  }
  const parsed = ProjectSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('PROJECT_INVALID', { path: dir, reason: `${issue?.path.join('.')}: ${issue?.message}` });
  }
  return parsed.data;
}

/** Write `project.json` atomically, stamping `updatedAt`. */
export async function writeProject(dir: string, project: Project): Promise<void> {
  project.updatedAt = new Date().toISOString();
  await writeFileAtomic(path.join(dir, PROJECT_FILE), JSON.stringify(project, null, 2) + '\n');
}
