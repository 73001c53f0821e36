import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';

export interface LockInfo {
  pid: number;
  /** Set by `vetted serve`, so a CLI that finds the lock can talk to the server instead. */
  url?: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database is in use by another Vetted process (pid ${holder.pid}${holder.url ? `, serving ${holder.url}` : ''}). ` +
        'Only one process may open it at a time: stop that process, point this one at the server, or use DATABASE_URL.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/**
 * PGlite lets two processes open one data directory without complaint, and then loses committed rows
 * (stack notes, must-do 1). So we take an exclusive lock file first: created with O_EXCL, holding our pid,
 * taken over only when the pid inside is no longer running.
 */
export function acquireLock(path: string): { update(info: Partial<LockInfo>): void; release(): void } {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid } satisfies LockInfo));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readLock(path);
        if (holder?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return {
        update: (info) => writeFileSync(path, JSON.stringify({ ...readLock(path), ...info, pid: process.pid })),
        release: () => {
          process.off('exit', release);
          release();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      if (holder && alive(holder.pid)) throw new DatabaseLockedError(path, holder);
      // A stale lock from a process that died: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not take the database lock at ${path}.`);
}
