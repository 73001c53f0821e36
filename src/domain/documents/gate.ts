import { STAGES, type StageId } from '../../methodology/index.ts';
import type { Facts } from './facts.ts';
import { capitalise, formatNumber, has, listing } from './text.ts';

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
}

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
    const submitter = f.submitter?.toLowerCase();
    const outside = f.evidence.filter((e) => e.source.toLowerCase() !== submitter);
    return outside.length
      ? { status: 'met', basis: `${outside.length} evidence record(s) from sources other than the submitter.` }
      : { status: 'not met', basis: 'No evidence from anyone but the submitter is recorded.' };
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
      ? { status: 'met', basis: `All ${riskiest.length} assumption(s) of importance 4-5 have a decisive test result.` }
      : {
          status: 'not met',
          basis: `${tested.length} of ${riskiest.length} assumption(s) of importance 4-5 have a decisive test result.`,
        };
  },
  'Demand is shown by behaviour (experiments or paying customers), not only by opinion.': (f) => {
    const behaviour = f.evidence.filter((e) => e.strength === 'experiment' || e.strength === 'paying');
    const passed = f.experiments.filter((e) => e.evaluation.outcome === 'passed');
    if (behaviour.length || passed.length) {
      return {
        status: 'met',
        basis: `${behaviour.length} evidence record(s) of behaviour, ${passed.length} passed experiment(s).`,
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
    if (own.length) return judge(`Success metric(s): ${own.map((s) => `${s.metric} to ${s.target}`).join('; ')}.`);
    const g = f.frame.gapMetric;
    return judge(g ? `Gap metric: ${g.metric} from ${g.current} to ${g.target} ${g.unit}.` : 'No gap metric is set.');
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
  let verdict: string;
  const unmet = checks.filter((c) => c.status === 'not met');
  const judged = checks.filter((c) => c.status === 'for the gate to judge');
  if (!next) {
    verdict = `No gate ahead: the idea is ${nameOf(f.stage)}.`;
  } else if (unmet.length === checks.length) {
    verdict = `Not ready to advance to ${nameOf(next)}: no exit criterion of ${nameOf(f.stage)} is met yet.`;
  } else if (unmet.length) {
    verdict = `Not ready to advance to ${nameOf(next)}: ${unmet.length} of ${checks.length} exit criteria of ${nameOf(f.stage)} not met yet.`;
  } else if (judged.length) {
    verdict = `Ready to advance to ${nameOf(next)} if the gate judges the ${judged.length} remaining criterion(s) met.`;
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
  };
}
