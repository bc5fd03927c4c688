/**
 * Data warnings of import and profile (`src/engine/data`), one message per warning code
 * (`warnings.<code>`), filled from the warning's `params`. The engine's English log line is this
 * text too. `{lines}` are file lines (the first 20; `{more}` counts the rest).
 */
export const warnings = {
  // Import: layout of the file.
  'warnings.preamble_skipped':
    '{count, plural, one {Line {first} above the table is a title or a note; it was skipped.} other {Lines {first}–{last} above the table are titles or notes; they were skipped.}}',
  'warnings.header_trailing_delimiter':
    'The header row (line {line}) has {header_fields} fields but the data rows have {data_fields}: it ends with a delimiter. The empty extra column was dropped.',
  'warnings.duplicate_header':
    'The column name "{name}" appears {count} times (columns {at}); the later copies were renamed {renamed}.',
  'warnings.blank_header':
    '{count, plural, one {Header cell {at} is empty; the column was named {names}.} other {Header cells {at} are empty; the columns were named {names}.}}',
  'warnings.empty_unnamed_column':
    'Column {number} has no name and no values (the rows end with a delimiter); it was dropped.',
  'warnings.non_data_footer_excluded':
    '{count, plural, one {Line {lines} after the last blank line is a note, not data; it was not imported.} other {Lines {lines} after the last blank line are notes, not data; they were not imported.}}',

  // Import: rows that could not be read as they are.
  'warnings.short_row': 'Line {line} has {found_fields} of {expected_fields} fields; the missing ones were left empty.',
  'warnings.short_rows_more':
    '{count, plural, one {# more line is short and was padded with empty fields.} other {# more lines are short and were padded with empty fields.}}',
  'warnings.blank_line_skipped':
    '{count, plural, one {Line {lines} holds only spaces; it was skipped.} other {Lines {lines}{more, plural, =0 {} other { and # more}} hold only spaces; they were skipped.}}',
  'warnings.long_row':
    '{count, plural, one {Line {lines} has more than {expected_fields} fields; it was skipped.} other {# lines have more than {expected_fields} fields and were skipped: lines {lines}{more, plural, =0 {} other { and # more}}.}}',
  'warnings.bad_quote':
    '{count, plural, one {Line {lines} could not be read ({why}); it was skipped.} other {# lines could not be read ({why}) and were skipped: lines {lines}{more, plural, =0 {} other { and # more}}.}}',
  'warnings.undecodable_bytes':
    '{count, plural, one {Line {lines} holds bytes that are not text in the file’s encoding; it was skipped.} other {# lines hold bytes that are not text in the file’s encoding and were skipped: lines {lines}{more, plural, =0 {} other { and # more}}.}}',
  'warnings.why.text_after_quote': 'text after a closing quote',
  'warnings.why.unterminated_quote': 'a quote that is never closed',

  // Import: how values were read.
  'warnings.type_override_lost_values':
    'Column "{column}" is read as {typeName}, as requested; {count, plural, one {# value that does not fit became missing} other {# values that do not fit became missing}}.',
  'warnings.excel_serial_date':
    'Column "{column}" holds whole numbers from {min} to {max} that look like Excel serial dates; they were kept as numbers. If they are dates, convert them with "Convert to dates" (on the column, or as a step in Clean & augment; the {system} date system, day 0 = {origin}).',
  'warnings.identifier_precision_lost':
    'Column "{column}" holds long numbers in spreadsheet notation (such as {example}): their last digits were lost before the file was saved, so they are kept as text{groups, plural, =0 {} one {, and # group of rows now shares one value} other {, and # groups of rows now share one value each}}. Export the column as text from its source again.',
  'warnings.mixed_date_formats':
    'Column "{column}" mixes day-first and month-first dates (values above 12 in both places); it was kept as text.',
  'warnings.ambiguous_date_format':
    'Column "{column}": no value shows whether the dates are day-first or month-first; they were read as {format}. Change it in the preview if that is wrong.',

  // Profile.
  'warnings.duplicate_rows':
    '{count, plural, one {# row repeats an earlier row exactly.} other {# rows repeat an earlier row exactly.}}',
  'warnings.empty_column': 'Column "{column}" has no values.',
  'warnings.constant_column':
    'Column "{column}" has the same value ({value}) in every row that has one; it cannot help a model.',
  'warnings.id_like_column':
    'Column "{column}" identifies rows rather than describing them; it is kept out of the model’s features.',
  'warnings.high_cardinality':
    'Column "{column}" has {distinct} different values; as a category it would make very many features.',
  'warnings.mostly_missing':
    'Column "{column}" is missing in {count, plural, one {# row} other {# rows}} ({percent} %): most of its values would have to be made up, so dropping it is proposed.',
  'warnings.strong_predictor':
    'Column "{column}" alone predicts the target "{target}" for {percent} % of rows{via, select, missingness { (by whether it is missing)} other {}}. That may be a real signal, or it may record the outcome: check that it is known before the prediction is made.',
  'warnings.missing_values':
    'Column "{column}" is missing in {count, plural, one {# row} other {# rows}} ({percent} %).',
  'warnings.personal_data_suspected':
    'Column "{column}" looks like personal data{entity, select, null {} other { ({entityName})}} from its name; review it in the privacy step.',
  'warnings.zero_as_missing':
    'Column "{column}" has {count, plural, one {# zero} other {# zeros}} far below its other values (the smallest is {min}); here 0 probably means “not measured”, so the zeros can be marked as missing.',
  'warnings.category_spelling':
    'Column "{column}" writes {groups, plural, one {one value} other {# values}} in several ways that differ only in capital letters or spaces ({examples}); they can be merged.',
  'warnings.target_single_class':
    'The target "{column}" has a single class: "{value}" in {count, plural, one {the only row} other {all # rows}} that have a value. A model needs at least two classes to learn from.',
  'warnings.class_imbalance': 'The target "{target}" is imbalanced: class "{class}" is only {percent} % of the rows.',
  'warnings.target_leakage':
    'Column "{column}" predicts the target "{target}" almost perfectly on its own{via, select, missingness { (whether it is missing already gives the answer away)} other {}}; it probably records the outcome and should not be a feature.',
  'warnings.target_missing': 'Rows without a value of the target "{column}" cannot be learned from; drop them.',
} as const;
