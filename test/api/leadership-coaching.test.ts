import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_LADDER, TRAIT_IDS } from '../../src/methodology/index.ts';
import type { Cycle, LadderStanding, LadderState, OneOnOne } from '../../src/schema/index.ts';
import { assertProblem, type Call, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * The coaching practice through the API: the career ladder as workspace data (owners edit it, checked by
 * the domain), where a person stands on it (their own), and 1:1s private to mentor and mentee whose open
 * actions carry over.
 */

const NOTE = 'Talked about the fuel-card gate review; Sam worries about the pricing evidence.';

describe(`leadership: career ladder and 1:1s (${engine()})`, () => {
  let api: TestApi;
  let ada: Call;
  let sam: Call;
  let mo: Call;
  const ids: Record<string, string> = {};

  before(async () => {
    api = await startApi();
    ada = api.as();
    ids.Sam = await api.member('Sam');
    ids.Mo = await api.member('Mo', 'mo@acme.example', 'leader');
    sam = api.as(ids.Sam);
    mo = api.as(ids.Mo);
  });
  after(() => api.close());

  it('serves the sample ladder until an owner sets one, and refuses a ladder whose expectations fall', async () => {
    const first = await sam<LadderState>('GET', '/api/workspaces/acme/ladder');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.custom, false);
    assert.equal(first.body.ladder.levels.length, SAMPLE_LADDER.levels.length);
    const ladder = structuredClone(SAMPLE_LADDER);
    assertProblem(await sam('PUT', '/api/workspaces/acme/ladder', { version: 0, ladder }), 403);
    const falling = structuredClone(SAMPLE_LADDER);
    falling.levels[1]!.expected['product-user-sense'] = 1;
    assertProblem(await ada('PUT', '/api/workspaces/acme/ladder', { version: 0, ladder: falling }), 422);
    assert.equal((await sam<LadderState>('GET', '/api/workspaces/acme/ladder')).body.custom, false);
    ladder.name = 'Acme product ladder';
    const put = await ada<LadderState>('PUT', '/api/workspaces/acme/ladder', { version: 0, ladder });
    assert.equal(put.status, 200, put.text);
    assert.deepEqual([put.body.custom, put.body.version, put.body.ladder.name], [true, 1, 'Acme product ladder']);
    assertProblem(await ada('PUT', '/api/workspaces/acme/ladder', { version: 0, ladder }), 409);
  });

  it('places a person on a level from their own summary, and only for them', async () => {
    const cycle = (await sam<Cycle>('POST', '/api/workspaces/acme/traits/cycles')).body;
    await sam('PUT', `/api/workspaces/acme/traits/cycles/${cycle.id}/self`, {
      version: cycle.version,
      ratings: TRAIT_IDS.map((trait) => ({ trait, score: 3 })),
    });
    const r = await sam<LadderStanding>('GET', '/api/workspaces/acme/ladder/standing?level=senior-pm');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.traits.every((t) => t.basis === 'self'));
    // Senior PM expects 4 on three traits (product sense, data judgment, execution): those are below.
    assert.deepEqual(
      r.body.below.map((t) => t.trait),
      ['product-user-sense', 'data-driven-judgment', 'ability-to-execute'],
    );
    assertProblem(await sam('GET', '/api/workspaces/acme/ladder/standing?level=astronaut'), 404);
    assertProblem(await api.call('GET', '/api/workspaces/acme/ladder/standing?level=pm'), 401);
    assert.equal(
      (await ada<LadderStanding>('GET', '/api/workspaces/acme/ladder/standing?level=pm')).body.unrated.length,
      9,
    );
  });

  it('keeps 1:1s to the two people in them, and carries open actions over to the next', async () => {
    const made = await sam<OneOnOne>('POST', '/api/workspaces/acme/one-on-ones', {
      mentorId: ids.Mo,
      menteeId: ids.Sam,
      heldOn: '2026-11-02',
      notes: NOTE,
      actions: ['Write the kill criteria for idea #14', 'Read "Lead with questions"'],
    });
    assert.equal(made.status, 201, made.text);
    assert.equal(made.body.mentor.name, 'Mo');
    const ticked = await mo('PATCH', `/api/workspaces/acme/one-on-ones/${made.body.id}`, {
      version: made.body.version,
      actions: [
        { text: 'Write the kill criteria for idea #14', done: true },
        { text: 'Read "Lead with questions"', done: false },
      ],
    });
    assert.equal(ticked.status, 200, ticked.text);
    assertProblem(
      await sam('PATCH', `/api/workspaces/acme/one-on-ones/${made.body.id}`, {
        version: made.body.version,
        notes: 'x',
      }),
      409,
    );
    const next = await mo<OneOnOne>('POST', '/api/workspaces/acme/one-on-ones', {
      mentorId: ids.Mo,
      menteeId: ids.Sam,
      heldOn: '2026-11-16',
      actions: ['Run the next gate review'],
    });
    assert.deepEqual(next.body.actions, [
      { text: 'Read "Lead with questions"', done: false },
      { text: 'Run the next gate review', done: false },
    ]);
    assert.deepEqual(
      (await sam<OneOnOne[]>('GET', '/api/workspaces/acme/one-on-ones')).body.map((o) => o.heldOn),
      ['2026-11-16', '2026-11-02'],
    );

    // The owner: none of them listed, none found, and no 1:1 recorded for other people.
    assert.deepEqual((await ada('GET', '/api/workspaces/acme/one-on-ones')).body, []);
    assertProblem(
      await ada('PATCH', `/api/workspaces/acme/one-on-ones/${made.body.id}`, { version: 2, notes: 'read it' }),
      404,
    );
    assertProblem(
      await ada('POST', '/api/workspaces/acme/one-on-ones', {
        mentorId: ids.Mo,
        menteeId: ids.Sam,
        heldOn: '2026-11-20',
      }),
      422,
    );
    assertProblem(await api.call('GET', '/api/workspaces/acme/one-on-ones'), 401);
    const audit = await ada('GET', '/api/workspaces/acme/audit?limit=200');
    const csv = await ada('GET', '/api/workspaces/acme/audit?format=csv&limit=200');
    for (const t of [audit.text, csv.text]) {
      assert.ok(!t.includes('fuel-card'), 'a 1:1 note reached the audit log');
      assert.ok(!t.includes('kill criteria for idea #14'), 'a 1:1 action reached the audit log');
    }
  });
});
