import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleLite } from 'drizzle-orm/pglite';
import { acquireLock, type LockInfo } from './lock.ts';
import { defaultDataDir, lockPathFor } from './paths.ts';
import { MIGRATIONS, migrateEmbedded, openPgdata, pgliteBase, queryLayerClient } from './pgdata.ts';
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

export { defaultDataDir, lockPathFor } from './paths.ts';

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** A migrated data directory dump to start from (tests: skips initdb, ~0.2 s instead of ~4 s). */
  template?: Blob;
}

export async function openStore(options: OpenOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openEmbeddedStore(options.dataDir ?? defaultDataDir(), options.template);
}

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

export async function openEmbeddedStore(dataDir: string, template?: Blob): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireLock(lockPathFor(dataDir));
  try {
    const client = await openPgdata(join(dataDir, 'pgdata'), { template });
    return {
      db: drizzleLite(queryLayerClient(client), { schema }) as unknown as Db,
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

/** An in-memory PGlite, for tests and benchmarks that need no files and no lock. */
export async function openMemoryStore(template?: Blob): Promise<Store> {
  const client = new PGlite({
    ...(await pgliteBase()),
    ...(template ? { loadDataDir: template } : {}),
  });
  await client.waitReady;
  await migrateEmbedded(client);
  return {
    db: drizzleLite(queryLayerClient(client), { schema }) as unknown as Db,
    engine: 'pglite',
    location: 'memory',
    advertise: () => {},
    close: () => client.close(),
    // Exposed for the test template builder.
    ...({ client } as object),
  };
}
