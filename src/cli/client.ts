import type { AppContext } from '../app/context.ts';
import { readLock } from '../store/lock.ts';
import { defaultDataDir, lockPathFor } from '../store/paths.ts';

export interface Response {
  status: number;
  body: unknown;
  text: string;
}

/**
 * The CLI speaks only the HTTP API. When a server holds the embedded database it talks to that server;
 * otherwise it opens the store itself and serves the same API in-process, so every command behaves the
 * same either way and there is one path to the data.
 */
export interface Client {
  mode: 'remote' | 'local';
  where: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** A GET whose answer is a file: the bytes as sent, and the headers that name them. */
  download(path: string): Promise<{ status: number; bytes: Buffer; contentType: string; body: unknown }>;
  /** Only in local mode: the store, for the few jobs that report progress as they write. */
  ctx?: AppContext;
  close(): Promise<void>;
}

function parse(status: number, text: string): Response {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {}
  return { status, body, text };
}

export function remoteClient(base: string): Client {
  const url = base.replace(/\/$/, '');
  return {
    mode: 'remote',
    where: url,
    async request(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      let res: globalThis.Response;
      try {
        res = await fetch(url + path, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
        });
      } catch (error) {
        throw new Error(`Cannot reach the Vetted server at ${url}: ${(error as Error).message}`);
      }
      return parse(res.status, await res.text());
    },
    async download(path) {
      let res: globalThis.Response;
      try {
        res = await fetch(url + path);
      } catch (error) {
        throw new Error(`Cannot reach the Vetted server at ${url}: ${(error as Error).message}`);
      }
      const bytes = Buffer.from(await res.arrayBuffer());
      return {
        status: res.status,
        bytes,
        contentType: res.headers.get('content-type') ?? '',
        body: parse(res.status, bytes.toString()).body,
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
  const app = await buildServer(ctx, { logger: false });
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
          ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv' : 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { payload: isText ? body : JSON.stringify(body) }),
      });
      return parse(res.statusCode, res.body);
    },
    async download(path) {
      const res = await app.inject({ method: 'GET', url: path });
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
  const server = options.server || process.env.VETTED_SERVER;
  if (server) return remoteClient(server);
  if (!process.env.DATABASE_URL) {
    const holder = readLock(lockPathFor(options.dataDir ?? defaultDataDir()));
    if (holder?.url) return remoteClient(holder.url);
  }
  const { openStore } = await import('../store/database.ts');
  return localClient({ store: await openStore({ dataDir: options.dataDir }) });
}
