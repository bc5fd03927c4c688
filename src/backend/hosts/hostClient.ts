/**
 * The back end's side of the engine-host protocol (`shared/jobs.ts`): numbered requests, events and
 * the final result or error routed by `seq`, crashes turned into typed errors, and cancel that is
 * cooperative first and a kill after a timeout. Modelled on Signal's SQL worker (numbered typed
 * requests that plan for crashes) and VS Code's `utilityProcess.ts` (ask, wait, then kill).
 *
 * The process starts lazily on the first request and again on the first request after it died, so
 * one crash never leaves the app unusable.
 */
import { UserError } from '../../shared/errors';
import type { HostCall, HostCalls } from '../../shared/host';
import { HostMessageSchema, type HostRequest, type JobEvent } from '../../shared/jobs';
import type { Forker, HostProcess } from './forker';

export interface HostClientOptions {
  forker: Forker;
  /** Entry module of the host (`out/node/engine.host.js`, or a test host). */
  modulePath: string;
  /** What the process is, for `HOST_CRASHED {what}`: `project`, `training`, … */
  what: string;
  args?: string[];
  /** Added to `process.env` for the child. */
  env?: Record<string, string | undefined>;
  /** Milliseconds a cancelled request may take to answer before the process is killed (default 5000). */
  cancelTimeoutMs?: number;
  /** Milliseconds `close()` waits for a clean exit after `shutdown` before killing (default 5000). */
  shutdownTimeoutMs?: number;
}

export interface HostRequestOptions {
  /** Progress, epoch and log events of this request, in order. */
  onEvent?: (event: JobEvent) => void;
  /** Abort = cooperative cancel (`{kind: 'cancel'}`), then a kill after `cancelTimeoutMs`. */
  signal?: AbortSignal;
}

interface Pending {
  seq: number;
  resolve: (value: unknown) => void;
  reject: (error: UserError) => void;
  onEvent: ((event: JobEvent) => void) | undefined;
  cancelled: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  detach: () => void;
}

/** One started process and the requests it owes answers to. */
interface Connection {
  proc: HostProcess;
  ready: boolean;
  outbox: HostRequest[];
  pending: Map<number, Pending>;
  exited: Promise<void>;
  /** Why we killed it, when we did. */
  killReason: string | null;
}

const cancelled = () => new UserError('CANCELLED');

export class HostClient {
  private conn: Connection | null = null;
  private seq = 0;
  private started = 0;
  private readonly cancelTimeoutMs: number;
  private readonly shutdownTimeoutMs: number;

  constructor(private readonly options: HostClientOptions) {
    this.cancelTimeoutMs = options.cancelTimeoutMs ?? 5000;
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 5000;
  }

  /** Whether a process is started and has not exited. */
  get running(): boolean {
    return this.conn !== null;
  }

  /** How many processes this client has started (a new one after each crash). */
  get generation(): number {
    return this.started;
  }

  /** Process id of the running host, if any. */
  get pid(): number | undefined {
    return this.conn?.proc.pid;
  }

  /**
   * Send `call` with `payload` and resolve with the host's result.
   * @throws UserError — the engine's own error; `CANCELLED` after an abort (also when the process had
   *   to be killed); `HOST_CRASHED {what, reason}` when the process exits before answering.
   */
  request<C extends HostCall>(
    call: C,
    payload: HostCalls[C]['request'],
    opts: HostRequestOptions = {},
  ): Promise<HostCalls[C]['response']> {
    if (opts.signal?.aborted) return Promise.reject(cancelled());
    const conn = this.connection();
    const seq = ++this.seq;
    return new Promise<HostCalls[C]['response']>((resolve, reject) => {
      const onAbort = () => this.cancel(conn, seq);
      const pending: Pending = {
        seq,
        resolve: resolve as (value: unknown) => void,
        reject,
        onEvent: opts.onEvent,
        cancelled: false,
        timer: undefined,
        detach: () => opts.signal?.removeEventListener('abort', onAbort),
      };
      conn.pending.set(seq, pending);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.post(conn, { kind: 'request', seq, type: call, payload });
    });
  }

