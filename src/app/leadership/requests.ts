import { and, asc, eq, isNull } from 'drizzle-orm';
import type { LinkRatingAnswer, LinkRatingInfo, RatingAnswer, RatingRequest } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { members, traitCycles, traitRaters, traitRatings, workspaces } from '../../store/schema.ts';
import { hashSecret } from '../auth/secrets.ts';
import type { Actor, AppContext } from '../context.ts';
import { AppError, actorRequired, notFound, refused } from '../errors.ts';
import { findWorkspace } from '../workspaces.ts';
import { checkRatings } from './ratings.ts';

/**
 * The rater's side of a 360: the requests waiting for them (signed in) or a one-time link (without an
 * account). An answer is written once, with no time on it, and is never read back by anyone: not by the
 * rater, not by the person assessed (who sees only the summary of a closed cycle), not by an owner.
 */

type RaterRow = typeof traitRaters.$inferSelect;

const present = (r: RaterRow, subject: string): RatingRequest => ({
  id: r.id,
  subject,
  group: r.group === 'self' ? 'peer' : r.group,
  asksConsent: r.group === 'manager',
});

/** Requests still waiting for the acting member, in open cycles of this workspace. */
export async function listRequests(ctx: AppContext, slug: string, actor: Actor | null): Promise<RatingRequest[]> {
  if (!actor) throw actorRequired();
  const ws = await findWorkspace(ctx.store.db, slug);
  const rows = await ctx.store.db
    .select({ r: traitRaters, subject: members.name })
    .from(traitRaters)
    .innerJoin(traitCycles, eq(traitCycles.id, traitRaters.cycleId))
    .innerJoin(members, eq(members.id, traitCycles.subjectId))
    .where(
      and(
        eq(traitRaters.memberId, actor.id),
        eq(traitRaters.answered, false),
        eq(traitCycles.workspaceId, ws.id),
        isNull(traitCycles.closedAt),
      ),
    )
    .orderBy(asc(members.name), asc(traitRaters.id));
  return rows.filter((x) => x.r.group !== 'self').map((x) => present(x.r, x.subject));
}

/** Record a rater's answer once; a second answer, a closed cycle or a dead link is refused. */
async function record(tx: Db, rater: RaterRow, answer: RatingAnswer) {
  const ratings = checkRatings(answer.ratings);
  const [cycle] = await tx.select().from(traitCycles).where(eq(traitCycles.id, rater.cycleId));
  if (!cycle || cycle.closedAt) throw refused('This cycle is closed: answers are no longer taken.');
  // Conditional on "not answered yet", so two answers racing each other cannot both count.
  const [marked] = await tx
    .update(traitRaters)
    .set({ answered: true, managerConsent: rater.group === 'manager' && answer.consent === true })
    .where(and(eq(traitRaters.id, rater.id), eq(traitRaters.answered, false)))
    .returning();
  if (!marked) throw refused('You answered this request already; an answer is given once.');
  await tx
    .insert(traitRatings)
    .values(
      ratings.map((r) => ({ raterId: rater.id, trait: r.trait, score: r.score, example: r.example?.trim() || null })),
    );
}

export async function answerRequest(
  ctx: AppContext,
  slug: string,
  id: string,
  answer: RatingAnswer,
  actor: Actor | null,
): Promise<void> {
  if (!actor) throw actorRequired();
  await ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const [row] = await tx
      .select({ r: traitRaters })
      .from(traitRaters)
      .innerJoin(traitCycles, eq(traitCycles.id, traitRaters.cycleId))
      .where(and(eq(traitRaters.id, id), eq(traitRaters.memberId, actor.id), eq(traitCycles.workspaceId, ws.id)));
    if (!row || row.r.group === 'self') throw notFound(`Request ${id}`);
    await record(tx, row.r, answer);
  });
}

const deadLink = () =>
  new AppError(
    404,
    'Link not valid',
    'This link does not work (any more): it was answered already, or its cycle is closed. Ask for a new one.',
  );

async function linkRater(db: Db, code: string) {
  const [row] = await db
    .select({ r: traitRaters, subject: members.name, workspace: workspaces.name, closedAt: traitCycles.closedAt })
    .from(traitRaters)
    .innerJoin(traitCycles, eq(traitCycles.id, traitRaters.cycleId))
    .innerJoin(members, eq(members.id, traitCycles.subjectId))
    .innerJoin(workspaces, eq(workspaces.id, traitCycles.workspaceId))
    .where(eq(traitRaters.linkHash, hashSecret(code)));
  if (!row || row.r.answered || row.closedAt) throw deadLink();
  return row;
}

export async function linkInfo(ctx: AppContext, code: string): Promise<LinkRatingInfo> {
  const row = await linkRater(ctx.store.db, code);
  return { workspace: row.workspace, ...present(row.r, row.subject) };
}

export async function answerLink(ctx: AppContext, input: LinkRatingAnswer): Promise<void> {
  await ctx.store.db.transaction(async (tx) => {
    const row = await linkRater(tx, input.code);
    await record(tx, row.r, {
      ratings: input.ratings,
      ...(input.consent !== undefined ? { consent: input.consent } : {}),
    });
  });
}
