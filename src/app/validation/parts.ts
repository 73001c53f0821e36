import { and, asc, eq, isNotNull, isNull, max } from 'drizzle-orm';
import type { Db } from '../../store/database.ts';
import { assumptions, competitors, experiments } from '../../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from '../context.ts';
import { actorRequired, conflict, notFound } from '../errors.ts';
import { findIdea, type IdeaRow } from '../ideas.ts';
import { findWorkspace, type WorkspaceRow } from '../workspaces.ts';

/** Records that belong to one idea and keep their fields as one typed document each. */
export const PARTS = { assumptions, experiments, competitors } as const;
export type PartName = keyof typeof PARTS;
type Row<T> = {
  id: string;
  ideaId: string;
  position: number;
  data: T;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

const WORDS: Record<PartName, string> = {
  assumptions: 'Assumption',
  experiments: 'Experiment',
  competitors: 'Competitor',
};

export interface Stored {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentPart = <T extends object>(r: Row<T>): T & Stored => ({
  ...r.data,
  id: r.id,
  version: r.version,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

/** Assumptions and experiments are cited by ref; stored ones always have one (their id when none was given). */
export const withRef = <T extends { ref?: string | undefined }>(r: T & Stored): T & Stored & { ref: string } => ({
  ...r,
  ref: r.ref ?? r.id,
});

export async function partsOf<T>(db: Db, name: PartName, ideaId: string): Promise<Row<T>[]> {
  const table = PARTS[name];
  return (await db
    .select()
    .from(table)
    .where(and(eq(table.ideaId, ideaId), isNull(table.deletedAt)))
    .orderBy(asc(table.position))) as Row<T>[];
}

/** Every ref an idea's records of one kind ever had, removed ones included: a ref is never given twice. */
export async function refsEverUsed(db: Db, name: PartName, ideaId: string): Promise<string[]> {
  const table = PARTS[name];
  const rows = (await db.select({ data: table.data }).from(table).where(eq(table.ideaId, ideaId))) as {
    data: { ref?: string };
  }[];
  return rows.flatMap((r) => (r.data.ref ? [r.data.ref] : []));
}

export async function listParts<T extends object>(ctx: AppContext, slug: string, ref: string, name: PartName) {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  return (await partsOf<T>(ctx.store.db, name, idea.id)).map(presentPart);
}

export interface PartScope {
  tx: Db;
  ws: WorkspaceRow;
  idea: IdeaRow;
  now: Date;
  actor: Actor;
}

/** Add a record; `prepare` may fill derived fields (a ref) before it is stored. */
export async function addPart<T extends object>(
  ctx: AppContext,
  slug: string,
  ref: string,
  name: PartName,
  data: T,
  actor: Actor | null,
  prepare: (data: T, id: string, scope: PartScope) => T | Promise<T> = (d) => d,
) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const table = PARTS[name];
    const [last] = await tx
      .select({ n: max(table.position) })
      .from(table)
      .where(eq(table.ideaId, idea.id));
    const id = newId();
    const now = nowOf(ctx);
    const stored = await prepare(data, id, { tx, ws, idea, now, actor });
    const [row] = await tx
      .insert(table)
      .values({
        id,
        ideaId: idea.id,
        position: (last?.n ?? -1) + 1,
        data: stored as never,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentPart(row as Row<T>);
  });
}

/** Change a record at its version; `change` computes the new fields from the old (and may refuse). */
export async function changePart<T extends object, R = T & Stored>(
  ctx: AppContext,
  slug: string,
  ref: string,
  name: PartName,
  partId: string,
  version: number,
  actor: Actor | null,
  change: (current: T, scope: PartScope) => T | Promise<T>,
  present: (row: T & Stored) => R = (r) => r as R,
): Promise<R> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const table = PARTS[name];
    const [current] = (await tx
      .select()
      .from(table)
      .where(and(eq(table.id, partId), eq(table.ideaId, idea.id), isNull(table.deletedAt)))) as Row<T>[];
    if (!current) throw notFound(`${WORDS[name]} ${partId} on idea #${idea.number}`);
    if (current.version !== version) throw conflict(`${WORDS[name]} ${partId}`, current.version);
    const now = nowOf(ctx);
    const data = await change(current.data, { tx, ws, idea, now, actor });
    const [row] = await tx
      .update(table)
      .set({ data: data as never, updatedAt: now, version: current.version + 1 })
      .where(and(eq(table.id, partId), eq(table.version, current.version)))
      .returning();
    if (!row) throw conflict(`${WORDS[name]} ${partId}`, current.version + 1);
    return present(presentPart(row as Row<T>));
  });
}

export async function deletePart(
  ctx: AppContext,
  slug: string,
  ref: string,
  name: PartName,
  partId: string,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const table = PARTS[name];
    // Soft: the record stays, out of every list and document, until it is restored.
    const gone = await tx
      .update(table)
      .set({ deletedAt: nowOf(ctx) })
      .where(and(eq(table.id, partId), eq(table.ideaId, idea.id), isNull(table.deletedAt)))
      .returning();
    if (gone.length === 0) throw notFound(`${WORDS[name]} ${partId} on idea #${idea.number}`);
  });
}

/** Bring a removed record back as it was, at the version it had when it was removed. */
export async function restorePart<T extends object>(
  ctx: AppContext,
  slug: string,
  ref: string,
  name: PartName,
  partId: string,
  version: number,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const table = PARTS[name];
    const [current] = (await tx
      .select()
      .from(table)
      .where(and(eq(table.id, partId), eq(table.ideaId, idea.id), isNotNull(table.deletedAt)))) as Row<T>[];
    if (!current) throw notFound(`A removed ${WORDS[name].toLowerCase()} ${partId} on idea #${idea.number}`);
    if (current.version !== version) throw conflict(`${WORDS[name]} ${partId}`, current.version);
    const [row] = await tx
      .update(table)
      .set({ deletedAt: null, updatedAt: nowOf(ctx), version: current.version + 1 })
      .where(and(eq(table.id, partId), eq(table.version, current.version)))
      .returning();
    if (!row) throw conflict(`${WORDS[name]} ${partId}`, current.version + 1);
    return presentPart(row as Row<T>);
  });
}
