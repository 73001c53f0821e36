import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ChallengeResponse,
  IdeaObjectives,
  Objective,
  Opportunity,
  Portfolio,
  Strategy,
  WorkspaceCreated,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

/** Issue 14, point 5 through the API: goals, North Star, objectives with owners, ideas linked to them. */
describe(`strategy API: North Star, objectives, idea links (${engine()})`, () => {
  let api: TestApi;
  let leader: string;
  let contributor: string;
  let viewer: string;
  let objective: Objective;

  before(async () => {
    api = await startApi();
    leader = await api.member('Lena Leader', 'lena@acme.example', 'leader');
    contributor = await api.member('Carl Contributor', 'carl@acme.example', 'contributor');
    viewer = await api.member('Vera Viewer', 'vera@acme.example', 'viewer');
  });
  after(() => api.close());

  it('starts empty, sets goals and a North Star under the version, and refuses a stale version', async () => {
    const empty = await api.as(viewer)<Strategy>('GET', `${WS}/strategy`);
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(
      { goals: empty.body.goals, northStar: empty.body.northStar, objectives: empty.body.objectives },
      { goals: [], northStar: '', objectives: [] },
    );
    assert.equal(empty.body.version, 1);
    const set = await api.as(leader)<Strategy>('PATCH', `${WS}/strategy`, {
      version: 1,
      goals: ['Win mid-size clinics in the Nordics '],
      northStar: 'Weekly invoices paid on time',
      definition: 'Invoices paid by their due date, counted per week across all customers.',
    });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.body.goals, ['Win mid-size clinics in the Nordics']);
    assert.equal(set.body.version, 2);
    assert.deepEqual(set.body.updatedBy, { id: leader, name: 'Lena Leader' });
    const stale = await api.as(leader)('PATCH', `${WS}/strategy`, { version: 1, northStar: 'Something else' });
    assertProblem(stale, 409);
    assert.equal((await api.call<Strategy>('GET', `${WS}/strategy`)).body.northStar, 'Weekly invoices paid on time');
  });

  it('adds objectives with a named owner; a bad owner or a taken title is a problem and writes nothing', async () => {
    const made = await api.as(leader)<Objective>('POST', `${WS}/objectives`, {
      title: 'Get paid faster',
      keyMetric: 'Median days to payment',
      target: 'under 14 days',
      owner: 'carl@acme.example',
    });
    assert.equal(made.status, 201, made.text);
    assert.deepEqual(made.body.owner, { id: contributor, name: 'Carl Contributor' });
    objective = made.body;
    const noOwner = await api.as(leader)('POST', `${WS}/objectives`, {
      title: 'Another',
      keyMetric: 'Anything',
      owner: 'nobody@acme.example',
    });
    assertProblem(noOwner, 400, '/owner');
    const taken = await api.as(leader)('POST', `${WS}/objectives`, {
      title: 'Get paid faster',
      keyMetric: 'Anything',
      owner: leader,
    });
    assertProblem(taken, 409);
    const blank = await api.as(leader)('POST', `${WS}/objectives`, { title: '  ', keyMetric: 'x', owner: leader });
    assertProblem(blank, 400);
    const all = (await api.call<Strategy>('GET', `${WS}/strategy`)).body.objectives;
    assert.deepEqual(
      all.map((o) => o.title),
      ['Get paid faster'],
    );
  });

  it('lets every member read the strategy and only leaders and owners change it', async () => {
    for (const who of [viewer, contributor]) {
      assert.equal((await api.as(who)('GET', `${WS}/strategy`)).status, 200);
      assertProblem(await api.as(who)('PATCH', `${WS}/strategy`, { version: 2, northStar: 'Mine' }), 403);
      assertProblem(
        await api.as(who)('POST', `${WS}/objectives`, { title: 'Mine', keyMetric: 'Mine', owner: who }),
        403,
      );
      assertProblem(
        await api.as(who)('PATCH', `${WS}/objectives/${objective.id}`, { version: objective.version, title: 'Mine' }),
        403,
      );
      assertProblem(await api.as(who)('DELETE', `${WS}/objectives/${objective.id}?version=${objective.version}`), 403);
    }
    assertProblem(await api.net('GET', `${WS}/strategy`), 401);
    const renamed = await api.as()<Objective>('PATCH', `${WS}/objectives/${objective.id}`, {
      version: objective.version,
      owner: leader,
      target: null,
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual([renamed.body.owner.name, renamed.body.target], ['Lena Leader', null]);
    objective = renamed.body;
  });

  it('links an idea to the objectives it serves under the idea version; a foreign objective writes nothing', async () => {
    const idea = await api.idea({ title: 'Text clinics a payment link' }, contributor);
    const linked = await api.as(contributor)<IdeaObjectives>('PUT', `${WS}/ideas/${idea.number}/objectives`, {
      version: idea.version,
      objectives: [objective.id],
    });
    assert.equal(linked.status, 200, linked.text);
    assert.deepEqual(linked.body, {
      version: idea.version + 1,
      objectives: [{ id: objective.id, title: 'Get paid faster' }],
    });
    const stale = await api.as(contributor)('PUT', `${WS}/ideas/${idea.number}/objectives`, {
      version: idea.version,
      objectives: [],
    });
    assertProblem(stale, 409);

    // An objective of another workspace, made by its own owner.
    const other = await api.as()<WorkspaceCreated>('POST', '/api/workspaces', { slug: 'other', name: 'Other' });
    assert.equal(other.status, 201, other.text);
    const foreign = await api.as(other.body.owner.id)<Objective>('POST', '/api/workspaces/other/objectives', {
      title: 'Theirs',
      keyMetric: 'Their metric',
      owner: other.body.owner.id,
    });
    assert.equal(foreign.status, 201, foreign.text);
    const refused = await api.as(contributor)('PUT', `${WS}/ideas/${idea.number}/objectives`, {
      version: idea.version + 1,
      objectives: [objective.id, foreign.body.id],
    });
    assertProblem(refused, 400, '/objectives/1');
    const now = await api.call('GET', `${WS}/ideas/${idea.number}/objectives`);
    assert.deepEqual(now.body, linked.body, 'nothing was written');
    assertProblem(
      await api.as(viewer)('PUT', `${WS}/ideas/${idea.number}/objectives`, {
        version: idea.version + 1,
        objectives: [],
      }),
      403,
    );

    const strategy = (await api.as(viewer)<Strategy>('GET', `${WS}/strategy`)).body;
    assert.deepEqual(strategy.objectives[0]?.ideas, [{ number: idea.number, title: idea.title, stage: 'discovery' }]);
  });

  it('has the challenger note an idea that serves no objective, until it is linked to one', async () => {
    const idea = await api.idea({ title: 'Dark mode for the invoice list' });
    const ruleIds = async () =>
      (await api.call<ChallengeResponse>('GET', `${WS}/ideas/${idea.number}/challenge`)).body.report.findings.map(
        (f) => f.ruleId,
      );
    assert.ok((await ruleIds()).includes('serves-no-objective.unlinked'));
    const linked = await api.as()('PUT', `${WS}/ideas/${idea.number}/objectives`, {
      version: idea.version,
      objectives: [objective.id],
    });
    assert.equal(linked.status, 200, linked.text);
    assert.ok(!(await ruleIds()).includes('serves-no-objective.unlinked'));
  });

  it('carries the strategy and the links in the files, and import links ideas to objectives by title', async () => {
    const one = await api.call<Opportunity>('GET', `${WS}/ideas/1/opportunity`);
    assert.deepEqual(one.body.idea.objectives, ['Get paid faster']);
    assert.equal(one.body.strategy?.northStar, 'Weekly invoices paid on time');
    assert.deepEqual(one.body.strategy?.objectives, [
      { title: 'Get paid faster', keyMetric: 'Median days to payment', owner: 'Lena Leader' },
    ]);
    const portfolio = await api.call('GET', `${WS}/export`);
    assert.equal(portfolio.status, 200, portfolio.text);
    const file: Portfolio = JSON.parse(portfolio.text);
    assert.deepEqual(file.strategy?.goals, ['Win mid-size clinics in the Nordics']);

    const made = await api.as()<WorkspaceCreated>('POST', '/api/workspaces', { slug: 'copy', name: 'Copy' });
    const owner = made.body.owner.id;
    const bad = structuredClone(file);
    const first = bad.opportunities[0];
    assert.ok(first, 'the export holds the ideas');
    first.idea.objectives = ['No such objective'];
    const refused = await api.as(owner)('POST', '/api/workspaces/copy/import', bad);
    assertProblem(refused, 422);
    assert.deepEqual(refused.body.errors, [
      {
        path: 'row 1 /idea/objectives/0',
        message: 'No objective titled "No such objective" in the workspace or the file.',
      },
    ]);
    assert.deepEqual((await api.as(owner)<Strategy>('GET', '/api/workspaces/copy/strategy')).body.objectives, []);

    const copied = await api.as(owner)('POST', '/api/workspaces/copy/import', file);
    assert.equal(copied.status, 200, copied.text);
    const strategy = (await api.as(owner)<Strategy>('GET', '/api/workspaces/copy/strategy')).body;
    assert.equal(strategy.northStar, 'Weekly invoices paid on time');
    assert.deepEqual(
      strategy.objectives.map((o) => [o.title, o.owner.name, o.ideas.map((i) => i.title)]),
      [['Get paid faster', 'Lena Leader', ['Text clinics a payment link', 'Dark mode for the invoice list']]],
    );

    // A second import reuses the objective by title and leaves the North Star people set in the app alone.
    const changed = await api.as(owner)('PATCH', '/api/workspaces/copy/strategy', {
      version: strategy.version,
      northStar: 'Set in the app',
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await api.as(owner)('POST', '/api/workspaces/copy/import', file)).status, 200);
    const again = (await api.as(owner)<Strategy>('GET', '/api/workspaces/copy/strategy')).body;
    assert.equal(again.northStar, 'Set in the app');
    assert.deepEqual(
      again.objectives.map((o) => [o.title, o.ideas.length]),
      [['Get paid faster', 4]],
    );
  });

  it('deletes an objective at its version and unlinks its ideas', async () => {
    assertProblem(
      await api.as(leader)('DELETE', `${WS}/objectives/${objective.id}?version=${objective.version + 5}`),
      409,
    );
    const gone = await api.as(leader)('DELETE', `${WS}/objectives/${objective.id}?version=${objective.version}`);
    assert.equal(gone.status, 204, gone.text);
    assert.deepEqual((await api.call<Strategy>('GET', `${WS}/strategy`)).body.objectives, []);
    const [links] = await api.rows<{ n: number }>('select count(*)::int as n from idea_objectives');
    assert.equal(links!.n, 4, "only the copy's links are left");
  });
});
