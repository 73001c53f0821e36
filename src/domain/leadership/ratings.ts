import {
  MANAGER_SHOWN_WITH_CONSENT,
  MIN_RATERS_PER_GROUP,
  type OtherRaterGroupId,
  RATER_GROUP_IDS,
  RATER_GROUP_NAMES,
  RATING_MAX,
  RATING_MIN,
  type RaterGroupId,
  TRAIT_IDS,
  TRAITS,
  type TraitId,
} from '../../methodology/index.ts';
import { ok, type Result, refuse } from '../result.ts';

/**
 * One 360 cycle of one person, aggregated so that nobody's answer can be singled out: others' ratings are
 * shown per rater group and trait only when at least `MIN_RATERS_PER_GROUP` raters of the group rated the
 * trait; the manager's rating is shown as the manager's only with their consent. A withheld group shows the
 * same words whatever lies behind it (nobody, one, two raters, or a manager without consent), so not even a
 * count leaks. Pure: the caller passes in the cycle's ratings and consents.
 */

/** One rating of one trait by one rater, with its optional example ("when did you see this?"). */
export interface TraitRating {
  raterId: string;
  group: RaterGroupId;
  trait: TraitId;
  score: number;
  example?: string | undefined;
}

export interface CycleInput {
  /** The person assessed; their own ratings are the `self` group. */
  subjectId: string;
  ratings: readonly TraitRating[];
  /** Managers (rater ids) who agreed at invitation that their rating is shown as the manager's. */
  managerConsents?: readonly string[];
}

export const OTHER_GROUPS = RATER_GROUP_IDS.filter((g) => g !== 'self') as OtherRaterGroupId[];

export type GroupView =
  | {
      group: OtherRaterGroupId;
      shown: true;
      /** True only for a consenting manager's own rating; otherwise an unattributed aggregate. */
      attributed: boolean;
      raters: number;
      mean: number;
      min: number;
      max: number;
      /** Examples, unattributed and in alphabetical order (never in the order they were given). */
      examples: string[];
    }
  | { group: OtherRaterGroupId; shown: false; message: string };

export interface TraitSummary {
  trait: TraitId;
  name: string;
  self: { score: number; example: string | null } | null;
  /** Every other group, always all four, shown or withheld. */
  groups: GroupView[];
  /** Mean of the shown groups' ratings only; null when no group is shown. */
  othersMean: number | null;
  /** Ratings behind `othersMean`. */
  othersRatings: number;
  /** Shown ratings that came with an example: the evidence behind the figure. */
  othersExamples: number;
}

export interface CycleSummary {
  subjectId: string;
  traits: TraitSummary[];
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
const mean = (xs: readonly number[]): number => round2(xs.reduce((a, b) => a + b, 0) / xs.length);
const text = (e: string | undefined): string | null => {
  const t = e?.trim();
  return t ? t : null;
};

/** The one sentence a withheld group shows, the same whatever the reason. */
export function withheldMessage(group: OtherRaterGroupId): string {
  if (group === 'manager') {
    return `Withheld: a manager's rating is shown only with their consent, or when at least ${MIN_RATERS_PER_GROUP} managers rated this trait.`;
  }
  const name = RATER_GROUP_NAMES[group].toLowerCase();
  return `Withheld: ${name} are shown only when at least ${MIN_RATERS_PER_GROUP} of them rated this trait.`;
}

function validate(input: CycleInput): Result<null> {
  const seen = new Set<string>();
  const groupOf = new Map<string, RaterGroupId>();
  for (const r of input.ratings) {
    if (!(TRAIT_IDS as readonly string[]).includes(r.trait)) return refuse(`Unknown trait "${r.trait}".`);
    if (!(RATER_GROUP_IDS as readonly string[]).includes(r.group)) return refuse(`Unknown rater group "${r.group}".`);
    if (!Number.isInteger(r.score) || r.score < RATING_MIN || r.score > RATING_MAX) {
      return refuse(`A rating is a whole number from ${RATING_MIN} to ${RATING_MAX}.`);
    }
    if ((r.group === 'self') !== (r.raterId === input.subjectId)) {
      return refuse('Only the person assessed rates as self, and they rate only as self.');
    }
    const g = groupOf.get(r.raterId);
    if (g !== undefined && g !== r.group) return refuse('A rater belongs to one group in a cycle.');
    groupOf.set(r.raterId, r.group);
    const key = `${r.raterId}\u0000${r.trait}`;
    if (seen.has(key)) return refuse('A rater rates each trait once in a cycle.');
    seen.add(key);
  }
  return ok(null);
}

/** What a group shows, and the ratings behind it (none when withheld). */
function groupView(
  group: OtherRaterGroupId,
  ratings: TraitRating[],
  consents: ReadonlySet<string>,
): { view: GroupView; used: TraitRating[] } {
  if (ratings.length >= MIN_RATERS_PER_GROUP) return { view: view(group, ratings, false), used: ratings };
  if (group === 'manager' && MANAGER_SHOWN_WITH_CONSENT) {
    const consenting = ratings.filter((r) => consents.has(r.raterId));
    if (consenting.length > 0) return { view: view(group, consenting, true), used: consenting };
  }
  return { view: { group, shown: false, message: withheldMessage(group) }, used: [] };
}

function view(group: OtherRaterGroupId, ratings: TraitRating[], attributed: boolean): GroupView {
  const scores = ratings.map((r) => r.score);
  return {
    group,
    shown: true,
    attributed,
    raters: ratings.length,
    mean: mean(scores),
    min: Math.min(...scores),
    max: Math.max(...scores),
    examples: ratings
      .map((r) => text(r.example))
      .filter((e): e is string => e !== null)
      .sort(),
  };
}

/** The person's view of one cycle, with every threshold applied. */
export function summariseCycle(input: CycleInput): Result<CycleSummary> {
  const valid = validate(input);
  if (!valid.ok) return valid;
  const consents = new Set(input.managerConsents ?? []);
  const traits = TRAITS.map((t): TraitSummary => {
    const mine = input.ratings.filter((r) => r.trait === t.id);
    const own = mine.find((r) => r.group === 'self');
    const views = OTHER_GROUPS.map((g) =>
      groupView(
        g,
        mine.filter((r) => r.group === g),
        consents,
      ),
    );
    const used = views.flatMap((v) => v.used);
    return {
      trait: t.id,
      name: t.name,
      self: own ? { score: own.score, example: text(own.example) } : null,
      groups: views.map((v) => v.view),
      othersMean: used.length > 0 ? mean(used.map((r) => r.score)) : null,
      othersRatings: used.length,
      othersExamples: used.filter((r) => text(r.example) !== null).length,
    };
  });
  return ok({ subjectId: input.subjectId, traits });
}
