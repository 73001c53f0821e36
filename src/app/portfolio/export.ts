import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { OPPORTUNITY_FORMAT, type Opportunity, PORTFOLIO_FORMAT, type Portfolio } from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import * as t from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { iso } from '../context.ts';
import { findIdea, type IdeaRow, listIdeas } from '../ideas.ts';
import { findWorkspace, type WorkspaceRow } from '../workspaces.ts';
import { IDEA_CSV_HEADER, ideaCsvLines } from './csv.ts';

const group = <T, K>(rows: T[], key: (r: T) => K) => {
  const m = new Map<K, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
};

/**
 * Ideas with everything linked to them, in the opportunity file format: what import reads back, and
 * what the challenger and the document generators take as input. Evidence refs are the evidence ids.
 */
export async function opportunitiesOf(db: Db, ws: WorkspaceRow, ideas: IdeaRow[]): Promise<Opportunity[]> {
  const ids = ideas.map((i) => i.id);
  if (ids.length === 0) return [];
  const people = new Map(
    (
      await db
        .select({ id: t.members.id, name: t.members.name })
        .from(t.members)
        .where(eq(t.members.workspaceId, ws.id))
    ).map((m) => [m.id, m.name]),
  );
  // One after another: inside a transaction every query shares one connection.
  const frames = await db.select().from(t.frames).where(inArray(t.frames.ideaId, ids));
  const links = await db
    .select({ link: t.evidenceLinks, e: t.evidence })
    .from(t.evidenceLinks)
    .innerJoin(t.evidence, eq(t.evidence.id, t.evidenceLinks.evidenceId))
    .where(inArray(t.evidenceLinks.ideaId, ids))
    .orderBy(asc(t.evidence.observedOn), asc(t.evidence.id));
  const assessments = await db
    .select()
    .from(t.assessments)
    .where(inArray(t.assessments.ideaId, ids))
    .orderBy(asc(t.assessments.createdAt), asc(t.assessments.id));
  const decisions = await db
    .select()
    .from(t.decisions)
    .where(inArray(t.decisions.ideaId, ids))
    .orderBy(asc(t.decisions.createdAt), asc(t.decisions.id));
  const assumptions = await db
    .select()
    .from(t.assumptions)
    .where(inArray(t.assumptions.ideaId, ids))
    .orderBy(asc(t.assumptions.position));
  const experiments = await db
    .select()
    .from(t.experiments)
    .where(inArray(t.experiments.ideaId, ids))
    .orderBy(asc(t.experiments.position));
  const competitors = await db
    .select()
    .from(t.competitors)
    .where(inArray(t.competitors.ideaId, ids))
    .orderBy(asc(t.competitors.position));
  const byIdea = {
    frame: new Map(frames.map((f) => [f.ideaId, f.fields])),
    links: group(links, (l) => l.link.ideaId),
    assessments: group(assessments, (a) => a.ideaId),
    decisions: group(decisions, (d) => d.ideaId),
    assumptions: group(assumptions, (a) => a.ideaId),
    experiments: group(experiments, (a) => a.ideaId),
    competitors: group(competitors, (a) => a.ideaId),
  };
  return ideas.map((i) => {
    const o: Opportunity = {
      format: OPPORTUNITY_FORMAT,
      idea: {
        ref: i.id,
        title: i.title,
        ...(i.description ? { description: i.description } : {}),
        tags: i.tags,
        stage: i.stage,
        channel: i.channel,
        anonymous: i.anonymous,
        ...(i.submitterId && people.has(i.submitterId) ? { submitter: people.get(i.submitterId)! } : {}),
        ...(i.statement ? { statement: i.statement } : {}),
        ...(i.rice ? { rice: i.rice } : {}),
        ...(i.ice ? { ice: i.ice } : {}),
        createdAt: iso(i.createdAt),
      },
    };
    const frame = byIdea.frame.get(i.id);
    if (frame) o.frame = frame;
    const ev = byIdea.links.get(i.id) ?? [];
    if (ev.length) {
      o.evidence = ev.map(({ link, e }) => ({
        ref: e.id,
        kind: e.kind,
        summary: e.summary,
        source: e.source,
        observedOn: e.observedOn,
        strength: e.strength,
        ...(e.url ? { url: e.url } : {}),
        dimensions: link.dimensions,
      }));
    }
    const as = byIdea.assessments.get(i.id) ?? [];
    if (as.length) {
      o.assessments = as.map((a) => ({
        assessor: people.get(a.assessorId) ?? a.assessorId,
        scores: Object.fromEntries(
          Object.entries(a.scores).map(([dim, s]) => [
            dim,
            {
              score: s.score,
              confidence: s.confidence,
              ...(s.note ? { note: s.note } : {}),
              ...(s.evidenceIds?.length ? { evidence: s.evidenceIds } : {}),
            },
          ]),
        ),
      }));
    }
    const ds = (byIdea.decisions.get(i.id) ?? []).filter((d) => d.outcome !== 'merge');
    if (ds.length) {
      o.decisions = ds.map((d) => ({
        fromStage: d.fromStage,
        toStage: d.toStage,
        outcome: d.outcome,
        rationale: d.rationale,
        ...(d.decidedBy && people.has(d.decidedBy) ? { decidedBy: people.get(d.decidedBy)! } : {}),
        criteria: d.criteria,
        reversible: d.reversible,
        ...(d.reviewOn ? { reviewOn: d.reviewOn } : {}),
        decidedAt: iso(d.createdAt),
      }));
    }
    const parts = (rows: { data: unknown }[] | undefined) => (rows?.length ? rows.map((r) => r.data) : undefined);
    const assumptionsData = parts(byIdea.assumptions.get(i.id));
    if (assumptionsData) o.assumptions = assumptionsData as Opportunity['assumptions'];
    const experimentsData = parts(byIdea.experiments.get(i.id));
    if (experimentsData) o.experiments = experimentsData as Opportunity['experiments'];
    const competitorsData = parts(byIdea.competitors.get(i.id));
    if (competitorsData) o.competitors = competitorsData as Opportunity['competitors'];
    if (i.economics) o.economics = i.economics;
    return o;
  });
}

