import { eq, inArray, sql } from 'drizzle-orm';
import { explainScore, type ScoreInput } from '../domain/scoring.ts';
import type { EvidenceStrength } from '../methodology/index.ts';
import type { ScoreExplanation } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { assessments, evidence, evidenceLinks, ideas } from '../store/schema.ts';
import { dimensionsOf, type WorkspaceRow } from './workspaces.ts';

const CHUNK = 500;

/** Every assessor's scores for these ideas, each with the strengths of the evidence behind it. */
async function loadInputs(db: Db, ideaIds: string[]): Promise<Map<string, ScoreInput[]>> {
  const byIdea = new Map<string, ScoreInput[]>(ideaIds.map((id) => [id, []]));
  if (ideaIds.length === 0) return byIdea;
  const rows = await db.select().from(assessments).where(inArray(assessments.ideaId, ideaIds));
  const links = await db
    .select({
      ideaId: evidenceLinks.ideaId,
      evidenceId: evidenceLinks.evidenceId,
      dimensions: evidenceLinks.dimensions,
      strength: evidence.strength,
    })
    .from(evidenceLinks)
    .innerJoin(evidence, eq(evidence.id, evidenceLinks.evidenceId))
    .where(inArray(evidenceLinks.ideaId, ideaIds));
  const strengthOf = new Map(links.map((l) => [l.evidenceId, l.strength]));
  for (const row of rows) {
    for (const [dimension, s] of Object.entries(row.scores)) {
      const cited = (s.evidenceIds ?? []).map((id) => strengthOf.get(id)).filter((x): x is EvidenceStrength => !!x);
      const tagged = links
        .filter((l) => l.ideaId === row.ideaId && l.dimensions.includes(dimension))
        .map((l) => l.strength);
      byIdea.get(row.ideaId)!.push({
        assessorId: row.assessorId,
        dimension,
        score: s.score,
        confidence: s.confidence,
        evidenceStrengths: [...cited, ...tagged],
      });
    }
  }
  return byIdea;
}

type IdeaScoreRow = Pick<typeof ideas.$inferSelect, 'id' | 'rice' | 'ice'>;

export async function explainIdeaScore(db: Db, ws: WorkspaceRow, idea: IdeaScoreRow): Promise<ScoreExplanation> {
  const inputs = await loadInputs(db, [idea.id]);
  return explainScore(dimensionsOf(ws), inputs.get(idea.id) ?? [], { rice: idea.rice, ice: idea.ice });
}

/**
 * Keep the denormalised score columns true; called inside the transaction that changed their inputs.
 * One UPDATE per chunk of ideas, not per idea: a weight change recomputes the whole workspace.
 */
export async function recomputeScores(db: Db, ws: WorkspaceRow, ideaIds: string[]): Promise<void> {
  const dims = dimensionsOf(ws);
  for (let i = 0; i < ideaIds.length; i += CHUNK) {
    const chunk = ideaIds.slice(i, i + CHUNK);
    const inputs = await loadInputs(db, chunk);
    const values = chunk.map((id) => {
      const s = explainScore(dims, inputs.get(id) ?? []);
      return sql`(${id}::uuid, ${s.composite}::real, ${s.adjusted}::real, ${s.coverage}::real, ${s.assessors}::int)`;
    });
    await db.execute(sql`
      update ${ideas} as i
      set score_composite = v.composite, score_adjusted = v.adjusted, score_coverage = v.coverage, score_assessors = v.assessors
      from (values ${sql.join(values, sql`, `)}) as v(id, composite, adjusted, coverage, assessors)
      where i.id = v.id and i.workspace_id = ${ws.id}::uuid`);
  }
}

export async function recomputeWorkspaceScores(db: Db, ws: WorkspaceRow): Promise<void> {
  const rows = await db.select({ id: ideas.id }).from(ideas).where(eq(ideas.workspaceId, ws.id));
  await recomputeScores(
    db,
    ws,
    rows.map((r) => r.id),
  );
}
