import { type Static, Type } from 'typebox';
import { Enum, Strict, Text } from './common.ts';

export const ASSUMPTION_KINDS = ['risk', 'uncertainty', 'silent'] as const;
export type AssumptionKind = (typeof ASSUMPTION_KINDS)[number];
export const ASSUMPTION_AREAS = ['desirability', 'viability', 'feasibility', 'usability', 'ethics'] as const;
export type AssumptionArea = (typeof ASSUMPTION_AREAS)[number];

/** An assumption as it travels in the opportunity file (and, once stored, in the API). */
export const AssumptionFields = Strict({
  ref: Type.Optional(Text(64, 1)),
  statement: Text(1000, 1),
  kind: Enum(
    ASSUMPTION_KINDS,
    'risk: known, estimable; uncertainty: unknown, learnable only by testing; silent: never said, surfaced by review',
  ),
  area: Enum(ASSUMPTION_AREAS),
  importance: Type.Integer({ minimum: 1, maximum: 5, description: '5: the idea fails if this is wrong' }),
  evidence: Type.Optional(Type.Array(Text(64, 1), { maxItems: 50, description: 'Evidence refs' })),
  note: Type.Optional(Text(2000)),
});
export type AssumptionFields = Static<typeof AssumptionFields>;
