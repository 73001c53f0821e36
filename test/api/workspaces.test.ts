import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import * as M from '../../src/methodology/index.ts';
import {
  type Idea,
  type ImportReport,
  type Member,
  Methodology,
  type ScoreExplanation,
  type Workspace,
  type WorkspaceCreated,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

describe(`workspaces and members API (${engine()})`, () => {
  let api: TestApi;
  let ideaId: string;
  const workspace = async (): Promise<Workspace> => (await api.call<Workspace>('GET', WS)).body;
  const composite = async () => (await api.call<Idea>('GET', `${WS}/ideas/${ideaId}`)).body.score.composite;

  before(async () => {
    api = await startApi();
    // One idea scored on two dimensions: problem-significance (default weight 1.5) 5, risk (weight 1) 1.
    ideaId = (await api.idea({ title: 'Weighted idea' })).id;
    const r = await api.as()('PUT', `${WS}/ideas/${ideaId}/assessments/mine`, {
      scores: {
        'problem-significance': { score: 5, confidence: 'high' },
        risk: { score: 1, confidence: 'high' },
      },
    });
    assert.equal(r.status, 200, r.text);
  });
  after(() => api.close());

  it('creates a workspace with its owner and the default dimensions, and lists and gets it', async () => {
    const r = await api.as()<WorkspaceCreated>('POST', '/api/workspaces', {
      slug: 'beta-team',
      name: 'Beta',
      owner: { name: 'Bo' },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.workspace.slug, 'beta-team');
    assert.equal(r.body.workspace.version, 1);
    assert.equal(r.body.workspace.customDimensions, false);
    assert.equal(r.body.workspace.dimensions.length, 9);
    assert.equal(r.body.owner.role, 'owner');
    assert.equal(r.body.owner.name, 'Bo');
    assert.equal(r.body.owner.workspaceId, r.body.workspace.id);

    const list = await api.call<Workspace[]>('GET', '/api/workspaces');
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.map((w) => w.slug).sort(), ['acme', 'beta-team']);
    // The machine's own user sees every workspace; a named member only theirs.
    const bos = await api.as(r.body.owner.id)<Workspace[]>('GET', '/api/workspaces');
    assert.equal(bos.status, 200, bos.text);
    assert.deepEqual(
      bos.body.map((w) => w.slug),
      ['beta-team'],
    );
    const one = await api.call<Workspace>('GET', '/api/workspaces/beta-team');
    assert.equal(one.status, 200);
    assert.equal(one.body.id, r.body.workspace.id);
    assertProblem(await api.call('GET', '/api/workspaces/nope'), 404);
  });

  it('refuses a taken slug and an invalid one, writing nothing', async () => {
    const before = await api.rows('select id from workspaces');
    assertProblem(await api.as()('POST', '/api/workspaces', { slug: 'acme', name: 'Again' }), 409);
    assertProblem(await api.as()('POST', '/api/workspaces', { slug: 'Not A Slug!', name: 'x' }), 400, '/slug');
    assertProblem(await api.as()('POST', '/api/workspaces', { slug: 'ok-slug', name: '' }), 400, '/name');
    assert.deepEqual(await api.rows('select id from workspaces'), before);
  });

  it('adds and lists members, refusing a duplicate name and a bad email', async () => {
    const r = await api.as()<Member>('POST', `${WS}/members`, {
      name: 'Grace Lead',
      email: 'grace@example.com',
      role: 'leader',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.role, 'leader');
    assert.equal(r.body.email, 'grace@example.com');
    const plain = await api.as()<Member>('POST', `${WS}/members`, { name: 'Plain Member' });
    assert.equal(plain.body.role, 'contributor');
    assert.equal(plain.body.email, null);

    assertProblem(await api.as()('POST', `${WS}/members`, { name: 'grace lead' }), 409);
    assertProblem(await api.as()('POST', `${WS}/members`, { name: 'Eve', email: 'not-an-email' }), 400, '/email');
    assertProblem(await api.as()('POST', `${WS}/members`, { name: 'Eve', role: 'admin' }), 400, '/role');

    const list = await api.call<Member[]>('GET', `${WS}/members`);
    assert.deepEqual(
      list.body.map((m) => m.name),
      ['Ada Owner', 'Grace Lead', 'Plain Member'],
    );
    // Emails are for members only: someone with no account reads nothing at all, the machine's own user all.
    assertProblem(await api.net('GET', `${WS}/members`), 401);
    assert.equal(list.body.find((m) => m.name === 'Grace Lead')?.email, 'grace@example.com');
    const asMember = await api.as()<Member[]>('GET', `${WS}/members`);
    assert.equal(asMember.body.find((m) => m.name === 'Grace Lead')?.email, 'grace@example.com');
  });

  it('renames with the current version and refuses a stale one', async () => {
    const ws = await workspace();
    const r = await api.as()<Workspace>('PATCH', WS, { version: ws.version, name: 'Acme Products' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, 'Acme Products');
    assert.equal(r.body.version, ws.version + 1);

    assertProblem(await api.as()('PATCH', WS, { version: ws.version, name: 'Stale' }), 409);
    assertProblem(await api.as()('PATCH', WS, { name: 'Stale' }, { 'if-match': `"${ws.version}"` }), 409);
    assertProblem(await api.call('PATCH', WS, { version: ws.version + 1, name: 'Nobody' }), 401);
    const now = await workspace();
    assert.equal(now.name, 'Acme Products');
    assert.equal(now.version, ws.version + 1);
  });

  it('reweighting recomputes every composite in the same write', async () => {
    assert.equal(await composite(), 3.4); // (1.5×5 + 1×1) / 2.5
    const ws = await workspace();
    const r = await api.as()<Workspace>('PATCH', WS, { version: ws.version, weights: { risk: 3 } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.dimensions.find((d) => d.id === 'risk')?.weight, 3);
    assert.equal(await composite(), 2.33); // (1.5×5 + 3×1) / 4.5
    const score = await api.call<ScoreExplanation>('GET', `${WS}/ideas/${ideaId}/score`);
    assert.equal(score.body.composite, 2.33);
    assert.equal(score.body.dimensions.find((d) => d.id === 'risk')?.weight, 3);
  });

  it('refuses unknown dimension ids and all-zero weights, changing nothing', async () => {
    const ws = await workspace();
    const before = await composite();
    assertProblem(await api.as()('PATCH', WS, { version: ws.version, weights: { nope: 2 } }), 400, '/weights');
    const zero = Object.fromEntries(ws.dimensions.map((d) => [d.id, 0]));
    assertProblem(await api.as()('PATCH', WS, { version: ws.version, weights: zero }), 400, '/weights');
    assertProblem(await api.as()('PATCH', WS, { version: ws.version, weights: { risk: 11 } }), 400, '/weights/risk');
    const now = await workspace();
    assert.equal(now.version, ws.version);
    assert.deepEqual(now.dimensions, ws.dimensions);
    assert.equal(await composite(), before);
  });

  it('renames and replaces dimensions, recomputing composites; null restores the defaults', async () => {
    const ws = await workspace();
    const spec = (id: string, name: string, weight: number) => ({
      id,
      name,
      origin: 'workspace',
      description: '',
      weight,
      anchors: ['1', '2', '3', '4', '5'],
      questions: [],
    });
    // Keep problem-significance under a new name, drop risk, add a dimension nobody scored yet.
    const r = await api.as()<Workspace>('PATCH', WS, {
      version: ws.version,
      dimensions: [spec('problem-significance', 'Pain', 2), spec('moat', 'Moat', 1)],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.customDimensions, true);
    assert.deepEqual(
      r.body.dimensions.map((d) => [d.id, d.name, d.weight]),
      [
        ['problem-significance', 'Pain', 2],
        ['moat', 'Moat', 1],
      ],
    );
    const idea = (await api.call<Idea>('GET', `${WS}/ideas/${ideaId}`)).body;
    assert.equal(idea.score.composite, 5); // only Pain is scored now
    assert.equal(idea.score.coverage, 0.5);
    const score = (await api.call<ScoreExplanation>('GET', `${WS}/ideas/${ideaId}/score`)).body;
    assert.deepEqual(
      score.dimensions.map((d) => d.name),
      ['Pain', 'Moat'],
    );

    // Assessments may now name the new dimension, and no longer the dropped one.
    const put = await api.as()('PUT', `${WS}/ideas/${ideaId}/assessments/mine`, {
      scores: { moat: { score: 2, confidence: 'high' } },
      version: 1,
    });
    assert.equal(put.status, 200, put.text);
    assert.equal(await composite(), 4); // (2×5 + 1×2) / 3
    assertProblem(
      await api.as()('PUT', `${WS}/ideas/${ideaId}/assessments/mine`, {
        scores: { 'time-to-value': null },
        version: 2,
      }),
      400,
      '/scores',
    );

    const dup = await api.as()('PATCH', WS, {
      version: r.body.version,
      dimensions: [spec('a-dim', 'A', 1), spec('a-dim', 'B', 1)],
    });
    assertProblem(dup, 400, '/dimensions');

    const back = await api.as()<Workspace>('PATCH', WS, { version: r.body.version, dimensions: null });
    assert.equal(back.status, 200, back.text);
    assert.equal(back.body.customDimensions, false);
    assert.equal(back.body.dimensions.length, 9);
    assert.equal(back.body.dimensions.find((d) => d.id === 'risk')?.weight, 1); // weights reset too
    assert.equal(await composite(), 3.4);
  });

  it('imports members of files from before the roles were settled: lead as leader, member as contributor', async () => {
    const r = await api.as()<ImportReport>('POST', `${WS}/import`, {
      format: 'vetted.portfolio/v1',
      workspace: { slug: 'acme', name: 'Acme' },
      members: [
        { name: 'Old Lead', role: 'lead' },
        { name: 'Old Member', role: 'member' },
      ],
      opportunities: [
        { idea: { title: 'From an old file', submitter: 'Old Lead' } },
        { idea: { title: 'Also from an old file', submitter: 'Old Member' } },
      ],
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.membersCreated.sort(), ['Old Lead', 'Old Member']);
    const roles = Object.fromEntries(
      (await api.call<Member[]>('GET', `${WS}/members`)).body.map((m) => [m.name, m.role]),
    );
    assert.equal(roles['Old Lead'], 'leader');
    assert.equal(roles['Old Member'], 'contributor');
  });

  it('two edits from the same version: one is saved, the other gets 409', async () => {
    const ws = await workspace();
    const results = await api.race('workspaces', () =>
      ['Left', 'Right'].map((name) => api.as()<Workspace>('PATCH', WS, { version: ws.version, name })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], results.map((r) => r.text).join('\n'));
    const winner = results.find((r) => r.status === 200)!;
    const now = await workspace();
    assert.equal(now.version, ws.version + 1);
    assert.equal(now.name, winner.body.name);
  });

  it('two members added at once under one name: one is created, the other gets 409', async () => {
    const results = await api.race('members', () =>
      [1, 2].map(() => api.as()('POST', `${WS}/members`, { name: 'Twin' })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], results.map((r) => r.text).join('\n'));
    for (const r of results.filter((x) => x.status !== 201)) assertProblem(r, 409);
    assert.equal((await api.rows(`select id from members where name = 'Twin'`)).length, 1);
  });

  it('serves the method as data, whole, in the shape its schema declares', async () => {
    const r = await api.call<Methodology>('GET', '/api/methodology');
    assert.equal(r.status, 200, r.text);
    assert.ok(Value.Check(Methodology, r.body), r.text);
    // The response schema shapes the output: nothing of the method may be lost on the way.
    assert.equal(r.body.version, M.METHODOLOGY_VERSION);
    assert.deepEqual(r.body.stages, M.STAGES);
    assert.deepEqual(r.body.dimensions, M.DIMENSIONS);
    assert.deepEqual(r.body.frameFields, M.FRAME_FIELDS);
    assert.deepEqual(r.body.statementFields, M.IDEA_STATEMENT_FIELDS);
    assert.deepEqual(r.body.evidenceKinds, M.EVIDENCE_KINDS);
    assert.deepEqual(r.body.evidenceStrengths, M.EVIDENCE_STRENGTHS);
    assert.deepEqual(r.body.evidenceFactors, M.EVIDENCE_FACTOR);
    assert.deepEqual(r.body.confidenceFactors, M.CONFIDENCE_FACTOR);
  });
});
