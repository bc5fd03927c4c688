/** 数据增强步骤的日志（`src/engine/train/augment.ts`、`features.ts`），显示在报告中。 */
export const augment = {
  'augment.cross.product': '特征交叉：新增特征“{name}”，即 {a} 与 {b} 的乘积',
  'augment.cross.ratio': '特征交叉：新增特征“{name}”，即 {a} 除以 {b}（{b} 为 0 或缺失时记为缺失）',
  'augment.datePart': '日期拆分：“{column}”以 {names} 进入模型',
  'augment.classWeights': '类别权重：按训练行计算的平衡类别权重 n / (K · n_c)：{weights}',
  'augment.oversample': '随机过采样：类别“{label}”复制 +{added} 行（训练行 {before} → {after}）',
  'augment.smote': 'SMOTE：类别“{label}”合成 +{added} 行（k = {k}）',
  'augment.smote.tooFew': 'SMOTE：类别“{label}”已跳过，它只有 {count} 个训练行，至少需要 2 个',
  'augment.balanced': '{op}：未添加任何行，每个类别的行数已达到最大类别的 {ratio} 倍',
  'augment.noise':
    '高斯噪声：新增 +{added} 个带噪声的训练行副本（每行 {copies} 个，在 {columns} 个数值特征上 sigma = {sigma} 个标准差）',
  'augment.noise.noNumeric': '高斯噪声：已跳过，模型没有数值特征',
  'augment.notClassification': '{op}：已跳过，回归目标没有可重新平衡的类别',
} as const;
