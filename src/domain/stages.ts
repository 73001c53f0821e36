import { ACTIVE_STAGES, type OutcomeId, STAGES, type StageId } from '../methodology/index.ts';
import { ok, type Result, refuse } from './result.ts';

const NEXT: Partial<Record<StageId, StageId>> = {
  discovery: 'validation',
  validation: 'realization',
  realization: 'launched',
};

/** The stage an advance leads to, if any. */
export const nextStage = (stage: StageId): StageId | undefined => NEXT[stage];
export const isActive = (stage: StageId): boolean => (ACTIVE_STAGES as readonly StageId[]).includes(stage);
export const stageName = (stage: StageId): string => STAGES.find((s) => s.id === stage)?.name ?? stage;

/**
 * Where a decision takes an idea. Forward moves go one stage at a time; parking and killing are possible
 * from any active stage (and a parked idea may be killed); a parked or killed idea can be reopened, into an
 * active stage (by default the one it was parked from, else Discovery): the reopening is a decision with its
 * rationale like any other, so "killed" is never silently undone. Every refusal says why, in words a person
 * can act on.
 */
export function transition(
  from: StageId,
  outcome: Exclude<OutcomeId, 'merge'>,
  options: { toStage?: StageId; parkedFrom?: StageId | null } = {},
): Result<StageId> {
  const { toStage } = options;
  const here = stageName(from);
  switch (outcome) {
    case 'advance': {
      const next = NEXT[from];
      if (!next) {
        return refuse(
          from === 'launched'
            ? 'A launched idea has no further stage.'
            : `A ${here.toLowerCase()} idea cannot advance; reopen it first.`,
        );
      }
      if (toStage && toStage !== next) {
        return refuse(`From ${here} an idea advances to ${stageName(next)} only, not to ${stageName(toStage)}.`);
      }
      return ok(next);
    }
    case 'park':
    case 'kill': {
      const target: StageId = outcome === 'park' ? 'parked' : 'killed';
      if (toStage && toStage !== target) return refuse(`Outcome "${outcome}" moves an idea to ${stageName(target)}.`);
      // A parked idea may be killed at its review: "not now" can become "not ever" without a reopen first.
      const allowed = isActive(from) || (outcome === 'kill' && from === 'parked');
      if (!allowed) {
        return refuse(
          outcome === 'kill'
            ? `Only an idea in Discovery, Validation, Realization or Parked can be killed; this one is ${here}.`
            : `Only an idea in Discovery, Validation or Realization can be parked; this one is ${here}.`,
        );
      }
      return ok(target);
    }
    case 'reopen': {
      if (from !== 'parked' && from !== 'killed')
        return refuse(`Only a parked or killed idea can be reopened; this one is ${here}.`);
      const target = toStage ?? options.parkedFrom ?? 'discovery';
      if (!isActive(target))
        return refuse(`A reopened idea goes back to Discovery, Validation or Realization, not ${stageName(target)}.`);
      return ok(target);
    }
  }
}

export type GateOutcome = Exclude<OutcomeId, 'merge'>;
const GATE_OUTCOMES: readonly GateOutcome[] = ['advance', 'park', 'kill', 'reopen'];

/** The decisions a gate offers from a stage: exactly those `transition` accepts, so no client restates them. */
export const outcomesFrom = (stage: StageId): GateOutcome[] =>
  GATE_OUTCOMES.filter((outcome) => transition(stage, outcome).ok);

/**
 * The decision that moves an idea from one stage to another (a card dropped on a board column), or why
 * there is none. Derived from `transition`, so the board and the API cannot disagree.
 */
export function moveBetween(from: StageId, to: StageId): Result<{ outcome: GateOutcome; toStage?: StageId }> {
  for (const outcome of GATE_OUTCOMES) {
    const r = transition(from, outcome, { toStage: to });
    if (r.ok && r.value === to) return ok(outcome === 'reopen' ? { outcome, toStage: to } : { outcome });
  }
  if (from === 'launched') return refuse('A launched idea has no further stage.');
  if (from === 'parked')
    return refuse('A parked idea can be reopened into Discovery, Validation or Realization, or killed.');
  if (from === 'killed')
    return refuse('A killed idea can only be reopened, into Discovery, Validation or Realization.');
  const next = NEXT[from];
  return refuse(
    `Ideas move one gate at a time: from ${stageName(from)} to ${next ? stageName(next) : 'nowhere'}, or to Parked or Killed.`,
  );
}
