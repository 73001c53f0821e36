import { parentPort, workerData } from 'node:worker_threads';
import { pgliteModule } from './pglite-wasm.ts';

/**
 * The embedded database's thread (see pglite-thread.ts): opens PostgreSQL on the data directory the main
 * thread has locked, then runs the statements it is sent, one message each, until it is told to close.
 */
export interface ThreadOpen {
  pgdata: string;
}
export type ThreadRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object' }
  | { id: number; op: 'close' };
export type ThreadReply =
  | { id: number; result: unknown }
  | { id: number; error: { message: string; name: string; props: Record<string, unknown> } };

/** What survives of a database error: its message and its fields (code, detail, constraint…), which postMessage would drop. */
const describe = (error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e))
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) props[k] = v;
  return { message: e.message, name: e.name, props };
};

// PostgreSQL's WebAssembly compiles on V8's background threads while PGlite's JavaScript loads.
void pgliteModule().catch(() => {});
const { openPgdata } = await import('./pgdata.ts');

const port = parentPort!;
const { pgdata } = workerData as ThreadOpen;
// Messages that come before the database is open wait for it.
const opened = openPgdata(pgdata, { brief: true });
opened.then(
  () => port.postMessage({ id: -1, result: 'ready' } satisfies ThreadReply),
  (error) => port.postMessage({ id: -1, error: describe(error) } satisfies ThreadReply),
);

port.on('message', async (m: ThreadRequest) => {
  try {
    const db = await opened;
    if (m.op === 'close') {
      await db.close();
      port.postMessage({ id: m.id, result: null } satisfies ThreadReply);
      return;
    }
    // The query layer's parsers are PGlite's own already (TEXT_TYPES in pgdata.ts): functions could not cross anyway.
    const result = await db.query(m.sql, m.params, { rowMode: m.rowMode });
    port.postMessage({ id: m.id, result } satisfies ThreadReply);
  } catch (error) {
    port.postMessage({ id: m.id, error: describe(error) } satisfies ThreadReply);
  }
});
