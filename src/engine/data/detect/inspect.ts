/**
 * One native-speed pass over a file's bytes: its SHA-256 (recorded in the summary, SPEC §2), whether
 * it is strict UTF-8 (Node's `buffer.isUtf8`, simdutf), and how many line terminators it has (for the
 * line numbers of footer notes). Also the footer check on the file's last lines.
 */
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { DataWarning } from '../../../shared/model/data';
import { forEachChunk, readBytes } from '../fileio';
import { dataWarning, lineParams } from '../warn';
import { parseRecords } from './csvtext';
import type { Dialect } from './csvtext';
import { utf8CompletePrefix } from './encoding';

export interface ByteFacts {
  sha256: string;
  size: number;
  /** The whole file is well-formed UTF-8. */
  utf8: boolean;
  /** Offset of the first chunk that is not, or -1. */
  firstInvalidChunk: number;
  /** Counts of LF bytes and of CR bytes. */
  lf: number;
  cr: number;
  /** The last byte is LF or CR. */
  endsWithNewline: boolean;
}

/**
 * Hash and check `file` in one pass (bounded memory). Line counts are of LF and CR bytes, which is
 * exact for UTF-8 and single-byte encodings (not UTF-16).
 * @throws UserError CANCELLED when aborted, FILE_NOT_FOUND / FILE_UNREADABLE.
 */
export async function inspectBytes(
  file: string,
  opts: { signal?: AbortSignal; onBytes?: (done: number) => void } = {},
): Promise<ByteFacts> {
  const hash = createHash('sha256');
  let utf8 = true;
  let firstInvalidChunk = -1;
  let carry: Buffer | null = null;
  let lf = 0;
  let cr = 0;
  let size = 0;
  let last = -1;
  await forEachChunk(
    file,
    (chunk, offset) => {
      hash.update(chunk);
      size = offset + chunk.length;
      last = chunk[chunk.length - 1]!;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lf++;
      for (let i = chunk.indexOf(13); i >= 0; i = chunk.indexOf(13, i + 1)) cr++;
      if (utf8) {
        const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        const cut = utf8CompletePrefix(data);
        if (!isUtf8(data.subarray(0, cut))) {
          utf8 = false;
          firstInvalidChunk = offset;
        }
        carry = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
      }
      opts.onBytes?.(size);
    },
    { signal: opts.signal },
  );
  if (utf8 && carry) utf8 = false; // truncated character at the very end
  return {
    sha256: hash.digest('hex'),
    size,
    utf8,
    firstInvalidChunk,
    lf,
    cr,
    endsWithNewline: last === 10 || last === 13,
  };
}

export interface Footer {
  /** Data rows at the end of the table that are footer notes, not data. */
  rows: number;
  /** Their 1-based physical lines. */
  fileLines: number[];
}

const TAIL_BYTES = 64 << 10;
const MAX_FOOTER_LINES = 10;

/**
 * Notes under a table (C01: "Quelle: …" after a blank line): the records after the last blank line
 * of the file, when there are at most ten of them and each is mostly empty or shorter than the data
 * rows (`Quelle: Beispielbank;;;;;`). `totalLines` numbers them. Blank lines themselves are not rows.
 */
export async function detectFooter(
  file: string,
  size: number,
  dialect: Dialect,
  columns: number,
  totalLines: number,
): Promise<Footer | null> {
  const start = Math.max(0, size - TAIL_BYTES);
  let text = (await readBytes(file, start, size - start)).toString('utf8');
  if (start > 0) text = text.slice(text.search(/[\r\n]/) + 1); // drop the line the cut went through
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop(); // text ended with a terminator
  const lineNo = (i: number) => totalLines - (lines.length - 1 - i);
  const isBlank = (l: string) => /^[ \t]*$/.test(l);
  let last = lines.length - 1;
  while (last >= 0 && isBlank(lines[last]!)) last--;
  let blank = last;
  while (blank >= 0 && !isBlank(lines[blank]!)) blank--;
  if (blank < 0 || last - blank > MAX_FOOTER_LINES || !lines.slice(0, blank).some((l) => !isBlank(l))) return null;
  const candidate = lines.slice(blank + 1, last + 1);
  const { records } = parseRecords(candidate.join('\n'), dialect, { final: true });
  if (records.length !== candidate.length) return null; // a quoted field spans lines: not notes
  const notData = records.every((r) => {
    const filled = r.fields.filter((f) => f.trim() !== '').length;
    return r.fields.length < columns || filled <= Math.max(1, Math.floor(columns / 3));
  });
  if (!notData) return null;
  return { rows: records.length, fileLines: candidate.map((_, k) => lineNo(blank + 1 + k)) };
}

/** Physical lines of a file from its terminator counts (CRLF counts once). */
export function physicalLines(facts: Pick<ByteFacts, 'lf' | 'cr' | 'endsWithNewline' | 'size'>): number {
  if (facts.size === 0) return 0;
  return Math.max(facts.lf, facts.cr) + (facts.endsWithNewline ? 0 : 1);
}

/** The warning for an excluded footer. */
export function footerWarning(footer: Footer): DataWarning {
  return dataWarning(
    'non_data_footer_excluded',
    { count: footer.fileLines.length, ...lineParams(footer.fileLines) },
    { fileLines: footer.fileLines, severity: 'info' },
  );
}