  /**
   * Ask the host to exit (`shutdown`), wait up to `shutdownTimeoutMs`, then kill it. Requests still
   * pending are answered with `CANCELLED`.
   */
  async close(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    for (const p of conn.pending.values()) p.cancelled = true;
    this.post(conn, { kind: 'shutdown' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.shutdownTimeoutMs)));
    const outcome = await Promise.race([conn.exited.then(() => 'exited' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.kill(conn, 'did not stop when asked');
  }

  /** Kill the running host now; pending requests fail with `HOST_CRASHED` (cancelled ones with `CANCELLED`). */
  killNow(reason = 'stopped'): void {
    if (this.conn) this.kill(this.conn, reason);
  }

  private connection(): Connection {
    if (this.conn) return this.conn;
    const { forker, modulePath, args = [], env = {} } = this.options;
    const proc = forker.fork(modulePath, args, { ...process.env, ...env });
    this.started++;
    let markExited!: () => void;
    const conn: Connection = {
      proc,
      ready: false,
      outbox: [],
      pending: new Map(),
      exited: new Promise<void>((r) => (markExited = r)),
      killReason: null,
    };
    proc.on('message', (raw) => this.onMessage(conn, raw));
    proc.on('exit', (code, signal) => {
      markExited();
      if (this.conn === conn) this.conn = null;
      const reason = conn.killReason ?? (signal ? `signal ${signal}` : `exit code ${code ?? 'unknown'}`);
      this.failAll(conn, reason);
    });
    this.conn = conn;
    return conn;
  }

  private post(conn: Connection, message: HostRequest): void {
    // Until the host says `ready` its listener may not exist yet; messages sent earlier could be lost.
    if (conn.ready) conn.proc.send(message);
    else conn.outbox.push(message);
  }

  private onMessage(conn: Connection, raw: unknown): void {
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      console.warn(`modelwise: ignored a malformed message from the ${this.options.what} host`);
      return;
    }
    const msg = parsed.data;
    if (msg.kind === 'ready') {
      conn.ready = true;
      for (const m of conn.outbox.splice(0)) conn.proc.send(m);
      return;
    }
    const p = conn.pending.get(msg.seq);
    if (!p) return;
    if (msg.kind === 'event') {
      p.onEvent?.(msg.event);
      return;
    }
    this.settle(conn, p);
    if (msg.kind === 'result') p.resolve(msg.value);
    else p.reject(UserError.fromData(msg.error));
  }

  private cancel(conn: Connection, seq: number): void {
    const p = conn.pending.get(seq);
    if (!p || p.cancelled) return;
    p.cancelled = true;
    this.post(conn, { kind: 'cancel', seq });
    p.timer = setTimeout(() => {
      if (conn.pending.has(seq)) this.kill(conn, 'stopped after a cancel was not answered in time');
    }, this.cancelTimeoutMs);
    p.timer.unref?.();
  }

  private kill(conn: Connection, reason: string): void {
    conn.killReason = reason;
    if (this.conn === conn) this.conn = null;
    // Answer now rather than on `exit`: a kill must free the caller even if the exit is slow.
    this.failAll(conn, reason);
    conn.proc.kill();
  }

  private settle(conn: Connection, p: Pending): void {
    conn.pending.delete(p.seq);
    if (p.timer) clearTimeout(p.timer);
    p.detach();
  }

  private failAll(conn: Connection, reason: string): void {
    for (const p of [...conn.pending.values()]) {
      this.settle(conn, p);
      p.reject(p.cancelled ? cancelled() : new UserError('HOST_CRASHED', { what: this.options.what, reason }));
    }
  }
}

/** A client for `options.modulePath`; the process starts on the first request. */
export function createHostClient(options: HostClientOptions): HostClient {
  return new HostClient(options);
}
