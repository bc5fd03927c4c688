/** Log lines of the augmentation steps (`src/engine/train/augment.ts`, `features.ts`), shown in the report. */
export const augment = {
  'augment.cross.product': 'cross: added feature "{name}", the product of {a} and {b}',
  'augment.cross.ratio': 'cross: added feature "{name}", {a} divided by {b} (missing where {b} is 0 or missing)',
  'augment.datePart': 'date_parts: "{column}" enters the model as {names}',
  'augment.classWeights': 'class_weights: balanced class weights n / (K · n_c) on the training rows: {weights}',
  'augment.oversample': 'oversample: +{added} copies of class "{label}" ({before} → {after} training rows)',
  'augment.smote': 'smote: +{added} synthetic rows of class "{label}" (k = {k})',
  'augment.smote.tooFew': 'smote: class "{label}" skipped, it has {count} training row(s) and needs at least 2',
  'augment.balanced': '{op}: no rows added, every class already has at least {ratio} × the rows of the largest class',
  'augment.noise':
    'gaussian_noise: +{added} noisy copies of training rows ({copies} per row, sigma = {sigma} standard deviations on {columns} numeric features)',
  'augment.noise.noNumeric': 'gaussian_noise: skipped, the model has no numeric features',
  'augment.notClassification': '{op}: skipped, a regression target has no classes to rebalance',
} as const;
