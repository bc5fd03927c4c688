/** Group fairness (SPEC §7): assessment, groups, mitigation. */
export { aif360TwoGroup, assessFairness, FOUR_FIFTHS, type Aif360TwoGroup, type FairnessInput } from './assess';
export {
  assessMulticlassFairness,
  assessRegressionFairness,
  type MulticlassFairnessInput,
  type RegressionFairnessInput,
} from './tasks';
export { countRows, groupMetrics, weightedRocAuc, type FavourableOutcome } from './groupMetrics';
export {
  binNumeric,
  dataRepresentation,
  DEFAULT_AGE_EDGES,
  DEFAULT_SENSITIVE_SUGGESTIONS,
  intersectGroups,
  quartileEdges,
  suggestSensitiveAttributes,
  type GroupRepresentation,
} from './groups';
export {
  applyGroupThresholds,
  assertComparable,
  groupThresholds,
  reweighingWeights,
  validatedGroupThresholds,
  type GroupThresholdResult,
} from './mitigation';
