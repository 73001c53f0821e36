import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openEmbeddedStore } from '../../src/store/database.ts';

const template = process.env.VETTED_TEST_TEMPLATE;

describe('embedded database: how it is opened', () => {
  it("a command's brief open takes 16 MB of shared buffers; a server's keeps initdb's 128 MB, and both see the data", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-open-'));
    try {
      const buffersAndIdeas = async (brief: boolean) => {
        const store = await openEmbeddedStore(dir, template ? new Blob([readFileSync(template)]) : undefined, brief);
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
      assert.deepEqual(await buffersAndIdeas(true), { buffers: '16MB', tables: 1 });
      assert.deepEqual(await buffersAndIdeas(false), { buffers: '128MB', tables: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
