import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { DrizzleQueryError } from 'drizzle-orm';
import Fastify from 'fastify';
import pg from 'pg';
import { Value } from 'typebox/value';
import { errorHandler } from '../../src/api/problems.ts';
import { buildServer, type Server } from '../../src/api/server.ts';
import { type ChallengeResponse, type Health, Problem, WorkspaceCreated } from '../../src/schema/index.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { assertProblem, type Reply, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/** What /api/health answers: the route's own response schema (src/api/routes/health.ts). */

/** The machine's own user (src/api/identity.ts): these tests are about the database, not about sign-in. */
const LOCAL_KEY = `faults-${process.pid}-${Date.now()}`;
const AUTH = { authorization: `Bearer ${LOCAL_KEY}` };

const run = promisify(execFile);

/** Poll until `ready()` holds; fail with `what` after `ms`. */
async function until(ready: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const listening = async (server: HttpServer) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

describe('health and readiness', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  it('says the process is alive and the database is up', async () => {
    const live = await api.call('GET', '/api/health');
    assert.equal(live.status, 200, live.text);
    assert.deepEqual(live.body, { ok: true, engine: engine(), database: 'up' });
    const ready = await api.call('GET', '/api/health/ready');
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(ready.body, { ok: true, engine: engine(), database: 'up' });
  });
});

