import {
  CAREER_STAGES,
  LEARNING_CARDS,
  PERSON_STAGE_IDS,
  type PersonStageId,
  PLAN_CHECK_IN_DAYS,
  PLAN_MAX_GOALS,
  PLAN_MIN_GOALS,
  PLAN_SECOND_TRAIT_MARGIN,
  RATING_MAX,
  STRETCH_EXPERIENCES,
  TRAITS,
  type TraitId,
} from '../../methodology/index.ts';
import { ok, type Result, refuse } from '../result.ts';
import type { RankedTrait, WeakestTrait } from './insights.ts';

/**
 * A development plan for the person's career stage: two goals for the weakest trait, and a third for the
 * next weakest when it is within `PLAN_SECOND_TRAIT_MARGIN`; each goal is a stretch experience for that
 * trait and stage (Vetted's own work first), aiming one anchor higher. The plan suggests the learning cards
 * for those traits and stage, and sets a check-in date from `now`.
 */

export interface PlanGoal {
  trait: TraitId;
  traitName: string;
  /** Where the trait stands now, on the plan's basis. */
  from: number;
  /** One level up from the whole level reached, at most 5. */
  target: number;
  /** The behaviour that marks the target level. */
  targetBehaviour: string;
  stretchId: string;
  stretch: string;
  inVetted: boolean;
}

export interface ProgressNote {
  on: string;
  text: string;
}

export interface DevelopmentPlan {
  stage: PersonStageId;
  basis: WeakestTrait['basis'];
  createdOn: string;
  checkInOn: string;
  /** What the stage develops, and what every stage develops. */
  stageFocus: string[];
  goals: PlanGoal[];
  cards: { id: string; title: string }[];
  notes: ProgressNote[];
  explanation: string;
}

export interface PlanInput {
  weakest: WeakestTrait;
  stage: PersonStageId;
  now: Date;
  /** Fills `{idea}` in a stretch experience, e.g. "idea #14". */
  idea?: string | undefined;
  checkInDays?: number | undefined;
}

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (now: Date, days: number): string => dayOf(new Date(now.getTime() + days * 86_400_000));

function goalsFor(t: RankedTrait, stage: PersonStageId, count: number, idea: string): PlanGoal[] {
  const def = TRAITS.find((d) => d.id === t.trait)!;
  const target = Math.min(RATING_MAX, Math.floor(t.mean) + 1);
  const options = STRETCH_EXPERIENCES.filter((s) => s.trait === t.trait && s.stages.includes(stage));
  const preferred = [...options.filter((s) => s.inVetted), ...options.filter((s) => !s.inVetted)];
  return preferred.slice(0, count).map((s) => ({
    trait: t.trait,
    traitName: def.name,
    from: t.mean,
    target,
    targetBehaviour: def.anchors[target - 1]!,
    stretchId: s.id,
    stretch: s.text.replaceAll('{idea}', idea),
    inVetted: s.inVetted,
  }));
}

export function developmentPlan(input: PlanInput): Result<DevelopmentPlan> {
  const { weakest, stage, now } = input;
  if (!(PERSON_STAGE_IDS as readonly string[]).includes(stage)) {
    return refuse(`A plan is for a career stage: ${PERSON_STAGE_IDS.join(', ')}.`);
  }
  const first = weakest.ranking[0];
  if (first === undefined) return refuse('Nothing is rated yet: rate yourself first, then make a plan.');
  const days = input.checkInDays ?? PLAN_CHECK_IN_DAYS;
  if (!Number.isInteger(days) || days < 1) return refuse('The check-in is a whole number of days away, at least one.');
  const idea = input.idea?.trim() || 'the next idea you own';
  const second = weakest.ranking[1];
  const close = second !== undefined && second.mean - first.mean <= PLAN_SECOND_TRAIT_MARGIN;
  const goals = [
    ...goalsFor(first, stage, PLAN_MIN_GOALS, idea),
    ...(close ? goalsFor(second, stage, 1, idea) : []),
  ].slice(0, PLAN_MAX_GOALS);
  const traits = close ? [first.trait, second.trait] : [first.trait];
  const cards = LEARNING_CARDS.filter(
    (c) => c.traits.some((t) => traits.includes(t)) && (c.stages.includes(stage) || c.stages.includes('always')),
  ).map((c) => ({ id: c.id, title: c.title }));
  const stageFocus = CAREER_STAGES.filter((s) => s.id === stage || s.id === 'always').flatMap((s) => s.develops);
  const names = goals.map((g) => g.traitName).filter((n, i, all) => all.indexOf(n) === i);
  return ok({
    stage,
    basis: weakest.basis,
    createdOn: dayOf(now),
    checkInOn: addDays(now, days),
    stageFocus,
    goals,
    cards,
    notes: [],
    explanation: `${goals.length} goals for ${names.join(' and ')} at the ${stage} stage. ${weakest.explanation}`,
  });
}

/** A progress note, dated `now`; the plan is returned anew, never changed in place. */
export function addProgressNote(plan: DevelopmentPlan, note: string, now: Date): Result<DevelopmentPlan> {
  const text = note.trim();
  if (!text) return refuse('A progress note needs some words.');
  return ok({ ...plan, notes: [...plan.notes, { on: dayOf(now), text }] });
}

/** At a check-in: the note, and the next check-in `days` later. */
export function checkIn(
  plan: DevelopmentPlan,
  note: string,
  now: Date,
  days: number = PLAN_CHECK_IN_DAYS,
): Result<DevelopmentPlan> {
  const noted = addProgressNote(plan, note, now);
  if (!noted.ok) return noted;
  return ok({ ...noted.value, checkInOn: addDays(now, days) });
}
