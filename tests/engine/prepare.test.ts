import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { chooseFeatures, profileExclusions } from '../../src/engine/jobs/prepare';
import { getTemplate } from '../../src/engine/templates';
import type { DatasetProfile } from '../../src/shared/model/data';
import type { PrivacyScan } from '../../src/shared/model/privacy';

const frame: Frame = {
  rowCount: 2,
  columns: [
    { name: 'customer_id', type: 'identifier', values: ['a', 'b'] },
    { name: 'email', type: 'text', values: ['x@y.org', 'z@y.org'] },
    { name: 'personal_status', type: 'categorical', values: ['male single', 'female div/dep/mar'] },
    { name: 'amount', type: 'float', values: [1, 2] },
    { name: 'is_recid', type: 'integer', values: [0, 1] },
    { name: 'class', type: 'categorical', values: ['good', 'bad'] },
  ],
};
const leakProfile: DatasetProfile = {
  rowCount: 2,
  columns: [],
  duplicateRowCount: 0,
  warnings: [{ code: 'target_leakage', column: 'is_recid', message: '', severity: 'warning' }],
};
const privacy: PrivacyScan = {
  rowsScanned: 2,
  columns: [
    {
      column: 'email',
      class: 'direct_identifier',
      entities: [],
      action: 'drop',
      excludedFromFeatures: true,
      reason: 'privacy.reason.email',
      invalid: [],
    },
  ],
};

describe('feature choice', () => {
  it('leaves out identifiers, direct identifiers, protected attributes and leaking columns, each with its reason', () => {
    const c = chooseFeatures(frame, {
      target: 'class',
      template: getTemplate('finance'),
      privacy,
      sensitive: ['personal_status'],
      profile: leakProfile,
    });
    expect(c.features).toEqual(['amount']);
    expect(Object.fromEntries(c.excluded.map((e) => [e.column, e.reason]))).toEqual({
      email: 'features.privacy.direct_identifier',
      customer_id: 'features.identifier',
      personal_status: 'features.sensitiveNotFeature',
      is_recid: 'features.leakage',
    });
    expect(c.sensitive).toEqual([{ column: 'personal_status', usedAsFeature: false, bins: null }]);
  });

  it('says why an attribute the user adds for fairness is left out under finance, and keeps it under general', () => {
    const finance = chooseFeatures(frame, {
      target: 'class',
      template: getTemplate('finance'),
      privacy: null,
      sensitive: ['amount'],
      profile: null,
    });
    expect(finance.excluded).toContainEqual({ column: 'amount', reason: 'features.sensitiveUserNotFeature' });
    const general = chooseFeatures(frame, {
      target: 'class',
      template: getTemplate('general'),
      privacy: null,
      sensitive: ['amount'],
      profile: null,
    });
    expect(general.features).toContain('amount');
  });

  it('uses a sensitive attribute as a feature where the template says so, and honours explicit inclusion', () => {
    const c = chooseFeatures(frame, {
      target: 'class',
      template: getTemplate('general'),
      privacy: null,
      sensitive: ['personal_status'],
      include: ['is_recid'],
      profile: leakProfile,
    });
    expect(c.features).toEqual(['email', 'personal_status', 'amount', 'is_recid']);
  });

  it('reads leaking, constant and empty columns from the profile warnings', () => {
    expect(
      profileExclusions({
        rowCount: 1,
        columns: [],
        duplicateRowCount: 0,
        warnings: [
          { code: 'target_leakage', column: 'is_recid', message: '', severity: 'warning' },
          { code: 'constant_column', column: 'x', message: '', severity: 'warning' },
          { code: 'empty_column', column: 'y', message: '', severity: 'warning' },
          { code: 'high_cardinality', column: 'z', message: '', severity: 'warning' },
        ],
      }),
    ).toEqual([
      { column: 'is_recid', reason: 'features.leakage' },
      { column: 'x', reason: 'features.constant' },
      { column: 'y', reason: 'features.empty' },
    ]);
  });
});
