import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createBackend, type Backend } from '../../src/backend';
import { startWebServer, type WebServer } from '../../src/backend/web/server';
import { WEB_API } from '../../src/shared/ipc/contract';
import { repoRoot } from '../helpers/paths';
import { fixture, tsForker, until } from './helpers';

let tmp: string;
let backend: Backend;
let server: WebServer;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request (fetch would not let us send a foreign Host header). */
function request(
  pathname: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: opts.method ?? 'GET',
        headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = () => ({ [WEB_API.tokenHeader]: server.token });
const json = { 'content-type': 'application/json' };
const call = async (channel: string, body: unknown = {}, headers: Record<string, string> = auth()) => {
  const r = await request(WEB_API.call + channel, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, result: JSON.parse(r.body) as { ok: boolean; value?: any; error?: any } };
};

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mw-web-'));
  const rendererDir = path.join(tmp, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Modelwise</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  backend = createBackend({
    transport: 'web',
    projectsDir: path.join(tmp, 'projects'),
    userDataDir: path.join(tmp, 'user'),
    resourcesDir: path.join(repoRoot, 'resources'),
    forker: tsForker,
    hostModule: fixture('fakeEngineHost.ts'),
  });
  server = await startWebServer({ backend, rendererDir, uploadLimitBytes: 1000 });
});
afterAll(async () => {
  await server.close();
  await backend.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('web transport: who may call', () => {
  it('listens on 127.0.0.1 with a 32-byte token in the launch URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('refuses the page without the token, and with a wrong one', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
    expect((await request('/', { headers: { cookie: `${WEB_API.tokenCookie}_${server.port}=wrong` } })).status).toBe(
      401,
    );
    expect((await request('/assets/app.js')).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const r = await request(`/?token=${server.token}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    const cookie = r.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await request('/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Modelwise</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await call('app:info', {}, {});
    expect(none.status).toBe(401);
    expect(none.result).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect((await call('app:info', {}, { [WEB_API.tokenHeader]: 'x'.repeat(43) })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the token', async () => {
    expect((await call('app:info', {}, { ...auth(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('app:info', {}, { ...auth(), origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await call('app:info', {}, { ...auth(), origin: 'null' })).status).toBe(403);
    // DNS rebinding: evil.example resolves to 127.0.0.1, but the browser sends its own name.
    expect((await call('app:info', {}, { ...auth(), host: `evil.example:${server.port}` })).status).toBe(403);
    expect(
      (await request(`/?token=${server.token}`, { headers: { host: `evil.example:${server.port}` } })).status,
    ).toBe(403);
  });

  it('accepts its own Origin under either of its names', async () => {
    expect((await call('app:info', {}, { ...auth(), origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
    const viaLocalhost = await call(
      'app:info',
      {},
      { ...auth(), host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` },
    );
    expect(viaLocalhost.status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request('/%2e%2e/secret.txt', { headers: auth() });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('secret');
  });
});

describe('web transport: the contract', () => {
  it('round-trips app:info', async () => {
    const r = await call('app:info');
    expect(r.status).toBe(200);
    expect(r.result.ok).toBe(true);
    expect(r.result.value.transport).toBe('web');
  });

  it('answers an unknown channel and a malformed body with typed errors', async () => {
    expect((await call('fs:readFile', { path: '/' })).result).toMatchObject({
      ok: false,
      error: { code: 'CHANNEL_UNKNOWN' },
    });
    const bad = await request(WEB_API.call + 'app:info', {
      method: 'POST',
      headers: { ...json, ...auth() },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'SETTING_INVALID' } });
    const form = await request(WEB_API.call + 'app:info', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...auth() },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('refuses a WebSocket without the token or from a foreign Origin, and streams events with it', async () => {
    const url = `ws://127.0.0.1:${server.port}${WEB_API.events}`;
    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await refused({})).toBe(401);
    expect(await refused({ [WEB_API.tokenHeader]: 'nope' })).toBe(401);
    expect(await refused({ ...auth(), origin: 'http://evil.example' })).toBe(403);

    const ws = new WebSocket(url, {
      headers: {
        cookie: `${WEB_API.tokenCookie}_${server.port}=${server.token}`,
        origin: `http://127.0.0.1:${server.port}`,
      },
    });
    const messages: { event: string; payload: any }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    expect((await call('project:create', { name: 'Events' })).result.ok).toBe(true);
    const started = await call('train:start', { settings: { epochs: 2 } });
    await until(() => messages.some((m) => m.event === 'train:finished'));
    ws.close();
    expect(messages.filter((m) => m.event === 'train:epoch').map((m) => m.payload.epoch)).toEqual([0, 1]);
    expect(messages.find((m) => m.event === 'train:finished')?.payload).toMatchObject({
      runId: started.result.value.runId,
      ok: true,
    });
  });

  it('streams an upload into the project, names it safely, and enforces the size limit', async () => {
    const body = Buffer.from('a,b\n1,2\n');
    const upload = (name: string, data: Buffer, extra: Record<string, string> = {}) =>
      request(`${WEB_API.upload}?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/octet-stream', ...extra },
        body: data,
      });
    const ok = await upload('../../évil:name.csv', body);
    expect(ok.status).toBe(200);
    const { value } = JSON.parse(ok.body) as { value: { path: string } };
    const uploads = path.join(tmp, 'projects', 'Events.modelwise', 'uploads');
    expect(path.dirname(value.path)).toBe(uploads);
    expect(path.basename(value.path)).toBe('évil_name.csv');
    expect(readFileSync(value.path)).toEqual(body);

    const big = await upload('big.csv', Buffer.alloc(5000, 1));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({
      ok: false,
      error: { code: 'UPLOAD_TOO_LARGE', params: { file: 'big.csv' } },
    });
    // Without a Content-Length the limit is enforced while streaming, and the partial file removed.
    const chunked = await upload('big.csv', Buffer.alloc(5000, 1), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(readdirSync(uploads)).toEqual(['évil_name.csv']);
  });

  it('serves an exported report as an attachment, again on "Download again", and only with the token', async () => {
    const exported = await call('report:export', { format: 'json' });
    expect(exported.result.ok).toBe(true);
    const url: string = exported.result.value.downloadUrl;
    const first = await request(url, { headers: auth() });
    expect(first.status).toBe(200);
    expect(first.headers['content-disposition']).toMatch(/^attachment; filename="Events report\.json"/);
    expect(JSON.parse(first.body)).toEqual({ report: 'Events', format: 'json' });
    expect((await request(url, { headers: auth() })).status).toBe(200);
    expect((await request(url)).status).not.toBe(200);
    expect(existsSync(exported.result.value.path)).toBe(true);
  });

  it('downloads the model package as application/zip and a scored file as text/csv', async () => {
    // The model trained in the WebSocket test above.
    const pkg = await call('model:export');
    expect(pkg.result.ok).toBe(true);
    const zip = await request(pkg.result.value.downloadUrl, { headers: auth() });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="Events model\.zip"/);

    const upload = await request(`${WEB_API.upload}?name=new.csv`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/octet-stream' },
      body: Buffer.from('age,amount\n30,100\n'),
    });
    const { value } = JSON.parse(upload.body) as { value: { path: string } };
    const scored = await call('model:score', { path: value.path });
    expect(scored.result).toMatchObject({ ok: true, value: { rows: 1 } });
    const csv = await request(scored.result.value.downloadUrl, { headers: auth() });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe('age,amount,predicted_class,probability_bad\n30,100,good,0.1\n');
  });
});
