/** Messages of the personal-data scan, the re-identification risk and the regulation checklist (SPEC §8). */
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
  // Re-identification risk (SPEC §8), in the Privacy step and the report.
  'summary.privacy.risk':
    'Re-identification risk on {columns} after cleaning: the smallest group of records sharing these values has {k, plural, one {# record} other {# records}} (k = {k}, threshold {threshold}); {unique} of the records are unique and {below} are in groups smaller than {threshold}.',
  'report.privacy.health':
    'The dataset as a whole is health data: a special category under GDPR Art. 9, protected health information under HIPAA and sensitive personal information under PIPL, even where no single column is flagged.',
  'report.privacy.risk.title': 'Re-identification risk',
  'report.privacy.risk.intro':
    'Records with the same values of the quasi-identifiers form an equivalence class: the smaller a record’s class, the easier it is to find. Measured as ARX does (k-anonymity, prosecutor risk) on the data as imported and on the cleaned data the model is trained on.',
  'report.privacy.risk.quasi': 'Quasi-identifiers: {columns}.',
  'report.privacy.risk.noQuasi':
    'No quasi-identifiers are chosen, so the risk of finding a person from what someone knows about them is not measured.',
  'report.privacy.risk.threshold':
    'k threshold: {k} ({source, select, user {your choice} template {the template’s} other {the default}}).',
  'report.privacy.risk.removed': 'The cleaning recipe removed {columns}: they no longer count after cleaning.',
  'report.privacy.risk.sentence.unique':
    '{share} of the records are unique on {columns}: anyone who knows {n, plural, one {this one fact} other {these # facts}} about a person can find their row.',
  'report.privacy.risk.sentence.belowK':
    'No record is unique on {columns}, but {share} of the records share these values with fewer than {k} records in all, so they are easier to single out than the threshold allows.',
  'report.privacy.risk.sentence.safe':
    'Every combination of {columns} is shared by at least {k} records: knowing these things about a person narrows them down to {k} or more rows.',
  'report.privacy.risk.sentence.empty': 'The table has no records.',
  'report.privacy.risk.measure': 'Measure',
  'report.privacy.risk.before': 'As imported',
  'report.privacy.risk.after': 'After cleaning',
  'report.privacy.risk.rows': 'Records',
  'report.privacy.risk.classes': 'Equivalence classes',
  'report.privacy.risk.k': 'k-anonymity (smallest class)',
  'report.privacy.risk.belowK': 'Records in classes smaller than {k}',
  'report.privacy.risk.unique': 'Unique records',
  'report.privacy.risk.highest': 'Prosecutor risk, highest',
  'report.privacy.risk.average': 'Prosecutor risk, average',
  'report.privacy.risk.atRisk': 'Records with a risk above 1/{k}',
  'report.privacy.risk.l': 'Distinct ℓ-diversity of {column}',
  'report.privacy.risk.lValue': '{l} ({share} of records in classes with one value)',
  'report.privacy.risk.count': '{records} ({share})',
  'report.privacy.risk.gone': 'removed',
  'report.privacy.risk.note':
    'Prosecutor risk of a record is 1 / the size of its class; the average is the number of classes / the number of records.',
  'report.privacy.risk.lNote':
    'ℓ = 1 means some class holds a single value of the sensitive attribute: whoever finds a person’s class learns it.',
  'report.privacy.membership.title': 'Membership-inference audit',
  'report.privacy.membership.intro':
    'Can someone holding the model tell whether a person was in its training data? The loss-threshold attack (Yeom et al. 2018) guesses "in the training data" when the model\'s error on a record is small; it was run on {members} training records and {nonMembers} test records.',
  'report.privacy.membership.low':
    "Attack ROC AUC {auc} (advantage {advantage}): close to 0.5, a coin toss — the model's errors do not give away who was in the training data.",
  'report.privacy.membership.unclear':
    'Attack ROC AUC {auc} (advantage {advantage}): with {n} records on each side this cannot be told apart from a coin toss (0.5 ± {margin}). A larger test split would tell more.',
  'report.privacy.membership.some':
    'Attack ROC AUC {auc} (advantage {advantage}): slightly better than a coin toss — the model fits its training records a little more closely than new ones.',
  'report.privacy.membership.high':
    'Attack ROC AUC {auc} (advantage {advantage}): the model fits its training records clearly more closely than new ones, so it reveals who was in the training data. Train with more data, more dropout or fewer epochs before sharing the model.',
  'report.privacy.checklist.title': 'Regulation checklist',
  'report.privacy.checklist.intro':
    'Items the app can check are marked met or not met from the data and the model; the others are yours to confirm.',
  'report.privacy.checklist.requirement': 'Requirement',
  'report.privacy.checklist.status': 'Status',
  'report.privacy.checklist.detail': 'Why',
  'report.privacy.checklist.status.met': 'Met',
  'report.privacy.checklist.status.not_met': 'Not met',
  'report.privacy.checklist.status.to_confirm': 'To confirm',
  'privacy.regulation.GDPR': 'GDPR (EU General Data Protection Regulation)',
  'privacy.regulation.CCPA': 'CCPA / CPRA (California)',
  'privacy.regulation.HIPAA': 'HIPAA Privacy Rule (US health information)',
  'privacy.regulation.PIPL': 'PIPL (China’s Personal Information Protection Law)',
  'privacy.regulation.ECOA': 'ECOA / Regulation B (US credit)',
  'privacy.checklist.gdpr.lawful_basis': 'A lawful basis for processing the personal data (Art. 6).',
  'privacy.checklist.gdpr.special_category':
    'A condition of Art. 9(2) (e.g. explicit consent) for special-category data such as health, race or religion.',
  'privacy.checklist.gdpr.minimisation': 'Data minimisation: direct identifiers are not model features (Art. 5(1)(c)).',
  'privacy.checklist.gdpr.pseudonymisation':
    'Data protection by design: direct identifiers are removed or pseudonymised before modelling (Art. 25, 32).',
  'privacy.checklist.gdpr.k_anonymity':
    'People cannot be singled out from the quasi-identifiers: k-anonymity reaches the threshold (Recital 26).',
  'privacy.checklist.gdpr.dpia':
    'A data protection impact assessment where processing is likely high-risk, e.g. special categories at scale or profiling (Art. 35).',
  'privacy.checklist.gdpr.automated_decisions':
    'People subject to decisions based solely on the model can obtain human intervention and contest them (Art. 22).',
  'privacy.checklist.ccpa.notice':
    'A notice at collection tells consumers the categories of personal information and the purposes (§1798.100).',
  'privacy.checklist.ccpa.sensitive':
    'Use of sensitive personal information is limited, or consumers can limit it (§1798.121).',
  'privacy.checklist.ccpa.minimisation':
    'Collection and use are reasonably necessary and proportionate: direct identifiers are not model features (§1798.100(c)).',
  'privacy.checklist.ccpa.deidentified':
    'The data cannot reasonably be linked to a consumer: k-anonymity reaches the threshold (deidentified, §1798.140(m)).',
  'privacy.checklist.hipaa.authorization':
    'An authorization, an IRB or privacy-board waiver, or another permitted use covers the protected health information (45 CFR 164.508, 164.512).',
  'privacy.checklist.hipaa.safe_harbor':
    'Safe Harbor de-identification: none of the 18 identifiers remains, e.g. names, dates other than the year, ZIP codes, ages over 89 (45 CFR 164.514(b)(2)).',
  'privacy.checklist.hipaa.minimum_necessary':
    'Minimum necessary: direct identifiers are not model features (45 CFR 164.502(b)).',
  'privacy.checklist.hipaa.k_anonymity':
    'For expert determination, the risk of re-identification is very small: k-anonymity reaches the threshold (45 CFR 164.514(b)(1)).',
  'privacy.checklist.pipl.consent':
    'Consent, or another legal basis, for processing the personal information (Art. 13).',
  'privacy.checklist.pipl.sensitive_consent':
    'Separate consent and a specific purpose and necessity for sensitive personal information such as medical health (Art. 28, 29).',
  'privacy.checklist.pipl.minimisation':
    'Processing is limited to the minimum scope needed: direct identifiers are not model features (Art. 6).',
  'privacy.checklist.pipl.anonymised':
    'The data cannot identify a specific person: k-anonymity reaches the threshold (anonymisation, Art. 73(4)).',
  'privacy.checklist.pipl.pia':
    'A personal information protection impact assessment for sensitive information or automated decision-making (Art. 55, 56).',
  'privacy.checklist.ecoa.prohibited_basis':
    'Prohibited bases (race, sex, marital status, national origin, religion, age…) are not model features (12 CFR 1002.6(b)).',
  'privacy.checklist.ecoa.adverse_action':
    'Applicants who are declined can be given the principal reasons (12 CFR 1002.9).',
  'privacy.check.confirm': 'The app cannot know this: confirm it yourself.',
  'privacy.check.special':
    'Special-category data: {columns}{health, select, true { (and the dataset as a whole is health data)} other {}}. Confirm it yourself.',
  'privacy.check.healthData': 'The dataset as a whole is health data. Confirm it yourself.',
  'privacy.check.direct_not_features.noModel':
    'No model yet; direct identifiers are left out of the features by default.',
  'privacy.check.direct_not_features.met':
    '{count, plural, =0 {No direct identifier was found.} one {The direct identifier found is not a feature of the model.} other {None of the # direct identifiers found is a feature of the model.}}',
  'privacy.check.direct_not_features.not_met': 'The model uses {columns} as features.',
  'privacy.check.direct_removed.met':
    '{count, plural, =0 {No direct identifier was found.} other {The cleaned data holds no direct identifier.}}',
  'privacy.check.direct_removed.not_met': 'The cleaned data still holds {columns}: drop them in the cleaning recipe.',
  'privacy.check.k_anonymity.none':
    'No quasi-identifiers are chosen: confirm that no column could single a person out.',
  'privacy.check.k_anonymity.met': 'After cleaning, k = {k}, at least the threshold {threshold}.',
  'privacy.check.k_anonymity.not_met':
    'After cleaning, k = {k}, below the threshold {threshold}: {records} records ({share}%) are in smaller classes.',
  'privacy.check.safe_harbor.not_met': 'The cleaned data still holds {columns}.',
  'privacy.check.safe_harbor.to_confirm':
    'None of the identifiers the app detects remains; confirm the others (e.g. photos, device numbers) and that you do not know of a way to identify anyone.',
  'privacy.check.protected_not_features.noModel': 'No model yet: confirm once it is trained.',
  'privacy.check.protected_not_features.met':
    '{columns, select, null {No prohibited basis was found among the columns.} other {{columns}: not features of the model.}}',
  'privacy.check.protected_not_features.not_met': 'The model uses {columns} as features.',
  'wizard.busy.privacyRisk': 'Measuring the re-identification risk …',
  'wizard.privacy.quasi.legend': 'Quasi-identifiers to measure',
  'wizard.privacy.quasi.hint':
    'Ticked at first: the columns the scan classes as quasi-identifiers. Tick any other column someone could know about a person.',
  'wizard.privacy.quasi.reset': 'Back to the scan’s choice',
  'wizard.privacy.k': 'k threshold',
  'wizard.privacy.kInvalid': 'k must be a whole number from 2 to 1000; the k in force is kept.',
  'wizard.privacy.kHint': 'Each record should share its quasi-identifiers with at least k − 1 others.',
  'wizard.privacy.offer.drop': 'Drop column',
  'wizard.privacy.offer.generalize': 'Generalize to age bands',
  'wizard.privacy.offer.applied.drop': 'Dropped in the recipe',
  'wizard.privacy.offer.applied.generalize': 'Generalized in the recipe',
} as const;
