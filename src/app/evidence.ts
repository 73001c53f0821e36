import { and, eq, inArray } from 'drizzle-orm';
import type { Evidence, EvidenceCreate, EvidenceUpdate } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { evidence, evidenceLinks, members } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { actorRequired, conflict, invalid, notFound } from './errors.ts';
import { findIdea } from './ideas.ts';
import { recomputeScores } from './scores.ts';
import { dimensionsOf, findWorkspace, type WorkspaceRow } from './workspaces.ts';

async function present(db: Db, rows: (typeof evidence.$inferSelect)[]): Promise<Evidence[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db.select().from(evidenceLinks).where(inArray(evidenceLinks.evidenceId, ids));
  const people = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(eq(members.workspaceId, rows[0]!.workspaceId));
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspaceId,
    kind: r.kind,
    summary: r.summary,
    source: r.source,
    observedOn: r.observedOn,
    strength: r.strength,
    url: r.url,
    links: links.filter((l) => l.evidenceId === r.id).map((l) => ({ ideaId: l.ideaId, dimensions: l.dimensions })),
    createdBy: r.createdBy && nameOf.has(r.createdBy) ? { id: r.createdBy, name: nameOf.get(r.createdBy)! } : null,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    version: r.version,
  }));
}

export function checkDimensions(ws: WorkspaceRow, ids: readonly string[], path: string) {
  const known = new Set(dimensionsOf(ws).map((d) => d.id));
  const unknown = ids.filter((d) => !known.has(d));
  if (unknown.length) {
    const message = `Unknown dimension id(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`;
    throw invalid(message, [{ path, message }]);
  }
}

/** Evidence is something already seen: a date after today (UTC) is a typo, refused before anything is written. */
export function checkObservedOn(observedOn: string, now: Date) {
  const today = now.toISOString().slice(0, 10);
  if (observedOn > today) {
    const message = `observedOn ${observedOn} is in the future (today is ${today}): evidence must already have been observed.`;
    throw invalid(message, [{ path: '/observedOn', message }]);
  }
}

export async function listIdeaEvidence(ctx: AppContext, slug: string, ref: string): Promise<Evidence[]> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const rows = await db
    .select({ e: evidence })
    .from(evidence)
    .innerJoin(evidenceLinks, eq(evidenceLinks.evidenceId, evidence.id))
    .where(eq(evidenceLinks.ideaId, idea.id))
    .orderBy(evidence.observedOn);
  return present(
    db,
    rows.map((r) => r.e),
  );
}

export async function addEvidence(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: EvidenceCreate,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    checkDimensions(ws, input.dimensions ?? [], '/dimensions');
    const now = nowOf(ctx);
    checkObservedOn(input.observedOn, now);
    const { dimensions, ...fields } = input;
    const [row] = await tx
      .insert(evidence)
      .values({
        id: newId(),
        workspaceId: ws.id,
        ...fields,
        url: fields.url ?? null,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(evidenceLinks).values({ evidenceId: row!.id, ideaId: idea.id, dimensions: dimensions ?? [] });
    if (dimensions?.length) await recomputeScores(tx, ws, [idea.id]);
    return (await present(tx, [row!]))[0]!;
  });
}

/**
 * Correct a piece of evidence (reached through an idea it is linked to). Evidence may support several ideas:
 * the change shows on each, and each one's score is computed again, since strength weighs in confidence.
 */
export async function updateEvidence(
  ctx: AppContext,
  slug: string,
  ref: string,
  evidenceId: string,
  input: EvidenceUpdate,
  actor: Actor | null,
): Promise<Evidence> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const [current] = await tx
      .select({ e: evidence })
      .from(evidence)
      .innerJoin(evidenceLinks, eq(evidenceLinks.evidenceId, evidence.id))
      .where(and(eq(evidence.id, evidenceId), eq(evidence.workspaceId, ws.id), eq(evidenceLinks.ideaId, idea.id)));
    if (!current) throw notFound(`Evidence ${evidenceId} on idea #${idea.number}`);
    if (current.e.version !== input.version) throw conflict(`Evidence ${evidenceId}`, current.e.version);
    const { version: _v, ...changes } = input;
    const [row] = await tx
      .update(evidence)
      .set({ ...changes, updatedAt: nowOf(ctx), version: current.e.version + 1 })
      .where(and(eq(evidence.id, evidenceId), eq(evidence.version, current.e.version)))
      .returning();
    if (!row) throw conflict(`Evidence ${evidenceId}`, current.e.version + 1);
    const linked = await tx
      .select({ ideaId: evidenceLinks.ideaId })
      .from(evidenceLinks)
      .where(eq(evidenceLinks.evidenceId, evidenceId));
    await recomputeScores(
      tx,
      ws,
      linked.map((l) => l.ideaId),
    );
    return (await present(tx, [row]))[0]!;
  });
}

/** Link existing evidence to another idea (many-to-many), or change which dimensions it supports there. */
export async function linkEvidence(
  ctx: AppContext,
  slug: string,
  evidenceId: string,
  ref: string,
  dimensions: string[],
  actor: Actor | null,
): Promise<Evidence> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const [row] = await tx
      .select()
      .from(evidence)
      .where(and(eq(evidence.id, evidenceId), eq(evidence.workspaceId, ws.id)));
    if (!row) throw notFound(`Evidence ${evidenceId}`);
    checkDimensions(ws, dimensions, '/dimensions');
    await tx
      .insert(evidenceLinks)
      .values({ evidenceId, ideaId: idea.id, dimensions })
      .onConflictDoUpdate({ target: [evidenceLinks.evidenceId, evidenceLinks.ideaId], set: { dimensions } });
    await recomputeScores(tx, ws, [idea.id]);
    return (await present(tx, [row]))[0]!;
  });
}

export async function unlinkEvidence(
  ctx: AppContext,
  slug: string,
  evidenceId: string,
  ref: string,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const gone = await tx
      .delete(evidenceLinks)
      .where(and(eq(evidenceLinks.evidenceId, evidenceId), eq(evidenceLinks.ideaId, idea.id)))
      .returning();
    if (gone.length === 0) throw notFound(`A link from evidence ${evidenceId} to idea #${idea.number}`);
    await recomputeScores(tx, ws, [idea.id]);
  });
}
