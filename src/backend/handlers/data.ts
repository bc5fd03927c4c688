/** `data:*` — import (a path, or a bundled sample), preview, and the cleaning recipe with undo/redo. */
import type { Handlers } from './types';

type DataChannel =
  | 'data:import'
  | 'data:sample'
  | 'data:cancelImport'
  | 'data:preview'
  | 'data:clean'
  | 'data:setRecipe'
  | 'data:addSteps'
  | 'data:undo'
  | 'data:redo';

export const dataHandlers: Handlers<DataChannel> = {
  'data:import': async ({ path, options }, { workspace }) => workspace.importFile(path, options),
  'data:sample': async ({ sampleId }, { workspace }) => workspace.importSample(sampleId),
  'data:cancelImport': async (_request, { workspace }) => {
    workspace.cancelImport();
    return { ok: true as const };
  },
  'data:preview': async (request, { workspace }) => workspace.requireProject().call('session:preview', request),
  'data:clean': async (_request, { workspace }) => workspace.requireProject().call('session:clean', {}),
  'data:setRecipe': async (request, { workspace }) => workspace.requireProject().call('session:setRecipe', request),
  'data:addSteps': async (request, { workspace }) => workspace.requireProject().call('session:addSteps', request),
  'data:undo': async (_request, { workspace }) => workspace.requireProject().call('session:undo', {}),
  'data:redo': async (_request, { workspace }) => workspace.requireProject().call('session:redo', {}),
};
