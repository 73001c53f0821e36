import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ObservedEvidence } from '../../src/schema/index.ts';
import { assertProblem, type Call, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * Behaviour observed in Vetted next to four traits: nothing until the person opts in, then counts of their
 * own work only (not anyone else's), readable by them alone; opting out hides it again.
 */
describe(`leadership: behaviour observed in Vetted (${engine()})`, () => {
  let api: TestApi;
  let lee: Call;

  before(async () => {
    api = await startApi();
    const id = await api.member('Lee', 'lee@acme.example', 'leader');
    lee = api.as(id);
    const idea = await api.idea({ title: 'Self-serve refunds' }, id);
    const ev = await lee('POST', `/api/workspaces/acme/ideas/${idea.number}/evidence`, {
      kind: 'quote',
      summary: 'Asked for it twice',
      source: 'Call',
      observedOn: '2026-10-01',
      strength: 'interview',
    });
    assert.equal(ev.status, 201, ev.text);
    const decided = await lee('POST', `/api/workspaces/acme/ideas/${idea.number}/decisions`, {
      outcome: 'park',
      rationale: 'Waiting for the pricing interviews',
      reversible: true,
      reviewOn: '2026-12-01',
      overrideReason: 'Timing',
      version: idea.version,
    });
    assert.equal(decided.status, 201, decided.text);
    // The owner's own evidence must not count for Lee.
    await api.as()('POST', `/api/workspaces/acme/ideas/${idea.number}/evidence`, {
      kind: 'quote',
      summary: 'Owner note',
      source: 'Call',
      observedOn: '2026-10-02',
      strength: 'paying',
    });
  });
  after(() => api.close());

  it('shows nothing before the opt-in, then counts of the person’s own work', async () => {
    assert.deepEqual((await lee('GET', '/api/workspaces/acme/traits/observed')).body, { optedIn: false, traits: [] });
    const on = await lee<ObservedEvidence>('PUT', '/api/workspaces/acme/traits/observed', { optedIn: true });
    assert.equal(on.status, 200, on.text);
    const byId = Object.fromEntries(
      on.body.traits.flatMap((t) => t.observations.map((o) => [o.id, { ...o, trait: t.trait }])),
    );
    assert.deepEqual(
      on.body.traits.map((t) => t.trait),
      ['product-user-sense', 'data-driven-judgment', 'ability-to-execute', 'innovation-streamlining'],
    );
    const evidence = byId['evidence-gathered'];
    assert.ok(evidence, 'evidence gathered is observed');
    assert.equal(evidence.count, 1);
    assert.match(evidence.text, /^1 pieces of evidence you added, 1 of them/);
    assert.equal(byId['decisions-with-reviews']?.count, 1);
    assert.ok(!JSON.stringify(on.body).includes('score'));
  });

  it('is the person’s alone, and opting out hides it again', async () => {
    assert.equal((await api.as()<ObservedEvidence>('GET', '/api/workspaces/acme/traits/observed')).body.optedIn, false);
    assertProblem(await api.call('GET', '/api/workspaces/acme/traits/observed'), 401);
    const off = await lee('PUT', '/api/workspaces/acme/traits/observed', { optedIn: false });
    assert.deepEqual(off.body, { optedIn: false, traits: [] });
    assertProblem(await lee('PUT', '/api/workspaces/acme/traits/observed', { optedIn: 'yes' }), 400);
  });
});
