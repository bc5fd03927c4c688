/** 个人信息扫描、再识别风险和法规核对清单的消息（SPEC §8）。 */
export const privacy: Record<string, string> = {
  'privacy.reason.directIdentifier': '其取值可直接识别个人。',
  'privacy.reason.identifierHeader': '列名表明它是个人或记录的标识符。',
  'privacy.reason.templateIdentifier': '模板将其列为标识符。',
  'privacy.reason.freeText': '包含个人信息的自由文本。',
  'privacy.reason.criminal': '有关刑事定罪和犯罪的数据（GDPR 第 10 条：只能在官方授权或法律允许的情况下处理）。',
  'privacy.reason.sensitive': '属于特殊类别的个人数据（GDPR 第 9 条、《个人信息保护法》敏感个人信息）。',
  'privacy.reason.quasiIdentifier': '与其他列组合后可识别出个人。',
  'privacy.reason.none': '未发现个人信息。',
  'privacy.invalid.checksum': '校验码不符',
  'privacy.invalid.date': '出生日期无效',
  'privacy.invalid.format': '长度或字符不符',
  'privacy.invalid.range': '号段从未签发',

  // 再识别风险（SPEC §8），显示在“隐私”步骤和报告中。
  'summary.privacy.risk':
    '清洗后按 {columns} 衡量的再识别风险：共享这些取值的最小记录组有 {k, plural, other {# 条记录}}（k = {k}，阈值 {threshold}）；{unique} 的记录是唯一的，{below} 的记录所在组小于 {threshold}。',
  'report.privacy.health':
    '整个数据集都属于健康数据：即使没有任何单独的列被标记，它也是 GDPR 第 9 条规定的特殊类别数据、HIPAA 规定的受保护健康信息，以及《个人信息保护法》规定的敏感个人信息。',
  'report.privacy.risk.title': '再识别风险',
  'report.privacy.risk.intro':
    '准标识符取值相同的记录构成一个等价类：记录所在的等价类越小，就越容易被找出。按 ARX 的定义（k-匿名、检察官风险）分别在导入的数据和用于训练模型的清洗后数据上计算。',
  'report.privacy.risk.quasi': '准标识符：{columns}。',
  'report.privacy.risk.noQuasi': '尚未选择准标识符，因此无法衡量根据对某人的了解找出其记录的风险。',
  'report.privacy.risk.threshold':
    'k 阈值：{k}（{source, select, user {您的选择} template {模板的设定} other {默认值}}）。',
  'report.privacy.risk.removed': '清洗方案删除了 {columns}：清洗后不再计入。',
  'report.privacy.risk.sentence.unique':
    '{share} 的记录在 {columns} 上是唯一的：任何知道某人{n, plural, other {这 # 项信息}}的人都能找到其所在的行。',
  'report.privacy.risk.sentence.belowK':
    '没有记录在 {columns} 上是唯一的，但 {share} 的记录与总数少于 {k} 条的记录共享这些取值，比阈值允许的更容易被单独识别出来。',
  'report.privacy.risk.sentence.safe':
    '{columns} 的每一种组合都至少由 {k} 条记录共享：知道某人的这些信息，也只能将其范围缩小到 {k} 行或更多。',
  'report.privacy.risk.sentence.empty': '该表没有记录。',
  'report.privacy.risk.measure': '指标',
  'report.privacy.risk.before': '导入时',
  'report.privacy.risk.after': '清洗后',
  'report.privacy.risk.rows': '记录数',
  'report.privacy.risk.classes': '等价类数',
  'report.privacy.risk.k': 'k-匿名（最小等价类）',
  'report.privacy.risk.belowK': '所在等价类小于 {k} 的记录',
  'report.privacy.risk.unique': '唯一记录',
  'report.privacy.risk.highest': '检察官风险（最高）',
  'report.privacy.risk.average': '检察官风险（平均）',
  'report.privacy.risk.atRisk': '风险高于 1/{k} 的记录',
  'report.privacy.risk.l': '{column} 的不同值 ℓ-多样性',
  'report.privacy.risk.lValue': '{l}（{share} 的记录所在等价类只有一个取值）',
  'report.privacy.risk.count': '{records}（{share}）',
  'report.privacy.risk.gone': '已删除',
  'report.privacy.risk.note': '一条记录的检察官风险是 1 / 其等价类的大小；平均风险是等价类数 / 记录数。',
  'report.privacy.risk.lNote': 'ℓ = 1 表示某个等价类中敏感属性只有一个取值：找到某人所在等价类的人就能得知该值。',
  'report.privacy.membership.title': '成员推断审计',
  'report.privacy.membership.intro':
    '持有模型的人能否判断某人是否在训练数据中？损失阈值攻击（Yeom 等，2018）在模型对某条记录误差很小时猜测“在训练数据中”；本次审计使用了 {members} 条训练记录和 {nonMembers} 条测试记录。',
  'report.privacy.membership.low':
    '攻击的 ROC AUC 为 {auc}（优势 {advantage}）：接近 0.5，相当于抛硬币——模型的误差不会泄露谁在训练数据中。',
  'report.privacy.membership.unclear':
    '攻击的 ROC AUC 为 {auc}（优势 {advantage}）：每侧只有 {n} 条记录，无法与抛硬币区分（0.5 ± {margin}）。更大的测试集才能说明更多。',
  'report.privacy.membership.some':
    '攻击的 ROC AUC 为 {auc}（优势 {advantage}）：略好于抛硬币——模型对训练记录的拟合略紧于新记录。',
  'report.privacy.membership.high':
    '攻击的 ROC AUC 为 {auc}（优势 {advantage}）：模型对训练记录的拟合明显紧于新记录，因此会泄露谁在训练数据中。共享模型之前，请使用更多数据、更高的 dropout 或更少的训练轮次。',
  'report.privacy.checklist.title': '法规核对清单',
  'report.privacy.checklist.intro': '软件能检查的项目根据数据和模型标为“已满足”或“未满足”；其余项目需由您确认。',
  'report.privacy.checklist.requirement': '要求',
  'report.privacy.checklist.status': '状态',
  'report.privacy.checklist.detail': '依据',
  'report.privacy.checklist.status.met': '已满足',
  'report.privacy.checklist.status.not_met': '未满足',
  'report.privacy.checklist.status.to_confirm': '待确认',
  'privacy.regulation.GDPR': 'GDPR（欧盟《通用数据保护条例》）',
  'privacy.regulation.CCPA': 'CCPA / CPRA（美国加州）',
  'privacy.regulation.HIPAA': 'HIPAA 隐私规则（美国健康信息）',
  'privacy.regulation.PIPL': '《个人信息保护法》（中国）',
  'privacy.regulation.ECOA': 'ECOA / B 条例（美国信贷）',
  'privacy.checklist.gdpr.lawful_basis': '处理个人数据具有合法依据（第 6 条）。',
  'privacy.checklist.gdpr.special_category': '对健康、种族、宗教等特殊类别数据满足第 9(2) 条的条件（如明确同意）。',
  'privacy.checklist.gdpr.minimisation': '数据最小化：直接标识符不作为模型特征（第 5(1)(c) 条）。',
  'privacy.checklist.gdpr.pseudonymisation': '设计保护：建模前删除直接标识符或对其进行假名化（第 25、32 条）。',
  'privacy.checklist.gdpr.k_anonymity': '无法通过准标识符单独识别出个人：k-匿名达到阈值（鉴于条款第 26 条）。',
  'privacy.checklist.gdpr.dpia':
    '可能存在高风险的处理（如大规模处理特殊类别数据或用户画像）已进行数据保护影响评估（第 35 条）。',
  'privacy.checklist.gdpr.automated_decisions': '受完全基于模型的决定影响的人可以获得人工干预并提出异议（第 22 条）。',
  'privacy.checklist.ccpa.notice': '收集时已告知消费者个人信息的类别和目的（§1798.100）。',
  'privacy.checklist.ccpa.sensitive': '敏感个人信息的使用受到限制，或消费者可以限制其使用（§1798.121）。',
  'privacy.checklist.ccpa.minimisation': '收集和使用合理必要且相称：直接标识符不作为模型特征（§1798.100(c)）。',
  'privacy.checklist.ccpa.deidentified': '数据无法被合理地关联到某个消费者：k-匿名达到阈值（去标识化，§1798.140(m)）。',
  'privacy.checklist.hipaa.authorization':
    '受保护健康信息的使用有授权、IRB 或隐私委员会的豁免，或属于其他允许的用途（45 CFR 164.508、164.512）。',
  'privacy.checklist.hipaa.safe_harbor':
    '安全港去标识化：18 类标识符均已去除，例如姓名、年份以外的日期、邮政编码、89 岁以上的年龄（45 CFR 164.514(b)(2)）。',
  'privacy.checklist.hipaa.minimum_necessary': '最低必要：直接标识符不作为模型特征（45 CFR 164.502(b)）。',
  'privacy.checklist.hipaa.k_anonymity': '用于专家认定：再识别风险极小，k-匿名达到阈值（45 CFR 164.514(b)(1)）。',
  'privacy.checklist.pipl.consent': '处理个人信息取得个人同意或具有其他合法依据（第十三条）。',
  'privacy.checklist.pipl.sensitive_consent':
    '处理医疗健康等敏感个人信息具有特定目的和充分必要性，并取得单独同意（第二十八、二十九条）。',
  'privacy.checklist.pipl.minimisation': '处理限于实现目的的最小范围：直接标识符不作为模型特征（第六条）。',
  'privacy.checklist.pipl.anonymised': '数据无法识别特定自然人：k-匿名达到阈值（匿名化，第七十三条第（四）项）。',
  'privacy.checklist.pipl.pia': '处理敏感个人信息或进行自动化决策前已进行个人信息保护影响评估（第五十五、五十六条）。',
  'privacy.checklist.ecoa.prohibited_basis':
    '禁止依据（种族、性别、婚姻状况、国籍、宗教、年龄等）不作为模型特征（12 CFR 1002.6(b)）。',
  'privacy.checklist.ecoa.adverse_action': '可以向被拒绝的申请人说明主要理由（12 CFR 1002.9）。',
  'privacy.check.confirm': '软件无法得知这一点：请您自行确认。',
  'privacy.check.special':
    '特殊类别数据：{columns}{health, select, true {（且整个数据集都属于健康数据）} other {}}。请您自行确认。',
  'privacy.check.healthData': '整个数据集都属于健康数据。请您自行确认。',
  'privacy.check.direct_not_features.noModel': '尚未训练模型；默认情况下直接标识符不作为特征。',
  'privacy.check.direct_not_features.met':
    '{count, plural, =0 {未发现直接标识符。} other {发现的 # 个直接标识符均不是模型特征。}}',
  'privacy.check.direct_not_features.not_met': '模型将 {columns} 用作特征。',
  'privacy.check.direct_removed.met': '{count, plural, =0 {未发现直接标识符。} other {清洗后的数据不含直接标识符。}}',
  'privacy.check.direct_removed.not_met': '清洗后的数据仍含有 {columns}：请在清洗方案中删除。',
  'privacy.check.k_anonymity.none': '尚未选择准标识符：请确认没有任何列能单独识别出个人。',
  'privacy.check.k_anonymity.met': '清洗后 k = {k}，不低于阈值 {threshold}。',
  'privacy.check.k_anonymity.not_met':
    '清洗后 k = {k}，低于阈值 {threshold}：{records} 条记录（{share}%）所在的等价类更小。',
  'privacy.check.safe_harbor.not_met': '清洗后的数据仍含有 {columns}。',
  'privacy.check.safe_harbor.to_confirm':
    '软件能检测到的标识符均已去除；请确认其他标识符（如照片、设备编号），并确认您不知道任何可识别个人的途径。',
  'privacy.check.protected_not_features.noModel': '尚未训练模型：训练后请确认。',
  'privacy.check.protected_not_features.met':
    '{columns, select, null {各列中未发现禁止依据。} other {{columns}：不是模型特征。}}',
  'privacy.check.protected_not_features.not_met': '模型将 {columns} 用作特征。',
  'wizard.busy.privacyRisk': '正在衡量再识别风险 …',
  'wizard.privacy.quasi.legend': '要衡量的准标识符',
  'wizard.privacy.quasi.hint': '默认勾选扫描判定为准标识符的列。如果别人可能知道某人的其他某列信息，也请勾选。',
  'wizard.privacy.quasi.reset': '恢复扫描的选择',
  'wizard.privacy.k': 'k 阈值',
  'wizard.privacy.kInvalid': 'k 必须是 2 到 1000 之间的整数；保留当前的 k。',
  'wizard.privacy.kHint': '每条记录的准标识符应至少与另外 k − 1 条记录相同。',
  'wizard.privacy.offer.drop': '删除该列',
  'wizard.privacy.offer.generalize': '泛化为年龄段',
  'wizard.privacy.offer.applied.drop': '已在清洗方案中删除',
  'wizard.privacy.offer.applied.generalize': '已在清洗方案中泛化',
};
