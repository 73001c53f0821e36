import type { InjectOptions } from 'fastify';
import { buildServer, type Server } from '../../src/api/server.ts';
import type { Store } from '../../src/store/database.ts';
import { testStore } from './store.ts';

export interface TestApi {
  app: Server;
  store: Store;
  /** A workspace "acme" with an owner, created fresh for each `reset()`. */
  owner: { id: string; name: string };
  call(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  /** The same, acting as the given member (default: the owner). */
  as(memberId?: string): TestApi['call'];
  close(): Promise<void>;
}

export async function startApi(options: { logs?: string[] } = {}): Promise<TestApi> {
  const store = await testStore();
  const logger = options.logs
    ? { level: 'debug', stream: { write: (line: string) => options.logs!.push(line) } }
    : false;
  const app = await buildServer({ store }, { logger });
  const call: TestApi['call'] = async (method, url, body, headers = {}) => {
    const res = await app.inject({
      method,
      url,
      headers,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body, headers: { 'content-type': 'application/json', ...headers } }
          : { payload: body as object }),
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {}
    return { status: res.statusCode, body: parsed, headers: res.headers };
  };
  const ws = await call('POST', '/api/workspaces', { slug: 'acme', name: 'Acme', owner: { name: 'Ada Owner' } });
  if (ws.status !== 201) throw new Error(`setup failed: ${JSON.stringify(ws.body)}`);
  const owner = { id: ws.body.owner.id as string, name: ws.body.owner.name as string };
  const api: TestApi = {
    app,
    store,
    owner,
    call,
    as:
      (memberId = owner.id) =>
      (method, url, body, headers = {}) =>
        call(method, url, body, { 'vetted-actor': memberId, ...headers }),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
  return api;
}
