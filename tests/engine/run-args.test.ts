// The run job's sensitive attributes: a repeated name counts once (it used to break the report's
// keyed lists), and the target cannot be its own sensitive attribute.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/shared/errors';
import { RunJobSchema } from '../../src/shared/jobs';
import { runJob } from '../../src/engine/jobs/run';
import { dataset } from '../helpers/paths';

describe('run job: sensitive attributes', () => {
  it('counts a repeated sensitive attribute once', () => {
    const job = RunJobSchema.parse({ type: 'run', file: 'x.csv', target: 'class', sensitive: ['age', 'age', 'sex'] });
    expect(job.sensitive).toEqual(['age', 'sex']);
  });

  it('refuses the target as a sensitive attribute, naming it', async () => {
    const err = await runJob({
      type: 'run',
      file: dataset('pima_diabetes.csv'),
      target: 'diabetes',
      sensitive: ['diabetes'],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('SETTING_INVALID');
    expect(JSON.stringify((err as UserError).params)).toContain('diabetes');
  });
});

describe('run job: threshold policy', () => {
  it('is refused for a target with more than two classes, before training, saying why', async () => {
    const err = await runJob({
      type: 'run',
      file: dataset('heart_cleveland.data'),
      importOptions: { header: false, onBadRow: 'skip' },
      target: 'column14',
      settings: { thresholdPolicy: { policy: 'fixed', value: 0.3 } },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('SETTING_INVALID');
    expect(String((err as UserError).params.reason)).toContain('multiclass target');
  });
});
