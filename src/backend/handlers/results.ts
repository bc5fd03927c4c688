/** `results:*` — the trained model's evaluation, and binary metrics at another threshold. */
import { UserError } from '../../shared/errors';
import type { Handlers } from './types';

export const resultsHandlers: Handlers<'results:get' | 'results:atThreshold'> = {
  'results:get': async (_request, { workspace }) => {
    const view = await workspace.requireProject().refresh();
    if (!view.project.model) throw new UserError('NO_MODEL');
    return view;
  },
  'results:atThreshold': async (request, { workspace }) =>
    workspace.requireProject().call('session:atThreshold', request),
};
