import { and, desc, eq, inArray, or } from 'drizzle-orm';
import { ladderStanding, validateLadder } from '../../domain/leadership/index.ts';
import { SAMPLE_LADDER } from '../../methodology/index.ts';
import type {
  LadderPut,
  LadderStanding,
  LadderState,
  OneOnOne,
  OneOnOneCreate,
  OneOnOneUpdate,
} from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { careerLadders, members, oneOnOnes } from '../../store/schema.ts';
import { type Actor, type AppContext, newId, nowOf } from '../context.ts';
import { actorRequired, conflict, notFound, refused } from '../errors.ts';
import { findWorkspace, type WorkspaceRow } from '../workspaces.ts';
import { insightsOf, subjectOf } from './cycles.ts';

/**
 * The coaching practice: the workspace's career ladder (data an owner edits, the sample ladder until then)
 * and where a person stands on a level of it (from their own summary, so only they read it); and 1:1s,
 * readable and writable by their mentor and mentee only, whose open actions carry over to the next.
 */

async function ladderOf(db: Db, ws: WorkspaceRow): Promise<LadderState> {
  const [row] = await db.select().from(careerLadders).where(eq(careerLadders.workspaceId, ws.id));
  return row
    ? { ladder: row.ladder, custom: true, version: row.version }
    : { ladder: SAMPLE_LADDER, custom: false, version: 0 };
}

export async function getLadder(ctx: AppContext, slug: string): Promise<LadderState> {
  return ladderOf(ctx.store.db, await findWorkspace(ctx.store.db, slug));
}

export async function putLadder(ctx: AppContext, slug: string, input: LadderPut): Promise<LadderState> {
  const valid = validateLadder(input.ladder);
  if (!valid.ok) throw refused(valid.reason);
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const now = nowOf(ctx);
    const current = await ladderOf(tx, ws);
    if (current.version !== input.version) throw conflict('The career ladder', current.version);
    const [row] = current.custom
      ? await tx
          .update(careerLadders)
          .set({ ladder: valid.value, updatedAt: now, version: current.version + 1 })
          .where(and(eq(careerLadders.workspaceId, ws.id), eq(careerLadders.version, current.version)))
          .returning()
      : await tx
          .insert(careerLadders)
          .values({ workspaceId: ws.id, ladder: valid.value, updatedAt: now })
          .onConflictDoNothing()
          .returning();
    if (!row) throw conflict('The career ladder', current.version + 1);
    return { ladder: row.ladder, custom: true, version: row.version };
  });
}

export async function myStanding(
  ctx: AppContext,
  slug: string,
  levelId: string,
  actor: Actor | null,
): Promise<LadderStanding> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  const { ladder } = await ladderOf(ctx.store.db, ws);
  const seen = await insightsOf(ctx.store.db, ws, subject.id);
  const standing = ladderStanding(ladder, levelId, { subjectId: subject.id, traits: seen.traits });
  if (!standing.ok) throw notFound(`Level "${levelId}"`);
  return standing.value;
}

type Row = typeof oneOnOnes.$inferSelect;

async function present(db: Db, rows: Row[]): Promise<OneOnOne[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.mentorId, r.menteeId]))];
  const names = new Map(
    (await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids))).map((m) => [
      m.id,
      m.name,
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    mentor: { id: r.mentorId, name: names.get(r.mentorId) ?? '' },
    mentee: { id: r.menteeId, name: names.get(r.menteeId) ?? '' },
    heldOn: r.heldOn,
    notes: r.notes,
    actions: r.actions,
    version: r.version,
  }));
}

const mine = (actor: Actor) => or(eq(oneOnOnes.mentorId, actor.id), eq(oneOnOnes.menteeId, actor.id));

export async function listOneOnOnes(ctx: AppContext, slug: string, actor: Actor | null): Promise<OneOnOne[]> {
  if (!actor) throw actorRequired();
  const ws = await findWorkspace(ctx.store.db, slug);
  const rows = await ctx.store.db
    .select()
    .from(oneOnOnes)
    .where(and(eq(oneOnOnes.workspaceId, ws.id), mine(actor)))
    .orderBy(desc(oneOnOnes.heldOn), desc(oneOnOnes.id));
  return present(ctx.store.db, rows);
}

/** A new 1:1 of a pair the actor belongs to; the previous 1:1's open actions come first in it. */
export async function createOneOnOne(
  ctx: AppContext,
  slug: string,
  input: OneOnOneCreate,
  actor: Actor | null,
): Promise<OneOnOne> {
  if (!actor) throw actorRequired();
  if (input.mentorId === input.menteeId) throw refused('A 1:1 is between two people.');
  if (actor.id !== input.mentorId && actor.id !== input.menteeId)
    throw refused('You record your own 1:1s only: be the mentor or the mentee.');
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const found = await tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.workspaceId, ws.id), inArray(members.id, [input.mentorId, input.menteeId])));
    if (found.length !== 2) throw notFound('The mentor or the mentee');
    const [previous] = await tx
      .select()
      .from(oneOnOnes)
      .where(
        and(
          eq(oneOnOnes.workspaceId, ws.id),
          eq(oneOnOnes.mentorId, input.mentorId),
          eq(oneOnOnes.menteeId, input.menteeId),
        ),
      )
      .orderBy(desc(oneOnOnes.heldOn), desc(oneOnOnes.id))
      .limit(1);
    const carried = (previous?.actions ?? []).filter((a) => !a.done);
    const [row] = await tx
      .insert(oneOnOnes)
      .values({
        id: newId(),
        workspaceId: ws.id,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        heldOn: input.heldOn,
        notes: input.notes ?? '',
        actions: [...carried, ...(input.actions ?? []).map((text) => ({ text, done: false }))],
        createdBy: actor.id,
        createdAt: nowOf(ctx),
      })
      .returning();
    return (await present(tx, [row!]))[0]!;
  });
}

export async function updateOneOnOne(
  ctx: AppContext,
  slug: string,
  id: string,
  input: OneOnOneUpdate,
  actor: Actor | null,
): Promise<OneOnOne> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = await tx
      .select()
      .from(oneOnOnes)
      .where(and(eq(oneOnOnes.id, id), eq(oneOnOnes.workspaceId, ws.id), mine(actor)));
    // Someone else's 1:1 does not exist, whoever asks.
    if (!row) throw notFound(`1:1 ${id}`);
    if (row.version !== input.version) throw conflict('The 1:1', row.version);
    const [next] = await tx
      .update(oneOnOnes)
      .set({
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.actions !== undefined ? { actions: input.actions } : {}),
        version: row.version + 1,
      })
      .where(and(eq(oneOnOnes.id, row.id), eq(oneOnOnes.version, row.version)))
      .returning();
    if (!next) throw conflict('The 1:1', row.version + 1);
    return (await present(tx, [next]))[0]!;
  });
}
