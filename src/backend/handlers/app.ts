/** `app:*` — what this installation is and offers. */
import { loadSamples } from '../resources';
import type { Handlers } from './types';

export const appHandlers: Handlers<'app:info'> = {
  'app:info': async (_request, { config, version }) => ({
    version,
    transport: config.transport,
    platform: process.platform,
    samples: loadSamples(config.resourcesDir),
    projectsDir: config.projectsDir,
  }),
};
