import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../platform/thread.ts';
import type { Db, Store } from './database.ts';
import { acquireLock } from './lock.ts';
import { lockPathFor } from './paths.ts';
import type { ThreadOpen, ThreadReply, ThreadRequest } from './pglite-worker.ts';

/** The embedded database, once PostgreSQL has started on its thread. */
export async function openEmbeddedInThread(dataDir: string): Promise<Store> {
  const { store, ready } = await startEmbeddedInThread(dataDir);
  await ready;
  return store;
}

/**
 * The embedded database for one CLI command, on a thread of its own. Starting PostgreSQL takes ~0.3 s of
 * CPU, and so does loading the server's modules; on the main thread one waited for the other, here they run
 * on both cores at once (docs/stack.md, PGlite 6). The main thread keeps the directory's lock and the query
 * layer; the thread runs each statement it is sent. A transaction holds the thread for itself until it ends,
 * as PGlite's own transaction() does.
 *
 * The store comes back before PostgreSQL is up, so the caller can build what it needs meanwhile: statements
 * wait for `ready`, which rejects (the thread stopped, the lock freed) when PostgreSQL refuses to start.
 */
export async function startEmbeddedInThread(dataDir: string): Promise<{ store: Store; ready: Promise<void> }> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireLock(lockPathFor(dataDir));
  let worker: Worker;
  try {
    worker = startThread('pglite-worker', import.meta.url, {
      workerData: { pgdata: join(dataDir, 'pgdata') } satisfies ThreadOpen,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  const started = new Promise<void>((resolve, reject) => pending.set(-1, { resolve: () => resolve(), reject }));
  worker.on('message', (r: ThreadReply) => {
    const call = pending.get(r.id);
    if (!call) return;
    pending.delete(r.id);
    if ('error' in r) call.reject(Object.assign(new Error(r.error.message), { name: r.error.name }, r.error.props));
    else call.resolve(r.result);
  });
  const fail = (error: Error) => {
    failure ??= error;
    for (const call of pending.values()) call.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The embedded database's thread stopped (exit code ${code}).`)));

  const send = <T>(message: Unsent): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      worker.postMessage({ ...message, id } as ThreadRequest);
    });
  };
  const query = (sql: string, params: unknown[] = [], options: QueryOptions = {}) =>
    send({
      op: 'query',
      sql,
      params,
      rowMode: options.rowMode ?? 'object',
    });

  const ready = started.catch(async (error: Error) => {
    failure ??= error;
    await worker.terminate();
    lock.release();
    throw error;
  });
  // One statement or transaction at a time, the first once PostgreSQL is up: a statement sent while a
  // transaction is open waits for its end.
  let turn: Promise<unknown> = ready.catch(() => {});
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const result = turn.then(run);
    turn = result.catch(() => {});
    return result;
  };
  const client = {
    query: (sql: string, params?: unknown[], options?: QueryOptions) => exclusive(() => query(sql, params, options)),
    transaction: <T>(body: (tx: { query: typeof query }) => Promise<T>) =>
      exclusive(async () => {
        await query('BEGIN');
        try {
          const result = await body({ query });
          await query('COMMIT');
          return result;
        } catch (error) {
          await query('ROLLBACK').catch(() => {});
          throw error;
        }
      }),
  };

  // The query layer loads while the thread starts PostgreSQL.
  const [{ drizzle }, schema] = await Promise.all([import('drizzle-orm/pglite'), import('./schema.ts')]);
  const store: Store = {
    db: drizzle(client as never, { schema }) as unknown as Db,
    engine: 'pglite',
    location: dataDir,
    advertise: (info) => lock.update(info),
    close: async () => {
      try {
        // A thread that never started PostgreSQL has nothing to close.
        if (!failure) await exclusive(() => send({ op: 'close' }));
      } finally {
        await worker.terminate();
        lock.release();
      }
    },
  };
  return { store, ready };
}

/** A request before it is numbered. */
type Unsent = { [K in ThreadRequest['op']]: Omit<Extract<ThreadRequest, { op: K }>, 'id'> }[ThreadRequest['op']];

/** The query layer also sends parsers: PGlite on the thread has them already (TEXT_TYPES in pgdata.ts). */
interface QueryOptions {
  rowMode?: 'array' | 'object';
}
