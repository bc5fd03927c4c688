/**
 * Writes a synthetic CSV of `rows` rows × 20 columns (mixed integer, float, text, categories, dates,
 * booleans, leading-zero codes, missing markers) for the import benchmark. Deterministic (mulberry32
 * seeded with 42), so every run measures the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CITIES = Array.from({ length: 60 }, (_, i) => `City${String.fromCharCode(65 + (i % 26))}${i}`);
const WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'theta',
  'kappa',
  'lambda',
  'omega',
  'sigma',
  'rho',
];
const SEGMENTS = ['retail', 'wholesale', 'online', 'partner', 'government'];

export const HEADER = [
  'id',
  'age',
  'income',
  'score',
  'balance',
  'segment',
  'city',
  'comment',
  'signup_date',
  'last_visit',
  'is_member',
  'churned',
  'zip',
  'account_code',
  'rating',
  'visits',
  'ratio',
  'region_code',
  'tenure_days',
  'notes',
];

/** Write the benchmark CSV to `file`. Resolves with its size in bytes. */
export async function generateCsv(file, rows) {
  const next = rng(42);
  const out = createWriteStream(file);
  out.write(HEADER.join(',') + '\n');
  let bytes = 0;
  let buf = '';
  const pad = (n, w) => String(n).padStart(w, '0');
  for (let i = 1; i <= rows; i++) {
    const r = next;
    const age = r() < 0.01 ? '' : String(18 + Math.floor(r() * 70));
    const income = (20000 + r() * 180000).toFixed(2);
    const score = r() < 0.02 ? 'NA' : (r() * 10 - 5).toFixed(4);
    const balance = (r() * 2e6 - 1e6).toFixed(2);
    const segment = SEGMENTS[Math.floor(r() * SEGMENTS.length)];
    const city = CITIES[Math.floor(r() * CITIES.length)];
    const n = 2 + Math.floor(r() * 5);
    const words = [];
    for (let k = 0; k < n; k++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
    const comment = r() < 0.1 ? '' : `"${words.join(' ')}, #${Math.floor(r() * 100000)}"`;
    const d1 = new Date(Date.UTC(2010, 0, 1) + Math.floor(r() * 5000) * 86400000);
    const signup = d1.toISOString().slice(0, 10);
    const d2 = new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 1500) * 86400000);
    const last = `${pad(d2.getUTCDate(), 2)}/${pad(d2.getUTCMonth() + 1, 2)}/${d2.getUTCFullYear()}`;
    const member = r() < 0.5 ? 'yes' : 'no';
    const churned = r() < 0.2 ? '1' : '0';
    const zip = pad(Math.floor(r() * 99999), 5);
    const code =
      'AC-' +
      Math.floor(r() * 0xffffff)
        .toString(16)
        .padStart(6, '0');
    const rating = r() < 0.05 ? '?' : String(1 + Math.floor(r() * 5));
    const visits = String(Math.floor(-Math.log(1 - r()) * 20));
    const ratio = r().toExponential(3);
    const region = ['N', 'S', 'E', 'W'][Math.floor(r() * 4)] + pad(Math.floor(r() * 20), 2);
    const tenure = String(Math.floor(r() * 4000));
    const notes = r() < 0.7 ? '' : `note ${Math.floor(r() * 1e9).toString(36)}`;
    buf += `${i},${age},${income},${score},${balance},${segment},${city},${comment},${signup},${last},${member},${churned},${zip},${code},${rating},${visits},${ratio},${region},${tenure},${notes}\n`;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.write(buf);
  out.end();
  await once(out, 'finish');
  return bytes;
}
