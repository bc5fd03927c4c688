/**
 * Engine hosts in the desktop app: Electron's `utilityProcess` (a Node child managed by Chromium's
 * service model; messages use the structured clone algorithm, so typed arrays cross intact) behind
 * the back end's `Forker` interface.
 */
import { utilityProcess } from 'electron';
import type { Forker, HostProcess } from '../backend/hosts/forker';

/** `utilityProcess.fork` as a `Forker` (call after `app.whenReady()`). */
export const utilityProcessForker: Forker = {
  fork(modulePath, args, env) {
    const cleanEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const child = utilityProcess.fork(modulePath, args, {
      env: cleanEnv,
      serviceName: 'Modelwise engine',
      stdio: 'inherit',
    });
    let exited = false;
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      for (const l of exitListeners) l(code, null);
    });
    // A fatal V8 error (e.g. out of memory) is reported here; `exit` follows.
    child.on('error', (type, location) => console.error(`modelwise: engine host ${type} at ${location}`));
    const proc: HostProcess = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      on(event: 'message' | 'exit', listener: (...a: never[]) => void) {
        if (event === 'message') child.on('message', listener as (m: unknown) => void);
        else exitListeners.push(listener as (code: number | null, signal: string | null) => void);
      },
      kill() {
        if (!exited) child.kill();
      },
    } as HostProcess;
    return proc;
  },
};
