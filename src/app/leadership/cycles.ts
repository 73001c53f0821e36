import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import {
  type CycleInput,
  type CycleOfSummary,
  type CycleSummary,
  selfOthersGaps,
  summariseCycle,
  type TraitRating,
  traitTrends,
  weakestTrait,
} from '../../domain/leadership/index.ts';
import type { Cycle, RaterInvite, RaterView, SelfRatingsPut, TraitInsights } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { members, traitCycles, traitRaters, traitRatings } from '../../store/schema.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from '../context.ts';
import { actorRequired, conflict, notFound, refused } from '../errors.ts';
import { findWorkspace, type WorkspaceRow } from '../workspaces.ts';
import { checkRatings } from './ratings.ts';

/**
 * A person's 360 cycles. Everything here is read and written by the person assessed only (the routes pass
 * the acting member; another member's cycle is "not found", as if it did not exist, owners included).
 *
 * Others' ratings are summarised only once the cycle is closed. While it is open the person sees their own
 * ratings and whom they asked, never who answered or how many: otherwise watching the summary between two
 * answers would single a rater out, which the per-group threshold exists to prevent.
 */

type CycleRow = typeof traitCycles.$inferSelect;

export async function subjectOf(db: Db, slug: string, actor: Actor | null) {
  if (!actor) throw actorRequired();
  const ws = await findWorkspace(db, slug);
  return { ws, subject: actor };
}

async function ownCycle(db: Db, ws: WorkspaceRow, subjectId: string, id: string): Promise<CycleRow> {
  const [row] = await db
    .select()
    .from(traitCycles)
    .where(and(eq(traitCycles.id, id), eq(traitCycles.workspaceId, ws.id), eq(traitCycles.subjectId, subjectId)));
  if (!row) throw notFound(`Cycle ${id}`);
  return row;
}

async function presentCycle(db: Db, row: CycleRow): Promise<Cycle> {
  const raters = await db
    .select({ r: traitRaters, name: members.name })
    .from(traitRaters)
    .leftJoin(members, eq(members.id, traitRaters.memberId))
    .where(eq(traitRaters.cycleId, row.id))
    .orderBy(asc(traitRaters.id));
  const self = raters.find((r) => r.r.group === 'self');
  const own = self
    ? await db.select().from(traitRatings).where(eq(traitRatings.raterId, self.r.id)).orderBy(asc(traitRatings.trait))
    : [];
  return {
    id: row.id,
    openedAt: iso(row.createdAt),
    closedAt: row.closedAt ? iso(row.closedAt) : null,
    self: own.map((r) => ({ trait: r.trait, score: r.score, example: r.example })),
    raters: raters.flatMap(({ r, name }): RaterView[] =>
      r.group === 'self'
        ? []
        : [
            {
              id: r.id,
              group: r.group,
              via: r.linkHash ? 'link' : 'account',
              name: r.linkHash ? (r.label ?? 'One-time link') : (name ?? 'A former member'),
            },
          ],
    ),
    version: row.version,
  };
}

export async function listCycles(ctx: AppContext, slug: string, actor: Actor | null): Promise<Cycle[]> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  const rows = await ctx.store.db
    .select()
    .from(traitCycles)
    .where(and(eq(traitCycles.workspaceId, ws.id), eq(traitCycles.subjectId, subject.id)))
    .orderBy(asc(traitCycles.createdAt), asc(traitCycles.id));
  return Promise.all(rows.map((r) => presentCycle(ctx.store.db, r)));
}

export async function getCycle(ctx: AppContext, slug: string, id: string, actor: Actor | null): Promise<Cycle> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  return presentCycle(ctx.store.db, await ownCycle(ctx.store.db, ws, subject.id, id));
}

/** A new cycle (a reassessment); one is open at a time. */
export async function openCycle(ctx: AppContext, slug: string, actor: Actor | null): Promise<Cycle> {
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const [open] = await tx
      .select({ id: traitCycles.id })
      .from(traitCycles)
      .where(and(eq(traitCycles.subjectId, subject.id), isNull(traitCycles.closedAt)));
    if (open) throw refused('You have an open cycle already: close it before you start the next one.');
    const [row] = await tx
      .insert(traitCycles)
      .values({ id: newId(), workspaceId: ws.id, subjectId: subject.id, createdAt: nowOf(ctx) })
      .returning();
    await tx.insert(traitRaters).values({ id: newId(), cycleId: row!.id, group: 'self', memberId: subject.id });
    return presentCycle(tx, row!);
  });
}

/** Every change to a cycle goes through here: its version checked and bumped, refused once closed. */
async function changeCycle(tx: Db, row: CycleRow, version: number) {
  if (row.version !== version) throw conflict('The cycle', row.version);
  if (row.closedAt) throw refused('This cycle is closed: start a new one to reassess.');
  const [next] = await tx
    .update(traitCycles)
    .set({ version: row.version + 1 })
    .where(and(eq(traitCycles.id, row.id), eq(traitCycles.version, row.version)))
    .returning();
  if (!next) throw conflict('The cycle', row.version + 1);
  return next;
}

export async function putSelfRatings(
  ctx: AppContext,
  slug: string,
  id: string,
  input: SelfRatingsPut,
  actor: Actor | null,
): Promise<Cycle> {
  const ratings = checkRatings(input.ratings);
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const row = await changeCycle(tx, await ownCycle(tx, ws, subject.id, id), input.version);
    const [self] = await tx
      .select()
      .from(traitRaters)
      .where(and(eq(traitRaters.cycleId, row.id), eq(traitRaters.group, 'self')));
    for (const r of ratings) {
      const values = { raterId: self!.id, trait: r.trait, score: r.score, example: r.example?.trim() || null };
      await tx
        .insert(traitRatings)
        .values(values)
        .onConflictDoUpdate({
          target: [traitRatings.raterId, traitRatings.trait],
          set: { score: values.score, example: values.example },
        });
    }
    return presentCycle(tx, row);
  });
}

