import { type Static, Type } from 'typebox';
import { OUTCOME_IDS, VERDICT_IDS } from '../methodology/index.ts';
import { ActorRef, DateOnly, Enum, Id, Nullable, Strict, Text, Timestamp, Version } from './common.ts';
import { Stage } from './idea.ts';

export const Outcome = Enum(OUTCOME_IDS);

export const CriterionCheck = Strict({
  criterion: Text(500, 1),
  met: Type.Boolean(),
  note: Type.Optional(Text(1000)),
});
export type CriterionCheck = Static<typeof CriterionCheck>;

/** The recommendation in force when a decision was taken, kept with the decision that followed or overrode it. */
export const DecisionRecommendation = Strict({
  verdict: Enum(VERDICT_IDS),
  summary: Type.String(),
  followed: Type.Boolean(),
  overrideReason: Type.Optional(
    Type.String({ description: 'Why the decision went against the recommendation, when it did and was told' }),
  ),
});
export type DecisionRecommendation = Static<typeof DecisionRecommendation>;

export const Decision = Strict({
  id: Id,
  ideaId: Id,
  fromStage: Stage,
  toStage: Stage,
  outcome: Outcome,
  rationale: Type.String(),
  criteria: Type.Array(CriterionCheck),
  reversible: Type.Boolean({ description: 'A two-way door: can be undone cheaply' }),
  reviewOn: Nullable(DateOnly),
  mergedIdeaId: Nullable(Id),
  recommendation: Nullable(DecisionRecommendation),
  decidedBy: Nullable(ActorRef),
  createdAt: Timestamp,
});
export type Decision = Static<typeof Decision>;

export const DecisionCreate = Strict({
  outcome: Enum(['advance', 'park', 'kill', 'reopen'] as const, 'Merges go through the merge endpoint'),
  toStage: Type.Optional(Stage),
  rationale: Text(5000, 1),
  criteria: Type.Optional(Type.Array(CriterionCheck, { maxItems: 30 })),
  reversible: Type.Boolean(),
  reviewOn: Type.Optional(Nullable(DateOnly)),
  overrideReason: Type.Optional(
    Text(2000, 1, { description: 'Why the decision overrides the recommendation; kept only when it does' }),
  ),
  version: Version,
});
export type DecisionCreate = Static<typeof DecisionCreate>;

export const MergeRequest = Strict({
  intoId: Id,
  rationale: Text(5000, 1),
  version: Version,
});
export type MergeRequest = Static<typeof MergeRequest>;
