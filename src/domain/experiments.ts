import type {
  CriteriaChange,
  CriteriaChangeRequest,
  CriteriaField,
  ExperimentEvaluation,
  ExperimentFields,
  ExperimentOutcome,
  GoalpostMove,
  LockedCriteria,
} from '../schema/index.ts';
import { ok, type Result, refuse } from './result.ts';

/**
 * Experiments: the test card's criteria, locking them when the experiment starts, detecting moved goalposts
 * and judging a result against the criteria registered at the start. Pure: dates come in as arguments.
 */

/** The criteria of a test card, the part that is locked once it starts. */
export interface Criteria {
  hypothesis: string;
  wrongWhen?: string | undefined;
  metric: string;
  successThreshold?: number | undefined;
  killThreshold?: number | undefined;
  higherIsBetter: boolean;
  minSample?: number | undefined;
  deadline?: string | undefined;
}

type CriterionValue = string | number | boolean | null;

/** How findings and recommendations name an experiment: its ref, or its position. */
export const experimentRef = (e: Pick<ExperimentFields, 'ref'>, index: number): string => e.ref ?? `#${index + 1}`;

export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/** Whole days from `from` (YYYY-MM-DD) to `now`; negative when in the future. */
export function daysSince(from: string, now: Date): number {
  const t = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  return Math.floor((now.getTime() - t) / 86_400_000);
}

export function currentCriteria(e: ExperimentFields): Criteria {
  return {
    hypothesis: e.hypothesis,
    wrongWhen: e.wrongWhen,
    metric: e.metric,
    successThreshold: e.successThreshold,
    killThreshold: e.killThreshold,
    higherIsBetter: e.higherIsBetter ?? true,
    minSample: e.minSample,
    deadline: e.deadline,
  };
}

/** Started: running or completed, or given a start date or a locked snapshot. */
export const isStarted = (e: ExperimentFields): boolean =>
  e.status !== 'planned' || e.startedOn !== undefined || e.locked !== undefined;

const fromValue = (field: CriteriaField, v: CriterionValue): Partial<Criteria> => {
  if (v === null) return { [field]: undefined };
  return { [field]: v } as Partial<Criteria>;
};

/**
 * The criteria registered when the experiment started: the locked snapshot if there is one, otherwise the
 * current criteria with every recorded change undone (the earliest `from` of each field).
 */
export function registeredCriteria(e: ExperimentFields): {
  criteria: Criteria;
  source: 'locked' | 'reconstructed' | 'current';
} {
  if (e.locked) {
    const { lockedOn: _lockedOn, ...rest } = e.locked;
    return { criteria: { ...rest }, source: 'locked' };
  }
  const changes = e.criteriaChanges ?? [];
  if (changes.length === 0) return { criteria: currentCriteria(e), source: 'current' };
  const criteria = currentCriteria(e);
  const seen = new Set<CriteriaField>();
  const ordered = [...changes].sort((a, b) => a.on.localeCompare(b.on));
  for (const c of ordered) {
    if (seen.has(c.field)) continue;
    seen.add(c.field);
    Object.assign(criteria, fromValue(c.field, c.from));
  }
  return { criteria, source: 'reconstructed' };
}

function snapshot(c: Criteria, on: string): LockedCriteria {
  return {
    lockedOn: on,
    hypothesis: c.hypothesis,
    metric: c.metric,
    higherIsBetter: c.higherIsBetter,
    ...(c.wrongWhen !== undefined ? { wrongWhen: c.wrongWhen } : {}),
    ...(c.successThreshold !== undefined ? { successThreshold: c.successThreshold } : {}),
    ...(c.killThreshold !== undefined ? { killThreshold: c.killThreshold } : {}),
    ...(c.minSample !== undefined ? { minSample: c.minSample } : {}),
    ...(c.deadline !== undefined ? { deadline: c.deadline } : {}),
  };
}

