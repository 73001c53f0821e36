import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import type { AppContext } from '../app/context.ts';
import { readLock } from '../store/lock.ts';
import { defaultDataDir, lockPathFor } from '../store/paths.ts';
import { readLocalKey } from './local-key.ts';
import { CliError } from './output.ts';

export interface Response {
  status: number;
  body: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The CLI speaks only the HTTP API. When a server holds the embedded database it talks to that server;
 * otherwise it opens the store itself and serves the same API in-process, so every command behaves the
 * same either way and there is one path to the data.
 */
export interface Client {
  mode: 'remote' | 'local';
  /** The server knows who this CLI is from its token (`vetted login`): no member is named per request. */
  identified?: boolean;
  where: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /**
   * A GET whose answer is a file: the bytes as sent, and the headers that name them. `onData` sees the bytes
   * as they arrive (all at once in local mode).
   */
  download(
    path: string,
    onData?: (chunk: Buffer) => void,
  ): Promise<{ status: number; bytes: Buffer; contentType: string; body: unknown }>;
  /** Only in local mode: the store, for the few jobs that report progress as they write. */
  ctx?: AppContext;
  close(): Promise<void>;
}

function parse(status: number, text: string, headers: Response['headers'] = {}): Response {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status, body, text, headers };
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** VETTED_CLIENT_TIMEOUT_MS, else 10 s: how long the CLI waits for a server before it says so and stops. */
export function clientTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.VETTED_CLIENT_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}

export interface RemoteOptions {
  timeoutMs?: number;
  /** The pid from the lock file, when the server was found that way: named in the message. */
  pid?: number | undefined;
  /** Sent as `Authorization: Bearer …`: the server's local key, or a personal API token (`vetted login`). */
  bearer?: string | undefined;
}

interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
}

/** A response that began but did not end (the connection closed mid-body). */
class CutShort extends Error {}

/**
 * One HTTP exchange on node:http (node:https for an https server), the body read whole; `onData` sees each
 * piece as it arrives. node:http is part of every start of node already, where fetch (undici) costs about
 * 50 ms to load: a noticeable part of a command that does one or two requests.
 */
