import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import { economicsReadout } from '../domain/economics.ts';
import { cohortsFromRecords, type ImportProblem, pmfReadout, surveyFromRecords } from '../domain/pmf.ts';
import type { EconomicsReadout, Idea, PmfData, PmfImport, PmfReadout } from '../schema/index.ts';
import { ideas } from '../store/schema.ts';
import { type Actor, type AppContext, nowOf } from './context.ts';
import { actorRequired, conflict, invalid } from './errors.ts';
import { archivedRefusal, findIdea, getIdea, presentIdea } from './ideas.ts';
import { findWorkspace } from './workspaces.ts';

/** The unit economics in three scenarios with the sizing, as the domain computes them. */
export async function getEconomics(ctx: AppContext, slug: string, ref: string): Promise<EconomicsReadout> {
  const idea = await getIdea(ctx, slug, ref);
  return economicsReadout(idea.economics);
}

/** Product-market fit: the four signals, the guards, the level and what holds it back. */
export async function getPmf(ctx: AppContext, slug: string, ref: string): Promise<PmfReadout> {
  const idea = await getIdea(ctx, slug, ref);
  return pmfReadout(idea.pmf, idea.economics);
}

const asErrors = (problems: ImportProblem[]) =>
  problems.map((p) => ({ path: `/csv/row/${p.row}`, message: `Row ${p.row}: ${p.message}` }));

/** A CSV file as records, header first; a file that cannot be read is a problem, not an exception. */
function records(csv: string): Record<string, string>[] {
  try {
    return parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw invalid('The CSV cannot be read.', [{ path: '/csv', message: (error as Error).message.slice(0, 300) }]);
  }
}

/**
 * Read a Sean Ellis survey export or a retention cohort table into the idea's PMF data, replacing what was
 * there of that kind: the whole file or nothing, under the idea's version, the actor recorded.
 */
export async function importPmf(
  ctx: AppContext,
  slug: string,
  ref: string,
  input: PmfImport,
  actor: Actor | null,
): Promise<Idea> {
  if (!actor) throw actorRequired();
  const rows = records(input.csv);
  let patch: Partial<PmfData>;
  if (input.kind === 'sean-ellis') {
    const r = surveyFromRecords(rows);
    if (!r.ok) throw invalid('The survey file was not imported: nothing was saved.', asErrors(r.problems));
    patch = { survey: { ...r.value, ...(input.source ? { source: input.source } : {}) } };
  } else {
    const r = cohortsFromRecords(rows);
    if (!r.ok) throw invalid('The cohort table was not imported: nothing was saved.', asErrors(r.problems));
    if (r.value.length > 120) throw invalid('At most 120 cohorts can be imported.', [{ path: '/csv', message: '' }]);
    patch = { cohorts: r.value };
  }
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea, submitterName } = await findIdea(tx, ws, ref);
    if (idea.version !== input.version) throw conflict(`Idea #${idea.number}`, idea.version);
    if (idea.archivedAt) throw archivedRefusal(idea.number);
    const [row] = await tx
      .update(ideas)
      .set({
        pmf: { ...(idea.pmf ?? {}), ...patch },
        updatedBy: actor.id,
        updatedAt: nowOf(ctx),
        version: idea.version + 1,
      })
      .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
      .returning();
    if (!row) throw conflict(`Idea #${idea.number}`, idea.version + 1);
    return presentIdea({ idea: row, submitterName });
  });
}
