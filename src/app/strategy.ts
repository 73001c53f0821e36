import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { STRATEGY } from '../methodology/index.ts';
import type {
  IdeaObjectives,
  IdeaObjectivesUpdate,
  Objective,
  ObjectiveCreate,
  ObjectiveUpdate,
  OpportunityStrategy,
  Strategy,
  StrategyUpdate,
} from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { ideaObjectives, ideas, members, objectives, strategies } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, conflict, invalid, notFound } from './errors.ts';
import { archivedRefusal, findIdea } from './ideas.ts';
import { findWorkspace, memberFor, type WorkspaceRow } from './workspaces.ts';

/**
 * A workspace's strategy: goals → the product's North Star metric → team objectives, each with a member who
 * owns its key metric, and the ideas that serve each objective. Every member reads it; leaders and owners
 * edit it (src/api/routes/strategy.ts). Every write is one transaction under the record's version.
 */

type ObjectiveRow = typeof objectives.$inferSelect;

const titleTaken = (title: string) =>
  new AppError(409, 'Title taken', `An objective titled "${title}" exists already: objectives are linked by title.`);

/** The owner a reference names: a current member of this workspace, by id or email. */
async function ownerOf(db: Db, ws: WorkspaceRow, ref: string) {
  const m = await memberFor(db, ws, ref.trim());
  if (!m) throw invalid(`No member "${ref}" in this workspace.`, [{ path: '/owner', message: 'not a member' }]);
  return m;
}

/** The workspace's objectives in the order they were made, with their owners and the ideas serving them. */
export async function objectivesOf(db: Db, ws: WorkspaceRow): Promise<Objective[]> {
  const rows = await db
    .select({ o: objectives, owner: members.name })
    .from(objectives)
    .innerJoin(members, eq(members.id, objectives.ownerId))
    .where(eq(objectives.workspaceId, ws.id))
    .orderBy(asc(objectives.createdAt), asc(objectives.id));
  if (rows.length === 0) return [];
  const links = await db
    .select({ objectiveId: ideaObjectives.objectiveId, number: ideas.number, title: ideas.title, stage: ideas.stage })
    .from(ideaObjectives)
    .innerJoin(ideas, eq(ideas.id, ideaObjectives.ideaId))
    .where(
      and(
        inArray(
          ideaObjectives.objectiveId,
          rows.map((r) => r.o.id),
        ),
        isNull(ideas.mergedIntoId),
        isNull(ideas.archivedAt),
      ),
    )
    .orderBy(asc(ideas.number));
  return rows.map(({ o, owner }) => ({
    id: o.id,
    title: o.title,
    keyMetric: o.keyMetric,
    target: o.target,
    owner: { id: o.ownerId, name: owner },
    ideas: links.filter((l) => l.objectiveId === o.id).map(({ number, title, stage }) => ({ number, title, stage })),
    updatedAt: iso(o.updatedAt),
    version: o.version,
  }));
}

/** The strategy as files carry it (objectives by title, owners by name); undefined when nothing is set. */
export async function strategyFile(db: Db, ws: WorkspaceRow): Promise<OpportunityStrategy | undefined> {
  const [row] = await db.select().from(strategies).where(eq(strategies.workspaceId, ws.id));
  const list = await objectivesOf(db, ws);
  if (!row && list.length === 0) return undefined;
  return {
    ...(row?.goals.length ? { goals: row.goals } : {}),
    ...(row?.northStar ? { northStar: row.northStar } : {}),
    ...(row?.definition ? { definition: row.definition } : {}),
    objectives: list.map((o) => ({
      title: o.title,
      keyMetric: o.keyMetric,
      ...(o.target ? { target: o.target } : {}),
      owner: o.owner.name,
    })),
  };
}

