import { type Static, Type } from 'typebox';
import {
  CAREER_STAGE_IDS,
  PERSON_STAGE_IDS,
  RATER_GROUP_IDS,
  RATING_MAX,
  RATING_MIN,
  TRAIT_IDS,
} from '../methodology/index.ts';
import { DateOnly, Enum, Id, Nullable, Strict, Text, Timestamp, Version } from './common.ts';

/**
 * Leadership growth (docs/leadership.md): a person's 360 cycles, the thresholded summary of one, the
 * weakest trait and a development plan. The summary shapes mirror src/domain/leadership/, which computes
 * them; what the API serves is only ever those summaries, never a rater's own answers.
 */

export const TraitIdSchema = Enum(TRAIT_IDS);
export const RaterGroup = Enum(RATER_GROUP_IDS);
export const OtherRaterGroup = Enum(
  RATER_GROUP_IDS.filter((g) => g !== 'self') as ['manager', 'peer', 'report', 'cross-functional'],
);
export const PersonStage = Enum(PERSON_STAGE_IDS);
export const TraitScore = Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX });

export const TraitRatingInput = Strict({
  trait: TraitIdSchema,
  score: TraitScore,
  example: Type.Optional(Text(1000, 0, { description: 'When did you see this?' })),
});
export type TraitRatingInput = Static<typeof TraitRatingInput>;
const Ratings = Type.Array(TraitRatingInput, { minItems: 1, maxItems: TRAIT_IDS.length });

/** The person's own ratings in an open cycle; traits not named are left as they are. */
export const SelfRatingsPut = Strict({ version: Version, ratings: Ratings });
export type SelfRatingsPut = Static<typeof SelfRatingsPut>;

/** Asking someone to rate: a member by id (they answer signed in), or, without one, a one-time link. */
export const RaterInvite = Strict({
  version: Version,
  group: OtherRaterGroup,
  memberId: Type.Optional(Id),
  label: Type.Optional(Text(100, 1, { description: 'Who a link is for, in your words (only you see it)' })),
});
export type RaterInvite = Static<typeof RaterInvite>;

/** Someone asked to rate, as the person assessed sees them: never whether or when they answered. */
export const RaterView = Strict({
  id: Id,
  group: OtherRaterGroup,
  via: Enum(['account', 'link'] as const),
  name: Type.String(),
});
export type RaterView = Static<typeof RaterView>;

export const SelfRating = Strict({ trait: TraitIdSchema, score: TraitScore, example: Nullable(Type.String()) });

export const Cycle = Strict({
  id: Id,
  openedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  self: Type.Array(SelfRating),
  raters: Type.Array(RaterView),
  version: Version,
});
export type Cycle = Static<typeof Cycle>;

export const RaterInvited = Strict({
  cycle: Cycle,
  /** The one-time link, shown this once; null when a member was asked. */
  link: Nullable(Strict({ url: Type.String(), code: Type.String() })),
});
export type RaterInvited = Static<typeof RaterInvited>;

export const GroupView = Type.Union([
  Strict({
    group: OtherRaterGroup,
    shown: Type.Literal(true),
    attributed: Type.Boolean(),
    raters: Type.Integer(),
    mean: Type.Number(),
    min: Type.Integer(),
    max: Type.Integer(),
    examples: Type.Array(Type.String()),
  }),
  Strict({ group: OtherRaterGroup, shown: Type.Literal(false), message: Type.String() }),
]);

export const TraitSummary = Strict({
  trait: TraitIdSchema,
  name: Type.String(),
  self: Nullable(Strict({ score: TraitScore, example: Nullable(Type.String()) })),
  groups: Type.Array(GroupView),
  othersMean: Nullable(Type.Number()),
  othersRatings: Type.Integer(),
  othersExamples: Type.Integer(),
});

const Gap = Strict({
  trait: TraitIdSchema,
  name: Type.String(),
  kind: Enum(['blind-spot', 'hidden-strength'] as const),
  self: Type.Number(),
  others: Type.Number(),
  gap: Type.Number(),
  margin: Type.Number(),
  explanation: Type.String(),
});
const RankedTrait = Strict({
  trait: TraitIdSchema,
  name: Type.String(),
  mean: Type.Number(),
  evidence: Type.Integer(),
});
const Change = Nullable(
  Strict({
    from: Type.Number(),
    to: Type.Number(),
    delta: Type.Number(),
    direction: Enum(['up', 'down', 'steady'] as const),
  }),
);

/** What a person reads about themselves: the latest closed cycle (else their own ratings), with every threshold applied. */
export const TraitInsights = Strict({
  /** The cycle summarised; null before any cycle. */
  cycleId: Nullable(Id),
  closed: Type.Boolean(),
  traits: Type.Array(TraitSummary),
  blindSpots: Type.Array(Gap),
  hiddenStrengths: Type.Array(Gap),
  weakest: Strict({
    basis: Enum(['others', 'self', 'none'] as const),
    weakest: Nullable(RankedTrait),
    ranking: Type.Array(RankedTrait),
    explanation: Type.String(),
  }),
  /** Per trait over closed cycles, oldest first. */
  trends: Type.Array(
    Strict({
      trait: TraitIdSchema,
      name: Type.String(),
      points: Type.Array(
        Strict({
          cycleId: Type.String(),
          on: DateOnly,
          others: Nullable(Type.Number()),
          self: Nullable(Type.Number()),
        }),
      ),
      others: Change,
      self: Change,
    }),
  ),
});
export type TraitInsights = Static<typeof TraitInsights>;

