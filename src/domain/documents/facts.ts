import {
  EVIDENCE_STRENGTHS,
  type EvidenceStrength,
  STAGES,
  STOPPED_STAGES,
  STRENGTH_LABELS,
  type StageId,
} from '../../methodology/index.ts';
import type {
  AssumptionMapEntry,
  CompetitorFields,
  EconomicsFields,
  EconomicsReadout,
  ExperimentEvaluation,
  ExperimentFields,
  FrameFields,
  IdeaStatement,
  LaunchPlan,
  OpportunityDecision,
  PmfReadout,
  Recommendation,
  ScoreExplanation,
  UnitEconomics,
} from '../../schema/index.ts';
import { assumptionMap } from '../assumptions.ts';
import { economicsReadout, unitEconomics } from '../economics.ts';
import { evaluateExperiment, movesSinceStart } from '../experiments.ts';
import { pmfReadout } from '../pmf.ts';
import { recommend } from '../recommendation.ts';
import { explainScore, type ScoreInput } from '../scoring.ts';
import { formatStatement } from '../statement.ts';
import type { ChallengerFinding, Citation, DocumentInput, EvidenceItem, ListItem } from './model.ts';
import { clean, formatAlike, formatNumber, formatPercent, has, headline, oneLine } from './text.ts';

/**
 * Everything the builders derive from one opportunity, computed once: cleaned text, evidence sorted and
 * indexed, the composite score with its explanation, experiment verdicts, assumption status, unit economics.
 * Derivations are stated rules, never guesses; what is not in the data stays absent.
 */

/** An experiment as documents show it: judged by the domain's evaluator (against the registered criteria). */
export interface ExperimentView extends ExperimentFields {
  evaluation: ExperimentEvaluation;
  /** The outcome in words ("passed", "kill threshold crossed", "sample too small"). */
  verdict: string;
  /** "≥ 40" or "≤ 10": the thresholds the result is judged against, when they exist. */
  success?: string;
  kill?: string;
  /** The observed value (and sample), written like the thresholds it is judged against. */
  observedText?: string;
  /** Criteria changed after the start (moved goalposts), in words. */
  moved: string[];
}

/** Words that name a rate, so that its values (0..1) read as percentages. */
const RATE_WORDS = /\b(rate|share|ratio|conversion|click|churn|retention|percent|proportion)|%/i;

/**
 * An experiment's success line, kill line and result, written together (formatAlike) so that rounding never
 * makes a result look on the other side of a line; a rate's values as percentages.
 */
function experimentFigures(
  e: ExperimentFields,
  ev: ExperimentEvaluation,
): { success?: string; kill?: string; observed?: string } {
  const named = { success: ev.successThreshold, kill: ev.killThreshold, observed: e.observed ?? null };
  const keys = (Object.keys(named) as (keyof typeof named)[]).filter((k) => typeof named[k] === 'number');
  const values = keys.map((k) => named[k] as number);
  const rate =
    values.length > 0 &&
    values.every((v) => v >= 0 && v <= 1) &&
    values.some((v) => !Number.isInteger(v)) &&
    (RATE_WORDS.test(e.metric) || RATE_WORDS.test(e.hypothesis));
  const texts = formatAlike(values, rate ? formatPercent : formatNumber);
  return Object.fromEntries(keys.map((k, i) => [k, texts[i]]));
}

/** An assumption as documents show it: the domain's assumption map entry (rank 1 is the riskiest). */
export interface AssumptionView extends AssumptionMapEntry {
  cite: Citation[];
}

