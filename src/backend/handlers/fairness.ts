/** `fairness:*` — group metrics of the trained model for the chosen sensitive attributes, and bias mitigation. */
import { UserError } from '../../shared/errors';
import type { Handlers } from './types';

export const fairnessHandlers: Handlers<
  'fairness:assess' | 'fairness:mitigate' | 'fairness:cancelMitigation' | 'fairness:decideMitigation'
> = {
  'fairness:assess': async (request, { workspace }) => workspace.requireProject().call('session:fairness', request),
  'fairness:mitigate': async (request, { workspace }) => workspace.mitigation.run(workspace.requireProject(), request),
  'fairness:cancelMitigation': async (_request, { workspace }) => {
    workspace.mitigation.cancel();
    return { ok: true as const };
  },
  'fairness:decideMitigation': async (request, { workspace }) => {
    if (workspace.mitigation.busy) throw new UserError('BUSY', { what: 'mitigation' });
    return workspace.requireProject().call('session:decideMitigation', request);
  },
};
