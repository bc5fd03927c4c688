/**
 * Byte-level file helpers for import: chunked reads with bounded memory, temp files that are always
 * removed, and the errors a user can act on when a file is missing or unreadable.
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { throwIfAborted } from './progress';

/** Size of one read; large enough for native hashing/validation to dominate, small enough to stay bounded. */
export const CHUNK_BYTES = 4 << 20;

/**
 * Size of `file` in bytes.
 * @throws UserError FILE_NOT_FOUND when absent, FILE_UNREADABLE when it is a folder or not readable.
 */
export async function fileSize(file: string): Promise<number> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new UserError('FILE_UNREADABLE', { file, reason: 'not a file' });
    return st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', { file });
    throw new UserError('FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
}

/** Open `file` read-only. @throws UserError FILE_NOT_FOUND / FILE_UNREADABLE. */
export async function openRead(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', { file });
    throw new UserError('FILE_UNREADABLE', { file, reason: (err as Error).message });
  }
}

/** Up to `length` bytes of `file` from `position` (fewer at the end of the file). */
export async function readBytes(file: string, position: number, length: number): Promise<Buffer> {
  const fh = await openRead(file);
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await fh.read(buf, got, length - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/**
 * Call `onChunk` with consecutive chunks of `file` from `start`, reusing one buffer (the chunk is only
 * valid during the call). Checks `signal` between chunks.
 * @throws UserError CANCELLED when aborted.
 */
export async function forEachChunk(
  file: string,
  onChunk: (chunk: Buffer, offset: number) => void | Promise<void>,
  opts: { start?: number; end?: number; signal?: AbortSignal; chunkBytes?: number } = {},
): Promise<void> {
  const fh = await openRead(file);
  try {
    const buf = Buffer.allocUnsafe(opts.chunkBytes ?? CHUNK_BYTES);
    let pos = opts.start ?? 0;
    const end = opts.end ?? Infinity;
    for (;;) {
      throwIfAborted(opts.signal);
      const want = Math.min(buf.length, end - pos);
      if (want <= 0) break;
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) break;
      await onChunk(buf.subarray(0, bytesRead), pos);
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/** A private temp folder for one import; `dispose()` removes it and everything in it. */
export interface TempDir {
  readonly dir: string;
  file(name: string): string;
  dispose(): Promise<void>;
}

/** Create a temp folder under the OS temp dir (or `MODELWISE_TMPDIR`). */
export async function createTempDir(prefix = 'modelwise-import-'): Promise<TempDir> {
  const base = process.env.MODELWISE_TMPDIR ?? os.tmpdir();
  const dir = await mkdtemp(path.join(base, prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
