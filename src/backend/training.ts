/**
 * Training runs (DESIGN "Work off the main thread"): the project host prepares the matrices
 * (`session:prepareTraining`), a fresh training host trains (`train:run`, streaming epochs), the
 * project host records the model (`session:recordTraining`), and `train:finished` tells the window.
 * Each run has its own process, so a crash or a hung backend ends that run only. Cancel is
 * cooperative (the engine stops at a batch end and keeps the best weights so far, which are then
 * recorded), and the training host is killed when it does not answer in time.
 */
import { randomBytes } from 'node:crypto';
import { toErrorData, UserError } from '../shared/errors';
import type { TrainingOutput } from '../shared/host';
import type { Emit } from './events';
import { progressTo } from './events';
import { HostClient, type HostClientOptions } from './hosts/hostClient';
import type { ProjectSession } from './session';

interface Run {
  controller: AbortController;
  done: Promise<void>;
}

export class TrainingRuns {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly host: Omit<HostClientOptions, 'what'>,
    private readonly emit: Emit,
  ) {}

  /** Whether a run is in progress. */
  get busy(): boolean {
    return this.runs.size > 0;
  }

  /**
   * Start a run on `session` with `settings` over the project's; returns its id at once, the rest
   * arrives as `train:epoch`, `job:progress` and one `train:finished` event.
   * @throws UserError BUSY when a run is already going.
   */
  start(session: ProjectSession, settings: Record<string, unknown> | undefined): string {
    if (this.busy) throw new UserError('BUSY', { what: 'training' });
    const runId = `run-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
    const controller = new AbortController();
    const run: Run = { controller, done: Promise.resolve() };
    this.runs.set(runId, run);
    run.done = this.execute(runId, session, settings, controller.signal).finally(() => this.runs.delete(runId));
    return runId;
  }

  /** Ask run `runId` to stop (unknown or finished runs: nothing to do). */
  cancel(runId: string): void {
    this.runs.get(runId)?.controller.abort();
  }

  /** Cancel every run and wait for each to finish (the kill timeout bounds the wait). */
  async cancelAll(): Promise<void> {
    const runs = [...this.runs.values()];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  private async execute(
    runId: string,
    session: ProjectSession,
    settings: Record<string, unknown> | undefined,
    signal: AbortSignal,
  ): Promise<void> {
    const progress = progressTo(this.emit, runId, 'train');
    const trainer = new HostClient({
      ...this.host,
      what: 'training',
      args: [...(this.host.args ?? []), '--role=training'],
    });
    try {
      progress({ type: 'progress', stage: 'prepare', fraction: null });
      const input = await session.call(
        'session:prepareTraining',
        settings === undefined ? { runId } : { runId, settings },
        { signal },
      );
      const output: TrainingOutput = await trainer.request('train:run', input, {
        signal,
        onEvent: (event) => {
          if (event.type === 'epoch') {
            const { type: _type, ...epoch } = event;
            this.emit('train:epoch', { ...epoch, runId });
          } else progress(event);
        },
      });
      // The host answered even if cancelled: it stopped early and kept the best weights. Record them.
      progress({ type: 'progress', stage: 'record', fraction: null });
      const project = await session.call('session:recordTraining', output);
      this.emit('train:finished', { runId, ok: true, cancelled: signal.aborted, error: null, project });
    } catch (err) {
      const error = toErrorData(err);
      this.emit('train:finished', {
        runId,
        ok: false,
        cancelled: signal.aborted || error.code === 'CANCELLED',
        error,
        project: null,
      });
    } finally {
      await trainer.close();
    }
  }
}