/** Ask a member (they answer signed in) or, without one, make a one-time link shown this once. */
export async function inviteRater(
  ctx: AppContext,
  slug: string,
  id: string,
  input: RaterInvite,
  actor: Actor | null,
): Promise<{ cycle: Cycle; code: string | null }> {
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const row = await changeCycle(tx, await ownCycle(tx, ws, subject.id, id), input.version);
    let code: string | null = null;
    if (input.memberId) {
      if (input.memberId === subject.id) throw refused('You rate yourself in your own assessment, not as a rater.');
      const [m] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.id, input.memberId), eq(members.workspaceId, ws.id), isNull(members.removedAt)));
      if (!m) throw notFound(`Member ${input.memberId}`);
      const [asked] = await tx
        .select({ id: traitRaters.id })
        .from(traitRaters)
        .where(and(eq(traitRaters.cycleId, row.id), eq(traitRaters.memberId, m.id)));
      if (asked) throw refused('This member is asked already in this cycle: a rater belongs to one group.');
    } else {
      code = newSecret();
    }
    await tx.insert(traitRaters).values({
      id: newId(),
      cycleId: row.id,
      group: input.group,
      memberId: input.memberId ?? null,
      linkHash: code ? hashSecret(code) : null,
      label: code ? (input.label?.trim() ?? null) : null,
    });
    return { cycle: await presentCycle(tx, row), code };
  });
}

export async function closeCycle(
  ctx: AppContext,
  slug: string,
  id: string,
  version: number,
  actor: Actor | null,
): Promise<Cycle> {
  return ctx.store.db.transaction(async (tx) => {
    const { ws, subject } = await subjectOf(tx, slug, actor);
    const row = await changeCycle(tx, await ownCycle(tx, ws, subject.id, id), version);
    const [closed] = await tx
      .update(traitCycles)
      .set({ closedAt: nowOf(ctx) })
      .where(eq(traitCycles.id, row.id))
      .returning();
    return presentCycle(tx, closed!);
  });
}

/**
 * A cycle's summary through the domain's thresholds. `withOthers` false (an open cycle): the person's own
 * ratings only, so nothing about others' answers is read at all.
 */
async function summaryOf(db: Db, row: CycleRow, withOthers: boolean): Promise<CycleSummary> {
  const raters = await db.select().from(traitRaters).where(eq(traitRaters.cycleId, row.id));
  const wanted = raters.filter((r) => withOthers || r.group === 'self');
  const ratings = wanted.length
    ? await db
        .select()
        .from(traitRatings)
        .where(
          inArray(
            traitRatings.raterId,
            wanted.map((r) => r.id),
          ),
        )
    : [];
  const byId = new Map(wanted.map((r) => [r.id, r]));
  const input: CycleInput = {
    subjectId: row.subjectId,
    ratings: ratings.map((r): TraitRating => {
      const rater = byId.get(r.raterId)!;
      return {
        raterId: rater.group === 'self' ? row.subjectId : rater.id,
        group: rater.group,
        trait: r.trait,
        score: r.score,
        example: r.example ?? undefined,
      };
    }),
    managerConsents: wanted.filter((r) => r.group === 'manager' && r.managerConsent).map((r) => r.id),
  };
  const summary = summariseCycle(input);
  if (!summary.ok) throw new Error(`A stored cycle does not summarise: ${summary.reason}`);
  return summary.value;
}

/** What the person reads about themselves: the latest closed cycle, else their own ratings so far. */
export async function insightsOf(db: Db, ws: WorkspaceRow, subjectId: string): Promise<TraitInsights> {
  const rows = await db
    .select()
    .from(traitCycles)
    .where(and(eq(traitCycles.workspaceId, ws.id), eq(traitCycles.subjectId, subjectId)))
    .orderBy(asc(traitCycles.createdAt), asc(traitCycles.id));
  const closed = rows.filter((r) => r.closedAt);
  const summaries: CycleOfSummary[] = [];
  for (const r of closed) {
    summaries.push({
      cycleId: r.id,
      on: iso(r.closedAt!).slice(0, 10),
      summary: await summaryOf(db, r, true),
    });
  }
  const lastClosed = summaries.at(-1);
  const open = rows.find((r) => !r.closedAt);
  const current = lastClosed
    ? { cycleId: lastClosed.cycleId, closed: true, summary: lastClosed.summary }
    : open
      ? { cycleId: open.id, closed: false, summary: await summaryOf(db, open, false) }
      : null;
  const summary = current?.summary ?? emptySummary(subjectId);
  const gaps = selfOthersGaps(summary);
  return {
    cycleId: current?.cycleId ?? null,
    closed: current?.closed ?? false,
    traits: summary.traits,
    blindSpots: gaps.blindSpots,
    hiddenStrengths: gaps.hiddenStrengths,
    weakest: weakestTrait(summary),
    trends: traitTrends(summaries),
  };
}

function emptySummary(subjectId: string): CycleSummary {
  const s = summariseCycle({ subjectId, ratings: [] });
  if (!s.ok) throw new Error(s.reason);
  return s.value;
}

export async function insights(ctx: AppContext, slug: string, actor: Actor | null): Promise<TraitInsights> {
  const { ws, subject } = await subjectOf(ctx.store.db, slug, actor);
  return insightsOf(ctx.store.db, ws, subject.id);
}
