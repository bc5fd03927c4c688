/**
 * How the back end starts an engine host process. The desktop app forks with Electron's
 * `utilityProcess` (`main/forker.ts`); the web transport, the tests and the CLI with
 * `child_process.fork`. `hostClient` only sees this interface, so it runs the same either way.
 */
import { fork } from 'node:child_process';

/** A started host process: one message channel in each direction, an exit, a kill. */
export interface HostProcess {
  /** OS process id, when known. */
  readonly pid: number | undefined;
  /** Post one structured-cloneable message (typed arrays allowed). Never throws; a dead channel shows up as `exit`. */
  send(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  /** Fired once when the process has gone, whatever the cause. */
  on(event: 'exit', listener: (code: number | null, signal: string | null) => void): void;
  /** Kill at once (SIGKILL where the OS has it): the hung-host fallback. */
  kill(): void;
}

export interface Forker {
  fork(modulePath: string, args: string[], env: Record<string, string | undefined>): HostProcess;
}

export interface ChildProcessForkerOptions {
  /** Node options for the child, e.g. `['--import', 'tsx']` to run a TypeScript host in tests. */
  execArgv?: string[];
  /** `inherit` (default) shows the host's stdout/stderr with ours; `ignore` hides them. */
  stdio?: 'inherit' | 'ignore';
}

/**
 * A forker over `child_process.fork` with `serialization: 'advanced'` (the structured clone
 * algorithm, so Float32Array buffers cross intact instead of turning into JSON objects).
 */
export function createChildProcessForker(options: ChildProcessForkerOptions = {}): Forker {
  return {
    fork(modulePath, args, env) {
      const stdio = options.stdio ?? 'inherit';
      const child = fork(modulePath, args, {
        env,
        execArgv: options.execArgv ?? [],
        serialization: 'advanced',
        stdio: [stdio === 'inherit' ? 'inherit' : 'ignore', stdio, stdio, 'ipc'],
      });
      let exited = false;
      const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
      const fireExit = (code: number | null, signal: string | null) => {
        if (exited) return;
        exited = true;
        for (const l of exitListeners) l(code, signal);
      };
      child.on('exit', (code, signal) => fireExit(code, signal));
      // A failed spawn emits `error` without `exit`.
      child.on('error', () => {
        if (child.exitCode === null && child.signalCode === null && child.pid === undefined)
          fireExit(null, 'spawn-failed');
      });
      return {
        get pid() {
          return child.pid;
        },
        send(message) {
          if (!child.connected) return;
          // The callback keeps a send on a closing channel from becoming an uncaught error.
          child.send(message as never, (err) => {
            if (err && child.connected) child.kill('SIGKILL');
          });
        },
        on(event: 'message' | 'exit', listener: (...a: never[]) => void) {
          if (event === 'message') child.on('message', listener as (m: unknown) => void);
          else exitListeners.push(listener as (code: number | null, signal: string | null) => void);
        },
        kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      } as HostProcess;
    },
  };
}

/** The default `child_process` forker (host output shown with ours). */
export const childProcessForker: Forker = createChildProcessForker();
