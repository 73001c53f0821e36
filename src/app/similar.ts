/**
 * Similar ideas through an in-process trigram index per workspace (src/domain/similar-index.ts), which ranks
 * the ideas that may score by an upper bound of their score: the pg_trgm measures recomputed from the
 * ideas' trigrams, at least the database's values. The database then scores exactly, with the very
 * expression of the full search, only the first of them, in rounds, until no idea left could beat the
 * last answer (a lower bound, or an equal one and a higher number): the threshold algorithm. The answers
 * are those of the full score by construction: an idea left unscored could not have ranked.
 *
 * Freshness across processes (several servers on one database, the CLI writing directly): triggers on
 * `ideas` bump the workspace's `text_version` in the writing transaction and log which ideas changed under
 * which version (migration 0012). The workspace row each request loads carries the version, so a fresh
 * index costs no query; a stale one reloads the ideas the log names, or everything when the log no longer
 * reaches back to its version.
 */
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type Ranked, SimilarIndex } from '../domain/similar-index.ts';
import { trigramCodes, trigramText } from '../domain/trigrams.ts';
import type { SimilarIdea } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { ideas, ideaTextLog } from '../store/schema.ts';
import type { WorkspaceRow } from './workspaces.ts';

/** Ideas scoring at least this are shown. */
const THRESHOLD = 0.3;
/**
 * The counting bounds are ratios in double precision, while pg_trgm rounds each measure to single precision,
 * which may round up past 0.3 (the score, a double, is compared with 0.3 as a double): ideas are kept
 * from this far below.
 */
const SLACK = 1e-5;
/** Each round of exact scores doubles, up to this many ideas. */
const LARGEST_ROUND = 4096;

interface Entry {
  index: SimilarIndex;
  version: number;
  /** Updates of this entry run one after another. */
  queue: Promise<unknown>;
}

/** Per database (a process may hold several stores, as tests do), per workspace id. */
const caches = new WeakMap<Db, Map<string, Entry>>();
/** Per database: whether its trigrams are ours (checked once against show_trgm), and the check under way. */
const agreed = new WeakMap<Db, boolean>();
const checking = new WeakMap<Db, Promise<boolean>>();

const scoreOf = (query: string): SQL<number> => {
  const doc = sql`(${ideas.title} || ' ' || left(${ideas.description}, 300))`;
  return sql<number>`greatest(similarity(${ideas.title}, ${query}), word_similarity(${query}, ${doc}) * 0.9, word_similarity(${ideas.title}, ${query}))`;
};

type Scored = SimilarIdea;

async function scored(db: Db, ws: WorkspaceRow, query: string, where: SQL | undefined, limit?: number) {
  const score = scoreOf(query);
  const q = db
    .select({ id: ideas.id, number: ideas.number, title: ideas.title, stage: ideas.stage, similarity: score })
    .from(ideas)
    .where(
      and(
        eq(ideas.workspaceId, ws.id),
        isNull(ideas.mergedIntoId),
        isNull(ideas.archivedAt),
        where,
        sql`${score} >= 0.3`,
      ),
    )
    .orderBy(sql`${score} desc`, asc(ideas.number));
  const rows = await (limit === undefined ? q : q.limit(limit));
  return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
}

/**
 * The full score over every idea of the workspace: the definition of the answers, and what runs when the
 * index cannot vouch for its bounds (a text with non-ASCII letters, a database whose trigrams differ).
 */
export function fullScore(db: Db, ws: WorkspaceRow, query: string, limit: number, excludeId?: string) {
  return scored(db, ws, query, excludeId ? sql`${ideas.id} <> ${excludeId}` : undefined, limit);
}

/** The best `limit` ideas scoring at least 0.3 against `query`, in the full score's order. */
export async function searchSimilar(
  root: Db,
  db: Db,
  ws: WorkspaceRow,
  query: string,
  limit: number,
  excludeId?: string,
): Promise<Scored[]> {
  if (!(await trigramsAgree(root, db))) return fullScore(db, ws, query, limit, excludeId);
  const index = await indexOf(root, db, ws);
  const ranking = index.rank(query, THRESHOLD - SLACK);
  if (!ranking) return fullScore(db, ws, query, limit, excludeId);
  const answers: Scored[] = [];
  // An idea that cannot beat the last answer (a lower bound, or an equal one and a higher number) cannot
  // enter; nor can one whose bound is below the threshold. The bounds are the scores' own single-precision
  // values, or above them, so they are compared exactly.
  const hopeless = (next: Ranked) =>
    next.bound < THRESHOLD ||
    (answers.length === limit &&
      (next.bound < answers[limit - 1]!.similarity ||
        (next.bound === answers[limit - 1]!.similarity && next.number > answers[limit - 1]!.number)));
  let round = limit + 3;
  for (;;) {
    const batch: string[] = [];
    for (let next = ranking.peek(); next && batch.length < round && !hopeless(next); next = ranking.peek()) {
      ranking.take();
      if (next.id !== excludeId) batch.push(next.id);
    }
    if (batch.length === 0) return answers;
    answers.push(...(await scored(db, ws, query, inArray(ideas.id, batch))));
    answers.sort((a, b) => b.similarity - a.similarity || a.number - b.number);
    answers.length = Math.min(answers.length, limit);
    round = Math.min(round * 2, LARGEST_ROUND);
  }
}

