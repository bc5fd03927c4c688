/** Messages of `UserError` codes (`errors.<CODE>`), with their parameters. */
export const errors = {
  'errors.FILE_NOT_FOUND': 'File not found: {file}',
  'errors.FILE_UNREADABLE': 'Cannot read {file}: {reason}',
  'errors.FILE_EMPTY':
    '{file} holds no data rows. Choose a file with a header row and at least one row of data below it.',
  'errors.FORMAT_UNSUPPORTED': '{file}: this kind of file is not supported ({reason}). Use CSV, TSV, .xlsx or Parquet.',
  'errors.ENCODING_UNDECODABLE':
    '{file}: line {line} cannot be decoded as {encoding}. Choose another encoding in the preview.',
  'errors.BAD_ROW': '{file}, line {line}: {reason}. Choose "skip bad rows" to import the rest.',
  'errors.SHEET_NOT_FOUND': '{file} has no sheet named "{sheet}". Sheets: {sheets}.',
  'errors.COLUMN_NOT_FOUND': 'Column "{column}" is not in {file}. Columns: {columns}.',
  'errors.TARGET_SINGLE_CLASS':
    'The target column "{column}" has only one value ("{value}" in all {count} rows), so there is nothing to predict. Choose another target or add rows of the other outcome.',
  'errors.TARGET_ALL_MISSING': 'The target column "{column}" has no values.',
  'errors.TARGET_NOT_NUMERIC': 'The target column "{column}" is not numeric, so a regression model cannot be trained.',
  'errors.TOO_FEW_ROWS':
    'Only {count} usable rows after cleaning; at least {minimum} are needed to train and test a model.',
  'errors.NO_FEATURES': 'No feature columns are left to learn from (all were excluded or dropped).',
  'errors.TEMPLATE_NOT_FOUND': 'No template named "{template}". Templates: {templates}.',
  'errors.TEMPLATE_INVALID': 'Template {file} is invalid: {reason}',
  'errors.SETTING_INVALID': 'Setting {setting} is invalid: {reason}',
  'errors.SENSITIVE_NOT_FOUND': 'Sensitive attribute "{column}" is not a column of the data. Columns: {columns}.',
  'errors.MITIGATION_REFUSED': 'Bias mitigation is not possible for "{attribute}".',
  'errors.CANCELLED': 'Cancelled.',
  'errors.HOST_CRASHED': 'The {what} process stopped unexpectedly ({reason}). Your project is safe; try again.',
  'errors.HOST_TIMEOUT': 'The {what} process did not answer in time and was stopped.',
  'errors.PROJECT_NOT_FOUND':
    'No project at {path}. Check the folder (a project is a folder ending in .modelwise), or create a new project.',
  'errors.PROJECT_INVALID': 'The project at {path} cannot be read: {reason}',
  'errors.PROJECT_LOCKED': 'The project at {path} is open in another window.',
  'errors.NO_MODEL': 'Train a model first.',
  'errors.NO_DATA': 'Import a data file first.',
  'errors.CHROMIUM_NOT_FOUND':
    'No Chromium or Chrome was found to print the PDF; wrote {html} instead. Set MODELWISE_CHROMIUM or pass --chromium PATH.',
  'errors.PDF_FAILED': 'Printing the PDF failed: {reason}',
  'errors.NO_PROJECT': 'Create or open a project first.',
  'errors.BUSY': 'Wait until the running {what} finishes, or cancel it.',
  'errors.UPLOAD_TOO_LARGE': '{file} is larger than the upload limit of {limit}.',
  'errors.ACCESS_DENIED': 'This request was refused: it did not come from the Modelwise window.',
  'errors.CHANNEL_UNKNOWN': 'Modelwise has no operation called "{channel}".',
  'errors.INTERNAL': 'Something went wrong inside Modelwise: {message}',
  'errors.RECIPE_COLUMN_NOT_FOUND':
    'Recipe step {step} ({op}) uses the column "{column}", which is not in the data at that point. Columns: {columns}.',
  'errors.RECIPE_REMOVES_TARGET':
    'Recipe step {step} ({op}) would take away "{column}", the target column the model predicts. Leave "{column}" in the data, or choose another target first (Template & target).',
  'errors.RECIPE_EMPTIES_TARGET':
    'Recipe step {step} ({op}) would leave no value of the target column "{column}" ({rows} rows left). Change or remove that step.',
  'errors.RECIPE_BREAKS_TARGET':
    'Recipe step {step} ({op}) would turn {count} values of the target column "{column}" into missing values (they cannot be converted). Keep the target\'s type, or choose another target first.',
  'errors.RECIPE_SINGLE_CLASS_TARGET':
    'Recipe step {step} ({op}) would leave the target column "{column}" with only one value ("{value}"), so there would be nothing to predict. Change or remove that step.',
  'errors.RECIPE_COMPARE_TEXT':
    'Recipe step {step} ({op}): "{column}" holds text, so it cannot be compared with {comparator}; use == or != or a list of values.',
  'errors.MODEL_PACKAGE_INVALID':
    '{path} is not a Modelwise model package ({reason}). Export one in the app (Export → Export model package) or write one with `modelwise run … --model FILE.zip`.',
  'errors.SCORE_COLUMN_MISSING': 'The model needs the column "{column}", which is not in {file}. Columns: {columns}.',
  'errors.SCORE_COLUMN_TYPE':
    'Column "{column}" of {file} holds text (e.g. "{value}", {count} values) where the model learned from numbers. Check that this is the same kind of file the model was trained on.',
} as const;
