/**
 * The desktop app's security rules (SPEC §10, Electron's security checklist): nothing but the
 * app's own files may load (offline, enforced), no permission is ever granted, navigation and new
 * windows are refused, and only the app's own top-level page may call the contract.
 */
import type { Session, WebContents, WebFrameMain } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the app's own pages come from. */
export interface AppOrigins {
  /** Built renderer folder (`out/renderer`). */
  rendererRoot: string;
  /** `electron-vite dev`'s loopback server (`ELECTRON_RENDERER_URL`), only while developing. */
  devServer?: string | undefined;
}

/** The CSP of every page (also in the pages' meta tags; the header covers the dev server). */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

function fileInside(url: string, root: string): string | null {
  if (!url.startsWith('file:')) return null;
  try {
    const file = path.resolve(fileURLToPath(url));
    const base = path.resolve(root);
    return file === base || file.startsWith(base + path.sep) ? file : null;
  } catch {
    return null;
  }
}

function sameOrigin(url: string, devServer: string | undefined): boolean {
  if (!devServer) return false;
  try {
    const u = new URL(url.replace(/^ws/, 'http'));
    return u.origin === new URL(devServer).origin;
  } catch {
    return false;
  }
}

/**
 * Whether a request for `url` stays inside the app: a file of the built renderer, the dev server
 * while developing, the devtools, or inline `data:`/`blob:` content (which never reaches a network).
 */
export function isOwnUrl(url: string, origins: AppOrigins): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools://')) return true;
  if (sameOrigin(url, origins.devServer)) return true;
  return fileInside(url, origins.rendererRoot) !== null;
}

/** Whether `url` is the wizard page itself (`index.html`), the only page that may call the contract. */
export function isAppPage(url: string, origins: AppOrigins): boolean {
  if (origins.devServer && sameOrigin(url, origins.devServer)) {
    const p = new URL(url).pathname;
    return p === '/' || p === '/index.html';
  }
  return fileInside(url, origins.rendererRoot) === path.resolve(origins.rendererRoot, 'index.html');
}

/**
 * The sender check of every IPC call (VS Code's `validatedIpcMain`): the frame exists, is a
 * top-level frame (no iframe), and shows the wizard page.
 */
export function isTrustedSender(frame: WebFrameMain | null | undefined, origins: AppOrigins): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppPage(frame.url, origins);
}

/** Refuse every request outside the app's own files (SPEC §10: no network at run time). */
export function installOfflineGuard(ses: Session, origins: AppOrigins): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const own = isOwnUrl(details.url, origins);
    if (!own) console.warn(`modelwise: refused a request for ${details.url.slice(0, 200)}`);
    callback({ cancel: !own });
  });
  if (!origins.devServer) {
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
  }
}

/** No camera, microphone, notifications, geolocation, … for any page, ever. */
export function denyPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Every web contents: no navigation away from the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, origins: AppOrigins): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const refuse = (event: { preventDefault(): void }, url: string) => {
    if (!isOwnUrl(url, origins) || url.startsWith('data:') || url.startsWith('blob:')) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-redirect', (event, url) => refuse(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
