import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listWorkspaces } from '../../src/app/workspaces.ts';
import { lockPathFor, openEmbeddedStore } from '../../src/store/database.ts';
import { DatabaseLockedError } from '../../src/store/lock.ts';

const template = process.env.VETTED_TEST_TEMPLATE;
const seed = async (dir: string) => {
  // Start from the template so the holder does not pay for initdb.
  if (!template) return;
  const { readFileSync } = await import('node:fs');
  const s = await openEmbeddedStore(dir, new Blob([readFileSync(template)]));
  await s.close();
};

function startHolder(dir: string): Promise<ReturnType<typeof spawn>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lock-holder.ts'), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve(child));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
}

describe('embedded database lock', () => {
  it('refuses a second process with a clear error, and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-lock-'));
    await seed(dir);
    const holder = await startHolder(dir);
    try {
      await assert.rejects(openEmbeddedStore(dir), (error: unknown) => {
        assert.ok(error instanceof DatabaseLockedError);
        assert.match(error.message, new RegExp(`in use by another Vetted process \\(pid ${holder.pid}`));
        return true;
      });
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    // The holder died without releasing its lock: the next process takes the stale lock over and finds
    // every row the holder committed.
    const store = await openEmbeddedStore(dir);
    try {
      const slugs = (await listWorkspaces({ store })).map((w) => w.slug);
      assert.deepEqual(slugs, ['held']);
    } finally {
      await store.close();
    }
  });

  it('takes over a lock whose process is gone, and releases its own on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-lock-'));
    await seed(dir);
    writeFileSync(lockPathFor(dir), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const store = await openEmbeddedStore(dir);
    await store.close();
    const again = await openEmbeddedStore(dir);
    await again.close();
  });

  it('recovers from a first start that was killed half way (a leftover temporary directory)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vetted-init-'));
    mkdirSync(join(dir, 'pgdata.tmp'));
    writeFileSync(join(dir, 'pgdata.tmp', 'PG_VERSION'), 'half-written');
    const store = await openEmbeddedStore(
      dir,
      template ? new Blob([(await import('node:fs')).readFileSync(template)]) : undefined,
    );
    try {
      assert.deepEqual(await listWorkspaces({ store }), []);
    } finally {
      await store.close();
    }
  });
});
