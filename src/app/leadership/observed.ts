import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { OBSERVED_BEHAVIOURS, type ObservedBehaviour, TRAITS } from '../../methodology/index.ts';
import type { ObservedEvidence } from '../../schema/index.ts';
import { decisions, dismissals, evidence, experiments, ideas, traitEvidenceOptIns } from '../../store/schema.ts';
import { type Actor, type AppContext, nowOf } from '../context.ts';
import { subjectOf } from './cycles.ts';

/**
 * Behaviour observed in Vetted as evidence next to four traits: counts of the person's own work (evidence
 * they added, experiments with criteria set before the result, decisions with a review date, findings
 * dismissed with a reason). Opt-in, and read only by the person (a personal route): never a score, and
 * never part of a summary, a share or the team view.
 */

const fill = (text: string, values: Record<string, number>) =>
  text.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? 0));
const STRONG = ['interview', 'survey', 'experiment', 'paying'];

export async function setObservedOptIn(ctx: AppContext, slug: string, optedIn: boolean, actor: Actor | null) {
  const { subject } = await subjectOf(ctx.store.db, slug, actor);
  if (optedIn)
    await ctx.store.db
      .insert(traitEvidenceOptIns)
      .values({ memberId: subject.id, createdAt: nowOf(ctx) })
      .onConflictDoNothing();
  else await ctx.store.db.delete(traitEvidenceOptIns).where(eq(traitEvidenceOptIns.memberId, subject.id));
  return observedEvidence(ctx, slug, actor);
}

export async function observedEvidence(ctx: AppContext, slug: string, actor: Actor | null): Promise<ObservedEvidence> {
  const db = ctx.store.db;
  const { ws, subject } = await subjectOf(db, slug, actor);
  const [opted] = await db.select().from(traitEvidenceOptIns).where(eq(traitEvidenceOptIns.memberId, subject.id));
  if (!opted) return { optedIn: false, traits: [] };
  const count = sql<number>`count(*)::int`;

  const added = await db
    .select({ strength: evidence.strength, n: count })
    .from(evidence)
    .where(and(eq(evidence.workspaceId, ws.id), eq(evidence.createdBy, subject.id)))
    .groupBy(evidence.strength);
  const mine = await db
    .select({ data: experiments.data })
    .from(experiments)
    .innerJoin(ideas, eq(ideas.id, experiments.ideaId))
    .where(and(eq(ideas.workspaceId, ws.id), eq(experiments.createdBy, subject.id)));
  const withCriteria = mine.filter((e) => e.data.successThreshold !== undefined || e.data.killThreshold !== undefined);
  const today = nowOf(ctx).toISOString().slice(0, 10);
  const [decided] = await db
    .select({ n: count })
    .from(decisions)
    .where(and(eq(decisions.workspaceId, ws.id), eq(decisions.decidedBy, subject.id), isNotNull(decisions.reviewOn)));
  const [due] = await db
    .select({ n: count })
    .from(decisions)
    .where(and(eq(decisions.workspaceId, ws.id), eq(decisions.decidedBy, subject.id), lte(decisions.reviewOn, today)));
  const dismissed = await db
    .select({ restored: dismissals.restoredAt })
    .from(dismissals)
    .innerJoin(ideas, eq(ideas.id, dismissals.ideaId))
    .where(and(eq(ideas.workspaceId, ws.id), eq(dismissals.dismissedBy, subject.id)));

  const values: Record<ObservedBehaviour['id'], Record<string, number>> = {
    'evidence-gathered': {
      n: added.reduce((a, r) => a + r.n, 0),
      strong: added.filter((r) => STRONG.includes(r.strength)).reduce((a, r) => a + r.n, 0),
    },
    'criteria-before-results': {
      n: withCriteria.length,
      moved: withCriteria.filter((e) => e.data.goalpostsMoved).length,
    },
    'decisions-with-reviews': { n: decided?.n ?? 0, due: due?.n ?? 0 },
    'findings-answered': { n: dismissed.length, restored: dismissed.filter((d) => d.restored).length },
  };
  const traits = TRAITS.filter((t) => OBSERVED_BEHAVIOURS.some((b) => b.trait === t.id)).map((t) => ({
    trait: t.id,
    name: t.name,
    observations: OBSERVED_BEHAVIOURS.filter((b) => b.trait === t.id).map((b) => ({
      id: b.id,
      count: values[b.id].n ?? 0,
      text: fill(b.text, values[b.id]),
    })),
  }));
  return { optedIn: true, traits };
}
