import { and, asc, eq, isNull } from 'drizzle-orm';
import { TRAITS } from '../../methodology/index.ts';
import type { Share, TeamView } from '../../schema/index.ts';
import { members, traitShares } from '../../store/schema.ts';
import { type Actor, type AppContext, iso, nowOf } from '../context.ts';
import { notFound, refused } from '../errors.ts';
import { insightsOf, subjectOf } from './cycles.ts';

/**
 * Sharing, and the team view it feeds. A person chooses whom their summary is shown to; a viewer sees, per
 * person who shared with them, each trait's others' mean from that person's latest closed cycle: the same
 * thresholded figure the person sees, and nothing behind it (no self rating, group, example or raw answer).
 */

export async function listShares(ctx: AppContext, slug: string, actor: Actor | null): Promise<Share[]> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  const rows = await ctx.store.db
    .select({ s: traitShares, name: members.name })
    .from(traitShares)
    .innerJoin(members, eq(members.id, traitShares.viewerId))
    .where(and(eq(traitShares.workspaceId, ws.id), eq(traitShares.subjectId, subject.id)))
    .orderBy(asc(members.name));
  return rows.map((r) => ({ memberId: r.s.viewerId, name: r.name, since: iso(r.s.createdAt) }));
}

export async function share(ctx: AppContext, slug: string, memberId: string, actor: Actor | null): Promise<Share[]> {
  await ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    if (memberId === subject.id) throw refused('Your summary is yours already: share it with someone else.');
    const [m] = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, memberId), eq(members.workspaceId, ws.id), isNull(members.removedAt)));
    if (!m) throw notFound(`Member ${memberId}`);
    await tx
      .insert(traitShares)
      .values({ workspaceId: ws.id, subjectId: subject.id, viewerId: m.id, createdAt: nowOf(ctx) })
      .onConflictDoNothing();
  });
  return listShares(ctx, slug, actor);
}

export async function unshare(ctx: AppContext, slug: string, memberId: string, actor: Actor | null): Promise<Share[]> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  const gone = await ctx.store.db
    .delete(traitShares)
    .where(
      and(
        eq(traitShares.workspaceId, ws.id),
        eq(traitShares.subjectId, subject.id),
        eq(traitShares.viewerId, memberId),
      ),
    )
    .returning();
  if (gone.length === 0) throw notFound(`Sharing with member ${memberId}`);
  return listShares(ctx, slug, actor);
}

export async function teamView(ctx: AppContext, slug: string, actor: Actor | null): Promise<TeamView> {
  const { ws, subject: viewer } = await subjectOf(ctx.store.db, slug, actor);
  const sharers = await ctx.store.db
    .select({ id: members.id, name: members.name })
    .from(traitShares)
    .innerJoin(members, eq(members.id, traitShares.subjectId))
    .where(and(eq(traitShares.workspaceId, ws.id), eq(traitShares.viewerId, viewer.id), isNull(members.removedAt)))
    .orderBy(asc(members.name));
  const out: TeamView['members'] = [];
  for (const m of sharers) {
    const seen = await insightsOf(ctx.store.db, ws, m.id);
    // Only a closed cycle is shared: an open one would be the person's own ratings, which they did not share.
    const closed = seen.closed ? seen : null;
    out.push({
      id: m.id,
      name: m.name,
      closedOn: closed?.trends[0]?.points.at(-1)?.on ?? null,
      scores: TRAITS.map((t) => ({
        trait: t.id,
        others: closed?.traits.find((x) => x.trait === t.id)?.othersMean ?? null,
      })),
    });
  }
  return { traits: TRAITS.map((t) => ({ id: t.id, name: t.name })), members: out };
}
