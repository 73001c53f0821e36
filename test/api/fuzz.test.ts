import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Evidence, StoredAssumption } from '../../src/schema/index.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * A bounded fuzz run generated from our own OpenAPI document: every route, with parameters and bodies
 * made from its schemas and then spoiled (wrong types, oversize, deep, odd Unicode, broken JSON, wrong
 * media types). Whatever arrives, the answer is never a 5xx and every error is problem+json. Seeded, so
 * a failure replays exactly.
 */

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  required?: string[];
};
/** The parts of the OpenAPI document the fuzzer reads (no schema in src/schema describes the document). */
interface OpenApiDoc {
  paths: Record<string, Record<string, Schema>>;
  components?: { schemas?: Record<string, Schema> };
}
interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: Schema }[];
  body?: Schema;
}

const REQUESTS_PER_ROUTE = 40;

/**
 * What requests leave behind is what a full collection cannot free: the heap and the buffers outside it,
 * measured after one. RSS is no measure of that: it keeps pages a collection freed, and in a stage that runs
 * every file in one process (scripts/together.ts) it moves with what the files before this one did. The
 * runtime flag makes `gc` available without a command-line option, so the measure holds however the file runs.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const retained = () => {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Mulberry32: small, fast and good enough to spread cases; the seed makes a run reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const HOSTILE_VALUES: unknown[] = [
  '\ud800',
  'a\u0000b',
  'x'.repeat(100_000),
  '𝕏🙂'.repeat(50),
  '<script>alert(1)</script>',
  "'; drop table ideas; --",
  '',
  ' ',
  1e308,
  -1e308,
  -1,
  0,
  2 ** 53 + 1,
  0.1,
  null,
  true,
  [],
  {},
  [null],
  { __proto__: { polluted: true } },
  JSON.parse(nested(200)),
];
const HOSTILE_SEGMENTS = [
  '%ff',
  '%ED%A0%80',
  '%00',
  'x'.repeat(300),
  '0',
  '-1',
  '99999999999999999999',
  '00000000-0000-4000-8000-000000000000',
  '..%2F..%2Fetc',
  '%20',
  encodeURIComponent('𝕏🙂'),
  'null',
];
const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"x"',
  '{"a":',
  nested(50_000),
  `{"x":"${'\\ud800'}"}`,
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'x'.repeat(2 * 1024 * 1024),
];

/** Percent-encode as a hostile client would: a lone surrogate goes out as its raw (invalid) UTF-8 bytes. */
const encode = (text: string) =>
  text
    .split(/(\p{Cs})/u)
    .map((part) => (/^\p{Cs}$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

function resolve(doc: { components?: { schemas?: Record<string, Schema> } }, s: Schema | undefined): Schema {
  if (!s) return {};
  if (typeof s.$ref === 'string') return resolve(doc, doc.components?.schemas?.[s.$ref.split('/').pop()!]);
  return s;
}

/** A value that mostly fits the schema: the fuzz then spoils part of it, so it gets past the outer checks. */
function generate(doc: object, schema: Schema | undefined, r: Rng, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (depth > 6) return null;
  if (s.enum) return r.pick(s.enum);
  if ('const' in s) return s.const;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return generate(doc, r.pick(branches), r, depth + 1);
  const type = Array.isArray(s.type) ? r.pick(s.type) : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (s.required?.includes(k) || r.chance(0.5)) out[k] = generate(doc, v, r, depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: r.int(3) }, () => generate(doc, s.items, r, depth + 1));
    case 'integer':
      return Math.round((s.minimum ?? 0) + r.int(5));
    case 'number':
      return (s.minimum ?? 0) + r.next();
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date') return '2025-06-01';
      if (s.format === 'date-time') return '2025-06-01T00:00:00Z';
      if (s.format === 'uri') return 'https://example.com/x';
      return 'text'.slice(0, s.maxLength ?? 4) || 't';
    default:
      return r.pick(HOSTILE_VALUES);
  }
}

/** Replace one value somewhere in the tree with a hostile one (or the whole thing). */
function spoil(value: unknown, r: Rng): unknown {
  if (!value || typeof value !== 'object' || r.chance(0.15)) return r.pick(HOSTILE_VALUES);
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0 || r.chance(0.1)) {
    copy[r.pick(['unknownField', '\ud800', '', '__proto__'])] = r.pick(HOSTILE_VALUES);
    return copy;
  }
  const k = r.pick(keys);
  copy[k] = spoil(copy[k], r);
  return copy;
}

