import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { normaliseEconomics } from '../domain/economics.ts';
import { type Channel, PORTFOLIO_FILTERS } from '../methodology/index.ts';
import {
  type BulkTag,
  HAS_FINDINGS_LIMIT,
  type Idea,
  type IdeaCreate,
  type IdeaListQuery,
  type IdeaUpdate,
  MAX_TAGS,
  type SimilarIdea,
} from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { evidence, evidenceLinks, followers, ideas, members, receipts, workspaces } from '../store/schema.ts';
import { bulkRefusal, refuseRepeats } from './bulk.ts';
import { type Actor, type AppContext, iso, newId, nowOf } from './context.ts';
import { AppError, actorRequired, conflict, invalid, notFound, refused } from './errors.ts';
import { checkMvp } from './mvp.ts';
import { searchSimilar } from './similar.ts';
import { findWorkspace, type WorkspaceRow } from './workspaces.ts';

export type IdeaRow = typeof ideas.$inferSelect;
type WithSubmitter = { idea: IdeaRow; submitterName: string | null };

export function presentIdea({ idea: i, submitterName }: WithSubmitter): Idea {
  return {
    id: i.id,
    workspaceId: i.workspaceId,
    number: i.number,
    title: i.title,
    description: i.description,
    tags: i.tags,
    stage: i.stage,
    channel: i.channel,
    anonymous: i.anonymous,
    submitter: i.submitterId && submitterName ? { id: i.submitterId, name: submitterName } : null,
    statement: i.statement ?? null,
    rice: i.rice ?? null,
    ice: i.ice ?? null,
    successMetrics: i.successMetrics ?? [],
    killCriteria: i.killCriteria ?? [],
    economics: i.economics ?? null,
    pmf: i.pmf ?? null,
    mvp: i.mvp ?? null,
    capabilities: i.capabilities ?? null,
    launchPlan: i.launchPlan ?? null,
    mergedIntoId: i.mergedIntoId,
    archivedAt: i.archivedAt ? iso(i.archivedAt) : null,
    score: {
      composite: i.scoreComposite,
      adjusted: i.scoreAdjusted,
      coverage: i.scoreCoverage,
      assessors: i.scoreAssessors,
    },
    createdAt: iso(i.createdAt),
    updatedAt: iso(i.updatedAt),
    version: i.version,
  };
}

const withSubmitter = (db: Db) =>
  db
    .select({ idea: ideas, submitterName: members.name })
    .from(ideas)
    .leftJoin(members, eq(members.id, ideas.submitterId));

/** An idea by id or by its short number ("12" or "#12"), within one workspace. */
export async function findIdea(db: Db, ws: WorkspaceRow, ref: string): Promise<WithSubmitter> {
  const n = /^#?(\d{1,9})$/.exec(ref);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  if (!n && !uuid) throw notFound(`Idea "${ref}"`);
  const where = n ? eq(ideas.number, Number(n[1])) : eq(ideas.id, ref);
  const [row] = await withSubmitter(db).where(and(eq(ideas.workspaceId, ws.id), where));
  if (!row) throw notFound(`Idea "${ref}"`);
  return row;
}

export async function getIdea(ctx: AppContext, slug: string, ref: string): Promise<Idea> {
  const ws = await findWorkspace(ctx.store.db, slug);
  return presentIdea(await findIdea(ctx.store.db, ws, ref));
}

