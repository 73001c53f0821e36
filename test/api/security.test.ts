import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { hostRules, rateLimited, security } from '../../src/api/security.ts';
import { buildServer, type Server } from '../../src/api/server.ts';
import { webPlugin } from '../../src/api/web.ts';
import type { IdeaPage, Problem } from '../../src/schema/index.ts';
import { assertProblem, type Reply, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

/** A server on the test's database, built while the given environment variables are set. */
async function serverWith(api: TestApi, env: Record<string, string>, extend?: typeof webPlugin): Promise<Server> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await buildServer(
      { store: api.store },
      { logger: false, cache: false, identity: { localKey: api.localKey }, ...(extend ? { extend } : {}) },
    );
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A raw HTTP request, so the Host header is exactly what a rebinding browser would send. */
function raw<T = unknown>(
  port: number,
  method: string,
  path: string,
  host: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host, ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        // The body takes the shape the caller named, as in test/helpers/api.ts: the assertions that read it check it.
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text || 'null') as T, text }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const directives = (csp: unknown) =>
  new Map(
    String(csp)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );

function assertNoInlineScript(csp: unknown) {
  const d = directives(csp);
  const scripts = d.get('script-src') ?? d.get('default-src');
  assert.ok(scripts, `no script policy in ${csp}`);
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:'])
    assert.ok(!scripts.includes(bad), `script-src allows ${bad}: ${csp}`);
  assert.ok(!String(csp).includes("'unsafe-inline'"), `unsafe-inline in ${csp}`);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"], String(csp));
  assert.deepEqual(d.get('object-src') ?? d.get('default-src'), ["'none'"], String(csp));
}

