import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Idea } from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const NIL = '00000000-0000-4000-8000-000000000000';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** An object is sent as JSON; a string is sent as-is as application/json. */
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  /** The fields the problem must name in errors[]. */
  paths?: string[];
  /** Words the problem's detail must contain. */
  detail?: RegExp;
}

describe(`bad input never gets a 500 or writes anything (${engine()})`, () => {
  const logs: string[] = [];
  let api: TestApi;
  /** Undefined while the cases below are built (before `before` runs). */
  let idea: Idea | undefined;

  /** A fingerprint of every row of every table, to prove a refused write changed nothing. */
  const fingerprint = async () => JSON.stringify(await api.dump());

  before(async () => {
    api = await startApi({ logs });
    idea = await api.idea({ title: 'Self-serve refunds', tags: ['support'] });
    const frame = await api.as()('PUT', `${WS}/ideas/1/frame`, { who: 'Shoppers' });
    assert.equal(frame.status, 200, frame.text);
    const ev = await api.as()('POST', `${WS}/ideas/1/evidence`, {
      kind: 'quote',
      summary: 'Asked for it',
      source: 'Call',
      observedOn: '2025-01-01',
      strength: 'interview',
    });
    assert.equal(ev.status, 201, ev.text);
    const a = await api.as()('PUT', `${WS}/ideas/1/assessments/mine`, {
      scores: { risk: { score: 3, confidence: 'medium' } },
    });
    assert.equal(a.status, 200, a.text);
    idea = (await api.call<Idea>('GET', `${WS}/ideas/1`)).body;
  });
  after(() => api.close());

  const I = `${WS}/ideas/1`;
  const long = (n: number) => 'x'.repeat(n);
  const score = (extra: Record<string, unknown> = {}) => ({ score: 3, confidence: 'high', ...extra });
  const cases: Case[] = [
    // Malformed JSON and wrong media types.
    { name: 'malformed JSON', method: 'POST', url: `${WS}/ideas`, body: '{"title": ', status: 400 },
    { name: 'malformed JSON on PATCH', method: 'PATCH', url: I, body: '{version: 1}', status: 400 },
    { name: 'trailing garbage', method: 'PUT', url: `${I}/frame`, body: '{"version": 1} x', status: 400 },
    { name: 'empty JSON body', method: 'POST', url: `${I}/decisions`, body: '', status: 400 },
    {
      name: 'prototype pollution',
      method: 'POST',
      url: `${WS}/ideas`,
      body: '{"title":"x","__proto__":{"a":1}}',
      status: 400,
    },
    { name: 'JSON array body', method: 'POST', url: `${WS}/ideas`, body: '[{"title":"x"}]', status: 400, paths: [''] },
    { name: 'JSON null body', method: 'PATCH', url: I, body: 'null', status: 400, paths: [''] },
    {
      name: 'XML body',
      method: 'POST',
      url: `${WS}/ideas`,
      body: '<idea/>',
      headers: { 'content-type': 'application/xml' },
      status: 415,
    },
    // Wrong types: no coercion of bodies.
    {
      name: 'title a number, tags a string',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 5, tags: 'x' },
      status: 400,
      paths: ['/title', '/tags'],
    },
    {
      name: 'version as a string',
      method: 'PATCH',
      url: I,
      body: { version: String(idea?.version ?? 1), title: 'x' },
      status: 400,
      paths: ['/version'],
    },
    {
      name: 'score as a string',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score({ score: '5' }) }, version: 1 },
      status: 400,
      paths: ['/scores/risk/score'],
    },
    {
      name: 'score out of range',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score({ score: 0 }) }, version: 1 },
      status: 400,
      paths: ['/scores/risk/score'],
    },
    {
      name: 'reversible as a string',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'park', rationale: 'r', reversible: 'yes', version: 1 },
      status: 400,
      paths: ['/reversible'],
    },
    {
      name: 'gap metric as strings',
      method: 'PUT',
      url: `${I}/frame`,
      body: { version: 1, gapMetric: { metric: 'm', current: '72', target: 1, unit: 'h' } },
      status: 400,
      paths: ['/gapMetric/current'],
    },
    {
      name: 'date as a number',
      method: 'POST',
      url: `${I}/evidence`,
      body: { kind: 'quote', summary: 's', source: 's', observedOn: 20250101, strength: 'survey' },
      status: 400,
      paths: ['/observedOn'],
    },
    {
      name: 'impossible date',
      method: 'POST',
      url: `${I}/evidence`,
      body: { kind: 'quote', summary: 's', source: 's', observedOn: '2025-02-30', strength: 'survey' },
      status: 400,
      paths: ['/observedOn'],
    },
    {
      name: 'year 0000',
      method: 'POST',
      url: `${I}/evidence`,
      body: { kind: 'quote', summary: 's', source: 's', observedOn: '0000-01-01', strength: 'survey' },
      status: 400,
      paths: ['/observedOn'],
    },
    {
      name: 'review date in year 0000',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'park', rationale: 'r', reversible: true, reviewOn: '0000-06-01', version: 1 },
      status: 400,
      paths: ['/reviewOn'],
    },
    {
      name: 'URL that is not one',
      method: 'POST',
      url: `${I}/evidence`,
      body: {
        kind: 'quote',
        summary: 's',
        source: 's',
        observedOn: '2025-01-01',
        strength: 'survey',
        url: 'not a url',
      },
      status: 400,
      paths: ['/url'],
    },
    {
      name: 'missing required fields',
      method: 'POST',
      url: `${I}/evidence`,
      body: {},
      status: 400,
      paths: ['/kind', '/summary', '/source', '/observedOn', '/strength'],
    },
    // Unknown fields, at the top and nested.
    {
      name: 'unknown field',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 'x', priority: 'high' },
      status: 400,
      paths: ['/priority'],
    },
    {
      name: 'stage is not editable',
      method: 'PATCH',
      url: I,
      body: { version: 1, stage: 'launched' },
      status: 400,
      paths: ['/stage'],
    },
    {
      name: 'unknown nested field',
      method: 'PATCH',
      url: I,
      body: { version: 1, rice: { reach: 1, impact: 1, confidence: 1, effort: 1, weight: 2 } },
      status: 400,
      paths: ['/rice/weight'],
    },
    {
      name: 'unknown field in a score',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score({ weight: 2 }) }, version: 1 },
      status: 400,
      paths: ['/scores/risk/weight'],
    },
    {
      name: 'unknown frame field',
      method: 'PUT',
      url: `${I}/frame`,
      body: { version: 1, colour: 'blue' },
      status: 400,
      paths: ['/colour'],
    },
    {
      name: 'unknown query parameter',
      method: 'GET',
      url: `${WS}/ideas?colour=blue`,
      status: 400,
      paths: ['querystring:/colour'],
    },
    // Oversize strings and arrays.
    {
      name: 'title too long',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: long(201) },
      status: 400,
      paths: ['/title'],
      detail: /at most 200/,
    },
    { name: 'blank title', method: 'POST', url: `${WS}/ideas`, body: { title: '   ' }, status: 400, paths: ['/title'] },
    {
      name: 'description too long',
      method: 'PATCH',
      url: I,
      body: { version: 1, description: long(10_001) },
      status: 400,
      paths: ['/description'],
    },
    {
      name: 'tag too long',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 'x', tags: [long(41)] },
      status: 400,
      paths: ['/tags/0'],
    },
    {
      name: 'too many tags',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
      status: 400,
      paths: ['/tags'],
    },
    {
      name: 'statement part too long',
      method: 'PATCH',
      url: I,
      body: {
        version: 1,
        statement: { object: long(301), users: 'u', doesWhat: 'd', goal: 'g', value: 'v', situation: 's' },
      },
      status: 400,
      paths: ['/statement/object'],
    },
    {
      name: 'note too long',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score({ note: long(2001) }) }, version: 1 },
      status: 400,
      paths: ['/scores/risk/note'],
    },
    {
      name: 'rationale too long',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'park', rationale: long(5001), reversible: true, version: 1 },
      status: 400,
      paths: ['/rationale'],
    },
    {
      name: 'frame field too long',
      method: 'PUT',
      url: `${I}/frame`,
      body: { version: 1, who: long(4001) },
      status: 400,
      paths: ['/who'],
    },
    {
      name: 'evidence summary too long',
      method: 'POST',
      url: `${I}/evidence`,
      body: { kind: 'quote', summary: long(4001), source: 's', observedOn: '2025-01-01', strength: 'survey' },
      status: 400,
      paths: ['/summary'],
    },
    {
      name: 'member name too long',
      method: 'POST',
      url: `${WS}/members`,
      body: { name: long(121) },
      status: 400,
      paths: ['/name'],
    },
    {
      name: 'query text too long',
      method: 'GET',
      url: `${WS}/ideas?q=${long(201)}`,
      status: 400,
      paths: ['querystring:/q'],
    },
    {
      name: 'idea reference too long',
      method: 'GET',
      url: `${WS}/ideas/${long(65)}`,
      status: 400,
      paths: ['params:/idea'],
    },
    {
      name: 'body over the limit',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 'x', description: long(1_100_000) },
      status: 413,
    },
    // What PostgreSQL cannot store, refused as input rather than failing in the database.
    {
      name: 'NUL in a title',
      method: 'POST',
      url: `${WS}/ideas`,
      body: { title: 'a\u0000b' },
      status: 400,
      paths: ['/title'],
    },
    {
      name: 'NUL in a JSON document',
      method: 'PATCH',
      url: I,
      body: {
        version: 1,
        statement: { object: 'o\u0000', users: 'u', doesWhat: 'd', goal: 'g', value: 'v', situation: 's' },
      },
      status: 400,
      paths: ['/statement/object'],
    },
    {
      name: 'NUL in a key',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { 'ri\u0000sk': score() }, version: 1 },
      status: 400,
      paths: ['/scores/ri\u0000sk'],
    },
    { name: 'NUL in a query', method: 'GET', url: `${WS}/ideas?q=a%00b`, status: 400, paths: ['querystring:/q'] },
    { name: 'NUL in a path', method: 'GET', url: '/api/workspaces/ac%00me', status: 400, paths: ['params:/ws'] },
    {
      name: 'NUL in a receipt code',
      method: 'POST',
      url: '/api/receipts/lookup',
      body: { code: 'VT-AAAA-\u0000' },
      status: 400,
      paths: ['/code'],
    },
    {
      name: 'number beyond double range',
      method: 'PUT',
      url: `${I}/frame`,
      body: '{"version":1,"gapMetric":{"metric":"m","current":1e400,"target":1,"unit":"h"}}',
      status: 400,
      paths: ['/gapMetric/current'],
    },
    {
      name: 'RICE reach beyond double range',
      method: 'PATCH',
      url: I,
      body: '{"version":1,"rice":{"reach":1e400,"impact":1,"confidence":1,"effort":1}}',
      status: 400,
      paths: ['/rice/reach'],
    },
    {
      name: 'RICE effort that overflows the score',
      method: 'PATCH',
      url: I,
      body: { version: 1, rice: { reach: 1e12, impact: 3, confidence: 1, effort: 1e-308 } },
      status: 400,
      paths: ['/rice/effort'],
    },
    {
      name: 'urn:uuid evidence id in the path',
      method: 'DELETE',
      url: `${I}/evidence/urn:uuid:${NIL}`,
      status: 400,
      paths: ['params:/evidence'],
    },
    {
      name: 'urn:uuid evidence id in a score',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score({ evidenceIds: [`urn:uuid:${NIL}`] }) }, version: 1 },
      status: 400,
      paths: ['/scores/risk/evidenceIds/0'],
    },
    {
      name: 'urn:uuid merge target',
      method: 'POST',
      url: `${I}/merge`,
      body: { intoId: `urn:uuid:${NIL}`, rationale: 'r', version: 1 },
      status: 400,
      paths: ['/intoId'],
    },
    {
      name: 'offset beyond any page',
      method: 'GET',
      url: `${WS}/ideas?offset=99999999999999999999`,
      status: 400,
      paths: ['querystring:/offset'],
    },
    { name: 'limit zero', method: 'GET', url: `${WS}/ideas?limit=0`, status: 400, paths: ['querystring:/limit'] },
    {
      name: 'limit not a number',
      method: 'GET',
      url: `${WS}/ideas?limit=ten`,
      status: 400,
      paths: ['querystring:/limit'],
    },
    { name: 'unknown sort', method: 'GET', url: `${WS}/ideas?sort=title`, status: 400, paths: ['querystring:/sort'] },
    {
      name: 'unknown stage filter',
      method: 'GET',
      url: `${WS}/ideas?stage=done`,
      status: 400,
      paths: ['querystring:/stage'],
    },
    // Things that do not exist.
    { name: 'unknown route', method: 'GET', url: '/api/nothing-here', status: 404 },
    { name: 'unknown workspace', method: 'POST', url: '/api/workspaces/nope/ideas', body: { title: 'x' }, status: 404 },
    { name: 'unknown idea', method: 'PATCH', url: `${WS}/ideas/42`, body: { version: 1, title: 'x' }, status: 404 },
    {
      name: 'unknown dimension',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { vibes: score() }, version: 1 },
      status: 400,
      paths: ['/scores'],
    },
    {
      name: 'unknown actor',
      method: 'PATCH',
      url: I,
      body: { version: 1, title: 'x' },
      headers: { 'vetted-actor': NIL },
      status: 403,
    },
    // Stale versions, in the body or as If-Match.
    {
      name: 'stale idea version',
      method: 'PATCH',
      url: I,
      body: { version: 99, title: 'x' },
      status: 409,
      detail: /changed by someone else/,
    },
    {
      name: 'stale idea version via If-Match',
      method: 'PATCH',
      url: I,
      body: { title: 'x' },
      headers: { 'if-match': '"99"' },
      status: 409,
    },
    {
      name: 'stale weak ETag',
      method: 'PATCH',
      url: I,
      body: { title: 'x' },
      headers: { 'if-match': 'W/"99"' },
      status: 409,
    },
    { name: 'no version at all', method: 'PATCH', url: I, body: { title: 'x' }, status: 400, paths: ['/version'] },
    { name: 'stale frame version', method: 'PUT', url: `${I}/frame`, body: { version: 7, who: 'x' }, status: 409 },
    {
      name: 'stale assessment version via If-Match',
      method: 'PUT',
      url: `${I}/assessments/mine`,
      body: { scores: { risk: score() } },
      headers: { 'if-match': '"5"' },
      status: 409,
    },
    {
      name: 'stale decision version',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'advance', rationale: 'r', reversible: true, version: 99 },
      status: 409,
    },
    { name: 'stale workspace version', method: 'PATCH', url: WS, body: { version: 99, name: 'x' }, status: 409 },
    // Illegal stage moves.
    {
      name: 'reopen an idea that is not parked',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'reopen', rationale: 'r', reversible: true, version: 0 },
      status: 422,
      detail: /Only a parked or killed idea can be reopened/,
    },
    {
      name: 'skip a stage',
      method: 'POST',
      url: `${I}/decisions`,
      body: { outcome: 'advance', toStage: 'realization', rationale: 'r', reversible: true, version: 0 },
      status: 422,
      detail: /advances to Validation only/,
    },
  ];

  it('answers each bad request with a precise problem and changes no row', async () => {
    const fresh = (await api.call<Idea>('GET', I)).body;
    const start = await fingerprint();
    for (const c of cases) {
      // Cases that are about something other than the version send the current one.
      const body =
        c.body && typeof c.body === 'object' && 'version' in c.body && c.body.version === 0
          ? { ...c.body, version: fresh.version }
          : c.body;
      const r = await api.as()(c.method, c.url, body, c.headers);
      try {
        assertProblem(r, c.status, ...(c.paths ?? []));
        if (c.detail) assert.match(r.body.detail, c.detail);
        if (c.status === 400 && c.paths?.length) {
          for (const e of r.body.errors ?? []) assert.equal(typeof e.message, 'string');
        }
      } catch (error) {
        throw new Error(`${c.name}: ${(error as Error).message}`);
      }
    }
    assert.equal(await fingerprint(), start, 'a refused request changed stored rows');
  });

  it('answers a field error with every offending field at once, and a detail that names them', async () => {
    const r = await api.as()('POST', `${WS}/ideas`, {
      title: '',
      description: 7,
      tags: ['ok', 'has,comma'],
      channel: 'fax',
      anonymous: 'no',
      bogus: true,
    });
    assertProblem(r, 400, '/title', '/description', '/tags/1', '/channel', '/anonymous', '/bogus');
    assert.equal(r.body.type, 'https://vetted.dev/problems/invalid-input');
    for (const field of ['/title', '/description', '/channel', '/bogus']) assert.ok(r.body.detail?.includes(field));
  });

  it('a failed write in the middle of a transaction leaves no partial rows', async () => {
    // A real store failure after the first statements of a write: the idea insert succeeds, then the
    // follower insert is refused by a constraint added only for this test.
    const start = await fingerprint();
    await api.rows(`alter table followers add constraint test_refuse check (member_id is null) not valid`);
    try {
      const r = await api.as()('POST', `${WS}/ideas`, { title: 'Half-written idea', tags: ['x'] });
      assertProblem(r, 500);
      assert.match(r.body.detail, /Nothing you sent was saved/);
    } finally {
      await api.rows('alter table followers drop constraint test_refuse');
    }
    assert.equal(await fingerprint(), start);
    const after = await api.rows<{ idea_counter: number }>(`select idea_counter from workspaces where slug = 'acme'`);
    assert.equal(Number(after[0]!.idea_counter), 1); // the number was not used up either
  });

  it('logs a server error by its database code, without the data that was sent', async () => {
    await api.rows(
      `alter table members add constraint test_refuse check (email not like '%@secret.example') not valid`,
    );
    const mark = logs.length;
    try {
      const r = await api.as()('POST', `${WS}/members`, { name: 'Priya Confidential', email: 'priya@secret.example' });
      assertProblem(r, 500);
      assert.ok(!r.text.includes('priya'));
    } finally {
      await api.rows('alter table members drop constraint test_refuse');
    }
    const written = logs.slice(mark).join('\n');
    assert.match(written, /"code":"23514"/); // check_violation: the fault is findable
    assert.match(written, /unhandled error/);
    assert.ok(!/priya|Confidential|secret\.example/i.test(written), written);
  });

  it('logged no server error for any bad request', () => {
    const errors = logs.filter((l) => JSON.parse(l).level >= 50);
    // Only the two failures provoked on purpose above.
    assert.equal(errors.length, 2, errors.join('\n'));
  });
});
