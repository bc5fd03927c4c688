import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// An unmocked `electron` import tries to download Electron; security.ts only needs its types.
vi.mock('electron', () => ({}));
const { hardenWebContents, installOfflineGuard, isOwnUrl, isTrustedSender, denyPermissions } =
  await import('../../src/main/security');

const rendererRoot = path.resolve('/opt/modelwise/out/renderer');
const origins = { rendererRoot };
const fileUrl = (p: string) => pathToFileURL(p).href;
const frame = (url: string, parent: unknown = null) => ({ url, parent }) as unknown as Electron.WebFrameMain;

describe('offline guard', () => {
  it("accepts only the app's own files (and inline data)", () => {
    expect(isOwnUrl(fileUrl(path.join(rendererRoot, 'index.html')), origins)).toBe(true);
    expect(isOwnUrl(fileUrl(path.join(rendererRoot, 'assets', 'index.js')), origins)).toBe(true);
    expect(isOwnUrl('data:font/woff2;base64,AAAA', origins)).toBe(true);
    expect(isOwnUrl(fileUrl(path.join(rendererRoot, '..', 'main', 'index.js')), origins)).toBe(false);
    expect(isOwnUrl(fileUrl(rendererRoot + '-evil/index.html'), origins)).toBe(false);
    expect(isOwnUrl('file:///etc/passwd', origins)).toBe(false);
    expect(isOwnUrl('https://example.com/', origins)).toBe(false);
    expect(isOwnUrl('http://127.0.0.1:5173/', origins)).toBe(false);
  });

  it('accepts the dev server (and its HMR socket) only while developing', () => {
    const dev = { rendererRoot, devServer: 'http://localhost:5173' };
    expect(isOwnUrl('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isOwnUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
  });

  it('cancels every other request on the session and denies every permission', () => {
    let onBefore: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    const ses = {
      webRequest: { onBeforeRequest: (l: typeof onBefore) => (onBefore = l), onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    installOfflineGuard(ses as unknown as Electron.Session, origins);
    denyPermissions(ses as unknown as Electron.Session);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      onBefore!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://fonts.googleapis.com/css')).toBe(true);
    expect(decide('http://169.254.169.254/latest/meta-data')).toBe(true);
    expect(decide(fileUrl(path.join(rendererRoot, 'index.html')))).toBe(false);
    // CSP header added to responses of the built app.
    expect(ses.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    const request = ses.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      p: string,
      cb: (ok: boolean) => void,
    ) => void;
    const granted = vi.fn();
    request({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect((ses.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
  });
});

describe('sender check', () => {
  const page = fileUrl(path.join(rendererRoot, 'index.html'));

  it('trusts only the top frame of the wizard page', () => {
    expect(isTrustedSender(frame(page), origins)).toBe(true);
    expect(isTrustedSender(frame(page, frame(page)), origins)).toBe(false);
    expect(isTrustedSender(frame(fileUrl(path.join(rendererRoot, 'report.html'))), origins)).toBe(false);
    expect(isTrustedSender(frame('https://example.com/'), origins)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/index.html'), origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
  });
});

describe('web contents hardening', () => {
  it('refuses navigation away from the app, new windows and webviews', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
      on: (name: string, h: (event: { preventDefault(): void }, url?: string) => void) => handlers.set(name, h),
    };
    hardenWebContents(contents as unknown as Electron.WebContents, origins);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      handlers.get('will-navigate')!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('data:text/html,<script>alert(1)</script>')).toBe(true);
    expect(navigate(fileUrl(path.join(rendererRoot, 'index.html')))).toBe(false);
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
