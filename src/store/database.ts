import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { migrate as migrateLite } from 'drizzle-orm/pglite/migrator';
import { acquireLock, type LockInfo } from './lock.ts';
import { defaultDataDir, lockPathFor } from './paths.ts';
import { pgliteModule } from './pglite-wasm.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both engines' drizzle databases share this base: repositories never know which one they have. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Store {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Where the data lives: a directory for PGlite, the server (without password) for PostgreSQL. */
  location: string;
  /** Record in the lock file where this process serves, so other CLIs can use the API instead. */
  advertise(info: Partial<LockInfo>): void;
  close(): Promise<void>;
}

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export { defaultDataDir, lockPathFor } from './paths.ts';

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** A migrated data directory dump to start from (tests: skips initdb, ~0.2 s instead of ~4 s). */
  template?: Blob;
  /** The embedded database opened for one command, not for a server: see BRIEF_BUFFERS. */
  brief?: boolean;
}

export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openEmbeddedStore(options.dataDir ?? defaultDataDir(), options.template, options.brief);
}

/**
 * PostgreSQL's shared buffers for a brief open, instead of the 128 MB initdb writes into postgresql.conf:
 * PGlite zeroes them as it starts (a memset inside its mmap), which cost a local `vetted idea list` 150-250 ms
 * of its ~1.9 s and 130 MB of memory, for a command that reads a few megabytes. A server keeps 128 MB.
 */
const BRIEF_BUFFERS = ['-c', 'shared_buffers=16MB'];

/** What every PGlite opened here is given: the trigram extension, and this process's compiled PostgreSQL. */
const pgliteBase = async () => ({ extensions: { pg_trgm }, pgliteWasmModule: await pgliteModule() });

/** How long a request waits for a connection before it is answered 503 (the database is away or saturated). */
const CONNECT_TIMEOUT_MS = 5_000;

async function openPostgres(url: string): Promise<Store> {
  // Loaded here: \`pg\` alone takes about 0.1 s to load, which a CLI command on the embedded engine should not pay.
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // pg emits 'error' when the server drops a connection (restart, failover, pg_terminate_backend); with no
  // listener that event ends the process. The broken client is discarded, the query on it (if any) fails and
  // its request answers 503, and the next query opens a fresh connection: nothing to do here but survive.
  pool.on('error', () => {});
  // A client checked out for a transaction has no pool listener at all while it is out.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    const safe = url.replace(/\/\/[^@/]*@/, '//');
    throw new Error(`Cannot reach PostgreSQL at ${safe}: ${(error as Error).message}`);
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(db as never, { migrationsFolder: MIGRATIONS });
  const location = url.replace(/\/\/[^@/]*@/, '//');
  return { db, engine: 'postgres', location, advertise: () => {}, close: () => pool.end() };
}

export async function openEmbeddedStore(dataDir: string, template?: Blob, brief = false): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireLock(lockPathFor(dataDir));
  try {
    const pgdata = join(dataDir, 'pgdata');
    // A kill during first-time initdb leaves a directory the next open hangs on (docs/stack.md, PGlite 2): create the
    // database beside its final place and rename it in only once it is complete.
    if (!existsSync(pgdata)) {
      const tmp = `${pgdata}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      const fresh = new PGlite(tmp, {
        ...(await pgliteBase()),
        ...(template ? { loadDataDir: template } : {}),
      });
      await fresh.waitReady;
      await fresh.close();
      renameSync(tmp, pgdata);
    }
    const client = new PGlite(pgdata, {
      ...(await pgliteBase()),
      ...(brief ? { startParams: [...PGlite.defaultStartParams, ...BRIEF_BUFFERS] } : {}),
    });
    await client.waitReady;
    const db = drizzleLite(client, { schema }) as unknown as Db;
    await migrateEmbedded(client, db);
    return {
      db,
      engine: 'pglite',
      location: dataDir,
      advertise: (info) => lock.update(info),
      close: async () => {
        await client.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * Run the migrator only when the database is behind. The migrator reads and hashes every migration file and
 * runs two DDL statements and a transaction on every open, even when there is nothing to apply: a
 * noticeable part of a CLI command on the embedded engine. It applies exactly the migrations newer than the
 * newest it has recorded, so when that one is at least as new as the newest in the journal there is nothing
 * for it to do, and one query says so.
 */
async function migrateEmbedded(client: PGlite, db: Db): Promise<void> {
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
  await migrateLite(db as never, { migrationsFolder: MIGRATIONS });
}

/** An in-memory PGlite, for tests and benchmarks that need no files and no lock. */
export async function openMemoryStore(template?: Blob): Promise<Store> {
  const client = new PGlite({
    ...(await pgliteBase()),
    ...(template ? { loadDataDir: template } : {}),
  });
  await client.waitReady;
  const db = drizzleLite(client, { schema }) as unknown as Db;
  await migrateEmbedded(client, db);
  return {
    db,
    engine: 'pglite',
    location: 'memory',
    advertise: () => {},
    close: () => client.close(),
    // Exposed for the test template builder.
    ...({ client } as object),
  };
}