export async function getStrategy(ctx: AppContext, slug: string): Promise<Strategy> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const [row] = await db
    .select({ s: strategies, by: members.name })
    .from(strategies)
    .leftJoin(members, eq(members.id, strategies.updatedBy))
    .where(eq(strategies.workspaceId, ws.id));
  return {
    goals: row?.s.goals ?? [],
    northStar: row?.s.northStar ?? '',
    definition: row?.s.definition ?? '',
    objectives: await objectivesOf(db, ws),
    updatedAt: row ? iso(row.s.updatedAt) : null,
    updatedBy: row?.s.updatedBy && row.by ? { id: row.s.updatedBy, name: row.by } : null,
    version: row?.s.version ?? 1,
  };
}

/** Set the goals, the North Star and its definition; the first write creates the record (version 1 before). */
export async function updateStrategy(
  ctx: AppContext,
  slug: string,
  input: StrategyUpdate,
  actor: Actor | null,
): Promise<Strategy> {
  if (!actor) throw actorRequired();
  const fields = {
    ...(input.goals ? { goals: input.goals.map((g) => g.trim()) } : {}),
    ...(input.northStar !== undefined ? { northStar: input.northStar.trim() } : {}),
    ...(input.definition !== undefined ? { definition: input.definition.trim() } : {}),
  };
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const now = nowOf(ctx);
    const [current] = await tx.select().from(strategies).where(eq(strategies.workspaceId, ws.id));
    const version = current?.version ?? 1;
    if (input.version !== version) throw conflict('The strategy', version);
    if (!current) {
      // Two first writes racing: the primary key lets one in; the other is a conflict, not a 500.
      const [made] = await tx
        .insert(strategies)
        .values({ workspaceId: ws.id, ...fields, updatedBy: actor.id, updatedAt: now, version: 2 })
        .onConflictDoNothing()
        .returning();
      if (!made) throw conflict('The strategy', 2);
      return;
    }
    const [row] = await tx
      .update(strategies)
      .set({ ...fields, updatedBy: actor.id, updatedAt: now, version: version + 1 })
      .where(and(eq(strategies.workspaceId, ws.id), eq(strategies.version, version)))
      .returning();
    if (!row) throw conflict('The strategy', version + 1);
  });
  return getStrategy(ctx, slug);
}

async function objectiveIn(db: Db, ws: WorkspaceRow, id: string): Promise<ObjectiveRow> {
  const [row] = /^[0-9a-f-]{36}$/i.test(id)
    ? await db
        .select()
        .from(objectives)
        .where(and(eq(objectives.id, id), eq(objectives.workspaceId, ws.id)))
    : [];
  if (!row) throw notFound(`Objective "${id}"`);
  return row;
}

const presentOne = async (db: Db, ws: WorkspaceRow, id: string): Promise<Objective> =>
  (await objectivesOf(db, ws)).find((o) => o.id === id)!;

export async function createObjective(
  ctx: AppContext,
  slug: string,
  input: ObjectiveCreate,
  actor: Actor | null,
): Promise<Objective> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const owner = await ownerOf(tx, ws, input.owner);
    const [n] = await tx.select({ n: count() }).from(objectives).where(eq(objectives.workspaceId, ws.id));
    if (n!.n >= STRATEGY.limits.objectives)
      throw invalid(`A workspace keeps at most ${STRATEGY.limits.objectives} objectives.`);
    const title = input.title.trim();
    const now = nowOf(ctx);
    const [row] = await tx
      .insert(objectives)
      .values({
        id: newId(),
        workspaceId: ws.id,
        title,
        keyMetric: input.keyMetric.trim(),
        target: input.target?.trim() || null,
        ownerId: owner.id,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw titleTaken(title);
    return presentOne(tx, ws, row.id);
  });
}

