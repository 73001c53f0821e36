import { changeCriteria, dayOf, lockCriteria } from '../../domain/experiments.ts';
import type {
  AssumptionFields,
  ExperimentCreate,
  ExperimentFields,
  ExperimentResult,
  ExperimentUpdate,
} from '../../schema/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { invalid, refused } from '../errors.ts';
import { excerpt, notify } from '../inbox.ts';
import { addPart, changePart, type PartScope, partsOf, withRef } from './parts.ts';

async function checkTests(scope: PartScope, tests: readonly string[] | undefined) {
  if (!tests?.length) return;
  const refs = new Set(
    (await partsOf<AssumptionFields>(scope.tx, 'assumptions', scope.idea.id)).map((a) => a.data.ref),
  );
  const unknown = tests.map((t, i) => ({ t, i })).filter(({ t }) => !refs.has(t));
  if (unknown.length) {
    throw invalid(
      'An experiment tests assumptions of its own idea, named by their ref.',
      unknown.map(({ t, i }) => ({ path: `/tests/${i}`, message: `no assumption "${t}" on this idea` })),
    );
  }
}

export async function addExperiment(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: ExperimentCreate,
  actor: Actor | null,
) {
  return addPart<ExperimentFields>(
    ctx,
    slug,
    ref,
    'experiments',
    { ...input, status: 'planned' } as ExperimentFields,
    actor,
    async (data, id, scope) => {
      await checkTests(scope, data.tests);
      return { ...data, ref: data.ref ?? `X-${id.slice(-6)}` };
    },
  ).then(withRef);
}

/** Before the start the card is a draft; after it, criteria changes need a reason and are flagged. */
export async function updateExperiment(
  ctx: AppContext,
  slug: string,
  ref: string,
  id: string,
  input: ExperimentUpdate,
  actor: Actor | null,
) {
  const { version, because, method, tests, ...criteria } = input;
  return changePart<ExperimentFields>(ctx, slug, ref, 'experiments', id, version, actor, async (current, scope) => {
    if (current.status === 'completed') throw refused('A completed experiment cannot be changed; record a new one.');
    await checkTests(scope, tests);
    const result = changeCriteria(current, criteria, { on: dayOf(scope.now), by: scope.actor.name });
    if (!result.ok) throw refused(result.reason);
    return {
      ...result.value.experiment,
      ...(because !== undefined ? { because } : {}),
      ...(method !== undefined ? { method } : {}),
      ...(tests !== undefined ? { tests } : {}),
    };
  }).then(withRef);
}

/** Starting locks the criteria as registered: results are judged against them, whatever changes later. */
export async function startExperiment(
  ctx: AppContext,
  slug: string,
  ref: string,
  id: string,
  version: number,
  actor: Actor | null,
) {
  return changePart<ExperimentFields>(ctx, slug, ref, 'experiments', id, version, actor, (current, scope) => {
    const result = lockCriteria(current, dayOf(scope.now));
    if (!result.ok) throw refused(result.reason);
    return result.value;
  }).then(withRef);
}

export async function recordResult(
  ctx: AppContext,
  slug: string,
  ref: string,
  id: string,
  input: ExperimentResult,
  actor: Actor | null,
) {
  return changePart<ExperimentFields>(
    ctx,
    slug,
    ref,
    'experiments',
    id,
    input.version,
    actor,
    async (current, scope) => {
      if (current.status === 'planned')
        throw refused('Start the experiment first: its criteria must be locked before results arrive.');
      if (current.status === 'completed') throw refused('This experiment is completed; its result is final.');
      const final = input.complete !== false;
      await notify(scope.tx, {
        workspaceId: scope.ws.id,
        ideaId: scope.idea.id,
        kind: 'result',
        actor: scope.actor,
        subjectId: id,
        summary: excerpt(
          `${final ? 'Result' : 'Interim result'}${current.ref ? ` of ${current.ref}` : ''} on ${current.metric}: ${input.observed} (sample ${input.sample}).`,
        ),
        at: scope.now,
      });
      return {
        ...current,
        observed: input.observed,
        sample: input.sample,
        ...(input.learningCard ? { learningCard: input.learningCard } : {}),
        status: input.complete === false ? 'running' : 'completed',
      };
    },
  ).then(withRef);
}
