import { type Static, Type } from 'typebox';
import {
  EVIDENCE_STRENGTHS,
  SEVERITIES,
  VERDICT_IDS,
  VERDICT_READINGS,
  WEAKNESS_KIND_IDS,
} from '../methodology/index.ts';
import { ASSUMPTION_AREAS, ASSUMPTION_KINDS } from './assumption.ts';
import { DateOnly, Enum, Nullable, Strict, Text, Timestamp } from './common.ts';
import { CRITERIA_FIELDS } from './experiment.ts';

export const WeaknessKind = Enum(WEAKNESS_KIND_IDS, 'The kind of weakness a finding reports');
export const Severity = Enum(SEVERITIES, 'critical > high > medium > low');

export const REFERENCE_TYPES = [
  'dimension',
  'assessment',
  'evidence',
  'assumption',
  'experiment',
  'decision',
  'competitor',
  'economics',
  'frame',
  'idea',
] as const;
export type ReferenceType = (typeof REFERENCE_TYPES)[number];

/** What a finding looked at, so a UI can link it: a dimension id, an evidence ref, an assumption ref, ... */
export const FindingReference = Strict({
  type: Enum(REFERENCE_TYPES),
  id: Type.String({ description: 'Dimension id, evidence/assumption/experiment ref (or #n by position), field name' }),
  path: Type.String({ description: 'JSON pointer into the opportunity file, e.g. /evidence/2' }),
});
export type FindingReference = Static<typeof FindingReference>;

const DataValue = Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()]));

export const Finding = Strict({
  id: Type.String({ description: 'Stable for the same rule and subject: `<ruleId>:<subject>`' }),
  ruleId: Type.String(),
  kind: WeaknessKind,
  severity: Severity,
  title: Type.String(),
  subject: Type.String({ description: 'What the finding is about: a dimension id, a ref, or "idea"' }),
  explanation: Type.String({ description: 'Plain words, citing the data the rule looked at' }),
  next: Type.String({ description: 'A concrete next question or next test' }),
  nextType: Enum(['question', 'test'] as const),
  references: Type.Array(FindingReference),
  data: Type.Record(Type.String(), DataValue, { description: 'The figures the rule used, machine-readable' }),
  items: Type.Optional(
    Type.Array(
      Strict({
        subject: Type.String(),
        severity: Severity,
        explanation: Type.String(),
        references: Type.Array(FindingReference),
      }),
      {
        description:
          'When one rule finds the same situation on several subjects (dimensions, assumptions, experiments), one ' +
          'finding lists each here; its subject names them all and its severity is the highest',
      },
    ),
  ),
});
export type Finding = Static<typeof Finding>;

/** A dismissal as a person gives it: a rule (optionally one subject of it) and the reason. */
export const DismissalInput = Strict({
  ruleId: Text(120, 1),
  subject: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Dismiss only the finding about this subject; absent: every finding of the rule',
    }),
  ),
  reason: Text(1000, 1),
});
export type DismissalInput = Static<typeof DismissalInput>;

/** A dismissal as recorded. */
export const Dismissal = Strict({
  ...DismissalInput.properties,
  dismissedBy: Type.Optional(Text(120, 1)),
  dismissedAt: Type.Optional(Timestamp),
});
export type Dismissal = Static<typeof Dismissal>;

export const DismissedFinding = Strict({ finding: Finding, dismissal: Dismissal });
export type DismissedFinding = Static<typeof DismissedFinding>;

export const ChallengeReport = Strict({
  methodologyVersion: Type.String({
    description: "The rules' version (the methodology's): same version, same date, same data, same findings",
  }),
  asOf: DateOnly,
  findings: Type.Array(Finding, { description: 'Active findings, most severe first' }),
  dismissed: Type.Array(DismissedFinding),
  counts: Strict({
    critical: Type.Integer({ minimum: 0 }),
    high: Type.Integer({ minimum: 0 }),
    medium: Type.Integer({ minimum: 0 }),
    low: Type.Integer({ minimum: 0 }),
  }),
  rulesRun: Type.Integer({ minimum: 0 }),
});
export type ChallengeReport = Static<typeof ChallengeReport>;

export const RuleInfo = Strict({
  id: Type.String(),
  kind: WeaknessKind,
  name: Type.String(),
  description: Type.String(),
  severity: Severity,
});
export type RuleInfo = Static<typeof RuleInfo>;

// Experiments

