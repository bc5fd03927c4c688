/** Personal data (SPEC §8): the column scan, validators, risk metrics and pseudonymization. */
export { headerHint, isAgeHeader, normalizeHeader, type HeaderHint } from './headers';
export { MIN_KEY_BYTES, newPseudonymKey, pseudonymize } from './pseudonymize';
export {
  distinctLDiversity,
  equivalenceClasses,
  kAnonymity,
  prosecutorRisk,
  recordsBelowK,
  tCloseness,
  type EquivalenceClass,
  type ProsecutorRisk,
} from './risk';
export { DEFAULT_MAX_ROWS, maskValue, scanPrivacy } from './scan';
export { findEntitiesInText, type TextSpan } from './text';
export {
  cardDigits,
  cardShaped,
  dateValid,
  emailValid,
  ibanValid,
  ipVersion,
  luhnValid,
  phoneValid,
  postalCodeValid,
  prcIdCheck,
  ssnValid,
  uuidValid,
} from './validators';
export {
  assessPrivacy,
  columnAfterRecipe,
  defaultQuasiIdentifiers,
  isHealthTemplate,
  kThreshold,
  riskOfTable,
  type AssessInput,
  type RiskOptions,
} from './assess';
export { CHECKLIST, privacyChecklist, type ChecklistCheck, type ChecklistFacts, type ChecklistRule } from './checklist';
