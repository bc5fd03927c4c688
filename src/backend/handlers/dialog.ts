/** `dialog:*` — native file dialogs, which only the desktop shell has; the web transport says so. */
import type { Handlers } from './types';

export const dialogHandlers: Handlers<'dialog:openFile' | 'dialog:saveFile'> = {
  'dialog:openFile': async (request, { config }) => {
    if (!config.desktop) return { path: null, supported: false };
    return { path: await config.desktop.openFile(request), supported: true };
  },
  'dialog:saveFile': async (request, { config }) => {
    if (!config.desktop) return { path: null, supported: false };
    return { path: await config.desktop.saveFile(request), supported: true };
  },
};
