/**
 * The open project: one long-lived engine host that owns the project's `data.duckdb` and answers
 * the `session:*` calls (DESIGN "Engine notes"). When that host dies (a crash, or a kill after an
 * import that would not cancel) the next call starts a new one and reopens the project in it
 * first, so the wizard carries on.
 */
import type { ProjectView } from '../shared/ipc/contract';
import type { HostCall, HostCalls } from '../shared/host';
import type { Job } from '../shared/jobs';
import { HostClient, type HostClientOptions, type HostRequestOptions } from './hosts/hostClient';

export type SessionCall = Extract<HostCall, `session:${string}`>;

/** The `ProjectView` inside a `session:*` answer, if it has one. */
function viewOf(value: unknown): ProjectView | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { path?: unknown; project?: unknown };
  if (typeof v.path === 'string' && v.project && typeof v.project === 'object') return value as ProjectView;
  if (v.project && typeof v.project === 'object') return viewOf(v.project);
  return null;
}

export class ProjectSession {
  /** The last project state a host answered with. */
  view: ProjectView;
  private openedIn: number;
  private reopening: Promise<void> | null = null;

  private constructor(
    /** Absolute path of the `NAME.modelwise` folder. */
    readonly dir: string,
    private readonly client: HostClient,
    view: ProjectView,
  ) {
    this.view = view;
    this.openedIn = client.generation;
  }

  /**
   * Start a project host and either create `NAME.modelwise/` under `dir` (`session:create`; the
   * engine picks a free folder name) or open the project folder `dir` (`session:open`).
   * @throws UserError from the engine (PROJECT_NOT_FOUND, PROJECT_INVALID, PROJECT_LOCKED, …) or HOST_CRASHED.
   */
  static async start(
    how: { create: { name: string } } | { open: true },
    dir: string,
    host: Omit<HostClientOptions, 'what'>,
  ): Promise<ProjectSession> {
    const client = new HostClient({ ...host, what: 'project' });
    try {
      const view =
        'create' in how
          ? await client.request('session:create', { dir, name: how.create.name })
          : await client.request('session:open', { dir });
      return new ProjectSession(view.path, client, view);
    } catch (err) {
      client.killNow('not opened');
      throw err;
    }
  }

  /** Whether a host process is up now (false between a crash and the next call). */
  get hostRunning(): boolean {
    return this.client.running;
  }

  /**
   * One `session:*` call on the project host (reopening the project first in a new host after a
   * crash). Keeps `view` up to date from answers that carry the project.
   */
  async call<C extends SessionCall>(
    call: C,
    payload: HostCalls[C]['request'],
    opts: HostRequestOptions = {},
  ): Promise<HostCalls[C]['response']> {
    if (!this.client.running || this.client.generation !== this.openedIn) await this.reopen();
    const value = await this.client.request(call, payload, opts);
    const view = viewOf(value);
    if (view) this.view = view;
    return value;
  }

  /**
   * A `runJob` request (`job:run`) on the project host, for short engine work beside the session
   * (zipping the model package). Queued behind the session's calls; answers what `runJob` does.
   */
  async job(job: Job, opts: HostRequestOptions = {}): Promise<unknown> {
    return this.client.request('job:run', job, opts);
  }

  /** The current project state from the host (read-only). */
  async refresh(): Promise<ProjectView> {
    return this.call('session:get', {});
  }

  /** Shut the host down (kill after the timeout). */
  close(): Promise<void> {
    return this.client.close();
  }

  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      try {
        this.view = await this.client.request('session:open', { dir: this.dir });
        this.openedIn = this.client.generation;
      } finally {
        this.reopening = null;
      }
    })();
    return this.reopening;
  }
}
