import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  channelNames,
  channels,
  eventNames,
  isChannel,
  listenerName,
  parseRequest,
  type ModelwiseApi,
  type Result,
} from '../../src/shared/ipc/contract';
import type { Project } from '../../src/shared/model/project';

describe('IPC contract', () => {
  it('names every channel and event domain:verb', () => {
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(listenerName('train:epoch')).toBe('onEpoch');
  });

  it('derives the renderer API from the contract', () => {
    expectTypeOf<ModelwiseApi['project']['open']>().parameter(0).toEqualTypeOf<{ path: string }>();
    expectTypeOf<Awaited<ReturnType<ModelwiseApi['project']['open']>>>().toEqualTypeOf<
      Result<{ path: string; project: Project }>
    >();
    expectTypeOf<ModelwiseApi['train']['onEpoch']>().returns.toEqualTypeOf<() => void>();
  });

  it('validates requests and refuses unknown channels', () => {
    expect(parseRequest('project:open', { path: '/x' })).toEqual({ ok: true, value: { path: '/x' } });
    expect(parseRequest('project:open', {}).ok).toBe(false);
    expect(parseRequest('app:info', { extra: 1 }).ok).toBe(false);
    expect(isChannel('project:open')).toBe(true);
    expect(isChannel('fs:readFile')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(Object.keys(channels).length).toBeGreaterThan(20);
  });
});

describe('project:update', () => {
  it('leaves out what a patch does not name (no schema default fills it in)', () => {
    const parsed = parseRequest('project:update', { target: 'class' });
    expect(parsed).toEqual({ ok: true, value: { target: 'class' } });
  });
});
