import { and, desc, eq } from 'drizzle-orm';
import { addProgressNote, checkIn, type DevelopmentPlan, developmentPlan } from '../../domain/leadership/index.ts';
import type { Result } from '../../domain/result.ts';
import { LEARNING_CARDS } from '../../methodology/index.ts';
import type { Plan, PlanCreate, PlanNote } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { developmentPlans } from '../../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from '../context.ts';
import { conflict, notFound, refused } from '../errors.ts';
import type { WorkspaceRow } from '../workspaces.ts';
import { insightsOf, subjectOf } from './cycles.ts';

/**
 * A person's development plan: made from what they read about themselves (the weakest trait, on others'
 * mean once a cycle is closed), for their career stage, by the domain's rules; progress notes and
 * check-ins are added to it. A new plan (after a reassessment) is a new row: the old ones stay as history.
 */

type PlanRow = typeof developmentPlans.$inferSelect;

const present = (row: PlanRow): Plan => ({
  id: row.id,
  cycleId: row.cycleId,
  plan: row.plan,
  cards: LEARNING_CARDS.filter((c) => row.plan.cards.some((x) => x.id === c.id)).map((c) => ({
    id: c.id,
    title: c.title,
    body: c.body,
    traits: c.traits,
    stages: c.stages,
  })),
  createdAt: iso(row.createdAt),
  version: row.version,
});

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw refused(r.reason);
  return r.value;
};

async function latest(db: Db, ws: WorkspaceRow, subjectId: string): Promise<PlanRow> {
  const [row] = await db
    .select()
    .from(developmentPlans)
    .where(and(eq(developmentPlans.workspaceId, ws.id), eq(developmentPlans.subjectId, subjectId)))
    .orderBy(desc(developmentPlans.createdAt), desc(developmentPlans.id))
    .limit(1);
  if (!row) throw notFound('Your development plan');
  return row;
}

export async function currentPlan(ctx: AppContext, slug: string, actor: Actor | null): Promise<Plan> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  return present(await latest(ctx.store.db, ws, subject.id));
}

export async function createPlan(ctx: AppContext, slug: string, input: PlanCreate, actor: Actor | null): Promise<Plan> {
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const seen = await insightsOf(tx, ws, subject.id);
    const now = nowOf(ctx);
    const plan: DevelopmentPlan = value(
      developmentPlan({
        weakest: seen.weakest,
        stage: input.stage,
        now,
        idea: input.idea,
        checkInDays: input.checkInDays,
      }),
    );
    const [row] = await tx
      .insert(developmentPlans)
      .values({
        id: newId(),
        workspaceId: ws.id,
        subjectId: subject.id,
        cycleId: seen.cycleId,
        plan,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return present(row!);
  });
}

/** A progress note on the current plan; a check-in also sets the next check-in date. */
export async function notePlan(ctx: AppContext, slug: string, input: PlanNote, actor: Actor | null): Promise<Plan> {
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const row = await latest(tx, ws, subject.id);
    if (row.version !== input.version) throw conflict('Your plan', row.version);
    const now = nowOf(ctx);
    const plan = value(input.checkIn ? checkIn(row.plan, input.text, now) : addProgressNote(row.plan, input.text, now));
    const [next] = await tx
      .update(developmentPlans)
      .set({ plan, updatedAt: now, version: row.version + 1 })
      .where(and(eq(developmentPlans.id, row.id), eq(developmentPlans.version, row.version)))
      .returning();
    if (!next) throw conflict('Your plan', row.version + 1);
    return present(next);
  });
}
