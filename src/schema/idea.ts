import { type Static, Type } from 'typebox';
import { CHANNELS, PORTFOLIO_FILTERS, STAGE_IDS } from '../methodology/index.ts';
import { ActorRef, DateOnly, Enum, Id, Measure, Nullable, Strict, Text, Timestamp, Title, Version } from './common.ts';
import { CapabilityRatings } from './competitor.ts';
import { EconomicsFields } from './economics.ts';
import { LaunchPlan } from './launch-plan.ts';
import { MvpData } from './mvp.ts';
import { PmfData } from './pmf.ts';

export const Stage = Enum(STAGE_IDS, 'Pipeline stage');
export const Channel = Enum(CHANNELS, 'Where the idea was submitted');
export const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\s,;][^,;]*$' });
export const MAX_TAGS = 20;
export const Tags = Type.Array(Tag, { maxItems: MAX_TAGS, uniqueItems: true });

/** The method's idea format: "A <object> for <users> that <doesWhat> in order to <goal>; users benefit by <value> when <situation>". */
export const IdeaStatement = Strict({
  object: Text(300, 1),
  users: Text(300, 1),
  doesWhat: Text(300, 1),
  goal: Text(300, 1),
  value: Text(300, 1),
  situation: Text(300, 1),
});
export type IdeaStatement = Static<typeof IdeaStatement>;

export const RiceInputs = Strict({
  reach: Type.Number({ minimum: 0, maximum: 1e12, description: 'People or events per period' }),
  impact: Type.Number({ minimum: 0, maximum: 3, description: '0.25, 0.5, 1, 2 or 3' }),
  confidence: Type.Number({ minimum: 0, maximum: 1, description: 'Fraction 0..1' }),
  // Bounded so reach × impact × confidence ÷ effort stays a finite number.
  effort: Type.Number({ minimum: 0.01, maximum: 1e6, description: 'Person-months' }),
});
export type RiceInputs = Static<typeof RiceInputs>;

export const IceInputs = Strict({
  impact: Type.Integer({ minimum: 1, maximum: 10 }),
  confidence: Type.Integer({ minimum: 1, maximum: 10 }),
  ease: Type.Integer({ minimum: 1, maximum: 10 }),
});
export type IceInputs = Static<typeof IceInputs>;

/** What success looks like for the idea, in a number: the metric, its target, by when, from which baseline. */
export const SuccessMetric = Strict({
  metric: Text(200, 1),
  target: Measure({ description: 'The figure that counts as success' }),
  unit: Type.Optional(Text(40)),
  baseline: Type.Optional(Measure({ description: 'Where the metric stands today' })),
  byWhen: Type.Optional(DateOnly),
  higherIsBetter: Type.Optional(Type.Boolean({ description: 'Default true' })),
});
export type SuccessMetric = Static<typeof SuccessMetric>;

/**
 * When the team stops: "we stop if ...", measurable where possible (a metric and the threshold it must not
 * cross, on the bad side of which the idea is killed). Experiments on the same metric must not kill later.
 */
export const KillCriterion = Strict({
  statement: Text(500, 1),
  metric: Type.Optional(Text(200, 1)),
  threshold: Type.Optional(Measure({ description: 'Stop when the metric is at or on the bad side of this' })),
  higherIsBetter: Type.Optional(Type.Boolean({ description: 'Default true: stop when the metric is at or below' })),
  byWhen: Type.Optional(DateOnly),
});
export type KillCriterion = Static<typeof KillCriterion>;

export const SuccessMetrics = Type.Array(SuccessMetric, { maxItems: 10 });
export const KillCriteria = Type.Array(KillCriterion, { maxItems: 10 });

export const ScoreSummary = Strict({
  composite: Nullable(Type.Number()),
  adjusted: Nullable(Type.Number()),
  coverage: Type.Number({ description: 'Share of dimensions scored, 0..1' }),
  assessors: Type.Integer({ minimum: 0 }),
});
export type ScoreSummary = Static<typeof ScoreSummary>;

