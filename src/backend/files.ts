/** File names chosen by users (project names, uploaded files) made safe to create on any OS. */
import { existsSync } from 'node:fs';
import path from 'node:path';

// Windows forbids these names whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * `name` as one path segment: folders stripped, control characters and `<>:"/\|?*` replaced by
 * `_`, leading dots and trailing dots/spaces removed, at most 120 characters (letters of any
 * script kept). Falls back to `fallback` when nothing is left.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let out = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if (out.length > 120) {
    const ext = path.extname(out).slice(0, 16);
    out = out.slice(0, 120 - ext.length) + ext;
  }
  if (!out || RESERVED.test(out.split('.')[0] ?? '')) return fallback;
  return out;
}

/** `dir/stem+ext`, or `dir/stem (2)+ext`, `(3)`, … — the first that does not exist yet. */
export function uniquePath(dir: string, stem: string, ext = ''): string {
  let candidate = path.join(dir, stem + ext);
  for (let i = 2; existsSync(candidate); i++) candidate = path.join(dir, `${stem} (${i})${ext}`);
  return candidate;
}