/** The workspace's index, brought up to the version of the workspace row just read. */
async function indexOf(root: Db, db: Db, ws: WorkspaceRow): Promise<SimilarIndex> {
  let cache = caches.get(root);
  if (!cache) {
    cache = new Map();
    caches.set(root, cache);
  }
  let entry = cache.get(ws.id);
  if (entry && entry.version >= ws.textVersion) return entry.index;
  if (!entry) {
    entry = { index: new SimilarIndex(), version: -1, queue: Promise.resolve() };
    cache.set(ws.id, entry);
  }
  const e = entry;
  // Inside a transaction (an idea being created) the update runs at once: on PGlite another request's
  // update, queued before it, could be waiting for this very transaction to end. Two updates at once are
  // safe, only wasteful: each labels the index with a version its reads are at least as new as.
  if (db !== root) {
    await refresh(db, ws, e);
    return e.index;
  }
  const update = e.queue.then(() => (e.version >= ws.textVersion ? undefined : refresh(db, ws, e)));
  e.queue = update.catch(() => {});
  await update;
  return e.index;
}

/** What the index keeps of an idea: the description as far as the search document reads it. */
const searchable = {
  id: ideas.id,
  number: ideas.number,
  title: ideas.title,
  description: sql<string>`left(${ideas.description}, 300)`,
};

/** Catches up from the log, or rebuilds when the log does not reach back or dead slots weigh. */
async function refresh(db: Db, ws: WorkspaceRow, e: Entry): Promise<void> {
  if (e.version >= 0 && e.index.deadShare < 0.25) {
    const log = await db
      .select({ version: ideaTextLog.version, ideaId: ideaTextLog.ideaId })
      .from(ideaTextLog)
      .where(and(eq(ideaTextLog.workspaceId, ws.id), sql`${ideaTextLog.version} > ${e.version}`))
      .orderBy(asc(ideaTextLog.version));
    if (log.length > 0 && log[0]!.version === e.version + 1) {
      const changed = [...new Set(log.map((l) => l.ideaId))];
      // Read after the log: each idea as it is now, at least as new as the log's last version. An idea
      // newer than that is read again on the next catch-up: putting an idea twice is harmless.
      const rows = await db
        .select(searchable)
        .from(ideas)
        .where(
          and(
            eq(ideas.workspaceId, ws.id),
            isNull(ideas.mergedIntoId),
            isNull(ideas.archivedAt),
            inArray(ideas.id, changed),
          ),
        );
      const live = new Set(rows.map((r) => r.id));
      for (const id of changed) if (!live.has(id)) e.index.remove(id);
      for (const r of rows) e.index.put(r.id, r.number, r.title, r.description);
      e.version = Math.max(ws.textVersion, log.at(-1)!.version);
      return;
    }
  }
  // Labelled with the version read before the ideas: the ideas are at least that new.
  const index = new SimilarIndex();
  const rows = await db
    .select(searchable)
    .from(ideas)
    .where(and(eq(ideas.workspaceId, ws.id), isNull(ideas.mergedIntoId), isNull(ideas.archivedAt)))
    .orderBy(asc(ideas.number));
  for (const r of rows) index.put(r.id, r.number, r.title, r.description);
  e.index = index;
  e.version = ws.textVersion;
}

/**
 * The index reads ASCII as pg_trgm does in every locale we know, but a database whose locale lower-cases
 * or splits ASCII otherwise (Turkish dotless i) would make its bounds wrong: checked once per database.
 */
async function trigramsAgree(root: Db, db: Db): Promise<boolean> {
  const known = agreed.get(root);
  if (known !== undefined) return known;
  // Not the promise of a check under way outside this transaction: on PGlite it may wait for this one.
  let check = db === root ? checking.get(root) : undefined;
  if (!check) {
    const ascii = 'The QUICK brown fox, jumps_over 2 lazy-DOGS: 0123456789 I i? x yZ';
    check = db
      .execute(sql`select show_trgm(${ascii})::text as t`)
      .then((r) => {
        const [row] = (r as unknown as { rows: { t: string }[] }).rows;
        const ours = trigramCodes(ascii).codes.map(trigramText);
        const theirs = parsePgArray(row?.t ?? '');
        const same = ours.length === theirs.length && ours.every((t) => theirs.includes(t));
        agreed.set(root, same);
        return same;
      })
      .catch(() => false);
    if (db === root) checking.set(root, check);
  }
  return check;
}

/** A text[] in PostgreSQL's output format: `{"  a"," ab",abc}`. */
export function parsePgArray(s: string): string[] {
  const out: string[] = [];
  const body = s.replace(/^\{/, '').replace(/\}$/, '');
  const re = /"((?:[^"\\]|\\.)*)"|([^,]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

/** The index's size, for the benchmark (null before the workspace was searched). */
export function similarIndexBytes(root: Db, wsId: string): { ideas: number; bytes: number } | null {
  const entry = caches.get(root)?.get(wsId);
  return entry ? { ideas: entry.index.size, bytes: entry.index.bytes } : null;
}
