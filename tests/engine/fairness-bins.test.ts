// Numeric fairness attributes are binned by what they are: age bands for an age, the column's
// own quartiles otherwise (QA: a loan's duration in months came out as "<25 / 25–44 / 45–64").
import { describe, expect, it } from 'vitest';
import { quartileEdges } from '../../src/engine/fairness';
import { attributeGroups } from '../../src/engine/jobs/fairness';
import type { Frame } from '../../src/engine/data/frame';

describe('quartile edges', () => {
  it('are numpy percentiles 25/50/75 (linear), rounded for whole numbers, each once, none at the minimum', () => {
    // numpy.percentile([1..8], [25, 50, 75]) = 2.75, 4.5, 6.25.
    expect(quartileEdges([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([3, 5, 6]);
    // Decimals keep three significant digits: numpy gives 0.2975, 0.505, 0.7125.
    expect(quartileEdges([0.05, 0.31, 0.26, 0.75, 0.99, 0.5, null, 0.51, 0.7])).toEqual([0.297, 0.505, 0.712]);
    expect(quartileEdges([4, 4, 4, 4])).toEqual([]);
    expect(quartileEdges([null, null])).toEqual([]);
  });
});

describe('numeric attribute groups', () => {
  const months = Array.from({ length: 40 }, (_, i) => 6 + i * 1.5).map(Math.round);
  const frame: Frame = {
    rowCount: 40,
    columns: [
      { name: 'duration', type: 'integer', values: months },
      { name: 'age', type: 'integer', values: months.map((m) => m + 10) },
    ],
  };
  const rows = Array.from({ length: 40 }, (_, i) => i);

  it('bin a duration at its quartiles and an age at the age bands', () => {
    const d = attributeGroups({ column: 'duration', usedAsFeature: true, bins: null }, frame, rows);
    expect(d.bins).toEqual(quartileEdges(months));
    expect(d.bins).not.toEqual([25, 45, 65]);
    const a = attributeGroups({ column: 'age', usedAsFeature: true, bins: null }, frame, rows);
    expect(a.bins).toEqual([25, 45, 65]);
  });
});