export interface Facts {
  input: DocumentInput;
  title: string;
  /**
   * A short headline: the one stated in the MVP definition (step 1), else the title, or its first clause when
   * the title is long (never cut mid-sentence).
   */
  headline: string;
  /** Killed or parked: the documents look back (what was learned, why it stopped) and ask for nothing. */
  stopped: boolean;
  launched: boolean;
  ref?: string;
  stage: StageId;
  stageName: string;
  submitter?: string;
  description?: string;
  tags: string[];
  statement?: IdeaStatement;
  statementText?: string;
  frame: FrameFields;
  /** Strongest first, then newest, then by ref. */
  evidence: EvidenceItem[];
  evidenceByRef: Map<string, EvidenceItem>;
  /** Dimension ids each evidence record is linked to (by the record or by a score). */
  evidenceDimensions: Map<string, Set<string>>;
  score: ScoreExplanation;
  assessors: string[];
  assumptions: AssumptionView[];
  experiments: ExperimentView[];
  competitors: CompetitorFields[];
  /** Our own product's capability ratings, 0..5, on the competitors' scale (names cleaned). */
  ownCapabilities: Record<string, number>;
  economics?: EconomicsFields;
  /** The economics' acquisition channels with what a customer costs in each (the domain's readout). */
  channels: EconomicsReadout['channels'];
  /** The domain's PMF readout, when any PMF data is recorded. */
  pmf?: PmfReadout;
  /** The ask, the team and the go-to-market plan, texts cleaned. */
  launchPlan?: LaunchPlan;
  /** The domain's unit economics (figures null when an input is missing). */
  unit: UnitEconomics;
  /** The domain's recommendation (pursue, iterate, pivot, park, kill) from the pre-registered criteria. */
  recommendation: Recommendation;
  findings?: ChallengerFinding[];
  decisions: OpportunityDecision[];
  people: { name: string; role: string }[];
  /** The workspace objectives the idea serves, with their key metrics and owners when the file has them. */
  objectives: { title: string; keyMetric?: string; target?: string; owner?: string }[];
  northStar?: string;
}

const strengthRank = (s: string) => EVIDENCE_STRENGTHS.indexOf(s as EvidenceStrength);

export const strengthLabel = (s: string): string => STRENGTH_LABELS[s as EvidenceStrength] ?? s;

const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  blocker: 0,
  high: 1,
  major: 1,
  error: 1,
  warning: 2,
  medium: 2,
  moderate: 2,
  low: 3,
  minor: 3,
  info: 4,
};

const safeUrl = (url: string | null | undefined): string | undefined =>
  url && /^https?:\/\/[^\s]+$/i.test(url) ? url : undefined;

const OUTCOME_WORDS: Record<ExperimentEvaluation['outcome'], string> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  overdue: 'overdue',
  'insufficient-sample': 'sample too small',
  'no-criteria': 'no criteria written',
  mixed: 'mixed',
  passed: 'passed',
  failed: 'kill threshold crossed',
};

