import type { DismissalInput, DismissedFinding, Finding } from '../../schema/index.ts';
import { ok, type Result, refuse } from '../result.ts';

/** Whether a dismissal covers a finding: same rule, and the same subject unless the dismissal names none. */
export const dismisses = (d: Pick<DismissalInput, 'ruleId' | 'subject'>, f: Finding): boolean =>
  d.ruleId === f.ruleId && (d.subject === undefined || d.subject === f.subject || d.subject === f.id);

/**
 * Split findings into those still active and those dismissed, each dismissed one with the dismissal that
 * covers it (the first recorded). Pure: storing dismissals is the caller's business.
 */
export function filterDismissed<D extends DismissalInput>(
  findings: readonly Finding[],
  dismissals: readonly D[] = [],
): { active: Finding[]; dismissed: { finding: Finding; dismissal: D }[] } {
  const active: Finding[] = [];
  const dismissed: { finding: Finding; dismissal: D }[] = [];
  for (const finding of findings) {
    const d = dismissals.find((x) => x.reason.trim().length > 0 && dismisses(x, finding));
    if (d) dismissed.push({ finding, dismissal: d });
    else active.push(finding);
  }
  return { active, dismissed };
}

/**
 * Check a dismissal before it is recorded: it needs a reason, a known rule, and, when it names a subject, one
 * the rule currently reports (pass the current findings), so a typo does not silently dismiss nothing.
 */
export function validateDismissal(
  input: DismissalInput,
  knownRuleIds: readonly string[],
  current?: readonly Finding[],
): Result<DismissalInput> {
  const reason = input.reason.trim();
  if (!reason) return refuse('A dismissal needs a reason: say why this finding does not apply.');
  if (!knownRuleIds.includes(input.ruleId)) return refuse(`Unknown rule "${input.ruleId}".`);
  if (current && !current.some((f) => dismisses(input, f))) {
    return refuse(
      input.subject
        ? `Rule "${input.ruleId}" reports nothing about "${input.subject}" for this idea.`
        : `Rule "${input.ruleId}" reports nothing for this idea.`,
    );
  }
  return ok({ ...input, reason });
}

export type { DismissedFinding };
