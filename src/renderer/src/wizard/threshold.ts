/**
 * Train → Decision threshold: what the user typed, read into a threshold policy (SPEC §4) or into
 * the inline errors that say what to enter instead. Percentages are typed as 90 for 0.90; a fixed
 * threshold is typed as a probability (0.4).
 */
import type { ThresholdPolicyName, ThresholdRule } from '../../../shared/model/template';
import { ThresholdSettingSchema } from '../../../shared/model/train';

/** The inputs of one policy, as typed: `value` (threshold or percentage) or the two costs. */
export interface ThresholdDraft {
  policy: ThresholdPolicyName;
  value?: string;
  falseNegativeCost?: string;
  falsePositiveCost?: string;
}

export type ThresholdField = 'value' | 'falseNegativeCost' | 'falsePositiveCost';

/** Inline errors per input, as i18n keys. */
export type ThresholdErrors = Partial<Record<ThresholdField, string>>;

/** Policies whose value is typed as a percentage. */
const PERCENT: readonly ThresholdPolicyName[] = ['min_sensitivity', 'approval_rate'];

/** The number typed into an input: empty or not a finite number is NaN (and so refused). */
function number(text: string | undefined): number {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** `rule`'s value as the input shows it: a percentage for sensitivity and approval, else the probability. */
export function draftValue(rule: ThresholdRule): string {
  if (rule.policy === 'min_cost') return '';
  return PERCENT.includes(rule.policy) ? String(Math.round(rule.value * 1e6) / 1e4) : String(rule.value);
}

/**
 * Reads `draft` into a threshold policy, validated with `ThresholdSettingSchema` (a threshold or
 * approval rate strictly between 0 and 1, a sensitivity above 0 and at most 100 %, costs above
 * 0); otherwise the inputs in error, each with the message that says what to enter.
 */
export function parseThresholdDraft(
  draft: ThresholdDraft,
): { ok: true; rule: ThresholdRule } | { ok: false; errors: ThresholdErrors } {
  const candidate =
    draft.policy === 'min_cost'
      ? {
          policy: draft.policy,
          falseNegativeCost: number(draft.falseNegativeCost),
          falsePositiveCost: number(draft.falsePositiveCost),
        }
      : { policy: draft.policy, value: number(draft.value) / (PERCENT.includes(draft.policy) ? 100 : 1) };
  const parsed = ThresholdSettingSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const errors: ThresholdErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'value') errors.value = `wizard.train.threshold.invalid.${draft.policy}`;
    else if (field === 'falseNegativeCost' || field === 'falsePositiveCost')
      errors[field] = 'wizard.train.cost.invalid';
  }
  return { ok: false, errors };
}
