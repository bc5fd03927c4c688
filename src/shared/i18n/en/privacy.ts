/** Messages of the personal-data scan (`src/engine/privacy`). */
export const privacy = {
  'privacy.reason.directIdentifier': 'Its values identify a person directly.',
  'privacy.reason.identifierHeader': 'Its name says it is an identifier of a person or record.',
  'privacy.reason.templateIdentifier': 'The template lists it as an identifier.',
  'privacy.reason.freeText': 'Free text that contains personal data.',
  'privacy.reason.criminal':
    'Data about criminal convictions and offences (GDPR Art. 10: processed only under official authority or where the law allows it).',
  'privacy.reason.sensitive': 'A special category of personal data (GDPR Art. 9, PIPL sensitive personal information).',
  'privacy.reason.quasiIdentifier': 'Combined with other columns it can single a person out.',
  'privacy.reason.none': 'No personal data found.',
  'privacy.invalid.checksum': 'check digit does not match',
  'privacy.invalid.date': 'not a valid birth date',
  'privacy.invalid.format': 'wrong length or characters',
  'privacy.invalid.range': 'number range never issued',
} as const;
