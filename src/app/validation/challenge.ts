import { and, eq, inArray, isNull } from 'drizzle-orm';
import { validateDismissal } from '../../domain/challenger/dismissals.ts';
import { recommend } from '../../domain/recommendation.ts';
import { llmConfigFromEnv, suggestChallenges } from '../../llm/index.ts';
import { PORTFOLIO_FILTERS } from '../../methodology/index.ts';
import type {
  ChallengeResponse,
  Dismissal,
  DismissalInput,
  DismissalRestore,
  Recommendation,
} from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import { dismissals, members } from '../../store/schema.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from '../context.ts';
import { actorRequired, invalid, notFound } from '../errors.ts';
import { findIdea, type IdeaRow } from '../ideas.ts';
import { opportunitiesOf, opportunityOf } from '../opportunities.ts';
import { dimensionsOf, findWorkspace, type WorkspaceRow } from '../workspaces.ts';

/**
 * The challenger's rules, loaded when first needed: its English tagger (compromise) costs a quarter of a
 * second to load, which a server or CLI command that never challenges anything should not pay.
 */
const challenger = () => import('../../domain/challenger/index.ts');

async function dismissalsOf(db: Db, ideaId: string): Promise<Dismissal[]> {
  return (await dismissalsByIdea(db, [ideaId])).get(ideaId) ?? [];
}

/** The dismissals in force on each of some ideas, oldest first. */
async function dismissalsByIdea(db: Db, ideaIds: string[]): Promise<Map<string, Dismissal[]>> {
  const rows = await db
    .select({ d: dismissals, by: members.name })
    .from(dismissals)
    .leftJoin(members, eq(members.id, dismissals.dismissedBy))
    .where(and(inArray(dismissals.ideaId, ideaIds), isNull(dismissals.restoredAt)))
    .orderBy(dismissals.createdAt);
  const out = new Map<string, Dismissal[]>();
  for (const { d, by } of rows) out.set(d.ideaId, [...(out.get(d.ideaId) ?? []), present(d, by)]);
  return out;
}

const present = (d: typeof dismissals.$inferSelect, by: string | null): Dismissal => ({
  ruleId: d.ruleId,
  ...(d.subject ? { subject: d.subject } : {}),
  reason: d.reason,
  ...(by ? { dismissedBy: by } : {}),
  dismissedAt: iso(d.createdAt),
});

/**
 * Which of these ideas have open findings of the severities the portfolio's "has findings" filter looks for
 * (src/methodology/stages.ts): the challenger's report as the idea page shows it, dismissals respected.
 */
export async function ideasWithOpenFindings(db: Db, ws: WorkspaceRow, rows: IdeaRow[], now: Date) {
  const flagged = new Set<string>();
  if (rows.length === 0) return flagged;
  const { challengeReport } = await challenger();
  const severe = new Set<string>(PORTFOLIO_FILTERS.findingSeverities);
  // In batches: an opportunity carries everything linked to its idea.
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    const opportunities = await opportunitiesOf(db, ws, batch);
    const dismissed = await dismissalsByIdea(
      db,
      batch.map((r) => r.id),
    );
    batch.forEach((row, k) => {
      const report = challengeReport(opportunities[k]!, {
        dimensions: dimensionsOf(ws),
        now,
        dismissed: dismissed.get(row.id) ?? [],
      });
      if (report.findings.some((f) => severe.has(f.severity))) flagged.add(row.id);
    });
  }
  return flagged;
}

/** The challenger's findings on one idea; AI suggestions only when asked for and configured, kept apart. */
export async function challengeIdea(
  ctx: AppContext,
  slug: string,
  ref: string,
  options: { ai?: boolean; asOf?: string } = {},
): Promise<ChallengeResponse> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { idea } = await findIdea(db, ws, ref);
  const opportunity = await opportunityOf(db, ws, idea);
  const { challengeReport, asOfMoment } = await challenger();
  const report = challengeReport(opportunity, {
    dimensions: dimensionsOf(ws),
    // As of a date: the clock is fixed, so a run can be repeated and compared; the data is today's.
    now: options.asOf ? asOfMoment(options.asOf) : nowOf(ctx),
    dismissed: await dismissalsOf(db, idea.id),
  });
  if (!options.ai) return { report };
  return { report, ai: await suggestChallenges(opportunity, report.findings) };
}

export async function dismissFinding(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: DismissalInput,
  actor: Actor | null,
): Promise<Dismissal> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const opportunity = await opportunityOf(tx, ws, idea);
    const { listRules, runRules } = await challenger();
    const current = runRules(opportunity, { dimensions: dimensionsOf(ws), now: nowOf(ctx) });
    const valid = validateDismissal(
      input,
      listRules().map((r) => r.id),
      current,
    );
    if (!valid.ok) throw invalid(valid.reason, [{ path: '/ruleId', message: valid.reason }]);
    const now = nowOf(ctx);
    await tx.insert(dismissals).values({
      id: newId(),
      ideaId: idea.id,
      ruleId: valid.value.ruleId,
      subject: valid.value.subject ?? null,
      reason: valid.value.reason,
      dismissedBy: actor.id,
      createdAt: now,
    });
    return { ...valid.value, dismissedBy: actor.name, dismissedAt: iso(now) };
  });
}

/**
 * Take a dismissal back: the finding counts again. The dismissal is kept, marked with who restored it and
 * when, so the record of what was set aside, and for how long, stays whole.
 */
export async function restoreFinding(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: DismissalRestore,
  actor: Actor | null,
): Promise<Dismissal> {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea } = await findIdea(tx, ws, ref);
    const now = nowOf(ctx);
    const restored = await tx
      .update(dismissals)
      .set({ restoredAt: now, restoredBy: actor.id })
      .where(
        and(
          eq(dismissals.ideaId, idea.id),
          eq(dismissals.ruleId, input.ruleId),
          input.subject === undefined ? isNull(dismissals.subject) : eq(dismissals.subject, input.subject),
          isNull(dismissals.restoredAt),
        ),
      )
      .returning();
    const d = restored[0];
    if (!d)
      throw notFound(
        `A dismissal of ${input.ruleId}${input.subject === undefined ? '' : ` about "${input.subject}"`} on idea #${idea.number}`,
      );
    return {
      ruleId: d.ruleId,
      ...(d.subject ? { subject: d.subject } : {}),
      reason: d.reason,
      dismissedAt: iso(d.createdAt),
    };
  });
}

export async function getRecommendation(ctx: AppContext, slug: string, ref: string): Promise<Recommendation> {
  return recommend(await opportunityOf(ctx.store.db, slug, ref), { now: nowOf(ctx) });
}

/** Whether AI suggestions can be asked for at all: a model is configured (by environment) on this server. */
export const aiSuggestionsAvailable = (): boolean => llmConfigFromEnv() !== null;

export const challengerRules = async () => (await challenger()).listRules();
