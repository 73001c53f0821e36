import { eq } from 'drizzle-orm';
import { normaliseEconomics } from '../../domain/economics.ts';
import {
  type ImportReport,
  type Opportunity,
  type OpportunityStrategy,
  type PortfolioMember,
  roleFromFile,
} from '../../schema/index.ts';
import type { Db } from '../../store/database.ts';
import * as t from '../../store/schema.ts';
import { type AppContext, newId, nowOf } from '../context.ts';
import { AppError } from '../errors.ts';
import { nextNumbers } from '../ideas.ts';
import { recomputeScores } from '../scores.ts';
import { dimensionsOf, findWorkspace, type WorkspaceRow } from '../workspaces.ts';
import { linkErrors, objectivesIn, writeStrategy } from './objectives.ts';
import { finalStage, parkedFromOf, type RowError, validateOpportunity } from './validate.ts';

/** PGlite pays ~0.24 ms per statement: rows go in batches (docs/stack.md, PGlite 3). */
const BATCH = 500;

export interface ImportInput {
  members?: PortfolioMember[];
  /** A portfolio's strategy: goals, North Star and the objectives its ideas link to by title. */
  strategy?: OpportunityStrategy;
  opportunities: unknown[];
  /** Parsing errors found before validation (CSV), reported with the rest. */
  errors?: RowError[];
}

export interface ImportOptions {
  dryRun?: boolean;
  channel?: 'import' | 'cli' | 'api' | 'web';
  onProgress?: (done: number, total: number) => void;
}

