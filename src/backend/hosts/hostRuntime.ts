/**
 * The host side of the engine-host protocol (`shared/jobs.ts`), independent of what the host
 * computes: `engine.host.ts` plugs in the engine, the tests plug in fakes. It reads requests one at
 * a time (a project host owns one DuckDB file, so calls must not interleave), streams each
 * request's events, answers a result or a typed error, turns `cancel` into an `AbortSignal`, and
 * exits on `shutdown` or when the parent goes away.
 *
 * Works under `child_process.fork` (`process.send`) and Electron's `utilityProcess`
 * (`process.parentPort`).
 */
import { toErrorData, UserError } from '../../shared/errors';
import { HostRequestSchema, type HostMessage, type JobEvent } from '../../shared/jobs';

export interface HostCallContext {
  signal: AbortSignal;
  emit: (event: JobEvent) => void;
}

/** Answers one call; throws `UserError` for bad input. */
export type HostHandler = (type: string, payload: unknown, ctx: HostCallContext) => Promise<unknown>;

export interface HostModule {
  handle: HostHandler;
  /** Called once before the process exits on `shutdown` (close databases, flush files). */
  dispose?: () => Promise<void> | void;
}

/** The channel to the parent process. */
export interface HostPort {
  send(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * The parent channel of this process: Electron's `process.parentPort` in a utility process,
 * else the `child_process` IPC channel.
 * @throws Error when the process was not started as a host (no channel to a parent).
 */
export function detectPort(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
      // Electron ends utility processes with their parent; nothing to watch.
      onDisconnect: () => undefined,
    };
  }
  if (typeof process.send === 'function') {
    return {
      send: (m) => {
        if (process.connected) process.send!(m);
      },
      onMessage: (l) => process.on('message', l),
      onDisconnect: (l) => process.on('disconnect', l),
    };
  }
  throw new Error(
    'This is a Modelwise engine host: start it through the app (child_process.fork or utilityProcess), not directly.',
  );
}

interface Job {
  seq: number;
  type: string;
  payload: unknown;
  controller: AbortController;
}

/**
 * Serve requests on `port` with the module `load()` resolves to (loaded on the first request, so
 * the host says `ready` before heavy imports like DuckDB and TensorFlow.js).
 */
export function runHost(load: () => Promise<HostModule>, port: HostPort = detectPort()): void {
  let module: Promise<HostModule> | null = null;
  const queue: Job[] = [];
  let current: Job | null = null;
  let stopping = false;
  let idle: (() => void) | null = null;

  const pump = async (): Promise<void> => {
    if (current || stopping) return;
    const job = queue.shift();
    if (!job) return;
    current = job;
    const emit = (event: JobEvent) => port.send({ kind: 'event', seq: job.seq, event });
    try {
      module ??= load();
      const { handle } = await module;
      if (job.controller.signal.aborted) throw new UserError('CANCELLED');
      const value = await handle(job.type, job.payload, { signal: job.controller.signal, emit });
      port.send({ kind: 'result', seq: job.seq, value });
    } catch (err) {
      const error = toErrorData(err);
      if (error.code === 'INTERNAL' && err instanceof Error)
        console.error(`modelwise host: ${job.type} failed:`, err.stack ?? err.message);
      port.send({ kind: 'error', seq: job.seq, error });
    } finally {
      current = null;
      idle?.();
      void pump();
    }
  };

  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const job of queue.splice(0))
      port.send({ kind: 'error', seq: job.seq, error: new UserError('CANCELLED').toData() });
    if (current) {
      current.controller.abort();
      await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, 3000).unref();
      });
    }
    try {
      if (module) await (await module).dispose?.();
    } finally {
      process.exit(0);
    }
  };

  port.onMessage((raw) => {
    const parsed = HostRequestSchema.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.kind === 'shutdown') {
      void shutdown();
    } else if (msg.kind === 'cancel') {
      if (current?.seq === msg.seq) current.controller.abort();
      const i = queue.findIndex((j) => j.seq === msg.seq);
      if (i >= 0) {
        queue.splice(i, 1);
        port.send({ kind: 'error', seq: msg.seq, error: new UserError('CANCELLED').toData() });
      }
    } else if (!stopping) {
      queue.push({ seq: msg.seq, type: msg.type, payload: msg.payload, controller: new AbortController() });
      void pump();
    }
  });
  // The parent died or closed the channel: nobody is left to answer.
  port.onDisconnect(() => process.exit(0));
  port.send({ kind: 'ready', pid: process.pid });
}
