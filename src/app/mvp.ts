import { and, asc, eq, isNull } from 'drizzle-orm';
import { assumptionRef } from '../domain/assumptions.ts';
import { type MvpLinks, mvpProblems, mvpReadout } from '../domain/mvp.ts';
import { storiesCsv } from '../domain/mvp-csv.ts';
import type { MvpData, MvpReadout, Opportunity, StoriesCsvQuery, SuccessMetric } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { assumptions } from '../store/schema.ts';
import type { AppContext } from './context.ts';
import { invalid } from './errors.ts';
import type { IdeaRow } from './ideas.ts';
import { opportunityOf } from './opportunities.ts';

/** What the steps link to: whether the frame has a word in it, the competitor records, the market size. */
export function mvpLinks(o: Opportunity): MvpLinks {
  const e = o.economics;
  return {
    framed: Object.values(o.frame ?? {}).some((v) => v !== undefined && v !== null && v !== ''),
    competitors: o.competitors?.length ?? 0,
    sized: Boolean(e && (e.tam !== undefined || e.sam !== undefined || e.som !== undefined || e.sizing)),
    successMetrics: (o.idea.successMetrics ?? []).map((m) => m.metric),
    assumptions: (o.assumptions ?? []).map((a, i) => assumptionRef(a, i)),
  };
}

/** The seven steps' progress, the stated headline and the backlog by priority. */
export async function getMvp(ctx: AppContext, slug: string, ref: string): Promise<MvpReadout> {
  const o = await opportunityOf(ctx.store.db, slug, ref);
  return mvpReadout(o.mvp, mvpLinks(o));
}

/** The stories as a CSV file for Jira's or Linear's importer, with the file name to save it under. */
export async function getStoriesCsv(
  ctx: AppContext,
  slug: string,
  ref: string,
  q: StoriesCsvQuery,
): Promise<{ csv: string; filename: string }> {
  const o = await opportunityOf(ctx.store.db, slug, ref);
  const format = q.format ?? 'jira';
  const onlyMvp = q.cut === 'mvp';
  const number = /^#?(\d+)$/.exec(ref)?.[1] ?? 'idea';
  return {
    csv: storiesCsv(o.mvp, format, onlyMvp),
    filename: `idea-${number}-${onlyMvp ? 'mvp' : 'stories'}-${format}.csv`,
  };
}

/**
 * Refuse an MVP definition whose links do not resolve (a story's user class, the assumption it tests, the
 * success metric a metric feeds), inside the write's transaction so the check and the write see one state.
 */
export async function checkMvp(tx: Db, idea: IdeaRow, mvp: MvpData, successMetrics: readonly SuccessMetric[]) {
  const rows = await tx
    .select({ data: assumptions.data })
    .from(assumptions)
    .where(and(eq(assumptions.ideaId, idea.id), isNull(assumptions.deletedAt)))
    .orderBy(asc(assumptions.position));
  const refs = new Set(rows.map((r, i) => assumptionRef(r.data, i)));
  const problems = mvpProblems(
    mvp,
    refs,
    successMetrics.map((m) => m.metric),
  );
  if (problems.length) throw invalid('The MVP definition has links that do not resolve: nothing was saved.', problems);
}
