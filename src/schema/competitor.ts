import { type Static, Type } from 'typebox';
import { Enum, Strict, Text } from './common.ts';

/**
 * Ratings on named capabilities, 0 (none) to 5 (best): for a competitor, and for our own product (the idea)
 * on the same scale, so that the positioning chart can place both.
 */
export const CapabilityRatings = Type.Record(Text(80, 1), Type.Integer({ minimum: 0, maximum: 5 }), {
  maxProperties: 30,
});
export type CapabilityRatings = Static<typeof CapabilityRatings>;

export const COMPETITOR_KINDS = ['direct', 'indirect', 'substitute'] as const;

/** A competitor or alternative (including "do nothing") as it travels in the opportunity file. */
export const CompetitorFields = Strict({
  name: Text(200, 1),
  kind: Enum(COMPETITOR_KINDS),
  strengths: Type.Optional(Type.Array(Text(300, 1), { maxItems: 20 })),
  weaknesses: Type.Optional(Type.Array(Text(300, 1), { maxItems: 20 })),
  price: Type.Optional(Text(200)),
  capabilities: Type.Optional(CapabilityRatings),
});
export type CompetitorFields = Static<typeof CompetitorFields>;
