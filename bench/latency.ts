/**
 * Uncached latency, per request, of the two reads that grow with a workspace: the first page of ideas
 * sorted by composite score, and similar ideas (the duplicate warning while typing). On PGlite and on
 * PostgreSQL (DATABASE_URL, else a server of its own), at each size. The page sits beside the same read
 * done the way it was before (with an exact count(*) of the workspace), similar ideas beside the least an
 * exact search through the trigram indexes would cost (floorProbes), measured in the same run on the same
 * data. Prints figures; asserts nothing.
 *
 *   node --import tsx bench/run.ts latency [--sizes 10000,100000] [--engines pglite,postgres]
 */
import { loadavg } from 'node:os';
import { type SQLWrapper, sql } from 'drizzle-orm';
import { buildServer } from '../src/api/server.ts';
import { listIdeas } from '../src/app/ideas.ts';
import { fullScore, similarIndexBytes } from '../src/app/similar.ts';
import { findWorkspace } from '../src/app/workspaces.ts';
import { type Db, openMemoryStore, openStore, type Store } from '../src/store/database.ts';
import { benchPostgres } from './postgres.ts';
import { seedWorkspace, similarQueries } from './seed.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
};
const fig = (xs: number[]) => `${percentile(xs, 0.5).toFixed(1)} / ${percentile(xs, 0.95).toFixed(1)} ms`;
const load = () => `load ${loadavg()[0]!.toFixed(2)}`;

async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    out.push(performance.now() - t);
  }
  return out;
}

const rows = async <T>(store: Store, query: ReturnType<typeof sql>) =>
  ((await store.db.execute(query)) as unknown as { rows: T[] }).rows;

/** The lines of a plan that name how rows are found. */
async function planOf(db: Db, query: SQLWrapper): Promise<string> {
  const plan = ((await db.execute(sql`explain ${query}`)) as unknown as { rows: Record<string, string>[] }).rows;
  return plan
    .map((r) => Object.values(r)[0] as string)
    .filter((l) => /Scan|BitmapOr/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/^->\s*/, '')
        .replace(/\s+\(cost=.*$/, ''),
    )
    .join('; ');
}

/**
 * What any exact search through the trigram indexes must do at least, whatever it does for the third measure
 * (a whole short title inside a longer text, which no trigram index serves and which can only add to this):
 * find every idea whose title is like the text (`%`, ideas_title_trgm) or whose title and description hold
 * it (`%>`, ideas_text_trgm) at the level of the text's 5th answer, since any of them could outrank it.
 * Run with the level known in advance, which a real search has to find out.
 */
function floorProbes(workspaceId: string, text: string, level: number) {
  // As text, so that the planner cannot read the whole workspace through its b-tree instead of the index.
  const within = sql`workspace_id::text = ${workspaceId} and merged_into_id is null`;
  return {
    level,
    probes: [
      sql`select id from ideas where ${within} and title % ${text}`,
      sql`select id from ideas where ${within} and (title || ' ' || left(description, 300)) %> ${text}`,
    ],
  };
}

