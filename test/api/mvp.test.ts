import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Idea, IdeaPage, MvpReadout, Opportunity, StoredAssumption } from '../../src/schema/index.ts';
import { MVP } from '../fixtures/mvp.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
/** The parts of the OpenAPI document this test reads (no schema in src/schema describes the document). */
type OpenApiDoc = {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
};

/** Issue 14, point 1, through the API: the MVP definition in seven steps, its CSV and the opportunity file. */
describe(`MVP definition API (${engine()})`, () => {
  let api: TestApi;
  let idea: Idea;
  let url: string;
  let a1Id: string;

  before(async () => {
    api = await startApi();
    idea = await api.idea({
      title: 'Invoice reminders for clinics',
      successMetrics: [{ metric: 'Invoices paid on time', target: 0.8 }],
    });
    url = `${WS}/ideas/${idea.number}`;
  });
  after(() => api.close());

  it('shows all seven steps open for an idea with no MVP data, none blocking the next', async () => {
    const r = await api.call<MvpReadout>('GET', `${url}/mvp`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(
      r.body.steps.map((s) => s.id),
      ['context', 'users', 'market', 'concept', 'backlog', 'mvp', 'success'],
    );
    assert.equal(r.body.done, 0);
    assert.equal(r.body.headline, null);
    assert.ok(r.body.steps.every((s) => s.missing.length > 0));
  });

  it('refuses links that do not resolve, a stale version and a viewer, and writes nothing', async () => {
    const noClass = await api.as()('PATCH', url, {
      version: idea.version,
      mvp: { userClasses: MVP.userClasses, stories: [{ ...MVP.stories![0]!, userClass: 'U9', tests: 'A7' }] },
    });
    assertProblem(noClass, 400, '/mvp/stories/0/userClass', '/mvp/stories/0/tests');
    const badScore = await api.as()('PATCH', url, {
      version: idea.version,
      mvp: { stories: [{ ...MVP.stories![0]!, value: 6 }] },
    });
    assertProblem(badScore, 400);
    const badMetric = await api.as()('PATCH', url, {
      version: idea.version,
      mvp: { metrics: [{ metric: 'x', threshold: 1, successMetric: 'Not a metric of this idea' }] },
    });
    assertProblem(badMetric, 400, '/mvp/metrics/0/successMetric');
    const stale = await api.as()('PATCH', url, { version: idea.version + 5, mvp: { whyNow: 'x' } });
    assertProblem(stale, 409);
    const viewer = await api.member('Vera Viewer', undefined, 'viewer');
    assertProblem(await api.as(viewer)('PATCH', url, { version: idea.version, mvp: { whyNow: 'x' } }), 403);
    const now = (await api.call<Idea>('GET', url)).body;
    assert.equal(now.version, idea.version, 'nothing was written');
    assert.equal(now.mvp, null);
  });

  it('saves the seven steps and reads every step done once the links exist', async () => {
    const a1 = await api.as()<StoredAssumption>('POST', `${url}/assumptions`, {
      statement: 'Clinics let software remind their patients',
      kind: 'risk',
      area: 'desirability',
      importance: 5,
    });
    assert.equal(a1.status, 201, a1.text);
    assert.equal(a1.body.ref, 'A1');
    a1Id = a1.body.id;
    const saved = await api.as()<Idea>('PATCH', url, {
      version: (await api.call<Idea>('GET', url)).body.version,
      mvp: MVP,
    });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.body.mvp, MVP);
    let r = (await api.call<MvpReadout>('GET', `${url}/mvp`)).body;
    assert.equal(r.headline, 'Clinic invoices paid on time');
    const market = r.steps.find((s) => s.id === 'market');
    assert.deepEqual(market?.missing, ['the alternatives and competitors', 'the market size']);
    assert.equal(r.done, 6);
    assert.deepEqual(
      r.stories.map((s) => s.ref),
      ['S1', 'S2', 'S3', 'S4'],
      'highest priority first: 50, 16, 10, 1.2',
    );
    assert.equal(r.stories[0]?.priority, 50);
    assert.equal(
      r.stories[0]?.text,
      'As a clinic manager, I want overdue invoices reminded automatically, so that I stop phoning patients.',
    );

    const c = await api.as()('POST', `${url}/competitors`, { name: 'Phone calls', kind: 'substitute' });
    assert.equal(c.status, 201, c.text);
    const sized = await api.as()<Idea>('PATCH', url, {
      version: saved.body.version,
      economics: { currency: 'EUR', tam: 40_000_000_00 },
    });
    assert.equal(sized.status, 200, sized.text);
    r = (await api.call<MvpReadout>('GET', `${url}/mvp`)).body;
    assert.equal(r.done, 7, JSON.stringify(r.steps));
    assert.equal(r.competitors, 1);
    assert.equal(r.sized, true);
    idea = sized.body;
  });

  it("exports the stories as CSV in Jira's and Linear's importer columns", async () => {
    const jira = await api.call('GET', `${url}/mvp/stories.csv`);
    assert.equal(jira.status, 200, jira.text);
    assert.match(String(jira.headers['content-type']), /^text\/csv/);
    assert.match(String(jira.headers['content-disposition']), /idea-\d+-stories-jira\.csv/);
    const rows: string[][] = parse(jira.text);
    assert.deepEqual(rows[0], ['Summary', 'Issue Type', 'Description', 'Priority', 'Labels', 'Labels']);
    assert.equal(rows.length, 5, 'the header and the four stories');
    assert.match(rows[1]![0]!, /^As a clinic manager, I want overdue invoices reminded automatically/);
    assert.deepEqual(rows[1]!.slice(3), ['High', 'must-have', 'a-clinic-manager']);
    const linear = await api.call('GET', `${url}/mvp/stories.csv?format=linear&cut=mvp`);
    assert.equal(linear.status, 200, linear.text);
    assert.equal(linear.text.split('\r\n')[0], 'Title,Description,Priority,Status,Labels');
    assert.equal((linear.text.match(/,High,Backlog,/g) ?? []).length, 2, 'only the two must-have stories');
    assertProblem(await api.call('GET', `${url}/mvp/stories.csv?format=trello`), 400);
  });

  it('carries the MVP through the opportunity file, and refuses a file whose stories point nowhere', async () => {
    const file = (await api.call<Opportunity>('GET', `${url}/opportunity`)).body;
    assert.deepEqual(file.mvp, MVP);
    const { idea: fileIdea, assumptions, mvp } = file;
    const imported = await api.as()('POST', `${WS}/import`, {
      idea: { ...fileIdea, title: 'Invoice reminders, copied' },
      assumptions,
      mvp,
    });
    assert.equal(imported.status, 200, imported.text);
    const [found] = (await api.call<IdeaPage>('GET', `${WS}/ideas?q=copied`)).body.items;
    assert.ok(found, 'the copy is found');
    const copy = (await api.call<Idea>('GET', `${WS}/ideas/${found.number}`)).body;
    assert.deepEqual(copy.mvp, MVP);
    const broken = await api.as()('POST', `${WS}/import`, {
      idea: { title: 'Broken MVP' },
      mvp: { stories: [{ ref: 'S1', userClass: 'U1', iWant: 'x', soThat: 'y', tests: 'A1' }] },
    });
    assertProblem(broken, 422, 'row 1 /mvp/stories/0/userClass', 'row 1 /mvp/stories/0/tests');
    assert.match(broken.text, /no user class U1/);
    assert.match(broken.text, /no assumption A1/);
  });

  it('fills the PRD from the MVP, with the stated headline as its title', async () => {
    const prd = await api.call('GET', `${url}/documents/prd?format=markdown`);
    assert.equal(prd.status, 200, prd.text);
    assert.match(prd.text, /^# Clinic invoices paid on time/m);
    assert.match(prd.text, /The patient gets a reminder with a pay link/);
    assert.match(prd.text, /A reminder goes out the day after the due date/);
    assert.match(prd.text, /Debt collection/);
    assert.doesNotMatch(prd.text, /Missing: the steps of the happy path/);
    assert.doesNotMatch(prd.text, /Missing: the MVP release plan/);
  });

  it('shows step 6 open again when the assumption a story tests is removed later', async () => {
    const removed = await api.as()('DELETE', `${url}/assumptions/${a1Id}`);
    assert.ok(removed.status < 300, removed.text);
    const r = (await api.call<MvpReadout>('GET', `${url}/mvp`)).body;
    assert.equal(r.done, 6);
    assert.deepEqual(r.steps.find((s) => s.id === 'mvp')?.missing, ['S1 tests A1, which the idea no longer has']);
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await api.call<OpenApiDoc>('GET', '/openapi.json')).body;
    for (const path of ['/mvp', '/mvp/stories.csv'])
      assert.ok(doc.paths[`/api/workspaces/{ws}/ideas/{idea}${path}`], path);
    assert.ok(doc.components?.schemas || doc.paths['/api/workspaces/{ws}/ideas/{idea}']?.patch);
  });
});
