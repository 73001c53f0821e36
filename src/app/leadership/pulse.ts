import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { aggregatePulse, pulseTrend } from '../../domain/leadership/index.ts';
import { MIN_PULSE_ANSWERS, PULSE_STATEMENTS } from '../../methodology/index.ts';
import type { PulseAnswer, PulseOverview, PulseRound } from '../../schema/index.ts';
import { pulseAnswers, pulseRespondents, pulseRounds } from '../../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from '../context.ts';
import { actorRequired, conflict, invalid, notFound, refused } from '../errors.ts';
import { findWorkspace } from '../workspaces.ts';

/**
 * The psychological-safety pulse of a workspace's team. A leader opens a round; each member answers once,
 * anonymously (the answer row carries no member and no time, and a random id); the round is shown once
 * closed, and only with at least `MIN_PULSE_ANSWERS` answers (the domain's rule). An open round shows
 * nothing, not even a count, so nobody can watch the figure move as one person answers.
 */

type RoundRow = typeof pulseRounds.$inferSelect;

export async function pulseOverview(ctx: AppContext, slug: string, actor: Actor | null): Promise<PulseOverview> {
  if (!actor) throw actorRequired();
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const rounds = await db
    .select()
    .from(pulseRounds)
    .where(eq(pulseRounds.workspaceId, ws.id))
    .orderBy(asc(pulseRounds.createdAt), asc(pulseRounds.id));
  const mine = new Set(
    (
      await db
        .select({ r: pulseRespondents.roundId })
        .from(pulseRespondents)
        .innerJoin(pulseRounds, eq(pulseRounds.id, pulseRespondents.roundId))
        .where(and(eq(pulseRounds.workspaceId, ws.id), eq(pulseRespondents.memberId, actor.id)))
    ).map((x) => x.r),
  );
  const closed: { roundId: string; on: string; responses: { answers: Record<string, number> }[] }[] = [];
  const out: PulseRound[] = [];
  for (const r of rounds) {
    let result: PulseRound['result'] = null;
    if (r.closedAt) {
      const answers = await db
        .select({ a: pulseAnswers.answers })
        .from(pulseAnswers)
        .where(eq(pulseAnswers.roundId, r.id));
      const responses = answers.map((x) => ({ answers: x.a }));
      const view = aggregatePulse(responses);
      if (!view.ok) throw new Error(`A stored pulse does not aggregate: ${view.reason}`);
      result = view.value;
      closed.push({ roundId: r.id, on: iso(r.closedAt).slice(0, 10), responses });
    }
    out.push(present(r, mine.has(r.id), result));
  }
  const trend = pulseTrend(closed);
  if (!trend.ok) throw new Error(trend.reason);
  return {
    statements: PULSE_STATEMENTS.map((s) => ({ id: s.id, text: s.text, reversed: s.reversed })),
    minAnswers: MIN_PULSE_ANSWERS,
    rounds: out,
    trend: trend.value,
  };
}

const present = (r: RoundRow, answeredByMe: boolean, result: PulseRound['result']): PulseRound => ({
  id: r.id,
  openedAt: iso(r.createdAt),
  closedAt: r.closedAt ? iso(r.closedAt) : null,
  answeredByMe,
  result,
  version: r.version,
});

export async function openPulse(ctx: AppContext, slug: string, actor: Actor | null): Promise<PulseRound> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [open] = await tx
      .select({ id: pulseRounds.id })
      .from(pulseRounds)
      .where(and(eq(pulseRounds.workspaceId, ws.id), isNull(pulseRounds.closedAt)));
    if (open) throw refused('A pulse round is open already: close it before the next one.');
    const [row] = await tx
      .insert(pulseRounds)
      .values({ id: newId(), workspaceId: ws.id, openedBy: actor.id, createdAt: nowOf(ctx) })
      .returning();
    return present(row!, false, null);
  });
}

async function roundOf(db: AppContext['store']['db'], wsId: string, id: string): Promise<RoundRow> {
  const [row] = await db
    .select()
    .from(pulseRounds)
    .where(and(eq(pulseRounds.id, id), eq(pulseRounds.workspaceId, wsId)));
  if (!row) throw notFound(`Pulse round ${id}`);
  return row;
}

export async function closePulse(
  ctx: AppContext,
  slug: string,
  id: string,
  version: number,
  actor: Actor | null,
): Promise<PulseRound> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const row = await roundOf(tx, ws.id, id);
    if (row.version !== version) throw conflict('The pulse round', row.version);
    if (row.closedAt) throw refused('This round is closed already.');
    const [closed] = await tx
      .update(pulseRounds)
      .set({ closedAt: nowOf(ctx), version: row.version + 1 })
      .where(and(eq(pulseRounds.id, row.id), eq(pulseRounds.version, row.version)))
      .returning();
    if (!closed) throw conflict('The pulse round', row.version + 1);
    const answers = await tx.select({ a: pulseAnswers.answers }).from(pulseAnswers).where(eq(pulseAnswers.roundId, id));
    const view = aggregatePulse(answers.map((x) => ({ answers: x.a })));
    if (!view.ok) throw new Error(view.reason);
    return present(closed, false, view.value);
  });
}

/** One anonymous answer per member and round. */
export async function answerPulse(
  ctx: AppContext,
  slug: string,
  id: string,
  input: PulseAnswer,
  actor: Actor | null,
): Promise<void> {
  if (!actor) throw actorRequired();
  const unknown = Object.keys(input.answers).filter((k) => !PULSE_STATEMENTS.some((s) => s.id === k));
  if (unknown.length)
    throw invalid(
      'Answer the pulse statements only.',
      unknown.map((k) => ({ path: `/answers/${k}`, message: 'is not a pulse statement' })),
    );
  if (Object.keys(input.answers).length === 0) throw invalid('Answer at least one statement.');
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const row = await roundOf(tx, ws.id, id);
    if (row.closedAt) throw refused('This round is closed: answers are no longer taken.');
    const [first] = await tx
      .insert(pulseRespondents)
      .values({ roundId: row.id, memberId: actor.id })
      .onConflictDoNothing()
      .returning();
    if (!first) throw refused('You answered this round already; a pulse is answered once.');
    // A random id (not UUIDv7, which sorts by time), so the row says nothing about when it came.
    await tx.insert(pulseAnswers).values({ id: randomUUID(), roundId: row.id, answers: input.answers });
  });
}
