/**
 * Column names from a header row: trimmed, BOM-free, blanks named, duplicates made unique without
 * taking a name the header already uses (pandas' `mangle_dupe_cols` gets this wrong: pandas #14704).
 */
import type { DataWarning } from '../../../shared/model/data';
import { dataWarning } from '../warn';

export interface NamedColumns {
  names: string[];
  /** Per column: the name as written in the file when it was changed. */
  originalNames: Array<string | undefined>;
  warnings: DataWarning[];
}

/** `column1` … `columnN`, the names of a file without a header row (SPEC §2). */
export function defaultNames(count: number): string[] {
  return Array.from({ length: count }, (_, j) => `column${j + 1}`);
}

/** Clean one raw header cell: drop a BOM and surrounding whitespace (including newlines). */
export function cleanName(raw: string): string {
  return raw.replace(/\ufeff/g, '').replace(/^\s+|\s+$/g, '');
}

/**
 * Unique, non-blank names for raw header cells. A blank name becomes `columnK` (K = its 1-based
 * position); the second and later copies of a name become `name.1`, `name.2`, … skipping any name
 * that appears anywhere in the header. Warnings: `duplicate_header` (name, 0-based `positions`,
 * 1-based `at`) and `blank_header`.
 */
export function uniqueNames(raw: readonly string[]): NamedColumns {
  const cleaned = raw.map(cleanName);
  const taken = new Set(cleaned.filter((n) => n !== ''));
  const used = new Set<string>();
  const names: string[] = [];
  const originalNames: Array<string | undefined> = [];
  const warnings: DataWarning[] = [];
  const positions = new Map<string, number[]>();
  cleaned.forEach((n, j) => {
    if (n !== '') positions.set(n, [...(positions.get(n) ?? []), j]);
  });
  const fresh = (base: string, start: number): string => {
    for (let k = start; ; k++) {
      const candidate = `${base}.${k}`;
      if (!taken.has(candidate) && !used.has(candidate)) return candidate;
    }
  };
  const blanks: number[] = [];
  cleaned.forEach((n, j) => {
    let name = n;
    if (name === '') {
      name = `column${j + 1}`;
      if (taken.has(name) || used.has(name)) name = fresh(name, 1);
      blanks.push(j);
    } else if (used.has(name)) {
      name = fresh(n, 1);
    }
    used.add(name);
    names.push(name);
    originalNames.push(name !== raw[j] ? raw[j] : undefined);
  });
  for (const [name, pos] of positions) {
    if (pos.length < 2) continue;
    warnings.push(
      dataWarning(
        'duplicate_header',
        {
          name,
          positions: pos,
          at: pos.map((p) => p + 1),
          count: pos.length,
          renamed: pos.slice(1).map((p) => names[p]!),
        },
        { column: name },
      ),
    );
  }
  if (blanks.length > 0) {
    warnings.push(
      dataWarning('blank_header', {
        positions: blanks,
        at: blanks.map((j) => j + 1),
        count: blanks.length,
        names: blanks.map((j) => names[j]!),
      }),
    );
  }
  return { names, originalNames, warnings };
}
