// Benchmark child: bare DuckDB `read_csv` (its own sniffer and types) into a table. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = performance.now();
await con.run(`CREATE TABLE bench AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}')`);
const t1 = performance.now();
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM bench')).getRows()[0][0]);
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(JSON.stringify({ import_s: (t1 - t0) / 1000, total_s: (t1 - t0) / 1000, rows, peak_rss_kb: hwm }));
