import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgliteModule } from './pglite-wasm.ts';

/**
 * Opening the embedded PostgreSQL on its data directory. Only PGlite is loaded here, not the query layer:
 * the embedded database's own thread (src/store/pglite-worker.ts) starts with this module, and every
 * module it loads delays the database's start.
 */

export const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * PostgreSQL's shared buffers for a brief open, instead of the 128 MB initdb writes into postgresql.conf:
 * PGlite zeroes them as it starts (a memset inside its mmap), which cost a local `vetted idea list` 150-250 ms
 * of its ~1.9 s and 130 MB of memory, for a command that reads a few megabytes. A server keeps 128 MB.
 */
const BRIEF_BUFFERS = ['-c', 'shared_buffers=16MB'];

/**
 * The types the query layer (drizzle-orm/pglite) wants as PostgreSQL's text rather than parsed: date, timestamp,
 * timestamptz, interval, and arrays of those and of numeric. It passes them as parsers with every query, and
 * PGlite then copies its whole table of ~320 parsers into a new object for that query: 0.14 ms of a 0.36 ms
 * lookup (measured here). PGlite is given them once instead, and queryLayerClient() stops the per-query copy.
 */
const TEXT_TYPES = [1082, 1114, 1184, 1186, 1231, 1115, 1185, 1187, 1182];
const keepText = Object.fromEntries(TEXT_TYPES.map((type) => [type, (value: string) => value]));

/** What every PGlite opened here is given: the trigram extension, this process's compiled PostgreSQL, the parsers above. */
export const pgliteBase = async () => ({
  extensions: { pg_trgm },
  pgliteWasmModule: await pgliteModule(),
  parsers: keepText,
});

type Queryable = Pick<PGlite, 'query'>;
const withoutParsers = (query: Queryable['query']): Queryable['query'] =>
  ((sql: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }) =>
    query(sql, params, options && { rowMode: options.rowMode })) as Queryable['query'];

/** The PGlite handed to the query layer: the same database, without the parsers it sends along (see TEXT_TYPES). */
export function queryLayerClient(client: PGlite): PGlite {
  return {
    query: withoutParsers(client.query.bind(client)),
    transaction: (body: Parameters<PGlite['transaction']>[0]) =>
      client.transaction((tx) => body({ ...tx, query: withoutParsers(tx.query.bind(tx)) } as typeof tx)),
  } as unknown as PGlite;
}

/**
 * PostgreSQL on a data directory, created when missing and migrated. The caller holds the directory's lock
 * (src/store/lock.ts): this process's main thread, also when the database runs on a thread of its own
 * (src/store/pglite-thread.ts).
 */
export async function openPgdata(pgdata: string, options: { template?: Blob; brief?: boolean } = {}): Promise<PGlite> {
  // A kill during first-time initdb leaves a directory the next open hangs on (docs/stack.md, PGlite 2): create the
  // database beside its final place and rename it in only once it is complete.
  if (!existsSync(pgdata)) {
    const tmp = `${pgdata}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    const fresh = new PGlite(tmp, {
      ...(await pgliteBase()),
      ...(options.template ? { loadDataDir: options.template } : {}),
    });
    await fresh.waitReady;
    await fresh.close();
    renameSync(tmp, pgdata);
  }
  const client = new PGlite(pgdata, {
    ...(await pgliteBase()),
    ...(options.brief ? { startParams: [...PGlite.defaultStartParams, ...BRIEF_BUFFERS] } : {}),
  });
  try {
    await client.waitReady;
    await migrateEmbedded(client);
    return client;
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

/**
 * Run the migrator only when the database is behind. The migrator reads and hashes every migration file and
 * runs two DDL statements and a transaction on every open, even when there is nothing to apply: a
 * noticeable part of a CLI command on the embedded engine. It applies exactly the migrations newer than the
 * newest it has recorded, so when that one is at least as new as the newest in the journal there is nothing
 * for it to do, and one query says so (and the query layer is not even loaded).
 */
export async function migrateEmbedded(client: PGlite): Promise<void> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const newest = Math.max(...journal.entries.map((e) => e.when));
  const recorded = await client
    .query<{ created_at: string | number | null }>(
      'select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    )
    .then(
      (r) => r.rows[0]?.created_at,
      () => undefined, // no migrations table yet
    );
  if (recorded !== undefined && recorded !== null && Number(recorded) >= newest) return;
  const [{ drizzle }, { migrate }] = await Promise.all([
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
}
