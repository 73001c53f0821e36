import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openMemoryStore, openStore, type Store } from '../../src/store/database.ts';

/**
 * A fresh, migrated database for one test file, on the engine the run asks for (VETTED_TEST_DB):
 * PGlite loaded from a template dump (initdb costs ~4 s, a dump ~0.2 s), or a new database on the
 * PostgreSQL server named by DATABASE_URL, dropped again on close.
 */
export async function testStore(): Promise<Store> {
  if (process.env.VETTED_TEST_DB === 'postgres') {
    const admin = process.env.DATABASE_URL;
    if (!admin) throw new Error('VETTED_TEST_DB=postgres needs DATABASE_URL');
    const name = `vetted_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
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
  const path = process.env.VETTED_TEST_TEMPLATE;
  return openMemoryStore(path ? new Blob([readFileSync(path)]) : undefined);
}

export const engine = () => (process.env.VETTED_TEST_DB === 'postgres' ? 'postgres' : 'pglite');
