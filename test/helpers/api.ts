import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import pg from 'pg';
import { Value } from 'typebox/value';
import { buildServer, type Server } from '../../src/api/server.ts';
import {
  type IdeaCreated,
  type LinkIssued,
  type Member,
  Problem,
  SessionState,
  type WorkspaceCreated,
} from '../../src/schema/index.ts';
import type { Store } from '../../src/store/database.ts';
import { testStore } from './store.ts';

/**
 * A reply. `T` is the body the test expects, named from src/schema as the CLI and the web client name it
 * (`Problem` for an error): nothing is read from a body whose shape the test did not state.
 */
export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  /** The raw response text, for checks that must see exactly what was sent. */
  text: string;
}
export type Call = <T = unknown>(
  method: InjectOptions['method'],
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Reply<T>>;

export interface TestApi {
  app: Server;
  store: Store;
  /** The workspace "acme" and its owner, created by `startApi()`. */
  owner: { id: string; name: string };
  /**
   * A request from the machine's own user (the local key, as the CLI sends it) naming no member: it may read
   * anything, and must name a member to write. A string body is sent as-is with content-type application/json.
   */
  call: Call;
  /** A request with no credentials at all, as from anyone who can reach the server. */
  net: Call;
  /** The local key `call` and `as` send. */
  localKey: string;
  /** The same, acting as the given member (default: the owner). */
  as(memberId?: string): Call;
  /** Add a member to "acme" (as its owner; a contributor unless a role is given) and return its id. */
  member(name: string, email?: string, role?: 'owner' | 'leader' | 'contributor' | 'viewer'): Promise<string>;
  /** Submit an idea to "acme" as the owner (or the given member) and return it. */
  idea(fields: Record<string, unknown>, memberId?: string): Promise<IdeaCreated['idea']>;
  /** Rows of a raw SQL query against the test database. */
  rows<T = Record<string, unknown>>(query: string): Promise<T[]>;
  /** Every row of every table, as PostgreSQL's text form of the row, keyed by "schema.table". */
  dump(): Promise<Record<string, string[]>>;
  /**
   * Run concurrent requests so that they truly race. On PostgreSQL, inserts into `table` are held back
   * (another connection holds an EXCLUSIVE lock, which still lets them read) until every request has had
   * time to read and decide, then released together. PGlite has one connection, so it runs them as they come.
   */
  race<T>(table: string, requests: () => Promise<T>[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startApi(options: { logs?: string[] } = {}): Promise<TestApi> {
  const store = await testStore();
  const logger = options.logs
    ? { level: process.env.VETTED_LOG_LEVEL ?? 'debug', stream: { write: (line: string) => options.logs!.push(line) } }
    : false;
  const localKey = `test-${Math.random().toString(36).slice(2)}${Date.now()}`;
  const app = await buildServer({ store }, { logger, identity: { localKey } });
  const net: Call = async <T>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const payload =
      body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body, headers: { 'content-type': 'application/json', ...headers } }
          : { payload: body as object };
    const res = await app.inject({ method, url, headers, ...payload });
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : null;
    } catch {}
    // The one place a body takes the shape the caller named: the assertions that read it check it.
    return { status: res.statusCode, body: parsed as T, headers: res.headers, text: res.body };
  };
  const call: Call = (method, url, body, headers = {}) =>
    net(method, url, body, { authorization: `Bearer ${localKey}`, ...headers });
  const ws = await call<WorkspaceCreated>('POST', '/api/workspaces', {
    slug: 'acme',
    name: 'Acme',
    owner: { name: 'Ada Owner' },
  });
  if (ws.status !== 201) throw new Error(`setup failed: ${JSON.stringify(ws.body)}`);
  const owner = { id: ws.body.owner.id, name: ws.body.owner.name };
  const as =
    (memberId = owner.id): Call =>
    (method, url, body, headers = {}) =>
      call(method, url, body, { 'vetted-actor': memberId, ...headers });
  const rows = async <T>(query: string): Promise<T[]> =>
    ((await store.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;
  const api: TestApi = {
    app,
    store,
    owner,
    call,
    net,
    localKey,
    as,
    member: async (name, email, role) => {
      const r = await as()<Member>('POST', '/api/workspaces/acme/members', {
        name,
        ...(email ? { email } : {}),
        ...(role ? { role } : {}),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id;
    },
    idea: async (fields, memberId) => {
      const r = await as(memberId)<IdeaCreated>('POST', '/api/workspaces/acme/ideas', fields);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.idea;
    },
    rows,
    dump: async () => {
      const tables = await rows<{ s: string; t: string }>(
        `select table_schema as s, table_name as t from information_schema.tables
         where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
         order by 1, 2`,
      );
      const out: Record<string, string[]> = {};
      for (const { s, t } of tables) {
        const name = `"${s.replace(/"/g, '""')}"."${t.replace(/"/g, '""')}"`;
        out[`${s}.${t}`] = (await rows<{ r: string }>(`select r::text as r from ${name} r order by 1`)).map((x) => x.r);
      }
      return out;
    },
    race: async (table, requests) => {
      if (store.engine !== 'postgres') return Promise.all(requests());
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = new URL(store.location).pathname;
      const blocker = new pg.Client({ connectionString: url.toString() });
      await blocker.connect();
      try {
        await blocker.query(`begin; lock table ${table} in exclusive mode`);
        const pending = Promise.all(requests());
        await sleep(300);
        await blocker.query('commit');
        return await pending;
      } finally {
        await blocker.end();
      }
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
  return api;
}

/** Assert an error reply: the status, problem+json, and no stack trace or internals in the text. */
export function assertProblem(
  r: Reply,
  status: number,
  ...paths: string[]
): asserts r is Reply<Problem & { detail: string }> {
  assert.equal(r.status, status, r.text);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  const body = r.body;
  assert.ok(Value.Check(Problem, body), `not a problem+json body: ${r.text}`);
  assert.equal(body.status, status);
  assert.equal(typeof body.detail, 'string');
  assert.doesNotMatch(r.text, /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|stack|Failed query/i);
  for (const path of paths) {
    assert.ok(
      (body.errors ?? []).some((e) => e.path === path && e.message.length > 0),
      `expected a field error at ${path}: ${r.text}`,
    );
  }
}

/** A browser's session: its cookie on every request, its CSRF token on writes, as the web app sends them. */
export interface SessionCall extends Call {
  cookie: string;
  csrf: string;
  user: NonNullable<SessionState['user']>;
}

export function sessionFrom(api: TestApi, reply: Reply): SessionCall {
  assert.ok(reply.status === 200 || reply.status === 201, `no session: ${reply.status} ${reply.text}`);
  const setCookie = String(reply.headers['set-cookie'] ?? '');
  const cookie = /vetted_session=([^;]+)/.exec(setCookie)?.[1];
  assert.ok(cookie, `no session cookie in ${setCookie}`);
  const session = reply.body;
  assert.ok(Value.Check(SessionState, session) && session.csrf && session.user, `not a session: ${reply.text}`);
  const csrf = session.csrf;
  const call = ((method, url, body, headers = {}) =>
    api.net(method, url, body, {
      cookie: `vetted_session=${cookie}`,
      ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
      ...headers,
    })) as SessionCall;
  return Object.assign(call, { cookie, csrf, user: session.user });
}

export const PASSWORD = 'correct horse battery staple';

/** First run on the test install: the owner account, made owner of every workspace there is. */
export async function setUpOwner(api: TestApi, email = 'ada@acme.example'): Promise<SessionCall> {
  const r = await api.net('POST', '/api/auth/setup', {
    name: 'Ada Owner',
    email,
    password: PASSWORD,
    workspace: { slug: 'acme', name: 'Acme' },
  });
  return sessionFrom(api, r);
}

/** Someone joins a workspace through an invitation the given owner issued, with a new account. */
export async function joinWith(
  api: TestApi,
  owner: Call,
  ws: string,
  role: 'owner' | 'leader' | 'contributor' | 'viewer',
  name: string,
  email: string,
): Promise<SessionCall> {
  const invite = await owner<LinkIssued>('POST', `/api/workspaces/${ws}/invites`, { role });
  assert.equal(invite.status, 201, invite.text);
  const r = await api.net('POST', '/api/auth/links/use', { code: invite.body.code, name, email, password: PASSWORD });
  return sessionFrom(api, r);
}
