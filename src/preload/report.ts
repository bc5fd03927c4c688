/**
 * Preload of the hidden print window (`main/pdf.ts`): fetches the report data from main before
 * any page script runs and hands it to `report.html` as `window.__MODELWISE_REPORT__`.
 */
import { contextBridge, ipcRenderer } from 'electron';

const PRINT_MODEL_CHANNEL = 'modelwise:print-model';
const model: unknown = ipcRenderer.sendSync(PRINT_MODEL_CHANNEL);
if (model !== null && model !== undefined) contextBridge.exposeInMainWorld('__MODELWISE_REPORT__', model);
