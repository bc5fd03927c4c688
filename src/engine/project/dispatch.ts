/**
 * The engine side of the host protocol (`src/shared/host.ts`): routes each call an engine host
 * receives to the open project session, a training run or `runJob`. One project per host process.
 */
import { UserError } from '../../shared/errors';
import type { HostCall, HostCalls, TrainingInput, TrainingOutput } from '../../shared/host';
import type { Job, JobEvent } from '../../shared/jobs';
import { runJob } from '../jobs/run';
import { runTraining } from '../jobs/train';
import { ProjectSession } from './session';

export interface HostCallContext {
  signal: AbortSignal;
  emit: (event: JobEvent) => void;
}

let session: ProjectSession | null = null;

function requireSession(): ProjectSession {
  if (!session) throw new UserError('PROJECT_NOT_FOUND', { path: '(no project open)' });
  return session;
}

async function replaceSession(next: Promise<ProjectSession>): Promise<ProjectSession> {
  const previous = session;
  session = null;
  await previous?.close();
  session = await next;
  return session;
}

type Payload<C extends HostCall> = HostCalls[C]['request'];

/** Answer one host call. @throws UserError as the engine does; the host turns it into an error message. */
export async function handleHostCall(call: HostCall, payload: unknown, ctx: HostCallContext): Promise<unknown> {
  const ctxS = { signal: ctx.signal, emit: ctx.emit };
  switch (call) {
    case 'session:create': {
      const p = payload as Payload<'session:create'>;
      return (await replaceSession(ProjectSession.create(p.dir, p.name))).view;
    }
    case 'session:open':
      return (await replaceSession(ProjectSession.open((payload as Payload<'session:open'>).dir))).view;
    case 'session:get':
      return requireSession().view;
    case 'session:update':
      return requireSession().update(payload as Payload<'session:update'>);
    case 'session:import': {
      const p = payload as Payload<'session:import'>;
      return requireSession().import(p.path, p.options ?? {}, p.copied ?? false, ctxS);
    }
    case 'session:importSample': {
      const p = payload as Payload<'session:importSample'>;
      return requireSession().importSample(p.file, p, ctxS);
    }
    case 'session:preview': {
      const p = payload as Payload<'session:preview'>;
      return requireSession().preview({ offset: p.offset, limit: p.limit, clean: p.clean ?? false });
    }
    case 'session:clean':
      return requireSession().clean();
    case 'session:setRecipe':
      return requireSession().setRecipe((payload as Payload<'session:setRecipe'>).steps);
    case 'session:addSteps':
      return requireSession().addSteps((payload as Payload<'session:addSteps'>).steps);
    case 'session:undo':
      return requireSession().undo();
    case 'session:redo':
      return requireSession().redo();
    case 'session:suggest':
      return requireSession().suggest();
    case 'session:prepareTraining': {
      const p = payload as Payload<'session:prepareTraining'>;
      return requireSession().prepareTraining(p.runId, p.settings);
    }
    case 'session:recordTraining':
      return requireSession().recordTraining(payload as TrainingOutput);
    case 'session:atThreshold':
      return requireSession().atThreshold((payload as Payload<'session:atThreshold'>).threshold);
    case 'session:fairness': {
      const p = payload as Payload<'session:fairness'>;
      return requireSession().fairness(p.attributes, p.intersections);
    }
    case 'session:mitigate':
      return requireSession().mitigate(payload as Payload<'session:mitigate'>, ctxS);
    case 'session:prepareMitigation': {
      const p = payload as Payload<'session:prepareMitigation'>;
      return requireSession().prepareMitigation(p.runId, p.request);
    }
    case 'session:recordMitigation': {
      const p = payload as Payload<'session:recordMitigation'>;
      return requireSession().recordMitigation(p.request, p.output);
    }
    case 'session:decideMitigation':
      return requireSession().decideMitigation((payload as Payload<'session:decideMitigation'>).use);
    case 'session:privacy':
      return requireSession().privacy();
    case 'session:privacyAssess':
      return requireSession().privacyAssessment(payload as Payload<'session:privacyAssess'>);
    case 'session:reportModel':
      return requireSession().reportModel((payload as Payload<'session:reportModel'>).locale);
    case 'session:exportReport': {
      const p = payload as Payload<'session:exportReport'>;
      return requireSession().exportReport(p.format, p.path, p.locale, ctxS);
    }
    case 'session:close': {
      await session?.close();
      session = null;
      return { ok: true };
    }
    case 'train:run': {
      const { model: _model, ...output } = await runTraining(payload as TrainingInput, ctxS);
      return output;
    }
    case 'job:run':
      return runJob(payload as Job, { signal: ctx.signal, onEvent: ctx.emit });
    default:
      throw new UserError('SETTING_INVALID', { setting: 'host call', reason: String(call) });
  }
}

/** Close whatever the host has open (on shutdown). */
export async function closeHost(): Promise<void> {
  await session?.close();
  session = null;
}
