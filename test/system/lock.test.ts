import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { listWorkspaces } from '../../src/app/workspaces.ts';
import { lockPathFor, openEmbeddedStore } from '../../src/store/database.ts';
import { acquireLock, claimFor, DatabaseLockedError, readLock } from '../../src/store/lock.ts';
import { seedDataDir } from '../helpers/store.ts';

const template = process.env.VETTED_TEST_TEMPLATE;

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
    await seedDataDir(dir);
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
    await seedDataDir(dir);
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
    const store = await openEmbeddedStore(dir, template ? new Blob([readFileSync(template)]) : undefined);
    try {
      assert.deepEqual(await listWorkspaces({ store }), []);
    } finally {
      await store.close();
    }
  });
});

describe('embedded database lock: who holds it', () => {
  const freshLock = () => join(mkdtempSync(join(tmpdir(), 'vetted-lock-')), 'vetted.lock');
  const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  const startOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  };
  const dead = 2 ** 22 + 54321;
  const locked = (pid: number) => (error: unknown) => {
    assert.ok(error instanceof DatabaseLockedError);
    assert.equal(error.holder.pid, pid);
    return true;
  };
  async function sleeper() {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((r) => child.once('spawn', r));
    return child;
  }

  it('records its holder by pid, start time, boot id and a token of its own', () => {
    const path = freshLock();
    const lock = acquireLock(path);
    const info = readLock(path)!;
    assert.equal(info.pid, process.pid);
    assert.equal(info.start, startOf(process.pid));
    assert.equal(info.boot, boot);
    assert.match(info.token ?? '', /^[0-9a-f-]{36}$/);
    lock.release();
    assert.equal(existsSync(path), false);
  });

  it('takes over a lock naming our pid that this process did not write (a container restarted as pid 1)', () => {
    for (const left of [{ pid: process.pid }, { pid: process.pid, start: startOf(process.pid), boot, token: 'old' }]) {
      const path = freshLock();
      writeFileSync(path, JSON.stringify(left));
      const lock = acquireLock(path);
      assert.notEqual(readLock(path)!.token, left.token);
      lock.release();
    }
  });

  it('never takes over a lock this process holds', () => {
    const path = freshLock();
    const lock = acquireLock(path);
    assert.throws(() => acquireLock(path), locked(process.pid));
    lock.release();
    acquireLock(path).release();
  });

  it('tells a live holder from a process given the same pid later, or before a reboot', async () => {
    const child = await sleeper();
    try {
      const pid = child.pid!;
      const start = startOf(pid);
      const path = freshLock();
      writeFileSync(path, JSON.stringify({ pid, start, boot, token: 'live' }));
      assert.throws(() => acquireLock(path), locked(pid));
      for (const stale of [
        { pid, start: start + 1, boot, token: 'reused pid' },
        { pid, start, boot: 'a boot before this one', token: 'rebooted' },
      ]) {
        writeFileSync(path, JSON.stringify(stale));
        acquireLock(path).release();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes a lock without content for one being written, not for a stale one, until it is long unchanged', () => {
    const path = freshLock();
    writeFileSync(path, '');
    assert.throws(
      () => acquireLock(path),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseLockedError);
        assert.match(error.message, /its lock is being written/);
        return true;
      },
    );
    assert.equal(readFileSync(path, 'utf8'), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    acquireLock(path).release();
  });

  it('finishes a takeover whose taker died half way, and waits for one whose taker lives', async () => {
    const path = freshLock();
    writeFileSync(path, JSON.stringify({ pid: dead }));
    writeFileSync(claimFor(path)!, JSON.stringify({ pid: dead + 1, token: 'died taking over' }));
    const lock = acquireLock(path);
    assert.deepEqual(readdirSync(join(path, '..')), ['vetted.lock']);
    lock.release();

    const child = await sleeper();
    try {
      writeFileSync(path, JSON.stringify({ pid: dead }));
      const claim = { pid: child.pid!, start: startOf(child.pid!), boot, token: 'taking over' };
      writeFileSync(claimFor(path)!, JSON.stringify(claim));
      assert.throws(() => acquireLock(path), locked(child.pid!));
      assert.deepEqual(readLock(path), { pid: dead });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('is rewritten whole by update(): a reader never sees it half written', async () => {
    const path = freshLock();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'lock-holder.ts'), 'update', path, '1000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
    });
    while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 5));
    let reads = 0;
    const torn: string[] = [];
    while (!out.includes('done')) {
      for (let i = 0; i < 200; i++) {
        let raw: string;
        try {
          raw = readFileSync(path, 'utf8');
        } catch {
          continue;
        }
        reads++;
        try {
          JSON.parse(raw);
        } catch {
          torn.push(raw.slice(-40));
        }
      }
      await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => child.once('exit', r));
    assert.ok(reads > 100, `only ${reads} reads overlapped the updates`);
    assert.deepEqual(torn, [], `${torn.length} of ${reads} reads saw a partial lock`);
  });
});
