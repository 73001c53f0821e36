import { CHALLENGE_THRESHOLDS, type OutcomeId, VERDICTS, type VerdictId } from '../methodology/index.ts';
import type {
  ExperimentEvaluation,
  NotNowConstraint,
  Opportunity,
  Recommendation,
  RecommendationReason,
} from '../schema/index.ts';
import { assumptionMap, assumptionRef, testsAssumption } from './assumptions.ts';
import { dayOf, evaluateExperiment, movesSinceStart } from './experiments.ts';

export interface RecommendationContext {
  now: Date;
  /** What the file cannot know: capacity, timing, dependencies. With a signal present these recommend parking. */
  constraints?: readonly NotNowConstraint[];
}

type Judged = Recommendation['experiments'][number];

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const reason = (
  code: string,
  text: string,
  experiments: readonly string[] = [],
  assumptions: readonly string[] = [],
): RecommendationReason => ({ code, text, experiments: [...experiments], assumptions: [...assumptions] });

/**
 * Pursue, iterate, pivot, park or kill, from the pre-registered criteria only, always with the reasons and the
 * experiments behind them. Experiments are judged against the criteria registered when they started, and a
 * result on a sample below its minimum is never read as a verdict: "not working yet" (iterate) is kept apart
 * from "won't work" (pivot, kill).
 *
 * - kill: a kill threshold was crossed on an experiment testing what matters most (an assumption of the highest
 *   importance present, 4 or 5), and nothing else of weight held;
 * - pivot: such a core test failed, but a test of another assumption of weight passed: keep that, change the rest;
 * - park: the signal is there (a core test passed, none failed), but a constraint says not now, or the idea is
 *   parked with a review date still ahead;
 * - pursue: every important assumption is supported by a passed test, and nothing failed;
 * - iterate: everything else: too small a sample, deadline not reached, mixed signals, untested core assumptions.
 */