/** Lock an experiment's criteria as it starts. Refused when they are already locked. */
export function lockCriteria(e: ExperimentFields, on: string): Result<ExperimentFields> {
  if (e.locked) return refuse(`The criteria were already locked on ${e.locked.lockedOn}.`);
  if (e.status === 'completed') return refuse('A completed experiment cannot be started.');
  return ok({ ...e, status: 'running', startedOn: e.startedOn ?? on, locked: snapshot(currentCriteria(e), on) });
}

const FIELD_WORDS: Record<CriteriaField, string> = {
  hypothesis: 'hypothesis',
  wrongWhen: 'falsifier ("wrong when")',
  metric: 'metric',
  successThreshold: 'success threshold',
  killThreshold: 'kill threshold',
  higherIsBetter: 'direction (higher is better)',
  minSample: 'minimum sample',
  deadline: 'deadline',
};

const show = (v: CriterionValue | undefined): string =>
  v === undefined || v === null ? 'none' : typeof v === 'string' ? `"${v}"` : String(v);

function moveOf(field: CriteriaField, from: CriterionValue, to: CriterionValue, higherIsBetter: boolean): GoalpostMove {
  const name = FIELD_WORDS[field];
  const base = `${name} ${from === null ? 'added' : to === null ? 'removed' : 'changed'} (${show(from)} → ${show(to)})`;
  let direction: GoalpostMove['direction'] = 'changed';
  let why = 'what counts as a result is no longer what was registered';
  const num = typeof from === 'number' && typeof to === 'number';
  switch (field) {
    case 'successThreshold':
      if (to === null) [direction, why] = ['loosened', 'without a success threshold any result can be read as success'];
      else if (from === null) [direction, why] = ['changed', 'success was defined only after the start'];
      else if (num) {
        const easier = higherIsBetter ? to < from : to > from;
        [direction, why] = easier ? ['loosened', 'easier to pass'] : ['tightened', 'harder to pass'];
      }
      break;
    case 'killThreshold':
      if (to === null) [direction, why] = ['loosened', 'no result can stop it any more'];
      else if (from === null) [direction, why] = ['tightened', 'a kill threshold was added after the start'];
      else if (num) {
        const harderToKill = higherIsBetter ? to < from : to > from;
        [direction, why] = harderToKill ? ['loosened', 'harder to kill'] : ['tightened', 'easier to kill'];
      }
      break;
    case 'minSample':
      if (to === null) [direction, why] = ['loosened', 'it can be called on any sample'];
      else if (num && to < from) [direction, why] = ['loosened', 'it can be called on less data'];
      else if (num) [direction, why] = ['changed', 'more data before judging can postpone a kill'];
      break;
    case 'deadline':
      if (to === null) [direction, why] = ['loosened', 'it can run until it happens to pass'];
      else if (typeof from === 'string' && typeof to === 'string' && to > from)
        [direction, why] = ['loosened', 'more time to reach success, a later kill'];
      else [direction, why] = ['changed', 'it can be stopped before a trend reverses'];
      break;
    case 'wrongWhen':
      if (to === null) [direction, why] = ['loosened', 'nothing says any more when it is wrong'];
      break;
    default:
      break;
  }
  return { field, from, to, direction, explanation: `${base}: ${why}.` };
}

const criterionOf = (c: Criteria, field: CriteriaField): CriterionValue => {
  const v = c[field];
  return v === undefined ? null : v;
};

/**
 * Compare registered criteria with a change (or with the current criteria) and return every moved goalpost,
 * with its direction. Pure: nothing is recorded.
 */
export function detectMovedGoalposts(
  registered: Criteria,
  change: Partial<Record<CriteriaField, CriterionValue | undefined>>,
): GoalpostMove[] {
  const moves: GoalpostMove[] = [];
  for (const field of Object.keys(FIELD_WORDS) as CriteriaField[]) {
    if (!(field in change) || change[field] === undefined) continue;
    const from = criterionOf(registered, field);
    const to = change[field] ?? null;
    if (from === to) continue;
    moves.push(moveOf(field, from, to, registered.higherIsBetter));
  }
  return moves;
}

