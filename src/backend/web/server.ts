/**
 * The loopback web transport (DESIGN "Two transports, one contract"): serves the built renderer
 * and carries the contract (`WEB_API` in `shared/ipc/contract.ts`) over HTTP and one WebSocket to
 * the same back end the desktop app uses, for `npm run web` and the end-to-end tests.
 *
 * Who may talk to it: it binds 127.0.0.1 only; every request, the page included, must carry the
 * random per-launch token (the printed URL's `?token=`, traded for an HttpOnly SameSite=Strict
 * cookie, or the `x-modelwise-token` header); the Host header must name this server
 * (`127.0.0.1:PORT` or `localhost:PORT` — a DNS-rebinding page has its own name there), and an
 * Origin header, when sent, must be this server's (no other local page may call it).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorData, UserError, type UserErrorData } from '../../shared/errors';
import { eventNames, WEB_API, type Result } from '../../shared/ipc/contract';
import type { Backend, Caller } from '../index';
import { isInside } from '../paths';

/** Largest upload, in bytes (2 GiB; SPEC §2 imports files up to 1 GB). */
export const UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;
/** Largest JSON body of a call, in bytes. */
const CALL_BODY_LIMIT = 16 * 1024 ** 2;

export interface WebServerOptions {
  backend: Backend;
  /** Built renderer: `index.html`, `report.html`, `assets/`. */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 (default) lets the OS pick a free one. */
  port?: number;
  /** Access token; 32 random bytes (base64url) by default. */
  token?: string;
  uploadLimitBytes?: number;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/` */
  origin: string;
  port: number;
  token: string;
  /** The launch URL, token included: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** Stop accepting, close every socket and WebSocket. (The back end is the caller's to close.) */
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

const denied = (status: number, reason: string) => ({ ok: false as const, status, reason });

/** Cookie header → name/value pairs (first occurrence wins). */
function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/** ASCII fallback and RFC 6266/5987 form of a download's file name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Stream the body of `req` into `file` (created, never overwritten), at most `limit` bytes, with
 * backpressure. Resolves null when the whole body is written, `'too-large'` when it went over the
 * limit (reading stops; the request is left open so the caller can answer 413), or the error.
 */
function receiveFile(req: IncomingMessage, file: string, limit: number): Promise<null | 'too-large' | Error> {
  return new Promise((resolve) => {
    const out = createWriteStream(file, { flags: 'wx' });
    let size = 0;
    let failure: 'too-large' | Error | null = null;
    const fail = (why: 'too-large' | Error) => {
      failure ??= why;
      req.pause();
      out.destroy();
    };
    out.on('error', (err) => fail(err));
    out.on('close', () => resolve(failure ?? (out.writableFinished ? null : new Error('upload interrupted'))));
    req.on('data', (chunk: Buffer) => {
      if (failure) return;
      size += chunk.length;
      if (size > limit) return fail('too-large');
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => failure === null && req.resume());
      }
    });
    req.on('end', () => failure === null && out.end());
    req.on('error', (err) => fail(err));
    req.on('close', () => {
      if (!req.complete) fail(new Error('upload interrupted'));
    });
  });
}

/**
 * Start the server on 127.0.0.1.
 * @throws Error (code EADDRINUSE) when `port` is taken.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { backend, rendererDir } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const uploadLimit = options.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
  let port = 0;
  // Cookies are per host, not per port: two instances on 127.0.0.1 must not overwrite each other's.
  const cookieName = () => `${WEB_API.tokenCookie}_${port}`;
  const ownHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const ownOrigins = () => ownHosts().map((h) => `http://${h}`);
  const csp = () =>
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self' data:",
      "img-src 'self' data: blob:",
      `connect-src 'self' ${ownHosts()
        .map((h) => `ws://${h}`)
        .join(' ')}`,
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ].join('; ');

  const tokenMatches = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const b = Buffer.from(candidate);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  /** The Host/Origin/token checks every request and the WebSocket go through. */
  function checkAccess(req: IncomingMessage, url: URL): { ok: true; viaQuery: boolean } | ReturnType<typeof denied> {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!ownHosts().includes(host)) return denied(403, `foreign Host header "${host}"`);
    const origin = req.headers.origin;
    if (origin !== undefined && !ownOrigins().includes(origin.toLowerCase()))
      return denied(403, `foreign Origin "${origin}"`);
    if (req.headers['sec-fetch-site'] === 'cross-site') return denied(403, 'cross-site request');
    const header = req.headers[WEB_API.tokenHeader];
    if (
      tokenMatches(parseCookies(req.headers.cookie).get(cookieName())) ||
      tokenMatches(typeof header === 'string' ? header : null)
    ) {
      return { ok: true, viaQuery: false };
    }
    if (tokenMatches(url.searchParams.get('token'))) return { ok: true, viaQuery: true };
    const given =
      url.searchParams.has('token') || header !== undefined || parseCookies(req.headers.cookie).has(cookieName());
    return denied(401, given ? 'wrong token' : 'no token');
  }

  const baseHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp());
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, status: number, error: UserErrorData) =>
    sendJson(res, status, { ok: false, error } satisfies Result<never>);
  const sendText = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };

  const caller = (req: IncomingMessage): Caller => ({
    transport: 'web',
    origin: req.socket.remoteAddress ?? 'unknown',
  });

  async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new UserError('UPLOAD_TOO_LARGE', { file: 'request', limit: `${limit} bytes` });
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function serveCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, new UserError('ACCESS_DENIED').toData());
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      return sendError(
        res,
        415,
        new UserError('SETTING_INVALID', { setting: 'Content-Type', reason: 'application/json expected' }).toData(),
      );
    }
    let body: unknown;
    try {
      const raw = await readBody(req, CALL_BODY_LIMIT);
      body = raw.length === 0 ? {} : (JSON.parse(raw.toString('utf8')) as unknown);
    } catch (err) {
      return sendError(
        res,
        400,
        err instanceof UserError
          ? err.toData()
          : new UserError('SETTING_INVALID', { setting: channel, reason: 'malformed JSON' }).toData(),
      );
    }
    sendJson(res, 200, await backend.handle(channel, body, caller(req)));
  }

  async function serveUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 405, new UserError('ACCESS_DENIED').toData());
    const name = url.searchParams.get('name');
    if (!name)
      return sendError(res, 400, new UserError('SETTING_INVALID', { setting: 'name', reason: 'missing' }).toData());
    const limitText = `${(uploadLimit / 1024 ** 3).toFixed(uploadLimit >= 1024 ** 3 ? 0 : 3)} GB`;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > uploadLimit) {
      res.setHeader('Connection', 'close');
      return sendError(res, 413, new UserError('UPLOAD_TOO_LARGE', { file: name, limit: limitText }).toData());
    }
    let target: string;
    try {
      target = await backend.uploadPath(name);
    } catch (err) {
      res.setHeader('Connection', 'close');
      return sendError(res, 409, toErrorData(err));
    }
    const part = `${target}.part`;
    const failure = await receiveFile(req, part, uploadLimit);
    if (failure) {
      await unlink(part).catch(() => undefined);
      if (req.socket === null || req.socket.destroyed) return;
      // Refuse without reading the rest of a huge body: answer, then drop the connection.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      if (failure === 'too-large')
        return sendError(res, 413, new UserError('UPLOAD_TOO_LARGE', { file: name, limit: limitText }).toData());
      return sendError(res, 500, toErrorData(failure));
    }
    await rename(part, target);
    sendJson(res, 200, { ok: true, value: { path: target } });
  }

  async function serveDownload(res: ServerResponse, id: string): Promise<void> {
    const file = backend.takeDownload(id);
    if (!file || !existsSync(file.path))
      return sendError(res, 404, new UserError('FILE_NOT_FOUND', { file: id }).toData());
    const info = await stat(file.path);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file.name).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Disposition': contentDisposition(file.name),
    });
    await pipeline(createReadStream(file.path), res);
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (rel === '/') rel = '/index.html';
    const file = path.resolve(rendererDir, '.' + rel);
    if (!isInside(rendererDir, file) || rel.includes('\0')) return sendText(res, 404, 'Not found');
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      return sendText(
        res,
        503,
        `The Modelwise window is not built (${rendererDir} is missing). Run \`npm run build\`, then start again.`,
      );
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return sendText(res, 404, 'Not found');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
    });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(file), res);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    baseHeaders(res);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return sendText(res, 400, 'Bad request');
    }
    const isApi = url.pathname.startsWith('/api/');
    const access = checkAccess(req, url);
    if (!access.ok) {
      if (isApi) return sendError(res, access.status, new UserError('ACCESS_DENIED').toData());
      return sendText(
        res,
        access.status,
        `Refused (${access.reason}). Open Modelwise with the link printed in its terminal; it carries the access token.`,
      );
    }
    if (access.viaQuery && !isApi && req.method === 'GET') {
      // Trade the token for a cookie and drop it from the address bar (and from the history).
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { Location: url.pathname + url.search });
      return void res.end();
    }
    if (url.pathname.startsWith(WEB_API.call)) return serveCall(req, res, url.pathname.slice(WEB_API.call.length));
    if (url.pathname === WEB_API.upload) return serveUpload(req, res, url);
    if (url.pathname.startsWith(WEB_API.download))
      return serveDownload(res, url.pathname.slice(WEB_API.download.length));
    if (url.pathname === WEB_API.events) return sendText(res, 426, 'WebSocket expected');
    if (isApi) return sendError(res, 404, new UserError('CHANNEL_UNKNOWN', { channel: url.pathname }).toData());
    return serveStatic(req, res, url);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      console.error('modelwise web: request failed:', err);
      if (!res.headersSent) sendError(res, 500, toErrorData(err));
      else res.destroy();
    });
  });
  // Slow-loris guard without cutting long uploads: headers must arrive quickly, bodies may take long.
  server.headersTimeout = 30_000;
  server.requestTimeout = 0;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const access = url.pathname === WEB_API.events ? checkAccess(req, url) : denied(404, 'not found');
    if (!access.ok) {
      const text = access.status === 404 ? 'Not Found' : access.status === 401 ? 'Unauthorized' : 'Forbidden';
      socket.end(`HTTP/1.1 ${access.status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      // The socket is one-way (back end → page); the contract's calls go over HTTP.
      ws.on('message', () => undefined);
    });
  });
  const unsubscribe = eventNames.map((event) =>
    backend.on(event, (payload) => {
      const text = JSON.stringify({ event, payload });
      for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}/`;

  return {
    origin,
    port,
    token,
    url: `${origin}?token=${token}`,
    close: async () => {
      for (const u of unsubscribe) u();
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
