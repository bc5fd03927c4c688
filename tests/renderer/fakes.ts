/**
 * A fake `ModelwiseApi` for the wizard's tests: each channel answers from a handler the test gives
 * (or an error naming the unexpected call), every call is recorded, and events are emitted by hand.
 * Projects are built through the shared schemas, so they have exactly the shape the back end sends;
 * the trained model's evaluation, fairness and privacy come from the report fixture.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { UserErrorData } from '../../src/shared/errors';
import {
  channelNames,
  eventNames,
  listenerName,
  splitName,
  type Channel,
  type EventName,
  type EventPayload,
  type ModelwiseApi,
  type ProjectView,
  type Request,
  type Response,
  type Result,
} from '../../src/shared/ipc/contract';
import type { ImportSummary } from '../../src/shared/model/data';
import { ProjectSchema, type Project, type ProjectInput } from '../../src/shared/model/project';
import { ReportModelSchema, type ReportModel } from '../../src/shared/model/report';
import type { Platform } from '../../src/renderer/src/lib/bridge';
import { repoRoot } from '../helpers/paths';

export type Handler<C extends Channel> = (request: Request<C>) => Result<Response<C>> | Promise<Result<Response<C>>>;
export type Handlers = { [C in Channel]?: Handler<C> };

export interface Call {
  channel: Channel;
  request: unknown;
}

export interface FakeApi {
  api: ModelwiseApi;
  calls: Call[];
  handlers: Handlers;
  /** Sends an event to every listener. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Requests made on `channel`, in order. */
  requests<C extends Channel>(channel: C): Request<C>[];
  listenerCount(event: EventName): number;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: UserErrorData['code'], params: UserErrorData['params'] = {}): Result<never> => ({
  ok: false,
  error: { code, key: `errors.${code}`, params },
});

export function fakeApi(handlers: Handlers = {}): FakeApi {
  const calls: Call[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = splitName(channel);
    (api[domain] ??= {})[verb] = async (request: unknown) => {
      calls.push({ channel, request });
      const handler = fake.handlers[channel] as
        ((r: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
      if (!handler) return fail('INTERNAL', { message: `unexpected call ${channel}` });
      return handler(request);
    };
  }
  for (const event of eventNames) {
    const [domain] = splitName(event);
    (api[domain] ??= {})[listenerName(event)] = (listener: (p: unknown) => void) => {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  const fake: FakeApi = {
    api: api as unknown as ModelwiseApi,
    calls,
    handlers,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    requests(channel) {
      return calls.filter((c) => c.channel === channel).map((c) => c.request) as never;
    },
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
  return fake;
}

export interface FakePlatform extends Platform {
  downloads: { url: string; fileName: string }[];
}

/** A platform over `api`: desktop (paths of files) or web (uploads answer `/uploads/<name>`). */
export function fakePlatform(api: ModelwiseApi, isDesktop = false): FakePlatform {
  const downloads: { url: string; fileName: string }[] = [];
  return {
    api,
    isDesktop,
    downloads,
    async fileToPath(file, onProgress, signal) {
      onProgress(0.5);
      if (signal.aborted) return fail('CANCELLED');
      onProgress(1);
      return ok(isDesktop ? `/home/user/${file.name}` : `/projects/uploads/${file.name}`);
    },
    download(url, fileName) {
      downloads.push({ url, fileName });
    },
  };
}

const reportFixture = (): ReportModel =>
  ReportModelSchema.parse(
    JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'report', 'report-model.binary.json'), 'utf8')),
  );

/** The import summary of the report fixture (a real file's summary). */
export function importSummary(): ImportSummary {
  return reportFixture().data.import;
}

/** A project as the back end would send it; `stage` adds data, a target and a model in turn. */
export function makeProject(stage: 'empty' | 'data' | 'target' | 'model', extra: Partial<ProjectInput> = {}): Project {
  const r = reportFixture();
  const base: ProjectInput = {
    format: 'modelwise-project',
    version: 1,
    id: 'p1',
    name: 'Credit',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    appVersion: '0.1.0',
  };
  if (stage !== 'empty') {
    base.data = {
      source: {
        path: '/data/credit.csv',
        name: 'credit.csv',
        sizeBytes: r.data.import.sizeBytes,
        sha256: r.data.import.sha256,
        copied: false,
      },
      importOptions: { onBadRow: 'skip' },
      summary: r.data.import,
    };
    base.profile = r.data.profile;
  }
  if (stage === 'target' || stage === 'model') {
    base.target = r.target;
    base.positiveClass = r.positiveClass;
    base.templateId = r.meta.templateId;
  }
  if (stage === 'model') {
    base.model = {
      runId: 'run-0',
      trainedAt: '2025-01-01T00:00:00.000Z',
      dir: 'models/run-0',
      record: r.training,
      evaluation: r.evaluation,
      threshold: 0.5,
      thresholdPolicy: 'fixed',
      features: r.data.features,
      excluded: r.data.excluded,
      positiveClass: r.positiveClass,
      classes: [],
    };
  }
  return ProjectSchema.parse({ ...base, ...extra });
}

export function view(project: Project, p = '/projects/Credit.modelwise'): ProjectView {
  return { path: p, project };
}

export { reportFixture };

/** Resolves after pending promise callbacks have run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
