import { aliasedTable, and, desc, eq, inArray } from 'drizzle-orm';
import type { Assessment, AssessmentPut, ScoreChange, ScoreExplanation, Scores } from '../schema/index.ts';
import { assessments, evidenceLinks, members, scoreChanges } from '../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { actorRequired, conflict, invalid } from './errors.ts';
import { checkDimensions } from './evidence.ts';
import { findIdea } from './ideas.ts';
import { explainIdeaScore, recomputeScores } from './scores.ts';
import { findWorkspace } from './workspaces.ts';

export async function listAssessments(ctx: AppContext, slug: string, ref: string): Promise<Assessment[]> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const rows = await db
    .select({ a: assessments, name: members.name })
    .from(assessments)
    .innerJoin(members, eq(members.id, assessments.assessorId))
    .where(eq(assessments.ideaId, idea.id))
    .orderBy(members.name);
  return rows.map(({ a, name }) => ({
    id: a.id,
    ideaId: a.ideaId,
    assessor: { id: a.assessorId, name },
    scores: a.scores,
    updatedAt: iso(a.updatedAt),
    version: a.version,
  }));
}

/** The acting member scores some dimensions; each change is kept as history with its reason. */
export async function putAssessment(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: AssessmentPut,
  actor: Actor | null,
): Promise<Assessment> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    checkDimensions(ws, Object.keys(input.scores), '/scores');
    const cited = [...new Set(Object.values(input.scores).flatMap((s) => s?.evidenceIds ?? []))];
    if (cited.length) {
      const linked = await tx
        .select({ id: evidenceLinks.evidenceId })
        .from(evidenceLinks)
        .where(and(eq(evidenceLinks.ideaId, idea.id), inArray(evidenceLinks.evidenceId, cited)));
      const known = new Set(linked.map((l) => l.id));
      const errors = Object.entries(input.scores).flatMap(([dim, s]) =>
        (s?.evidenceIds ?? [])
          .filter((id) => !known.has(id))
          .map((id) => ({
            path: `/scores/${dim}/evidenceIds`,
            message: `Evidence ${id} is not linked to idea #${idea.number}.`,
          })),
      );
      if (errors.length) throw invalid('Scores may only cite evidence linked to this idea.', errors);
    }
    const [current] = await tx
      .select()
      .from(assessments)
      .where(and(eq(assessments.ideaId, idea.id), eq(assessments.assessorId, actor.id)));
    if ((current?.version ?? 0) !== (input.version ?? 0)) {
      throw conflict(`Your assessment of idea #${idea.number}`, current?.version ?? 0);
    }
    const before: Scores = current?.scores ?? {};
    const after: Scores = { ...before };
    const now = nowOf(ctx);
    const history: (typeof scoreChanges.$inferInsert)[] = [];
    for (const [dim, s] of Object.entries(input.scores)) {
      const old = before[dim];
      if (s === null) delete after[dim];
      else after[dim] = s;
      if (old?.score !== s?.score || old?.confidence !== s?.confidence) {
        history.push({
          id: newId(),
          ideaId: idea.id,
          assessorId: actor.id,
          dimension: dim,
          fromScore: old?.score ?? null,
          toScore: s?.score ?? null,
          fromConfidence: old?.confidence ?? null,
          toConfidence: s?.confidence ?? null,
          reason: input.reason ?? null,
          actorId: actor.id,
          at: now,
        });
      }
    }
    const [row] = current
      ? await tx
          .update(assessments)
          .set({ scores: after, updatedAt: now, version: current.version + 1 })
          .where(and(eq(assessments.id, current.id), eq(assessments.version, current.version)))
          .returning()
      : await tx
          .insert(assessments)
          .values({ id: newId(), ideaId: idea.id, assessorId: actor.id, scores: after, createdAt: now, updatedAt: now })
          .returning();
    if (!row) throw conflict(`Your assessment of idea #${idea.number}`, (current?.version ?? 0) + 1);
    if (history.length) await tx.insert(scoreChanges).values(history);
    await recomputeScores(tx, ws, [idea.id]);
    return {
      id: row.id,
      ideaId: idea.id,
      assessor: actor,
      scores: row.scores,
      updatedAt: iso(row.updatedAt),
      version: row.version,
    };
  });
}

export async function getScore(ctx: AppContext, slug: string, ref: string): Promise<ScoreExplanation> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  return explainIdeaScore(db, ws, idea);
}

export async function scoreHistory(ctx: AppContext, slug: string, ref: string): Promise<ScoreChange[]> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const assessor = aliasedTable(members, 'assessor');
  const rows = await db
    .select({ c: scoreChanges, actorName: members.name, assessorName: assessor.name })
    .from(scoreChanges)
    .innerJoin(members, eq(members.id, scoreChanges.actorId))
    .innerJoin(assessor, eq(assessor.id, scoreChanges.assessorId))
    .where(eq(scoreChanges.ideaId, idea.id))
    .orderBy(desc(scoreChanges.at), desc(scoreChanges.id));
  return rows.map(({ c, actorName, assessorName }) => ({
    dimension: c.dimension,
    assessor: { id: c.assessorId, name: assessorName },
    from: c.fromScore,
    to: c.toScore,
    fromConfidence: c.fromConfidence,
    toConfidence: c.toConfidence,
    reason: c.reason,
    actor: { id: c.actorId, name: actorName },
    at: iso(c.at),
  }));
}
