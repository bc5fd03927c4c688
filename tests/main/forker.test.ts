import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

class FakeUtility extends EventEmitter {
  pid = 4242;
  postMessage = vi.fn();
  kill = vi.fn(() => true);
}
const forks: {
  modulePath: string;
  args: string[];
  options: { env: Record<string, string>; serviceName: string };
  child: FakeUtility;
}[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, args: string[], options: { env: Record<string, string>; serviceName: string }) => {
      const child = new FakeUtility();
      forks.push({ modulePath, args, options, child });
      return child;
    },
  },
}));
const { utilityProcessForker } = await import('../../src/main/forker');

describe('utilityProcess forker', () => {
  it('forks the host module and relays messages, exit and kill', () => {
    const proc = utilityProcessForker.fork('/app/out/node/engine.host.js', ['--role=project'], {
      A: '1',
      B: undefined,
    });
    const { modulePath, args, options, child } = forks[0]!;
    expect(modulePath).toBe('/app/out/node/engine.host.js');
    expect(args).toEqual(['--role=project']);
    expect(options.env).toEqual({ A: '1' });
    expect(proc.pid).toBe(4242);

    const messages: unknown[] = [];
    const exits: unknown[] = [];
    proc.on('message', (m) => messages.push(m));
    proc.on('exit', (code, signal) => exits.push([code, signal]));
    proc.send({ kind: 'shutdown' });
    expect(child.postMessage).toHaveBeenCalledWith({ kind: 'shutdown' });
    child.emit('message', { kind: 'ready', pid: 4242 });
    expect(messages).toEqual([{ kind: 'ready', pid: 4242 }]);
    proc.kill();
    expect(child.kill).toHaveBeenCalledOnce();
    child.emit('exit', 9);
    expect(exits).toEqual([[9, null]]);
    // After exit nothing more is sent or killed.
    proc.send({ kind: 'shutdown' });
    proc.kill();
    expect(child.postMessage).toHaveBeenCalledOnce();
    expect(child.kill).toHaveBeenCalledOnce();
  });
});
