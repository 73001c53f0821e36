import { type Static, Type } from 'typebox';
import { Money, Strict, Text } from './common.ts';

/** Unit economics and sizing, as far as they are known; every field optional. */
export const EconomicsFields = Strict({
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  arpuMonthly: Type.Optional(Money),
  grossMargin: Type.Optional(Type.Number({ minimum: -1, maximum: 1 })),
  monthlyChurn: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  cac: Type.Optional(Money),
  tam: Type.Optional(Money),
  sam: Type.Optional(Money),
  som: Type.Optional(Money),
  sizingMethod: Type.Optional(Type.Array(Type.Enum(['top-down', 'bottom-up', 'value-theory']), { uniqueItems: true })),
  notes: Type.Optional(Text(2000)),
});
export type EconomicsFields = Static<typeof EconomicsFields>;
