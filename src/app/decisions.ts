import { and, asc, eq, or } from 'drizzle-orm';
import { followsRecommendation, recommend } from '../domain/recommendation.ts';
import { transition } from '../domain/stages.ts';
import type { BulkDecision, Decision, DecisionCreate, MergeRequest } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { assessments, decisions, evidenceLinks, followers, ideas, members, scoreChanges } from '../store/schema.ts';
import { bulkRefusal, refuseRepeats } from './bulk.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, conflict, refused } from './errors.ts';
import { archivedRefusal, findIdea, ideaByReceipt, presentIdea } from './ideas.ts';
import { excerpt, notify, stageName } from './inbox.ts';
import { opportunitiesOf } from './opportunities.ts';
import { recomputeScores } from './scores.ts';
import { findWorkspace, type WorkspaceRow } from './workspaces.ts';

type DecisionRow = typeof decisions.$inferSelect;

const present = (d: DecisionRow, name: string | null): Decision => ({
  id: d.id,
  ideaId: d.ideaId,
  fromStage: d.fromStage,
  toStage: d.toStage,
  outcome: d.outcome,
  rationale: d.rationale,
  criteria: d.criteria,
  reversible: d.reversible,
  reviewOn: d.reviewOn,
  mergedIdeaId: d.mergedIdeaId,
  recommendation: d.recommendation ?? null,
  decidedBy: d.decidedBy && name ? { id: d.decidedBy, name } : null,
  createdAt: iso(d.createdAt),
});

/** Decisions on an idea, and merges into it, oldest first. */
export async function decisionsOf(db: Db, ideaId: string): Promise<Decision[]> {
  const rows = await db
    .select({ d: decisions, name: members.name })
    .from(decisions)
    .leftJoin(members, eq(members.id, decisions.decidedBy))
    .where(or(eq(decisions.ideaId, ideaId), eq(decisions.mergedIdeaId, ideaId)))
    .orderBy(asc(decisions.createdAt), asc(decisions.id));
  return rows.map((r) => present(r.d, r.name));
}

export async function listDecisions(ctx: AppContext, slug: string, ref: string): Promise<Decision[]> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  return decisionsOf(ctx.store.db, idea.id);
}

/** A stage gate: the move and its reasons are one record, written with the stage change or not at all. */
export async function decide(ctx: AppContext, slug: string, ref: string, input: DecisionCreate, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    return recordDecision(tx, ws, await findIdea(tx, ws, ref), input, actor, nowOf(ctx));
  });
}

/**
 * One move through a gate, inside the caller's transaction: the checks every move passes (its version, not
 * merged, not archived, the stage rules), then the stage change and the decision with the recommendation
 * it followed or overrode. A refusal throws before anything is written.
 */
async function recordDecision(
  tx: Db,
  ws: WorkspaceRow,
  { idea, submitterName }: Awaited<ReturnType<typeof findIdea>>,
  input: DecisionCreate,
  actor: Actor,
  now: Date,
) {
  if (idea.version !== input.version) throw conflict(`Idea #${idea.number}`, idea.version);
  if (idea.mergedIntoId) throw refused(`Idea #${idea.number} was merged into another idea; decide on that one.`);
  if (idea.archivedAt) throw archivedRefusal(idea.number);
  const move = transition(idea.stage, input.outcome, { toStage: input.toStage, parkedFrom: idea.parkedFrom });
  if (!move.ok) throw refused(move.reason);
  // People decide; the recommendation they followed or overrode is kept with the decision.
  const [opportunity] = await opportunitiesOf(tx, ws, [idea]);
  const advice = recommend(opportunity!, { now });
  const followed = followsRecommendation(advice.verdict, input.outcome);
  const recommendation = {
    verdict: advice.verdict,
    summary: advice.summary,
    followed,
    ...(!followed && input.overrideReason ? { overrideReason: input.overrideReason.trim() } : {}),
  };
  const [row] = await tx
    .update(ideas)
    .set({
      stage: move.value,
      parkedFrom: input.outcome === 'park' ? idea.stage : null,
      updatedAt: now,
      updatedBy: actor.id,
      version: idea.version + 1,
    })
    .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
    .returning();
  if (!row) throw conflict(`Idea #${idea.number}`, idea.version + 1);
  const [d] = await tx
    .insert(decisions)
    .values({
      id: newId(),
      workspaceId: ws.id,
      ideaId: idea.id,
      fromStage: idea.stage,
      toStage: move.value,
      outcome: input.outcome,
      rationale: input.rationale,
      criteria: input.criteria ?? [],
      reversible: input.reversible,
      reviewOn: input.reviewOn ?? null,
      recommendation,
      decidedBy: actor.id,
      createdAt: now,
    })
    .returning();
  const outcome = `${input.outcome[0]!.toUpperCase()}${input.outcome.slice(1)}`;
  await notify(tx, {
    workspaceId: ws.id,
    ideaId: idea.id,
    kind: 'decision',
    actor,
    subjectId: d!.id,
    summary: excerpt(`${outcome}: ${stageName(idea.stage)} → ${stageName(move.value)}. ${input.rationale}`),
    at: now,
  });
  return { idea: presentIdea({ idea: row, submitterName }), decision: present(d!, actor.name) };
}

/**
 * The same decision, with one rationale, on many ideas: each passes the same gate rules as a single move and
 * gets its own decision record. All or nothing: when any idea may not move, nothing is written, and the
 * refusal names every idea that could not, each with its reason (so the caller can fix or drop them).
 */
