/** The shape of a contract handler: the parsed request in, the response out, errors thrown as `UserError`. */
import type { z } from 'zod';
import type { Channel, Channels, Response } from '../../shared/ipc/contract';
import type { BackendConfig, Caller } from '../config';
import type { Emit } from '../events';
import type { Workspace } from '../workspace';

export interface HandlerContext {
  config: BackendConfig;
  /** App version for `app:info`. */
  version: string;
  workspace: Workspace;
  caller: Caller;
  emit: Emit;
}

/** The request after zod parsing (defaults applied). */
export type ParsedRequest<C extends Channel> = z.output<Channels[C]['request']>;

export type Handler<C extends Channel> = (request: ParsedRequest<C>, ctx: HandlerContext) => Promise<Response<C>>;

/** Handlers of the channels `C`, one per channel. */
export type Handlers<C extends Channel> = { [K in C]: Handler<K> };
