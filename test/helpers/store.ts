import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { type Db, openEmbeddedStore, openMemoryStore, openStore, type Store } from '../../src/store/database.ts';
import * as schema from '../../src/store/schema.ts';

/**
 * A fresh, migrated database for one test file, on the engine the run asks for (VETTED_TEST_DB): an
 * emptied PGlite from this process's pool (see below), or a new database on the PostgreSQL server named by
 * DATABASE_URL, dropped again on close.
 */
export async function testStore(): Promise<Store> {
  if (process.env.VETTED_TEST_DB === 'postgres') {
    const admin = process.env.DATABASE_URL;
    if (!admin) throw new Error('VETTED_TEST_DB=postgres needs DATABASE_URL');
    const name = `vetted_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE ${await migratedTemplate(admin)}`);
    } finally {
      await client.end();
    }
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: url.toString() });
    return {
      ...store,
      close: async () => {
        await store.close();
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  return pooledPglite();
}

/**
 * A database migrated once per process, that each file's database is copied from: CREATE DATABASE ... TEMPLATE
 * copies files, where running every migration again cost each file about a second of the server's CPU.
 */
let template: Promise<string> | undefined;
function migratedTemplate(admin: string): Promise<string> {
  template ??= (async () => {
    const name = `vetted_template_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    // Migrated, then closed: a database can serve as a template only while nobody is connected to it.
    await (await openStore({ databaseUrl: url.toString() })).close();
    return name;
  })();
  return template;
}

// A root-level hook (registered when this module loads, outside any test): runs once, after every file of the
// process has finished. An open PGlite would keep the process alive.
after(async () => {
  for (const client of idle.splice(0)) await client.close();
  const admin = process.env.DATABASE_URL;
  if (template && admin) {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${await template} WITH (FORCE)`);
    await c.end();
  }
});

export const engine = () => (process.env.VETTED_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

/**
 * In-memory PGlite databases, reused by the test files of one process (scripts/together.ts runs a stage's
 * files in one process). Starting one from the template costs ~1.5 s of CPU (PostgreSQL's start and the
 * template's unpacking: docs/stack.md, "Test speed"); emptying one that a previous file used costs a few
 * milliseconds. A database is emptied when it is handed out, not when it is given back, so what a file
 * finds never depends on how the one before it ended. A file that holds two at once gets two.
 */
const idle: PGlite[] = [];

async function pooledPglite(): Promise<Store> {
  let client = idle.pop();
  if (client) await empty(client);
  else {
    const template = process.env.VETTED_TEST_TEMPLATE;
    const opened = await openMemoryStore(template ? new Blob([readFileSync(template)]) : undefined);
    client = (opened as unknown as { client: PGlite }).client;
  }
  const held = client;
  let closed = false;
  return {
    // A new drizzle instance per file: caches keyed by the database object (the similar-ideas index) start empty.
    db: drizzle(held, { schema }) as unknown as Db,
    engine: 'pglite',
    location: 'memory',
    advertise: () => {},
    close: async () => {
      if (closed) return;
      closed = true;
      idle.push(held);
    },
  };
}

/** Every application table emptied (the migrations' own bookkeeping kept), as a freshly migrated database. */
async function empty(client: PGlite): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema', 'drizzle')`,
  );
  if (rows.length) await client.exec(`truncate ${rows.map((r) => r.name).join(', ')} restart identity cascade`);
}

/**
 * Makes `dir` the data directory of a migrated, empty embedded database, as its first open would. The
 * test template (scripts/build-test-template.ts) is a tar of such a directory's files: unpacked in place it
 * takes ~0.2 s, where PGlite loading it and writing it out took ~3 s of CPU, in every file that needs one
 * on disk. Without a template (a file run on its own) the store's own first start makes it.
 */
export async function seedDataDir(dir: string): Promise<void> {
  const template = process.env.VETTED_TEST_TEMPLATE;
  if (!template) {
    await (await openEmbeddedStore(dir)).close();
    return;
  }
  const pgdata = join(dir, 'pgdata');
  mkdirSync(pgdata, { recursive: true });
  // GNU tar notes on stderr that it drops the members' leading '/': only a failure's message matters.
  execFileSync('tar', ['-xf', template, '-C', pgdata], { stdio: ['ignore', 'ignore', 'pipe'] });
}
