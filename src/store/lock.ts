import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface LockInfo {
  pid: number;
  /** Set by `vetted serve`, so a CLI that finds the lock can talk to the server instead. */
  url?: string;
  /** The holder's start time in clock ticks after boot (/proc/<pid>/stat field 22), where /proc is ours. */
  start?: number;
  /** The kernel's boot id: a pid and a start time mean nothing after a reboot. */
  boot?: string;
  /** Unique per acquisition: tells our own lock from one left by an earlier process that had our pid. */
  token?: string;
}

export class DatabaseLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database is in use by another Vetted process (${holder.pid ? `pid ${holder.pid}` : 'its lock is being written'}${holder.url ? `, serving ${holder.url}` : ''}). ` +
        'Only one process may open it at a time: stop that process, point this one at the server, or use DATABASE_URL.',
    );
  }
}

/** How long an acquirer waits for a lock being written or a takeover in progress before it gives up. */
const WAIT_MS = 2000;
/**
 * A lock file that does not parse can only come from an older Vetted (which wrote it after creating it) or
 * a crash mid-write; once it is this old nobody is still writing it.
 */
const UNREADABLE_STALE_MS = 10_000;
/** Temporary files older than this belong to acquirers that died before linking them in. */
const LEFTOVER_MS = 60_000;

/** Tokens of the locks and takeover claims this process holds now. */
const mine = new Set<string>();

interface Identity {
  pid: number;
  start?: number;
  boot?: string;
}

/**
 * The start time in /proc/<pid>/stat, or undefined when it cannot be read: the process may have just ended,
 * or belong to another user under `hidepid`, and only the first of those is stale.
 */
function startTimeOf(pid: number | 'self'): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const start = Number(fields[22 - 3]);
  return Number.isSafeInteger(start) ? start : undefined;
}

let self: Identity | undefined;
let procOurs: boolean | undefined;

/** /proc can be absent (macOS) or show another pid namespace than ours (unshare without --mount-proc). */
function procIsOurs(): boolean {
  if (procOurs === undefined) {
    try {
      procOurs = Number(readFileSync('/proc/self/stat', 'utf8').split(' ', 1)[0]) === process.pid;
    } catch {
      procOurs = false;
    }
  }
  return procOurs;
}

function identity(): Identity {
  if (self) return self;
  self = { pid: process.pid };
  if (procIsOurs()) {
    const start = startTimeOf('self');
    let boot: string | undefined;
    try {
      boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {}
    if (typeof start === 'number' && boot) self = { pid: process.pid, start, boot };
  }
  return self;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote `info` (a lock or a takeover claim) is certainly gone. A pid alone is not
 * enough: in a container every start is pid 1, and after a reboot pids are handed out again.
 */
function isStale(info: LockInfo): boolean {
  // Our pid in a file we did not write in this process: whoever wrote it had our pid before us, and is gone.
  if (info.pid === process.pid) return !(info.token && mine.has(info.token));
  const me = identity();
  if (me.boot && info.boot && info.boot !== me.boot) return true;
  if (!alive(info.pid)) return true;
  if (me.start !== undefined && info.start !== undefined && info.boot === me.boot) {
    const start = startTimeOf(info.pid);
    if (start !== undefined && start !== info.start) return true;
  }
  return false;
}

function parse(raw: string): LockInfo | null {
  try {
    const info = JSON.parse(raw) as LockInfo;
    return info && typeof info === 'object' && Number.isSafeInteger(info.pid) && info.pid > 0 ? info : null;
  } catch {
    return null;
  }
}

export function readLock(path: string): LockInfo | null {
  try {
    return parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** One incarnation of a file: `id` differs for every file ever created, even with the same content. */
interface Snapshot {
  raw: string;
  info: LockInfo | null;
  id: string;
  mtimeMs: number;
}

function snapshot(path: string): Snapshot | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    const raw = readFileSync(fd, 'utf8');
    const id = createHash('sha256').update(`${stat.ino}:${stat.mtimeMs}:${raw}`).digest('hex').slice(0, 32);
    return { raw, info: parse(raw), id, mtimeMs: stat.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** A file with this content, complete before anyone can see it under its own name. */
function writeTemp(path: string, info: LockInfo): string {
  const tmp = `${path}.${info.token}.tmp`;
  writeFileSync(tmp, JSON.stringify(info), { flag: 'wx' });
  return tmp;
}

/** Put `tmp` at `path` unless something is there already; link() decides that atomically. */
function linkIn(tmp: string, path: string): boolean {
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  }
  // A file system without hard links (FAT, some network shares): O_EXCL is as exclusive, only the content
  // comes a moment later, and readers take a lock without content for one being written.
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, readFileSync(tmp));
  } finally {
    closeSync(fd);
  }
  return true;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const claimPath = (path: string, of: Snapshot) => `${path}.claim.${of.id}`;

/** The claim file a takeover of the lock now at `path` creates: tests stage a crashed takeover with it. */
export function claimFor(path: string): string | null {
  const current = snapshot(path);
  return current && claimPath(path, current);
}

/**
 * Replaces the stale lock `target` with ours (already written to `tmp`). Only the process that creates the
 * claim file named after this very incarnation of the lock may replace it, so two acquirers that both
 * judged it stale can never both win. A claim whose creator died is itself claimed the same way, one level
 * up, so a crash mid-takeover blocks nobody.
 */
function takeOver(path: string, tmp: string, target: Snapshot): 'won' | 'lost' | { busy: LockInfo } {
  let victim = target;
  const climbed: string[] = [];
  let ours: string | undefined;
  const token = randomUUID();
  mine.add(token);
  try {
    const claimTmp = writeTemp(`${path}.claim`, { ...identity(), token });
    try {
      for (;;) {
        const name = claimPath(path, victim);
        if (linkIn(claimTmp, name)) {
          ours = name;
          break;
        }
        const claim = snapshot(name);
        if (!claim) continue; // its maker gave up or finished just now: try again
        if (!claim.info || !isStale(claim.info)) return { busy: claim.info ?? target.info ?? { pid: 0 } };
        climbed.push(name);
        victim = claim;
      }
    } finally {
      rmSync(claimTmp, { force: true });
    }
    // The claim is ours, but someone may have replaced that lock already (and removed its claim since).
    if (snapshot(path)?.id !== target.id) return 'lost';
    renameSync(tmp, path);
    return 'won';
  } finally {
    // These claims name lock incarnations that are gone or that we are leaving to a live claimer.
    if (ours) for (const file of [ours, ...climbed]) rmSync(file, { force: true });
    mine.delete(token);
  }
}

/** Temporary and claim files left by processes killed while acquiring. */
function sweep(path: string) {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  try {
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(prefix) || !(name.endsWith('.tmp') || name.includes('.claim.'))) continue;
      const file = join(dir, name);
      try {
        if (Date.now() - statSync(file).mtimeMs < LEFTOVER_MS) continue;
        // A claim goes only once its maker is gone: a live one may be about to replace a stale lock.
        if (name.endsWith('.tmp') || isStale(readLock(file) ?? { pid: process.pid })) rmSync(file, { force: true });
      } catch {}
    }
  } catch {}
}

export interface Lock {
  /** Add to what the lock says about its holder (`vetted serve` adds its URL). */
  update(info: Partial<LockInfo>): void;
  release(): void;
}

/**
 * PGlite lets two processes open one data directory without complaint, and then loses committed rows
 * (docs/stack.md, PGlite 1), so exactly one process may hold this lock. The lock is written whole to a
 * temporary file and linked into place (link fails if the name exists), so it is never seen half
 * written; a stale one is replaced only through a claim (see `takeOver`); and its holder is known by pid,
 * start time, boot id and a token, so a restart as the same pid (pid 1 in a container) is not locked out.
 */
export function acquireLock(path: string): Lock {
  const info: LockInfo = { ...identity(), token: randomUUID() };
  const token = info.token!;
  const tmp = writeTemp(path, info);
  const deadline = Date.now() + WAIT_MS;
  try {
    for (;;) {
      if (linkIn(tmp, path)) break;
      const current = snapshot(path);
      if (!current) continue; // released just now
      if (current.info && !isStale(current.info)) throw new DatabaseLockedError(path, current.info);
      if (!current.info && Date.now() - current.mtimeMs < UNREADABLE_STALE_MS) {
        // Being written by an older Vetted: never judged stale while it may still be in progress.
        if (Date.now() > deadline) throw new DatabaseLockedError(path, { pid: 0 });
        pause(10);
        continue;
      }
      const outcome = takeOver(path, tmp, current);
      if (outcome === 'won') break;
      if (outcome !== 'lost') {
        // Another process is taking over this stale lock right now; it will hold it in a moment.
        if (Date.now() > deadline) throw new DatabaseLockedError(path, outcome.busy);
        pause(5);
      }
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  mine.add(token);
  sweep(path);

  const ours = () => readLock(path)?.token === token;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    mine.delete(token);
    // Only the holder changes its lock while it lives, so this check cannot race with a takeover.
    if (ours()) rmSync(path, { force: true });
  };
  process.once('exit', release);
  return {
    update: (more) => {
      if (released || !ours()) return;
      const next = { ...readLock(path), ...more, ...identity(), token };
      const file = `${path}.${randomUUID()}.tmp`;
      writeFileSync(file, JSON.stringify(next), { flag: 'wx' });
      // rename() replaces atomically: a reader sees the old lock or the new one, never a half-written one.
      renameSync(file, path);
    },
    release: () => {
      process.off('exit', release);
      release();
    },
  };
}
