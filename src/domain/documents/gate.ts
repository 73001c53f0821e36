import {
  EVIDENCE_STRENGTHS,
  type EvidenceStrength,
  GATE_READING,
  STAGES,
  STRENGTH_LABELS,
  type StageId,
} from '../../methodology/index.ts';
import type { Facts } from './facts.ts';
import type { ChallengerFinding, EvidenceItem } from './model.ts';
import { capitalise, formatNumber, has, listing, plural } from './text.ts';

export type GateStatus = 'met' | 'not met' | 'for the gate to judge';

export interface GateCheck {
  criterion: string;
  status: GateStatus;
  /** What the status rests on, from the data. */
  basis: string;
}

export interface GateReading {
  stage: StageId;
  stageName: string;
  next?: { id: StageId; name: string };
  checks: GateCheck[];
  /** One sentence: Vetted's reading of the criteria against the data, not a decision. */
  verdict: string;
  /** Further facts that bear on the decision (refuted assumptions, failed experiments). */
  warnings: string[];
  /** Open challenger findings of a blocking severity (critical, high): while any is open, the idea is not ready. */
  blocking: ChallengerFinding[];
}

const rank = (s: string) => EVIDENCE_STRENGTHS.indexOf(s as EvidenceStrength);

/** Whether a record is the submitter's (or the team's) own account rather than someone else's. */
export function ownEvidence(f: Facts, e: EvidenceItem): boolean {
  const source = e.source.toLowerCase();
  const submitter = f.submitter?.toLowerCase();
  return (submitter !== undefined && source.includes(submitter)) || GATE_READING.ownSource.test(source);
}

/** Evidence that carries weight for a gate: from someone other than the submitter, and at least an interview. */
export const weightyEvidence = (f: Facts): EvidenceItem[] =>
  f.evidence.filter((e) => !ownEvidence(f, e) && rank(e.strength) >= rank(GATE_READING.minStrength));

const NEXT: Partial<Record<StageId, StageId>> = {
  discovery: 'validation',
  validation: 'realization',
  realization: 'launched',
};
const nameOf = (id: StageId) => STAGES.find((s) => s.id === id)?.name ?? id;

type Checker = (f: Facts) => Omit<GateCheck, 'criterion'>;

const judge = (basis: string): Omit<GateCheck, 'criterion'> => ({ status: 'for the gate to judge', basis });

/** Checkers keyed by the criterion's exact words in the methodology; a criterion without one is for the gate. */
const CHECKERS: Record<string, Checker> = {
  'The problem is framed: current state, ideal state and the gap between them.': (f) => {
    const fields = { 'current state': f.frame.currentState, 'ideal state': f.frame.idealState, gap: f.frame.gap };
    const missing = Object.entries(fields)
      .filter(([, v]) => !has(v))
      .map(([k]) => k);
    return missing.length
      ? { status: 'not met', basis: `The frame lacks the ${listing(missing)}.` }
      : { status: 'met', basis: 'Current state, ideal state and gap are written.' };
  },
  'There is evidence beyond the submitter that the pain is real.': (f) => {
    const weighty = weightyEvidence(f);
    const own = f.evidence.filter((e) => ownEvidence(f, e)).length;
    const weak = f.evidence.length - weighty.length - own;
    const minimum = STRENGTH_LABELS[GATE_READING.minStrength].toLowerCase();
    const notCounted = [
      own ? `${plural(own, 'record')} from the submitter or the team` : '',
      weak ? `${plural(weak, 'record')} weaker than an ${minimum}` : '',
    ].filter(Boolean);
    const aside = notCounted.length ? ` Not counted: ${listing(notCounted)}.` : '';
    if (weighty.length) {
      return {
        status: 'met',
        basis: `${plural(weighty.length, 'record')} from people other than the submitter, each at least an ${minimum}.${aside}`,
      };
    }
    return {
      status: 'not met',
      basis: f.evidence.length
        ? `No record from anyone but the submitter is as strong as an ${minimum}.${aside}`
        : 'No evidence is recorded.',
    };
  },
  'All nine dimensions have been scored by at least one assessor.': (f) => {
    const scored = f.score.dimensions.filter((d) => d.mean !== null).length;
    const total = f.score.dimensions.length;
    if (scored === total && total > 0) return { status: 'met', basis: `All ${total} dimensions are scored.` };
    return {
      status: 'not met',
      basis: scored ? `${scored} of ${total} dimensions are scored.` : 'No dimension is scored yet.',
    };
  },
  'The riskiest assumptions have been tested against pre-registered criteria.': (f) => {
    const riskiest = f.assumptions.filter((a) => a.importance >= 4);
    if (!riskiest.length) return { status: 'not met', basis: 'No assumption of importance 4 or 5 is recorded.' };
    const tested = riskiest.filter((a) => a.status === 'supported' || a.status === 'refuted');
    return tested.length === riskiest.length
      ? {
          status: 'met',
          basis:
            riskiest.length === 1
              ? 'The one assumption of importance 4 or 5 has a decisive test result.'
              : `All ${riskiest.length} assumptions of importance 4 or 5 have a decisive test result.`,
        }
      : {
          status: 'not met',
          basis: `${tested.length} of ${plural(riskiest.length, 'assumption')} of importance 4 or 5 ${tested.length === 1 ? 'has' : 'have'} a decisive test result.`,
        };
  },
  'Demand is shown by behaviour (experiments or paying customers), not only by opinion.': (f) => {
    const behaviour = f.evidence.filter((e) => e.strength === 'experiment' || e.strength === 'paying');
    const passed = f.experiments.filter((e) => e.evaluation.outcome === 'passed');
    if (behaviour.length || passed.length) {
      return {
        status: 'met',
        basis: `${plural(behaviour.length, 'evidence record')} of behaviour and ${plural(passed.length, 'passed experiment')}.`,
      };
    }
    return { status: 'not met', basis: 'No evidence of behaviour (experiment or paying) and no passed experiment.' };
  },
  'The economics can work.': (f) => {
    const e = f.economics ?? {};
    const missing = [
      e.arpuMonthly === undefined && 'ARPU',
      e.grossMargin === undefined && 'gross margin',
      e.monthlyChurn === undefined && 'churn',
      e.cac === undefined && 'CAC',
    ].filter((x): x is string => typeof x === 'string');
    if (missing.length) return { status: 'not met', basis: `Unit economics lack ${listing(missing)}.` };
    const u = f.unit;
    if (u.problems.length) {
      return { status: 'not met', basis: `${capitalise(listing(u.problems.map((p) => p.replaceAll('-', ' '))))}.` };
    }
    if (u.ltvToCac === null) return judge('Lifetime value ÷ CAC cannot be computed (churn or CAC is 0).');
    const months = u.paybackMonths === null ? '' : `, payback ${formatNumber(u.paybackMonths)} months`;
    return { status: 'met', basis: `Lifetime value ÷ CAC ${formatNumber(u.ltvToCac)}${months}; no threshold broken.` };
  },
  'The MVP is defined and built.': () => judge('The opportunity file does not record the MVP build.'),
  'Success metrics and their targets are agreed.': (f) => {
    const own = f.input.opportunity.idea.successMetrics ?? [];
    if (own.length) {
      const label = own.length === 1 ? 'Success metric' : 'Success metrics';
      return judge(`${label}: ${own.map((s) => `${s.metric} to ${formatNumber(s.target)}`).join('; ')}.`);
    }
    const g = f.frame.gapMetric;
    return judge(
      g
        ? `Gap metric: ${g.metric} from ${formatNumber(g.current)} to ${formatNumber(g.target)} ${g.unit}.`
        : 'No gap metric is set.',
    );
  },
};

