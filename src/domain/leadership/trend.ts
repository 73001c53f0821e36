import { TRAITS, TREND_STEADY_MARGIN, type TraitId } from '../../methodology/index.ts';
import { type CycleSummary, round2 } from './ratings.ts';

/**
 * Trend per trait over reassessment cycles, from each cycle's summary (so each point already obeys the
 * thresholds). The change compares the last two cycles that have a figure.
 */

export interface CycleOfSummary {
  cycleId: string;
  /** The day the cycle closed, YYYY-MM-DD; cycles are put in this order. */
  on: string;
  summary: CycleSummary;
}

export interface TrendChange {
  from: number;
  to: number;
  delta: number;
  direction: 'up' | 'down' | 'steady';
}

export interface TraitTrend {
  trait: TraitId;
  name: string;
  points: { cycleId: string; on: string; others: number | null; self: number | null }[];
  others: TrendChange | null;
  self: TrendChange | null;
}

export function change(values: readonly (number | null)[], steady: number = TREND_STEADY_MARGIN): TrendChange | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const from = known[known.length - 2]!;
  const to = known[known.length - 1]!;
  const delta = round2(to - from);
  return { from, to, delta, direction: Math.abs(delta) < steady ? 'steady' : delta > 0 ? 'up' : 'down' };
}

export function traitTrends(cycles: readonly CycleOfSummary[]): TraitTrend[] {
  const ordered = [...cycles].sort((a, b) => a.on.localeCompare(b.on) || a.cycleId.localeCompare(b.cycleId));
  return TRAITS.map((t) => {
    const points = ordered.map((c) => {
      const s = c.summary.traits.find((x) => x.trait === t.id);
      return { cycleId: c.cycleId, on: c.on, others: s?.othersMean ?? null, self: s?.self?.score ?? null };
    });
    return {
      trait: t.id,
      name: t.name,
      points,
      others: change(points.map((p) => p.others)),
      self: change(points.map((p) => p.self)),
    };
  });
}
