/** 公平性分析的消息（`src/engine/fairness`）。 */
export const fairness: Record<string, string> = {
  'fairness.oneGroup': '“{attribute}”在测试数据中只有一个群组，没有可与之比较的其他群组',
  'fairness.noGroups': '“{attribute}”在测试数据中没有任何取值',
  'fairness.tooFewLargeGroups': '“{attribute}”中样本量足以评判的群组少于两个',
  'fairness.mitigation.oneGroup':
    '无法进行偏差缓解：“{attribute}”只有一个群组（{group}，{n} 行），不存在需要缩小的群组差异。',
  'fairness.excluded.small': '行数太少，不予评判',
  'fairness.excluded.tpr.no_positives': '没有正例，无法计算真正例率',
  'fairness.excluded.tpr.empty': '没有数据行',
  'fairness.excluded.fpr.no_negatives': '没有负例，无法计算假正例率',
  'fairness.excluded.fpr.empty': '没有数据行',
  'fairness.notJudged.regression':
    '模板的容差针对有利结果的比率，而数值型目标没有有利结果；平均预测值和误差的差异请您自行判断',
  'fairness.notJudged.noFavourableClass':
    '没有将任何类别标为对个人有利，因此模板的容差不适用；请在“公平性”步骤中选择有利类别，以评判其选择率',
  'fairness.favourableClassUnknown': '有利类别“{value}”不是模型的类别（{classes}）。请在“公平性”步骤中从中选择一个。',
};
