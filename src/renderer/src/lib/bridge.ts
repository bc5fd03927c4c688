/**
 * The renderer's one way out (DESIGN "Boundaries"): the only file that touches `window.modelwise`.
 * In the desktop app the preload exposes the contract there; anywhere else (`npm run web`, the
 * end-to-end tests) the web client speaks the same contract over HTTP and a WebSocket.
 *
 * Besides the contract, the wizard needs two things that differ per transport, gathered in
 * `Platform`: turning a user's `File` into a path the back end can import (the desktop app asks
 * the preload for the file's own path; the web transport uploads the bytes), and saving an export
 * (the desktop app already wrote it where the user chose; the web transport downloads it).
 */
import type { DesktopExtras, ModelwiseApi, Result } from '../../../shared/ipc/contract';
import { createWebClient, transportError, type WebClient } from './webClient';

declare global {
  interface Window {
    modelwise?: ModelwiseApi & Partial<DesktopExtras>;
  }
}

/** What the wizard needs from its surroundings; a fake one drives the wizard in tests. */
export interface Platform {
  api: ModelwiseApi;
  /** The Electron app (native dialogs, files by path) rather than a browser page. */
  isDesktop: boolean;
  /**
   * A path the back end can read for `file`: its own path in the desktop app, or the path the
   * upload stored it at. `onProgress` gets the uploaded fraction in [0, 1]; `signal` cancels.
   */
  fileToPath(file: File, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<Result<string>>;
  /** Starts the browser download of an export (web transport only). */
  download(url: string, fileName: string): void;
}

const desktop = typeof window !== 'undefined' ? window.modelwise : undefined;

/** Whether the renderer runs inside the desktop app. */
export const isDesktop = desktop !== undefined;

let web: WebClient | null = null;
function webClient(): WebClient {
  return (web ??= createWebClient());
}

/** The contract, over Electron IPC or the web transport. */
export const api: ModelwiseApi = desktop ?? webClient();

function download(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

async function fileToPath(
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Result<string>> {
  if (desktop) {
    try {
      const path = desktop.files?.pathForFile(file) ?? '';
      if (path) {
        onProgress(1);
        return { ok: true, value: path };
      }
      return { ok: false, error: transportError('no path for the dropped file') };
    } catch (err) {
      return { ok: false, error: transportError(err instanceof Error ? err.message : String(err)) };
    }
  }
  return webClient().upload(file, onProgress, signal);
}

export const platform: Platform = { api, isDesktop, fileToPath, download };