describe(`security headers, the Host check and rate limits (${engine()})`, () => {
  let api: TestApi;
  let web: Server;
  let webDir: string;

  before(async () => {
    api = await startApi();
    webDir = mkdtempSync(join(tmpdir(), 'vetted-web-'));
    // The shape Vite builds (dist/web/index.html): module script and stylesheet by URL, favicon as data:.
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html><head><link rel="icon" href="data:image/svg+xml,x">' +
        '<script type="module" crossorigin src="/assets/index-x.js"></script>' +
        '<link rel="stylesheet" href="/assets/index-x.css"></head><body><div id="root"></div></body></html>',
    );
    web = await serverWith(api, { VETTED_WEB_DIR: webDir }, webPlugin);
  });
  after(async () => {
    await web?.close();
    await api?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('headers', () => {
    it('sends nosniff and no-referrer on every response, errors included', async () => {
      for (const [method, url, status] of [
        ['GET', '/api/health', 200],
        ['GET', '/api/nowhere', 404],
        ['POST', `${WS}/ideas`, 401],
        ['GET', '/openapi.json', 200],
        ['GET', '/', 200],
        ['GET', '/docs/', 200],
      ] as const) {
        const r = await web.inject({ method, url, ...(method === 'POST' ? { payload: { title: 'x' } } : {}) });
        assert.equal(r.statusCode, status, `${method} ${url}: ${r.body.slice(0, 200)}`);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', `${method} ${url}`);
        assert.equal(r.headers['referrer-policy'], 'no-referrer', `${method} ${url}`);
        assert.ok(r.headers['content-security-policy'], `${method} ${url} has no CSP`);
      }
    });

    it('gives the web app a CSP without inline scripts that forbids framing, on every app address', async () => {
      for (const url of ['/', '/ideas/12', '/workspaces/acme/board?x=1']) {
        const r = await web.inject({ method: 'GET', url });
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /^text\/html/);
        assert.match(r.body, /id="root"/);
        assertNoInlineScript(r.headers['content-security-policy']);
        const d = directives(r.headers['content-security-policy']);
        assert.deepEqual(d.get('script-src'), ["'self'"]);
        assert.deepEqual(d.get('style-src'), ["'self'"]);
        assert.equal(r.headers['x-frame-options'], 'DENY', url);
      }
    });

    it('keeps the policy of a page revalidated with 304, which the browser stores with its copy', async () => {
      const first = await web.inject({ method: 'GET', url: '/ideas/3' });
      assert.ok(first.headers.etag, 'index.html has no ETag');
      const again = await web.inject({
        method: 'GET',
        url: '/ideas/3',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.headers['content-security-policy'], first.headers['content-security-policy']);
      assert.equal(again.headers['x-frame-options'], 'DENY');
    });

    it('gives the API reference a CSP without inline scripts that forbids framing', async () => {
      const r = await web.inject({ method: 'GET', url: '/docs/' });
      assert.match(r.body, /swagger-initializer\.js/);
      assert.doesNotMatch(r.body, /<script>|<script(?![^>]*\bsrc=)[^>]*>\s*\S/, 'Swagger UI page has an inline script');
      assertNoInlineScript(r.headers['content-security-policy']);
      assert.equal(r.headers['x-frame-options'], 'DENY');
      const js = await web.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
      assert.equal(js.statusCode, 200);
      assert.equal(js.headers['x-content-type-options'], 'nosniff');
    });

    it("keeps the API's answers from loading or running anything when a browser renders them", async () => {
      const r = await web.inject({ method: 'GET', url: '/api/health' });
      const d = directives(r.headers['content-security-policy']);
      assert.deepEqual(d.get('default-src'), ["'none'"]);
      assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
    });

    it('serves the "not built" page under a policy that allows its one style sheet by hash', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'vetted-noweb-'));
      const bare = await serverWith(api, { VETTED_WEB_DIR: empty }, webPlugin);
      try {
        const r = await bare.inject({ method: 'GET', url: '/' });
        assert.equal(r.statusCode, 503);
        const csp = String(r.headers['content-security-policy']);
        assertNoInlineScript(csp);
        const style = /<style>([\s\S]*?)<\/style>/.exec(r.body)![1]!;
        const { createHash } = await import('node:crypto');
        const hash = createHash('sha256').update(style).digest('base64');
        assert.deepEqual(directives(csp).get('style-src'), [`'sha256-${hash}'`]);
      } finally {
        await bare.close();
        rmSync(empty, { recursive: true, force: true });
      }
    });

    it("the app's HTML template has no inline script or style for Vite to carry into the build", () => {
      const html = readFileSync(new URL('../../src/web/index.html', import.meta.url), 'utf8');
      assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i);
      for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
        assert.match(tag, /^<script\b[^>]*\bsrc=[^>]*><\/script>$/, `inline script: ${tag}`);
    });
  });

  describe('Host check', () => {
    it('answers loopback names on any port by default (inject sends localhost:80)', async () => {
      for (const host of ['localhost', 'localhost:80', 'LOCALHOST:3000', '127.0.0.1:3000', '[::1]:3000', '127.0.0.2']) {
        const r = await api.app.inject({ method: 'GET', url: '/api/health', headers: { host } });
        assert.equal(r.statusCode, 200, `${host}: ${r.body}`);
      }
    });

    it('refuses any other name with 421 problem+json, before the route runs', async () => {
      for (const host of ['evil.example', 'evil.example:80', 'localhost.evil.example', 'x@localhost', 'local host']) {
        const r = await api.as()('POST', `${WS}/ideas`, { title: `Rebound ${host}` }, { host });
        assertProblem(r, 421);
        assert.match(r.body.detail, /VETTED_PUBLIC_URL/);
        assert.equal(r.headers['x-content-type-options'], 'nosniff');
      }
      const stored = await api.rows<{ n: number }>(`select count(*)::int as n from ideas where title like 'Rebound%'`);
      assert.equal(stored[0]!.n, 0);
    });

    it('answers the names VETTED_PUBLIC_URL and VETTED_ALLOWED_HOSTS give, with their ports', async () => {
      const app = await serverWith(api, {
        VETTED_PUBLIC_URL: 'https://Vetted.Example.com/',
        VETTED_ALLOWED_HOSTS: ' intranet.example , other.example:8443,',
      });
      try {
        const expect = {
          'vetted.example.com': 200,
          'vetted.example.com:443': 200,
          'vetted.example.com.': 200,
          'vetted.example.com:8080': 421,
          'intranet.example:3000': 200,
          'other.example:8443': 200,
          'other.example': 421,
          'localhost:3000': 200,
          'evil.example': 421,
        };
        for (const [host, status] of Object.entries(expect)) {
          const r = await app.inject({ method: 'GET', url: '/api/health', headers: { host } });
          assert.equal(r.statusCode, status, `${host}: ${r.body}`);
        }
      } finally {
        await app.close();
      }
    });

    it('refuses to start on a setting it cannot read', () => {
      assert.throws(() => hostRules({ publicUrl: 'vetted.example.com' }), /VETTED_PUBLIC_URL is not a URL/);
      assert.throws(() => hostRules({ allowedHosts: 'ok.example, not a host' }), /VETTED_ALLOWED_HOSTS/);
    });

    it('defeats DNS rebinding on a listening server: a foreign Host writes and reads nothing', async () => {
      const app = await serverWith(api, {});
      try {
        await app.listen({ host: '127.0.0.1', port: 0 });
        const port = (app.server.address() as { port: number }).port;
        const actor = { 'vetted-actor': api.owner.id, authorization: `Bearer ${api.localKey}` };
        const evil = await raw<Problem>(port, 'POST', `${WS}/ideas`, `evil.example:${port}`, actor, {
          title: 'Rebinding write',
        });
        assert.equal(evil.status, 421);
        assert.match(String(evil.headers['content-type']), /^application\/problem\+json/);
        assert.equal(evil.body.status, 421);
        // Refused: whatever came back, it must carry no page of ideas.
        const read = await raw<Partial<IdeaPage>>(port, 'GET', `${WS}/ideas`, `evil.example:${port}`);
        assert.equal(read.status, 421);
        assert.equal(read.body.items, undefined);
        const none = await api.rows<{ n: number }>(
          `select count(*)::int as n from ideas where title = 'Rebinding write'`,
        );
        assert.equal(none[0]!.n, 0);

        const ok = await raw(port, 'POST', `${WS}/ideas`, `127.0.0.1:${port}`, actor, { title: 'Honest write' });
        assert.equal(ok.status, 201, JSON.stringify(ok.body));
        assert.equal((await raw(port, 'GET', '/api/health', `localhost:${port}`)).status, 200);
      } finally {
        await app.close();
      }
    });

    it('on all interfaces with nothing configured: warns once, answers this host name, refuses others', async () => {
      const logs: string[] = [];
      const saved = process.env.VETTED_PUBLIC_URL;
      delete process.env.VETTED_PUBLIC_URL;
      const app = await buildServer(
        { store: api.store },
        { cache: false, logger: { level: 'warn', stream: { write: (l: string) => logs.push(l) } } },
      );
      if (saved !== undefined) process.env.VETTED_PUBLIC_URL = saved;
      try {
        await app.listen({ host: '0.0.0.0', port: 0 });
        const port = (app.server.address() as { port: number }).port;
        const warnings = logs.filter((l) => l.includes('VETTED_PUBLIC_URL'));
        assert.equal(warnings.length, 1, logs.join('\n'));
        assert.equal(JSON.parse(warnings[0]!).level, 40);
        assert.equal((await raw(port, 'GET', '/api/health', `${hostname()}:${port}`)).status, 200);
        assert.equal((await raw(port, 'GET', '/api/health', `evil.example:${port}`)).status, 421);
      } finally {
        await app.close();
      }
    });
  });

  describe('rate limits', () => {
    const lookup = (remoteAddress: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/receipts/lookup',
        payload: { code: 'VT-AAAA-BBBB-CCCC-DDDD' },
        remoteAddress,
      });

    it('answers the 11th receipt lookup within a minute with 429 problem+json and Retry-After', async () => {
      for (let i = 1; i <= 10; i++) assert.equal((await lookup('203.0.113.7')).statusCode, 404, `lookup ${i}`);
      const r = await lookup('203.0.113.7');
      const reply: Reply = { status: r.statusCode, body: r.json(), headers: r.headers, text: r.body };
      assertProblem(reply, 429);
      const wait = Number(r.headers['retry-after']);
      assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `retry-after ${r.headers['retry-after']}`);
      assert.match(reply.body.detail, new RegExp(`wait ${wait} seconds`));
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    });

    it('does not count one client against another', async () => {
      assert.equal((await lookup('203.0.113.8')).statusCode, 404);
      assert.equal((await lookup('2001:db8::1')).statusCode, 404);
    });

    it('leaves every other route unlimited', async () => {
      for (let i = 0; i < 30; i++) {
        const r = await api.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '203.0.113.7' });
        assert.equal(r.statusCode, 200, `request ${i + 1}`);
        assert.equal(r.headers['x-ratelimit-limit'], undefined);
      }
    });

    it('offers the same limit to any route through rateLimited()', async () => {
      const app = Fastify();
      await security(app, {});
      app.post('/sign-in', { config: rateLimited({ max: 2, timeWindow: 60_000 }) }, async () => ({ ok: true }));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await app.inject({ method: 'POST', url: '/sign-in' })).statusCode);
      assert.deepEqual(statuses, [200, 200, 429]);
      assert.deepEqual(rateLimited(), { rateLimit: { max: 10, timeWindow: 60_000 } });
      await app.close();
    });
  });
});