/** A request to rate someone, as the rater sees it. */
export const RatingRequest = Strict({
  id: Id,
  subject: Type.String(),
  group: OtherRaterGroup,
  /** A manager is asked whether their rating may be shown as the manager's. */
  asksConsent: Type.Boolean(),
});
export type RatingRequest = Static<typeof RatingRequest>;

export const RatingAnswer = Strict({
  ratings: Ratings,
  consent: Type.Optional(Type.Boolean({ description: "A manager: show my rating as the manager's" })),
});
export type RatingAnswer = Static<typeof RatingAnswer>;

export const LinkCode = Strict({ code: Text(200, 10) });
export const LinkRatingInfo = Strict({ workspace: Type.String(), ...RatingRequest.properties });
export type LinkRatingInfo = Static<typeof LinkRatingInfo>;
export const LinkRatingAnswer = Strict({ code: Text(200, 10), ...RatingAnswer.properties });
export type LinkRatingAnswer = Static<typeof LinkRatingAnswer>;

/** The domain's development plan, kept whole (src/domain/leadership/plan.ts). */
export const DevelopmentPlanRecord = Strict({
  stage: PersonStage,
  basis: Enum(['others', 'self', 'none'] as const),
  createdOn: DateOnly,
  checkInOn: DateOnly,
  stageFocus: Type.Array(Type.String()),
  goals: Type.Array(
    Strict({
      trait: TraitIdSchema,
      traitName: Type.String(),
      from: Type.Number(),
      target: TraitScore,
      targetBehaviour: Type.String(),
      stretchId: Type.String(),
      stretch: Type.String(),
      inVetted: Type.Boolean(),
    }),
  ),
  cards: Type.Array(Strict({ id: Type.String(), title: Type.String() })),
  notes: Type.Array(Strict({ on: DateOnly, text: Type.String() })),
  explanation: Type.String(),
});
export type DevelopmentPlanRecord = Static<typeof DevelopmentPlanRecord>;

export const LearningCardView = Strict({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  traits: Type.Array(TraitIdSchema),
  stages: Type.Array(Enum(CAREER_STAGE_IDS)),
});

export const Plan = Strict({
  id: Id,
  cycleId: Nullable(Id),
  plan: DevelopmentPlanRecord,
  /** The learning cards the plan suggests, in full. */
  cards: Type.Array(LearningCardView),
  createdAt: Timestamp,
  version: Version,
});
export type Plan = Static<typeof Plan>;

export const PlanCreate = Strict({
  stage: PersonStage,
  idea: Type.Optional(Text(100, 1, { description: 'Fills stretch experiences about an idea, e.g. "idea #14"' })),
  checkInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
});
export type PlanCreate = Static<typeof PlanCreate>;

export const PlanNote = Strict({
  version: Version,
  text: Text(2000, 1, { pattern: '\\S' }),
  checkIn: Type.Optional(Type.Boolean({ description: 'A check-in: also sets the next check-in date' })),
});
export type PlanNote = Static<typeof PlanNote>;

/** The framework as data, for the forms: traits with anchors, groups, stages and thresholds. */
export const TraitFramework = Strict({
  traits: Type.Array(
    Strict({
      id: TraitIdSchema,
      name: Type.String(),
      description: Type.String(),
      anchors: Type.Array(Type.String()),
      examplePrompt: Type.String(),
    }),
  ),
  groups: Type.Array(Strict({ id: RaterGroup, name: Type.String() })),
  stages: Type.Array(Strict({ id: Enum(CAREER_STAGE_IDS), name: Type.String(), develops: Type.Array(Type.String()) })),
  advice: Type.String(),
  minRatersPerGroup: Type.Integer(),
});
export type TraitFramework = Static<typeof TraitFramework>;

/** Sharing your summary with a member: they see it in their team view until you stop sharing. */
export const ShareCreate = Strict({ memberId: Id });
export const Share = Strict({ memberId: Id, name: Type.String(), since: Timestamp });
export type Share = Static<typeof Share>;

/**
 * A leader's team view: people who shared their summary with them, each trait's others' mean from their
 * latest closed cycle (thresholded: a trait with no shown group is null). Never self ratings, examples or
 * groups: the shared view is the figure the person's own summary shows, nothing behind it.
 */
export const TeamView = Strict({
  traits: Type.Array(Strict({ id: TraitIdSchema, name: Type.String() })),
  members: Type.Array(
    Strict({
      id: Id,
      name: Type.String(),
      closedOn: Nullable(DateOnly),
      scores: Type.Array(Strict({ trait: TraitIdSchema, others: Nullable(Type.Number()) })),
    }),
  ),
});
export type TeamView = Static<typeof TeamView>;

/** Behaviour observed in Vetted, next to four traits: the person's own, shown to them only after opting in. */
export const ObservedEvidence = Strict({
  optedIn: Type.Boolean(),
  /** Empty until opted in. */
  traits: Type.Array(
    Strict({
      trait: TraitIdSchema,
      name: Type.String(),
      observations: Type.Array(Strict({ id: Type.String(), count: Type.Integer(), text: Type.String() })),
    }),
  ),
});
export type ObservedEvidence = Static<typeof ObservedEvidence>;
export const ObservedEvidenceOptIn = Strict({ optedIn: Type.Boolean() });
