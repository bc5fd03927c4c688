/** `privacy:*` — the personal-data scan of the open data. */
import type { Handlers } from './types';

export const privacyHandlers: Handlers<'privacy:scan'> = {
  'privacy:scan': async (_request, { workspace }) => workspace.requireProject().call('session:privacy', {}),
};