export function buildFacts(input: DocumentInput): Facts {
  const o = input.opportunity;
  const idea = o.idea;

  const evidence: EvidenceItem[] = (o.evidence ?? [])
    .map((e) => {
      const url = safeUrl(e.url);
      return {
        ref: oneLine(e.ref),
        summary: clean(e.summary),
        source: oneLine(e.source),
        date: e.observedOn,
        kind: e.kind,
        strength: e.strength,
        ...(url ? { url } : {}),
      };
    })
    .sort(
      (a, b) =>
        strengthRank(b.strength) - strengthRank(a.strength) ||
        b.date.localeCompare(a.date) ||
        a.ref.localeCompare(b.ref),
    )
    // Cited as [E1], [E2] in every document: short enough for a slide, the same number in every kind.
    .map((e, i) => ({ ...e, label: `E${i + 1}` }));
  const evidenceByRef = new Map(evidence.map((e) => [e.ref, e]));

  const evidenceDimensions = new Map<string, Set<string>>();
  const link = (ref: string, dim: string) => {
    if (!evidenceByRef.has(ref)) return;
    const set = evidenceDimensions.get(ref) ?? new Set<string>();
    set.add(dim);
    evidenceDimensions.set(ref, set);
  };
  for (const e of o.evidence ?? []) for (const d of e.dimensions ?? []) link(oneLine(e.ref), d);

  for (const a of o.assessments ?? []) {
    for (const [dimension, s] of Object.entries(a.scores))
      for (const r of s.evidence ?? []) link(oneLine(r), dimension);
  }
  // A score rests on the evidence linked to its dimension for this idea, by the record or by any score.
  const inputs: ScoreInput[] = [];
  for (const a of o.assessments ?? []) {
    for (const [dimension, s] of Object.entries(a.scores)) {
      const strengths = evidence
        .filter((x) => evidenceDimensions.get(x.ref)?.has(dimension))
        .map((x) => x.strength)
        .filter((x): x is EvidenceStrength => strengthRank(x) >= 0);
      inputs.push({
        assessorId: a.assessor,
        dimension,
        score: s.score,
        confidence: s.confidence,
        evidenceStrengths: strengths,
      });
    }
  }
  const score = explainScore(input.dimensions, inputs, { rice: idea.rice ?? null, ice: idea.ice ?? null });

  // The document's clock is its generation time: "overdue" is read as of then.
  const now = input.generatedAt;
  const experiments: ExperimentView[] = (o.experiments ?? []).map((e, i) => {
    const evaluation = evaluateExperiment(e, i, now);
    const up = evaluation.higherIsBetter;
    const moved = [
      ...movesSinceStart(e).map((m) => clean(m.explanation)),
      ...(e.goalpostsMoved && !movesSinceStart(e).length
        ? ['The criteria were changed after the experiment started.']
        : []),
    ];
    const figures = experimentFigures(e, evaluation);
    return {
      ...e,
      hypothesis: clean(e.hypothesis),
      metric: oneLine(e.metric),
      evaluation: { ...evaluation, explanation: clean(evaluation.explanation) },
      verdict: OUTCOME_WORDS[evaluation.outcome] ?? evaluation.outcome,
      ...(figures.success !== undefined ? { success: `${up ? '≥' : '≤'} ${figures.success}` } : {}),
      ...(figures.kill !== undefined ? { kill: `${up ? '≤' : '≥'} ${figures.kill}` } : {}),
      ...(figures.observed !== undefined
        ? {
            observedText: `${figures.observed}${e.sample !== undefined ? ` (n = ${formatNumber(e.sample)})` : ''}`,
          }
        : {}),
      moved,
    };
  });

  const assumptions: AssumptionView[] = assumptionMap(o, now).map((a) => ({
    ...a,
    statement: clean(a.statement),
    why: clean(a.why),
    cite: citations(evidenceByRef, a.evidenceRefs),
  }));

  const e = o.economics;
  const unit = unitEconomics(e);
  const recommendation = recommend(o, { now });

  const findings = input.findings
    ?.map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (SEVERITY_RANK[a.f.severity.toLowerCase()] ?? 5) - (SEVERITY_RANK[b.f.severity.toLowerCase()] ?? 5) ||
        a.i - b.i,
    )
    .map(({ f }) => ({
      ruleId: oneLine(f.ruleId),
      kind: oneLine(f.kind),
      severity: oneLine(f.severity),
      explanation: clean(f.explanation),
      next: clean(f.next),
    }));

  const decisions = (o.decisions ?? [])
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.decidedAt ?? '').localeCompare(b.d.decidedAt ?? '') || a.i - b.i)
    .map(({ d }) => ({ ...d, rationale: clean(d.rationale) }));

  const assessors = [...new Set((o.assessments ?? []).map((a) => oneLine(a.assessor)))];
  const people: { name: string; role: string }[] = [];
  const addPerson = (name: string | undefined, role: string) => {
    if (!has(name)) return;
    const n = oneLine(name);
    const existing = people.find((p) => p.name === n);
    if (existing) {
      if (!existing.role.includes(role)) existing.role += `, ${role}`;
    } else people.push({ name: n, role });
  };
  if (!idea.anonymous) addPerson(idea.submitter, 'submitted the idea');
  for (const a of assessors) addPerson(a, 'assessed it');
  for (const d of decisions) addPerson(d.decidedBy, 'decided at a gate');

  const stage: StageId = idea.stage ?? 'discovery';
  const statement = idea.statement
    ? (Object.fromEntries(Object.entries(idea.statement).map(([k, v]) => [k, oneLine(v)])) as IdeaStatement)
    : undefined;
  const frame = Object.fromEntries(
    Object.entries(o.frame ?? {}).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]),
  ) as FrameFields;

  const defined = new Map((o.strategy?.objectives ?? []).map((x) => [x.title.toLowerCase(), x]));
  const objectives = (idea.objectives ?? []).map((title) => {
    const d = defined.get(title.toLowerCase());
    return {
      title: oneLine(d?.title ?? title),
      ...(d ? { keyMetric: oneLine(d.keyMetric), owner: oneLine(d.owner) } : {}),
      ...(d?.target ? { target: oneLine(d.target) } : {}),
    };
  });

  return {
    input,
    objectives,
    ...(has(o.strategy?.northStar) ? { northStar: oneLine(o.strategy!.northStar!) } : {}),
    title: oneLine(idea.title) || 'Untitled idea',
    // The headline stated in the MVP's first step wins over the one derived from the title.
    headline: has(o.mvp?.context?.headline)
      ? oneLine(o.mvp!.context!.headline!)
      : headline(oneLine(idea.title) || 'Untitled idea'),
    stopped: STOPPED_STAGES.includes(stage),
    launched: stage === 'launched',
    ...(has(idea.ref) ? { ref: oneLine(idea.ref) } : {}),
    stage,
    stageName: STAGES.find((s) => s.id === stage)?.name ?? stage,
    ...(!idea.anonymous && has(idea.submitter) ? { submitter: oneLine(idea.submitter) } : {}),
    ...(has(idea.description) ? { description: clean(idea.description) } : {}),
    tags: (idea.tags ?? []).map(oneLine),
    ...(statement ? { statement, statementText: formatStatement(statement) } : {}),
    frame,
    evidence,
    evidenceByRef,
    evidenceDimensions,
    score,
    assessors,
    assumptions,
    experiments,
    competitors: (o.competitors ?? []).map((c) => ({
      ...c,
      name: oneLine(c.name),
      ...(c.strengths ? { strengths: c.strengths.map(oneLine) } : {}),
      ...(c.weaknesses ? { weaknesses: c.weaknesses.map(oneLine) } : {}),
      ...(c.price !== undefined ? { price: oneLine(c.price) } : {}),
      ...(c.capabilities
        ? { capabilities: Object.fromEntries(Object.entries(c.capabilities).map(([k, v]) => [oneLine(k), v])) }
        : {}),
    })),
    ownCapabilities: Object.fromEntries(Object.entries(o.capabilities ?? {}).map(([k, v]) => [oneLine(k), v])),
    ...(e ? { economics: e } : {}),
    channels: economicsReadout(e).channels.map((c) => ({ ...c, channel: oneLine(c.channel) })),
    ...(o.pmf ? { pmf: pmfReadout(o.pmf, e) } : {}),
    ...(o.launchPlan ? { launchPlan: cleanPlan(o.launchPlan) } : {}),
    unit,
    recommendation,
    ...(findings ? { findings } : {}),
    decisions,
    people,
  };
}