/**
 * Receipt codes are shown once; only their hash is stored, so a leaked database does not reveal them. A code
 * is `VT-` and 16 symbols of Crockford's base32 (no I, L, O or U, which are read as 1, 1, 0 or are typos),
 * grouped by four: 80 random bits, written and read aloud without look-alikes. The stored hash is of that
 * canonical form, which is also exactly how codes of the first format (16 of A-Z and 0-9) were hashed.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECEIPT_SYMBOLS = 16;
const display = (symbols: string) => `VT-${symbols.match(/.{4}/g)!.join('-')}`;

export function newReceiptCode(): string {
  // 10 bytes are exactly 16 five-bit symbols: no symbol is likelier than another.
  let n = BigInt(`0x${randomBytes(10).toString('hex')}`);
  let symbols = '';
  for (let i = 0; i < RECEIPT_SYMBOLS; i++, n >>= 5n) symbols += CROCKFORD[Number(n & 31n)];
  return display(symbols);
}

/**
 * The canonical forms a typed code may stand for: case, spaces, dashes and the VT prefix do not matter;
 * O is read as 0 and I or L as 1 (a code of the current format). The same symbols without that mapping are
 * also tried, because a code of the first format may really contain O, I, L or U.
 */
export function receiptCandidates(typed: string): string[] {
  let symbols = typed.toUpperCase().replace(/[\s\-\u2010-\u2015]+/g, '');
  if (symbols.length === RECEIPT_SYMBOLS + 2 && symbols.startsWith('VT')) symbols = symbols.slice(2);
  if (symbols.length !== RECEIPT_SYMBOLS) return [];
  const out = new Set<string>();
  if (/^[A-Z0-9]+$/.test(symbols)) out.add(display(symbols));
  const mapped = symbols.replace(/O/g, '0').replace(/[IL]/g, '1');
  if ([...mapped].every((c) => CROCKFORD.includes(c))) out.add(display(mapped));
  return [...out];
}

export const hashReceipt = (canonical: string) => createHash('sha256').update(canonical).digest('hex');

export async function nextNumbers(db: Db, wsId: string, n: number): Promise<number> {
  const [row] = await db
    .update(workspaces)
    .set({ ideaCounter: sql`${workspaces.ideaCounter} + ${n}` })
    .where(eq(workspaces.id, wsId))
    .returning({ last: workspaces.ideaCounter });
  return row!.last - n + 1;
}

export async function createIdea(
  ctx: AppContext,
  slug: string,
  input: IdeaCreate,
  actor: Actor | null,
  defaultChannel: Channel,
): Promise<{ idea: Idea; receiptCode?: string; similar: SimilarIdea[] }> {
  const anonymous = input.anonymous === true;
  if (!anonymous && !actor) throw actorRequired();
  const text = `${input.title} ${input.description ?? ''}`;
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const similar = await findSimilar(ctx.store.db, tx, ws, text, 5);
    const now = nowOf(ctx);
    const number = await nextNumbers(tx, ws.id, 1);
    // Anonymous: no submitter, no creator, no follower row; the only link back is the receipt hash.
    const by = anonymous ? null : actor!.id;
    const [row] = await tx
      .insert(ideas)
      .values({
        id: newId(),
        workspaceId: ws.id,
        number,
        title: input.title.trim(),
        description: input.description ?? '',
        tags: input.tags ?? [],
        stage: 'discovery',
        channel: input.channel ?? defaultChannel,
        anonymous,
        submitterId: by,
        statement: input.statement ?? null,
        rice: input.rice ?? null,
        ice: input.ice ?? null,
        successMetrics: input.successMetrics ?? [],
        killCriteria: input.killCriteria ?? [],
        createdBy: by,
        updatedBy: by,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    let receiptCode: string | undefined;
    if (anonymous) {
      receiptCode = newReceiptCode();
      await tx.insert(receipts).values({ hash: hashReceipt(receiptCode), ideaId: row!.id });
    } else {
      await tx.insert(followers).values({ ideaId: row!.id, memberId: by! });
    }
    const idea = presentIdea({ idea: row!, submitterName: anonymous ? null : actor!.name });
    return { idea, similar, ...(receiptCode ? { receiptCode } : {}) };
  });
}

