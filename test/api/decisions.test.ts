import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Assessment,
  Decision,
  DecisionRecorded,
  Evidence,
  Idea,
  IdeaCreated,
  IdeaPage,
  MergeResult,
  ReceiptLookup,
  ScoreChange,
  ScoreExplanation,
  SimilarIdea,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

describe(`decisions, merges and receipts API (${engine()})`, () => {
  let api: TestApi;
  let grace: string;
  let linus: string;
  const get = async (ref: string): Promise<Idea> => (await api.call<Idea>('GET', `${WS}/ideas/${ref}`)).body;
  const decide = async (ref: string, body: Record<string, unknown>, member?: string) => {
    const idea = await get(ref);
    return api.as(member)<DecisionRecorded>('POST', `${WS}/ideas/${ref}/decisions`, {
      rationale: 'Because.',
      reversible: true,
      version: idea.version,
      ...body,
    });
  };
  /** Everything a refused decision must not have touched. */
  const state = async (id: string) => ({
    idea: await api.rows(`select * from ideas where id = '${id}'`),
    decisions: await api.rows(`select * from decisions order by id`),
  });

  before(async () => {
    api = await startApi();
    grace = await api.member('Grace Hopper', undefined, 'leader');
    linus = await api.member('Linus Pauling');
  });
  after(() => api.close());

  describe('stage gates', () => {
    let idea: Idea;
    before(async () => {
      idea = await api.idea({ title: 'Self-serve refunds' });
    });

    it('advances with rationale, criteria, reversibility and a review date, as one record', async () => {
      const criteria = [
        { criterion: 'The problem is framed.', met: true },
        { criterion: 'Evidence beyond the submitter.', met: false, note: 'Two interviews booked.' },
      ];
      const r = await decide(idea.id, {
        outcome: 'advance',
        rationale: 'Support data shows the pain clearly.',
        criteria,
        reversible: false,
        reviewOn: '2025-09-01',
      });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.idea.stage, 'validation');
      assert.equal(r.body.idea.version, idea.version + 1);
      const d = r.body.decision;
      assert.deepEqual(
        [d.fromStage, d.toStage, d.outcome, d.rationale, d.reversible, d.reviewOn],
        ['discovery', 'validation', 'advance', 'Support data shows the pain clearly.', false, '2025-09-01'],
      );
      assert.deepEqual(d.criteria, criteria);
      assert.deepEqual(d.decidedBy, api.owner);
      const list = await api.call<Decision[]>('GET', `${WS}/ideas/${idea.id}/decisions`);
      assert.deepEqual(list.body, [d]);
    });

    it('parks, reopens to the stage it was parked from, and kills', async () => {
      const park = await decide(
        idea.id,
        { outcome: 'park', rationale: 'Not this quarter.', reviewOn: '2025-12-01' },
        grace,
      );
      assert.equal(park.status, 201, park.text);
      assert.equal(park.body.idea.stage, 'parked');
      assert.deepEqual(park.body.decision.decidedBy, { id: grace, name: 'Grace Hopper' });
      const reopen = await decide(idea.id, { outcome: 'reopen', rationale: 'Budget freed up.' });
      assert.equal(reopen.status, 201, reopen.text);
      assert.equal(reopen.body.idea.stage, 'validation');
      assert.equal(reopen.body.decision.fromStage, 'parked');
      const kill = await decide(idea.id, {
        outcome: 'kill',
        rationale: 'A competitor shipped it free.',
        reversible: false,
      });
      assert.equal(kill.status, 201, kill.text);
      assert.equal(kill.body.idea.stage, 'killed');
      const list = (await api.call<Decision[]>('GET', `${WS}/ideas/${idea.id}/decisions`)).body;
      assert.deepEqual(
        list.map((d) => [d.outcome, d.fromStage, d.toStage]),
        [
          ['advance', 'discovery', 'validation'],
          ['park', 'validation', 'parked'],
          ['reopen', 'parked', 'validation'],
          ['kill', 'validation', 'killed'],
        ],
      );
    });

    it('refuses illegal moves with a clear reason, writing nothing', async () => {
      const fresh = await api.idea({ title: 'Fresh idea' });
      const cases: [string, Record<string, unknown>, RegExp][] = [
        [idea.id, { outcome: 'advance' }, /killed idea cannot advance/i],
        [idea.id, { outcome: 'park' }, /Only an idea in Discovery, Validation or Realization can be parked/],
        [idea.id, { outcome: 'reopen', toStage: 'launched' }, /goes back to Discovery, Validation or Realization/],
        [fresh.id, { outcome: 'advance', toStage: 'launched' }, /advances to Validation only, not to Launched/],
        [fresh.id, { outcome: 'reopen' }, /Only a parked or killed idea can be reopened; this one is Discovery/],
        [fresh.id, { outcome: 'kill', toStage: 'parked' }, /moves an idea to Killed/],
      ];
      for (const [ref, body, reason] of cases) {
        const before = await state(ref);
        const r = await decide(ref, body);
        assertProblem(r, 422);
        assert.match(r.body.detail, reason);
        assert.deepEqual(await state(ref), before, `nothing written for ${JSON.stringify(body)}`);
      }
      const parked = await decide(fresh.id, { outcome: 'park' });
      assert.equal(parked.status, 201);
      const back = await decide(fresh.id, { outcome: 'reopen', toStage: 'launched' });
      assertProblem(back, 422);
      assert.match(back.body.detail, /goes back to Discovery, Validation or Realization, not Launched/);
    });

    it('refuses a stale version (field or If-Match), a missing rationale and no actor, writing nothing', async () => {
      const fresh = await api.idea({ title: 'Versioned idea' });
      const before = await state(fresh.id);
      const url = `${WS}/ideas/${fresh.id}/decisions`;
      const body = { outcome: 'advance', rationale: 'Go.', reversible: true };
      assertProblem(await api.as()('POST', url, { ...body, version: fresh.version + 1 }), 409);
      assertProblem(await api.as()('POST', url, body, { 'if-match': `"${fresh.version + 5}"` }), 409);
      assertProblem(await api.as()('POST', url, body), 400, '/version');
      assertProblem(
        await api.as()('POST', url, { outcome: 'advance', rationale: '', version: fresh.version }),
        400,
        '/rationale',
        '/reversible',
      );
      assertProblem(
        await api.as()('POST', url, { ...body, outcome: 'merge', version: fresh.version }),
        400,
        '/outcome',
      );
      assertProblem(
        await api.as()('POST', url, { ...body, reviewOn: 'next week', version: fresh.version }),
        400,
        '/reviewOn',
      );
      assertProblem(await api.call('POST', url, { ...body, version: fresh.version }), 401);
      assert.deepEqual(await state(fresh.id), before);
      const ok = await api.as()('POST', url, body, { 'if-match': `"${fresh.version}"` });
      assert.equal(ok.status, 201, ok.text);
    });

    it('two decisions from the same version: one is recorded, the other gets 409', async () => {
      const fresh = await api.idea({ title: 'Contested idea' });
      const results = await api.race('ideas', () =>
        (['advance', 'kill'] as const).map((outcome) =>
          api.as()('POST', `${WS}/ideas/${fresh.id}/decisions`, {
            outcome,
            rationale: outcome,
            reversible: true,
            version: fresh.version,
          }),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], results.map((r) => r.text).join('\n'));
      const decisions = await api.rows<{ outcome: string }>(
        `select outcome from decisions where idea_id = '${fresh.id}'`,
      );
      assert.equal(decisions.length, 1);
      assert.equal((await get(fresh.id)).stage, decisions[0]!.outcome === 'advance' ? 'validation' : 'killed');
    });
  });

  describe('merge', () => {
    let dup: Idea;
    let target: Idea;
    let evidenceId: string;

    before(async () => {
      target = await api.idea({ title: 'Refund requests without an agent' }, grace);
      dup = await api.idea({ title: 'Refunds without talking to support' }, linus);
      const ev = await api.as(linus)<Evidence>('POST', `${WS}/ideas/${dup.id}/evidence`, {
        kind: 'quote',
        summary: 'Three customers asked for it this week.',
        source: 'Support inbox',
        observedOn: '2025-04-01',
        strength: 'anecdote',
        dimensions: ['problem-significance'],
      });
      assert.equal(ev.status, 201, ev.text);
      evidenceId = ev.body.id;
      const assess = async (member: string, ref: string, value: number) => {
        const r = await api.as(member)('PUT', `${WS}/ideas/${ref}/assessments/mine`, {
          scores: { 'problem-significance': { score: value, confidence: 'high' } },
        });
        assert.equal(r.status, 200, r.text);
      };
      await assess(linus, dup.id, 5); // Linus assessed only the duplicate: carried over
      await assess(grace, dup.id, 1); // Grace assessed both: her score on the target stays
      await assess(grace, target.id, 3);
    });

    it('refuses merging into itself, into a killed idea and with a stale version, writing nothing', async () => {
      const killed = await api.idea({ title: 'Dead end' });
      assert.equal((await decide(killed.id, { outcome: 'kill' })).status, 201);
      const before = await api.dump();
      const merge = (intoId: string, version: number) =>
        api.as()('POST', `${WS}/ideas/${dup.id}/merge`, { intoId, rationale: 'Same idea.', version });
      assertProblem(await merge(dup.id, dup.version), 422);
      assertProblem(await merge(killed.id, dup.version), 422);
      assertProblem(await merge(target.id, dup.version + 1), 409);
      assertProblem(await merge('00000000-0000-4000-8000-000000000000', dup.version), 404);
      assertProblem(
        await api.as()('POST', `${WS}/ideas/${dup.id}/merge`, { intoId: 'idea-2', rationale: 'x', version: 1 }),
        400,
        '/intoId',
      );
      assert.deepEqual(await api.dump(), before);
    });

    it('carries evidence, assessments and followers over, and records the merge as a decision', async () => {
      const r = await api.as()<MergeResult>('POST', `${WS}/ideas/${dup.id}/merge`, {
        intoId: target.id,
        rationale: 'The same request, worded differently.',
        version: dup.version,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.into.id, target.id);
      const d = r.body.decision;
      assert.deepEqual(
        [d.ideaId, d.outcome, d.mergedIdeaId, d.rationale, d.reversible],
        [dup.id, 'merge', target.id, 'The same request, worded differently.', false],
      );
      assert.deepEqual(d.decidedBy, api.owner);

      const evidence = (await api.call<Evidence[]>('GET', `${WS}/ideas/${target.id}/evidence`)).body;
      assert.deepEqual(
        evidence.map((e) => e.id),
        [evidenceId],
      );
      const onTarget = evidence[0]?.links.find((l) => l.ideaId === target.id);
      assert.deepEqual(onTarget?.dimensions, ['problem-significance']);

      const assessments = (await api.call<Assessment[]>('GET', `${WS}/ideas/${target.id}/assessments`)).body;
      const byName = Object.fromEntries(
        assessments.map((a) => [a.assessor.name, a.scores['problem-significance']?.score]),
      );
      assert.deepEqual(byName, { 'Grace Hopper': 3, 'Linus Pauling': 5 });
      const score = (await api.call<ScoreExplanation>('GET', `${WS}/ideas/${target.id}/score`)).body;
      assert.equal(score.assessors, 2);
      assert.equal(score.composite, 4);
      assert.equal(r.body.into.score.composite, 4);
      const carried = (await api.call<ScoreChange[]>('GET', `${WS}/ideas/${target.id}/score/history`)).body.find(
        (c) => c.assessor.id === linus,
      );
      assert.deepEqual([carried?.to, carried?.actor.id], [5, api.owner.id]);
      assert.match(carried?.reason ?? '', /merged/i);

      const followers = await api.rows<{ member_id: string }>(
        `select member_id from followers where idea_id = '${target.id}' order by member_id`,
      );
      assert.deepEqual(followers.map((f) => f.member_id).sort(), [grace, linus].sort());

      const merged = await get(dup.id);
      assert.equal(merged.mergedIntoId, target.id);
      assert.equal(merged.version, dup.version + 1);
      const onDecisions = (await api.call<Decision[]>('GET', `${WS}/ideas/${target.id}/decisions`)).body;
      assert.ok(onDecisions.some((x) => x.id === d.id));
    });

    it('hides the merged idea from the default list and similar search, but not from includeMerged', async () => {
      const ids = (await api.call<IdeaPage>('GET', `${WS}/ideas?limit=200`)).body.items.map((i) => i.id);
      assert.ok(!ids.includes(dup.id));
      assert.ok(ids.includes(target.id));
      const all = (await api.call<IdeaPage>('GET', `${WS}/ideas?limit=200&includeMerged=true`)).body.items.map(
        (i) => i.id,
      );
      assert.ok(all.includes(dup.id));
      const similar = await api.call<SimilarIdea[]>(
        'GET',
        `${WS}/ideas/similar?text=${encodeURIComponent('Refunds without talking to support')}`,
      );
      assert.ok(!similar.body.some((s) => s.id === dup.id), similar.text);
      assert.ok(
        similar.body.some((s) => s.id === target.id),
        similar.text,
      );
    });

    it('refuses to merge an idea twice or into a merged idea, and decisions on a merged idea', async () => {
      const other = await api.idea({ title: 'Yet another refund idea' });
      const merged = await get(dup.id);
      const twice = await api.as()('POST', `${WS}/ideas/${dup.id}/merge`, {
        intoId: other.id,
        rationale: 'again',
        version: merged.version,
      });
      assertProblem(twice, 422);
      const into = await api.as()('POST', `${WS}/ideas/${other.id}/merge`, {
        intoId: dup.id,
        rationale: 'into merged',
        version: other.version,
      });
      assertProblem(into, 422);
      assertProblem(await decide(dup.id, { outcome: 'kill' }), 422);
    });

    it('one idea merged two ways at once: one merge wins, the other gets 409', async () => {
      const source = await api.idea({ title: 'Merge race source' });
      const a = await api.idea({ title: 'Merge race A' });
      const b = await api.idea({ title: 'Merge race B' });
      const results = await api.race('ideas', () =>
        [a, b].map((t) =>
          api.as()<MergeResult>('POST', `${WS}/ideas/${source.id}/merge`, {
            intoId: t.id,
            rationale: 'race',
            version: source.version,
          }),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], results.map((r) => r.text).join('\n'));
      const decisions = await api.rows(`select * from decisions where idea_id = '${source.id}'`);
      assert.equal(decisions.length, 1);
      const winner = results.find((r) => r.status === 200)!.body.into.id;
      assert.equal((await get(source.id)).mergedIntoId, winner);
    });
  });

  describe('receipts', () => {
    let code: string;
    let anon: Idea;

    it('gives an anonymous submitter a receipt code, once', async () => {
      const r = await api.call<IdeaCreated>('POST', `${WS}/ideas`, {
        title: 'Anonymous suggestion box idea',
        anonymous: true,
      });
      assert.equal(r.status, 201, r.text);
      assert.ok(r.body.receiptCode !== undefined, r.text);
      code = r.body.receiptCode;
      anon = r.body.idea;
      assert.match(code, /^VT-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      assert.equal(anon.anonymous, true);
      assert.equal(anon.submitter, null);
      assert.equal((await get(anon.id)).submitter, null);
      assert.ok(!JSON.stringify((await api.call('GET', `${WS}/ideas/${anon.id}`)).body).includes(code));
    });

    it('looks up the idea and every decision with its reasons by the code', async () => {
      const park = await decide(anon.id, { outcome: 'park', rationale: 'Good, but after the migration.' }, grace);
      assert.equal(park.status, 201, park.text);
      const r = await api.call<ReceiptLookup>('POST', '/api/receipts/lookup', { code });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.idea.id, anon.id);
      assert.equal(r.body.idea.stage, 'parked');
      assert.equal(r.body.idea.submitter, null);
      assert.equal(r.body.mergedInto, null);
      assert.deepEqual(
        r.body.decisions.map((d) => [d.outcome, d.rationale]),
        [['park', 'Good, but after the migration.']],
      );
      const lower = await api.call<ReceiptLookup>('POST', '/api/receipts/lookup', { code: ` ${code.toLowerCase()} ` });
      assert.equal(lower.status, 200, lower.text);
      assert.equal(lower.body.idea.id, anon.id);
    });

    it('follows a merged anonymous idea to where it went', async () => {
      const home = await api.idea({ title: 'Suggestion box, properly' });
      const current = await get(anon.id);
      const reopen = await decide(anon.id, { outcome: 'reopen', rationale: 'Merging it.' });
      assert.equal(reopen.status, 201, reopen.text);
      const m = await api.as()('POST', `${WS}/ideas/${anon.id}/merge`, {
        intoId: home.id,
        rationale: `Already planned as #${home.number}`,
        version: current.version + 1,
      });
      assert.equal(m.status, 200, m.text);
      const r = await api.call<ReceiptLookup>('POST', '/api/receipts/lookup', { code });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.mergedInto, { id: home.id, number: home.number, title: home.title, stage: home.stage });
      assert.deepEqual(
        r.body.decisions.map((d) => d.outcome),
        ['park', 'reopen', 'merge'],
      );
      assert.equal(r.body.decisions.at(-1)?.rationale, `Already planned as #${home.number}`);
    });

    it('refuses unknown and malformed codes', async () => {
      assertProblem(await api.call('POST', '/api/receipts/lookup', { code: 'VT-AAAA-BBBB-CCCC-DDDD' }), 404);
      assertProblem(await api.call('POST', '/api/receipts/lookup', { code: 'short' }), 400, '/code');
      assertProblem(await api.call('POST', '/api/receipts/lookup', {}), 400, '/code');
      assertProblem(await api.call('POST', '/api/receipts/lookup', { code, extra: 1 }), 400, '/extra');
    });
  });
});
