import { afterEach, describe, expect, it } from 'vitest';
import { HostClient } from '../../src/backend/hosts/hostClient';
import { UserError } from '../../src/shared/errors';
import type { HostCall } from '../../src/shared/host';
import type { JobEvent } from '../../src/shared/jobs';
import { fixture, tsForker, until } from './helpers';

// The fake host answers every call by `payload.mode`; the call name does not matter to it.
const CALL = 'job:run' as HostCall;
const clients: HostClient[] = [];
function client(cancelTimeoutMs = 5000): HostClient {
  const c = new HostClient({
    forker: tsForker,
    modulePath: fixture('protocolHost.ts'),
    what: 'test',
    cancelTimeoutMs,
    shutdownTimeoutMs: 2000,
  });
  clients.push(c);
  return c;
}
const call = (c: HostClient, payload: unknown, opts = {}) =>
  c.request(CALL, payload as never, opts) as Promise<unknown>;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as UserError;
  }
  throw new Error('expected a rejection');
};

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('hostClient', () => {
  it('routes concurrent answers and events by sequence number', async () => {
    const c = client();
    const events: JobEvent[] = [];
    const [slow, withEvents, fast] = await Promise.all([
      call(c, { mode: 'wait', ms: 100, value: 'slow' }),
      call(c, { mode: 'events' }, { onEvent: (e: JobEvent) => events.push(e) }),
      call(c, { mode: 'echo', value: { n: 1 } }),
    ]);
    expect([slow, withEvents, fast]).toEqual(['slow', 'done', { n: 1 }]);
    expect(events.map((e) => (e.type === 'progress' ? e.fraction : null))).toEqual([1 / 3, 2 / 3, 1]);
    expect(c.generation).toBe(1);
  });

  it('keeps typed arrays typed across the process boundary', async () => {
    const value = await call(client(), { mode: 'typed' });
    expect(value).toBeInstanceOf(Float32Array);
    expect(Array.from(value as Float32Array)).toEqual([0.25, 0.5, 0.75]);
  });

  it("passes the engine's typed error through", async () => {
    const err = await errorOf(call(client(), { mode: 'fail' }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.toData()).toEqual({
      code: 'COLUMN_NOT_FOUND',
      key: 'errors.COLUMN_NOT_FOUND',
      params: { file: 'a.csv', column: 'x', columns: 'y, z' },
    });
  });

  it('turns a crash into HOST_CRASHED and starts a new host on the next call', async () => {
    const c = client();
    const firstPid = await call(c, { mode: 'pid' });
    const err = await errorOf(call(c, { mode: 'crash' }));
    expect(err.code).toBe('HOST_CRASHED');
    expect(err.params).toEqual({ what: 'test', reason: 'exit code 3' });
    const secondPid = await call(c, { mode: 'pid' });
    expect(secondPid).not.toBe(firstPid);
    expect(c.generation).toBe(2);
  });

  it('cancels cooperatively: the host answers with what it has', async () => {
    const c = client();
    await call(c, { mode: 'pid' }); // started, so the cancel reaches a running request
    const controller = new AbortController();
    const pending = call(c, { mode: 'cooperative' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toEqual({ partial: true });
    // Same process still serves.
    expect(await call(c, { mode: 'echo', value: 2 })).toBe(2);
    expect(c.generation).toBe(1);
  });

  it('kills a host that ignores cancel after the timeout, then recovers', async () => {
    const c = client(300);
    const pid = await call(c, { mode: 'pid' });
    const controller = new AbortController();
    const pending = call(c, { mode: 'hang' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect((await errorOf(pending)).code).toBe('CANCELLED');
    expect(c.running).toBe(false);
    await until(() => !alive(pid as number));
    expect(await call(c, { mode: 'echo', value: 'again' })).toBe('again');
  });

  it('answers CANCELLED for a request still queued behind another', async () => {
    const c = client();
    const controller = new AbortController();
    const first = call(c, { mode: 'wait', ms: 300, value: 1 });
    const queued = call(c, { mode: 'echo', value: 2 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await errorOf(queued)).code).toBe('CANCELLED');
    expect(await first).toBe(1);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const c = client();
    expect((await errorOf(call(c, { mode: 'echo' }, { signal: AbortSignal.abort() }))).code).toBe('CANCELLED');
    expect(c.running).toBe(false);
  });

  it('shuts the host down on close', async () => {
    const c = client();
    const pid = (await call(c, { mode: 'pid' })) as number;
    await c.close();
    expect(c.running).toBe(false);
    await until(() => !alive(pid));
  });
});
