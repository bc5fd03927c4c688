/** `fairness:*` — group metrics of the trained model for the chosen sensitive attributes. */
import type { Handlers } from './types';

export const fairnessHandlers: Handlers<'fairness:assess'> = {
  'fairness:assess': async (request, { workspace }) => workspace.requireProject().call('session:fairness', request),
};
