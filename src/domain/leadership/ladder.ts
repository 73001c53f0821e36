import { type CareerLadder, RATING_MAX, RATING_MIN, TRAIT_IDS, TRAITS, type TraitId } from '../../methodology/index.ts';
import { ok, type Result, refuse } from '../result.ts';
import { type CycleSummary, round2 } from './ratings.ts';

/**
 * Career ladders (levels × traits, the level expected on each) and where a person stands on one level:
 * others' mean where a group is shown, else their own rating, against the expectation.
 */

/** A workspace's ladder is data: check it before it is stored. */
export function validateLadder(ladder: CareerLadder): Result<CareerLadder> {
  if (ladder.levels.length === 0) return refuse('A ladder needs at least one level.');
  const ids = new Set<string>();
  for (const [i, l] of ladder.levels.entries()) {
    if (!l.id.trim() || !l.name.trim()) return refuse('Every level needs an id and a name.');
    if (ids.has(l.id)) return refuse(`Level "${l.id}" appears twice.`);
    ids.add(l.id);
    for (const key of Object.keys(l.expected)) {
      if (!(TRAIT_IDS as readonly string[]).includes(key)) return refuse(`Level "${l.id}": unknown trait "${key}".`);
    }
    for (const t of TRAIT_IDS) {
      const v = l.expected[t];
      if (v === undefined) return refuse(`Level "${l.id}" does not say what it expects of ${t}.`);
      if (!Number.isInteger(v) || v < RATING_MIN || v > RATING_MAX) {
        return refuse(
          `Level "${l.id}": the expectation for ${t} is a whole number from ${RATING_MIN} to ${RATING_MAX}.`,
        );
      }
      const below = ladder.levels[i - 1];
      if (below && v < below.expected[t]) {
        return refuse(`Level "${l.id}" expects less of ${t} than the level below it.`);
      }
    }
  }
  return ok(ladder);
}

export interface TraitStanding {
  trait: TraitId;
  name: string;
  expected: number;
  actual: number | null;
  basis: 'others' | 'self' | 'none';
  /** actual minus expected; null without a figure. */
  gap: number | null;
  meets: boolean | null;
}

export interface LadderStanding {
  levelId: string;
  levelName: string;
  traits: TraitStanding[];
  meets: number;
  /** Traits below the expectation, the largest gap first. */
  below: TraitStanding[];
  unrated: TraitId[];
}

export function ladderStanding(ladder: CareerLadder, levelId: string, summary: CycleSummary): Result<LadderStanding> {
  const level = ladder.levels.find((l) => l.id === levelId);
  if (!level) return refuse(`The ladder has no level "${levelId}".`);
  const traits = TRAITS.map((def): TraitStanding => {
    const s = summary.traits.find((x) => x.trait === def.id);
    const expected = level.expected[def.id];
    const actual = s?.othersMean ?? s?.self?.score ?? null;
    const basis = s?.othersMean != null ? 'others' : s?.self ? 'self' : 'none';
    const gap = actual === null ? null : round2(actual - expected);
    return { trait: def.id, name: def.name, expected, actual, basis, gap, meets: gap === null ? null : gap >= 0 };
  });
  return ok({
    levelId: level.id,
    levelName: level.name,
    traits,
    meets: traits.filter((t) => t.meets === true).length,
    below: traits
      .filter((t) => t.meets === false)
      .sort((a, b) => a.gap! - b.gap! || TRAIT_IDS.indexOf(a.trait) - TRAIT_IDS.indexOf(b.trait)),
    unrated: traits.filter((t) => t.actual === null).map((t) => t.trait),
  });
}
