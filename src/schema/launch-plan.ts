import { type Static, Type } from 'typebox';
import { Count, Money, Strict, Text } from './common.ts';

/**
 * What is asked of the people who fund the idea: money, people and time, and what that buys. Each part
 * optional, so a plan can be written down as it is known; documents show what is missing.
 */
export const LaunchAsk = Strict({
  budget: Type.Optional(Money),
  currency: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217; the economics currency by default' }),
  ),
  people: Type.Optional(
    Count(0, { maximum: 10_000, description: 'People working on it full time, or the equivalent' }),
  ),
  months: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 120, description: 'How long the budget and people are asked for' }),
  ),
  buys: Type.Optional(
    Text(1000, 0, { description: 'What the money, people and time buy: the milestone reached at the end' }),
  ),
});
export type LaunchAsk = Static<typeof LaunchAsk>;

/** One seat on the team that would build it: the role always, a name once someone is in it. */
export const TeamSeat = Strict({
  role: Text(120, 1),
  name: Type.Optional(Text(120)),
  share: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Share of their time, 0..1' })),
});
export type TeamSeat = Static<typeof TeamSeat>;

/**
 * The idea's launch plan: the ask, the team and the go-to-market plan in words. The channels and what a
 * customer costs in each come from the economics; traction comes from the PMF data and the evidence.
 */
export const LaunchPlan = Strict({
  ask: Type.Optional(LaunchAsk),
  team: Type.Optional(Type.Array(TeamSeat, { maxItems: 40 })),
  goToMarket: Type.Optional(Text(4000, 0, { description: 'How the first customers are reached, and then more' })),
});
export type LaunchPlan = Static<typeof LaunchPlan>;
