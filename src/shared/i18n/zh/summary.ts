/** 报告的通俗摘要与模型卡文字（由引擎生成）。 */
export const summary: Record<string, string> = {
  'summary.data': '从 {file} 读取了 {rows} 行、{columns} 列{skippedNote}。清洗后使用了 {cleanRows} 行。',
  'summary.data.skipped': '（跳过 {skipped} 行无法读取的数据）',
  'summary.task.binary': '训练了一个神经网络，预测“{target}”是否为“{positive}”（{meaning}）。',
  'summary.task.binaryPlain': '训练了一个神经网络，预测“{target}”是否为“{positive}”。',
  'summary.task.multiclass': '训练了一个神经网络，预测“{target}”，共 {classes} 个类别。',
  'summary.task.regression': '训练了一个神经网络，预测“{target}”的数值。',
  'summary.split.holdout':
    '模型从 {train} 行数据中学习，用另外 {validation} 行决定何时停止，并在从未见过的 {test} 行上测试。',
  'summary.performance.binary':
    '在测试数据上，ROC AUC 为 {auc}{interval}：随机取一个“{positive}”样本和一个其他样本，模型有 {aucPct} 的概率把前者排在前面。总是预测最常见类别的模型得分为 0.5。',
  'summary.performance.multiclass':
    '在测试数据上，准确率为 {accuracy}（宏平均 F1 {macroF1}）；总是预测最常见类别的准确率为 {baseline}。',
  'summary.performance.regression':
    '在测试数据上，典型误差（MAE）为 {mae}，解释了 {r2pct} 的变异（R²）；总是预测均值则解释为零。',
  'summary.interval': '（95% 区间 {low}–{high}）',
  'summary.baseline.lift':
    '在相同的测试数据上，简单的{baseline}模型 {metric} 为 {baselineValue}，神经网络提升了 {lift}。',
  'summary.baseline.noLift':
    '在相同的测试数据上，简单的{baseline}模型表现相当或更好（{metric} {baselineValue}，神经网络为 {model}）；可考虑使用更简单的模型。',
  'summary.threshold': '预测概率不低于 {threshold} 的样本被预测为“{positive}”（{policy}）。',
  'summary.fairness.within':
    '按“{attribute}”的公平性：组间差异在模板容许范围内（人口均等差 {dpd}，均等几率差 {eod}）。',
  'summary.fairness.outside':
    '按“{attribute}”的公平性：组间差异超出模板容许范围（人口均等差 {dpd}，均等几率差 {eod}）。使用该模型前请查看公平性部分。',
  'summary.fairness.notComparable': '无法判断按“{attribute}”的公平性：{reason}。',
  'summary.fairness.notJudged': '按“{attribute}”的公平性：公平性部分比较了各群组，但未按容差评判：{reason}。',
  'summary.fairness.withinSelection':
    '按“{attribute}”的公平性：“{label}”的选择率在模板容许范围内（人口均等差 {dpd}）。',
  'summary.fairness.outsideSelection':
    '按“{attribute}”的公平性：“{label}”的选择率差异超出模板容许范围（人口均等差 {dpd}）。使用该模型前请查看公平性部分。',
  'summary.fairness.none': '未选择敏感属性，因此未评估公平性。',
  'summary.privacy.identifiers': '{count} 列含有直接标识符（{columns}），已从模型特征中排除。',
  'summary.privacy.none': '未发现直接标识符（姓名、电子邮箱、电话、证件号或银行卡号）。',
  'summary.privacy.quasi': '{columns} 等准标识符组合起来可能识别到个人；请查看隐私部分。',
  'summary.training.cancelled': '训练在 {epochs} 轮后被取消；保留了目前最好的模型。',
  'summary.training.stopped': '由于验证损失不再下降，训练在 {epochs} 轮后停止；保留了第 {best} 轮的权重。',
  'modelCard.intendedUse': '使用“{template}”模板的决策辅助：对与训练数据相似的案例进行排序或标记，每个决定都由人复核。',
  'modelCard.outOfScope': '对个人做出全自动决定；与训练数据不同的人群、时期或数据来源；数据所有者未同意的用途。',
  'modelCard.limitation.smallData': '测试集只有 {n} 行，指标存在不确定性；请参阅 95% 区间。',
  'modelCard.limitation.fewPositives': '决策阈值只依据 {count} 个阳性验证样本选取，在新数据上未必成立。',
  'modelCard.limitation.baseline': '更简单的基线模型表现相近。',
  'modelCard.limitation.imbalance': '正类很少（占 {rate}）；仅看准确率会产生误导。',
  'modelCard.limitation.fairness': '按“{attribute}”的组间差异超出容许范围。',
  'modelCard.limitation.smallGroups': '“{attribute}”的部分分组少于 {min} 行，无法判断。',
  'modelCard.limitation.proxy': '把敏感属性排除在特征之外，并不能阻止模型通过相关的列学到它。',
  'modelCard.limitation.generic': '模型学到的是该数据集中的相关性，而不是因果关系。',
  'features.userExcluded': '由您排除',
  'features.privacy.direct_identifier': '直接标识符（个人数据）',
  'features.privacy.quasi_identifier': '准标识符',
  'features.privacy.sensitive': '敏感属性',
  'features.privacy.other': '个人数据',
  'features.identifier': 'ID 列：每行唯一，无可学习内容',
  'features.sensitiveUserNotFeature': '已选作公平性检查属性，因此模板将其视为受保护属性，不纳入模型',
  'features.sensitiveNotFeature': '模板规定不进入模型的受保护属性（仍可用于公平性检查）',
  'summary.policy.fixed': '模板的固定阈值',
  'summary.policy.fixedUser': '在训练设置中选定的固定阈值',
  'summary.policy.userSet': '该阈值策略及其数值是在训练设置中选定的，而非模板的默认设置。',
  'summary.policy.achieved.min_sensitivity':
    '在验证数据上，它识别出 {valSensitivity} 的阳性样本（特异度 {valSpecificity}）；在测试数据上为 {testSensitivity}（特异度 {testSpecificity}）。',
  'summary.policy.achieved.approval_rate':
    '它批准了 {valRate} 的验证数据和 {testRate} 的测试数据（{approves, select, positive {批准：预测为“{positive}”} other {批准：预测不是“{positive}”}}）。',
  'summary.policy.achieved.min_cost': '错误的期望成本在验证数据上为每例 {valCost}，在测试数据上为每例 {testCost}。',
  'summary.policy.min_sensitivity': '在验证数据上选取，以识别至少 {target} 的阳性病例',
  'summary.policy.approval_rate': '在验证数据上按 {target} 的批准率选取',
  'summary.policy.min_cost': '在验证数据上选取，使错误的期望成本最小（漏检一例成本为 {fnCost}，误报一例为 {fpCost}）',
  'features.leakage': '疑似目标泄漏：单独使用即可几乎完美地预测目标，很可能记录了结果本身',
  'summary.leakage':
    '有 {count} 列被排除，因为每一列单独就能几乎完美地预测目标，很可能记录了结果本身（{columns}）。只有当这些信息在预测时已知，才应加入。',
  'summary.tooGood': 'ROC AUC 达到 {auc} 在真实数据中很少见：在信任该模型之前，请检查是否有列记录了结果本身。',
  'modelCard.limitation.tooGood': '测试得分几乎完美，这通常意味着某列泄露了答案（目标泄漏）。',
  'features.constant': '每行都是同一个值：无可学习内容',
  'features.empty': '完全没有值',
  'summary.dataWithTest':
    '从 {file} 读取了 {rows} 行、{columns} 列{skippedNote}，并从单独的测试文件 {testFile} 读取了 {testRows} 行。清洗后使用了 {cleanRows} 行。',
  'summary.baseline.same':
    '在相同的测试数据上，更简单的基线模型（{baseline}）{metric} 大致相同（{baselineValue}）；神经网络的提升很小（{lift}）。',
  'summary.tooGood.reliesOn':
    '模型最依赖 {columns}：如果其中任何一列要在结果发生后才能知道，请将其排除（清洗 → 删除列）后重新训练。',
  'summary.tooGood.suspects': '请先检查这些列：每一列单独预测目标都异常准确（{columns}）。',
  'summary.policy.missed':
    '在测试数据上，模型识别出 {achieved} 的阳性病例，低于在验证数据上选取阈值时的目标 {target}：验证集较小，或与测试数据不同。',
  'summary.smallTest.rows':
    '{n, plural, other {测试集只有 # 行}}：这些数字并不可靠，也无法据此判断本模型是否优于更简单的模型。请先收集更多数据（测试集至少 {min} 行），再依赖这些结果。',
  'summary.smallTest.class':
    '{n} 行测试数据中只有 {count} 行为“{label}”：这些数字并不可靠，也无法据此判断本模型是否优于更简单的模型。请先收集更多数据（测试集中每个类别至少 {min} 行），再依赖这些结果。',
  'summary.policy.fewPositives':
    '该阈值只依据验证数据中的 {count, plural, other {# 个阳性样本}}（少于 {min} 个），在新数据上未必成立：同一数据换一种划分，阈值就可能大幅变化。请先收集更多阳性样本，再依赖该阈值。',
  'summary.importance.top': '打乱“{column}”一列后，测试数据上的 {metric} 下降 {drop}：模型最依赖这一列。',
  'summary.importance.none': '单独打乱任何一列都不会降低测试数据上的 {metric}：没有哪一列能单独帮助模型。',
};