/** Every goalpost moved so far: registered criteria against the current ones. */
export function movesSinceStart(e: ExperimentFields): GoalpostMove[] {
  if (!isStarted(e)) return [];
  const { criteria, source } = registeredCriteria(e);
  if (source === 'current') return [];
  const now = currentCriteria(e);
  const change: Partial<Record<CriteriaField, CriterionValue>> = {};
  for (const field of Object.keys(FIELD_WORDS) as CriteriaField[]) change[field] = criterionOf(now, field);
  return detectMovedGoalposts(criteria, change);
}

/**
 * Change an experiment's criteria. Before it starts, the card is a draft: the change is applied, nothing is
 * flagged. After it starts, the change is still applied, but it needs a reason, every changed field is
 * recorded in `criteriaChanges`, and the experiment is flagged as having moved goalposts.
 */
export function changeCriteria(
  e: ExperimentFields,
  request: CriteriaChangeRequest,
  at: { on: string; by?: string },
): Result<{ experiment: ExperimentFields; moves: GoalpostMove[] }> {
  const { reason, ...fields } = request;
  const current = currentCriteria(e);
  const requested: Partial<Record<CriteriaField, CriterionValue>> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) requested[k as CriteriaField] = v;
  const moves = detectMovedGoalposts(current, requested);
  const apply = (base: ExperimentFields): ExperimentFields => {
    const next: Record<string, unknown> = { ...base };
    for (const m of moves) {
      if (m.to === null) delete next[m.field];
      else next[m.field] = m.to;
    }
    return next as ExperimentFields;
  };
  if (!isStarted(e)) return ok({ experiment: apply(e), moves: [] });
  if (moves.length === 0) return ok({ experiment: e, moves: [] });
  if (!reason?.trim()) {
    return refuse(
      'The experiment has started, so its criteria are locked: a change needs a reason, and it will be recorded as moved goalposts.',
    );
  }
  // A started experiment without a snapshot gets one now: the criteria as registered, before any recorded change.
  const base: ExperimentFields = e.locked
    ? e
    : { ...e, locked: snapshot(registeredCriteria(e).criteria, e.startedOn ?? at.on) };
  const records: CriteriaChange[] = moves.map((m) => ({
    on: at.on,
    field: m.field,
    from: m.from,
    to: m.to,
    reason,
    ...(at.by ? { by: at.by } : {}),
  }));
  const experiment = {
    ...apply(base),
    goalpostsMoved: true,
    criteriaChanges: [...(e.criteriaChanges ?? []), ...records],
  };
  return ok({ experiment, moves });
}

const meets = (observed: number, threshold: number, higherIsBetter: boolean) =>
  higherIsBetter ? observed >= threshold : observed <= threshold;
const crosses = (observed: number, threshold: number, higherIsBetter: boolean) =>
  higherIsBetter ? observed <= threshold : observed >= threshold;

/** Outcomes that say "not working yet", never "won't work". */
export const NOT_YET: readonly ExperimentOutcome[] = [
  'not-started',
  'in-progress',
  'overdue',
  'insufficient-sample',
  'mixed',
];

/**
 * Judge an experiment against its criteria: by default those registered at the start, so moving the goalposts
 * afterwards cannot turn a failure into a pass. A result on a sample below the minimum is never a verdict.
 */
