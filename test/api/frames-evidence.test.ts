import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Evidence, Frame, Idea, IdeaCreated, ScoreExplanation, WorkspaceCreated } from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const quote = {
  kind: 'quote',
  summary: '"I would pay to never file a refund ticket again."',
  source: 'Support call, customer 1142',
  observedOn: '2025-03-14',
  strength: 'interview',
};

describe(`frames and evidence API (${engine()})`, () => {
  let api: TestApi;
  let one: Idea;
  let two: Idea;
  let grace: string;

  before(async () => {
    api = await startApi();
    grace = await api.member('Grace Hopper');
    one = await api.idea({ title: 'Self-serve refunds' });
    two = await api.idea({ title: 'Refund status page' });
  });
  after(() => api.close());

  describe('frames', () => {
    const frameUrl = () => `${WS}/ideas/${one.id}/frame`;

    it('answers an empty frame, version 0, until one is written', async () => {
      const empty = await api.call<Frame>('GET', frameUrl());
      assert.equal(empty.status, 200, empty.text);
      assert.deepEqual(empty.body, { updatedBy: null, updatedAt: null, version: 0 });
      assertProblem(await api.call('GET', `${WS}/ideas/999999/frame`), 404);
    });

    it('creates, reads and replaces the frame as a whole, one version at a time', async () => {
      const first = await api.as()<Frame>('PUT', frameUrl(), {
        who: 'Shoppers with a broken order',
        currentState: 'They wait three days for an agent.',
        gapMetric: { metric: 'Time to refund', current: 72, target: 1, unit: 'hours' },
      });
      assert.equal(first.status, 200, first.text);
      assert.equal(first.body.version, 1);
      assert.deepEqual(first.body.updatedBy, api.owner);
      assert.equal(first.body.gapMetric?.current, 72);

      const read = await api.call<Frame>('GET', frameUrl());
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, first.body);

      const second = await api.as(grace)<Frame>('PUT', frameUrl(), {
        version: 1,
        who: 'All shoppers',
        idealState: 'Instant.',
      });
      assert.equal(second.status, 200, second.text);
      assert.equal(second.body.version, 2);
      assert.equal(second.body.who, 'All shoppers');
      assert.equal(second.body.currentState, undefined); // absent fields are cleared: the frame is replaced
      assert.equal(second.body.updatedBy?.name, 'Grace Hopper');

      const third = await api.as()<Frame>('PUT', frameUrl(), { who: 'Via If-Match' }, { 'if-match': '"2"' });
      assert.equal(third.status, 200, third.text);
      assert.equal(third.body.version, 3);
    });

    it('refuses a stale or missing version, and a first write that claims a version, saving nothing', async () => {
      const before = (await api.call<Frame>('GET', frameUrl())).body;
      assertProblem(await api.as()('PUT', frameUrl(), { version: 2, who: 'stale' }), 409);
      assertProblem(await api.as()('PUT', frameUrl(), { who: 'no version' }), 409);
      assertProblem(await api.as()('PUT', frameUrl(), { who: 'stale' }, { 'if-match': '"1"' }), 409);
      assertProblem(await api.as()('PUT', `${WS}/ideas/${two.id}/frame`, { version: 4, who: 'x' }), 409);
      assertProblem(await api.call('PUT', frameUrl(), { version: 3, who: 'nobody' }), 401);
      assert.deepEqual((await api.call('GET', frameUrl())).body, before);
      assert.equal((await api.call<Frame>('GET', `${WS}/ideas/${two.id}/frame`)).body.version, 0, 'still not framed');
    });

    it('two first writes at once: one frame is created, the other writer gets 409', async () => {
      const results = await api.race('frames', () =>
        ['a', 'b', 'c'].map((who) => api.as()<Frame>('PUT', `${WS}/ideas/${two.id}/frame`, { who })),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409], results.map((r) => r.text).join('\n'));
      for (const r of results.filter((x) => x.status !== 200)) assertProblem(r, 409);
      const frame = (await api.call<Frame>('GET', `${WS}/ideas/${two.id}/frame`)).body;
      assert.equal(frame.version, 1);
      assert.equal(frame.who, results.find((r) => r.status === 200)!.body.who);
    });
  });

  describe('evidence', () => {
    let ev: Evidence;

    it('adds evidence to an idea, naming the dimensions it supports', async () => {
      const r = await api.as(grace)<Evidence>('POST', `${WS}/ideas/${one.id}/evidence`, {
        ...quote,
        url: 'https://support.example.com/calls/1142',
        dimensions: ['problem-significance', 'certainty-of-demand'],
      });
      assert.equal(r.status, 201, r.text);
      ev = r.body;
      assert.equal(ev.summary, quote.summary);
      assert.equal(ev.observedOn, '2025-03-14');
      assert.equal(ev.url, 'https://support.example.com/calls/1142');
      assert.deepEqual(ev.createdBy, { id: grace, name: 'Grace Hopper' });
      assert.deepEqual(ev.links, [{ ideaId: one.id, dimensions: ['problem-significance', 'certainty-of-demand'] }]);
      const listed = await api.call<Evidence[]>('GET', `${WS}/ideas/${one.id}/evidence`);
      assert.deepEqual(
        listed.body.map((e) => e.id),
        [ev.id],
      );
    });

    it('links the same evidence to another idea (many-to-many) and changes its dimensions there', async () => {
      const r = await api.as()<Evidence>('PUT', `${WS}/ideas/${two.id}/evidence/${ev.id}`, { dimensions: ['risk'] });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.id, ev.id);
      const byIdea = (links: Evidence['links']) => Object.fromEntries(links.map((l) => [l.ideaId, l.dimensions]));
      assert.deepEqual(byIdea(r.body.links), {
        [one.id]: ['problem-significance', 'certainty-of-demand'],
        [two.id]: ['risk'],
      });
      for (const idea of [one, two]) {
        const listed = await api.call<Evidence[]>('GET', `${WS}/ideas/${idea.id}/evidence`);
        assert.deepEqual(
          listed.body.map((e) => e.id),
          [ev.id],
        );
      }
      // Linking again updates the dimensions rather than adding a second link.
      const again = await api.as()<Evidence>('PUT', `${WS}/ideas/${two.id}/evidence/${ev.id}`, {
        dimensions: ['feasibility'],
      });
      assert.equal(again.status, 200, again.text);
      assert.deepEqual(byIdea(again.body.links)[two.id], ['feasibility']);
      assert.equal((await api.rows(`select * from evidence_links where evidence_id = '${ev.id}'`)).length, 2);
      assert.equal((await api.rows(`select * from evidence where id = '${ev.id}'`)).length, 1);
    });

    it('unlinks evidence from one idea only; a second unlink is 404', async () => {
      const r = await api.as()('DELETE', `${WS}/ideas/${two.id}/evidence/${ev.id}`);
      assert.equal(r.status, 204, r.text);
      assert.deepEqual((await api.call('GET', `${WS}/ideas/${two.id}/evidence`)).body, []);
      const still = (await api.call<Evidence[]>('GET', `${WS}/ideas/${one.id}/evidence`)).body;
      assert.deepEqual(
        still.map((e) => e.id),
        [ev.id],
      );
      assert.deepEqual(
        still[0]?.links.map((l) => l.ideaId),
        [one.id],
      );
      assertProblem(await api.as()('DELETE', `${WS}/ideas/${two.id}/evidence/${ev.id}`), 404);
      assertProblem(await api.call('DELETE', `${WS}/ideas/${one.id}/evidence/${ev.id}`), 401);
    });

    it('refuses unknown dimensions, unknown evidence and evidence of another workspace, linking nothing', async () => {
      const links = await api.rows('select * from evidence_links order by 1, 2');
      const evidence = await api.rows('select * from evidence order by 1');
      assertProblem(
        await api.as()('POST', `${WS}/ideas/${one.id}/evidence`, { ...quote, dimensions: ['vibes'] }),
        400,
        '/dimensions',
      );
      assertProblem(
        await api.as()('PUT', `${WS}/ideas/${two.id}/evidence/${ev.id}`, { dimensions: ['vibes'] }),
        400,
        '/dimensions',
      );
      assertProblem(
        await api.as()('PUT', `${WS}/ideas/${two.id}/evidence/00000000-0000-4000-8000-000000000000`, {
          dimensions: [],
        }),
        404,
      );
      // Evidence from another workspace cannot be linked here.
      const other = await api.as()<WorkspaceCreated>('POST', '/api/workspaces', {
        slug: 'other',
        name: 'Other',
        owner: { name: 'Olga' },
      });
      const otherIdea = await api.as(other.body.owner.id)<IdeaCreated>('POST', '/api/workspaces/other/ideas', {
        title: 'Elsewhere',
      });
      const foreign = await api.as(other.body.owner.id)<Evidence>(
        'POST',
        `/api/workspaces/other/ideas/${otherIdea.body.idea.id}/evidence`,
        quote,
      );
      assert.equal(foreign.status, 201, foreign.text);
      const linksNow = await api.rows('select * from evidence_links order by 1, 2');
      const evidenceNow = await api.rows('select * from evidence order by 1');
      assertProblem(
        await api.as()('PUT', `${WS}/ideas/${two.id}/evidence/${foreign.body.id}`, { dimensions: [] }),
        404,
      );
      assertProblem(
        await api.as()('POST', `${WS}/ideas/${one.id}/evidence`, {
          ...quote,
          strength: 'rumour',
          observedOn: '2025-02-30',
        }),
        400,
        '/strength',
        '/observedOn',
      );
      assert.deepEqual(await api.rows('select * from evidence_links order by 1, 2'), linksNow);
      assert.deepEqual(await api.rows('select * from evidence order by 1'), evidenceNow);
      assert.equal(linksNow.length, links.length + 1);
      assert.equal(evidenceNow.length, evidence.length + 1);
    });

    it('evidence tagged to a scored dimension raises the confidence-adjusted score, not the composite', async () => {
      const put = await api.as()('PUT', `${WS}/ideas/${two.id}/assessments/mine`, {
        scores: { 'time-to-value': { score: 5, confidence: 'high' } },
      });
      assert.equal(put.status, 200, put.text);
      const before = (await api.call<ScoreExplanation>('GET', `${WS}/ideas/${two.id}/score`)).body;
      const paid = await api.as()<Evidence>('POST', `${WS}/ideas/${two.id}/evidence`, {
        ...quote,
        kind: 'revenue-signal',
        strength: 'paying',
        dimensions: ['time-to-value'],
      });
      assert.equal(paid.status, 201, paid.text);
      const after = (await api.call<ScoreExplanation>('GET', `${WS}/ideas/${two.id}/score`)).body;
      assert.equal(after.composite, before.composite);
      assert.ok(
        after.adjusted !== null && before.adjusted !== null && after.adjusted > before.adjusted,
        `${after.adjusted} > ${before.adjusted}`,
      );
      const dim = after.dimensions.find((d) => d.id === 'time-to-value');
      assert.equal(dim?.evidenceStrength, 'paying');
      assert.equal(dim?.evidenceFactor, 1);
      const idea = (await api.call<Idea>('GET', `${WS}/ideas/${two.id}`)).body;
      assert.equal(idea.score.adjusted, after.adjusted); // the list's stored score follows at once

      // Unlinking it takes the boost away again.
      const del = await api.as()('DELETE', `${WS}/ideas/${two.id}/evidence/${paid.body.id}`);
      assert.equal(del.status, 204);
      assert.equal((await api.call<Idea>('GET', `${WS}/ideas/${two.id}`)).body.score.adjusted, before.adjusted);
    });
  });
});