export const EXPERIMENT_OUTCOMES = [
  'not-started',
  'in-progress',
  'overdue',
  'insufficient-sample',
  'no-criteria',
  'mixed',
  'passed',
  'failed',
] as const;
export type ExperimentOutcome = (typeof EXPERIMENT_OUTCOMES)[number];

export const ExperimentEvaluation = Strict({
  ref: Type.String({ description: 'The experiment ref, or #n by position' }),
  index: Type.Integer({ minimum: 0 }),
  outcome: Enum(EXPERIMENT_OUTCOMES),
  judgedAgainst: Enum(['locked', 'current'] as const, 'locked: the criteria registered when it started'),
  successThreshold: Nullable(Type.Number()),
  killThreshold: Nullable(Type.Number()),
  higherIsBetter: Type.Boolean(),
  minSample: Nullable(Type.Integer()),
  deadline: Nullable(Type.String()),
  observed: Nullable(Type.Number()),
  sample: Nullable(Type.Integer()),
  conclusive: Type.Boolean({ description: 'passed or failed on a sufficient sample' }),
  explanation: Type.String(),
});
export type ExperimentEvaluation = Static<typeof ExperimentEvaluation>;

export const GoalpostMove = Strict({
  field: Enum(CRITERIA_FIELDS),
  from: DataValue,
  to: DataValue,
  direction: Enum(['loosened', 'tightened', 'changed'] as const, 'loosened: easier to pass or harder to kill'),
  explanation: Type.String(),
});
export type GoalpostMove = Static<typeof GoalpostMove>;

// Assumptions

export const ASSUMPTION_STATUSES = ['untested', 'testing', 'supported', 'refuted', 'inconclusive'] as const;
export type AssumptionStatus = (typeof ASSUMPTION_STATUSES)[number];

export const AssumptionMapEntry = Strict({
  ref: Type.String({ description: 'The assumption ref, or #n by position' }),
  index: Type.Integer({ minimum: 0 }),
  rank: Type.Integer({ minimum: 1, description: '1 is the riskiest' }),
  statement: Type.String(),
  kind: Enum(ASSUMPTION_KINDS),
  area: Enum(ASSUMPTION_AREAS),
  importance: Type.Integer({ minimum: 1, maximum: 5 }),
  evidenceRefs: Type.Array(Type.String()),
  strongestEvidence: Nullable(Enum(EVIDENCE_STRENGTHS)),
  experiments: Type.Array(Strict({ ref: Type.String(), outcome: Enum(EXPERIMENT_OUTCOMES) })),
  status: Enum(ASSUMPTION_STATUSES),
  evidenceLevel: Type.Number({ minimum: 0, maximum: 1, description: 'How well known it is, 0 (not at all) .. 1' }),
  risk: Type.Number({ minimum: 0, maximum: 5, description: 'importance × (1 - evidenceLevel)' }),
  quadrant: Enum(
    ['test-first', 'known', 'watch', 'low-priority'] as const,
    'test-first: important and little known; known: important and well evidenced; watch: less important and little known',
  ),
  why: Type.String(),
});
export type AssumptionMapEntry = Static<typeof AssumptionMapEntry>;

// Recommendation

export const Verdict = Enum(VERDICT_IDS);
export const VerdictReading = Enum(VERDICT_READINGS);

export const RecommendationReason = Strict({
  code: Type.String(),
  text: Type.String(),
  experiments: Type.Array(Type.String()),
  assumptions: Type.Array(Type.String()),
});
export type RecommendationReason = Static<typeof RecommendationReason>;

export const Recommendation = Strict({
  verdict: Verdict,
  reading: VerdictReading,
  summary: Type.String(),
  reasons: Type.Array(RecommendationReason, { minItems: 1 }),
  experiments: Type.Array(
    Strict({
      ...ExperimentEvaluation.properties,
      importance: Type.Integer({ minimum: 1, maximum: 5 }),
      core: Type.Boolean({ description: 'Tests an assumption that matters most' }),
      assumptions: Type.Array(Type.String()),
    }),
  ),
  suggestedOutcome: Nullable(Enum(['advance', 'park', 'kill'] as const)),
});
export type Recommendation = Static<typeof Recommendation>;

/** Something outside the file that says "not now": capacity, timing, a dependency. */
export const NotNowConstraint = Strict({
  reason: Text(500, 1),
  until: Type.Optional(Type.String({ format: 'date' })),
});
export type NotNowConstraint = Static<typeof NotNowConstraint>;

// Economics

