import { type Static, Type } from 'typebox';
import { Id, Strict, Version } from './common.ts';
import { DecisionCreate } from './decision.ts';
import { Tags } from './idea.ts';

/** Ideas a bulk action applies to, each with the version the caller saw: all of them change, or none. */
export const BulkIdeas = Type.Array(Strict({ id: Id, version: Version }), { minItems: 1, maxItems: 200 });

export const BulkTag = Strict({
  ideas: BulkIdeas,
  add: Type.Optional(Tags),
  remove: Type.Optional(Tags),
});
export type BulkTag = Static<typeof BulkTag>;

/** One gate decision, with one rationale, recorded on each idea: the same fields as a single decision's. */
export const BulkDecision = Strict({
  ideas: BulkIdeas,
  outcome: DecisionCreate.properties.outcome,
  toStage: DecisionCreate.properties.toStage,
  rationale: DecisionCreate.properties.rationale,
  reversible: DecisionCreate.properties.reversible,
  reviewOn: DecisionCreate.properties.reviewOn,
  overrideReason: DecisionCreate.properties.overrideReason,
});
export type BulkDecision = Static<typeof BulkDecision>;