export function recommend(opportunity: Opportunity, ctx: RecommendationContext): Recommendation {
  const assumptions = opportunity.assumptions ?? [];
  const experiments = opportunity.experiments ?? [];
  const map = assumptionMap(opportunity, ctx.now);
  const maxImportance = assumptions.reduce((m, a) => Math.max(m, a.importance), 0);
  const coreLevel = assumptions.length ? Math.min(CHALLENGE_THRESHOLDS.importantAssumption, maxImportance) : 5;

  const judged: Judged[] = experiments.map((x, i) => {
    const evaluation: ExperimentEvaluation = evaluateExperiment(x, i, ctx.now);
    const linked = assumptions.flatMap((a, j) =>
      testsAssumption(x.tests, a, j) ? [{ a, ref: assumptionRef(a, j) }] : [],
    );
    const importance = linked.length ? Math.max(...linked.map((l) => l.a.importance)) : Math.max(coreLevel, 1);
    return {
      ...evaluation,
      importance,
      core: importance >= coreLevel,
      assumptions: linked.map((l) => l.ref),
    };
  });

  const reasons: RecommendationReason[] = [];
  const refs = (xs: readonly Judged[]) => xs.map((x) => x.ref);
  const failedCore = judged.filter((x) => x.outcome === 'failed' && x.core);
  const failedOther = judged.filter((x) => x.outcome === 'failed' && !x.core);
  const passed = judged.filter((x) => x.outcome === 'passed');
  const passedCore = passed.filter((x) => x.core);

  // Moved goalposts are noted whatever the verdict: the verdict used the registered criteria.
  const moved = experiments.flatMap((x, i) => (movesSinceStart(x).length || x.goalpostsMoved ? [judged[i]!] : []));
  const movedReason =
    moved.length > 0
      ? reason(
          'judged-against-registered-criteria',
          `${list(refs(moved))} had criteria changed after the start; ${moved.length === 1 ? 'it was' : 'they were'} judged against the criteria registered at the start.`,
          refs(moved),
        )
      : null;

  const finish = (verdict: VerdictId, summary: string): Recommendation => {
    const def = VERDICTS.find((v) => v.id === verdict)!;
    if (movedReason) reasons.push(movedReason);
    return {
      verdict,
      reading: def.reading,
      summary,
      reasons,
      experiments: judged,
      suggestedOutcome: def.outcome,
    };
  };

  if (failedCore.length > 0) {
    const failedAssumptions = new Set(failedCore.flatMap((x) => x.assumptions));
    const held = passed.filter(
      (x) =>
        !failedCore.includes(x) &&
        x.importance >= CHALLENGE_THRESHOLDS.heldForPivot &&
        !x.assumptions.some((a) => failedAssumptions.has(a)),
    );
    for (const x of failedCore) {
      reasons.push(
        reason(
          'kill-threshold-crossed',
          `${x.ref} tests ${x.assumptions.length ? `assumption ${list(x.assumptions)}` : 'no linked assumption, so it counts as core'} (importance ${x.importance}): ${x.explanation}`,
          [x.ref],
          x.assumptions,
        ),
      );
    }
    if (held.length > 0) {
      for (const x of held) {
        reasons.push(reason('held', `${x.ref} held: ${x.explanation}`, [x.ref], x.assumptions));
      }
      return finish(
        'pivot',
        `Pivot: the core assumption ${list([...failedAssumptions].length ? [...failedAssumptions] : refs(failedCore))} failed its kill threshold, while ${list(refs(held))} held. Keep what held and change what failed.`,
      );
    }
    const pending = judged.filter((x) => !x.conclusive);
    if (pending.length) {
      reasons.push(
        reason(
          'others-unresolved',
          `Nothing else has held: ${list(pending.map((x) => `${x.ref} is ${x.outcome}`))}.`,
          refs(pending),
        ),
      );
    }
    return finish(
      'kill',
      `Kill: ${list(refs(failedCore))} crossed ${failedCore.length === 1 ? 'its' : 'their'} kill threshold on what matters most, and no other test of weight held.`,
    );
  }

  const today = dayOf(ctx.now);
  const signal = passedCore.length > 0;
  const constraints = ctx.constraints ?? [];
  const lastPark = [...(opportunity.decisions ?? [])].reverse().find((d) => d.outcome === 'park');
  const reviewAhead =
    opportunity.idea.stage === 'parked' && lastPark?.reviewOn !== undefined && lastPark.reviewOn > today
      ? lastPark.reviewOn
      : null;

  if (signal && (constraints.length > 0 || reviewAhead)) {
    reasons.push(
      reason(
        'signal-present',
        `The signal is there: ${list(passedCore.map((x) => `${x.ref} passed`))}.`,
        refs(passedCore),
        passedCore.flatMap((x) => x.assumptions),
      ),
    );
    for (const c of constraints) {
      reasons.push(reason('not-now', `Not now: ${c.reason}${c.until ? ` (until ${c.until})` : ''}.`));
    }
    if (reviewAhead)
      reasons.push(reason('review-date-ahead', `The idea is parked until its review on ${reviewAhead}.`));
    return finish('park', 'Park: sound but not now. The evidence is there; the timing or the resources are not.');
  }

  // Behavioural evidence (an experiment or a payment) outside a registered test also counts as support, and is named.
  const byEvidence = (m: (typeof map)[number]) =>
    m.status === 'untested' && (m.strongestEvidence === 'experiment' || m.strongestEvidence === 'paying');
  const importantUnsupported = map.filter(
    (m) => m.importance >= coreLevel && m.status !== 'supported' && !byEvidence(m),
  );
  const evidenceOnly = map.filter((m) => m.importance >= coreLevel && byEvidence(m));
  const notYet = judged.filter((x) => !x.conclusive);

  if (
    passed.length > 0 &&
    importantUnsupported.length === 0 &&
    failedOther.length === 0 &&
    notYet.filter((x) => x.core).length === 0
  ) {
    for (const x of passed)
      reasons.push(reason('criteria-met', `${x.ref} passed: ${x.explanation}`, [x.ref], x.assumptions));
    if (evidenceOnly.length) {
      reasons.push(
        reason(
          'supported-by-evidence',
          `Supported by behavioural evidence rather than a registered test: ${list(evidenceOnly.map((m) => `${m.ref} (${m.strongestEvidence})`))}.`,
          [],
          evidenceOnly.map((m) => m.ref),
        ),
      );
    }
    const open = notYet.filter((x) => !x.core);
    if (open.length) {
      reasons.push(
        reason(
          'minor-open',
          `Still open, on less important assumptions: ${list(open.map((x) => `${x.ref} (${x.outcome})`))}.`,
          refs(open),
        ),
      );
    }
    return finish('pursue', 'Pursue: the pre-registered criteria are met on the assumptions that matter most.');
  }

  // Iterate: not working yet. Say exactly why.
  if (experiments.length === 0) {
    const top = map[0];
    reasons.push(
      reason(
        'no-experiments',
        `No experiment has been run yet${top ? `; the riskiest assumption is ${top.ref} ("${top.statement}")` : ''}.`,
        [],
        top ? [top.ref] : [],
      ),
    );
  }
  const words: Record<string, string> = {
    'not-started': 'has not started',
    'in-progress': 'is still running',
    overdue: 'is past its deadline without a result',
    'insufficient-sample': 'has too small a sample to judge',
    mixed: 'gave a mixed signal',
    'no-criteria': 'has no registered thresholds to judge it by',
  };
  for (const x of notYet) {
    reasons.push(
      reason(x.outcome, `${x.ref} ${words[x.outcome] ?? x.outcome}: ${x.explanation}`, [x.ref], x.assumptions),
    );
  }
  for (const x of failedOther) {
    reasons.push(
      reason(
        'secondary-failed',
        `${x.ref} failed on a less important assumption (importance ${x.importance}): adjust that part, it does not sink the idea. ${x.explanation}`,
        [x.ref],
        x.assumptions,
      ),
    );
  }
  const untested = importantUnsupported.filter((m) => m.status === 'untested');
  if (untested.length) {
    reasons.push(
      reason(
        'core-untested',
        `Important assumption(s) not tested yet: ${list(untested.map((m) => `${m.ref} ("${m.statement}", importance ${m.importance})`))}.`,
        [],
        untested.map((m) => m.ref),
      ),
    );
  }
  if (signal) {
    reasons.push(
      reason(
        'signal-present',
        `Promising so far: ${list(passedCore.map((x) => `${x.ref} passed`))}.`,
        refs(passedCore),
      ),
    );
  }
  for (const c of constraints) reasons.push(reason('not-now', `Also noted: ${c.reason}.`));
  if (reasons.length === 0) reasons.push(reason('not-enough', 'The criteria are not met yet.'));
  return finish(
    'iterate',
    'Iterate: not working yet, which is not the same as not working. Finish or sharpen the tests before judging.',
  );
}

/** Whether a gate decision followed a recommendation or overrode it (iterate and pivot keep the idea where it is). */
export function followsRecommendation(verdict: VerdictId, outcome: OutcomeId | 'none'): boolean {
  const expected = VERDICTS.find((v) => v.id === verdict)?.outcome ?? null;
  return expected === null ? outcome === 'none' : expected === outcome;
}
