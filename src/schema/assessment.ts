import { type Static, Type } from 'typebox';
import { CONFIDENCE_LEVELS } from '../methodology/index.ts';
import { ActorRef, Enum, Id, Nullable, Strict, Text, Timestamp, Version } from './common.ts';

export const Confidence = Enum(CONFIDENCE_LEVELS);
export const ScoreValue = Type.Integer({ minimum: 1, maximum: 5 });

export const DimensionScore = Strict({
  score: ScoreValue,
  confidence: Confidence,
  note: Type.Optional(Text(2000)),
  evidenceIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true })),
});
export type DimensionScore = Static<typeof DimensionScore>;

export const Scores = Type.Record(Type.String({ maxLength: 40 }), DimensionScore);
export type Scores = Static<typeof Scores>;

export const Assessment = Strict({
  id: Id,
  ideaId: Id,
  assessor: ActorRef,
  scores: Scores,
  updatedAt: Timestamp,
  version: Version,
});
export type Assessment = Static<typeof Assessment>;

export const AssessmentPut = Strict({
  scores: Type.Record(Type.String({ maxLength: 40 }), Nullable(DimensionScore), {
    description: 'Scores by dimension id; null removes a score. Dimensions not named stay as they are.',
  }),
  reason: Type.Optional(Text(1000)),
  version: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Your assessment version; 0 or absent for a first one.' }),
  ),
});
export type AssessmentPut = Static<typeof AssessmentPut>;

export const ScoreChange = Strict({
  dimension: Type.String(),
  assessor: ActorRef,
  from: Nullable(ScoreValue),
  to: Nullable(ScoreValue),
  fromConfidence: Nullable(Confidence),
  toConfidence: Nullable(Confidence),
  reason: Nullable(Type.String()),
  actor: ActorRef,
  at: Timestamp,
});
export type ScoreChange = Static<typeof ScoreChange>;

export const DimensionResult = Strict({
  id: Type.String(),
  name: Type.String(),
  weight: Type.Number(),
  scores: Type.Array(ScoreValue),
  mean: Nullable(Type.Number()),
  min: Nullable(ScoreValue),
  max: Nullable(ScoreValue),
  spread: Nullable(Type.Number({ description: 'max - min across assessors' })),
  evidenceStrength: Nullable(Type.String()),
  evidenceFactor: Type.Number(),
  confidenceFactor: Type.Number(),
  adjusted: Type.Number({ description: 'The dimension mean after discounts; 1 when unscored' }),
});
export type DimensionResult = Static<typeof DimensionResult>;

export const ScoreExplanation = Strict({
  composite: Nullable(Type.Number({ description: 'Weighted mean of scored dimensions, 1..5' })),
  adjusted: Nullable(Type.Number({ description: 'Confidence-adjusted composite, 1..5' })),
  coverage: Type.Number(),
  assessors: Type.Integer(),
  dimensions: Type.Array(DimensionResult),
  rice: Nullable(Type.Number()),
  ice: Nullable(Type.Number()),
  explanation: Type.Array(Type.String()),
});
export type ScoreExplanation = Static<typeof ScoreExplanation>;

export { Id };