async function insertBatched<T>(db: Db, table: Parameters<Db['insert']>[0], rows: T[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insert(table).values(rows.slice(i, i + BATCH) as never);
}

/**
 * All or nothing: every row is checked first and any error stops the import before a single write; then
 * everything is written in one transaction. A dry run reports what would happen and writes nothing.
 */
export async function importOpportunities(
  ctx: AppContext,
  slug: string,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const ws = await findWorkspace(ctx.store.db, slug);
  const dimensionIds = new Set(dimensionsOf(ws).map((d) => d.id));
  const errors: RowError[] = [...(input.errors ?? [])];
  const rows: { row: number; value: Opportunity }[] = [];
  input.opportunities.forEach((raw, i) => {
    const r = validateOpportunity(raw, i + 1, dimensionIds);
    errors.push(...r.errors);
    if (r.value) rows.push({ row: i + 1, value: r.value });
  });
  const valid = rows.map((r) => r.value);
  const defined = objectivesIn(input.strategy, valid);
  errors.push(...(await linkErrors(ctx.store.db, ws, defined, rows)));
  const owners = defined.map((o) => o.owner);
  const report: ImportReport = {
    dryRun: !!options.dryRun,
    imported: 0,
    rows: input.opportunities.length,
    membersCreated: [],
    errors,
    numbers: [],
  };
  if (errors.length) {
    if (options.dryRun) return report;
    throw new AppError(
      422,
      'Import refused',
      `${errors.length} error(s) in the file; nothing was imported.`,
      errors.map((e) => ({ path: `row ${e.row} ${e.path}`.trim(), message: e.message })),
    );
  }
  if (options.dryRun) {
    report.membersCreated = await missingMembers(ctx.store.db, ws, input.members ?? [], valid, owners);
    report.imported = valid.length;
    return report;
  }
  return ctx.store.db.transaction(async (tx) => {
    const people = await ensureMembers(tx, ws, input.members ?? [], valid, report, owners);
    const objectiveId = await writeStrategy(tx, ws, input.strategy, defined, people, nowOf(ctx));
    await writeOpportunities(tx, ctx, ws, valid, people, options, report, objectiveId);
    return report;
  });
}

function namesIn(valid: Opportunity[], owners: string[] = []): string[] {
  const names = new Set<string>(owners);
  for (const o of valid) {
    if (o.idea.submitter) names.add(o.idea.submitter);
    for (const a of o.assessments ?? []) names.add(a.assessor);
    for (const d of o.decisions ?? []) if (d.decidedBy) names.add(d.decidedBy);
  }
  return [...names];
}

async function missingMembers(
  db: Db,
  ws: WorkspaceRow,
  listed: PortfolioMember[],
  valid: Opportunity[],
  owners: string[],
) {
  const existing = new Set(
    (await db.select({ name: t.members.name }).from(t.members).where(eq(t.members.workspaceId, ws.id))).map((m) =>
      m.name.toLowerCase(),
    ),
  );
  const wanted = [...listed.map((m) => m.name), ...namesIn(valid, owners)];
  return [...new Set(wanted.filter((n) => !existing.has(n.toLowerCase())))];
}

/** People are named in files; anyone named who is not a member yet becomes one. */
async function ensureMembers(
  db: Db,
  ws: WorkspaceRow,
  listed: PortfolioMember[],
  valid: Opportunity[],
  report: ImportReport,
  owners: string[],
) {
  const rows = await db.select().from(t.members).where(eq(t.members.workspaceId, ws.id));
  const byName = new Map(rows.map((m) => [m.name.toLowerCase(), m.id]));
  const details = new Map(listed.map((m) => [m.name.toLowerCase(), m]));
  const fresh: (typeof t.members.$inferInsert)[] = [];
  for (const name of [...listed.map((m) => m.name), ...namesIn(valid, owners)]) {
    const key = name.toLowerCase();
    if (byName.has(key)) continue;
    const id = newId();
    byName.set(key, id);
    const m = details.get(key);
    fresh.push({ id, workspaceId: ws.id, name, email: m?.email ?? null, role: roleFromFile(m?.role) ?? 'contributor' });
    report.membersCreated.push(name);
  }
  await insertBatched(db, t.members, fresh);
  return (name: string | undefined) => (name ? (byName.get(name.toLowerCase()) ?? null) : null);
}

async function writeOpportunities(
  db: Db,
  ctx: AppContext,
  ws: WorkspaceRow,
  valid: Opportunity[],
  person: (name: string | undefined) => string | null,
  options: ImportOptions,
  report: ImportReport,
  objectiveId: (title: string) => string | undefined,
) {
  const now = nowOf(ctx);
  const first = await nextNumbers(db, ws.id, valid.length);
  const scored: string[] = [];
  for (let start = 0; start < valid.length; start += BATCH) {
    const chunk = valid.slice(start, start + BATCH);
    const ideaRows: (typeof t.ideas.$inferInsert)[] = [];
    const rest = {
      frames: [] as (typeof t.frames.$inferInsert)[],
      evidence: [] as (typeof t.evidence.$inferInsert)[],
      links: [] as (typeof t.evidenceLinks.$inferInsert)[],
      assessments: [] as (typeof t.assessments.$inferInsert)[],
      decisions: [] as (typeof t.decisions.$inferInsert)[],
      followers: [] as (typeof t.followers.$inferInsert)[],
      assumptions: [] as (typeof t.assumptions.$inferInsert)[],
      experiments: [] as (typeof t.experiments.$inferInsert)[],
      competitors: [] as (typeof t.competitors.$inferInsert)[],
      objectives: [] as (typeof t.ideaObjectives.$inferInsert)[],
    };
    chunk.forEach((o, k) => {
      const id = newId();
      const number = first + start + k;
      report.numbers.push(number);
      const submitter = o.idea.anonymous ? null : person(o.idea.submitter);
      const created = o.idea.createdAt ? new Date(o.idea.createdAt) : now;
      const lastChange = o.decisions?.at(-1)?.decidedAt;
      ideaRows.push({
        id,
        workspaceId: ws.id,
        number,
        title: o.idea.title.trim(),
        description: o.idea.description ?? '',
        tags: o.idea.tags ?? [],
        stage: finalStage(o),
        parkedFrom: parkedFromOf(o),
        channel: o.idea.channel ?? options.channel ?? 'import',
        anonymous: !!o.idea.anonymous,
        submitterId: submitter,
        statement: o.idea.statement ?? null,
        rice: o.idea.rice ?? null,
        ice: o.idea.ice ?? null,
        successMetrics: o.idea.successMetrics ?? [],
        killCriteria: o.idea.killCriteria ?? [],
        // Structured sizing and channels decide the flat figures, exactly as an edit in the app does.
        economics: o.economics ? normaliseEconomics(o.economics) : null,
        pmf: o.pmf ?? null,
        mvp: o.mvp ?? null,
        capabilities: o.capabilities ?? null,
        launchPlan: o.launchPlan ?? null,
        createdBy: submitter,
        updatedBy: submitter,
        createdAt: created,
        updatedAt: lastChange ? new Date(lastChange) : created,
      });
      if (submitter) rest.followers.push({ ideaId: id, memberId: submitter });
      // Checked before any write (linkErrors): every title names an objective by now.
      for (const title of new Set(o.idea.objectives ?? []))
        rest.objectives.push({ ideaId: id, objectiveId: objectiveId(title)! });
      if (o.frame) rest.frames.push({ ideaId: id, fields: o.frame, updatedAt: created });
      const evidenceIds = new Map<string, string>();
      for (const e of o.evidence ?? []) {
        const eid = newId();
        evidenceIds.set(e.ref, eid);
        const { ref: _ref, dimensions, ...fields } = e;
        rest.evidence.push({
          id: eid,
          workspaceId: ws.id,
          ...fields,
          url: fields.url ?? null,
          createdAt: created,
          updatedAt: created,
        });
        rest.links.push({ evidenceId: eid, ideaId: id, dimensions: dimensions ?? [] });
      }
      for (const a of o.assessments ?? []) {
        const scores = Object.fromEntries(
          Object.entries(a.scores).map(([dim, s]) => [
            dim,
            {
              score: s.score,
              confidence: s.confidence,
              ...(s.note ? { note: s.note } : {}),
              ...(s.evidence?.length ? { evidenceIds: s.evidence.map((r) => evidenceIds.get(r)!) } : {}),
            },
          ]),
        );
        rest.assessments.push({
          id: newId(),
          ideaId: id,
          assessorId: person(a.assessor)!,
          scores,
          createdAt: created,
          updatedAt: created,
        });
      }
      if (o.assessments?.length || o.evidence?.length) scored.push(id);
      for (const d of o.decisions ?? []) {
        rest.decisions.push({
          id: newId(),
          workspaceId: ws.id,
          ideaId: id,
          fromStage: d.fromStage,
          toStage: d.toStage,
          outcome: d.outcome,
          rationale: d.rationale,
          criteria: d.criteria ?? [],
          reversible: d.reversible,
          reviewOn: d.reviewOn ?? null,
          decidedBy: person(d.decidedBy),
          createdAt: d.decidedAt ? new Date(d.decidedAt) : now,
        });
      }
      const part = <T>(items: T[] | undefined) =>
        (items ?? []).map((data, position) => ({
          id: newId(),
          ideaId: id,
          position,
          data,
          createdAt: created,
          updatedAt: created,
        }));
      // Inside the database evidence is named by its id: assumptions cite it that way too.
      rest.assumptions.push(
        ...part(
          o.assumptions?.map((a) =>
            a.evidence ? { ...a, evidence: a.evidence.map((r) => evidenceIds.get(r) ?? r) } : a,
          ),
        ),
      );
      rest.experiments.push(...part(o.experiments));
      rest.competitors.push(...part(o.competitors));
    });
    await insertBatched(db, t.ideas, ideaRows);
    await insertBatched(db, t.followers, rest.followers);
    await insertBatched(db, t.frames, rest.frames);
    await insertBatched(db, t.evidence, rest.evidence);
    await insertBatched(db, t.evidenceLinks, rest.links);
    await insertBatched(db, t.assessments, rest.assessments);
    await insertBatched(db, t.decisions, rest.decisions);
    await insertBatched(db, t.assumptions, rest.assumptions);
    await insertBatched(db, t.experiments, rest.experiments);
    await insertBatched(db, t.competitors, rest.competitors);
    await insertBatched(db, t.ideaObjectives, rest.objectives);
    report.imported += chunk.length;
    options.onProgress?.(report.imported, valid.length);
  }
  await recomputeScores(db, ws, scored);
}
