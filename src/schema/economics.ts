import { type Static, Type } from 'typebox';
import { Count, Enum, Measure, Money, Strict, Text } from './common.ts';

const Share = Type.Number({ minimum: 0, maximum: 1 });
const Margin = Type.Number({ minimum: -1, maximum: 1 });
const Source = Text(300);

/** Where an input comes from: a source (a report, an invoice, an experiment), or an assumption to test. */
export const InputBasis = Strict({
  kind: Enum(['source', 'assumption'] as const, 'source: the note says where the figure comes from'),
  note: Type.Optional(Source),
});
export type InputBasis = Static<typeof InputBasis>;

/** A scenario's inputs: whatever it leaves out is the base figure. */
export const ScenarioInputs = Strict({
  arpuMonthly: Type.Optional(Money),
  grossMargin: Type.Optional(Margin),
  monthlyChurn: Type.Optional(Share),
  cac: Type.Optional(Money),
});
export type ScenarioInputs = Static<typeof ScenarioInputs>;

/** One acquisition channel: what a customer costs there, and the share of new customers it brings. */
export const CacChannel = Strict({
  channel: Text(80, 1),
  cac: Money,
  share: Share,
  source: Type.Optional(Source),
});
export type CacChannel = Static<typeof CacChannel>;

/** Top-down: the total market from a source, then the shares of it that are serviceable and obtainable. */
export const TopDownSizing = Strict({
  tam: Money,
  tamSource: Type.Optional(Source),
  samShare: Type.Optional(Share),
  samSource: Type.Optional(Source),
  somShare: Type.Optional(Share),
  somSource: Type.Optional(Source),
});
export type TopDownSizing = Static<typeof TopDownSizing>;

/** Bottom-up: buyers × price × purchases a year, each input with where it comes from. */
export const BottomUpSizing = Strict({
  buyers: Count(),
  buyersSource: Type.Optional(Source),
  price: Money,
  priceSource: Type.Optional(Source),
  frequencyPerYear: Measure({ minimum: 0, maximum: 1e6 }),
  frequencySource: Type.Optional(Source),
});
export type BottomUpSizing = Static<typeof BottomUpSizing>;

/**
 * Unit economics and sizing, as far as they are known; every field optional. The flat inputs are the base
 * scenario; with channels, `cac` is their blended figure, and with structured sizing, `tam`/`sam`/`som` and
 * `sizingMethod` are derived from it (the app keeps them in step, so every older reader still works).
 */
export const EconomicsFields = Strict({
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  arpuMonthly: Type.Optional(Money),
  grossMargin: Type.Optional(Margin),
  monthlyChurn: Type.Optional(Share),
  cac: Type.Optional(Money),
  cacChannels: Type.Optional(Type.Array(CacChannel, { maxItems: 20 })),
  basis: Type.Optional(
    Strict({
      arpuMonthly: Type.Optional(InputBasis),
      grossMargin: Type.Optional(InputBasis),
      monthlyChurn: Type.Optional(InputBasis),
      cac: Type.Optional(InputBasis),
    }),
  ),
  scenarios: Type.Optional(
    Strict({ pessimistic: Type.Optional(ScenarioInputs), optimistic: Type.Optional(ScenarioInputs) }),
  ),
  tam: Type.Optional(Money),
  sam: Type.Optional(Money),
  som: Type.Optional(Money),
  sizingMethod: Type.Optional(Type.Array(Type.Enum(['top-down', 'bottom-up', 'value-theory']), { uniqueItems: true })),
  sizing: Type.Optional(Strict({ topDown: Type.Optional(TopDownSizing), bottomUp: Type.Optional(BottomUpSizing) })),
  notes: Type.Optional(Text(2000)),
});
export type EconomicsFields = Static<typeof EconomicsFields>;
