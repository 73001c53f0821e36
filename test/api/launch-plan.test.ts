import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Idea, IdeaPage, Opportunity } from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const PLAN = {
  ask: { budget: 250_000_00, currency: 'EUR', people: 4, months: 6, buys: 'A paid pilot with 20 clinics.' },
  team: [
    { role: 'Engineering lead', name: 'Ana Ruiz' },
    { role: 'Designer', share: 0.5 },
  ],
  goToMarket: 'Partner with two practice-management vendors; then direct sales to clinic groups.',
};

/** Issue 14 point 7 and issue 13's positioning: the launch plan and our own ratings, through the API. */
describe(`launch plan and our own capability ratings API (${engine()})`, () => {
  let api: TestApi;
  let idea: Idea;
  let url: string;

  before(async () => {
    api = await startApi();
    idea = await api.idea({ title: 'Invoice reminders for clinics' });
    url = `${WS}/ideas/${idea.number}`;
  });
  after(() => api.close());

  it('stores the launch plan and our ratings under the idea version, and documents use them', async () => {
    const r = await api.as()<Idea>('PATCH', url, {
      version: idea.version,
      launchPlan: PLAN,
      capabilities: { Speed: 4, Integrations: 2 },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.launchPlan, PLAN);
    assert.deepEqual(r.body.capabilities, { Speed: 4, Integrations: 2 });
    assert.equal(r.body.version, idea.version + 1);
    idea = r.body;
    const competitor = await api.as()('POST', `${url}/competitors`, {
      name: 'Ledgerly',
      kind: 'direct',
      capabilities: { Speed: 2, Integrations: 5 },
    });
    assert.equal(competitor.status, 201, competitor.text);

    const prd = (await api.call('GET', `${url}/documents/prd?format=markdown`)).text;
    assert.match(prd, /Engineering lead/);
    assert.match(prd, /Ana Ruiz/);
    assert.match(prd, /Partner with two practice-management vendors/);
    const deck = (await api.call('GET', `${url}/documents/pitch-deck?format=markdown`)).text;
    assert.match(deck, /EUR 250,000/);
    assert.match(deck, /A paid pilot with 20 clinics\./);
    const ca = (await api.call('GET', `${url}/documents/competitive-analysis?format=markdown`)).text;
    // Markdown escapes the brackets; the chart's table lists our point with our ratings on both axes.
    assert.match(
      ca,
      /Invoice reminders for clinics \\\(ours\\\) \| 2 \| 4 \|/,
      'our own product is on the positioning chart',
    );
  });

  it('refuses a bad plan or rating with a problem naming the field, and writes nothing', async () => {
    const badPlan = await api.as()('PATCH', url, {
      version: idea.version,
      launchPlan: { ask: { months: 0 }, team: [{ role: '' }] },
    });
    assertProblem(badPlan, 400);
    const badRating = await api.as()('PATCH', url, { version: idea.version, capabilities: { Speed: 6 } });
    assertProblem(badRating, 400);
    const unknown = await api.as()('PATCH', url, { version: idea.version, launchPlan: { budget: 5 } });
    assertProblem(unknown, 400);
    const stale = await api.as()('PATCH', url, { version: idea.version - 1, launchPlan: {} });
    assertProblem(stale, 409);
    const viewer = await api.member('Vera Viewer', undefined, 'viewer');
    assertProblem(await api.as(viewer)('PATCH', url, { version: idea.version, launchPlan: {} }), 403);
    const now = (await api.call<Idea>('GET', url)).body;
    assert.equal(now.version, idea.version);
    assert.deepEqual(now.launchPlan, PLAN);
    assert.deepEqual(now.capabilities, { Speed: 4, Integrations: 2 });
  });

  it('carries both through the opportunity file, and clears them with null', async () => {
    const file = (await api.call<Opportunity>('GET', `${url}/opportunity`)).body;
    assert.deepEqual(file.launchPlan, PLAN);
    assert.deepEqual(file.capabilities, { Speed: 4, Integrations: 2 });
    const imported = await api.as()('POST', `${WS}/import`, {
      idea: { title: 'Invoice reminders, imported' },
      launchPlan: file.launchPlan,
      capabilities: file.capabilities,
    });
    assert.equal(imported.status, 200, imported.text);
    const [found] = (await api.call<IdeaPage>('GET', `${WS}/ideas?q=imported`)).body.items;
    assert.ok(found, 'the imported idea is found');
    const copy = (await api.call<Idea>('GET', `${WS}/ideas/${found.number}`)).body;
    assert.deepEqual(copy.launchPlan, PLAN);
    assert.deepEqual(copy.capabilities, { Speed: 4, Integrations: 2 });

    const cleared = await api.as()<Idea>('PATCH', url, { version: idea.version, launchPlan: null, capabilities: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.launchPlan, null);
    assert.equal(cleared.body.capabilities, null);
    const again = (await api.call<Opportunity>('GET', `${url}/opportunity`)).body;
    assert.equal(again.launchPlan, undefined);
    const deck = (await api.call('GET', `${url}/documents/pitch-deck?format=markdown`)).text;
    assert.match(deck, /the ask: the budget, the people, the time and what it buys/);
  });

  it('describes both fields in the OpenAPI document', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    const text = JSON.stringify(doc);
    assert.match(text, /What the money, people and time buy/);
    assert.match(text, /Our own product's capability ratings|capabilities/);
  });
});