describe(`fuzz from /openapi.json: never a 5xx, every error problem+json (${engine()})`, () => {
  let api: TestApi;
  let doc: OpenApiDoc;
  let ops: Operation[];
  const valid: Record<string, string[]> = {};

  before(async () => {
    api = await startApi();
    const idea = await api.idea({ title: 'Self-serve refunds', tags: ['support'] });
    await api.idea({ title: 'Carrier quick pay' });
    const ev = await api.as()<Evidence>('POST', '/api/workspaces/acme/ideas/1/evidence', {
      kind: 'quote',
      summary: 's',
      source: 'src',
      observedOn: '2025-01-01',
      strength: 'interview',
    });
    const as = await api.as()<StoredAssumption>('POST', '/api/workspaces/acme/ideas/1/assumptions', {
      statement: 'They want it',
      kind: 'risk',
      area: 'desirability',
      importance: 4,
    });
    doc = (await api.call<OpenApiDoc>('GET', '/openapi.json')).body;
    valid.ws = ['acme'];
    valid.idea = ['1', '2', idea.id];
    valid.evidence = [ev.body.id];
    valid.id = [as.body.id, 'A1', 'X1'];
    valid.kind = ['prd', 'one-pager', 'pitch-deck', 'competitive-analysis', 'decision-brief'];
    ops = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.[
          'application/json'
        ]?.schema;
        ops.push({
          method: method.toUpperCase(),
          path,
          params: ((op.parameters as Operation['params']) ?? []).map((p) => ({ ...p, schema: resolve(doc, p.schema) })),
          ...(body ? { body: resolve(doc, body) } : {}),
        });
      }
  });
  after(() => api.close());

  it('answers every generated request below 500, errors as problem+json, memory bounded', async (t) => {
    const r = rng(20261127);
    const histogram = new Map<number, number>();
    const failures: string[] = [];
    // Validators and serializers are compiled on a route's first request (src/api/server.ts): one request per
    // route first, so what is measured below is what requests leave behind, not what compiling costs once.
    for (const op of ops) {
      const url = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encode(valid[name]?.[0] ?? 'x'));
      await api.app.inject({
        method: op.method as 'GET',
        url,
        headers: { 'vetted-actor': api.owner.id },
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
    }
    const rssBefore = process.memoryUsage().rss;
    const retainedBefore = retained();
    const started = Date.now();
    let sent = 0;
    for (const op of ops) {
      for (let n = 0; n < REQUESTS_PER_ROUTE; n++) {
        const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
          r.chance(0.6) && valid[name] ? encode(r.pick(valid[name]!)) : r.pick(HOSTILE_SEGMENTS),
        );
        const query = op.params
          .filter((p) => p.in === 'query' && r.chance(0.5))
          .map((p) => {
            const v = r.chance(0.5) ? generate(doc, p.schema, r) : r.pick(HOSTILE_VALUES);
            const text = typeof v === 'string' ? v.slice(0, 3000) : JSON.stringify(v)?.slice(0, 3000);
            return `${p.name}=${r.chance(0.2) ? r.pick(HOSTILE_SEGMENTS) : encode(text ?? '')}`;
          })
          .join('&');
        const url = query ? `${path}?${query}` : path;
        const headers: Record<string, string> = {};
        if (r.chance(0.5))
          headers['vetted-actor'] = r.chance(0.5) ? api.owner.id : r.pick(['junk', 'x'.repeat(500), '']);
        if (r.chance(0.1)) headers['if-match'] = r.pick(['"1"', 'W/"x"', '*', '"99999999999999999999"']);
        let payload: string | undefined;
        if (op.method !== 'GET' && op.method !== 'DELETE') {
          const roll = r.next();
          if (roll < 0.2) payload = r.pick(RAW_BODIES);
          else {
            const value = generate(doc, op.body, r);
            let text: string | undefined;
            try {
              text = JSON.stringify(roll < 0.35 ? value : spoil(value, r));
            } catch {
              text = undefined;
            }
            payload = text ?? '{}';
          }
          headers['content-type'] = r.chance(0.9)
            ? 'application/json'
            : r.pick(['text/plain', 'text/csv', 'application/xml', 'multipart/form-data; boundary=x', 'bogus']);
        }
        const res = await api.app.inject({
          method: op.method as 'GET',
          url,
          headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        sent++;
        histogram.set(res.statusCode, (histogram.get(res.statusCode) ?? 0) + 1);
        const where = `${op.method} ${url.slice(0, 200)} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 300)}`);
        else if (res.statusCode >= 400) {
          const type = String(res.headers['content-type'] ?? '');
          let problemStatus: unknown;
          try {
            problemStatus = JSON.parse(res.body).status;
          } catch {}
          if (!type.startsWith('application/problem+json') || problemStatus !== res.statusCode)
            failures.push(`${where}: not problem+json (${type}): ${res.body.slice(0, 200)}`);
        }
      }
    }
    const grown = (retained() - retainedBefore) / 1024 / 1024;
    const rssGrown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    const figures = [...histogram.entries()].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s}:${c}`);
    t.diagnostic(
      `fuzz: ${sent} requests over ${ops.length} routes in ${Date.now() - started} ms; statuses ${figures.join(' ')}; retained +${grown.toFixed(1)} MB (RSS +${rssGrown.toFixed(0)} MB)`,
    );
    assert.ok(sent >= 2000, `sent ${sent}`);
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} bad answers`);
    assert.ok(grown < 32, `what the requests left behind grew by ${grown.toFixed(1)} MB`);
  });
});
