/** `UserError` 消息（简体中文）。 */
export const errors: Record<string, string> = {
  'errors.FILE_NOT_FOUND': '找不到文件：{file}',
  'errors.FILE_UNREADABLE': '无法读取 {file}：{reason}',
  'errors.FILE_EMPTY': '{file} 中没有数据行。请选择一个有表头行、且表头下至少有一行数据的文件。',
  'errors.FORMAT_UNSUPPORTED': '{file}：不支持此类文件（{reason}）。请使用 CSV、TSV、.xlsx 或 Parquet。',
  'errors.ENCODING_UNDECODABLE': '{file}：第 {line} 行无法按 {encoding} 解码。请在预览中选择其他编码。',
  'errors.BAD_ROW': '{file} 第 {line} 行：{reason}。选择“跳过错误行”可导入其余数据。',
  'errors.SHEET_NOT_FOUND': '{file} 中没有名为“{sheet}”的工作表。工作表：{sheets}。',
  'errors.COLUMN_NOT_FOUND': '{file} 中没有“{column}”列。现有列：{columns}。',
  'errors.TARGET_SINGLE_CLASS':
    '目标列“{column}”只有一个取值（全部 {count} 行都是“{value}”），没有可预测的内容。请选择其他目标列，或补充另一种结果的数据。',
  'errors.TARGET_ALL_MISSING': '目标列“{column}”没有任何值。',
  'errors.TARGET_NOT_NUMERIC': '目标列“{column}”不是数值，无法训练回归模型。',
  'errors.TOO_FEW_ROWS': '清洗后只剩 {count} 行可用数据；训练和测试至少需要 {minimum} 行。',
  'errors.NO_FEATURES': '没有可用于学习的特征列（全部被排除或删除）。',
  'errors.TEMPLATE_NOT_FOUND': '没有名为“{template}”的模板。可用模板：{templates}。',
  'errors.TEMPLATE_INVALID': '模板 {file} 无效：{reason}',
  'errors.SETTING_INVALID': '设置 {setting} 无效：{reason}',
  'errors.SENSITIVE_NOT_FOUND': '敏感属性“{column}”不是数据中的列。现有列：{columns}。',
  'errors.MITIGATION_REFUSED': '无法对“{attribute}”进行偏差缓解。',
  'errors.CANCELLED': '已取消。',
  'errors.HOST_CRASHED': '{what} 进程意外停止（{reason}）。项目未受影响，请重试。',
  'errors.HOST_TIMEOUT': '{what} 进程未能及时响应，已被停止。',
  'errors.PROJECT_NOT_FOUND': '{path} 处没有项目。请检查文件夹（项目是以 .modelwise 结尾的文件夹），或新建一个项目。',
  'errors.PROJECT_INVALID': '无法读取 {path} 处的项目：{reason}',
  'errors.PROJECT_LOCKED': '{path} 处的项目已在另一个窗口中打开。',
  'errors.NO_MODEL': '请先训练模型。',
  'errors.NO_DATA': '请先导入数据文件。',
  'errors.CHROMIUM_NOT_FOUND':
    '未找到用于打印 PDF 的 Chromium 或 Chrome，已改为写出 {html}。请设置 MODELWISE_CHROMIUM 或使用 --chromium 路径。',
  'errors.PDF_FAILED': '打印 PDF 失败：{reason}',
  'errors.NO_PROJECT': '请先新建或打开一个项目。',
  'errors.BUSY': '请等待正在进行的{what}完成，或将其取消。',
  'errors.UPLOAD_TOO_LARGE': '{file} 超过了 {limit} 的上传上限。',
  'errors.ACCESS_DENIED': '此请求已被拒绝：它并非来自 Modelwise 窗口。',
  'errors.CHANNEL_UNKNOWN': 'Modelwise 没有名为"{channel}"的操作。',
  'errors.INTERNAL': 'Modelwise 内部出错：{message}',
  'errors.RECIPE_COLUMN_NOT_FOUND':
    '清洗步骤 {step}（{op}）使用了列“{column}”，但此时数据中没有该列。现有列：{columns}。',
  'errors.RECIPE_REMOVES_TARGET':
    '清洗步骤 {step}（{op}）会去掉“{column}”，而它是模型要预测的目标列。请保留“{column}”，或先在“模板与目标”中选择其他目标列。',
  'errors.RECIPE_EMPTIES_TARGET':
    '清洗步骤 {step}（{op}）会使目标列“{column}”没有任何值（剩余 {rows} 行）。请修改或删除该步骤。',
  'errors.RECIPE_BREAKS_TARGET':
    '清洗步骤 {step}（{op}）会把目标列“{column}”的 {count} 个值变为缺失（这些值无法转换）。请保持目标列的类型，或先选择其他目标列。',
  'errors.RECIPE_SINGLE_CLASS_TARGET':
    '清洗步骤 {step}（{op}）会使目标列“{column}”只剩一个取值（“{value}”），没有可预测的内容。请修改或删除该步骤。',
  'errors.RECIPE_COMPARE_TEXT':
    '清洗步骤 {step}（{op}）：“{column}”是文本，不能用 {comparator} 比较；请使用 ==、!= 或取值列表。',
  'errors.MODEL_PACKAGE_INVALID':
    '{path} 不是 Modelwise 模型包（{reason}）。请在应用中导出（导出 → 导出模型包），或用 `modelwise run … --model FILE.zip` 生成。',
  'errors.SCORE_COLUMN_MISSING': '模型需要列“{column}”，但 {file} 中没有。现有列：{columns}。',
  'errors.SCORE_COLUMN_TYPE':
    '{file} 的列“{column}”含有文本（例如“{value}”，共 {count} 个值），而模型是用数值训练的。请确认该文件与训练数据是同一类文件。',
};
