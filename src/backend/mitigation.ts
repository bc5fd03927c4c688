/**
 * Bias mitigation runs (SPEC §7), off the window's and the main process's threads like every long
 * job: per-group thresholds are answered by the project host (`session:mitigate`, arithmetic on the
 * kept predictions); reweighing retrains in a fresh training host, as a training run does
 * (`session:prepareMitigation` → `train:run` → `session:recordMitigation`). Progress goes out as
 * `job:progress` of kind `fairness`. Cancel stops the retrain; a cancelled retrain is not compared.
 */
import { randomBytes } from 'node:crypto';
import { UserError } from '../shared/errors';
import type { MitigationRequest, ProjectView } from '../shared/ipc/contract';
import type { JobEvent } from '../shared/jobs';
import { progressTo, type Emit } from './events';
import { HostClient, type HostClientOptions } from './hosts/hostClient';
import type { ProjectSession } from './session';

export class MitigationRuns {
  private running: AbortController | null = null;

  constructor(
    private readonly host: Omit<HostClientOptions, 'what'>,
    private readonly emit: Emit,
    /** Whether a training run is going (mitigation waits for it, as it retrains the same project). */
    private readonly trainingBusy: () => boolean,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Run `request` on `session`'s model; answers the project with the comparison in
   * `project.mitigation` (the model in use is unchanged).
   * @throws UserError BUSY {what: 'mitigation' | 'training'}, CANCELLED, the engine's refusals
   *   (MITIGATION_REFUSED, NO_MODEL, SENSITIVE_NOT_FOUND) and the training errors of a retrain.
   */
  async run(session: ProjectSession, request: MitigationRequest): Promise<ProjectView> {
    if (this.running) throw new UserError('BUSY', { what: 'mitigation' });
    if (this.trainingBusy()) throw new UserError('BUSY', { what: 'training' });
    const controller = new AbortController();
    this.running = controller;
    const { signal } = controller;
    const jobId = `fairness-${randomBytes(4).toString('hex')}`;
    const progress = progressTo(this.emit, jobId, 'fairness');
    try {
      if (request.method === 'group_thresholds')
        return await session.call('session:mitigate', request, { signal, onEvent: progress });
      return await this.reweigh(session, request, signal, progress);
    } finally {
      this.running = null;
    }
  }

  /** Stop the run in progress, if any. */
  cancel(): void {
    this.running?.abort();
  }

  private async reweigh(
    session: ProjectSession,
    request: MitigationRequest,
    signal: AbortSignal,
    progress: (event: JobEvent) => void,
  ): Promise<ProjectView> {
    const runId = `run-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}-reweighed`;
    progress({ type: 'progress', stage: 'prepare', fraction: null });
    const input = await session.call('session:prepareMitigation', { runId, request }, { signal });
    const trainer = new HostClient({
      ...this.host,
      what: 'training',
      args: [...(this.host.args ?? []), '--role=training'],
    });
    try {
      // Epochs are the training step's; here the progress bar follows the run's stages.
      const output = await trainer.request('train:run', input, {
        signal,
        onEvent: (e) => (e.type === 'progress' && e.stage === 'backend' ? undefined : progress(e)),
      });
      // A retrain stopped early keeps its best weights, but that is not the mitigation asked for.
      if (signal.aborted) throw new UserError('CANCELLED');
      progress({ type: 'progress', stage: 'compare', fraction: null });
      return await session.call('session:recordMitigation', { request, output }, { signal });
    } finally {
      await trainer.close();
    }
  }
}
