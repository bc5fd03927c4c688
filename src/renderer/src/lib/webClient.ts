/**
 * `ModelwiseApi` over the loopback web transport (`WEB_API` in the contract), for `npm run web` and
 * the end-to-end tests. Calls are `POST /api/call/<channel>` with the JSON request and answer a
 * JSON `Result`; events arrive on one WebSocket `/api/events` that reconnects when dropped; files
 * are uploaded with `POST /api/upload?name=` (XMLHttpRequest, for upload progress).
 *
 * Requests are same-origin, so the session cookie the server set for the launch token goes with
 * them; a token still in the page URL is also sent as `x-modelwise-token`. Every answer and event
 * is checked against the contract's schemas, like the Electron transport does, so a mismatch shows
 * as an error instead of a broken screen. Nothing here throws: failures come back as `Result`s.
 */
import type { UserErrorData } from '../../../shared/errors';
import {
  channelNames,
  channels,
  eventNames,
  events,
  listenerName,
  splitName,
  WEB_API,
  type Channel,
  type EventName,
  type EventPayload,
  type ModelwiseApi,
  type Result,
} from '../../../shared/ipc/contract';

/** The parts of `WebSocket` the client uses (the browser's, or `ws` in tests). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

/** The parts of `XMLHttpRequest` the upload uses. */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: unknown): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((ev: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onabort: ((ev: unknown) => void) | null;
}

export interface WebClientOptions {
  /** `http://127.0.0.1:PORT`; the page's own origin when absent. */
  baseUrl?: string;
  /** Launch token sent as a header; read from the page URL's `?token=` when absent. */
  token?: string | null;
  fetch?: typeof fetch;
  createSocket?: (url: string) => SocketLike;
  createXhr?: () => XhrLike;
  /** First reconnect delay in ms; doubles up to 30 × this. Default 500. */
  reconnectMs?: number;
}

/** What the web transport adds to the contract: uploads, and closing the event socket. */
export interface WebExtras {
  /**
   * Uploads `file` into the open project's folder and answers the path the server stored it at,
   * for `data:import`. `onProgress` gets the sent fraction in [0, 1]; `signal` aborts the upload
   * (answered with a `CANCELLED` error).
   */
  upload(
    file: Blob & { name: string },
    onProgress?: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<Result<string>>;
  /** Stops the event socket and its reconnects. */
  close(): void;
}

export type WebClient = ModelwiseApi & WebExtras;

/** An error of the transport itself (server unreachable, bad answer), in the catalog's terms. */
export function transportError(reason: string): UserErrorData {
  return { code: 'INTERNAL', key: 'wizard.error.transport', params: { reason } };
}

const cancelled: UserErrorData = { code: 'CANCELLED', key: 'errors.CANCELLED', params: {} };

function tokenFromPage(): string | null {
  if (typeof location === 'undefined') return null;
  return new URLSearchParams(location.search).get('token');
}

/** Reads a `Result` from a JSON text and checks its value with `check`. */
function readResult<T>(text: string, check: (value: unknown) => Result<T>): Result<T> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, error: transportError('not JSON') };
  }
  if (!body || typeof body !== 'object' || typeof (body as { ok?: unknown }).ok !== 'boolean') {
    return { ok: false, error: transportError('not a result') };
  }
  const r = body as { ok: boolean; value?: unknown; error?: UserErrorData };
  if (!r.ok) return { ok: false, error: r.error ?? transportError('error without details') };
  return check(r.value);
}

/**
 * A `ModelwiseApi` that speaks `WEB_API` to the server at `options.baseUrl`. The event socket
 * opens with the first listener and stays open, reconnecting with back-off when it drops.
 */
