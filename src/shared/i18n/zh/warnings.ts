/** 导入与数据概况（`src/engine/data`）的数据警告，每个警告代码一条（`warnings.<code>`），参数取自警告的 `params`。 */
export const warnings = {
  // 导入：文件结构。
  'warnings.preamble_skipped':
    '表格上方{count, plural, =1 {第 {first} 行是标题或说明} other {第 {first}–{last} 行是标题或说明}}，已跳过。',
  'warnings.header_trailing_delimiter':
    '表头（第 {line} 行）有 {header_fields} 个字段，而数据行只有 {data_fields} 个：表头以分隔符结尾。多出的空列已删除。',
  'warnings.duplicate_header': '列名“{name}”出现了 {count} 次（第 {at} 列）；后面的同名列已改名为 {renamed}。',
  'warnings.blank_header': '表头第 {at} 格为空（共 {count} 格），这些列已命名为 {names}。',
  'warnings.empty_unnamed_column': '第 {number} 列既无列名也无数据（各行以分隔符结尾），已删除。',
  'warnings.non_data_footer_excluded': '最后一个空行之后的第 {lines} 行（共 {count} 行）是说明而非数据，未导入。',

  // 导入：无法按原样读取的行。
  'warnings.short_row': '第 {line} 行只有 {found_fields} 个字段（应为 {expected_fields} 个），缺少的字段留空。',
  'warnings.short_rows_more': '另有 {count} 行字段不足，已用空字段补齐。',
  'warnings.blank_line_skipped':
    '第 {lines} 行{more, plural, =0 {} other {等（另有 # 行）}}只有空格，已跳过（共 {count} 行）。',
  'warnings.long_row':
    '第 {lines} 行{more, plural, =0 {} other {等（另有 # 行）}}的字段多于 {expected_fields} 个，已跳过（共 {count} 行）。',
  'warnings.bad_quote':
    '第 {lines} 行{more, plural, =0 {} other {等（另有 # 行）}}无法读取（{why}），已跳过（共 {count} 行）。',
  'warnings.undecodable_bytes':
    '第 {lines} 行{more, plural, =0 {} other {等（另有 # 行）}}含有不符合文件编码的字节，已跳过（共 {count} 行）。',
  'warnings.why.text_after_quote': '右引号后还有文字',
  'warnings.why.unterminated_quote': '引号没有闭合',

  // 导入：数值的读取方式。
  'warnings.type_override_lost_values':
    '已按要求将列“{column}”读作{typeName}；其中 {count} 个不符合该类型的值变为缺失。',
  'warnings.excel_serial_date':
    '列“{column}”中的整数（{min} 至 {max}）看起来像 Excel 日期序列号，目前仍作为数字保留。如果它们是日期，请用“转换为日期”转换（在该列上，或在“清洗与增强”中作为步骤添加；{system} 日期系统，第 0 天为 {origin}）。',
  'warnings.identifier_precision_lost':
    '列“{column}”中的长数字是电子表格的科学计数法（例如 {example}）：保存文件前末几位数字已经丢失，因此按文本保留{groups, plural, =0 {} other {，且有 # 组行现在共用同一个值}}。请从数据源重新将该列导出为文本。',
  'warnings.mixed_date_formats':
    '列“{column}”中既有日在前也有月在前的日期（两个位置都出现大于 12 的值），已按文本保留。',
  'warnings.ambiguous_date_format':
    '列“{column}”：没有任何值能说明日期是日在前还是月在前，已按 {format} 读取。如有误，请在预览中更改。',

  // 数据概况。
  'warnings.duplicate_rows': '有 {count} 行与前面的某一行完全相同。',
  'warnings.empty_column': '列“{column}”没有任何值。',
  'warnings.constant_column': '列“{column}”在所有有值的行中都是同一个值（{value}），对模型没有帮助。',
  'warnings.id_like_column': '列“{column}”用于标识行而非描述行，不作为模型特征。',
  'warnings.high_cardinality': '列“{column}”有 {distinct} 个不同的值；作为类别会产生非常多的特征。',
  'warnings.mostly_missing': '列“{column}”有 {count} 行缺失（{percent}%）：大部分值都需要填补，因此建议删除该列。',
  'warnings.strong_predictor':
    '仅凭列“{column}”即可对 {percent}% 的行预测目标“{target}”{via, select, missingness {（依据其是否缺失）} other {}}。这可能是真实的信号，也可能记录了结果本身：请确认该信息在做出预测之前就已知。',
  'warnings.missing_values': '列“{column}”有 {count} 行缺失（{percent}%）。',
  'warnings.personal_data_suspected':
    '从列名看，列“{column}”可能是个人数据{entity, select, null {} other {（{entityName}）}}；请在隐私步骤中检查。',
  'warnings.zero_as_missing':
    '列“{column}”中有 {count} 个 0，远低于其他所有值（最小的非零值为 {min}）；这里的 0 很可能表示“未测量”，可以将其标记为缺失。',
  'warnings.category_spelling':
    '列“{column}”中有 {groups} 个值存在仅大小写或首尾空格不同的多种写法（{examples}），可以合并。',
  'warnings.target_single_class':
    '目标列“{column}”只有一个类别：有值的 {count} 行全部为“{value}”。模型至少需要两个类别才能学习。',
  'warnings.class_imbalance': '目标列“{target}”的类别不平衡：类别“{class}”仅占 {percent}%。',
  'warnings.target_leakage':
    '列“{column}”单独就几乎能完美预测目标列“{target}”{via, select, missingness {（仅凭它是否缺失就能得出答案）} other {}}；它很可能记录了结果本身，不应作为特征。',
  'warnings.target_missing': '目标列“{column}”为空的行无法用于学习；请删除这些行。',
} as const;
