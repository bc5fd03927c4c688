// The web client against a tiny server speaking `WEB_API` (http + ws on 127.0.0.1): calls,
// answers checked against the contract, events with reconnection, and uploads with progress.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createWebClient, type SocketLike, type WebClient, type XhrLike } from '../../src/renderer/src/lib/webClient';
import { WEB_API, type EventPayload } from '../../src/shared/ipc/contract';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** XMLHttpRequest's upload surface over node:http, sending the body in chunks to report progress. */
class NodeXhr implements XhrLike {
  status = 0;
  responseText = '';
  upload: XhrLike['upload'] = { onprogress: null };
  onload: XhrLike['onload'] = null;
  onerror: XhrLike['onerror'] = null;
  onabort: XhrLike['onabort'] = null;
  private method = 'GET';
  private url = '';
  private headers: Record<string, string> = {};
  private request: http.ClientRequest | null = null;
  private aborted = false;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    void (async () => {
      const bytes = Buffer.from(await (body as Blob).arrayBuffer());
      const req = http.request(this.url, {
        method: this.method,
        headers: { ...this.headers, 'content-length': bytes.length },
      });
      this.request = req;
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          this.status = res.statusCode ?? 0;
          this.responseText = Buffer.concat(chunks).toString('utf8');
          this.onload?.({});
        });
      });
      req.on('error', () => {
        if (!this.aborted) this.onerror?.({});
      });
      const chunk = 64 * 1024;
      for (let sent = 0; sent < bytes.length; sent += chunk) {
        if (this.aborted) return;
        const part = bytes.subarray(sent, sent + chunk);
        await new Promise<void>((resolve) => req.write(part, () => resolve()));
        this.upload.onprogress?.({
          loaded: Math.min(bytes.length, sent + chunk),
          total: bytes.length,
          lengthComputable: true,
        });
      }
      req.end();
    })();
  }
  abort(): void {
    this.aborted = true;
    this.request?.destroy();
    this.onabort?.({});
  }
}

let server: http.Server;
let wss: WebSocketServer;
let base: string;
let received: Received[];
let respond: (r: Received) => { status?: number; body: unknown };
let client: WebClient | null;

beforeEach(async () => {
  received = [];
  respond = () => ({ body: { ok: true, value: { ok: true } } });
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      received.push(r);
      const { status = 200, body } = respond(r);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    });
  });
  wss = new WebSocketServer({ server, path: WEB_API.events });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = null;
});

afterEach(async () => {
  client?.close();
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function connect(token: string | null = 'secret'): WebClient {
  client = createWebClient({
    baseUrl: base,
    token,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    createXhr: () => new NodeXhr(),
    reconnectMs: 20,
  });
  return client;
}

const waitFor = async (check: () => boolean, ms = 3000): Promise<void> => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('calls', () => {
  it('posts the request as JSON to /api/call/<channel> with the token header and returns the checked value', async () => {
    respond = () => ({
      body: { ok: true, value: { offset: 20, total: 1000, rows: [{ age: 31, sex: 'f', ok: true, note: null }] } },
    });
    const api = connect();
    const r = await api.data.preview({ offset: 20, limit: 10, clean: false });
    expect(r).toEqual({
      ok: true,
      value: { offset: 20, total: 1000, rows: [{ age: 31, sex: 'f', ok: true, note: null }] },
    });
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.url).toBe('/api/call/data:preview');
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers[WEB_API.tokenHeader]).toBe('secret');
    expect(JSON.parse(received[0]!.body.toString())).toEqual({ offset: 20, limit: 10, clean: false });
  });

  it('sends no token header when the page has none (the cookie carries it)', async () => {
    const api = connect(null);
    await api.project.close({});
    expect(received[0]!.headers[WEB_API.tokenHeader]).toBeUndefined();
  });

  it("passes the back end's error through unchanged", async () => {
    const error = { code: 'FILE_NOT_FOUND', key: 'errors.FILE_NOT_FOUND', params: { file: 'a.csv' } };
    respond = () => ({ status: 400, body: { ok: false, error } });
    const r = await connect().data.import({ path: 'a.csv' });
    expect(r).toEqual({ ok: false, error });
  });

  it('refuses an answer that does not match the contract', async () => {
    respond = () => ({ body: { ok: true, value: { offset: 'zero' } } });
    const r = await connect().data.preview({ offset: 0, limit: 10, clean: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'INTERNAL', key: 'wizard.error.transport' });
  });

  it('reports a refused request (no token) and an unreachable server as transport errors', async () => {
    respond = () => ({ status: 403, body: 'forbidden' });
    const r = await connect().app.info({});
    expect(r).toMatchObject({ ok: false, error: { key: 'wizard.error.transport', params: { reason: 'HTTP 403' } } });
    const down = createWebClient({ baseUrl: 'http://127.0.0.1:1', token: null });
    const r2 = await down.app.info({});
    expect(r2).toMatchObject({ ok: false, error: { code: 'INTERNAL', key: 'wizard.error.transport' } });
  });
});