export async function updateObjective(
  ctx: AppContext,
  slug: string,
  id: string,
  input: ObjectiveUpdate,
  actor: Actor | null,
): Promise<Objective> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const o = await objectiveIn(tx, ws, id);
    if (o.version !== input.version) throw conflict(`Objective "${o.title}"`, o.version);
    const owner = input.owner !== undefined ? await ownerOf(tx, ws, input.owner) : null;
    const title = input.title?.trim();
    if (title && title !== o.title) {
      const [clash] = await tx
        .select({ id: objectives.id })
        .from(objectives)
        .where(and(eq(objectives.workspaceId, ws.id), eq(objectives.title, title)));
      if (clash) throw titleTaken(title);
    }
    const [row] = await tx
      .update(objectives)
      .set({
        ...(title ? { title } : {}),
        ...(input.keyMetric ? { keyMetric: input.keyMetric.trim() } : {}),
        ...(input.target !== undefined ? { target: input.target?.trim() || null } : {}),
        ...(owner ? { ownerId: owner.id } : {}),
        updatedBy: actor.id,
        updatedAt: nowOf(ctx),
        version: o.version + 1,
      })
      .where(and(eq(objectives.id, o.id), eq(objectives.version, o.version)))
      .returning();
    if (!row) throw conflict(`Objective "${o.title}"`, o.version + 1);
    return presentOne(tx, ws, row.id);
  });
}

/** Delete an objective; the ideas that served it simply serve it no more. */
export async function deleteObjective(
  ctx: AppContext,
  slug: string,
  id: string,
  version: number,
  actor: Actor | null,
): Promise<void> {
  if (!actor) throw actorRequired();
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const o = await objectiveIn(tx, ws, id);
    if (o.version !== version) throw conflict(`Objective "${o.title}"`, o.version);
    await tx.delete(objectives).where(and(eq(objectives.id, o.id), eq(objectives.version, version)));
  });
}

/** The objectives one idea serves, by title, in the workspace's order. */
export async function servedBy(db: Db, ideaIds: string[]): Promise<Map<string, { id: string; title: string }[]>> {
  const out = new Map<string, { id: string; title: string }[]>();
  if (ideaIds.length === 0) return out;
  const rows = await db
    .select({ ideaId: ideaObjectives.ideaId, id: objectives.id, title: objectives.title })
    .from(ideaObjectives)
    .innerJoin(objectives, eq(objectives.id, ideaObjectives.objectiveId))
    .where(inArray(ideaObjectives.ideaId, ideaIds))
    .orderBy(asc(objectives.createdAt), asc(objectives.id));
  for (const r of rows) out.set(r.ideaId, [...(out.get(r.ideaId) ?? []), { id: r.id, title: r.title }]);
  return out;
}

export async function getIdeaObjectives(ctx: AppContext, slug: string, ref: string): Promise<IdeaObjectives> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  return { version: idea.version, objectives: (await servedBy(ctx.store.db, [idea.id])).get(idea.id) ?? [] };
}

/**
 * Say which objectives an idea serves, replacing the list: one transaction under the idea's version (the link
 * changes what the challenger and the documents read about the idea, so it is an edit of the idea).
 */
export async function setIdeaObjectives(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: IdeaObjectivesUpdate,
  actor: Actor | null,
): Promise<IdeaObjectives> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    if (idea.version !== input.version) throw conflict(`Idea #${idea.number}`, idea.version);
    if (idea.archivedAt) throw archivedRefusal(idea.number);
    const known =
      input.objectives.length === 0
        ? []
        : await tx
            .select({ id: objectives.id })
            .from(objectives)
            .where(and(eq(objectives.workspaceId, ws.id), inArray(objectives.id, input.objectives)));
    const unknown = input.objectives.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length)
      throw invalid(
        'Only objectives of this workspace can be linked: nothing was saved.',
        unknown.map((id) => ({ path: `/objectives/${input.objectives.indexOf(id)}`, message: `no objective ${id}` })),
      );
    const [row] = await tx
      .update(ideas)
      .set({ updatedBy: actor.id, updatedAt: nowOf(ctx), version: idea.version + 1 })
      .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
      .returning();
    if (!row) throw conflict(`Idea #${idea.number}`, idea.version + 1);
    await tx.delete(ideaObjectives).where(eq(ideaObjectives.ideaId, idea.id));
    if (input.objectives.length)
      await tx.insert(ideaObjectives).values(input.objectives.map((objectiveId) => ({ ideaId: idea.id, objectiveId })));
    return { version: row.version, objectives: (await servedBy(tx, [idea.id])).get(idea.id) ?? [] };
  });
}
