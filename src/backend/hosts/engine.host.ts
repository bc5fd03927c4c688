/**
 * Entry of every engine host process (DESIGN "Work off the main thread"): a project host (answers
 * `session:*` for one open project and owns its `data.duckdb`), a training host (one `train:run`,
 * then it exits) or a job host (`job:run`). Started by `hostClient` through `child_process.fork` or
 * Electron's `utilityProcess`; built to `out/node/engine.host.js`. The only back-end file that
 * imports the engine.
 */
import type { HostCall } from '../../shared/host';
import { runHost } from './hostRuntime';

runHost(async () => {
  // Loaded on the first request so `ready` goes out before DuckDB and TensorFlow.js load.
  const { handleHostCall, closeHost } = await import('../../engine/project/dispatch');
  return {
    handle: (type, payload, ctx) => handleHostCall(type as HostCall, payload, ctx),
    // Close the project's DuckDB cleanly before the process exits.
    dispose: closeHost,
  };
});
