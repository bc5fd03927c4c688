/** Shared set-up of the back-end tests: TypeScript hosts run through tsx. */
import path from 'node:path';
import { createChildProcessForker } from '../../src/backend/hosts/forker';
import { repoRoot } from '../helpers/paths';

export const tsForker = createChildProcessForker({ execArgv: ['--import', 'tsx'] });
export const fixture = (name: string) => path.join(repoRoot, 'tests', 'backend', 'fixtures', name);

/** Resolve when `predicate` holds, polling every 20 ms (fails the test after `ms`). */
export async function until(predicate: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
