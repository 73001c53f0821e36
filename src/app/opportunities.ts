import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { OPPORTUNITY_FORMAT, type Opportunity } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import * as t from '../store/schema.ts';
import { iso } from './context.ts';
import { findIdea, type IdeaRow } from './ideas.ts';
import { servedBy, strategyFile } from './strategy.ts';
import { findWorkspace, type WorkspaceRow } from './workspaces.ts';

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
    .where(and(inArray(t.assumptions.ideaId, ids), isNull(t.assumptions.deletedAt)))
    .orderBy(asc(t.assumptions.position));
  const experiments = await db
    .select()
    .from(t.experiments)
    .where(and(inArray(t.experiments.ideaId, ids), isNull(t.experiments.deletedAt)))
    .orderBy(asc(t.experiments.position));
  const competitors = await db
    .select()
    .from(t.competitors)
    .where(and(inArray(t.competitors.ideaId, ids), isNull(t.competitors.deletedAt)))
    .orderBy(asc(t.competitors.position));
  const served = await servedBy(db, ids);
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
        ...(i.successMetrics?.length ? { successMetrics: i.successMetrics } : {}),
        ...(i.killCriteria?.length ? { killCriteria: i.killCriteria } : {}),
        ...(served.has(i.id) ? { objectives: served.get(i.id)!.map((o) => o.title) } : {}),
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
    if (i.pmf) o.pmf = i.pmf;
    if (i.mvp) o.mvp = i.mvp;
    if (i.capabilities && Object.keys(i.capabilities).length) o.capabilities = i.capabilities;
    if (i.launchPlan) o.launchPlan = i.launchPlan;
    return o;
  });
}

/**
 * Everything known about one idea, in the form the domain's rules read, with the workspace's strategy when it
 * has one (the challenger asks whether an idea serves any of its objectives; a portfolio carries it once).
 */
export async function opportunityOf(db: Db, ws: WorkspaceRow | string, idea: IdeaRow | string): Promise<Opportunity> {
  const workspace = typeof ws === 'string' ? await findWorkspace(db, ws) : ws;
  const row = typeof idea === 'string' ? (await findIdea(db, workspace, idea)).idea : idea;
  const opportunity = (await opportunitiesOf(db, workspace, [row]))[0]!;
  const strategy = await strategyFile(db, workspace);
  return strategy ? { ...opportunity, strategy } : opportunity;
}
