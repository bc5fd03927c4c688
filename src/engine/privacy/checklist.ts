/**
 * The regulation checklist (SPEC §8) as data: per regulation, the requirements a model built from
 * personal data meets or not. Each item names the check that decides its status — computed where
 * the app can know (model features, what the cleaned data still holds, k-anonymity), "to confirm"
 * where only the user can (a lawful basis, consent, an impact assessment). The requirement reads
 * `privacy.checklist.<id>` and its detail `privacy.check.<check>.<status>` in the i18n catalogs.
 */
import type { ChecklistItem, ChecklistStatus, Regulation } from '../../shared/model/privacy';

/** How an item's status is decided. */
export type ChecklistCheck =
  /** Only the user can know: always "to confirm". */
  | 'confirm'
  /** No direct identifier is a model feature (data minimisation). */
  | 'direct_not_features'
  /** No direct identifier is left in the cleaned data (dropped or generalized away). */
  | 'direct_removed'
  /** The cleaned data is k-anonymous on the chosen quasi-identifiers. */
  | 'k_anonymity'
  /** None of the HIPAA Safe Harbor identifiers the app detects is left in the cleaned data. */
  | 'safe_harbor'
  /**
   * No prohibited basis of credit decisions (race, sex, marital status, age…) is a model feature,
   * nor used by the decisions at scoring time (per-group thresholds).
   */
  | 'protected_not_features';

export interface ChecklistRule {
  /** `<regulation>.<requirement>`; the requirement's text is `privacy.checklist.<id>`. */
  id: string;
  regulation: Regulation;
  check: ChecklistCheck;
  /** Listed only when the data holds special-category data (sensitive columns, or health data). */
  special?: boolean;
}

/**
 * The checklist. Sources: GDPR (EU 2016/679) Art. 5(1)(c), 6, 9, 22, 25, 35 and Recital 26; CCPA
 * (Cal. Civ. Code §1798.100, .121, .140(m)); HIPAA Privacy Rule 45 CFR 164.508, 164.502(b),
 * 164.514(b); PIPL Art. 6, 13, 28–29, 55, 73(4); ECOA Regulation B 12 CFR 1002.6(b), 1002.9.
 */
export const CHECKLIST: readonly ChecklistRule[] = [
  { id: 'gdpr.lawful_basis', regulation: 'GDPR', check: 'confirm' },
  { id: 'gdpr.special_category', regulation: 'GDPR', check: 'confirm', special: true },
  { id: 'gdpr.minimisation', regulation: 'GDPR', check: 'direct_not_features' },
  { id: 'gdpr.pseudonymisation', regulation: 'GDPR', check: 'direct_removed' },
  { id: 'gdpr.k_anonymity', regulation: 'GDPR', check: 'k_anonymity' },
  { id: 'gdpr.dpia', regulation: 'GDPR', check: 'confirm' },
  { id: 'gdpr.automated_decisions', regulation: 'GDPR', check: 'confirm' },

  { id: 'ccpa.notice', regulation: 'CCPA', check: 'confirm' },
  { id: 'ccpa.sensitive', regulation: 'CCPA', check: 'confirm', special: true },
  { id: 'ccpa.minimisation', regulation: 'CCPA', check: 'direct_not_features' },
  { id: 'ccpa.deidentified', regulation: 'CCPA', check: 'k_anonymity' },

  { id: 'hipaa.authorization', regulation: 'HIPAA', check: 'confirm' },
  { id: 'hipaa.safe_harbor', regulation: 'HIPAA', check: 'safe_harbor' },
  { id: 'hipaa.minimum_necessary', regulation: 'HIPAA', check: 'direct_not_features' },
  { id: 'hipaa.k_anonymity', regulation: 'HIPAA', check: 'k_anonymity' },

  { id: 'pipl.consent', regulation: 'PIPL', check: 'confirm' },
  { id: 'pipl.sensitive_consent', regulation: 'PIPL', check: 'confirm', special: true },
  { id: 'pipl.minimisation', regulation: 'PIPL', check: 'direct_not_features' },
  { id: 'pipl.anonymised', regulation: 'PIPL', check: 'k_anonymity' },
  { id: 'pipl.pia', regulation: 'PIPL', check: 'confirm' },

  { id: 'ecoa.prohibited_basis', regulation: 'ECOA', check: 'protected_not_features' },
  { id: 'ecoa.adverse_action', regulation: 'ECOA', check: 'confirm' },
];

