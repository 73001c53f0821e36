import type { TraitRatingInput } from '../../schema/index.ts';
import { invalid } from '../errors.ts';

/** A set of ratings rates each trait once (the schema checks each rating; this checks the set). */
export function checkRatings(ratings: readonly TraitRatingInput[]): TraitRatingInput[] {
  const seen = new Set<string>();
  for (const [i, r] of ratings.entries()) {
    if (seen.has(r.trait))
      throw invalid('Each trait is rated once.', [{ path: `/ratings/${i}/trait`, message: `rates ${r.trait} again` }]);
    seen.add(r.trait);
  }
  return [...ratings];
}