async function exchange(
  target: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  signal: AbortSignal,
  onData?: (chunk: Buffer) => void,
): Promise<Exchange> {
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported protocol ${url.protocol}`);
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
  return new Promise<Exchange>((resolve, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          onData?.(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
        res.on('error', (error) => reject(signal.aborted ? error : new CutShort(error.message)));
        res.on('close', () => {
          if (!res.complete) reject(signal.aborted ? signal.reason : new CutShort('the connection closed'));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function remoteClient(base: string, options: RemoteOptions = {}): Client {
  const url = base.replace(/\/$/, '');
  const auth: Record<string, string> = options.bearer ? { authorization: `Bearer ${options.bearer}` } : {};
  const timeoutMs = options.timeoutMs ?? clientTimeoutMs();
  const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
  const server = `The Vetted server at ${url}${options.pid ? ` (pid ${options.pid})` : ''}`;
  const unanswered = () =>
    new CliError(
      `${server} did not answer within ${seconds}. ` +
        'Check it, stop it, or set VETTED_SERVER (or --server) to one that answers; VETTED_CLIENT_TIMEOUT_MS sets the wait.',
    );

  /** A server that answers its health check is alive but busy (a long document job): worth waiting for. */
  const alive = async () => {
    try {
      return (await exchange(`${url}/api/health`, {}, AbortSignal.timeout(timeoutMs))).status < 300;
    } catch {
      return false;
    }
  };

  /**
   * A stopped server (SIGSTOP, a hung host) still accepts connections into the kernel's backlog, so a
   * request alone would wait forever: every request and its body must arrive before a deadline, or the
   * server must at least answer its health check, else the command stops with a message that says what to do.
   */
  async function send(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string },
    onData?: (chunk: Buffer) => void,
  ): Promise<Exchange> {
    const abort = new AbortController();
    const work = (async () => {
      try {
        return await exchange(url + path, init, abort.signal, onData);
      } catch (error) {
        if (abort.signal.aborted) throw unanswered();
        if (error instanceof CutShort)
          throw new CliError(`${server} stopped before its answer was complete (${error.message}). Try again.`);
        throw new CliError(
          `Cannot reach the Vetted server at ${url}${options.pid ? ` (pid ${options.pid})` : ''}: ${(error as Error).message}. ` +
            'Is it running? Start it with `vetted serve`, or set VETTED_SERVER (or --server).',
        );
      }
    })();
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const watchdog = new Promise<never>((_, reject) => {
      const tick = () => {
        timer = setTimeout(async () => {
          const up = await alive();
          if (settled) return;
          if (up) return tick();
          abort.abort();
          reject(unanswered());
        }, timeoutMs);
        // The watchdog must not keep a finished CLI alive.
        timer.unref();
      };
      tick();
    });
    try {
      return await Promise.race([work, watchdog]);
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }

  return {
    mode: 'remote',
    where: url,
    identified: !!options.bearer?.startsWith('vt_'),
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      const res = await send(path, {
        method,
        headers: {
          ...auth,
          ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
      });
      return parse(res.status, res.bytes.toString('utf8'), res.headers);
    },
    async download(path, onData) {
      const res = await send(path, { headers: auth }, onData);
      return {
        status: res.status,
        bytes: res.bytes,
        contentType: String(res.headers['content-type'] ?? ''),
        body: parse(res.status, res.bytes.toString()).body,
      };
    },
    close: async () => {},
  };
}

/** The API served in-process on a store this process opened: no OpenAPI document or reference UI needed. */
export async function localClient(
  ctx: AppContext,
  close: () => Promise<void> = () => ctx.store.close(),
): Promise<Client> {
  const { buildServer } = await import('../api/server.ts');
  // This process is the machine's own user: it may name any member (src/api/identity.ts).
  const localKey = randomBytes(32).toString('base64url');
  const auth = { authorization: `Bearer ${localKey}` };
  const app = await buildServer(ctx, { logger: false, docs: false, identity: { localKey } });
  return {
    mode: 'local',
    where: ctx.store.location,
    ctx,
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      const res = await app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          ...auth,
          ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: isText ? body : JSON.stringify(body) }),
      });
      return parse(res.statusCode, res.body, res.headers as Response['headers']);
    },
    async download(path, onData) {
      const res = await app.inject({ method: 'GET', url: path, headers: auth });
      onData?.(res.rawPayload);
      return {
        status: res.statusCode,
        bytes: res.rawPayload,
        contentType: String(res.headers['content-type'] ?? ''),
        body: parse(res.statusCode, res.body).body,
      };
    },
    async close() {
      await app.close();
      await close();
    },
  };
}

export interface Connection {
  server?: string | undefined;
  dataDir?: string | undefined;
}

export async function connect(options: Connection): Promise<Client> {
  // Where to go: --server or VETTED_SERVER, else the server `vetted login` signed into, else the server
  // holding the embedded database, else the database itself.
  const { readConfig, serverKey } = await import('./config.ts');
  const config = readConfig();
  const server = options.server || process.env.VETTED_SERVER || config.server;
  if (server) {
    const token = process.env.VETTED_TOKEN || config.servers[serverKey(server)]?.token;
    return remoteClient(server, { bearer: token });
  }
  if (!process.env.DATABASE_URL) {
    const dataDir = options.dataDir ?? defaultDataDir();
    const holder = readLock(lockPathFor(dataDir));
    if (holder?.url) return remoteClient(holder.url, { pid: holder.pid, bearer: readLocalKey(dataDir) });
  }
  // V8 recompiles PGlite's WebAssembly with its optimising compiler in the background as functions run: for
  // a command that lives a second, as much CPU again as the command itself (on two cores, wall time too).
  // A larger budget keeps that for work that runs long (an import); `serve` opens its store elsewhere.
  setFlagsFromString('--wasm-tiering-budget=180000000');
  // And compiles each function when it first runs rather than all 9 MB up front: a command runs a small part
  // of PostgreSQL, and the up-front compiling competed for the two cores with the start itself.
  setFlagsFromString('--wasm-lazy-compilation');
  if (process.env.DATABASE_URL) {
    const { openStore } = await import('../store/database.ts');
    return localClient({ store: await openStore({ dataDir: options.dataDir }) });
  }
  // PostgreSQL starts on a thread of its own while this one loads and builds the server.
  const { startEmbeddedInThread } = await import('../store/pglite-thread.ts');
  const { store, ready } = await startEmbeddedInThread(options.dataDir ?? defaultDataDir());
  ready.catch(() => {});
  const client = await localClient({ store }).catch(async (error) => {
    await store.close().catch(() => {});
    throw error;
  });
  try {
    await ready;
  } catch (error) {
    await client.close();
    throw error;
  }
  return client;
}
