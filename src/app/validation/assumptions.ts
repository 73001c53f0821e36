import { assumptionMap, nextAssumptionRef } from '../../domain/assumptions.ts';
import type { AssumptionFields, AssumptionMapEntry, AssumptionUpdate } from '../../schema/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { opportunityOf } from '../opportunities.ts';
import { addPart, changePart, type PartScope, refsEverUsed, withRef } from './parts.ts';

/** Evidence is referred to by its id inside the database; every reference must name evidence on this idea. */
async function checkEvidence(scope: PartScope, refs: readonly string[] | undefined) {
  if (!refs?.length) return;
  const o = await opportunityOf(scope.tx, scope.ws, scope.idea);
  const known = new Set((o.evidence ?? []).map((e) => e.ref));
  const errors = refs.map((r, i) => ({ r, i })).filter(({ r }) => !known.has(r));
  if (errors.length) {
    throw invalid(
      'An assumption may only cite evidence linked to its idea.',
      errors.map(({ r, i }) => ({ path: `/evidence/${i}`, message: `no evidence ${r} on this idea` })),
    );
  }
}

export async function addAssumption(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: AssumptionFields,
  actor: Actor | null,
) {
  return addPart(ctx, slug, ref, 'assumptions', input, actor, async (data, _id, scope) => {
    await checkEvidence(scope, data.evidence);
    const used = await refsEverUsed(scope.tx, 'assumptions', scope.idea.id);
    if (data.ref && used.includes(data.ref))
      throw invalid(`Ref "${data.ref}" is taken on this idea.`, [{ path: '/ref', message: 'is taken' }]);
    return { ...data, ref: data.ref ?? nextAssumptionRef(used) };
  }).then(withRef);
}

export async function updateAssumption(
  ctx: AppContext,
  slug: string,
  ref: string,
  id: string,
  input: AssumptionUpdate,
  actor: Actor | null,
) {
  const { version, ...changes } = input;
  return changePart<AssumptionFields>(ctx, slug, ref, 'assumptions', id, version, actor, async (current, scope) => {
    await checkEvidence(scope, changes.evidence as string[] | undefined);
    return { ...current, ...(changes as Partial<AssumptionFields>) };
  }).then(withRef);
}

/** Riskiest first: important and least evidenced. */
export async function getAssumptionMap(ctx: AppContext, slug: string, ref: string): Promise<AssumptionMapEntry[]> {
  const o = await opportunityOf(ctx.store.db, slug, ref);
  return assumptionMap(o, ctx.now ? ctx.now() : new Date());
}