export function createWebClient(options: WebClientOptions = {}): WebClient {
  const base = (options.baseUrl ?? (typeof location !== 'undefined' ? location.origin : '')).replace(/\/$/, '');
  const token = options.token === undefined ? tokenFromPage() : options.token;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const createXhr = options.createXhr ?? (() => new XMLHttpRequest() as unknown as XhrLike);
  const reconnectMs = options.reconnectMs ?? 500;

  const headers = (): Record<string, string> => {
    const h: Record<string, string> = { 'content-type': 'application/json' };
    if (token) h[WEB_API.tokenHeader] = token;
    return h;
  };

  async function call<C extends Channel>(channel: C, request: unknown): Promise<Result<unknown>> {
    let text: string;
    try {
      const response = await doFetch(`${base}${WEB_API.call}${channel}`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(request ?? {}),
        credentials: 'same-origin',
      });
      text = await response.text();
      if (!response.ok && !text.trim().startsWith('{'))
        return { ok: false, error: transportError(`HTTP ${response.status}`) };
    } catch (err) {
      return { ok: false, error: transportError(err instanceof Error ? err.message : String(err)) };
    }
    return readResult(text, (value) => {
      const parsed = channels[channel].response.safeParse(value);
      if (parsed.success) return { ok: true, value: parsed.data };
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        error: transportError(`${channel}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim()),
      };
    });
  }

  // --- events ---
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: SocketLike | null = null;
  let closed = false;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function socketUrl(): string {
    const url = new URL(WEB_API.events, base || 'http://localhost');
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
  }

  function dispatch(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    const { event, payload } = (message ?? {}) as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !Object.prototype.hasOwnProperty.call(events, event)) return;
    const name = event as EventName;
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      console.warn(`modelwise: ignored malformed ${name} event`, parsed.error.issues[0]);
      return;
    }
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (err) {
        console.error(`modelwise: ${name} listener failed`, err);
      }
    }
  }

  function connect(): void {
    if (closed || socket) return;
    let s: SocketLike;
    try {
      s = createSocket(socketUrl());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      retries = 0;
    };
    s.onmessage = (ev) => dispatch(ev.data);
    s.onerror = () => {
      /* followed by close */
    };
    s.onclose = () => {
      if (socket === s) socket = null;
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer) return;
    const delay = Math.min(reconnectMs * 2 ** retries, reconnectMs * 30);
    retries++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function subscribe(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    connect();
    return () => {
      set.delete(listener);
    };
  }

  // --- uploads ---
  function upload(
    file: Blob & { name: string },
    onProgress?: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<Result<string>> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve({ ok: false, error: cancelled });
      const xhr = createXhr();
      const onAbort = () => xhr.abort();
      const finish = (r: Result<string>) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      xhr.open('POST', `${base}${WEB_API.upload}?name=${encodeURIComponent(file.name)}`);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      if (token) xhr.setRequestHeader(WEB_API.tokenHeader, token);
      xhr.upload.onprogress = (ev) => {
        if (ev.lengthComputable && ev.total > 0) onProgress?.(Math.min(1, ev.loaded / ev.total));
      };
      xhr.onload = () => {
        finish(
          readResult(xhr.responseText, (value) => {
            const path = (value as { path?: unknown } | null)?.path;
            return typeof path === 'string' && path
              ? { ok: true, value: path }
              : { ok: false, error: transportError('upload: no path') };
          }),
        );
      };
      xhr.onerror = () => finish({ ok: false, error: transportError('upload failed') });
      xhr.onabort = () => finish({ ok: false, error: cancelled });
      signal?.addEventListener('abort', onAbort, { once: true });
      xhr.send(file);
    });
  }

  // --- the api object, one method per channel and one `on…` per event ---
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = splitName(channel);
    (api[domain] ??= {})[verb] = (request: unknown) => call(channel, request);
  }
  for (const event of eventNames) {
    const [domain] = splitName(event);
    (api[domain] ??= {})[listenerName(event)] = (listener: (payload: EventPayload<typeof event>) => void) =>
      subscribe(event, listener as (payload: unknown) => void);
  }

  return Object.assign(api as unknown as ModelwiseApi, {
    upload,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      socket?.close();
      socket = null;
    },
  });
}
