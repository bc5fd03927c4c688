/** Native open/save dialogs for `dialog:openFile` and `dialog:saveFile`. */
import { app, dialog, type BrowserWindow, type FileFilter } from 'electron';
import path from 'node:path';
import type { Request } from '../shared/ipc/contract';

const DATA_FILTERS: FileFilter[] = [
  { name: 'Data (CSV, TSV, Excel, Parquet)', extensions: ['csv', 'tsv', 'txt', 'tab', 'xlsx', 'parquet'] },
  { name: 'All files', extensions: ['*'] },
];

const SAVE_FILTERS: Record<Request<'dialog:saveFile'>['format'], FileFilter> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  html: { name: 'HTML', extensions: ['html'] },
  json: { name: 'JSON', extensions: ['json'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  zip: { name: 'Model package (ZIP)', extensions: ['zip'] },
};

/** A data file to import, or a project folder (`NAME.modelwise`) to open; null when cancelled. */
export async function openFile(
  request: Request<'dialog:openFile'>,
  parent: BrowserWindow | null,
): Promise<string | null> {
  const options: Electron.OpenDialogOptions =
    request.purpose === 'project'
      ? { properties: ['openDirectory'], defaultPath: app.getPath('documents') }
      : { properties: ['openFile'], filters: DATA_FILTERS };
  const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

/** Where to save an export; null when cancelled. */
export async function saveFile(
  request: Request<'dialog:saveFile'>,
  parent: BrowserWindow | null,
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    defaultPath: path.join(app.getPath('documents'), request.defaultName),
    filters: [SAVE_FILTERS[request.format]],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}
