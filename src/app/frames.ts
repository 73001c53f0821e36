import { and, eq } from 'drizzle-orm';
import type { Frame, FramePut } from '../schema/index.ts';
import { frames, members } from '../store/schema.ts';
import { type Actor, type AppContext, iso, nowOf } from './context.ts';
import { actorRequired, conflict } from './errors.ts';
import { findIdea } from './ideas.ts';
import { findWorkspace } from './workspaces.ts';

export async function getFrame(ctx: AppContext, slug: string, ref: string): Promise<Frame> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const [row] = await db
    .select({ frame: frames, by: members.name })
    .from(frames)
    .leftJoin(members, eq(members.id, frames.updatedBy))
    .where(eq(frames.ideaId, idea.id));
  // Not framed yet is a state of the idea, not a missing resource: an empty frame, for the first write to fill.
  if (!row) return { updatedBy: null, updatedAt: null, version: 0 };
  return present(row.frame, row.by);
}

const present = (f: typeof frames.$inferSelect, byName: string | null): Frame => ({
  ...f.fields,
  updatedBy: f.updatedBy && byName ? { id: f.updatedBy, name: byName } : null,
  updatedAt: iso(f.updatedAt),
  version: f.version,
});

/** Replace the frame as a whole (absent fields are cleared); the first write creates it. */
export async function putFrame(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: FramePut,
  actor: Actor | null,
): Promise<Frame> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const { version, ...fields } = input;
    const [current] = await tx.select().from(frames).where(eq(frames.ideaId, idea.id));
    const now = nowOf(ctx);
    if (!current) {
      if (version) throw conflict(`The frame of idea #${idea.number}`, 0);
      const [row] = await tx
        .insert(frames)
        .values({ ideaId: idea.id, fields, updatedBy: actor.id, updatedAt: now })
        .returning();
      return present(row!, actor.name);
    }
    if (version !== current.version) throw conflict(`The frame of idea #${idea.number}`, current.version);
    const [row] = await tx
      .update(frames)
      .set({ fields, updatedBy: actor.id, updatedAt: now, version: current.version + 1 })
      .where(and(eq(frames.ideaId, idea.id), eq(frames.version, current.version)))
      .returning();
    if (!row) throw conflict(`The frame of idea #${idea.number}`, current.version + 1);
    return present(row, actor.name);
  });
}