/** The probes' thresholds, for one transaction; a scan of every row is what the indexes are there to avoid. */
async function inFloorSettings<T>(
  store: Store,
  { level, probes }: ReturnType<typeof floorProbes>,
  run: (tx: Db, probes: SQLWrapper[]) => Promise<T>,
): Promise<T> {
  return store.db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${String(level)}, true), set_config('pg_trgm.word_similarity_threshold', ${String(Math.min(1, level / 0.9))}, true), set_config('enable_seqscan', 'off', true)`,
    );
    return run(tx as unknown as Db, probes);
  });
}

interface Result {
  engine: string;
  size: number;
  list: number[];
  listQuery: number[];
  listBefore: number[];
  similar: number[];
  /** The first similar-ideas request of the workspace: it builds the index. */
  similarFirst: number;
  /** A request right after another connection changed an idea's text: the index catches up first. */
  similarAfterWrite: number[];
  /** The full score over every idea, on the first texts, and how many of their answers differ from it. */
  similarFull: number[];
  fullDiffers: number;
  indexBytes: number;
  similarFloor: number[];
  listPlan: string;
  floorPlan: string;
}

async function measure(store: Store, engine: string, size: number): Promise<Result> {
  const slug = `w${size}`;
  const t = performance.now();
  await seedWorkspace(store, slug, size);
  console.log(
    `  ${engine}: ${size.toLocaleString('en-US')} ideas seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const ctx = { store };
  const ws = await findWorkspace(store.db, slug);
  // Reads need a caller: the machine's own user, through the local key (as the CLI calls).
  const localKey = `bench-${process.pid}-${Date.now()}`;
  const app = await buildServer(ctx, { logger: false, cache: false, identity: { localKey } });
  try {
    const url = `/api/workspaces/${slug}/ideas?sort=-composite&limit=50`;
    const headers = { authorization: `Bearer ${localKey}` };
    const get = async (path: string) => {
      const r = await app.inject({ method: 'GET', url: path, headers });
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      return r;
    };
    await timed(20, () => get(url)); // warm-up: plans, caches, JIT
    const list = await timed(200, () => get(url));
    const listQuery = await timed(200, () =>
      listIdeas(ctx, slug, { sort: '-composite', limit: 50 } as Parameters<typeof listIdeas>[2], null),
    );
    // Before: the same page, and the total as an exact count of the workspace, side by side as the code did.
    const page = sql`select i.*, m.name from ideas i left join members m on m.id = i.submitter_id
      where i.workspace_id = ${ws.id} and i.merged_into_id is null
      order by i.score_composite desc nulls last, i.number desc nulls last limit 50`;
    const counted = sql`select count(*)::int as n from ideas where workspace_id = ${ws.id} and merged_into_id is null`;
    const listBefore = await timed(Math.min(200, size >= 100_000 ? 50 : 200), () =>
      Promise.all([rows(store, page), rows(store, counted)]),
    );
    const listPlan = await planOf(store.db, page);

    const queries = similarQueries(size >= 100_000 ? 60 : 100); // PGlite takes a while at 100k
    const similarUrl = (q: string) => `/api/workspaces/${slug}/ideas/similar?text=${encodeURIComponent(q)}`;
    const [similarFirst] = await timed(1, () => get(similarUrl(queries[0]!)));
    await timed(10, (i) => get(similarUrl(queries[i]!)));
    const answers: { number: number; similarity: number }[][] = [];
    const similar = await timed(queries.length, async (i) => {
      answers[i] = (await get(similarUrl(queries[i]!))).json();
    });
    const indexBytes = similarIndexBytes(store.db, ws.id)?.bytes ?? Number.NaN;
    // The full score, as the search was before the index: seconds a text at 100k, so on the first texts only
    // (every kind of text among them), and the answers compared.
    let fullDiffers = 0;
    const similarFull = await timed(size >= 100_000 ? 12 : 40, async (i) => {
      const full = await fullScore(store.db, ws, queries[i]!.trim().slice(0, 500), 5);
      const same = full.length === answers[i]!.length && full.every((f, k) => f.number === answers[i]![k]!.number);
      if (!same) fullDiffers++;
    });
    // Another connection edits an idea's text; the next request replays the log of changed ideas.
    const similarAfterWrite = await timed(20, async (i) => {
      await rows(
        store,
        sql`update ideas set description = description || '.' where workspace_id = ${ws.id} and number = ${i + 1}`,
      );
      await get(similarUrl(queries[i]!));
    });
    // The level each text's answer sits at: its 5th idea's score (rounded to 0.01 in the answer), else 0.3.
    const levels = answers.map((found) => (found.length >= 5 ? Math.max(0.3, found[4]!.similarity - 0.005) : 0.3));
    const floor = (i: number) => floorProbes(ws.id, queries[i]!.trim().slice(0, 500), levels[i]!);
    const similarFloor = await timed(queries.length, (i) =>
      inFloorSettings(store, floor(i), (tx, probes) => Promise.all(probes.map((p) => tx.execute(p)))),
    );
    const floorPlan = await inFloorSettings(store, floor(0), async (tx, probes) =>
      (await Promise.all(probes.map((p) => planOf(tx, p)))).join(' | '),
    );
    return {
      engine,
      size,
      list,
      listQuery,
      listBefore,
      similar,
      similarFirst: similarFirst!,
      similarAfterWrite,
      similarFull,
      fullDiffers,
      indexBytes,
      similarFloor,
      listPlan,
      floorPlan,
    };
  } finally {
    await app.close();
  }
}

