import {
  CHALLENGE_THRESHOLDS,
  ECONOMICS_INPUTS,
  type EvidenceStrength,
  type Severity,
  type StageId,
} from '../../methodology/index.ts';
import type {
  AssumptionFields,
  AssumptionMapEntry,
  DimensionSpec,
  ExperimentEvaluation,
  ExperimentFields,
  FindingReference,
  GoalpostMove,
  Opportunity,
  OpportunityEvidence,
  UnitEconomics,
} from '../../schema/index.ts';
import { assumptionMap, assumptionRef } from '../assumptions.ts';
import { normaliseEconomics, unitEconomics } from '../economics.ts';
import {
  type Criteria,
  daysSince,
  evaluateExperiment,
  experimentRef,
  movesSinceStart,
  registeredCriteria,
} from '../experiments.ts';
import { strongest } from '../scoring.ts';
import { sourceGrouper } from './text.ts';

/** What the challenger knows about an opportunity, computed once and shared by every rule. */
export interface ScoreRow {
  assessor: string;
  assessorIndex: number;
  dimension: string;
  score: number;
  confidence: string;
  cited: string[];
  path: string;
}

export interface EvidenceRow {
  e: OpportunityEvidence;
  index: number;
  ref: string;
  ageDays: number;
  /** Older than the staleness limit. */
  stale: boolean;
  /** Dated after the day judged as of: its age is unknown, so it is neither fresh nor stale. */
  future: boolean;
  source: string;
}

export interface ExperimentRow {
  x: ExperimentFields;
  index: number;
  ref: string;
  evaluation: ExperimentEvaluation;
  current: ExperimentEvaluation;
  registered: Criteria;
  registeredSource: 'locked' | 'reconstructed' | 'current';
  moves: GoalpostMove[];
  assumptions: AssumptionRow[];
}

export interface AssumptionRow {
  a: AssumptionFields;
  index: number;
  ref: string;
  map: AssumptionMapEntry;
  /** Tested: a running or completed experiment, or evidence from an experiment or payment. */
  tested: boolean;
  experiments: ExperimentRow[];
}

export interface Facts {
  opp: Opportunity;
  now: Date;
  /** The day judged as of, YYYY-MM-DD (UTC). */
  asOf: string;
  stage: StageId;
  dimensionName: (id: string) => string;
  scores: ScoreRow[];
  dimensions: string[];
  evidence: EvidenceRow[];
  evidenceByRef: Map<string, EvidenceRow>;
  experiments: ExperimentRow[];
  assumptions: AssumptionRow[];
  economics: UnitEconomics | null;
  /**
   * The unit economics give an LTV from inputs that all name a source: evidence for business impact, so a high
   * score there is not "without evidence" (an input marked as an assumption is not a source).
   */
  economicsSourced: boolean;
  /** The workspace's objectives (from the file's strategy) and the titles of those the idea serves. */
  objectives: { workspace: string[]; served: string[] };
  /** Evidence behind a dimension: cited by a score on it, or linked to it. */
  support: (dimension: string) => EvidenceRow[];
  strongestFor: (dimension: string) => EvidenceStrength | null;
  /** All the text where a team states or examines something: assumptions, experiments, evidence, economics notes. */
  examined: string[];
}

export interface Hit {
  subject: string;
  vars: Record<string, string | number>;
  references: FindingReference[];
  severity?: Severity;
  data?: Record<string, string | number | boolean | null>;
}

export interface Rule {
  id: string;
  check: (f: Facts) => Hit[];
}

export const refs = {
  dimension: (id: string, path = '/assessments'): FindingReference => ({ type: 'dimension', id, path }),
  assessment: (s: ScoreRow): FindingReference => ({ type: 'assessment', id: s.assessor, path: s.path }),
  evidence: (e: EvidenceRow): FindingReference => ({ type: 'evidence', id: e.ref, path: `/evidence/${e.index}` }),
  assumption: (a: AssumptionRow): FindingReference => ({
    type: 'assumption',
    id: a.ref,
    path: `/assumptions/${a.index}`,
  }),
  experiment: (x: ExperimentRow, field?: string): FindingReference => ({
    type: 'experiment',
    id: x.ref,
    path: `/experiments/${x.index}${field ? `/${field}` : ''}`,
  }),
  frame: (field: string): FindingReference => ({ type: 'frame', id: field, path: `/frame/${field}` }),
  idea: (field: string): FindingReference => ({ type: 'idea', id: field, path: `/idea/${field.replaceAll('.', '/')}` }),
  economics: (field: string): FindingReference => ({ type: 'economics', id: field, path: `/economics/${field}` }),
  decision: (index: number): FindingReference => ({
    type: 'decision',
    id: `#${index + 1}`,
    path: `/decisions/${index}`,
  }),
  competitor: (name: string, index: number): FindingReference => ({
    type: 'competitor',
    id: name,
    path: `/competitors/${index}`,
  }),
};

/** A short quotation of a text, for explanations. */
export const quote = (text: string, max = 90): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** "The only piece of evidence is" / "All 3 pieces of evidence are", to start a sentence. */
export const pieces = (n: number): string =>
  n === 1 ? 'The only piece of evidence is' : `All ${n} pieces of evidence are`;

