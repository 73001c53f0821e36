/**
 * The inputs unit economics are computed from (each one carries its source or is marked an assumption), and
 * the scenarios they are entered in. The formulas are in `src/domain/economics.ts` and docs/economics.md.
 */
export const ECONOMICS_INPUTS = ['arpuMonthly', 'grossMargin', 'monthlyChurn', 'cac'] as const;
export type EconomicsInput = (typeof ECONOMICS_INPUTS)[number];

export const ECONOMICS_INPUT_NAMES: Record<EconomicsInput, string> = {
  arpuMonthly: 'ARPA a month',
  grossMargin: 'gross margin',
  monthlyChurn: 'monthly churn',
  cac: 'CAC',
};

export const ECONOMICS_SCENARIOS = ['pessimistic', 'base', 'optimistic'] as const;
export type EconomicsScenario = (typeof ECONOMICS_SCENARIOS)[number];

/** Sourced unit economics are evidence for this dimension (a high score on it is then not "without evidence"). */
export const ECONOMICS_EVIDENCE_DIMENSION = 'business-impact';

/** An input marked as an assumption goes on the assumption map with this importance (1-5) and area. */
export const ECONOMICS_ASSUMPTION = { importance: 4, area: 'viability', kind: 'uncertainty' } as const;
