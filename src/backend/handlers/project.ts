/** `project:*` — create, open, update and close projects; the recent list. */
import { readRecent } from '../recent';
import type { Handlers } from './types';

export const projectHandlers: Handlers<
  'project:create' | 'project:open' | 'project:recent' | 'project:current' | 'project:update' | 'project:close'
> = {
  'project:create': async ({ name, dir }, { workspace }) => (await workspace.createProject(name, dir)).view,
  'project:open': async ({ path }, { workspace }) => (await workspace.openProject(path)).view,
  'project:recent': async (_request, { config }) => readRecent(config.userDataDir),
  'project:current': async (_request, { workspace }) => (workspace.project ? workspace.project.refresh() : null),
  'project:update': async (request, { workspace }) => workspace.requireProject().call('session:update', request),
  'project:close': async (_request, { workspace }) => {
    await workspace.closeProject();
    return { ok: true as const };
  },
};
