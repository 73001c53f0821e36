import { BLIND_SPOT_MARGIN, TRAIT_IDS, type TraitId } from '../../methodology/index.ts';
import { type CycleSummary, round2 } from './ratings.ts';

/**
 * What a cycle says about the person: where they see themselves well above others (blind spots) or well
 * below (hidden strengths), and which trait is the weakest. Both read only what the summary shows, so a
 * withheld group can never move them.
 */

export interface SelfOthersGap {
  trait: TraitId;
  name: string;
  kind: 'blind-spot' | 'hidden-strength';
  self: number;
  others: number;
  /** self minus others' mean. */
  gap: number;
  /** The margin the gap was held against (at least this far apart counts). */
  margin: number;
  explanation: string;
}

export function selfOthersGaps(
  summary: CycleSummary,
  margin: number = BLIND_SPOT_MARGIN,
): { blindSpots: SelfOthersGap[]; hiddenStrengths: SelfOthersGap[] } {
  const gaps: SelfOthersGap[] = [];
  for (const t of summary.traits) {
    if (t.self === null || t.othersMean === null) continue;
    const gap = round2(t.self.score - t.othersMean);
    if (Math.abs(gap) < margin) continue;
    const kind = gap > 0 ? 'blind-spot' : 'hidden-strength';
    const explanation =
      kind === 'blind-spot'
        ? `You rate ${t.name} ${t.self.score}; others average ${t.othersMean}, ${gap} lower (a blind spot is ${margin} or more).`
        : `You rate ${t.name} ${t.self.score}; others average ${t.othersMean}, ${-gap} higher (a hidden strength is ${margin} or more).`;
    gaps.push({
      trait: t.trait,
      name: t.name,
      kind,
      self: t.self.score,
      others: t.othersMean,
      gap,
      margin,
      explanation,
    });
  }
  const order = (a: SelfOthersGap, b: SelfOthersGap) =>
    Math.abs(b.gap) - Math.abs(a.gap) || TRAIT_IDS.indexOf(a.trait) - TRAIT_IDS.indexOf(b.trait);
  return {
    blindSpots: gaps.filter((g) => g.kind === 'blind-spot').sort(order),
    hiddenStrengths: gaps.filter((g) => g.kind === 'hidden-strength').sort(order),
  };
}

export interface RankedTrait {
  trait: TraitId;
  name: string;
  mean: number;
  /** Ratings behind the mean that came with an example. */
  evidence: number;
}

export interface WeakestTrait {
  /** `others` once any group is shown for any trait; `self` before the first 360; `none` when nothing is rated. */
  basis: 'others' | 'self' | 'none';
  weakest: RankedTrait | null;
  /** Every trait with a figure on the basis, weakest first. */
  ranking: RankedTrait[];
  explanation: string;
}

/**
 * The weakest trait: the lowest others' mean, or the lowest self rating when no group is shown yet. Ties go
 * to the trait with the least evidence (fewest ratings with an example), then to the source's trait order.
 */
export function weakestTrait(summary: CycleSummary): WeakestTrait {
  const fromOthers = summary.traits.flatMap((t) =>
    t.othersMean === null ? [] : [{ trait: t.trait, name: t.name, mean: t.othersMean, evidence: t.othersExamples }],
  );
  const fromSelf = summary.traits.flatMap((t) =>
    t.self === null ? [] : [{ trait: t.trait, name: t.name, mean: t.self.score, evidence: t.self.example ? 1 : 0 }],
  );
  const basis = fromOthers.length > 0 ? 'others' : fromSelf.length > 0 ? 'self' : 'none';
  const ranking = (basis === 'others' ? fromOthers : fromSelf).sort(
    (a, b) => a.mean - b.mean || a.evidence - b.evidence || TRAIT_IDS.indexOf(a.trait) - TRAIT_IDS.indexOf(b.trait),
  );
  const weakest = ranking[0] ?? null;
  if (weakest === null) {
    return { basis, weakest, ranking, explanation: 'Nothing is rated yet: start with your own assessment.' };
  }
  const tied = ranking.filter((r) => r.mean === weakest.mean);
  const who = basis === 'others' ? "others' mean" : 'your own rating (no 360 is shown yet)';
  let explanation = `${weakest.name} is the weakest trait: ${weakest.mean} on ${who}, the lowest of ${ranking.length}.`;
  if (tied.length > 1) {
    const second = tied[1]!;
    explanation +=
      second.evidence > weakest.evidence
        ? ` It ties with ${tied.length - 1} other trait(s) and has the least evidence (${weakest.evidence} rating(s) with an example).`
        : ` It ties with ${tied.length - 1} other trait(s) on mean and evidence, and comes first in the framework's order.`;
  }
  return { basis, weakest, ranking, explanation };
}
