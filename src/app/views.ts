import { and, asc, eq } from 'drizzle-orm';
import type { SavedView, SavedViewCreate } from '../schema/index.ts';
import { savedViews } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, notFound } from './errors.ts';
import { findWorkspace } from './workspaces.ts';

/** Saved views belong to one member in one workspace: no one else lists, uses or deletes them. */
const present = (v: typeof savedViews.$inferSelect): SavedView => ({
  id: v.id,
  name: v.name,
  filters: v.filters,
  createdAt: iso(v.createdAt),
});

export async function listViews(ctx: AppContext, slug: string, actor: Actor | null): Promise<SavedView[]> {
  const ws = await findWorkspace(ctx.store.db, slug);
  if (!actor) throw actorRequired();
  const rows = await ctx.store.db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, ws.id), eq(savedViews.memberId, actor.id)))
    .orderBy(asc(savedViews.name));
  return rows.map(present);
}

export async function saveView(ctx: AppContext, slug: string, input: SavedViewCreate, actor: Actor | null) {
  if (!actor) throw actorRequired();
  const name = input.name.trim();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = await tx
      .insert(savedViews)
      .values({
        id: newId(),
        workspaceId: ws.id,
        memberId: actor.id,
        name,
        filters: input.filters,
        createdAt: nowOf(ctx),
      })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw new AppError(
        409,
        'Name taken',
        `You have a view named "${name}" already: pick another name, or delete it first.`,
      );
    return present(row);
  });
}

export async function deleteView(ctx: AppContext, slug: string, id: string, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = await tx
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.workspaceId, ws.id), eq(savedViews.memberId, actor.id)))
      .returning();
    if (!row) throw notFound(`View "${id}"`);
    return present(row);
  });
}
