/**
 * Download links of the web transport (`GET /api/download/<id>`): an exported file is offered under
 * a random id, so the page never names a path on disk. A link works until it expires (12 hours by
 * default) or the app stops, so "Download again" on the Export step works; every request still
 * needs the launch's token, so a URL in the browser history fetches nothing after a restart.
 */
import { randomBytes } from 'node:crypto';

export interface Download {
  path: string;
  /** File name the browser should save it under. */
  name: string;
}

export class Downloads {
  private readonly offers = new Map<string, Download & { expires: number }>();

  /** @param ttlMs how long a link stays valid, in milliseconds (default 12 hours). */
  constructor(private readonly ttlMs = 12 * 60 * 60 * 1000) {}

  /** Register `file`; returns its id (16 random bytes, base64url). */
  offer(file: Download): string {
    this.prune();
    const id = randomBytes(16).toString('base64url');
    this.offers.set(id, { ...file, expires: Date.now() + this.ttlMs });
    return id;
  }

  /** The file for `id`; null for an unknown or expired id. */
  take(id: string): Download | null {
    this.prune();
    const offer = this.offers.get(id);
    return offer ? { path: offer.path, name: offer.name } : null;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, o] of this.offers) if (o.expires < now) this.offers.delete(id);
  }
}
