import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * The parts of the OpenAPI document this test reads. No schema in src/schema describes the document itself
 * (Fastify's swagger plugin writes it); the validator checks the whole of it against the OpenAPI 3.1 schema.
 * A path item's keys other than METHODS are not operations: the tests below skip them.
 */
interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/**
 * Every route Fastify registered, read from its route tree (`printRoutes`): each line is a path segment
 * under its parent, indented four characters a level, with the methods it answers in brackets.
 */
function registeredRoutes(tree: string): { method: string; url: string }[] {
  const stack: string[] = [];
  const routes: { method: string; url: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const url = stack.join('');
    for (const method of (m[3] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      routes.push({ method, url });
  }
  return routes;
}

describe(`OpenAPI document (${engine()})`, () => {
  let api: TestApi;
  let doc: OpenApiDocument;

  before(async () => {
    api = await startApi();
    const r = await api.call<OpenApiDocument>('GET', '/openapi.json');
    assert.equal(r.status, 200, r.text);
    doc = r.body;
  });
  after(() => api.close());

  it('is valid OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, '3.1');
    assert.match(doc.openapi, /^3\.1\./);
  });

  it('the validator does reject a broken document (the check can fail)', async () => {
    const broken = structuredClone(doc);
    const [first] = Object.values(broken.paths);
    assert.ok(first);
    const op = first[Object.keys(first)[0]!];
    assert.ok(op);
    op.responses = { 200: { content: {} } }; // a response without its required description
    const result = await new Validator().validate(broken);
    assert.equal(result.valid, false);
  });

  it('lists exactly the routes the server registers (beside /docs and /openapi.json)', () => {
    const all = registeredRoutes(api.app.printRoutes({ commonPrefix: false }));
    const routes = all.filter((r) => !r.url.startsWith('/docs') && r.url !== '/openapi.json');
    assert.ok(all.length > routes.length, 'the docs routes were seen, and set aside');
    // The parse reads the tree correctly: every route it found exists, and the known ones are among them.
    for (const r of routes) {
      assert.ok(api.app.hasRoute({ method: r.method as 'GET', url: r.url }), `${r.method} ${r.url} is not a route`);
    }
    const registered = new Set(
      routes
        .filter((r) => r.method !== 'HEAD') // Fastify adds HEAD to every GET by itself
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
    );
    for (const known of [
      'POST /api/workspaces/{ws}/ideas',
      'PUT /api/workspaces/{ws}/ideas/{idea}/assessments/mine',
      'DELETE /api/workspaces/{ws}/ideas/{idea}/evidence/{evidence}',
      'POST /api/receipts/lookup',
    ]) {
      assert.ok(registered.has(known), `parsed routes miss ${known}`);
    }

    const documented = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of Object.keys(item).filter((k) => METHODS.includes(k))) {
        documented.add(`${method.toUpperCase()} ${path}`);
      }
    }
    assert.deepEqual([...registered].filter((r) => !documented.has(r)).sort(), [], 'registered but not documented');
    assert.deepEqual([...documented].filter((r) => !registered.has(r)).sort(), [], 'documented but not registered');
  });

  it('describes every operation: a tag, a summary, its path parameters and its error problems', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        const where = `${method.toUpperCase()} ${path}`;
        assert.ok(op.tags?.length, `${where} has no tag`);
        assert.ok(op.summary, `${where} has no summary`);
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        assert.deepEqual(declared.sort(), params.sort(), `${where} path parameters`);
        if (path.includes('{')) assert.ok(op.responses['404'], `${where} does not declare 404`);
        if (op.requestBody) assert.ok(op.responses['400'], `${where} takes a body but does not declare 400`);
      }
    }
  });

  it('declares what every operation answers when it succeeds (or where it redirects), so clients take its type from the schema', () => {
    // A route with no response schema still gets a 200 in the document ("Default Response"), without content.
    const declares = (status: string, answer: unknown) =>
      /^3\d\d$/.test(status) ||
      status === '204' ||
      (/^2\d\d$/.test(status) && (answer as { content?: unknown }).content !== undefined);
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(item))
        if (
          METHODS.includes(method) &&
          !Object.entries(op.responses).some(([status, answer]) => declares(status, answer))
        )
          undeclared.push(`${method.toUpperCase()} ${path}`);
    assert.deepEqual(undeclared, []);
  });
});
