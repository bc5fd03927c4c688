/** `train:*` — start a run in its own host (answers at once; events follow) and cancel it. */
import type { Handlers } from './types';

export const trainHandlers: Handlers<'train:start' | 'train:cancel'> = {
  'train:start': async ({ settings }, { workspace }) => ({
    runId: workspace.training.start(workspace.requireProject(), settings),
  }),
  'train:cancel': async ({ runId }, { workspace }) => {
    workspace.training.cancel(runId);
    return { ok: true as const };
  },
};
