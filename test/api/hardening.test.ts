import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { buildServer } from '../../src/api/server.ts';
import { webPlugin } from '../../src/api/web.ts';
import { type ImportReport, type Portfolio, Problem } from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const I = `${WS}/ideas/1`;

/** Send raw bytes to a listening server and return what came back (status line, headers, body). */
function raw(port: number, text: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let data = '';
    socket.on('data', (d) => {
      data += d;
    });
    // The server answers and closes while a long request is still arriving: the kernel may then reset the
    // connection (Node 24 does this), after the answer has already been read.
    socket.on('error', (error) => (data ? undefined : reject(error)));
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
  });
}

describe(`hardening: hostile input and resource limits (${engine()})`, () => {
  let api: TestApi;
  let port: number;
  let version: number;

  before(async () => {
    api = await startApi();
    const idea = await api.idea({ title: 'Self-serve refunds', tags: ['support'] });
    version = idea.version;
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.server.address() as AddressInfo).port;
  });
  after(() => api.close());

  it('refuses deeply nested JSON with 400 on every JSON route shape, never a 500', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const [method, url, body] of [
      ['POST', `${WS}/ideas`, `{"title":"x","tags":${deep}}`],
      ['PUT', `${I}/frame`, `{"who":${deep}}`],
      ['POST', `${WS}/import`, `{"format":"vetted.portfolio/v1","opportunities":${deep}}`],
      ['POST', `${WS}/import`, '['.repeat(200_000) + ']'.repeat(200_000)],
    ] as const) {
      const r = await api.as()(method, url, body);
      assertProblem(r, 400);
      assert.match(r.body.detail, /nested too deeply/, r.text);
    }
  });

  it('refuses lone surrogates with 400 naming the field, in text and jsonb fields alike', async () => {
    const before = JSON.stringify(await api.dump());
    const cases: [string, string, unknown, string][] = [
      ['POST', `${WS}/ideas`, { title: 'ok \ud800 title' }, '/title'],
      [
        'PATCH',
        I,
        { version, statement: { object: 'x\udfff', users: 'u', doesWhat: 'd', goal: 'g' } },
        '/statement/object',
      ],
      ['PUT', `${I}/frame`, { who: 'Shoppers \udbff' }, '/who'],
      [
        'POST',
        `${I}/assumptions`,
        { statement: '\ud800', kind: 'risk', area: 'desirability', importance: 3 },
        '/statement',
      ],
      ['POST', `${I}/competitors`, { name: 'Rival \ud800' }, '/name'],
    ];
    for (const [method, url, body, path] of cases) {
      // JSON.stringify escapes lone surrogates as \udXXX, exactly as a hostile client would send them.
      const r = await api.as()(method as 'POST', url, JSON.stringify(body));
      assertProblem(r, 400, path);
    }
    const query = await api.call('GET', `${WS}/ideas?q=%ED%A0%80`);
    assert.notEqual(query.status, 500, query.text);
    assert.equal(JSON.stringify(await api.dump()), before, 'a refused write changed nothing');
  });

  it('answers bad percent-encoding and an oversized URL with problem+json', async () => {
    for (const path of ['/api/workspaces/%ff', `${WS}/ideas/%ED%A0%80`]) {
      const r = await api.call('GET', path);
      assertProblem(r, 400);
    }
    const huge = await raw(port, `GET /api/workspaces/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    assert.equal(huge.status, 431);
    assert.match(huge.headers, /content-type: application\/problem\+json/i);
    const problem: unknown = JSON.parse(huge.body);
    assert.ok(Value.Check(Problem, problem), `not a problem+json body: ${huge.body}`);
    assert.equal(problem.status, 431);
  });

  it('accepts only http(s) links on evidence, in the API and in import', async () => {
    const base = { kind: 'quote', summary: 's', source: 'src', observedOn: '2025-01-01', strength: 'anecdote' };
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'ftp://example.com/x', 'JaVaScRiPt:alert(1)']) {
      const r = await api.as()('POST', `${I}/evidence`, { ...base, url });
      assertProblem(r, 400, '/url');
    }
    const ok = await api.as()('POST', `${I}/evidence`, { ...base, url: 'https://example.com/notes' });
    assert.equal(ok.status, 201, ok.text);
    const imported = await api.as()<ImportReport>('POST', `${WS}/import?dryRun=true`, {
      format: 'vetted.opportunity/v1',
      idea: { title: 'Linked' },
      evidence: [{ ...base, ref: 'e1', url: 'javascript:alert(1)', dimensions: [] }],
    });
    assert.equal(imported.status, 200, imported.text);
    assert.ok(
      imported.body.errors.some((e) => e.path.endsWith('/url')),
      `import names the link: ${imported.text}`,
    );
  });

  it('gives numbers a sane range: 1e308 is no sample size or threshold', async () => {
    for (const [field, value] of [
      ['minSample', 1e308],
      ['successThreshold', 1e300],
      ['killThreshold', -1e300],
      ['minSample', 2 ** 53],
    ] as const) {
      const r = await api.as()('POST', `${I}/experiments`, {
        hypothesis: 'h',
        method: 'fake-door',
        metric: 'm',
        [field]: value,
      });
      assertProblem(r, 400, `/${field}`);
    }
  });

  it('bounds the read cache by bytes, keys it by what changes a response, and never keeps exports', async () => {
    // Enough ideas that the export is several batches and a few hundred kilobytes.
    const opportunities = Array.from({ length: 600 }, (_, i) => ({
      format: 'vetted.opportunity/v1',
      idea: { title: `Imported idea ${i}`, description: 'd'.repeat(400) },
    }));
    const imported = await api.as()('POST', `${WS}/import`, opportunities);
    assert.equal(imported.status, 200, imported.text);
    const stats = api.app.readCacheStats;
    if (engine() === 'postgres') {
      assert.equal(stats, undefined, 'no read cache on PostgreSQL: other servers may write');
    } else {
      assert.ok(stats);
      // A few rounds show it: each full export of 600 ideas costs a second or more on PGlite.
      for (let n = 0; n < 5; n++) {
        const junk = await api.call('GET', `${WS}/export`, undefined, { 'vetted-actor': `junk ${n} ${'x'.repeat(n)}` });
        assertProblem(junk, 403);
        const r = await api.call('GET', `${WS}/export`);
        assert.equal(r.status, 200);
        assert.notEqual(r.headers['x-cache'], 'hit');
      }
      assert.equal(stats().entries, 0, 'exports are never cached, and made-up actors are refused before the cache');
      for (let n = 0; n < 50; n++) {
        assertProblem(await api.call('GET', `${WS}/ideas/2`, undefined, { 'vetted-actor': `junk ${n}` }), 403);
        await api.call('GET', `${WS}/ideas/2`, undefined, { 'vetted-actor': api.owner.id });
      }
      assert.equal(stats().entries, 1, 'one entry for a route whose answer does not depend on who asks');
      const hit = await api.call('GET', `${WS}/ideas/2`);
      assert.equal(hit.headers['x-cache'], 'hit');
      const refused = await api.call('GET', `${WS}/ideas/2`, undefined, { 'vetted-actor': 'anything' });
      assertProblem(refused, 403);
      assert.ok(stats().bytes <= stats().maxBytes);
    }
  });

  it('streams a large export as a valid, re-importable file while other requests get through', async () => {
    const full = await api.call<Portfolio>('GET', `${WS}/export`);
    assert.equal(full.status, 200);
    assert.equal(full.body.opportunities.length, 601);
    // Sent in pieces as it is read, never built as one string first.
    assert.equal(full.headers['transfer-encoding'], 'chunked');
    assert.equal(full.headers['content-length'], undefined);
    assert.deepEqual(
      full.body.opportunities.slice(0, 2).map((o) => o.idea.title),
      ['Self-serve refunds', 'Imported idea 0'],
    );
    const csv = await api.call('GET', `${WS}/export?format=csv`);
    assert.equal(csv.text.trim().split('\n').length, 602);
    const unknown = await api.call('GET', '/api/workspaces/nope/export');
    assertProblem(unknown, 404);

    // Read the export's first bytes, then stop reading: a request sent now must still be answered.
    const paused = await new Promise<{ destroy(): void }>((resolve, reject) => {
      const headers = { authorization: `Bearer ${api.localKey}` };
      const req = httpRequest({ port, host: '127.0.0.1', path: `${WS}/export`, headers }, (res) => {
        res.once('data', () => {
          res.pause();
          resolve({ destroy: () => req.destroy() });
        });
      });
      req.on('error', reject);
      req.end();
    });
    try {
      const res = await fetch(`http://127.0.0.1:${port}${WS}/ideas/2`, {
        headers: { authorization: `Bearer ${api.localKey}` },
      });
      assert.equal(res.status, 200);
    } finally {
      paused.destroy();
    }
  });
});

describe('the web app is cached by its hashes, never its page', () => {
  it('serves index.html (at /, /index.html and app routes) no-cache, hashed assets immutable', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vetted-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Vetted</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    const previous = process.env.VETTED_WEB_DIR;
    process.env.VETTED_WEB_DIR = root;
    const api = await startApi();
    const app = await buildServer({ store: api.store }, { logger: false, extend: webPlugin });
    try {
      for (const path of ['/', '/index.html', '/w/acme/ideas/1']) {
        const r = await app.inject({ method: 'GET', url: path });
        assert.equal(r.statusCode, 200, path);
        assert.equal(r.headers['cache-control'], 'no-cache', path);
      }
      const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    } finally {
      if (previous === undefined) delete process.env.VETTED_WEB_DIR;
      else process.env.VETTED_WEB_DIR = previous;
      await app.close();
      await api.close();
    }
  });
});