export async function decideMany(ctx: AppContext, slug: string, input: BulkDecision, actor: Actor | null) {
  if (!actor) throw actorRequired();
  const { ideas: refs, ...decision } = input;
  refuseRepeats(refs);
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const now = nowOf(ctx);
    const decided: Awaited<ReturnType<typeof recordDecision>>[] = [];
    const failures: { error: AppError; index: number }[] = [];
    for (const [index, ref] of refs.entries()) {
      try {
        const found = await findIdea(tx, ws, ref.id);
        decided.push(await recordDecision(tx, ws, found, { ...decision, version: ref.version }, actor, now));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failures.push({ error, index });
      }
    }
    if (failures.length) throw bulkRefusal(refs.length, failures, 'moved');
    return { decided };
  });
}

/**
 * Merge a duplicate into another idea: its evidence, assessments (where the assessor has none on the target)
 * and followers move over, and the merge is recorded as a decision on the duplicate.
 */
export async function mergeIdeas(ctx: AppContext, slug: string, ref: string, input: MergeRequest, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea: source } = await findIdea(tx, ws, ref);
    const { idea: target, submitterName } = await findIdea(tx, ws, input.intoId);
    if (source.version !== input.version) throw conflict(`Idea #${source.number}`, source.version);
    if (source.id === target.id) throw refused('An idea cannot be merged into itself.');
    if (source.mergedIntoId) throw refused(`Idea #${source.number} was already merged.`);
    for (const i of [source, target]) if (i.archivedAt) throw archivedRefusal(i.number);
    if (target.mergedIntoId) throw refused(`Idea #${target.number} was itself merged; merge into the idea it went to.`);
    if (target.stage === 'killed') throw refused(`Idea #${target.number} is killed; merge into a live idea.`);
    const now = nowOf(ctx);

    const links = await tx.select().from(evidenceLinks).where(eq(evidenceLinks.ideaId, source.id));
    for (const l of links) {
      await tx
        .insert(evidenceLinks)
        .values({ evidenceId: l.evidenceId, ideaId: target.id, dimensions: l.dimensions })
        .onConflictDoNothing();
    }
    const onTarget = new Set(
      (await tx.select({ a: assessments.assessorId }).from(assessments).where(eq(assessments.ideaId, target.id))).map(
        (r) => r.a,
      ),
    );
    for (const a of await tx.select().from(assessments).where(eq(assessments.ideaId, source.id))) {
      if (onTarget.has(a.assessorId)) continue;
      await tx.insert(assessments).values({ ...a, id: newId(), ideaId: target.id, version: 1, updatedAt: now });
      // Carried-over scores change the target's score: its history says where they came from.
      const carried = Object.entries(a.scores).map(([dimension, s]) => ({
        id: newId(),
        ideaId: target.id,
        assessorId: a.assessorId,
        dimension,
        fromScore: null,
        toScore: s.score,
        fromConfidence: null,
        toConfidence: s.confidence,
        reason: `Carried over from idea #${source.number}, merged into this one.`,
        actorId: actor.id,
        at: now,
      }));
      if (carried.length) await tx.insert(scoreChanges).values(carried);
    }
    for (const f of await tx.select().from(followers).where(eq(followers.ideaId, source.id))) {
      await tx.insert(followers).values({ ideaId: target.id, memberId: f.memberId }).onConflictDoNothing();
    }
    const [merged] = await tx
      .update(ideas)
      .set({ mergedIntoId: target.id, updatedAt: now, updatedBy: actor.id, version: source.version + 1 })
      .where(and(eq(ideas.id, source.id), eq(ideas.version, source.version)))
      .returning({ id: ideas.id });
    if (!merged) throw conflict(`Idea #${source.number}`, source.version + 1);
    const [d] = await tx
      .insert(decisions)
      .values({
        id: newId(),
        workspaceId: ws.id,
        ideaId: source.id,
        fromStage: source.stage,
        toStage: target.stage,
        outcome: 'merge',
        rationale: input.rationale,
        criteria: [],
        reversible: false,
        mergedIdeaId: target.id,
        decidedBy: actor.id,
        createdAt: now,
      })
      .returning();
    await recomputeScores(tx, ws, [target.id]);
    // Told before the followers moved over would be told twice: the duplicate's followers now follow the
    // target too, so one notice on the duplicate reaches everyone who followed either.
    await notify(tx, {
      workspaceId: ws.id,
      ideaId: source.id,
      kind: 'merge',
      actor,
      subjectId: d!.id,
      summary: excerpt(`Merged into #${target.number} ${target.title}. ${input.rationale}`),
      at: now,
    });
    const [t] = await tx.select().from(ideas).where(eq(ideas.id, target.id));
    return { into: presentIdea({ idea: t!, submitterName }), decision: present(d!, actor.name) };
  });
}

/** What an anonymous submitter may see with their receipt code: where the idea stands and why. */
export async function followReceipt(ctx: AppContext, code: string) {
  const db = ctx.store.db;
  const idea = await ideaByReceipt(db, code);
  let current = idea;
  while (current.mergedIntoId) {
    const [next] = await db.select().from(ideas).where(eq(ideas.id, current.mergedIntoId));
    if (!next) break;
    current = next;
  }
  return {
    idea: presentIdea({ idea, submitterName: null }),
    mergedInto:
      current.id === idea.id
        ? null
        : { id: current.id, number: current.number, title: current.title, stage: current.stage },
    decisions: await decisionsOf(db, idea.id),
  };
}
