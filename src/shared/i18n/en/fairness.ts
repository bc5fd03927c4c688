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
} as const;