export const listWords = (items: readonly string[], max = 4): string => {
  const shown = items.slice(0, max);
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  if (shown.length <= 1) return `${shown[0] ?? ''}${more}`;
  return more ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
};

export function buildFacts(file: Opportunity, ctx: { dimensions: readonly DimensionSpec[]; now: Date }): Facts {
  // A file may carry channels or structured sizing without the flat figures the rules read: derive them.
  const opp = file.economics ? { ...file, economics: normaliseEconomics(file.economics) } : file;
  const names = new Map(ctx.dimensions.map((d) => [d.id, d.name]));
  const dimensionName = (id: string) => names.get(id) ?? id;

  // Sources are grouped: each piece of evidence gets the key of the first source it is the same as.
  const sourceOf = sourceGrouper();
  const asOf = ctx.now.toISOString().slice(0, 10);
  const evidence: EvidenceRow[] = (opp.evidence ?? []).map((e, index) => {
    const future = e.observedOn > asOf;
    const ageDays = future ? 0 : daysSince(e.observedOn, ctx.now);
    return {
      e,
      index,
      ref: e.ref,
      ageDays,
      stale: !future && ageDays > CHALLENGE_THRESHOLDS.staleAfterDays,
      future,
      source: sourceOf(e.source),
    };
  });
  const evidenceByRef = new Map(evidence.map((e) => [e.ref, e]));

  const scores: ScoreRow[] = (opp.assessments ?? []).flatMap((a, assessorIndex) =>
    Object.entries(a.scores).map(([dimension, s]) => ({
      assessor: a.assessor,
      assessorIndex,
      dimension,
      score: s.score,
      confidence: s.confidence,
      cited: s.evidence ?? [],
      path: `/assessments/${assessorIndex}/scores/${dimension}`,
    })),
  );
  const dimensions = [...new Set(scores.map((s) => s.dimension))].sort((a, b) => {
    const ia = ctx.dimensions.findIndex((d) => d.id === a);
    const ib = ctx.dimensions.findIndex((d) => d.id === b);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.localeCompare(b);
  });

  const support = (dimension: string): EvidenceRow[] => {
    const cited = new Set(scores.filter((s) => s.dimension === dimension).flatMap((s) => s.cited));
    return evidence.filter((e) => cited.has(e.ref) || (e.e.dimensions ?? []).includes(dimension));
  };
  const strongestFor = (dimension: string) => strongest(support(dimension).map((e) => e.e.strength));

  const map = assumptionMap(opp, ctx.now);
  const experiments: ExperimentRow[] = (opp.experiments ?? []).map((x, index) => {
    const reg = registeredCriteria(x);
    return {
      x,
      index,
      ref: experimentRef(x, index),
      evaluation: evaluateExperiment(x, index, ctx.now),
      current: evaluateExperiment(x, index, ctx.now, { against: 'current' }),
      registered: reg.criteria,
      registeredSource: reg.source,
      moves: movesSinceStart(x),
      assumptions: [],
    };
  });
  const assumptions: AssumptionRow[] = (opp.assumptions ?? []).map((a, index) => {
    const ref = assumptionRef(a, index);
    const entry = map.find((m) => m.index === index)!;
    const linked = experiments.filter(
      (x) => (x.x.tests ?? []).includes(ref) || (a.ref !== undefined && (x.x.tests ?? []).includes(a.ref)),
    );
    const started = linked.some((x) => x.x.status !== 'planned');
    const strong = entry.strongestEvidence === 'experiment' || entry.strongestEvidence === 'paying';
    return { a, index, ref, map: entry, tested: started || strong, experiments: linked };
  });
  for (const x of experiments) x.assumptions = assumptions.filter((a) => a.experiments.includes(x));

  const hasEconomics = opp.economics !== undefined && Object.keys(opp.economics).length > 0;
  const examined = [
    ...(opp.assumptions ?? []).flatMap((a) => [a.statement, a.note ?? '']),
    ...(opp.experiments ?? []).flatMap((x) => [x.hypothesis, x.because ?? '', x.wrongWhen ?? '', x.metric]),
    ...(opp.evidence ?? []).map((e) => e.summary),
    opp.economics?.notes ?? '',
  ].filter((t) => t.trim().length > 0);

  const unit = hasEconomics ? unitEconomics(opp.economics) : null;
  // A link counts when it names one of the workspace's objectives (a file without a strategy: any named one).
  const workspaceObjectives = (opp.strategy?.objectives ?? []).map((o) => o.title);
  const known = new Set(workspaceObjectives.map((t) => t.toLowerCase()));
  const served = (opp.idea.objectives ?? []).filter((t) => !opp.strategy || known.has(t.toLowerCase()));
  return {
    opp,
    now: ctx.now,
    asOf,
    stage: opp.idea.stage ?? 'discovery',
    dimensionName,
    scores,
    dimensions,
    evidence,
    evidenceByRef,
    experiments,
    assumptions,
    economics: unit,
    economicsSourced: unit?.ltv != null && ECONOMICS_INPUTS.every((k) => opp.economics?.basis?.[k]?.kind === 'source'),
    objectives: { workspace: workspaceObjectives, served },
    support,
    strongestFor,
    examined,
  };
}