export function evaluateExperiment(
  e: ExperimentFields,
  index: number,
  now: Date,
  options: { against?: 'registered' | 'current' } = {},
): ExperimentEvaluation {
  const ref = experimentRef(e, index);
  const reg = registeredCriteria(e);
  const useCurrent = options.against === 'current' || reg.source === 'current';
  const c = useCurrent ? currentCriteria(e) : reg.criteria;
  const hib = c.higherIsBetter;
  const observed = e.observed ?? null;
  const sample = e.sample ?? null;
  const deadlinePassed = c.deadline !== undefined && dayOf(now) > c.deadline;
  const judged = useCurrent ? '' : ' (judged against the criteria registered at the start)';
  const dir = hib ? 'higher is better' : 'lower is better';
  const metric = `"${c.metric}"`;
  const sampleText =
    sample === null ? 'no sample recorded' : `a sample of ${sample}${c.minSample ? ` (minimum ${c.minSample})` : ''}`;

  let outcome: ExperimentOutcome;
  let explanation: string;
  if (observed === null) {
    if (e.status === 'planned') {
      outcome = 'not-started';
      explanation = `Not started yet; ${metric} will be judged against success ${show(c.successThreshold)} and kill ${show(c.killThreshold)}.`;
    } else if (deadlinePassed) {
      outcome = 'overdue';
      explanation = `The deadline ${c.deadline} has passed with no result recorded for ${metric}.`;
    } else {
      outcome = 'in-progress';
      explanation = `Running${c.deadline ? ` until ${c.deadline}` : ''}; no result recorded for ${metric} yet.`;
    }
  } else if (c.successThreshold === undefined && c.killThreshold === undefined) {
    outcome = 'no-criteria';
    explanation = `Observed ${observed} on ${metric} with ${sampleText}, but no success or kill threshold was registered, so it cannot be judged.`;
  } else if (c.minSample !== undefined && (sample ?? 0) < c.minSample) {
    outcome = 'insufficient-sample';
    const lean =
      c.killThreshold !== undefined && crosses(observed, c.killThreshold, hib)
        ? ' It leans towards the kill threshold, but that is not a verdict yet.'
        : c.successThreshold !== undefined && meets(observed, c.successThreshold, hib)
          ? ' It leans towards success, but that is not a verdict yet.'
          : '';
    explanation = `Observed ${observed} on ${metric} with ${sampleText}: too small a sample to judge${deadlinePassed ? `, and the deadline ${c.deadline} has passed` : ''}.${lean}`;
  } else if (c.killThreshold !== undefined && crosses(observed, c.killThreshold, hib)) {
    outcome = 'failed';
    explanation = `Observed ${observed} on ${metric} with ${sampleText}: crosses the kill threshold ${c.killThreshold} (${dir})${judged}.`;
  } else if (c.successThreshold !== undefined && meets(observed, c.successThreshold, hib)) {
    outcome = 'passed';
    explanation = `Observed ${observed} on ${metric} with ${sampleText}: meets the success threshold ${c.successThreshold} (${dir})${judged}.`;
  } else if (e.status === 'completed' || deadlinePassed) {
    outcome = 'mixed';
    explanation =
      c.successThreshold === undefined
        ? `Observed ${observed} on ${metric} with ${sampleText}: clear of the kill threshold ${c.killThreshold}, but no success threshold was registered, so it cannot pass.`
        : `Observed ${observed} on ${metric} with ${sampleText}: between the kill threshold ${show(c.killThreshold)} and the success threshold ${c.successThreshold}${judged}; a mixed signal.`;
  } else {
    outcome = 'in-progress';
    explanation = `Interim reading ${observed} on ${metric} with ${sampleText}: neither threshold reached${c.deadline ? ` before the deadline ${c.deadline}` : ''}.`;
  }

  return {
    ref,
    index,
    outcome,
    judgedAgainst: useCurrent ? 'current' : 'locked',
    successThreshold: c.successThreshold ?? null,
    killThreshold: c.killThreshold ?? null,
    higherIsBetter: hib,
    minSample: c.minSample ?? null,
    deadline: c.deadline ?? null,
    observed,
    sample,
    conclusive: outcome === 'passed' || outcome === 'failed',
    explanation,
  };
}
