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
  // 偏差缓解（SPEC §7）：拒绝原因、进度、报告与向导中的前后对比。
  'fairness.mitigation.binaryOnly':
    '偏差缓解仅适用于二分类模型：分组阈值和重加权调整的是某一个有利结果的比率，因此无法针对此模型的“{attribute}”进行缓解。',
  'fairness.mitigation.notComparable': '无法对“{attribute}”进行偏差缓解：{reason}。',
  'fairness.mitigation.noValidation':
    '“{attribute}”的分组阈值需在验证集上选定，而此模型训练时尚未保存验证集预测。请重新训练模型后再进行缓解。',
  'fairness.mitigation.alreadyApplied':
    '当前使用的模型已经过偏差缓解。若要从未缓解的模型出发对“{attribute}”进行缓解，请重新训练模型。',
  'wizard.stage.thresholds': '正在选择分组阈值',
  'wizard.stage.compare': '正在比较模型',
  'wizard.busy.mitigating': '正在进行偏差缓解…',
  'wizard.busy.deciding': '正在保存您的选择…',
  'summary.fairness.mitigation.proposed':
    '已尝试对{attribute}采用{method}进行偏差缓解，尚未决定是否采用：人口均等差异 {dpdBefore} → {dpdAfter}，准确率 {accBefore} → {accAfter}。',
  'summary.fairness.mitigation.applied':
    '已对{attribute}采用{method}进行偏差缓解并启用：人口均等差异 {dpdBefore} → {dpdAfter}，准确率 {accBefore} → {accAfter}。',
  'summary.fairness.mitigation.declined':
    '已尝试对{attribute}采用{method}进行偏差缓解，但保留了原模型：人口均等差异 {dpdBefore} → {dpdAfter}，准确率 {accBefore} → {accAfter}。',
  'report.fairness.intersection': '{a} 与 {b} 的交叉：每个群组是两者取值的一种组合。',
  'report.fairness.mitigation.method.group_thresholds': '分组阈值',
  'report.fairness.mitigation.method.reweighing': '重加权',
  'report.fairness.mitigation.constraint.demographic_parity': '选择率相等（人口均等）',
  'report.fairness.mitigation.constraint.equal_opportunity': '真正例率相等（机会均等）',
  'report.fairness.mitigation.heading': '偏差缓解：对{attribute}采用{method}',
  'report.fairness.mitigation.status.proposed': '尚未采用：在您做出选择之前，仍使用原模型。',
  'report.fairness.mitigation.status.applied': '已采用：当前使用的是缓解后的模型。',
  'report.fairness.mitigation.status.declined': '未采用：保留了原模型。',
  'report.fairness.mitigation.about.group_thresholds':
    '后处理，无需重新训练：每个群组对预测概率使用各自的阈值，阈值在验证集上选定以达到{constraint}，再应用于测试集。验证集中样本过少的群组沿用模型原阈值。与 Fairlearn 的 ThresholdOptimizer（Hardt、Price 和 Srebro，2016）一样，使用模型时需要知道敏感属性。',
  'report.fairness.mitigation.about.reweighing':
    '预处理：以相同的设置和随机种子重新训练模型，并为每个训练行加权，使每个群组中各结果所占比例相同（Kamiran 和 Calders，2012；与 AIF360 的 Reweighing 相同）。使用模型时不需要敏感属性。',
  'report.fairness.mitigation.overallTitle': '整个测试集',
  'report.fairness.mitigation.before': '缓解前',
  'report.fairness.mitigation.after': '缓解后',
  'report.fairness.mitigation.change': '变化',
  'report.fairness.mitigation.accuracy': '准确率',
  'report.fairness.mitigation.balancedAccuracy': '平衡准确率',
  'report.fairness.mitigation.rocAuc': 'ROC AUC',
  'report.fairness.mitigation.selectionRate': '预测为“{label}”的比例',
  'report.fairness.mitigation.cost': '代价：准确率下降 {points} 个百分点。',
  'report.fairness.mitigation.gain': '没有代价：准确率上升了 {points} 个百分点。',
  'report.fairness.mitigation.noCost': '准确率没有损失。',
  'report.fairness.mitigation.costUnknown': '准确率的代价未知。',
  'report.fairness.mitigation.rocAucSame': '阈值不改变任何得分，因此 ROC AUC 不变。',
  'report.fairness.mitigation.groupsTitle': '测试集上各群组的情况（“{label}”的比率）',
  'report.fairness.mitigation.threshold': '阈值',
  'report.fairness.mitigation.notAdjusted': '原阈值',
  'report.fairness.mitigation.summaryTitle': '缓解前后的群组间差异',
  'report.fairness.mitigation.summaryNote':
    '差异为样本量足以评判的群组之间的最大值减最小值，越小越公平。缓解前后使用同一个测试集。',
  'report.fairness.mitigation.notice':
    '已采用偏差缓解：对{attribute}采用{method}。测试准确率 {accBefore} → {accAfter}；人口均等差异 {dpdBefore} → {dpdAfter}。',
  'report.fairness.mitigation.noticeMetrics.group_thresholds':
    '下列指标是网络在单一阈值下的结果；模型的决策使用分组阈值（见“公平性”）。',
  'report.fairness.mitigation.noticeMetrics.reweighing': '下列指标是重新训练后模型的结果。',
  'wizard.fairness.intersections.title': '交叉群组',
  'wizard.fairness.intersections.intro':
    '比较两个属性的组合，例如性别 × 年龄段：模型对年长女性的处理可能既不同于女性整体，也不同于年长者整体。',
  'wizard.fairness.intersections.first': '第一个属性',
  'wizard.fairness.intersections.second': '第二个属性',
  'wizard.fairness.intersections.add': '添加交叉',
  'wizard.fairness.intersections.remove': '移除',
  'wizard.fairness.mitigation.title': '缩小群组差异',
  'wizard.fairness.mitigation.intro':
    '尝试一种偏差缓解方法，对比缓解前后的模型及其准确率代价。在您选择缓解后的模型之前，一切保持不变。',
  'wizard.fairness.mitigation.attribute': '属性',
  'wizard.fairness.mitigation.method': '方法',
  'wizard.fairness.mitigation.constraint': '使之相等',
  'wizard.fairness.mitigation.run': '尝试缓解',
  'wizard.fairness.mitigation.cancel': '取消',
  'wizard.fairness.mitigation.use': '使用缓解后的模型',
  'wizard.fairness.mitigation.keep': '保留原模型',
  'wizard.fairness.mitigation.decideNote':
    '使用缓解后的模型会改变结果、公平性评估和报告。重加权还会替换导出的模型；分组阈值不包含在导出的模型中，导出的模型仍按单一阈值评分。',
  'wizard.fairness.mitigation.alreadyApplied':
    '当前使用的模型已经过缓解（对{attribute}采用{method}）。如需从未缓解的模型开始，请重新训练。',
  'wizard.fairness.mitigation.about.group_thresholds':
    '分组阈值：无需重新训练；每个群组的阈值在验证集上选定，并在测试集上检验。速度快。',
  'wizard.fairness.mitigation.about.reweighing': '重加权：使用平衡各群组结果的权重重新训练模型。耗时与训练相同。',
  // 缓解措施在测试集上是否有效（src/shared/mitigation.ts）及其后果。
  'report.fairness.mitigation.effect.title.not_helped': '在测试行上没有效果',
  'report.fairness.mitigation.effect.title.tradeoff': '有效，但有取舍',
  'report.fairness.mitigation.effect.title.helped': '在测试行上有效',
  'report.fairness.mitigation.effect.not_helped.group_thresholds':
    '此缓解措施在测试行上没有效果：{metric} {before} → {after}{others}。在 {n} 行验证数据上选出的阈值没有延续到测试行。',
  'report.fairness.mitigation.effect.not_helped.reweighing':
    '此缓解措施在测试行上没有效果：{metric} {before} → {after}{others}。重新训练的模型没有缩小差异。',
  'report.fairness.mitigation.effect.tradeoff':
    '{metric} 在测试行上下降了（{before} → {after}），但 {others} 上升了：使用前请权衡。',
  'report.fairness.mitigation.effect.helped': '{metric} 在测试行上下降了：{before} → {after}。',
  'report.fairness.mitigation.effect.worse': '{metric}：{before} → {after}',
  'report.fairness.mitigation.effect.alsoWorse': '；同时变差：{list}',
  'report.fairness.mitigation.effect.keepAdvice': '建议保留当前模型。',
  'report.fairness.mitigation.rule.predicted_positive':
    '当某行“{label}”的概率不低于其群组的阈值时，该行得到“{label}”（模型原阈值为 {base}）。',
  'report.fairness.mitigation.rule.predicted_negative':
    '当某行“{other}”的概率低于其群组的阈值时，该行得到“{label}”（模型原阈值为 {base}）。',
  'report.fairness.mitigation.moved': '为使群组的“{label}”比率接近验证集总体比率 {target} 而调整了阈值：{groups}。',
  'report.fairness.mitigation.movedNone': '没有群组的阈值偏离模型原阈值，因此决策没有改变。',
  'report.fairness.mitigation.keptClosest': '沿用模型原阈值（已最接近该比率）：{groups}。',
  'report.fairness.mitigation.keptSmall': '沿用模型原阈值（验证行少于 {min} 行）：{groups}。',
  'report.fairness.mitigation.thresholdItem': '{group}：{threshold}',
  'report.fairness.mitigation.otherClass': '另一类别',
  'report.fairness.verdict.outside_tolerance_mitigated':
    '即使使用了缓解措施（{attribute} 上的{method}）仍超出容差：群组间的差异仍超出模板的界限。在使用模型之前请审查；如需其他缓解措施，须重新训练模型。',
  'summary.fairness.mitigation.effect.not_helped': '它在测试行上没有效果：{metric} {before} → {after}。',
  'summary.fairness.mitigation.effect.tradeoff':
    '在测试行上它缩小了一项差异（{metric} {before} → {after}），但另一项上升了（{others}）。',
  'summary.fairness.mitigation.effect.helped': '它在测试行上有效：{metric} {before} → {after}。',
  'summary.threshold.perGroup':
    '模型的决策使用 {attribute} 上的分组阈值（偏差缓解）：当某行的概率不低于其群组的阈值时，预测为“{positive}”——{thresholds}。上文的单一阈值并非实际使用的阈值。',
  'modelCard.limitation.groupThresholds':
    '模型的决策在评分时使用敏感属性 {columns}（分组阈值）：每个被评分的人都必须知道该属性，而依据受保护属性作出决定可能违法（例如 ECOA、B 条例）。',
  'privacy.check.protected_not_features.decisions':
    '模型的决策在评分时使用 {columns}：分组阈值（偏差缓解）按 {columns} 设置不同的阈值，因此该属性虽不是特征，却是决策的依据。',
  'report.fairness.mitigation.noticeThresholds': '使用中的阈值：{thresholds}。',
  'wizard.fairness.mitigation.useAnyway': '仍然使用',
  'wizard.fairness.mitigation.keepCurrent': '保留当前模型',
  'wizard.fairness.mitigation.notComparableOption': '{attribute}（群组无法比较）',
  'wizard.fairness.mitigation.notOffered': '不对 {attribute} 提供：{reason}。',
  'wizard.fairness.mitigation.noneComparable': '已评估的属性中没有可以比较的群组，因此无可缓解。',
  'wizard.export.model.groupThresholdsNote':
    '使用中的模型按 {attribute} 的分组阈值作出决策（偏差缓解）：{thresholds}。模型包和“为新数据评分”使用单一阈值 {base}，不会应用这些阈值：请自行对概率列按群组应用相应阈值。',
};
