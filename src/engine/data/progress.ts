/**
 * Progress and cancellation for long data work: a pipeline is a list of weighted stages; each stage
 * reports its own fraction in [0, 1] and the tracker turns that into an overall fraction and an
 * estimate of seconds left (elapsed × remaining / done, the usual linear extrapolation).
 */
import { UserError } from '../../shared/errors';

export interface ProgressReport {
  /** Overall done fraction in [0, 1], or null when unknown. */
  fraction: number | null;
  /** Estimated seconds left, or null while too little is done to tell. */
  etaSeconds: number | null;
  /** Data rows read so far, when known. */
  rowsRead?: number;
}

export type ProgressCallback = (p: ProgressReport) => void;

/** @throws UserError CANCELLED when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new UserError('CANCELLED', {});
}

/** Whether `err` means the user cancelled (our UserError, an AbortError, or a DuckDB interrupt). */
export function isCancellation(err: unknown): boolean {
  if (err instanceof UserError) return err.code === 'CANCELLED';
  if (err instanceof Error) return err.name === 'AbortError' || /INTERRUPT/i.test(err.message);
  return false;
}

/**
 * Weighted stages → one monotone overall fraction with an ETA, reported at most every
 * `intervalMs` (and always at the end).
 */
export class ProgressTracker {
  private readonly weights: Map<string, number>;
  private readonly order: string[];
  private total: number;
  private readonly started = performance.now();
  private current = '';
  private base = 0;
  private lastFraction = 0;
  private lastEmit = -Infinity;
  private rowsRead: number | undefined;

  constructor(
    stages: Array<[name: string, weight: number]>,
    private readonly onProgress: ProgressCallback | undefined,
    private readonly intervalMs = 100,
  ) {
    this.order = stages.map(([n]) => n);
    this.weights = new Map(stages);
    this.total = stages.reduce((s, [, w]) => s + w, 0) || 1;
  }

  private readonly times: Array<[string, number]> = [];

  /** Seconds spent in each stage entered so far, in order (for logs and the benchmark). */
  timings(): Array<[stage: string, seconds: number]> {
    const now = performance.now();
    return this.times.map(([n, t], i) => [n, ((this.times[i + 1]?.[1] ?? now) - t) / 1000]);
  }

  /**
   * Drop stages that will not run (a clean file needs no conversion or repair), so the fraction and
   * the estimate are shares of the work that remains. Never moves the fraction backwards.
   */
  skip(...names: string[]): void {
    for (const n of names) if (this.weights.has(n)) this.weights.set(n, 0);
    this.total = [...this.weights.values()].reduce((a, b) => a + b, 0) || 1;
    const idx = this.order.indexOf(this.current);
    if (idx >= 0) this.base = this.order.slice(0, idx).reduce((a, n) => a + (this.weights.get(n) ?? 0), 0) / this.total;
  }

  /** Enter stage `name` (stages skipped in between count as done). */
  stage(name: string): void {
    this.times.push([name, performance.now()]);
    const idx = this.order.indexOf(name);
    if (idx < 0) throw new Error(`unknown progress stage ${name}`);
    this.base = this.order.slice(0, idx).reduce((s, n) => s + (this.weights.get(n) ?? 0), 0) / this.total;
    this.current = name;
    this.update(0);
  }

  /** Report the current stage's own fraction in [0, 1]. */
  update(stageFraction: number, rowsRead?: number): void {
    if (rowsRead !== undefined) this.rowsRead = rowsRead;
    const w = (this.weights.get(this.current) ?? 0) / this.total;
    const f = Math.min(1, Math.max(this.lastFraction, this.base + w * Math.min(1, Math.max(0, stageFraction))));
    this.lastFraction = f;
    const now = performance.now();
    if (now - this.lastEmit < this.intervalMs) return;
    this.emit(now);
  }

  /** Report completion. */
  done(): void {
    this.lastFraction = 1;
    this.emit(performance.now(), 0);
  }

  private emit(now: number, eta?: number): void {
    if (!this.onProgress) return;
    this.lastEmit = now;
    const elapsed = (now - this.started) / 1000;
    const f = this.lastFraction;
    const etaSeconds = eta ?? (f >= 0.02 && elapsed > 0.2 ? (elapsed * (1 - f)) / f : null);
    this.onProgress({ fraction: f, etaSeconds, ...(this.rowsRead !== undefined ? { rowsRead: this.rowsRead } : {}) });
  }
}
