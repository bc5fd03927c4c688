/**
 * Text encoding detection and conversion (SPEC §2 "encodings"). Order of evidence: a byte-order mark;
 * the NUL-byte pattern of BOM-less UTF-16; a strict UTF-8 check; only then a statistical guess
 * (chardet 2, whose ranking is re-checked by decoding with each close candidate, because chardet ties
 * on short CJK samples). Non-UTF-8 input is converted to a UTF-8 temp file by streaming (bounded
 * memory) before DuckDB reads it; the original is never written to.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { forEachChunk } from '../fileio';

export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

/** The byte-order mark at the start of `head`, if any. */
export function sniffBom(head: Uint8Array): Bom | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * BOM-less UTF-16 from its NUL pattern: text that is mostly ASCII puts a 0x00 in every other byte
 * (odd positions for little-endian, even for big-endian). UTF-8 and legacy encodings of text never do.
 */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 1 << 16) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.3 * pairs && evenZero < 0.05 * pairs) return 'utf-16le';
  if (evenZero > 0.3 * pairs && oddZero < 0.05 * pairs) return 'utf-16be';
  return null;
}

/** Length of the longest prefix of `buf` that ends on a UTF-8 character boundary. */
export function utf8CompletePrefix(buf: Uint8Array): number {
  const n = buf.length;
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = buf[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

export interface Utf8Stats {
  /** Well-formed multi-byte sequences. */
  multibyte: number;
  /** Bytes that are not part of any well-formed sequence. */
  invalid: number;
  /** Offset of the first invalid byte, or -1. */
  firstInvalid: number;
}

/**
 * Count well-formed multi-byte UTF-8 sequences and invalid bytes (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). A truncated sequence at the very end counts as valid.
 */
export function utf8Stats(buf: Uint8Array): Utf8Stats {
  let multibyte = 0;
  let invalid = 0;
  let firstInvalid = -1;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    }
    let ok = need > 0;
    let k = 1;
    for (; ok && k <= need; k++) {
      if (i + k >= n) break; // truncated at the end of the buffer: not evidence either way
      const c = buf[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid, firstInvalid };
}

/**
 * Whether bytes that fail the strict UTF-8 check are still best read as UTF-8 with a few damaged
 * bytes (many well-formed multi-byte sequences, few stray bytes) rather than as a legacy encoding.
 */
export function mostlyUtf8(stats: Utf8Stats): boolean {
  // Legacy single-byte text almost never forms well-formed sequences by chance; UTF-8 text does.
  return stats.multibyte >= 3 && stats.invalid * 4 <= stats.multibyte;
}

/** Normalise an encoding label to the lower-case WHATWG/iconv name we report. */
export function normalizeEncoding(name: string): string {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    'utf-16': 'utf-16le',
    utf16le: 'utf-16le',
    utf16be: 'utf-16be',
    // ISO-8859-1 files in practice are Windows-1252 (0x80–0x9F are € „ … rather than C1 controls).
    'iso-8859-1': 'windows-1252',
    latin1: 'windows-1252',
    cp1252: 'windows-1252',
    gbk: 'gb18030',
    gb2312: 'gb18030',
    cp936: 'gb18030',
    'shift-jis': 'shift_jis',
    sjis: 'shift_jis',
    cp932: 'shift_jis',
    'windows-31j': 'shift_jis',
    ascii: 'utf-8',
    'us-ascii': 'utf-8',
  };
  return aliases[n] ?? (n === 'shift-jis' ? 'shift_jis' : n);
}

/** Whether iconv-lite (or our UTF-8 path) can decode `encoding`. */
export function encodingSupported(encoding: string): boolean {
  const e = normalizeEncoding(encoding);
  return e === 'utf-8' || iconv.encodingExists(e);
}

const KANA = /[\u3040-\u30ff]/g;
const HANGUL = /[\uac00-\ud7af]/g;
const HAN = /[\u4e00-\u9fff]/g;

/**
 * Best legacy (non-UTF-8) encoding for `sample`: chardet's ranking, re-scored by decoding with each
 * candidate within reach of the best — replacement characters and C1 controls count against a
 * candidate, script-consistent letters (kana for Japanese, Hangul for Korean) for it.
 */
export function guessLegacyEncoding(sample: Uint8Array): { encoding: string; confidence: number } {
  const ranked = chardet.analyse(sample).filter((m) => !/^utf-?8$/i.test(m.name) && !/^utf-(16|32)/i.test(m.name));
  if (ranked.length === 0) return { encoding: 'windows-1252', confidence: 0 };
  const best = ranked[0]!.confidence;
  let winner = { encoding: normalizeEncoding(ranked[0]!.name), confidence: best, score: -Infinity };
  for (const m of ranked.slice(0, 6)) {
    if (m.confidence < best - 25) continue;
    const enc = normalizeEncoding(m.name);
    if (!iconv.encodingExists(enc)) continue;
    const text = iconv.decode(Buffer.from(sample), enc);
    const len = Math.max(1, text.length);
    const bad = (text.match(/[\ufffd\u0080-\u009f]/g)?.length ?? 0) / len;
    let score = m.confidence - 400 * bad;
    const kana = text.match(KANA)?.length ?? 0;
    const hangul = text.match(HANGUL)?.length ?? 0;
    const han = text.match(HAN)?.length ?? 0;
    if (enc === 'shift_jis' || enc === 'euc-jp') score += kana > 0 ? 30 : 0;
    if (enc === 'euc-kr') score += hangul > 0 ? 30 : -10;
    if (enc === 'gb18030' || enc === 'big5') score += kana === 0 && han > 0 ? 5 : 0;
    if (score > winner.score) winner = { encoding: enc, confidence: m.confidence, score };
  }
  return { encoding: winner.encoding, confidence: winner.confidence };
}

/**
 * Stream `src` (from byte `start`, i.e. after any BOM) through a decoder into a UTF-8 file `dest`.
 * `encoding` `utf-8` re-encodes with U+FFFD for damaged bytes. Resolves with the number of
 * replacement characters written (undecodable input). Memory stays at one chunk.
 * @throws UserError CANCELLED when aborted.
 */
export async function transcodeToUtf8(
  src: string,
  dest: string,
  encoding: string,
  opts: { start?: number; signal?: AbortSignal; onBytes?: (bytesRead: number) => void } = {},
): Promise<{ replacements: number }> {
  const enc = normalizeEncoding(encoding);
  const out = createWriteStream(dest);
  const decoder =
    enc === 'utf-8'
      ? (() => {
          const td = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
          return { write: (b: Buffer) => td.decode(b, { stream: true }), end: () => td.decode() };
        })()
      : iconv.getDecoder(enc, { stripBOM: true });
  let replacements = 0;
  const count = (s: string) => {
    for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) replacements++;
  };
  const start = opts.start ?? 0;
  try {
    await forEachChunk(
      src,
      async (chunk, offset) => {
        const text = decoder.write(chunk);
        count(text);
        if (!out.write(text, 'utf8')) await once(out, 'drain');
        opts.onBytes?.(offset + chunk.length - start);
      },
      { start, signal: opts.signal },
    );
    const tail = decoder.end() ?? '';
    count(tail);
    out.end(tail, 'utf8');
    await once(out, 'finish');
  } catch (err) {
    out.destroy();
    throw err;
  }
  return { replacements };
}
