/**
 * What a column's header says about personal data (SPEC §8): the entity it announces (phone, e-mail,
 * 身份证号…), or its class — direct identifier (HIPAA Safe Harbor identifiers, 45 CFR
 * 164.514(b)(2)), quasi-identifier, or sensitive attribute (GDPR Art. 9 special categories, PIPL
 * sensitive personal information). English rules match whole words of the snake_case form; Chinese
 * rules match substrings of the header.
 */
import type { EntityType } from '../../shared/model/privacy';

/**
 * The header as lower-case snake_case words: Unicode NFKC, camelCase split, every run of
 * characters other than letters and digits → `_`. `Customer E-Mail` → `customer_e_mail`.
 */
export function normalizeHeader(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1_$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

/** A whole-word rule over the snake_case header: `(^|_)(…)(_|$)`. */
const words = (alternatives: string) => new RegExp(`(?:^|_)(?:${alternatives})(?:_|$)`);

interface Rule<T> {
  what: T;
  en?: RegExp;
  zh?: RegExp;
  /** Headers that look like the rule but mean something else (birth place is not a birth date). */
  not?: RegExp;
}

/** Header rules that announce an entity, most specific first. */
const ENTITY_RULES: Rule<EntityType>[] = [
  { what: 'EMAIL', en: words('e_?mail|email_?address|mail_?address|mail'), zh: /邮箱|电子邮件|电邮/ },
  { what: 'IBAN', en: words('iban'), zh: /IBAN/i },
  { what: 'UUID', en: words('uuid|guid') },
  {
    what: 'PRC_ID',
    en: words('id_?card|idcard|id_?card_?(?:no|number)|resident_?id|citizen_?id|sfz|shenfenzheng'),
    zh: /身份证|公民身份号码/,
  },
  { what: 'US_SSN', en: words('ssn|social_?security(?:_?(?:number|no))?') },
  {
    what: 'CREDIT_CARD',
    en: words('credit_?card|debit_?card|card_?(?:number|no|num|nr)|cc_?(?:number|num|no)|pan'),
    zh: /卡号|银行卡|信用卡|借记卡/,
  },
  { what: 'IP', en: words('ip|ip_?addr(?:ess)?|ipv4|ipv6|client_?ip|remote_?addr'), zh: /IP地址/i },
  {
    what: 'PHONE',
    en: words('phone|telephone|tel|mobile|cellphone|cell_?phone|cell_?(?:number|no)|fax|msisdn|phone_?(?:number|no)'),
    zh: /电话|手机|联系方式|传真/,
  },
  {
    what: 'DATE_OF_BIRTH',
    en: words('dob|birth_?date|date_?of_?birth|birthday|birth_?dt|born(?:_on)?|birth'),
    zh: /出生日期|生日|出生年月/,
    not: words('place|country|city|town|weight|year|order|rate|state|province|location|region'),
  },
  {
    what: 'POSTAL_CODE',
    en: words('zip|zip_?code|zipcode|postal(?:_?code)?|post_?code|postcode|plz'),
    zh: /邮编|邮政编码/,
  },
  {
    what: 'PERSON',
    en: new RegExp(
      '^(?:(?:full|first|last|given|family|middle|maiden|nick|sur|fore)_?)?name$|^(?:first|last)$|' +
        words('surname|forename|firstname|lastname|fullname|given_?name|family_?name').source +
        '|(?:^|_)(?:customer|patient|client|employee|person|contact|applicant|borrower|member|student|owner|' +
        '(?:card|account|policy)_?holder|staff|driver|doctor|physician|nurse|teacher|guardian|parent|mother|father|' +
        'spouse|emergency_?contact|insured|beneficiary|recipient|sender|author)_(?:(?:full|first|last|given|family)_?)?name(?:_|$)',
    ),
    zh: /姓名|名字|联系人|^姓$|^名$|客户名称?$|患者名/,
  },
];

/** Direct identifiers without a value validator: record IDs, account numbers, addresses, URLs… */
const IDENTIFIER_RULES: Rule<'direct_identifier'>[] = [
  {
    what: 'direct_identifier',
    en: new RegExp(
      '^(?:id|uid|pid|row_?id|record_?id)$|' +
        '(?:^|_)(?:employee|customer|patient|client|user|member|account|person|student|applicant|operator|staff|subject|' +
        'borrower|policy|policyholder|passport|licen[cs]e|device|serial|vehicle|beneficiary|insured|citizen|worker|' +
        'visitor|guest|contract|record|case|badge)_?(?:id|no|nr|num|number|code|key)(?:_|$)|' +
        words(
          'mrn|medical_?record(?:_?(?:number|no))?|health_?plan_?(?:id|number|no)|passport|vin|licen[cs]e_?plate|plate_?number|' +
            'account_?number|bank_?account|url|website|homepage|street|address|street_?address|home_?address|mailing_?address|' +
            'username|user_?name|login|fingerprint|face_?image|photo',
        ).source,
    ),
    zh: /编号|工号|学号|会员号|客户号|账号|账户|病历号|住院号|门诊号|医保号|护照|驾驶证|车牌|地址|住址|网址|用户名/,
  },
];

/** Quasi-identifiers: combined, they can single a person out (Sweeney 2002). */
const QUASI_RULES: Rule<'quasi_identifier'>[] = [
  {
    what: 'quasi_identifier',
    en: words(
      'age|age_?group|age_?band|age_?cat|sex|gender|marital(?:_?status)?|personal_?status|birth_?year|year_?of_?birth|' +
        'birth_?place|place_?of_?birth|country_?of_?birth|native_?country|nationality|citizenship|city|town|county|' +
        'district|municipality|occupation|job_?title|profession|education|education_?level|employer|zip3',
    ),
  },
  // `job` alone is an occupation; `job_number` in a print shop is not.
  { what: 'quasi_identifier', en: /^job$/ },
  {
    what: 'quasi_identifier',
    zh: /性别|年龄|婚姻|籍贯|出生地|国籍|城市|区县|职业|学历|工作单位|出生年份/,
  },
];

/** Sensitive attributes: GDPR Art. 9(1) special categories (and Art. 10 criminal data), PIPL. */
const SENSITIVE_RULES: Rule<'sensitive'>[] = [
  {
    what: 'sensitive',
    en: words(
      'race|racial|ethnicity|ethnic|ethnic_?group|religion|religious|faith|belief|beliefs|political|politics|' +
        'party_?affiliation|trade_?union|union_?member(?:ship)?|sexual_?orientation|sex_?life|genetic|' +
        'genotype|dna|biometric|health|health_?status|diagnosis|diagnoses|disease|illness|medical|medication|' +
        'prescription|treatment|symptoms?|disability|disabled|hiv|pregnan(?:t|cy)|mental_?health|icd(?:_?10|_?9)?|' +
        'diabetes|cancer|hepatitis|depression',
    ),
    zh: /民族|种族|宗教|信仰|政治面貌|党派|工会|性取向|基因|生物识别|健康|诊断|疾病|病史|病情|用药|残疾|怀孕/,
  },
];

/** Criminal convictions and offences: not an Art. 9 category but GDPR Art. 10's own regime. */
const CRIMINAL_RULES: Rule<'criminal'>[] = [
  {
    what: 'criminal',
    en: words(
      'criminal|conviction|convictions|arrest|offen[cs]e|jail|prison|recid|recidivism|charge_?desc|charge_?degree',
    ),
    zh: /犯罪|前科|刑事|判决|拘留/,
  },
];

function match<T>(rules: Rule<T>[], header: string): T | null {
  const snake = normalizeHeader(header);
  for (const r of rules) {
    if (r.not?.test(snake)) continue;
    if ((r.en && r.en.test(snake)) || (r.zh && r.zh.test(header))) return r.what;
  }
  return null;
}

/** What the header alone says. `identifierPatterns` are a template's extra direct-identifier regexps. */
export interface HeaderHint {
  entity: EntityType | null;
  identifier: boolean;
  /** The header matched one of the template's `identifierPatterns`. */
  templateIdentifier: boolean;
  quasi: boolean;
  /** A GDPR Art. 9 special category or criminal data (Art. 10); see `criminal`. */
  sensitive: boolean;
  /** Criminal convictions and offences (GDPR Art. 10). */
  criminal: boolean;
}

/**
 * Classify a header. `identifierPatterns` are case-insensitive regular expressions (a template's
 * `privacy.identifierPatterns`, e.g. operator IDs); invalid ones are ignored by the caller's check.
 */
export function headerHint(header: string, identifierPatterns: RegExp[] = []): HeaderHint {
  const snake = normalizeHeader(header);
  return {
    entity: match(ENTITY_RULES, header),
    identifier: match(IDENTIFIER_RULES, header) !== null,
    templateIdentifier: identifierPatterns.some((re) => re.test(header) || re.test(snake)),
    quasi: match(QUASI_RULES, header) !== null,
    sensitive: match(SENSITIVE_RULES, header) !== null || match(CRIMINAL_RULES, header) !== null,
    criminal: match(CRIMINAL_RULES, header) !== null,
  };
}

/** Headers that announce a time, a measurement or a counter: their digit strings are not card numbers. */
export const MEASUREMENT_HEADER = words(
  'ms|millis|milliseconds|us|micros|ns|nanos|epoch|timestamp|ts|time|date|datetime|created|updated|seq|sequence|' +
    'count|amount|total|size|bytes|duration|offset|nonce|version|reading|value',
);

const AGE_RULE: Rule<'age'>[] = [{ what: 'age', en: words('age|age_?years|age_?in_?years'), zh: /年龄|岁数/ }];

/**
 * Whether the header names a person's age (`age`, `Age_years`, `年龄`): a numeric one can be
 * generalized into the age bands of SPEC §7.
 */
export function isAgeHeader(header: string): boolean {
  return match(AGE_RULE, header) !== null;
}