describe('events', () => {
  const epoch: EventPayload<'train:epoch'> = {
    runId: 'r1',
    maxEpochs: 10,
    epoch: 1,
    loss: 0.6,
    valLoss: 0.65,
    metric: 0.7,
    valMetric: 0.68,
    seconds: 0.4,
  };

  it('delivers events from one WebSocket to the listeners of that event, checked against the contract', async () => {
    const api = connect();
    const epochs: unknown[] = [];
    const finished: unknown[] = [];
    const offEpoch = api.train.onEpoch((e) => epochs.push(e));
    api.train.onFinished((e) => finished.push(e));
    await waitFor(() => wss.clients.size === 1);
    const [socket] = [...wss.clients];
    socket!.send(JSON.stringify({ event: 'train:epoch', payload: epoch }));
    socket!.send(JSON.stringify({ event: 'train:epoch', payload: { ...epoch, loss: 'high' } }));
    socket!.send('not json');
    socket!.send(JSON.stringify({ event: 'no:such', payload: {} }));
    await waitFor(() => epochs.length === 1);
    expect(epochs).toEqual([epoch]);
    expect(finished).toEqual([]);
    offEpoch();
    socket!.send(JSON.stringify({ event: 'train:epoch', payload: { ...epoch, epoch: 2 } }));
    socket!.send(
      JSON.stringify({
        event: 'train:finished',
        payload: { runId: 'r1', ok: true, cancelled: false, error: null, project: null },
      }),
    );
    await waitFor(() => finished.length === 1);
    expect(epochs).toHaveLength(1);
    expect(wss.clients.size).toBe(1);
  });

  it('reconnects when the socket drops and keeps delivering to the same listeners', async () => {
    let connections = 0;
    wss.on('connection', () => connections++);
    const api = connect();
    const got: number[] = [];
    api.train.onEpoch((e) => got.push(e.epoch));
    await waitFor(() => connections === 1);
    for (const ws of wss.clients) ws.terminate();
    await waitFor(() => connections === 2 && wss.clients.size === 1);
    const [socket] = [...wss.clients];
    socket!.send(JSON.stringify({ event: 'train:epoch', payload: { ...epoch, epoch: 7 } }));
    await waitFor(() => got.length === 1);
    expect(got).toEqual([7]);
  });

  it('stops reconnecting once closed', async () => {
    const api = connect();
    api.job.onProgress(() => undefined);
    await waitFor(() => wss.clients.size === 1);
    api.close();
    await waitFor(() => wss.clients.size === 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(wss.clients.size).toBe(0);
  });
});

describe('upload', () => {
  it('streams the bytes to /api/upload?name= with progress and answers the stored path', async () => {
    respond = (r) => ({
      body: { ok: true, value: { path: `/projects/p/uploads/${new URL(r.url, base).searchParams.get('name')}` } },
    });
    const bytes = new Uint8Array(300 * 1024).map((_, i) => i % 251);
    const progress: number[] = [];
    const r = await connect().upload(new File([bytes], 'données 1.csv'), (f) => progress.push(f));
    expect(r).toEqual({ ok: true, value: '/projects/p/uploads/données 1.csv' });
    const req = received[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(`/api/upload?name=${encodeURIComponent('données 1.csv')}`);
    expect(req.headers[WEB_API.tokenHeader]).toBe('secret');
    expect(req.body.equals(Buffer.from(bytes))).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('answers CANCELLED when aborted, and the server error otherwise', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await connect().upload(new File(['x'], 'a.csv'), undefined, controller.signal);
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    respond = () => ({
      status: 413,
      body: {
        ok: false,
        error: {
          code: 'FILE_UNREADABLE',
          key: 'errors.FILE_UNREADABLE',
          params: { file: 'a.csv', reason: 'too large' },
        },
      },
    });
    const r2 = await client!.upload(new File(['x'], 'a.csv'));
    expect(r2).toMatchObject({ ok: false, error: { code: 'FILE_UNREADABLE' } });
  });
});