export const Idea = Strict({
  id: Id,
  workspaceId: Id,
  number: Type.Integer({ minimum: 1, description: 'Short number, unique in the workspace' }),
  title: Type.String(),
  description: Type.String(),
  tags: Type.Array(Type.String()),
  stage: Stage,
  channel: Channel,
  anonymous: Type.Boolean(),
  submitter: Nullable(ActorRef),
  statement: Nullable(IdeaStatement),
  rice: Nullable(RiceInputs),
  ice: Nullable(IceInputs),
  successMetrics: SuccessMetrics,
  killCriteria: KillCriteria,
  economics: Nullable(EconomicsFields),
  pmf: Nullable(PmfData),
  mvp: Nullable(MvpData),
  /** Our own product's capability ratings, on the scale the competitors are rated on. */
  capabilities: Nullable(CapabilityRatings),
  launchPlan: Nullable(LaunchPlan),
  mergedIntoId: Nullable(Id),
  archivedAt: Nullable(Timestamp),
  score: ScoreSummary,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type Idea = Static<typeof Idea>;

export const IdeaCreate = Strict({
  title: Title,
  description: Type.Optional(Text(10_000)),
  tags: Type.Optional(Tags),
  anonymous: Type.Optional(
    Type.Boolean({ description: 'Store no trace of the submitter; a receipt code is returned once.' }),
  ),
  channel: Type.Optional(Channel),
  statement: Type.Optional(Nullable(IdeaStatement)),
  rice: Type.Optional(Nullable(RiceInputs)),
  ice: Type.Optional(Nullable(IceInputs)),
  successMetrics: Type.Optional(SuccessMetrics),
  killCriteria: Type.Optional(KillCriteria),
});
export type IdeaCreate = Static<typeof IdeaCreate>;

export const SimilarIdea = Strict({
  id: Id,
  number: Type.Integer(),
  title: Type.String(),
  stage: Stage,
  similarity: Type.Number({ minimum: 0, maximum: 1 }),
});
export type SimilarIdea = Static<typeof SimilarIdea>;

export const IdeaCreated = Strict({
  idea: Idea,
  receiptCode: Type.Optional(
    Type.String({ description: 'Only for anonymous ideas, shown once: keep it to follow the idea.' }),
  ),
  similar: Type.Array(SimilarIdea),
});

export type IdeaCreated = Static<typeof IdeaCreated>;

export const IdeaUpdate = Strict({
  version: Version,
  title: Type.Optional(Title),
  description: Type.Optional(Text(10_000)),
  tags: Type.Optional(Tags),
  statement: Type.Optional(Nullable(IdeaStatement)),
  rice: Type.Optional(Nullable(RiceInputs)),
  ice: Type.Optional(Nullable(IceInputs)),
  successMetrics: Type.Optional(SuccessMetrics),
  killCriteria: Type.Optional(KillCriteria),
  economics: Type.Optional(Nullable(EconomicsFields)),
  pmf: Type.Optional(Nullable(PmfData)),
  mvp: Type.Optional(Nullable(MvpData)),
  capabilities: Type.Optional(Nullable(CapabilityRatings)),
  launchPlan: Type.Optional(Nullable(LaunchPlan)),
});
export type IdeaUpdate = Static<typeof IdeaUpdate>;

export const IDEA_SORTS = [
  'composite',
  '-composite',
  'adjusted',
  '-adjusted',
  'updated',
  '-updated',
  'number',
  '-number',
] as const;

/**
 * The challenger runs on each idea the other filters match, so "has findings" is refused beyond this many:
 * narrowing first keeps a request to a fraction of a second.
 */
export const HAS_FINDINGS_LIMIT = 1000;

/**
 * What a list is filtered and sorted by: the list's query, and what a saved view keeps (src/schema/view.ts).
 * Declared once so both stay the same.
 */
export const IdeaFilterFields = {
  stage: Type.Optional(Stage),
  tag: Type.Optional(Tag),
  q: Type.Optional(Text(200, 0, { description: 'Words in the title, description, tags or linked evidence' })),
  submitter: Type.Optional(Id),
  scoreMin: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 5,
      description: 'Lowest confidence-adjusted score; unscored ideas are left out',
    }),
  ),
  scoreMax: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 5,
      description: 'Highest confidence-adjusted score; unscored ideas are left out',
    }),
  ),
  hasFindings: Type.Optional(
    Type.Boolean({
      description: `Only ideas with open ${PORTFOLIO_FILTERS.findingSeverities.join(' or ')} challenger findings (true), or without (false). Checks at most ${HAS_FINDINGS_LIMIT.toLocaleString('en')} ideas: narrow the list first.`,
    }),
  ),
  stale: Type.Optional(
    Type.Boolean({
      description: `Only ideas no one has changed for ${PORTFOLIO_FILTERS.staleAfterDays} days (true), or the others`,
    }),
  ),
  sort: Type.Optional(Enum(IDEA_SORTS, 'Field to sort by; a leading "-" sorts descending. Default -updated.')),
};
export const IdeaFilters = Strict(IdeaFilterFields);
export type IdeaFilters = Static<typeof IdeaFilters>;

export const IdeaListQuery = Strict({
  ...IdeaFilterFields,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 })),
  includeMerged: Type.Optional(Type.Boolean({ default: false })),
  mine: Type.Optional(Type.Boolean({ description: "Only the acting member's own submissions" })),
  archived: Type.Optional(Type.Boolean({ description: 'Only archived ideas (they are left out otherwise)' })),
});
export type IdeaListQuery = Static<typeof IdeaListQuery>;