/** What the checks read, gathered by `assessPrivacy`. Column names are as imported unless noted. */
export interface ChecklistFacts {
  /** The regulations that apply (the template's; GDPR when it lists none). */
  regulations: readonly Regulation[];
  /** The dataset as a whole is health data. */
  healthData: boolean;
  /** Columns of special-category data (the scan's sensitive attributes). */
  special: readonly string[];
  /** The scan's direct identifiers. */
  direct: readonly string[];
  /** Direct identifiers still in the cleaned data (cleaned-data names). */
  directAfter: readonly string[];
  /** The trained model's features (cleaned-data names); null before training. */
  features: readonly string[] | null;
  /** Columns (cleaned-data names) that are prohibited bases of credit decisions. */
  protectedColumns: readonly string[];
  /**
   * Columns (cleaned-data names) the model's decisions use at scoring time besides its features:
   * those of per-group thresholds in use (bias mitigation, SPEC §7). Absent or empty: none.
   */
  decisionColumns?: readonly string[];
  /** The chosen quasi-identifiers. */
  quasiIdentifiers: readonly string[];
  /** k of the cleaned data, the k threshold, and the records below it (share in [0, 1]). */
  kAfter: number;
  kThreshold: number;
  belowKAfter: { records: number; share: number };
  /** Cleaned-data columns holding a Safe Harbor identifier the app detects. */
  safeHarborAfter: readonly string[];
}

type Params = Record<string, string | number | boolean | null>;

/** A share in [0, 1] as a percentage with one decimal, for a `{share} %` in the message. */
export const percent = (x: number): number => Math.round(x * 1000) / 10;

function item(id: string, status: ChecklistStatus, key: string, params: Params = {}): ChecklistItem {
  return { id, status, detail: { key, params } };
}

/** The status of one rule, with the detail that says why. */
function judge(rule: ChecklistRule, f: ChecklistFacts): ChecklistItem {
  const { id } = rule;
  const list = (cols: readonly string[]) => cols.join(', ');
  switch (rule.check) {
    case 'confirm':
      if (rule.special)
        return f.special.length
          ? item(id, 'to_confirm', 'privacy.check.special', { columns: list(f.special), health: f.healthData })
          : item(id, 'to_confirm', 'privacy.check.healthData');
      return item(id, 'to_confirm', 'privacy.check.confirm');
    case 'direct_not_features': {
      if (f.features === null) return item(id, 'to_confirm', 'privacy.check.direct_not_features.noModel');
      // Features are cleaned-data names: a renamed identifier is still one.
      const used = f.directAfter.filter((c) => f.features!.includes(c));
      return used.length
        ? item(id, 'not_met', 'privacy.check.direct_not_features.not_met', { columns: list(used) })
        : item(id, 'met', 'privacy.check.direct_not_features.met', { count: f.direct.length });
    }
    case 'direct_removed':
      return f.directAfter.length
        ? item(id, 'not_met', 'privacy.check.direct_removed.not_met', { columns: list(f.directAfter) })
        : item(id, 'met', 'privacy.check.direct_removed.met', { count: f.direct.length });
    case 'k_anonymity':
      if (f.quasiIdentifiers.length === 0) return item(id, 'to_confirm', 'privacy.check.k_anonymity.none');
      return f.kAfter >= f.kThreshold
        ? item(id, 'met', 'privacy.check.k_anonymity.met', { k: f.kAfter, threshold: f.kThreshold })
        : item(id, 'not_met', 'privacy.check.k_anonymity.not_met', {
            k: f.kAfter,
            threshold: f.kThreshold,
            records: f.belowKAfter.records,
            share: percent(f.belowKAfter.share),
          });
    case 'safe_harbor':
      return f.safeHarborAfter.length
        ? item(id, 'not_met', 'privacy.check.safe_harbor.not_met', { columns: list(f.safeHarborAfter) })
        : item(id, 'to_confirm', 'privacy.check.safe_harbor.to_confirm');
    case 'protected_not_features': {
      if (f.features === null) return item(id, 'to_confirm', 'privacy.check.protected_not_features.noModel');
      const used = f.protectedColumns.filter((c) => f.features!.includes(c));
      if (used.length)
        return item(id, 'not_met', 'privacy.check.protected_not_features.not_met', { columns: list(used) });
      // Per-group thresholds decide by the attribute itself (disparate treatment, Reg. B
      // 1002.4(a), 1002.6(b)): a prohibited basis used at scoring time fails like a feature does.
      const decides = f.protectedColumns.filter((c) => f.decisionColumns?.includes(c));
      return decides.length
        ? item(id, 'not_met', 'privacy.check.protected_not_features.decisions', { columns: list(decides) })
        : item(id, 'met', 'privacy.check.protected_not_features.met', {
            columns: f.protectedColumns.length ? list(f.protectedColumns) : null,
          });
    }
  }
}

/**
 * The checklist of each applicable regulation, in the order of `facts.regulations`; items about
 * special-category data only when the data holds some (sensitive columns, or health data).
 */
export function privacyChecklist(facts: ChecklistFacts): { regulation: Regulation; items: ChecklistItem[] }[] {
  const special = facts.healthData || facts.special.length > 0;
  return facts.regulations.map((regulation) => ({
    regulation,
    items: CHECKLIST.filter((r) => r.regulation === regulation && (!r.special || special)).map((r) => judge(r, facts)),
  }));
}
