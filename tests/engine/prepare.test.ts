import { describe, expect, it } from 'vitest';
import type { Frame } from '../../src/engine/data/frame';
import { chooseFeatures, leakageColumns } from '../../src/engine/jobs/prepare';
import { getTemplate } from '../../src/engine/templates';
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
      leakage: ['is_recid'],
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

  it('uses a sensitive attribute as a feature where the template says so, and honours explicit inclusion', () => {
    const c = chooseFeatures(frame, {
      target: 'class',
      template: getTemplate('general'),
      privacy: null,
      sensitive: ['personal_status'],
      include: ['is_recid'],
      leakage: ['is_recid'],
    });
    expect(c.features).toEqual(['email', 'personal_status', 'amount', 'is_recid']);
  });

  it('reads leakage suspects from the profile warnings', () => {
    expect(
      leakageColumns({
        rowCount: 1,
        columns: [],
        duplicateRowCount: 0,
        warnings: [
          { code: 'target_leakage', column: 'is_recid', message: '', severity: 'warning' },
          { code: 'constant_column', column: 'x', message: '', severity: 'warning' },
        ],
      }),
    ).toEqual(['is_recid']);
  });
});
