/** Paths tests need: the repository root and `../shared` (or `MODELWISE_SHARED`). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.MODELWISE_SHARED ?? path.resolve(repoRoot, '..', 'shared');
export const datasetsDir = path.join(sharedDir, 'datasets');
export const casesDir = path.join(sharedDir, 'cases');

/** Absolute path of a file in `../shared/datasets`. */
export function dataset(name: string): string {
  return path.join(datasetsDir, name);
}

/** Absolute path of a file in `../shared/cases/files`. */
export function caseFile(name: string): string {
  return path.join(casesDir, 'files', name);
}
