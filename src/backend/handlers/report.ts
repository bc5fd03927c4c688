/** `report:*` — the report as data, and its export (PDF, HTML, JSON). */
import type { Handlers } from './types';

export const reportHandlers: Handlers<'report:model' | 'report:export'> = {
  'report:model': async ({ locale }, { workspace }) =>
    workspace.requireProject().call('session:reportModel', locale ? { locale } : {}),
  'report:export': async (request, { workspace }) => workspace.exportReport(request),
};
