/**
 * The back end behind the contract (DESIGN "Two transports, one contract"): plain Node, no
 * Electron. Both transports — Electron IPC (`main/ipc.ts`) and the loopback web server
 * (`backend/web/server.ts`) — check their caller and then call `handle()`, which refuses unknown
 * channels, parses the request with zod, runs the handler and answers a `Result`: the value, or
 * a typed error (code, i18n key, parameters — never English text). Nothing it does throws.
 */
import { toErrorData, UserError, type UserErrorData } from '../shared/errors';
import {
  channels,
  isChannel,
  parseRequest,
  type Channel,
  type EventName,
  type Response,
  type Result,
} from '../shared/ipc/contract';
import type { BackendConfig, Caller } from './config';
import { EventBus, type Listener } from './events';
import { handlers } from './handlers';
import type { Handler } from './handlers/types';
import { findAppRoot, readAppVersion } from './paths';
import type { Download } from './downloads';
import { Workspace } from './workspace';

export type { BackendConfig, Caller, DesktopHooks } from './config';

export interface Backend {
  /** Run `channel` with `rawRequest` (unvalidated, from the transport) for `caller`. Never throws. */
  handle<C extends Channel>(channel: C, rawRequest: unknown, caller: Caller): Promise<Result<Response<C>>>;
  handle(channel: string, rawRequest: unknown, caller: Caller): Promise<Result<unknown>>;
  /** Listen to a back-end event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Web transport: the file behind a download id (null when unknown or expired). */
  takeDownload(id: string): Download | null;
  /**
   * Web transport: a fresh path in the open project's `uploads/` for a file called `fileName`.
   * @throws UserError NO_PROJECT when no project is open.
   */
  uploadPath(fileName: string): Promise<string>;
  /** Stop training and the project host (killing them after the timeout); drop listeners. */
  close(): Promise<void>;
}

const fail = (error: UserErrorData): { ok: false; error: UserErrorData } => ({ ok: false, error });

/** Create the back end for one transport. */
export function createBackend(config: BackendConfig): Backend {
  const validate = config.validateResponses ?? process.env.NODE_ENV !== 'production';
  const bus = new EventBus(validate);
  const workspace = new Workspace(config, bus.emit);
  let version = config.version;

  async function handle(channel: string, rawRequest: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isChannel(channel))
      return fail(new UserError('CHANNEL_UNKNOWN', { channel: String(channel).slice(0, 80) }).toData());
    const parsed = parseRequest(channel, rawRequest);
    if (!parsed.ok)
      return fail(new UserError('SETTING_INVALID', { setting: channel, reason: parsed.message }).toData());
    try {
      version ??= readAppVersion(findAppRoot());
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(parsed.value as never, { config, version, workspace, caller, emit: bus.emit });
      if (validate) {
        const check = channels[channel].response.safeParse(value);
        if (!check.success) {
          const issue = check.error.issues[0];
          return fail(
            new UserError('INTERNAL', {
              message: `${channel} answered outside the contract at ${issue?.path.join('.') || '/'}: ${issue?.message ?? ''}`,
            }).toData(),
          );
        }
      }
      return { ok: true, value };
    } catch (err) {
      return fail(toErrorData(err));
    }
  }

  return {
    handle: handle as Backend['handle'],
    on: (event, listener) => bus.on(event, listener),
    takeDownload: (id) => workspace.downloads.take(id),
    uploadPath: (fileName) => workspace.uploadPath(fileName),
    close: async () => {
      await workspace.close();
      bus.clear();
    },
  };
}