/** The launch plan's texts as documents print them: one line for names, cleaned prose for the rest. */
function cleanPlan(p: LaunchPlan): LaunchPlan {
  return {
    ...(p.ask ? { ask: { ...p.ask, ...(p.ask.buys !== undefined ? { buys: clean(p.ask.buys) } : {}) } } : {}),
    ...(p.team
      ? {
          team: p.team.map((t) => ({
            ...t,
            role: oneLine(t.role),
            ...(t.name !== undefined ? { name: oneLine(t.name) } : {}),
          })),
        }
      : {}),
    ...(p.goToMarket !== undefined ? { goToMarket: clean(p.goToMarket) } : {}),
  };
}

/** Citations for the refs that exist, in the given order, without duplicates. */
export function citations(byRef: Map<string, EvidenceItem>, refs: readonly string[] | undefined): Citation[] {
  const out: Citation[] = [];
  for (const r of refs ?? []) {
    const e = byRef.get(oneLine(r));
    if (e && !out.some((c) => c.ref === e.ref)) out.push(citationOf(e));
  }
  return out;
}

export const citationOf = (e: EvidenceItem): Citation => ({
  ref: e.ref,
  label: e.label,
  source: e.source,
  date: e.date,
});

/** Evidence linked to a dimension (by the record or through a score), strongest first. */
export const evidenceFor = (f: Facts, dimension: string): EvidenceItem[] =>
  f.evidence.filter((e) => f.evidenceDimensions.get(e.ref)?.has(dimension));

/** Assessors' notes on one dimension, each citing the evidence its score links. */
export function dimensionNotes(f: Facts, dimension: string): ListItem[] {
  const out: ListItem[] = [];
  for (const a of f.input.opportunity.assessments ?? []) {
    const s = a.scores[dimension];
    if (!s || !has(s.note)) continue;
    out.push({
      label: `${oneLine(a.assessor)}, ${s.score} of 5`,
      text: clean(s.note),
      cite: citations(f.evidenceByRef, s.evidence),
    });
  }
  return out;
}

export const dimensionName = (f: Facts, id: string): string => f.input.dimensions.find((d) => d.id === id)?.name ?? id;