async function onEngine(engine: 'pglite' | 'postgres', sizes: number[]): Promise<Result[]> {
  let store: Store;
  let done = async () => {};
  if (engine === 'pglite') store = await openMemoryStore();
  else {
    const server = await benchPostgres();
    if (!server) return [];
    console.log(`  postgres: ${server.origin}`);
    store = await openStore({ databaseUrl: server.url });
    done = () => server.close();
  }
  try {
    const out: Result[] = [];
    for (const size of sizes) out.push(await measure(store, engine, size));
    return out;
  } finally {
    await store.close();
    await done();
  }
}

export async function latencyBenchmark() {
  const sizes = arg('sizes', '10000,100000').split(',').map(Number);
  const engines = arg('engines', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
  console.log('\n## Latency of reads that grow with the workspace (uncached, one at a time, in-process requests)');
  console.log(`(2-core machine shared with other work: ${load()} at the start)`);
  const results: Result[] = [];
  for (const engine of engines) results.push(...(await onEngine(engine, sizes)));

  console.log(`\n### First page of ideas sorted by composite, p50 / p95 (target p95 < 10 ms at 100k on PostgreSQL)`);
  for (const r of results) {
    const ratio = percentile(r.listBefore, 0.95) / percentile(r.listQuery, 0.95);
    console.log(
      `  ${r.engine.padEnd(8)} ${r.size.toLocaleString('en-US').padStart(7)}: request ${fig(r.list)}; query ${fig(r.listQuery)}; before (count(*)) ${fig(r.listBefore)}; p95 before/now ${ratio.toFixed(1)}x`,
    );
  }
  for (const r of results) console.log(`  plan ${r.engine} ${r.size}: ${r.listPlan}`);

  console.log(
    `\n### Similar ideas (duplicate warning), 100 texts (60 at 100k), p50 / p95 (target p95 < 50 ms at 100k)`,
  );
  for (const r of results) {
    // similarQueries: every fourth text is a title followed by a description, the others title-length.
    const short = r.similar.filter((_, i) => i % 4 !== 2);
    const long = r.similar.filter((_, i) => i % 4 === 2);
    console.log(
      `  ${r.engine.padEnd(8)} ${r.size.toLocaleString('en-US').padStart(7)}: request ${fig(r.similar)} (title-length texts ${fig(short)}; title + description ${fig(long)})`,
    );
  }
  console.log(
    `  Beside it in the same run: the full score over every idea (the search before the in-process index; on the first 40 texts, 12 at 100k), the first request (builds the index), a request after another connection edited a text (catches up), the index's memory`,
  );
  for (const r of results) {
    const ratio = percentile(r.similarFull, 0.95) / percentile(r.similar, 0.95);
    const mb = r.indexBytes / 2 ** 20;
    console.log(
      `  ${r.engine.padEnd(8)} ${r.size.toLocaleString('en-US').padStart(7)}: full score ${fig(r.similarFull)}, p95 full/index ${ratio.toFixed(0)}x, answers differing ${r.fullDiffers}; first request ${r.similarFirst.toFixed(0)} ms; after a write ${fig(r.similarAfterWrite)}; index ${mb.toFixed(1)} MB (${((mb * 100_000) / r.size).toFixed(1)} MB per 100k ideas)`,
    );
  }
  console.log(
    `  The floor of an exact search through the trigram indexes: its two index probes at each text's 5th answer, the third measure left out (floorProbes)`,
  );
  for (const r of results) {
    const short = r.similarFloor.filter((_, i) => i % 4 !== 2);
    const long = r.similarFloor.filter((_, i) => i % 4 === 2);
    console.log(
      `  ${r.engine.padEnd(8)} ${r.size.toLocaleString('en-US').padStart(7)}: floor ${fig(r.similarFloor)} (title-length texts ${fig(short)}; title + description ${fig(long)})`,
    );
  }
  for (const r of results) console.log(`  floor plan ${r.engine} ${r.size}: ${r.floorPlan}`);
  console.log(`(${load()} at the end)`);
}
