/**
 * Benchmark child: Modelwise's importFile + profileTable on one file, in a fresh in-memory DuckDB.
 * Prints one JSON line: seconds per step, stage timings, rows, columns, peak RSS (VmHWM, kB).
 * Run through tsx by run.mjs: `node --import tsx bench/import/ours.ts FILE`.
 */
import { readFileSync } from 'node:fs';
import { openDb } from '../../src/engine/data/duck';
import { importFile } from '../../src/engine/data/import';
import { profileTable } from '../../src/engine/data/profile';

const file = process.argv[2];
if (!file) throw new Error('usage: ours.ts FILE');
const db = await openDb();
const t0 = performance.now();
const summary = await importFile(db, file, {}, { table: 'bench' });
const t1 = performance.now();
const profile = await profileTable(db, 'bench', summary.columns);
const t2 = performance.now();
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(
  JSON.stringify({
    import_s: (t1 - t0) / 1000,
    profile_s: (t2 - t1) / 1000,
    total_s: (t2 - t0) / 1000,
    rows: summary.rowCount,
    columns: summary.columns.length,
    types: Object.fromEntries(summary.columns.map((c) => [c.name, c.type])),
    warnings: profile.warnings.length,
    peak_rss_kb: hwm,
  }),
);
await db.close();
