/**
 * `report:export` as PDF in the desktop app: Chromium's print of `report.html` (DESIGN "Reports")
 * in a hidden, sandboxed window — the same page and components the CLI prints with playwright-core.
 * The report data reaches the page through a tiny preload that asks for it synchronously before
 * any page script runs (`window.__MODELWISE_REPORT__`), so the page loads nothing but its own files.
 */
import { BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../shared/errors';
import type { ReportModel } from '../shared/model/report';
import { isOwnUrl, type AppOrigins } from './security';
import { securePreferences } from './window';

/** Internal channel between the print preload and main; not part of the contract. */
export const PRINT_MODEL_CHANNEL = 'modelwise:print-model';

export interface PdfPrinterOptions {
  origins: AppOrigins;
  /** Built print preload (`out/preload/report.cjs`). */
  preload: string;
  /** Longest wait for the page to finish drawing, in milliseconds (default 60 000). */
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A printer for the back end's `DesktopHooks.printPdf`: report → PDF file (written atomically).
 * @throws UserError PDF_FAILED when the page reports an error, does not finish in time, or printing fails.
 */
export function createPdfPrinter(options: PdfPrinterOptions): (report: ReportModel, file: string) => Promise<void> {
  const models = new Map<number, ReportModel>();
  const reportPage = path.join(options.origins.rendererRoot, 'report.html');
  ipcMain.on(PRINT_MODEL_CHANNEL, (event: IpcMainEvent) => {
    // Only the print windows we opened, showing our report page, get data.
    const url = event.senderFrame?.url ?? '';
    event.returnValue =
      models.has(event.sender.id) && isOwnUrl(url, options.origins) ? models.get(event.sender.id) : null;
  });

  return async (report, file) => {
    const win = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      webPreferences: securePreferences(options.preload),
    });
    models.set(win.webContents.id, report);
    try {
      await win.loadFile(reportPage);
      const deadline = Date.now() + (options.timeoutMs ?? 60_000);
      for (;;) {
        const ready = String(await win.webContents.executeJavaScript('document.documentElement.dataset.ready ?? ""'));
        if (ready === 'true') break;
        if (ready === 'error')
          throw new UserError('PDF_FAILED', { reason: 'the report page could not draw this report' });
        if (Date.now() > deadline)
          throw new UserError('PDF_FAILED', { reason: 'the report page did not finish drawing in time' });
        await sleep(100);
      }
      const pdf = await win.webContents.printToPDF({
        pageSize: report.paper ?? 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        generateTaggedPDF: true,
      });
      await writeFileAtomic(file, pdf);
    } catch (err) {
      if (err instanceof UserError) throw err;
      throw new UserError('PDF_FAILED', { reason: err instanceof Error ? err.message : String(err) });
    } finally {
      models.delete(win.webContents.id);
      win.destroy();
    }
  };
}
