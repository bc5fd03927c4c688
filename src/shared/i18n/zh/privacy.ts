/** 个人信息扫描的消息（`src/engine/privacy`）。 */
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
};
