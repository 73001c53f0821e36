import { and, asc, count, eq } from 'drizzle-orm';
import { DEMAND_SIGNAL } from '../methodology/index.ts';
import type { DemandPut, DemandSummary, FollowState } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { demandSignals, followers, members } from '../store/schema.ts';
import { type Actor, type AppContext, iso, nowOf } from './context.ts';
import { actorRequired, refused } from './errors.ts';
import { findIdea } from './ideas.ts';
import { follow } from './inbox.ts';
import { findWorkspace } from './workspaces.ts';

/**
 * Following an idea, and "I have this problem too". Who follows is not shown, only how many: an anonymous
 * submitter who follows their own idea must not be picked out of a list.
 */

async function followState(db: Db, ideaId: string, memberId: string): Promise<FollowState> {
  const [n] = await db.select({ n: count() }).from(followers).where(eq(followers.ideaId, ideaId));
  const [mine] = await db
    .select({ m: followers.memberId })
    .from(followers)
    .where(and(eq(followers.ideaId, ideaId), eq(followers.memberId, memberId)));
  return { following: !!mine, followers: n?.n ?? 0 };
}

export async function getFollow(ctx: AppContext, slug: string, ref: string, actor: Actor | null) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  if (!actor) throw actorRequired();
  return followState(ctx.store.db, idea.id, actor.id);
}

/** Follow or unfollow: saying it twice is the same as saying it once. */
export async function setFollow(ctx: AppContext, slug: string, ref: string, on: boolean, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    if (on) await follow(tx, idea.id, [actor.id]);
    else await tx.delete(followers).where(and(eq(followers.ideaId, idea.id), eq(followers.memberId, actor.id)));
    return followState(tx, idea.id, actor.id);
  });
}

async function demandOf(db: Db, ideaId: string, memberId: string | null): Promise<DemandSummary> {
  const rows = await db
    .select({ s: demandSignals, name: members.name })
    .from(demandSignals)
    .innerJoin(members, eq(members.id, demandSignals.memberId))
    .where(eq(demandSignals.ideaId, ideaId))
    .orderBy(asc(demandSignals.createdAt), asc(members.name));
  return {
    count: rows.length,
    strength: DEMAND_SIGNAL.strength,
    mine: rows.some((r) => r.s.memberId === memberId),
    signals: rows.map(({ s, name }) => ({
      member: { id: s.memberId, name },
      context: s.context,
      createdAt: iso(s.createdAt),
    })),
  };
}

export async function getDemand(ctx: AppContext, slug: string, ref: string, actor: Actor | null) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  return demandOf(ctx.store.db, idea.id, actor?.id ?? null);
}

/**
 * "I have this problem too" (again: the context line is replaced), or taken back. The submitter's own
 * idea is theirs already: their saying so would count them twice.
 */
export async function setDemand(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: DemandPut | null,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const mine = and(eq(demandSignals.ideaId, idea.id), eq(demandSignals.memberId, actor.id));
    if (!input) {
      await tx.delete(demandSignals).where(mine);
      return demandOf(tx, idea.id, actor.id);
    }
    if (idea.submitterId === actor.id)
      throw refused(`You submitted idea #${idea.number}: "${DEMAND_SIGNAL.label}" is for colleagues who share it.`);
    const context = input.context?.trim() || null;
    await tx
      .insert(demandSignals)
      .values({ ideaId: idea.id, memberId: actor.id, context, createdAt: nowOf(ctx) })
      .onConflictDoUpdate({ target: [demandSignals.ideaId, demandSignals.memberId], set: { context } });
    return demandOf(tx, idea.id, actor.id);
  });
}
