/** What a transport gives the back end when it creates it, and who is calling. */
import type { Request } from '../shared/ipc/contract';
import type { ReportModel } from '../shared/model/report';
import type { Forker } from './hosts/forker';

/** Native services only the desktop shell has; the web transport has none. */
export interface DesktopHooks {
  /** The file the user picked, or null when they cancelled. */
  openFile(request: Request<'dialog:openFile'>): Promise<string | null>;
  /** Where the user chose to save, or null when they cancelled. */
  saveFile(request: Request<'dialog:saveFile'>): Promise<string | null>;
  /** Print `report` to a PDF at `path` (Electron's `printToPDF` of `report.html`). */
  printPdf(report: ReportModel, path: string): Promise<void>;
}

export interface BackendConfig {
  /** Where new projects go unless `project:create` names a folder. */
  projectsDir: string;
  /** The app's `resources/` (templates, samples). */
  resourcesDir: string;
  /** Starts engine hosts (`child_process.fork` or Electron's `utilityProcess`). */
  forker: Forker;
  /** Entry module of the engine hosts: `out/node/engine.host.js`. */
  hostModule: string;
  /** Extra environment of the engine hosts (e.g. `MODELWISE_APP_ROOT`). */
  hostEnv?: Record<string, string | undefined>;
  transport: 'electron' | 'web';
  /** Per-user folder holding `recent.json`. */
  userDataDir: string;
  /** Chromium the engine prints PDFs with (`MODELWISE_CHROMIUM` of the hosts). */
  chromium?: string;
  /** Shown by `app:info`; the package.json version by default. */
  version?: string;
  /** Milliseconds a cancelled host gets to answer before it is killed (default 5000). */
  cancelTimeoutMs?: number;
  /** Check every response and event against the contract (default: unless NODE_ENV is `production`). */
  validateResponses?: boolean;
  /** Dialogs and PDF printing of the desktop shell. */
  desktop?: DesktopHooks;
}

/** Who made a call, as the transport established it (the check itself is the transport's job). */
export interface Caller {
  transport: 'electron' | 'web';
  /** Sender frame URL (Electron) or remote address (web), for logs. */
  origin: string;
}
