import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { buildRoadmap } from '../domain/roadmap.ts';
import { ROADMAP_COLUMNS, ROADMAP_PER_COLUMN, type RoadmapColumnId } from '../methodology/index.ts';
import type { Roadmap, RoadmapShare, RoadmapShareCreate } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { decisions, ideas, members, roadmapShares, strategies, workspaces } from '../store/schema.ts';
import { hashSecret, newSecret } from './auth/secrets.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, notFound } from './errors.ts';
import { servedBy } from './strategy.ts';
import { findWorkspace, type WorkspaceRow } from './workspaces.ts';

/**
 * The roadmap: Now / Next / Later from stages and decisions (src/domain/roadmap.ts), for members, and through
 * a read-only share link for stakeholders without an account. A link's secret is shown once; only its
 * SHA-256 is kept (as for API tokens), and a revoked link opens nothing.
 */

/**
 * The first ideas of each column, best adjusted score first (the order the domain keeps), and how many each
 * column holds: a workspace with 50,000 ideas in Discovery reads a hundred of them, not all.
 */
async function roadmapOf(db: Db, ws: WorkspaceRow): Promise<Roadmap> {
  const live = and(eq(ideas.workspaceId, ws.id), isNull(ideas.mergedIntoId), isNull(ideas.archivedAt));
  const rows = [];
  const totals: Partial<Record<RoadmapColumnId, number>> = {};
  // One after another: inside a transaction every query shares one connection.
  for (const c of ROADMAP_COLUMNS) {
    const inColumn = and(live, inArray(ideas.stage, [...c.stages]));
    const [n] = await db.select({ n: count() }).from(ideas).where(inColumn);
    totals[c.id] = n!.n;
    rows.push(
      ...(await db
        .select({
          id: ideas.id,
          number: ideas.number,
          title: ideas.title,
          stage: ideas.stage,
          createdAt: ideas.createdAt,
          score: ideas.scoreAdjusted,
        })
        .from(ideas)
        .where(inColumn)
        .orderBy(sql`${ideas.scoreAdjusted} desc nulls last`, asc(ideas.number))
        .limit(ROADMAP_PER_COLUMN)),
    );
  }
  const ids = rows.map((r) => r.id);
  const gates = ids.length
    ? await db
        .select({
          ideaId: decisions.ideaId,
          toStage: decisions.toStage,
          at: decisions.createdAt,
          reviewOn: decisions.reviewOn,
        })
        .from(decisions)
        .where(inArray(decisions.ideaId, ids))
        .orderBy(asc(decisions.createdAt), asc(decisions.id))
    : [];
  const served = await servedBy(db, ids);
  const [strategy] = await db
    .select({ northStar: strategies.northStar })
    .from(strategies)
    .where(eq(strategies.workspaceId, ws.id));
  return buildRoadmap(
    ws.name,
    strategy?.northStar ?? '',
    rows.map((r) => ({
      number: r.number,
      title: r.title,
      stage: r.stage,
      createdOn: iso(r.createdAt).slice(0, 10),
      score: r.score,
      decisions: gates
        .filter((g) => g.ideaId === r.id)
        .map((g) => ({ toStage: g.toStage, on: iso(g.at).slice(0, 10), reviewOn: g.reviewOn })),
      objectives: (served.get(r.id) ?? []).map((o) => o.title),
    })),
    { totals },
  );
}

export async function getRoadmap(ctx: AppContext, slug: string): Promise<Roadmap> {
  return roadmapOf(ctx.store.db, await findWorkspace(ctx.store.db, slug));
}

type ShareRow = typeof roadmapShares.$inferSelect;
const present = (s: ShareRow, by: string | null): RoadmapShare => ({
  id: s.id,
  label: s.label,
  createdBy: s.createdBy && by ? { id: s.createdBy, name: by } : null,
  createdAt: iso(s.createdAt),
  revokedAt: s.revokedAt ? iso(s.revokedAt) : null,
});

export async function listShares(ctx: AppContext, slug: string): Promise<RoadmapShare[]> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const rows = await ctx.store.db
    .select({ s: roadmapShares, by: members.name })
    .from(roadmapShares)
    .leftJoin(members, eq(members.id, roadmapShares.createdBy))
    .where(eq(roadmapShares.workspaceId, ws.id))
    .orderBy(desc(roadmapShares.createdAt), desc(roadmapShares.id));
  return rows.map((r) => present(r.s, r.by));
}

/** A new share link; the code is returned here once and never again. */
export async function createShare(
  ctx: AppContext,
  slug: string,
  input: RoadmapShareCreate,
  actor: Actor | null,
): Promise<{ share: RoadmapShare; code: string }> {
  if (!actor) throw actorRequired();
  const code = newSecret('vr_');
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = await tx
      .insert(roadmapShares)
      .values({
        id: newId(),
        workspaceId: ws.id,
        label: input.label.trim(),
        secretHash: hashSecret(code),
        createdBy: actor.id,
        createdAt: nowOf(ctx),
      })
      .returning();
    return { share: present(row!, actor.name), code };
  });
}

/** Revoke a link: it opens nothing from now on. Revoking twice is harmless and keeps the first time. */
export async function revokeShare(ctx: AppContext, slug: string, id: string, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await tx
          .select({ s: roadmapShares, by: members.name })
          .from(roadmapShares)
          .leftJoin(members, eq(members.id, roadmapShares.createdBy))
          .where(and(eq(roadmapShares.id, id), eq(roadmapShares.workspaceId, ws.id)))
      : [];
    if (!row) throw notFound(`Share link "${id}"`);
    if (row.s.revokedAt) return present(row.s, row.by);
    const [done] = await tx
      .update(roadmapShares)
      .set({ revokedAt: nowOf(ctx) })
      .where(eq(roadmapShares.id, row.s.id))
      .returning();
    return present(done!, row.by);
  });
}

const deadLink = () =>
  new AppError(404, 'Link not valid', 'This roadmap link does not work (any more): ask for the current one.');

/** The roadmap a share link opens, and nothing else: the code names one workspace, and only its roadmap. */
export async function sharedRoadmap(ctx: AppContext, code: string): Promise<Roadmap> {
  const db = ctx.store.db;
  const [row] = await db
    .select({ ws: workspaces })
    .from(roadmapShares)
    .innerJoin(workspaces, eq(workspaces.id, roadmapShares.workspaceId))
    .where(and(eq(roadmapShares.secretHash, hashSecret(code.trim())), isNull(roadmapShares.revokedAt)));
  if (!row) throw deadLink();
  return roadmapOf(db, row.ws);
}
