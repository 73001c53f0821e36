import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { type Opportunity, PORTFOLIO_FORMAT, type Portfolio } from '../../schema/index.ts';
import * as t from '../../store/schema.ts';
import type { AppContext } from '../context.ts';
import { listIdeas } from '../ideas.ts';
import { opportunitiesOf, opportunityOf } from '../opportunities.ts';
import { strategyFile } from '../strategy.ts';
import { findWorkspace } from '../workspaces.ts';
import { IDEA_CSV_HEADER, ideaCsvLines } from './csv.ts';

export async function exportOpportunity(ctx: AppContext, slug: string, ref: string): Promise<Opportunity> {
  return opportunityOf(ctx.store.db, slug, ref);
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
  const strategy = await strategyFile(db, ws);
  const head = {
    format: PORTFOLIO_FORMAT,
    workspace: { slug: ws.slug, name: ws.name },
    members: members.map((m) => ({ name: m.name, ...(m.email ? { email: m.email } : {}), role: m.role })),
    ...(strategy ? { strategy } : {}),
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
