/**
 * Files that are not text tables at all — images, archives, executables, random bytes — refused
 * before any decoding guess turns them into mojibake (a PNG "read" as KOI8-R text). Two tests: the
 * first bytes against known file signatures (magic numbers, as `file(1)` reads them), and the share
 * of control characters in the first kilobyte once decoded.
 */

/** Signatures (at offset 0) of common non-text files, with the words the refusal gives. */
const SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; reason: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], reason: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], reason: 'a JPEG image' },
  { bytes: [...'GIF87a'].map((c) => c.charCodeAt(0)), reason: 'a GIF image' },
  { bytes: [...'GIF89a'].map((c) => c.charCodeAt(0)), reason: 'a GIF image' },
  { bytes: [...'%PDF-'].map((c) => c.charCodeAt(0)), reason: 'a PDF document' },
  { bytes: [0x1f, 0x8b], reason: 'a gzip-compressed file' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], reason: 'a 7-Zip archive' },
  { bytes: [...'Rar!'].map((c) => c.charCodeAt(0)).concat([0x1a, 0x07]), reason: 'a RAR archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], reason: 'an xz-compressed file' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], reason: 'a Zstandard-compressed file' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], reason: 'a program (ELF executable)' },
  { bytes: [...'SQLite format 3'].map((c) => c.charCodeAt(0)).concat([0]), reason: 'an SQLite database' },
];

/** The kind of non-text file `head` (the first bytes) starts like, or null. */
export function knownBinary(head: Uint8Array): string | null {
  for (const s of SIGNATURES)
    if (s.bytes.length <= head.length && s.bytes.every((b, i) => head[i] === b)) return s.reason;
  // bzip2: "BZh" + block size 1–9 + the block magic 0x314159265359 (π).
  if (
    head.length >= 10 &&
    head[0] === 0x42 &&
    head[1] === 0x5a &&
    head[2] === 0x68 &&
    head[3]! >= 0x31 &&
    head[3]! <= 0x39 &&
    [0x31, 0x41, 0x59, 0x26, 0x53, 0x59].every((b, i) => head[4 + i] === b)
  )
    return 'a bzip2-compressed file';
  return null;
}

/** Characters of the decoded head that {@link looksBinary} inspects. */
export const TEXT_PROBE_CHARS = 1024;
/** Share of control characters above which decoded text is binary data. */
export const CONTROL_SHARE = 0.05;

/**
 * Whether decoded text is binary data rather than a table: a NUL character, or more than
 * {@link CONTROL_SHARE} of the first {@link TEXT_PROBE_CHARS} characters being control characters
 * other than tab, line feed, form feed and carriage return (C0, DEL and C1; text files have
 * practically none, random bytes about one in eight).
 */
export function looksBinary(text: string): boolean {
  const probe = text.slice(0, TEXT_PROBE_CHARS);
  if (probe.length === 0) return false;
  let control = 0;
  for (let i = 0; i < probe.length; i++) {
    const c = probe.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) control++;
  }
  return control > CONTROL_SHARE * probe.length;
}
