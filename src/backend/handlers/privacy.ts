/** `privacy:*` — the personal-data scan of the open data and its re-identification risk. */
import type { Handlers } from './types';

export const privacyHandlers: Handlers<'privacy:scan' | 'privacy:assess'> = {
  'privacy:scan': async (_request, { workspace }) => workspace.requireProject().call('session:privacy', {}),
  'privacy:assess': async (request, { workspace }) => workspace.requireProject().call('session:privacyAssess', request),
};
