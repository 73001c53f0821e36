import {
  ASSUMPTION_EVIDENCE_LEVEL,
  CHALLENGE_THRESHOLDS,
  ECONOMICS_ASSUMPTION,
  ECONOMICS_INPUT_NAMES,
  ECONOMICS_INPUTS,
  type EvidenceStrength,
} from '../methodology/index.ts';
import type {
  AssumptionFields,
  AssumptionMapEntry,
  AssumptionStatus,
  ExperimentEvaluation,
  Opportunity,
} from '../schema/index.ts';
import { formatMoney, formatShare } from './economics.ts';
import { evaluateExperiment } from './experiments.ts';
import { strongest } from './scoring.ts';

/** How findings and the map name an assumption: its ref, or its position. */
/**
 * The ref a new assumption gets when none is given: A1, A2…, one more than the highest such number the idea's
 * assumptions ever had (removed ones included), so a ref, once cited, never comes to mean another assumption.
 */
export function nextAssumptionRef(used: readonly string[]): string {
  const numbers = used.map((r) => /^A(\d{1,6})$/.exec(r)).map((m) => (m ? Number(m[1]) : 0));
  return `A${Math.max(0, ...numbers) + 1}`;
}

export const assumptionRef = (a: Pick<AssumptionFields, 'ref'>, index: number): string => a.ref ?? `#${index + 1}`;

const round = (n: number) => Math.round(n * 100) / 100;
const KIND_ORDER = { silent: 0, uncertainty: 1, risk: 2 } as const;

type MapInput = Pick<Opportunity, 'assumptions' | 'evidence' | 'experiments'> & Pick<Partial<Opportunity>, 'economics'>;

/** Whether an experiment's tests point at this assumption, by ref or by position (#n). */
export const testsAssumption = (tests: readonly string[] | undefined, a: AssumptionFields, index: number): boolean =>
  (tests ?? []).some((t) => t === assumptionRef(a, index) || (a.ref !== undefined && t === a.ref));

function statusOf(evaluations: readonly ExperimentEvaluation[]): AssumptionStatus {
  const failed = evaluations.some((e) => e.outcome === 'failed');
  const passed = evaluations.some((e) => e.outcome === 'passed');
  if (failed && passed) return 'inconclusive';
  if (failed) return 'refuted';
  if (passed) return 'supported';
  if (evaluations.some((e) => e.outcome === 'mixed' || e.outcome === 'no-criteria')) return 'inconclusive';
  if (evaluations.some((e) => ['in-progress', 'insufficient-sample', 'overdue'].includes(e.outcome))) return 'testing';
  return 'untested';
}

/**
 * Unit-economics inputs marked as assumptions: each is on the map, untested, until it gets a source. Their
 * refs (`economics.cac`…) cannot clash with an assumption's (A1, A2…, or #n).
 */
function economicsAssumptions(o: MapInput, first: number): AssumptionMapEntry[] {
  const e = o.economics;
  if (!e?.basis) return [];
  const { importance, area, kind } = ECONOMICS_ASSUMPTION;
  return ECONOMICS_INPUTS.filter((k) => e[k] !== undefined && e.basis?.[k]?.kind === 'assumption').map((k, i) => {
    const value = e[k]!;
    const shown = k === 'grossMargin' || k === 'monthlyChurn' ? formatShare(value) : formatMoney(value, e.currency);
    const note = e.basis?.[k]?.note;
    return {
      ref: `economics.${k}`,
      index: first + i,
      rank: 0,
      statement: `The ${ECONOMICS_INPUT_NAMES[k]} is ${shown}${note ? ` (${note})` : ''}.`,
      kind,
      area,
      importance,
      evidenceRefs: [],
      strongestEvidence: null,
      experiments: [],
      status: 'untested',
      evidenceLevel: 0,
      risk: importance,
      quadrant: importance >= CHALLENGE_THRESHOLDS.importantAssumption ? 'test-first' : 'watch',
      why: `Importance ${importance} of 5, an economics input marked as an assumption, no source: test it or find one.`,
    };
  });
}

/**
 * The assumption map: every assumption with what is known about it, riskiest first. Risk is importance ×
 * (1 − evidence level), where the evidence level comes from the strongest evidence linked to it and from the
 * experiments that tested it: important and least evidenced comes first.
 */
export function assumptionMap(opportunity: MapInput, now: Date): AssumptionMapEntry[] {
  const evidence = new Map((opportunity.evidence ?? []).map((e) => [e.ref, e]));
  const experiments = (opportunity.experiments ?? []).map((x, i) => ({ x, evaluation: evaluateExperiment(x, i, now) }));
  const { importantAssumption, knownEvidenceLevel } = CHALLENGE_THRESHOLDS;

  const entries = (opportunity.assumptions ?? []).map((a, index) => {
    const ref = assumptionRef(a, index);
    const evidenceRefs = a.evidence ?? [];
    const strengths = evidenceRefs.flatMap((r) => {
      const e = evidence.get(r);
      return e ? [e.strength as EvidenceStrength] : [];
    });
    const best = strongest(strengths);
    const tested = experiments.filter(({ x }) => testsAssumption(x.tests, a, index));
    const evaluations = tested.map((t) => t.evaluation);
    const status = statusOf(evaluations);
    let level = ASSUMPTION_EVIDENCE_LEVEL[best ?? 'none'];
    const paidTest = tested.some(({ x, evaluation }) => x.method === 'pre-sale' && evaluation.conclusive);
    if (status === 'supported' || status === 'refuted') {
      level = Math.max(level, paidTest ? ASSUMPTION_EVIDENCE_LEVEL.paying : ASSUMPTION_EVIDENCE_LEVEL.experiment);
    } else if (status === 'inconclusive') level = Math.max(level, ASSUMPTION_EVIDENCE_LEVEL.survey);
    const risk = round(a.importance * (1 - level));
    const important = a.importance >= importantAssumption;
    const known = level >= knownEvidenceLevel;
    const quadrant = important ? (known ? 'known' : 'test-first') : known ? 'low-priority' : 'watch';
    const evidenceWords = best
      ? `strongest evidence: ${best}`
      : evidenceRefs.length
        ? 'linked evidence not found'
        : 'no evidence';
    const testWords =
      evaluations.length === 0 ? 'no experiment' : evaluations.map((e) => `${e.ref} ${e.outcome}`).join(', ');
    const advice =
      status === 'refuted'
        ? 'refuted by a test: rethink what depends on it'
        : quadrant === 'test-first'
          ? 'test it first'
          : quadrant === 'known'
            ? 'known well enough for now'
            : quadrant === 'watch'
              ? 'keep an eye on it'
              : 'low priority';
    const entry: AssumptionMapEntry = {
      ref,
      index,
      rank: 0,
      statement: a.statement,
      kind: a.kind,
      area: a.area,
      importance: a.importance,
      evidenceRefs: [...evidenceRefs],
      strongestEvidence: best,
      experiments: evaluations.map((e) => ({ ref: e.ref, outcome: e.outcome })),
      status,
      evidenceLevel: level,
      risk,
      quadrant,
      why: `Importance ${a.importance} of 5, ${evidenceWords}, ${testWords} (${status}): ${advice}.`,
    };
    return entry;
  });

  entries.push(...economicsAssumptions(opportunity, entries.length));
  entries.sort(
    (p, q) =>
      q.risk - p.risk ||
      q.importance - p.importance ||
      p.evidenceLevel - q.evidenceLevel ||
      KIND_ORDER[p.kind] - KIND_ORDER[q.kind] ||
      p.index - q.index,
  );
  return entries.map((e, i) => ({ ...e, rank: i + 1 }));
}
