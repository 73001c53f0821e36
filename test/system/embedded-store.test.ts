import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openEmbeddedStore, type Store } from '../../src/store/database.ts';
import { DatabaseLockedError } from '../../src/store/lock.ts';
import { openEmbeddedInThread, startEmbeddedInThread } from '../../src/store/pglite-thread.ts';
import { workspaces } from '../../src/store/schema.ts';
import { seedDataDir } from '../helpers/store.ts';

describe('embedded database: how it is opened', () => {
  it("a command's open (on its own thread) takes 16 MB of shared buffers; a server's keeps initdb's 128 MB, and both see the data", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-open-'));
    try {
      await seedDataDir(dir);
      const buffersAndIdeas = async (store: Store) => {
        try {
          // The driver's own result shape: Db is typed for both engines, whose raw results differ.
          const r = (await store.db.execute(
            sql`select current_setting('shared_buffers') as buffers, (select count(*)::int from pg_tables where tablename = 'ideas') as tables`,
          )) as unknown as { rows: { buffers: string; tables: number }[] };
          return r.rows[0];
        } finally {
          await store.close();
        }
      };
      assert.deepEqual(await buffersAndIdeas(await openEmbeddedInThread(dir)), { buffers: '16MB', tables: 1 });
      assert.deepEqual(await buffersAndIdeas(await openEmbeddedStore(dir)), { buffers: '128MB', tables: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('embedded database on a thread of its own (a CLI command)', () => {
  it('runs queries and transactions there, keeps the database error fields, holds the lock, and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-thread-'));
    try {
      await seedDataDir(dir);
      const { store, ready } = await startEmbeddedInThread(dir);
      try {
        // A statement sent before PostgreSQL is up waits for it.
        const [first] = await Promise.all([store.db.select().from(workspaces), ready]);
        assert.deepEqual(first, []);
        assert.equal(store.engine, 'pglite');
        // The same lock as any open: a second opener is told who holds it.
        await assert.rejects(openEmbeddedStore(dir), DatabaseLockedError);

        const [ws] = await store.db
          .insert(workspaces)
          .values({ id: randomUUID(), slug: 'acme', name: 'Acme' })
          .returning();
        assert.equal(ws!.slug, 'acme');
        // Timestamps come back as the query layer expects them (its parsers are applied on the thread).
        assert.ok(ws!.createdAt instanceof Date && !Number.isNaN(ws!.createdAt.getTime()));

        // A failed transaction leaves nothing; the error keeps PostgreSQL's code, which the API maps (23505 → 409).
        const failed = await store.db
          .transaction(async (tx) => {
            await tx.insert(workspaces).values({ id: randomUUID(), slug: 'beta', name: 'Beta' });
            await tx.insert(workspaces).values({ id: randomUUID(), slug: 'acme', name: 'Acme again' });
          })
          .then(
            () => undefined,
            (error: Error) => error,
          );
        assert.equal((failed?.cause as { code?: string } | undefined)?.code, '23505', String(failed));
        // A statement sent while a transaction is open waits for its end: it never sees what is then rolled back.
        let inserted!: () => void;
        const insertedYet = new Promise<void>((r) => {
          inserted = r;
        });
        const rolledBack = store.db
          .transaction(async (tx) => {
            await tx.insert(workspaces).values({ id: randomUUID(), slug: 'delta', name: 'Delta' });
            inserted();
            await new Promise((r) => setTimeout(r, 50));
            throw new Error('changed my mind');
          })
          .catch(() => {});
        await insertedYet;
        const seen = await store.db.select({ slug: workspaces.slug }).from(workspaces);
        await rolledBack;
        assert.deepEqual(
          seen.map((w) => w.slug),
          ['acme'],
        );
        await store.db.insert(workspaces).values({ id: randomUUID(), slug: 'gamma', name: 'Gamma' });
      } finally {
        await store.close();
      }
      // Closed: the lock is free, and everything committed is there.
      const again = await openEmbeddedStore(dir);
      try {
        const rows = await again.db.select({ slug: workspaces.slug }).from(workspaces);
        assert.deepEqual(rows.map((w) => w.slug).sort(), ['acme', 'gamma']);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says why when PostgreSQL cannot start there, and leaves the lock free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-thread-'));
    try {
      // A data directory that is not one: PostgreSQL refuses it.
      mkdirSync(join(dir, 'pgdata'));
      writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), 'not a version\n');
      await assert.rejects(openEmbeddedInThread(dir), (error: Error) => error.message.length > 0);
      assert.equal(existsSync(join(dir, 'vetted.lock')), false, 'the lock is released');

      // Started without waiting (as a command does, building its server meanwhile): a statement sent before
      // PostgreSQL is up fails with the same reason, and closing after that neither hangs nor throws.
      const { store, ready } = await startEmbeddedInThread(dir);
      const early = store.db.select().from(workspaces);
      const why = await ready.then(
        () => undefined,
        (error: Error) => error,
      );
      assert.ok(why, 'PostgreSQL refused the directory');
      await assert.rejects(
        early,
        (error: Error) => (error.cause ?? error) === why || error.message.includes(why.message),
      );
      await store.close();
      assert.equal(existsSync(join(dir, 'vetted.lock')), false, 'the lock is released');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
