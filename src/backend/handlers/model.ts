/** `model:*` — the trained model as a package file, and scoring new data with it. */
import type { Handlers } from './types';

export const modelHandlers: Handlers<'model:export' | 'model:score' | 'model:cancelScore'> = {
  'model:export': async (request, { workspace }) => workspace.exportModel(request),
  'model:score': async (request, { workspace }) => workspace.scoreData(request),
  'model:cancelScore': async (_request, { workspace }) => {
    workspace.cancelScore();
    return { ok: true };
  },
};
