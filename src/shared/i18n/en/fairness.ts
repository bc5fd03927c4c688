/** Messages of the fairness analysis (`src/engine/fairness`). */
export const fairness = {
  'fairness.oneGroup':
    '"{attribute}" has only one group in the test data, so there is no other group to compare it with',
  'fairness.noGroups': '"{attribute}" has no values in the test data',
  'fairness.tooFewLargeGroups': 'fewer than two groups of "{attribute}" are large enough to be judged',
  'fairness.mitigation.oneGroup':
    'Mitigation is not possible: "{attribute}" has only one group ({group}, {n} rows), so there is no difference between groups to reduce.',
  'fairness.excluded.small': 'too few rows to judge',
  'fairness.excluded.tpr.no_positives': 'no positives, so no true positive rate',
  'fairness.excluded.tpr.empty': 'no rows',
  'fairness.excluded.fpr.no_negatives': 'no negatives, so no false positive rate',
  'fairness.excluded.fpr.empty': 'no rows',
  'fairness.notJudged.regression':
    "the template's tolerances are for rates of a favourable outcome, and a numeric target has none; the differences in mean prediction and error are for you to judge",
  'fairness.notJudged.noFavourableClass':
    "no class is marked favourable for the person, so the template's tolerances do not apply; choose a favourable class in the Fairness step to judge its selection rates",
  'fairness.favourableClassUnknown':
    'The favourable class "{value}" is not a class of the model ({classes}). Choose one of them in the Fairness step.',
  // Bias mitigation (SPEC §7): refusals, progress, the comparison in the report and the wizard.
  'fairness.mitigation.binaryOnly':
    'Mitigation for "{attribute}" is not possible with this model: per-group thresholds and reweighing change the rate of one favourable outcome, so they are for models with two classes.',
  'fairness.mitigation.notComparable': 'Mitigation is not possible for "{attribute}": {reason}.',
  'fairness.mitigation.noValidation':
    'Per-group thresholds for "{attribute}" are chosen on the validation split, and this model was trained before its validation predictions were kept. Train the model again, then mitigate.',
  'fairness.mitigation.alreadyApplied':
    'The model in use is already mitigated. Train the model again to mitigate "{attribute}" from an unmitigated model.',
  'wizard.stage.thresholds': 'Choosing per-group thresholds',
  'wizard.stage.compare': 'Comparing the models',
  'wizard.busy.mitigating': 'Mitigating …',
  'wizard.busy.deciding': 'Saving your choice …',
  'summary.fairness.mitigation.proposed':
    'Mitigation by {method} on {attribute} was tried and not chosen yet: demographic parity difference {dpdBefore} → {dpdAfter}, accuracy {accBefore} → {accAfter}.',
  'summary.fairness.mitigation.applied':
    'Mitigation by {method} on {attribute} is applied: demographic parity difference {dpdBefore} → {dpdAfter}, accuracy {accBefore} → {accAfter}.',
  'summary.fairness.mitigation.declined':
    'Mitigation by {method} on {attribute} was tried and the original model kept: demographic parity difference {dpdBefore} → {dpdAfter}, accuracy {accBefore} → {accAfter}.',
  'report.fairness.intersection': 'Intersection of {a} and {b}: each group is one combination of their values.',
  'report.fairness.mitigation.method.group_thresholds': 'per-group thresholds',
  'report.fairness.mitigation.method.reweighing': 'reweighing',
  'report.fairness.mitigation.constraint.demographic_parity': 'equal selection rates (demographic parity)',
  'report.fairness.mitigation.constraint.equal_opportunity': 'equal true positive rates (equal opportunity)',
  'report.fairness.mitigation.heading': 'Mitigation: {method} on {attribute}',
  'report.fairness.mitigation.status.proposed': 'Not applied yet: the original model is in use until you choose.',
  'report.fairness.mitigation.status.applied': 'Applied: the mitigated model is the model in use.',
  'report.fairness.mitigation.status.declined': 'Not applied: the original model was kept.',
  'report.fairness.mitigation.about.group_thresholds':
    'Post-processing, no retraining: each group gets its own threshold on the predicted probability, chosen on the validation split to reach {constraint}, then applied to the test split. Groups too small in the validation split keep the model’s threshold. Like Fairlearn’s ThresholdOptimizer (Hardt, Price & Srebro 2016), it needs the sensitive attribute when the model is used.',
  'report.fairness.mitigation.about.reweighing':
    'Pre-processing: the model was trained again with the same settings and seed, each training row weighted so that every group has the same share of each outcome (Kamiran & Calders 2012, as AIF360’s Reweighing). The sensitive attribute is not needed when the model is used.',
  'report.fairness.mitigation.overallTitle': 'Whole test split',
  'report.fairness.mitigation.before': 'Before',
  'report.fairness.mitigation.after': 'After',
  'report.fairness.mitigation.change': 'Change',
  'report.fairness.mitigation.accuracy': 'Accuracy',
  'report.fairness.mitigation.balancedAccuracy': 'Balanced accuracy',
  'report.fairness.mitigation.rocAuc': 'ROC AUC',
  'report.fairness.mitigation.selectionRate': 'Share predicted “{label}”',
  'report.fairness.mitigation.cost': 'Cost: {points} percentage points of accuracy.',
  'report.fairness.mitigation.gain': 'No cost: accuracy rose by {points} percentage points.',
  'report.fairness.mitigation.noCost': 'No cost in accuracy.',
  'report.fairness.mitigation.costUnknown': 'The cost in accuracy is unknown.',
  'report.fairness.mitigation.rocAucSame': 'Thresholds move no score, so the ROC AUC is unchanged.',
  'report.fairness.mitigation.groupsTitle': 'Per group on the test split (rates of “{label}”)',
  'report.fairness.mitigation.threshold': 'Threshold',
  'report.fairness.mitigation.notAdjusted': 'model’s',
  'report.fairness.mitigation.summaryTitle': 'Differences between groups, before and after',
  'report.fairness.mitigation.summaryNote':
    'Differences are max − min over the groups large enough to judge; smaller is fairer. The test split is the same before and after.',
  'report.fairness.mitigation.notice':
    'Bias mitigation is applied: {method} on {attribute}. Test accuracy {accBefore} → {accAfter}; demographic parity difference {dpdBefore} → {dpdAfter}.',
  'report.fairness.mitigation.noticeMetrics.group_thresholds':
    'The metrics below are the network’s at its single threshold; its decisions use the per-group thresholds (see Fairness).',
  'report.fairness.mitigation.noticeMetrics.reweighing': 'The metrics below are the retrained model’s.',
  'wizard.fairness.intersections.title': 'Intersections',
  'wizard.fairness.intersections.intro':
    'Compare the combinations of two attributes, e.g. sex × age group: a model can treat older women differently from both women and older people.',
  'wizard.fairness.intersections.first': 'First attribute',
  'wizard.fairness.intersections.second': 'Second attribute',
  'wizard.fairness.intersections.add': 'Add intersection',
  'wizard.fairness.intersections.remove': 'Remove',
  'wizard.fairness.mitigation.title': 'Reduce the differences',
  'wizard.fairness.mitigation.intro':
    'Try a mitigation and compare the model before and after, with its cost in accuracy. Nothing changes until you choose the mitigated model.',
  'wizard.fairness.mitigation.attribute': 'Attribute',
  'wizard.fairness.mitigation.method': 'Method',
  'wizard.fairness.mitigation.constraint': 'Equalize',
  'wizard.fairness.mitigation.run': 'Try mitigation',
  'wizard.fairness.mitigation.cancel': 'Cancel',
  'wizard.fairness.mitigation.use': 'Use the mitigated model',
  'wizard.fairness.mitigation.keep': 'Keep the original model',
  'wizard.fairness.mitigation.decideNote':
    'Using the mitigated model changes the results, the fairness assessment and the report. Reweighing also replaces the exported model; per-group thresholds are not part of the exported model, which scores at its single threshold.',
  'wizard.fairness.mitigation.alreadyApplied':
    'The model in use is mitigated ({method} on {attribute}). Train again to start from an unmitigated model.',
  'wizard.fairness.mitigation.about.group_thresholds':
    'Per-group thresholds: no retraining; each group’s threshold is chosen on the validation split and checked on the test split. Quick.',
  'wizard.fairness.mitigation.about.reweighing':
    'Reweighing: the model is trained again with weights that balance each group’s outcomes. Takes as long as training.',
  // Whether a mitigation helped on the test split (src/shared/mitigation.ts), and its consequences.
  'report.fairness.mitigation.effect.title.not_helped': 'Did not help on the test rows',
  'report.fairness.mitigation.effect.title.tradeoff': 'Helped, with a trade-off',
  'report.fairness.mitigation.effect.title.helped': 'Helped on the test rows',
  'report.fairness.mitigation.effect.not_helped.group_thresholds':
    'This mitigation did not help on the test rows: {metric} {before} → {after}{others}. The thresholds chosen on {n} validation rows did not carry over to the test rows.',
  'report.fairness.mitigation.effect.not_helped.reweighing':
    'This mitigation did not help on the test rows: {metric} {before} → {after}{others}. The retrained model does not reduce the difference.',
  'report.fairness.mitigation.effect.tradeoff':
    '{metric} fell on the test rows ({before} → {after}), but {others} rose: a trade-off to weigh before using it.',
  'report.fairness.mitigation.effect.helped': '{metric} fell on the test rows: {before} → {after}.',
  'report.fairness.mitigation.effect.worse': '{metric} {before} → {after}',
  'report.fairness.mitigation.effect.alsoWorse': '; also worse: {list}',
  'report.fairness.mitigation.effect.keepAdvice': 'Keeping the current model is recommended.',
  'report.fairness.mitigation.rule.predicted_positive':
    'A row gets “{label}” when its probability of “{label}” is at least its group’s threshold (the model’s own threshold is {base}).',
  'report.fairness.mitigation.rule.predicted_negative':
    'A row gets “{label}” when its probability of “{other}” is below its group’s threshold (the model’s own threshold is {base}).',
  'report.fairness.mitigation.moved':
    'Thresholds moved to bring the group’s rate of “{label}” towards the validation split’s overall rate, {target}: {groups}.',
  'report.fairness.mitigation.movedNone':
    'No group’s threshold moved from the model’s, so the decisions did not change.',
  'report.fairness.mitigation.keptClosest': 'Kept the model’s threshold, already the closest to that rate: {groups}.',
  'report.fairness.mitigation.keptSmall':
    'Kept the model’s threshold, with fewer than {min} validation rows: {groups}.',
  'report.fairness.mitigation.thresholdItem': '{group} {threshold}',
  'report.fairness.mitigation.otherClass': 'the other class',
  'report.fairness.verdict.outside_tolerance_mitigated':
    'Outside tolerance even with the mitigation in use ({method} on {attribute}): the differences between groups still exceed the template’s limits. Review them before the model is used; another mitigation needs the model trained again.',
  'summary.fairness.mitigation.effect.not_helped': 'It did not help on the test rows: {metric} {before} → {after}.',
  'summary.fairness.mitigation.effect.tradeoff':
    'On the test rows it reduced one difference ({metric} {before} → {after}), but another rose ({others}).',
  'summary.fairness.mitigation.effect.helped': 'It helped on the test rows: {metric} {before} → {after}.',
  'summary.threshold.perGroup':
    'The model’s decisions use per-group thresholds on {attribute} (bias mitigation): a row is predicted “{positive}” when its probability is at least its group’s threshold — {thresholds}. The single threshold above is not the one in use.',
  'modelCard.limitation.groupThresholds':
    'The model’s decisions use the sensitive attribute {columns} at scoring time (per-group thresholds): it must be known for every person scored, and deciding by a protected attribute may be unlawful (e.g. ECOA, Regulation B).',
  'privacy.check.protected_not_features.decisions':
    'The model’s decisions use {columns} at scoring time: per-group thresholds (bias mitigation) set a different threshold by {columns}, so the attribute is a basis of the decision even though it is not a feature.',
  'report.fairness.mitigation.noticeThresholds': 'Thresholds in use: {thresholds}.',
  'wizard.fairness.mitigation.useAnyway': 'Use anyway',
  'wizard.fairness.mitigation.keepCurrent': 'Keep the current model',
  'wizard.fairness.mitigation.notComparableOption': '{attribute} (groups cannot be compared)',
  'wizard.fairness.mitigation.notOffered': 'Not offered for {attribute}: {reason}.',
  'wizard.fairness.mitigation.noneComparable':
    'No assessed attribute has groups that can be compared, so there is nothing to mitigate.',
  'wizard.export.model.groupThresholdsNote':
    'The model in use decides with per-group thresholds on {attribute} (bias mitigation): {thresholds}. The model package and “Score new data” score at the single threshold {base} and do not apply them: apply each group’s threshold to the probability column yourself.',
} as const;
