/**
 * One-time download links of the web transport (`GET /api/download/<id>`): an exported file is
 * offered under a random id that works once and expires, so a URL in the browser history cannot
 * fetch the file again.
 */
import { randomBytes } from 'node:crypto';

export interface Download {
  path: string;
  /** File name the browser should save it under. */
  name: string;
}

export class Downloads {
  private readonly offers = new Map<string, Download & { expires: number }>();

  /** @param ttlMs how long an unused link stays valid, in milliseconds (default 10 minutes). */
  constructor(private readonly ttlMs = 10 * 60 * 1000) {}

  /** Register `file`; returns its id (16 random bytes, base64url). */
  offer(file: Download): string {
    this.prune();
    const id = randomBytes(16).toString('base64url');
    this.offers.set(id, { ...file, expires: Date.now() + this.ttlMs });
    return id;
  }

  /** The file for `id`, once; null for an unknown, used or expired id. */
  take(id: string): Download | null {
    this.prune();
    const offer = this.offers.get(id);
    if (!offer) return null;
    this.offers.delete(id);
    return { path: offer.path, name: offer.name };
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, o] of this.offers) if (o.expires < now) this.offers.delete(id);
  }
}