describe('errors from a connection that failed', () => {
  const PARAMS = ['zq-secret-workspace', 'f00dfacef00dface-receipt-hash', 'Priya Confidential'];
  const QUERY = 'select "id" from "workspaces" where "slug" = $1 and "receipt" = $2 and "name" = $3';
  const errno = (code: string, message: string) => Object.assign(new Error(message), { code, errno: -111 });
  const failures: Record<string, () => Error> = {
    terminated: () => new DrizzleQueryError(QUERY, PARAMS, new Error('Connection terminated unexpectedly')),
    refused: () => new DrizzleQueryError(QUERY, PARAMS, errno('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    reset: () => new DrizzleQueryError(QUERY, PARAMS, errno('ECONNRESET', 'read ECONNRESET')),
    'pool timeout': () => new DrizzleQueryError(QUERY, PARAMS, new Error('timeout exceeded when trying to connect')),
    'admin shutdown': () =>
      new DrizzleQueryError(
        QUERY,
        PARAMS,
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    'starting up': () => Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    'connection exception': () =>
      new DrizzleQueryError(QUERY, PARAMS, Object.assign(new Error('connection failure'), { code: '08006' })),
  };
  const logs: string[] = [];
  const app = Fastify({ logger: { level: 'debug', stream: { write: (line: string) => logs.push(line) } } });
  before(async () => {
    app.setErrorHandler(errorHandler);
    app.get('/fail/:kind', async (req) => {
      const kind = (req.params as { kind: string }).kind;
      throw kind === 'bug'
        ? new DrizzleQueryError(QUERY, PARAMS, new TypeError('x is not a function'))
        : failures[kind]!();
    });
    await app.ready();
  });
  after(() => app.close());

  for (const kind of Object.keys(failures)) {
    it(`answers 503 with Retry-After when the database is unreachable (${kind}), logging no parameter`, async () => {
      const mark = logs.length;
      const res = await app.inject({ method: 'GET', url: `/fail/${encodeURIComponent(kind)}` });
      assertProblem({ status: res.statusCode, body: res.json(), headers: res.headers, text: res.body }, 503);
      assert.match(String(res.headers['retry-after']), /^[1-9]\d*$/);
      const written = logs.slice(mark).join('\n');
      assert.ok(written.length > 0, 'the failure was logged');
      for (const p of PARAMS) assert.ok(!written.includes(p), `parameter ${p} reached the log: ${written}`);
      if (kind !== 'starting up') assert.ok(written.includes(JSON.stringify(QUERY).slice(1, -1)), written);
    });
  }

  it('logs any other failure of a query by its shape and cause, never its parameters', async () => {
    const mark = logs.length;
    const res = await app.inject({ method: 'GET', url: '/fail/bug' });
    assert.equal(res.statusCode, 500);
    assert.equal(res.headers['retry-after'], undefined);
    const written = logs.slice(mark).join('\n');
    assert.match(written, /x is not a function/);
    assert.match(written, /TypeError/);
    assert.ok(written.includes(JSON.stringify(QUERY).slice(1, -1)), written);
    for (const p of PARAMS) assert.ok(!written.includes(p), `parameter ${p} reached the log: ${written}`);
  });
});

describe('an LLM endpoint that fails', () => {
  const KEY = 'sk-canary-7f3a9c21d4e8b605';
  const PASSWORD = 'pw-canary-31c8e2a9';
  const QUERY_SECRET = 'qs-canary-b5d09e47';
  const env = ['VETTED_LLM_BASE_URL', 'VETTED_LLM_MODEL', 'VETTED_LLM_API_KEY', 'VETTED_LLM_RETRIES'] as const;
  const saved = Object.fromEntries(env.map((k) => [k, process.env[k]]));
  const logs: string[] = [];
  const seen: string[] = [];
  let api: TestApi;
  let echo: HttpServer;
  let port: number;
  before(async () => {
    // Echoes what it was sent, as some gateways and misconfigured proxies do.
    echo = createHttpServer((req, res) => {
      seen.push(String(req.headers.authorization));
      req.resume();
      req.on('end', () => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'upstream echo', authorization: req.headers.authorization, url: req.url }));
      });
    });
    port = await listening(echo);
    api = await startApi({ logs });
  });
  after(async () => {
    for (const k of env) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await api.close();
    echo.closeAllConnections();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('tells the caller what failed, without the endpoint body, the key or secrets in its URL', async () => {
    const idea = await api.idea({ title: 'Courier handover photos' });
    const ask = async (baseUrl: string) => {
      Object.assign(process.env, {
        VETTED_LLM_BASE_URL: baseUrl,
        VETTED_LLM_MODEL: 'echo-model',
        VETTED_LLM_API_KEY: KEY,
        VETTED_LLM_RETRIES: '0',
      });
      const r = await api.as()<ChallengeResponse>('GET', `/api/workspaces/acme/ideas/${idea.id}/challenge?ai=true`);
      assert.equal(r.status, 200, r.text);
      const { ai } = r.body;
      assert.ok(ai?.status === 'unavailable', r.text);
      return { text: r.text, ai };
    };

    const http = await ask(`http://127.0.0.1:${port}/v1?api-key=${QUERY_SECRET}`);
    assert.deepEqual(seen, [`Bearer ${KEY}`], 'the key was sent, and echoed back');
    assert.equal(http.ai.reason, 'http-error');
    assert.match(http.ai.detail, /500/);
    assert.doesNotMatch(http.text, /upstream echo/);

    const creds = await ask(`http://vetted:${PASSWORD}@127.0.0.1:${port}/v1`);
    assert.match(creds.ai.detail, /127\.0\.0\.1/, 'still says which endpoint');

    for (const text of [http.text, creds.text, logs.join('\n')]) {
      for (const secret of [KEY, PASSWORD, QUERY_SECRET]) assert.ok(!text.includes(secret), `${secret} in ${text}`);
    }
  });
});

/**
 * A PostgreSQL server of this file's own, stopped, restarted and cut off while the API serves writes. The shared
 * test server is left alone; this one lives in a temp dir on a free port.
 */
if (engine() === 'postgres') {
  describe('PostgreSQL going away and coming back', () => {
    const root = process.getuid?.() === 0;
    const pgbin =
      process.env.VETTED_PGBIN ??
      join(
        '/usr/lib/postgresql',
        readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(a) - Number(b))
          .at(-1)!,
        'bin',
      );
    const asPg = (cmd: string, args: string[]) =>
      root ? run('runuser', ['-u', 'postgres', '--', join(pgbin, cmd), ...args]) : run(join(pgbin, cmd), args);
    const WS = 'zq-fault-ws';
    const TITLE = 'Fault write';
    const logs: string[] = [];
    // Outside a test runner an uncaught error ends the server: count them here instead.
    const fatal: unknown[] = [];
    const onFatal = (error: unknown) => fatal.push(error);
    let dir: string;
    let port: number;
    let url: string;
    let store: Store;
    let app: Server;
    let base: string;
    let owner: string;

    const pgCtl = (...args: string[]) =>
      asPg('pg_ctl', [
        '-D',
        join(dir, 'data'),
        '-l',
        join(dir, 'server.log'),
        '-w',
        '-o',
        `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`,
        ...args,
      ]);
    const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    };
    const terminateAll = (c: pg.Client) =>
      c.query(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      );

    interface Sent {
      title: string;
      status: number;
      type: string | null;
      retryAfter: string | null;
      text: string;
    }
    let n = 0;
    const write = async (): Promise<Sent> => {
      const title = `${TITLE} ${n++}`;
      const res = await fetch(`${base}/api/workspaces/${WS}/ideas`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'vetted-actor': owner, ...AUTH },
        body: JSON.stringify({ title }),
        signal: AbortSignal.timeout(8000),
      });
      const s = { title, status: res.status, type: res.headers.get('content-type'), retryAfter: null as string | null };
      s.retryAfter = res.headers.get('retry-after');
      return { ...s, text: await res.text() };
    };
    const get = async <T = unknown>(path: string): Promise<Reply<T>> => {
      const res = await fetch(`${base}${path}`, { headers: AUTH, signal: AbortSignal.timeout(8000) });
      const text = await res.text();
      // The body takes the shape the caller named, as in test/helpers/api.ts: the assertions that read it check it.
      return { status: res.status, headers: Object.fromEntries(res.headers), text, body: JSON.parse(text) as T };
    };
    /** Writes one after another until stopped; the caller stops and starts the database meanwhile. */
    const stream = () => {
      const sent: Sent[] = [];
      let stopped = false;
      const done = (async () => {
        while (!stopped && sent.length < 1500) {
          sent.push(await write());
          await sleep(10);
        }
      })();
      return {
        sent,
        ok: (from = 0) => sent.slice(from).filter((s) => s.status === 201).length,
        unavailable: (from = 0) => sent.slice(from).filter((s) => s.status === 503).length,
        stop: async () => {
          stopped = true;
          await done;
        },
      };
    };
    /** Every reply was a success or a 503 a client can act on, and every success is in the database. */
    const checkWrites = async (sent: Sent[]) => {
      for (const s of sent) {
        if (s.status === 201) continue;
        assert.equal(s.status, 503, `${s.title}: ${s.status} ${s.text}`);
        assert.match(String(s.type), /^application\/problem\+json/);
        assert.match(String(s.retryAfter), /^[1-9]\d*$/, 'Retry-After says when to come back');
        const body: unknown = JSON.parse(s.text);
        assert.ok(Value.Check(Problem, body), `not a problem+json body: ${s.text}`);
        assert.equal(body.status, 503);
        assert.doesNotMatch(s.text, /\bat [\w.<>]+ \(|node_modules|Failed query|params/i);
      }
      const stored = new Set(
        await admin(async (c) =>
          (await c.query<{ title: string }>('select title from ideas')).rows.map((r) => r.title),
        ),
      );
      const missing = sent.filter((s) => s.status === 201 && !stored.has(s.title)).map((s) => s.title);
      assert.deepEqual(missing, [], 'every acknowledged write is stored');
      return stored;
    };

    before(async () => {
      process.on('uncaughtException', onFatal);
      dir = mkdtempSync(join(tmpdir(), 'vetted-faults-'));
      if (root) await run('chown', ['postgres:postgres', dir]);
      const free = createNetServer();
      await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
      port = (free.address() as AddressInfo).port;
      await new Promise<void>((resolve) => free.close(() => resolve()));
      await asPg('initdb', [
        '-D',
        join(dir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ]);
      await pgCtl('start');
      url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      store = await openStore({ databaseUrl: url });
      app = await buildServer(
        { store },
        {
          logger: { level: 'debug', stream: { write: (line: string) => logs.push(line) } },
          identity: { localKey: LOCAL_KEY },
        },
      );
      await app.listen({ host: '127.0.0.1', port: 0 });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const ws = await fetch(`${base}/api/workspaces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTH },
        body: JSON.stringify({ slug: WS, name: 'Fault workspace', owner: { name: 'Olu Owner' } }),
      });
      assert.equal(ws.status, 201);
      const created: unknown = await ws.json();
      assert.ok(Value.Check(WorkspaceCreated, created), JSON.stringify(created));
      owner = created.owner.id;
    });
    after(async () => {
      // Bounded: a pool whose server was cut can wait forever for a client to come back, and with nothing
      // else left to wait on, the process (which runs the other test files too) would end mid-run.
      const bounded = (p: Promise<unknown> | undefined) => Promise.race([p?.catch(() => {}), sleep(5000)]);
      await bounded(app?.close());
      await bounded(store?.close());
      await pgCtl('-m', 'immediate', 'stop').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
      process.off('uncaughtException', onFatal);
    });

    it('a fast shutdown mid-stream: the server stays up, answers 503 while down and recovers by itself', async () => {
      const s = stream();
      await until(() => s.ok() >= 15, '15 writes before the stop');
      await pgCtl('-m', 'fast', 'stop');
      const down = s.sent.length;
      await until(() => s.unavailable(down) >= 3, 'three 503s while the database is down');

      const ready = await get('/api/health/ready');
      assertProblem(ready, 503);
      assert.match(String(ready.headers['retry-after']), /^[1-9]\d*$/);
      const live = await get<Health>('/api/health');
      assert.equal(live.status, 200, 'the process is alive');
      assert.equal(live.body.database, 'down');

      await pgCtl('start');
      const back = s.sent.length;
      await until(() => s.ok(back) >= 15, '15 writes after the restart');
      await s.stop();

      assert.equal((await get('/api/health/ready')).status, 200);
      assert.equal((await get<Health>('/api/health')).body.database, 'up');
      const stored = await checkWrites(s.sent);
      assert.deepEqual(fatal, [], 'nothing would have ended the process');
      const figures = {
        sent: s.sent.length,
        ok: s.ok(),
        unavailable: s.unavailable(),
        okAfterRestart: s.ok(back),
        stored: [...stored].filter((t) => t.startsWith(TITLE)).length,
      };
      console.log(`# fast stop: ${JSON.stringify(figures)}`);
      assert.ok(figures.unavailable >= 3);
      assert.ok(!logs.some((l) => l.includes(WS)), 'no query parameter reached the log');
      assert.ok(logs.some((l) => /"statusCode":503/.test(l)));
    });

    it('pg_terminate_backend of every backend, busy or idle: one 503 for the cut request, then service as before', async () => {
      // Several idle connections in the pool.
      const reads = await Promise.all(Array.from({ length: 6 }, () => get(`/api/workspaces/${WS}/ideas?limit=1`)));
      for (const r of reads) assert.equal(r.status, 200, r.text);

      // A busy backend: a write waiting for a lock when it is cut off.
      const before = n;
      const cut = await admin(async (c) => {
        await c.query('begin; lock table ideas in exclusive mode');
        const pending = write();
        await until(
          async () =>
            (
              await c.query(
                `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
              )
            ).rowCount === 1,
          'the write to wait for the lock',
        );
        const killed = (await terminateAll(c)).rows[0].n as number;
        await c.query('commit');
        return { sent: await pending, killed };
      });
      assert.ok(cut.killed >= 2, `busy and idle backends were cut (${cut.killed})`);
      assert.equal(cut.sent.status, 503, cut.sent.text);

      await sleep(300);
      const after: Sent[] = [];
      for (let i = 0; i < 10; i++) after.push(await write());
      assert.deepEqual(
        after.map((s) => s.status),
        Array(10).fill(201),
        'the pool replaced its dead connections',
      );

      // Cut everything again and again while writes stream in.
      const s = stream();
      for (let i = 0; i < 3; i++) {
        const mark = s.ok();
        await until(() => s.ok() >= mark + 5, 'writes between the cuts');
        await admin(terminateAll);
      }
      const mark = s.ok();
      await until(() => s.ok() >= mark + 5, 'writes after the last cut');
      await s.stop();
      assert.deepEqual(fatal, [], 'nothing would have ended the process');
      await checkWrites([cut.sent, ...after, ...s.sent]);
      assert.equal((await get('/api/health/ready')).status, 200);
      console.log(
        `# terminate: ${JSON.stringify({ sent: n - before, ok: s.ok() + 10, unavailable: s.unavailable() + 1 })}`,
      );
    });
  });
}
