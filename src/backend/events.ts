/** Typed event bus of the back end: handlers and training runs emit, transports forward. */
import { events, type EventName, type EventPayload } from '../shared/ipc/contract';
import type { JobEvent } from '../shared/jobs';

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventBus {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  /** @param validate check each payload against the contract and report a mismatch on stderr. */
  constructor(private readonly validate: boolean) {}

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit: Emit = (event, payload) => {
    if (this.validate) {
      const r = events[event].safeParse(payload);
      if (!r.success) console.error(`modelwise: event ${event} does not match the contract:`, r.error.issues[0]);
    }
    for (const l of this.listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch (err) {
        console.error(`modelwise: a listener of ${event} failed:`, err);
      }
    }
  };

  clear(): void {
    this.listeners.clear();
  }
}

/** Engine `progress` events of one job as `job:progress` events (epochs and logs are not progress). */
export function progressTo(
  emit: Emit,
  jobId: string,
  kind: EventPayload<'job:progress'>['kind'],
): (event: JobEvent) => void {
  return (event) => {
    if (event.type !== 'progress') return;
    emit('job:progress', {
      jobId,
      kind,
      stage: event.stage,
      fraction: event.fraction,
      etaSeconds: event.etaSeconds ?? null,
      ...(event.message !== undefined ? { message: event.message } : {}),
    });
  };
}