export async function updateIdea(ctx: AppContext, slug: string, ref: string, input: IdeaUpdate, actor: Actor | null) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea, submitterName } = await findIdea(tx, ws, ref);
    if (idea.version !== input.version) throw conflict(`Idea #${idea.number}`, idea.version);
    if (idea.archivedAt) throw archivedRefusal(idea.number);
    const { version: _v, ...changes } = input;
    if (changes.economics) changes.economics = normaliseEconomics(changes.economics);
    if (changes.mvp) await checkMvp(tx, idea, changes.mvp, changes.successMetrics ?? idea.successMetrics);
    const [row] = await tx
      .update(ideas)
      .set({
        ...changes,
        ...(changes.title ? { title: changes.title.trim() } : {}),
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

/**
 * Add and remove tags on many ideas at once: each idea's version is checked and its tags stay within the
 * limits of a single edit. All or nothing: any idea that cannot take the change is reported and none changes.
 */
export async function tagMany(ctx: AppContext, slug: string, input: BulkTag, actor: Actor | null) {
  if (!actor) throw actorRequired();
  const add = input.add ?? [];
  const remove = new Set(input.remove ?? []);
  refuseRepeats(input.ideas);
  if (add.length === 0 && remove.size === 0) throw invalid('Say which tags to add or remove.');
  const both = add.filter((t) => remove.has(t));
  if (both.length) throw invalid(`A tag cannot be added and removed at once: ${both.join(', ')}.`);
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const now = nowOf(ctx);
    const tagged: Idea[] = [];
    const failures: { error: AppError; index: number }[] = [];
    for (const [index, ref] of input.ideas.entries()) {
      try {
        const { idea, submitterName } = await findIdea(tx, ws, ref.id);
        if (idea.version !== ref.version) throw conflict(`Idea #${idea.number}`, idea.version);
        if (idea.archivedAt) throw archivedRefusal(idea.number);
        const tags = [...idea.tags.filter((t) => !remove.has(t)), ...add.filter((t) => !idea.tags.includes(t))];
        if (tags.length > MAX_TAGS)
          throw refused(`Idea #${idea.number} would have ${tags.length} tags; at most ${MAX_TAGS}.`);
        const [row] = await tx
          .update(ideas)
          .set({ tags, updatedBy: actor.id, updatedAt: now, version: idea.version + 1 })
          .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
          .returning();
        if (!row) throw conflict(`Idea #${idea.number}`, idea.version + 1);
        tagged.push(presentIdea({ idea: row, submitterName }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failures.push({ error, index });
      }
    }
    if (failures.length) throw bulkRefusal(input.ideas.length, failures, 'tagged');
    return { ideas: tagged };
  });
}

export const archivedRefusal = (n: number) => refused(`Idea #${n} is archived; restore it first.`);

/**
 * Archive (soft-delete) an idea or restore it: an archived idea leaves lists, boards and similar ideas but
 * keeps everything linked to it, and is still found by its number, so it can be restored as it was.
 */
export async function setArchived(
  ctx: AppContext,
  slug: string,
  ref: string,
  version: number,
  archived: boolean,
  actor: Actor | null,
) {
  if (!actor) throw actorRequired();
  return ctx.store.db.transaction(async (tx) => {
    const ws = await findWorkspace(tx, slug);
    const { idea, submitterName } = await findIdea(tx, ws, ref);
    if (idea.version !== version) throw conflict(`Idea #${idea.number}`, idea.version);
    if (archived === !!idea.archivedAt)
      throw refused(`Idea #${idea.number} is ${archived ? 'archived already' : 'not archived'}.`);
    const now = nowOf(ctx);
    const [row] = await tx
      .update(ideas)
      .set({
        archivedAt: archived ? now : null,
        archivedBy: archived ? actor.id : null,
        updatedBy: actor.id,
        updatedAt: now,
        version: idea.version + 1,
      })
      .where(and(eq(ideas.id, idea.id), eq(ideas.version, idea.version)))
      .returning();
    if (!row) throw conflict(`Idea #${idea.number}`, idea.version + 1);
    return presentIdea({ idea: row, submitterName });
  });
}

/** Each sort is a full ORDER BY that an index on ideas serves, forwards or backwards. */
const byThenNumber = (column: SQL | typeof ideas.number, descending: boolean): SQL[] =>
  descending
    ? [sql`${column} desc nulls last`, sql`${ideas.number} desc nulls last`]
    : [sql`${column} asc nulls first`, sql`${ideas.number} asc nulls first`];
const SORTS: Record<string, SQL[]> = {
  composite: byThenNumber(sql`${ideas.scoreComposite}`, false),
  '-composite': byThenNumber(sql`${ideas.scoreComposite}`, true),
  adjusted: byThenNumber(sql`${ideas.scoreAdjusted}`, false),
  '-adjusted': byThenNumber(sql`${ideas.scoreAdjusted}`, true),
  updated: byThenNumber(sql`${ideas.updatedAt}`, false),
  '-updated': byThenNumber(sql`${ideas.updatedAt}`, true),
  number: [asc(ideas.number)],
  '-number': [desc(ideas.number)],
};

export async function listIdeas(ctx: AppContext, slug: string, q: IdeaListQuery, actor: Actor | null) {
  const db = ctx.store.db;
  if (q.mine && !actor) {
    await findWorkspace(db, slug); // an unknown workspace is a 404, whoever asks
    throw actorRequired();
  }
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax)
    throw invalid('The lowest score is above the highest: nothing could match.', [
      { path: '/scoreMin', message: `must be at most scoreMax (${q.scoreMax})` },
    ]);
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const now = nowOf(ctx);
  if (q.hasFindings !== undefined) return listByFindings(ctx, slug, q, actor, now, { limit, offset });
  const { page, workspace } = listQueries(db, q, actor, now);
  const [[ws], rows] = await Promise.all([workspace.execute({ slug }), page.execute({ slug, limit, offset })]);
  if (!ws) throw notFound(`Workspace "${slug}"`);
  return { items: rows.map(presentIdea), total: ws.total, limit, offset };
}

/**
 * Findings are not stored: the challenger works them out from everything linked to an idea, as of now. So
 * "has findings" runs it on every idea the other filters match, in the list's order, and pages what is
 * left; beyond HAS_FINDINGS_LIMIT ideas that costs seconds, and the caller is asked to narrow the list.
 */
async function listByFindings(
  ctx: AppContext,
  slug: string,
  q: IdeaListQuery,
  actor: Actor | null,
  now: Date,
  { limit, offset }: { limit: number; offset: number },
) {
  const db = ctx.store.db;
  const ws = await findWorkspace(db, slug);
  const { page } = buildList(db, q, actor, q.sort ?? '-updated', now);
  const rows = await page.execute({ slug, limit: HAS_FINDINGS_LIMIT + 1, offset: 0 });
  if (rows.length > HAS_FINDINGS_LIMIT)
    throw refused(
      `"Has findings" checks at most ${HAS_FINDINGS_LIMIT.toLocaleString('en')} ideas, and more than that match the other filters: narrow the list by stage, tag, submitter, score or words first.`,
    );
  const { ideasWithOpenFindings } = await import('./validation/challenge.ts');
  const flagged = await ideasWithOpenFindings(
    db,
    ws,
    rows.map((r) => r.idea),
    now,
  );
  const kept = rows.filter((r) => flagged.has(r.idea.id) === q.hasFindings);
  return { items: kept.slice(offset, offset + limit).map(presentIdea), total: kept.length, limit, offset };
}

/** The workspace named by the `slug` placeholder, inside the list's own queries: no lookup of its own. */
const listedWorkspace = sql`(select ${workspaces.id} from ${workspaces} where ${workspaces.slug} = ${sql.placeholder('slug')})`;

/** A list's two queries, run side by side: its page, and its workspace with the total. */
interface ListQueries {
  page: { execute(values: Record<string, unknown>): Promise<WithSubmitter[]> };
  workspace: { execute(values: Record<string, unknown>): Promise<{ total: number }[]> };
}

/**
 * Every value a list's queries take is a placeholder or a filter, so an unfiltered list (the portfolio's
 * first page, whatever the workspace's size) is the same statement every time: it is built and named once
 * per database, sort and merged-or-not, and PostgreSQL plans it once per connection. Building a drizzle query
 * and planning it cost more than running it did (bench/latency.ts).
 */
function listQueries(db: Db, q: IdeaListQuery, actor: Actor | null, now: Date): ListQueries {
  const sort = q.sort ?? '-updated';
  if (isFiltered(q)) return buildList(db, q, actor, sort, now);
  const name = `ideas_list_${sort.replace('-', 'desc_')}${q.includeMerged ? '_all' : ''}`;
  let named = unfilteredLists.get(db);
  if (!named) {
    named = new Map();
    unfilteredLists.set(db, named);
  }
  let queries = named.get(name);
  if (!queries) {
    const { page, workspace } = buildList(db, q, actor, sort, now);
    queries = { page: page.prepare(name), workspace: workspace.prepare(`${name}_total`) };
    named.set(name, queries);
  }
  return queries;
}

const isFiltered = (q: IdeaListQuery) =>
  !!(q.stage || q.tag || q.q || q.mine || q.archived || q.submitter) ||
  q.scoreMin !== undefined ||
  q.scoreMax !== undefined ||
  q.stale !== undefined ||
  q.hasFindings !== undefined;

const unfilteredLists = new WeakMap<Db, Map<string, ListQueries>>();

function buildList(db: Db, q: IdeaListQuery, actor: Actor | null, sort: string, now: Date) {
  const where: SQL[] = [sql`${ideas.workspaceId} = ${listedWorkspace}`];
  if (!q.includeMerged) where.push(isNull(ideas.mergedIntoId));
  where.push(q.archived ? isNotNull(ideas.archivedAt) : isNull(ideas.archivedAt));
  if (q.stage) where.push(eq(ideas.stage, q.stage));
  if (q.tag) where.push(sql`${ideas.tags} @> ARRAY[${q.tag}]::text[]`);
  if (q.q) where.push(matchesWords(db, q.q));
  if (q.mine) where.push(eq(ideas.submitterId, actor!.id));
  if (q.submitter) where.push(eq(ideas.submitterId, q.submitter));
  if (q.scoreMin !== undefined) where.push(gte(ideas.scoreAdjusted, q.scoreMin));
  if (q.scoreMax !== undefined) where.push(sql`${ideas.scoreAdjusted} <= ${q.scoreMax}`);
  if (q.stale !== undefined) {
    const cutoff = new Date(now.getTime() - PORTFOLIO_FILTERS.staleAfterDays * 86_400_000);
    where.push(q.stale ? lt(ideas.updatedAt, cutoff) : gte(ideas.updatedAt, cutoff));
  }
  return {
    page: withSubmitter(db)
      .where(and(...where))
      .orderBy(...SORTS[sort]!)
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset')),
    workspace: db
      .select({ total: listTotal(q, where) })
      .from(workspaces)
      .where(eq(workspaces.slug, sql.placeholder('slug'))),
  };
}

/**
 * Words anywhere a person would look for them: the title, the description, a tag, or the summary or source
 * of evidence linked to the idea. A plain substring, case-insensitive, as the list's search always was.
 */
function matchesWords(db: Db, words: string): SQL {
  const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // The workspace's matching evidence, found once (a semi-join), not looked up idea by idea.
  const inEvidence = db
    .select({ id: evidenceLinks.ideaId })
    .from(evidenceLinks)
    .innerJoin(evidence, eq(evidence.id, evidenceLinks.evidenceId))
    .where(
      and(
        sql`${evidence.workspaceId} = ${listedWorkspace}`,
        or(ilike(evidence.summary, pattern), ilike(evidence.source, pattern)),
      ),
    );
  return or(
    ilike(ideas.title, pattern),
    ilike(ideas.description, pattern),
    sql`array_to_string(${ideas.tags}, ' ') ilike ${pattern}`,
    inArray(ideas.id, inEvidence),
  )!;
}

/**
 * The number of ideas a list matches. Counting a whole workspace reads every one of its rows (~10-40 ms at
 * 100k on PostgreSQL, far more than the page itself), so an unfiltered list derives it instead: ideas are
 * never deleted one by one (archiving keeps the row), and every number from 1 to the workspace's idea counter
 * is one idea (numbers are taken in the transaction that inserts the ideas), so the total is the counter less
 * the merged and archived ideas, which small partial indexes count. Filtered lists count what they match.
 */
function listTotal(q: IdeaListQuery, where: SQL[]): SQL<number> {
  if (isFiltered(q)) return sql<number>`(select count(*)::int from ${ideas} where ${and(...where)})`;
  // Archived and merged ideas are few, each kind found through its own partial index.
  const hidden = q.includeMerged
    ? isNotNull(ideas.archivedAt)
    : or(isNotNull(ideas.mergedIntoId), isNotNull(ideas.archivedAt));
  // The workspace by slug again, not by its id: drizzle leaves a one-table query's columns unqualified, and
  // inside this subquery an unqualified id is the idea's.
  return sql<number>`${workspaces.ideaCounter} - (select count(*)::int from ${ideas} where ${ideas.workspaceId} = ${listedWorkspace} and ${hidden})`;
}

/**
 * Trigram similarity on title and description: the same SQL on PGlite and PostgreSQL. An idea's score is the
 * best of three measures, and ideas scoring at least 0.3 are shown, best first (then by number, so that equal
 * scores always come in the same order):
 * 1. its title is like the text (`similarity`);
 * 2. the text is within its title and description (`word_similarity`, discounted to 0.9);
 * 3. its whole title is within the text (`word_similarity` the other way round): a short title found inside a
 *    pasted title and description, which is what fills the idea page's panel of similar ideas.
 * Scoring every idea of the workspace is linear in its size (seconds at 100k), and the GIN trigram indexes do
 * not make the exact search fast (every trigram of a text is in thousands of ideas; no trigram index serves the
 * third measure). So an index in this process bounds each idea's score from counts of shared trigrams and the
 * database scores exactly only the ideas whose bound could still place them (`./similar.ts`): the same answers.
 * `root` is the store's database, which the index is cached by; `db` may be a transaction on it.
 */
export async function findSimilar(
  root: Db,
  db: Db,
  ws: WorkspaceRow,
  text: string,
  limit = 5,
  excludeId?: string,
): Promise<SimilarIdea[]> {
  const query = text.trim().slice(0, 500);
  if (query.length < 3) return [];
  const rows = await searchSimilar(root, db, ws, query, limit, excludeId);
  return rows.map((r) => ({ ...r, similarity: Math.round(r.similarity * 100) / 100 }));
}

export async function similarIdeas(ctx: AppContext, slug: string, text: string, limit = 5) {
  const ws = await findWorkspace(ctx.store.db, slug);
  return findSimilar(ctx.store.db, ctx.store.db, ws, text, limit);
}

export async function ideaByReceipt(db: Db, code: string): Promise<IdeaRow> {
  const hashes = receiptCandidates(code).map(hashReceipt);
  const found = hashes.length
    ? await db
        .select({ hash: receipts.hash, idea: ideas })
        .from(receipts)
        .innerJoin(ideas, eq(ideas.id, receipts.ideaId))
        .where(inArray(receipts.hash, hashes))
    : [];
  // Two matches would need two issued codes differing only by look-alikes (odds of 2^-80): as typed wins.
  const r = hashes.map((h) => found.find((f) => f.hash === h)).find(Boolean);
  if (!r)
    throw new AppError(
      404,
      'Not found',
      hashes.length
        ? 'No idea has this receipt code. Check it for typos: case, spaces and dashes do not matter, and O and 0, I, L and 1 are read alike.'
        : 'This is not a receipt code: a code is VT- and 16 letters and digits in groups of four, like VT-K7QM-2XWD-9RTF-4HNB. Case, spaces and dashes do not matter.',
    );
  return r.idea;
}
