/** `template:*` — the bundled templates, and the target/sensitive-column suggestions for the open data. */
import { loadTemplates } from '../resources';
import type { Handlers } from './types';

export const templateHandlers: Handlers<'template:list' | 'template:suggest'> = {
  'template:list': async (_request, { config }) => loadTemplates(config.resourcesDir),
  'template:suggest': async (_request, { workspace }) => workspace.requireProject().call('session:suggest', {}),
};