export async function exportOpportunity(ctx: AppContext, slug: string, ref: string): Promise<Opportunity> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const { idea } = await findIdea(ctx.store.db, ws, ref);
  return (await opportunitiesOf(ctx.store.db, ws, [idea]))[0]!;
}

/** Ideas exported per batch: each batch is a handful of queries, so other requests run in between. */
const BATCH = 250;

/**
 * The whole workspace (merged ideas left out) as a portfolio file that `import` reads back, produced in
 * pieces of JSON text. A 50k-idea workspace is ~85 MB of JSON: built as one string it held that memory
 * and, on PGlite's single connection, every other request for the whole 11-14 s. Batches keyed by idea
 * number keep memory flat and let other requests through between them. Without a snapshot, a write that
 * lands during a long export shows in the ideas read after it, as with any paged read.
 */
export async function* exportPortfolioJson(ctx: AppContext, slug: string): AsyncGenerator<string> {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const members = await db
    .select()
    .from(t.members)
    .where(eq(t.members.workspaceId, ws.id))
    .orderBy(asc(t.members.name));
  const head = {
    format: PORTFOLIO_FORMAT,
    workspace: { slug: ws.slug, name: ws.name },
    members: members.map((m) => ({ name: m.name, ...(m.email ? { email: m.email } : {}), role: m.role })),
  } satisfies Omit<Portfolio, 'opportunities'>;
  yield `${JSON.stringify(head).slice(0, -1)},"opportunities":[`;
  let after = 0;
  let first = true;
  for (;;) {
    const ideas = await db
      .select()
      .from(t.ideas)
      .where(and(eq(t.ideas.workspaceId, ws.id), isNull(t.ideas.mergedIntoId), gt(t.ideas.number, after)))
      .orderBy(asc(t.ideas.number))
      .limit(BATCH);
    if (ideas.length === 0) break;
    after = ideas.at(-1)!.number;
    const text = (await opportunitiesOf(db, ws, ideas)).map((o) => JSON.stringify(o)).join(',');
    yield first ? text : `,${text}`;
    first = false;
    if (ideas.length < BATCH) break;
  }
  yield ']}';
}

/** The ideas with their scores as CSV, page by page (the list's own presentation of each idea). */
export async function* exportIdeasCsv(ctx: AppContext, slug: string): AsyncGenerator<string> {
  yield `${IDEA_CSV_HEADER.join(',')}\n`;
  for (let offset = 0; ; offset += 200) {
    const page = await listIdeas(ctx, slug, { sort: 'number', limit: 200, offset }, null);
    if (page.items.length) yield ideaCsvLines(page.items);
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
}
