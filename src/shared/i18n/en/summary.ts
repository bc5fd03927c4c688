/** Plain-language summary sentences and model-card text of the report (built by the engine). */
export const summary = {
  'summary.data':
    '{rows} rows and {columns} columns were read from {file}{skippedNote}. After cleaning, {cleanRows} rows were used.',
  'summary.data.skipped': ' ({skipped} unreadable rows skipped)',
  'summary.task.binary': 'A neural network was trained to predict whether "{target}" is "{positive}" ({meaning}).',
  'summary.task.binaryPlain': 'A neural network was trained to predict whether "{target}" is "{positive}".',
  'summary.task.multiclass': 'A neural network was trained to predict "{target}", one of {classes} classes.',
  'summary.task.regression': 'A neural network was trained to predict the value of "{target}".',
  'summary.split.holdout':
    'It learned from {train} rows, chose when to stop on {validation} more, and was tested on {test} rows it never saw.',
  'summary.performance.binary':
    'On the test rows its ROC AUC is {auc}{interval}: it ranks a randomly chosen "{positive}" case above a randomly chosen other case {aucPct} of the time. A model that always predicts the most common class scores 0.5.',
  'summary.performance.multiclass':
    'On the test rows it is right {accuracy} of the time (macro-F1 {macroF1}); always predicting the most common class would be right {baseline} of the time.',
  'summary.performance.regression':
    'On the test rows its typical error (MAE) is {mae} and it explains {r2pct} of the variation (R²); always predicting the mean explains none.',
  'summary.interval': ' (95 % interval {low}–{high})',
  'summary.baseline.lift':
    'A simpler baseline, {baseline}, reaches {metric} {baselineValue} on the same test rows, so the neural network adds {lift}.',
  'summary.baseline.noLift':
    "A simpler baseline, {baseline}, does as well or better on the same test rows ({metric} {baselineValue} against the neural network's {model}); consider using it instead.",
  'summary.threshold':
    'Cases with a predicted probability of at least {threshold} are predicted "{positive}" ({policy}).',
  'summary.fairness.within':
    'Fairness by "{attribute}": the differences between groups are within the template\'s tolerance (demographic parity difference {dpd}, equalized odds difference {eod}).',
  'summary.fairness.outside':
    'Fairness by "{attribute}": the differences between groups exceed the template\'s tolerance (demographic parity difference {dpd}, equalized odds difference {eod}). Review the fairness section before using this model.',
  'summary.fairness.notComparable': 'Fairness by "{attribute}" could not be judged: {reason}.',
  'summary.fairness.notJudged':
    'Fairness by "{attribute}": the groups are compared in the fairness section but not judged against a tolerance: {reason}.',
  'summary.fairness.withinSelection':
    'Fairness by "{attribute}": the selection rates of "{label}" are within the template\'s tolerance (demographic parity difference {dpd}).',
  'summary.fairness.outsideSelection':
    'Fairness by "{attribute}": the selection rates of "{label}" differ by more than the template\'s tolerance (demographic parity difference {dpd}). Review the fairness section before using this model.',
  'summary.fairness.none': 'No sensitive attribute was chosen, so fairness was not assessed.',
  'summary.privacy.identifiers':
    "{count} columns hold direct identifiers ({columns}) and were left out of the model's features.",
  'summary.privacy.none': 'No direct identifiers (names, e-mail addresses, phone, ID or card numbers) were found.',
  'summary.privacy.quasi':
    'Quasi-identifiers such as {columns} could single people out in combination; see the privacy section.',
  'summary.training.cancelled': 'Training was cancelled after {epochs} epochs; the best model so far was kept.',
  'summary.training.stopped':
    'Training stopped after {epochs} epochs because the validation loss stopped improving; the weights of epoch {best} were kept.',
  'modelCard.intendedUse':
    'Decision support with the {template} template: ranking or flagging cases similar to the training data, with a person reviewing each decision.',
  'modelCard.outOfScope':
    "Fully automated decisions about people; populations, time periods or data sources unlike the training data; uses the data's owners did not consent to.",
  'modelCard.limitation.smallData':
    'The test split has only {n} rows, so the metrics are uncertain; see the 95 % intervals.',
  'modelCard.limitation.fewPositives':
    'The decision threshold was chosen on only {count} positive validation cases and may not hold on new data.',
  'modelCard.limitation.baseline': 'A simpler baseline model performs about as well.',
  'modelCard.limitation.imbalance': 'The positive class is rare ({rate} of rows); accuracy alone is misleading.',
  'modelCard.limitation.fairness': 'Group differences by "{attribute}" exceed the tolerance.',
  'modelCard.limitation.smallGroups':
    'Some groups of "{attribute}" are smaller than {min} rows and could not be judged.',
  'modelCard.limitation.proxy':
    'Excluding a sensitive attribute from the features does not stop the model from learning it through correlated columns.',
  'modelCard.limitation.generic': 'The model learned correlations in this data set, not causes.',
  'features.userExcluded': 'left out by you',
  'features.privacy.direct_identifier': 'direct identifier (personal data)',
  'features.privacy.quasi_identifier': 'quasi-identifier',
  'features.privacy.sensitive': 'sensitive attribute',
  'features.privacy.other': 'personal data',
  'features.identifier': 'an ID column: unique per row, nothing to learn',
  'features.sensitiveUserNotFeature':
    'chosen for the fairness check, so the template treats it as a protected basis and keeps it out of the model',
  'features.sensitiveNotFeature':
    'a protected attribute the template keeps out of the model (it can still be used to check fairness)',
  'summary.policy.fixed': "the template's fixed threshold",
  'summary.policy.fixedUser': 'a fixed threshold chosen in the training settings',
  'summary.policy.userSet':
    "This threshold policy and its value were chosen in the training settings instead of the template's.",
  'summary.policy.achieved.min_sensitivity':
    'It catches {valSensitivity} of the positive cases in the validation data (specificity {valSpecificity}) and {testSensitivity} on the test rows (specificity {testSpecificity}).',
  'summary.policy.achieved.approval_rate':
    'It approves {valRate} of the validation rows and {testRate} of the test rows ({approves, select, positive {approved: predicted "{positive}"} other {approved: predicted not "{positive}"}}).',
  'summary.policy.achieved.min_cost':
    'The expected cost of errors is {valCost} per case on the validation data and {testCost} on the test rows.',
  'summary.policy.min_sensitivity': 'chosen on validation data to catch at least {target} of the positive cases',
  'summary.policy.approval_rate': 'chosen on validation data for an approval rate of {target}',
  'summary.policy.min_cost':
    'chosen on validation data to minimise the expected cost of errors, a missed case costing {fnCost} and a false alarm {fpCost}',
  'features.leakage':
    'suspected target leakage: on its own it predicts the target almost perfectly, so it probably records the outcome',
  'summary.leakage':
    '{count} columns were left out because each predicts the target almost perfectly on its own, so they probably record the outcome ({columns}). Include them only if they are known before the prediction is made.',
  'summary.tooGood':
    'A ROC AUC of {auc} is rare on real data: check that no column records the outcome itself before trusting this model.',
  'modelCard.limitation.tooGood':
    'The test score is almost perfect, which usually means some column gives the answer away (target leakage).',
  'features.constant': 'the same value in every row: nothing to learn from',
  'features.empty': 'no values at all',
  'summary.dataWithTest':
    '{rows} rows and {columns} columns were read from {file}{skippedNote}, and {testRows} rows from the separate test file {testFile}. After cleaning, {cleanRows} rows were used.',
  'summary.baseline.same':
    'A simpler baseline, {baseline}, reaches about the same {metric} ({baselineValue}) on the same test rows; the neural network adds little ({lift}).',
  'summary.tooGood.reliesOn':
    'The model relies most on {columns}: if any of them is only known after the outcome, leave it out (Clean → Drop a column) and train again.',
  'summary.tooGood.suspects': 'Check these columns first: each alone predicts the target unusually well ({columns}).',
  'summary.policy.missed':
    'On the test rows the model catches {achieved} of the positive cases, below the {target} the threshold was chosen for on validation data: the validation set is small or differs from the test rows.',
  'summary.smallTest.rows':
    '{n, plural, one {Only # test row} other {Only # test rows}}: these numbers are not reliable, and they cannot tell this model from a simpler one. Collect more data (at least {min} test rows) before relying on them.',
  'summary.smallTest.class':
    'Only {count} of the {n} test rows are "{label}": these numbers are not reliable, and they cannot tell this model from a simpler one. Collect more data (at least {min} of each class in the test rows) before relying on them.',
  'summary.policy.fewPositives':
    'The threshold rests on only {count, plural, one {# positive case} other {# positive cases}} in the validation data (fewer than {min}), so it may not hold on new data: another split of the same data could move it a lot. Collect more positive cases before relying on it.',
  'summary.importance.top':
    'Shuffling "{column}" lowers the {metric} by {drop} on the test rows: the model relies on it most.',
  'summary.importance.none':
    'Shuffling any one column does not lower the {metric} on the test rows: no single column helps the model on its own.',
} as const;