export const UnitEconomics = Strict({
  currency: Nullable(Type.String()),
  contributionMarginMonthly: Nullable(Type.Integer({ description: 'Minor units a month per customer' })),
  expectedLifetimeMonths: Nullable(Type.Number()),
  ltv: Nullable(Type.Integer({ description: 'Minor units' })),
  ltvToCac: Nullable(Type.Number()),
  paybackMonths: Nullable(Type.Number({ description: 'null when it never pays back or inputs are missing' })),
  neverPaysBack: Type.Boolean(),
  missing: Type.Array(Type.String(), { description: 'Inputs missing for a figure' }),
  problems: Type.Array(Type.String(), { description: 'Thresholds the figures break' }),
  explanation: Type.Array(Type.String()),
});
export type UnitEconomics = Static<typeof UnitEconomics>;

/** Both sizings side by side: top-down TAM → SAM → SOM and bottom-up buyers × price × frequency. */
export const MarketSizing = Strict({
  currency: Nullable(Type.String()),
  topDown: Nullable(Strict({ tam: Type.Integer(), sam: Nullable(Type.Integer()), som: Nullable(Type.Integer()) })),
  bottomUp: Nullable(Strict({ annual: Type.Integer({ description: 'buyers × price × purchases a year' }) })),
  ratio: Nullable(
    Type.Number({ description: 'Top-down SAM (else TAM) ÷ bottom-up: how far the two ways of sizing disagree' }),
  ),
  methods: Type.Array(Type.String()),
  unsourced: Type.Array(Type.String({ description: 'Sizing inputs given without a source' })),
  explanation: Type.Array(Type.String()),
});
export type MarketSizing = Static<typeof MarketSizing>;

/** The unit economics in three scenarios, the channels behind the CAC, and the sizing. */
export const EconomicsReadout = Strict({
  scenarios: Strict({ pessimistic: UnitEconomics, base: UnitEconomics, optimistic: UnitEconomics }),
  channels: Type.Array(
    Strict({
      channel: Type.String(),
      cac: Type.Integer(),
      share: Type.Number(),
      ltvToCac: Nullable(Type.Number()),
      paybackMonths: Nullable(Type.Number()),
    }),
  ),
  blendedCac: Nullable(Type.Integer()),
  assumptions: Type.Array(
    Type.String({ description: 'Inputs marked as assumptions (they are on the assumption map)' }),
  ),
  unsourced: Type.Array(Type.String({ description: 'Inputs given with neither a source nor an assumption mark' })),
  sizing: MarketSizing,
});
export type EconomicsReadout = Static<typeof EconomicsReadout>;

// AI suggestions

/** The JSON a chat-completions endpoint must return for further challenges. */
export const AiChallengeReply = Type.Object({
  challenges: Type.Array(
    Type.Object({
      kind: Type.Union([WeaknessKind, Type.Literal('other')]),
      title: Text(200, 1),
      explanation: Text(2000, 1),
      next: Text(1000, 1),
      references: Type.Optional(Type.Array(Text(200, 1), { maxItems: 20 })),
    }),
    { maxItems: 20 },
  ),
});
export type AiChallengeReply = Static<typeof AiChallengeReply>;

/** A challenge suggested by a language model: labelled, never mixed into the rule findings. */
export const AiSuggestion = Strict({
  source: Type.Literal('ai'),
  label: Type.Literal('AI suggestion'),
  model: Type.String(),
  kind: Type.Union([WeaknessKind, Type.Literal('other')]),
  title: Type.String(),
  explanation: Type.String(),
  next: Type.String(),
  references: Type.Array(Type.String()),
});
export type AiSuggestion = Static<typeof AiSuggestion>;

export const ENRICHMENT_FAILURES = [
  'not-configured',
  'timeout',
  'http-error',
  'network-error',
  'malformed-reply',
  'invalid-reply',
] as const;
export type EnrichmentFailure = (typeof ENRICHMENT_FAILURES)[number];

export const Enrichment = Type.Union([
  Strict({
    status: Type.Literal('ok'),
    model: Type.String(),
    attempts: Type.Integer({ minimum: 1 }),
    suggestions: Type.Array(AiSuggestion),
  }),
  Strict({
    status: Type.Literal('unavailable'),
    reason: Enum(ENRICHMENT_FAILURES),
    detail: Type.String({ description: 'Why enrichment was unavailable; the rule findings stand on their own' }),
    attempts: Type.Integer({ minimum: 0 }),
  }),
]);
export type Enrichment = Static<typeof Enrichment>;