/** Vetted's reading of the stage's exit criteria against the data. The decision stays with the gate. */
export function readGate(f: Facts): GateReading {
  const stage = STAGES.find((s) => s.id === f.stage);
  const next = NEXT[f.stage];
  const checks: GateCheck[] = (stage?.exitCriteria ?? []).map((criterion) => ({
    criterion,
    ...(CHECKERS[criterion]?.(f) ?? judge('Vetted has no rule for this criterion.')),
  }));
  const warnings: string[] = [];
  for (const a of f.assumptions) {
    if (a.status === 'refuted') warnings.push(`Assumption refuted by an experiment: "${a.statement}".`);
  }
  for (const e of f.experiments) {
    if (e.evaluation.outcome === 'failed') warnings.push(`Experiment crossed its kill threshold: "${e.hypothesis}".`);
    if (e.moved.length) warnings.push(`Experiment criteria were changed after it started: "${e.hypothesis}".`);
  }
  const blocking = (f.findings ?? []).filter((x) =>
    (GATE_READING.blockingSeverities as readonly string[]).includes(x.severity.toLowerCase()),
  );
  let verdict: string;
  const unmet = checks.filter((c) => c.status === 'not met');
  const judged = checks.filter((c) => c.status === 'for the gate to judge');
  const findingsClause = blocking.length
    ? `${plural(blocking.length, 'critical or high challenger finding')} ${blocking.length === 1 ? 'is' : 'are'} open`
    : '';
  if (!next) {
    verdict = `No gate ahead: the idea is ${nameOf(f.stage)}.`;
  } else if (unmet.length || blocking.length) {
    const reasons = [
      unmet.length === checks.length
        ? `no exit criterion of ${nameOf(f.stage)} is met yet`
        : unmet.length
          ? `${unmet.length} of ${checks.length} exit criteria of ${nameOf(f.stage)} are not met yet`
          : '',
      findingsClause,
    ].filter(Boolean);
    verdict = `Not ready to advance to ${nameOf(next)}: ${listing(reasons)}.`;
  } else if (judged.length) {
    verdict =
      judged.length === 1
        ? `Ready to advance to ${nameOf(next)} if the gate judges the remaining criterion met.`
        : `Ready to advance to ${nameOf(next)} if the gate judges the ${judged.length} remaining criteria met.`;
  } else {
    verdict = `Ready to advance to ${nameOf(next)}: every exit criterion of ${nameOf(f.stage)} is met.`;
  }
  return {
    stage: f.stage,
    stageName: nameOf(f.stage),
    ...(next ? { next: { id: next, name: nameOf(next) } } : {}),
    checks,
    verdict,
    warnings,
    blocking,
  };
}
