import {
  METHODOLOGY_VERSION,
  RULE_WORDS,
  type RuleWords,
  SEVERITIES,
  WEAKNESS_KIND_IDS,
} from '../../methodology/index.ts';
import type {
  AssumptionFields,
  ChallengeReport,
  DimensionSpec,
  Dismissal,
  DismissalInput,
  Finding,
  Opportunity,
  RuleInfo,
} from '../../schema/index.ts';
import { filterDismissed } from './dismissals.ts';
import { buildFacts, type Rule } from './facts.ts';
import { assumptionRules } from './rules/assumptions.ts';
import { economicsRules } from './rules/economics.ts';
import { evidenceRules } from './rules/evidence.ts';
import { experimentRules } from './rules/experiments.ts';
import { framingRules } from './rules/framing.ts';
import { scoreRules } from './rules/scores.ts';
import { strategyRules } from './rules/strategy.ts';

/** Every rule, in a fixed order: scores, evidence, framing, experiments, assumptions, economics, strategy. */
export const RULES: readonly Rule[] = [
  ...scoreRules,
  ...evidenceRules,
  ...framingRules,
  ...experimentRules,
  ...assumptionRules,
  ...economicsRules,
  ...strategyRules,
];

const WORDS = new Map(RULE_WORDS.map((w) => [w.id, w]));

function wordsFor(id: string): RuleWords {
  const w = WORDS.get(id);
  // A rule without words is a programming error, caught by the tests, never a user's mistake.
  if (!w) throw new Error(`Rule "${id}" has no words in src/methodology/weaknesses.ts`);
  return w;
}

/** Fill `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export const fill = (template: string, vars: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export interface ChallengeContext {
  /** The workspace's dimensions, for names (scores on other dimensions are still read, by id). */
  dimensions: readonly DimensionSpec[];
  /** The moment judged as of (today, or a date asked for), for staleness, deadlines and future dates; the challenger never reads the clock. */
  now: Date;
  /** Recorded dismissals; their findings are left out of `challenge` and listed apart by `challengeReport`. */
  dismissed?: readonly (DismissalInput | Dismissal)[];
}

const severityRank = (s: Finding['severity']) => SEVERITIES.indexOf(s);
const kindRank = (k: Finding['kind']) => WEAKNESS_KIND_IDS.indexOf(k);
const ruleRank = new Map(RULES.map((r, i) => [r.id, i]));

/**
 * The moment a run "as of" a date judges at: 12:00 UTC of that day, the same for every caller, so the same data,
 * date and rules' version give the same findings.
 */
export const asOfMoment = (date: string): Date => new Date(`${date}T12:00:00Z`);

/** Every finding, dismissed or not, most severe first. Deterministic: the same input gives the same output. */
export function runRules(opportunity: Opportunity, ctx: Omit<ChallengeContext, 'dismissed'>): Finding[] {
  const facts = buildFacts(opportunity, ctx);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const words = wordsFor(rule.id);
    for (const hit of rule.check(facts)) {
      findings.push({
        id: `${rule.id}:${hit.subject}`,
        ruleId: rule.id,
        kind: words.kind,
        severity: hit.severity ?? words.severity,
        title: words.name,
        subject: hit.subject,
        explanation: fill(words.explanation, hit.vars),
        next: fill(words.next, hit.vars),
        nextType: words.nextType,
        references: hit.references,
        data: {
          ...(hit.data ?? {}),
          ...(words.assumption ? { suggestedAssumption: fill(words.assumption.statement, hit.vars) } : {}),
        },
      });
    }
  }
  return findings.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      kindRank(a.kind) - kindRank(b.kind) ||
      (ruleRank.get(a.ruleId) ?? 0) - (ruleRank.get(b.ruleId) ?? 0) ||
      a.subject.localeCompare(b.subject),
  );
}

/**
 * The challenger: every weakness the rules find in an opportunity, most severe first, without those dismissed.
 * Each finding names its rule, its kind, a severity, an explanation that cites the data, a next question or
 * test, and references to what it looked at.
 */
export function challenge(opportunity: Opportunity, ctx: ChallengeContext): Finding[] {
  return groupFindings(filterDismissed(runRules(opportunity, ctx), ctx.dismissed ?? []).active);
}

/**
 * One finding per situation: the findings of one rule on several subjects (three dimensions where assessors
 * disagree) become one, listing each in `items`, with the highest severity. Order stays most severe first.
 */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of findings) {
    if (done.has(f.ruleId)) continue;
    done.add(f.ruleId);
    const group = byRule.get(f.ruleId)!;
    if (group.length === 1) {
      out.push(f);
      continue;
    }
    const subjects = group.map((g) => g.subject);
    const references = new Map(group.flatMap((g) => g.references).map((r) => [`${r.type}:${r.id}:${r.path}`, r]));
    out.push({
      ...f,
      id: `${f.ruleId}:${subjects.join('+')}`,
      severity: group[0]!.severity,
      subject: subjects.join(', '),
      explanation: `${group.length} × ${f.title.charAt(0).toLowerCase()}${f.title.slice(1)}: ${group.map((g) => g.explanation).join(' ')}`,
      references: [...references.values()],
      data: { ...f.data, count: group.length, subjects: subjects.join(',') },
      items: group.map((g) => ({
        subject: g.subject,
        severity: g.severity,
        explanation: g.explanation,
        references: g.references,
      })),
    });
  }
  // A group takes the place of its most severe member, which the input order already put first.
  return out;
}

/** Only the recorded fields of a dismissal, whatever else the caller's record carries. */
const recorded = (d: DismissalInput | Dismissal): Dismissal => {
  const full = d as Dismissal;
  return {
    ruleId: d.ruleId,
    ...(d.subject !== undefined ? { subject: d.subject } : {}),
    reason: d.reason,
    ...(full.dismissedBy !== undefined ? { dismissedBy: full.dismissedBy } : {}),
    ...(full.dismissedAt !== undefined ? { dismissedAt: full.dismissedAt } : {}),
  };
};

/** The challenger's full answer: active findings, dismissed ones with their dismissal, and counts. */
export function challengeReport(opportunity: Opportunity, ctx: ChallengeContext): ChallengeReport {
  const { active: each, dismissed } = filterDismissed(runRules(opportunity, ctx), ctx.dismissed ?? []);
  const active = groupFindings(each);
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of active) counts[f.severity]++;
  return {
    methodologyVersion: METHODOLOGY_VERSION,
    asOf: ctx.now.toISOString().slice(0, 10),
    findings: active,
    dismissed: dismissed.map(({ finding, dismissal }) => ({ finding, dismissal: recorded(dismissal) })),
    counts,
    rulesRun: RULES.length,
  };
}

/**
 * The silent assumptions the findings surfaced, as draft assumptions ready to add to the map (kind "silent",
 * importance 4 until someone rates them). Findings without a suggested assumption are skipped.
 */
export function silentAssumptionDrafts(findings: readonly Finding[]): AssumptionFields[] {
  return findings.flatMap((f) => {
    const statement = f.data.suggestedAssumption;
    const words = WORDS.get(f.ruleId);
    if (typeof statement !== 'string' || !words?.assumption) return [];
    return [{ statement, kind: 'silent' as const, area: words.assumption.area, importance: 4 }];
  });
}

/** The rules as the API lists them. */
export function listRules(): RuleInfo[] {
  return RULES.map((r) => {
    const w = wordsFor(r.id);
    return { id: w.id, kind: w.kind, name: w.name, description: w.description, severity: w.severity };
  });
}
