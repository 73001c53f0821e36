import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AssumptionMapEntry,
  ChallengeResponse,
  Decision,
  DecisionRecommendation,
  DecisionRecorded,
  Dismissal,
  Evidence,
  Idea,
  IdeaPage,
  Recommendation,
  SimilarIdea,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

describe(`editing and undoing (${engine()})`, () => {
  let api: TestApi;
  let leader: string;
  let contributor: string;
  const get = async (ref: string | number) => (await api.call<Idea>('GET', `${WS}/ideas/${ref}`)).body;
  const listed = async (query = '') => {
    const r = await api.call<IdeaPage>('GET', `${WS}/ideas?limit=200${query}`);
    assert.equal(r.status, 200, r.text);
    return { numbers: r.body.items.map((i) => i.number), total: r.body.total };
  };

  before(async () => {
    api = await startApi();
    leader = await api.member('Grace Leader', undefined, 'leader');
    contributor = await api.member('Carl Contributor');
  });
  after(() => api.close());

  describe('archiving an idea', () => {
    it('takes it out of lists, totals and similar ideas, and restores it as it was', async () => {
      const kept = await api.idea({ title: 'Offline checkout for kiosks' });
      const gone = await api.idea({ title: 'Offline checkout for market stalls', tags: ['stalls'] });
      const before = await listed();
      assert.ok(before.numbers.includes(gone.number));

      const archived = await api.as(leader)<Idea>('POST', `${WS}/ideas/${gone.number}/archive`, {
        version: gone.version,
      });
      assert.equal(archived.status, 200, archived.text);
      assert.equal(archived.body.version, gone.version + 1);
      assert.ok(archived.body.archivedAt);

      const after = await listed();
      assert.equal(after.total, before.total - 1, 'the unfiltered total leaves it out');
      assert.ok(!after.numbers.includes(gone.number));
      assert.deepEqual((await listed('&tag=stalls')).numbers, [], 'filtered lists leave it out too');
      const archivedOnly = await listed('&archived=true');
      assert.deepEqual(archivedOnly, { numbers: [gone.number], total: 1 });
      const similar = await api.call<SimilarIdea[]>(
        'GET',
        `${WS}/ideas/similar?text=${encodeURIComponent('Offline checkout')}`,
      );
      assert.deepEqual(
        similar.body.map((s) => s.number),
        [kept.number],
      );
      // Still found by its number, and nothing about it may change until it is restored.
      assert.equal((await get(gone.number)).title, gone.title);
      const edit = await api.as(leader)('PATCH', `${WS}/ideas/${gone.number}`, {
        version: archived.body.version,
        title: 'Changed',
      });
      assertProblem(edit, 422);
      assert.match(edit.body.detail, /archived; restore it first/);
      const decision = await api.as(leader)('POST', `${WS}/ideas/${gone.number}/decisions`, {
        outcome: 'park',
        rationale: 'x',
        reversible: true,
        version: archived.body.version,
      });
      assertProblem(decision, 422);
      assertProblem(
        await api.as(leader)('POST', `${WS}/ideas/${gone.number}/archive`, { version: archived.body.version }),
        422,
      );

      const restored = await api.as(leader)<Idea>('POST', `${WS}/ideas/${gone.number}/restore`, {
        version: archived.body.version,
      });
      assert.equal(restored.status, 200, restored.text);
      assert.equal(restored.body.archivedAt, null);
      assert.deepEqual(restored.body.tags, ['stalls']);
      assert.deepEqual(await listed(), before);
    });

    it('checks the version and the role, and writes nothing when refused', async () => {
      const idea = await api.idea({ title: 'Gift cards' });
      const rows = () => api.rows(`select archived_at, version from ideas where id = '${idea.id}'`);
      const before = await rows();
      assertProblem(await api.as(leader)('POST', `${WS}/ideas/${idea.id}/archive`, { version: idea.version + 5 }), 409);
      assertProblem(
        await api.as(contributor)('POST', `${WS}/ideas/${idea.id}/archive`, { version: idea.version }),
        403,
      );
      assertProblem(await api.as(leader)('POST', `${WS}/ideas/${idea.id}/archive`, {}), 400, '/version');
      assertProblem(await api.call('POST', `${WS}/ideas/${idea.id}/archive`, { version: idea.version }), 401);
      assertProblem(await api.as(leader)('POST', `${WS}/ideas/${idea.id}/restore`, { version: idea.version }), 422);
      assert.deepEqual(await rows(), before);
    });
  });

  describe('editing what the documents need', () => {
    it('edits an idea’s title, tags, statement, RICE and economics, and clears them again', async () => {
      const idea = await api.idea({ title: 'Loyalty points' });
      const economics = { currency: 'EUR', arpuMonthly: 1200, tam: 5_000_000_00, sizingMethod: ['top-down'] };
      const r = await api.as(contributor)<Idea>('PATCH', `${WS}/ideas/${idea.number}`, {
        version: idea.version,
        title: 'Loyalty points for regulars',
        tags: ['retention'],
        rice: { reach: 1000, impact: 2, confidence: 0.5, effort: 3 },
        economics,
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.title, 'Loyalty points for regulars');
      assert.deepEqual(r.body.economics, economics);
      assert.deepEqual((await get(idea.number)).economics, economics);
      const bad = await api.as(contributor)('PATCH', `${WS}/ideas/${idea.number}`, {
        version: r.body.version,
        economics: { currency: 'euros' },
      });
      assertProblem(bad, 400, '/economics/currency');
      const cleared = await api.as(contributor)<Idea>('PATCH', `${WS}/ideas/${idea.number}`, {
        version: r.body.version,
        economics: null,
        rice: null,
      });
      assert.equal(cleared.status, 200, cleared.text);
      assert.equal(cleared.body.economics, null);
      assert.equal(cleared.body.rice, null);
    });

    it('corrects evidence at its version, and rescores every idea it supports', async () => {
      const idea = await api.idea({ title: 'Same-day delivery' });
      const ev = await api.as()<Evidence>('POST', `${WS}/ideas/${idea.number}/evidence`, {
        kind: 'interview-note',
        summary: 'Two shops asked for it',
        source: 'Calls',
        observedOn: '2026-01-10',
        strength: 'anecdote',
      });
      assert.equal(ev.status, 201, ev.text);
      const url = `${WS}/ideas/${idea.number}/evidence/${ev.body.id}`;
      const r = await api.as(contributor)<Evidence>('PATCH', url, {
        version: ev.body.version,
        summary: 'Twelve shops asked for it',
        strength: 'interview',
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.summary, 'Twelve shops asked for it');
      assert.equal(r.body.strength, 'interview');
      assert.equal(r.body.source, 'Calls');
      assertProblem(await api.as(contributor)('PATCH', url, { version: ev.body.version, summary: 'stale' }), 409);
      assertProblem(await api.as(contributor)('PATCH', url, { version: r.body.version, strength: 'rumour' }), 400);
      const other = await api.idea({ title: 'Unrelated' });
      assertProblem(
        await api.as(contributor)('PATCH', `${WS}/ideas/${other.number}/evidence/${ev.body.id}`, {
          version: r.body.version,
          summary: 'not linked here',
        }),
        404,
      );
      const [row] = await api.rows<{ summary: string; version: number }>(
        `select summary, version from evidence where id = '${ev.body.id}'`,
      );
      assert.deepEqual(row, { summary: 'Twelve shops asked for it', version: 2 });
    });
  });

  describe('removing and restoring what hangs off an idea', () => {
    it('removes an assumption softly, restores it as it was, and never gives its ref to another', async () => {
      const idea = await api.idea({ title: 'Kiosk mode' });
      const base = `${WS}/ideas/${idea.number}/assumptions`;
      const add = (statement: string) =>
        api.as(contributor)<StoredAssumption>('POST', base, {
          statement,
          kind: 'uncertainty',
          area: 'desirability',
          importance: 4,
        });
      const a1 = (await add('Shops want a kiosk')).body;
      const a2 = (await add('Staff can set it up')).body;
      assert.deepEqual([a1.ref, a2.ref], ['A1', 'A2']);

      const removed = await api.as(contributor)('DELETE', `${base}/${a2.id}`);
      assert.equal(removed.status, 204, removed.text);
      assert.deepEqual(
        (await api.call<StoredAssumption[]>('GET', base)).body.map((a) => a.ref),
        ['A1'],
      );
      const map = (await api.call<AssumptionMapEntry[]>('GET', `${WS}/ideas/${idea.number}/assumption-map`)).body;
      assert.deepEqual(
        map.map((e) => e.ref),
        ['A1'],
        'a removed assumption leaves the map (and the documents) too',
      );
      assertProblem(
        await api.as(contributor)('PATCH', `${base}/${a2.id}`, { version: a2.version, importance: 1 }),
        404,
      );
      assertProblem(await api.as(contributor)('DELETE', `${base}/${a2.id}`), 404);
      const a3 = (await add('Customers trust it')).body;
      assert.equal(a3.ref, 'A3', 'A2 stays taken while it is removed');

      assertProblem(await api.as(contributor)('POST', `${base}/${a2.id}/restore`, { version: a2.version + 1 }), 409);
      const back = await api.as(contributor)<StoredAssumption>('POST', `${base}/${a2.id}/restore`, {
        version: a2.version,
      });
      assert.equal(back.status, 200, back.text);
      assert.equal(back.body.ref, 'A2');
      assert.equal(back.body.statement, 'Staff can set it up');
      assert.equal(back.body.version, a2.version + 1);
      assert.deepEqual(
        (await api.call<StoredAssumption[]>('GET', base)).body.map((a) => a.ref),
        ['A1', 'A2', 'A3'],
      );
      assertProblem(await api.as(contributor)('POST', `${base}/${a2.id}/restore`, { version: back.body.version }), 404);
    });

    it('removes and restores competitors and experiments the same way', async () => {
      const idea = await api.idea({ title: 'Marketplace fees' });
      for (const [name, body] of [
        ['competitors', { name: 'Do nothing', kind: 'substitute' }],
        ['experiments', { hypothesis: 'Sellers pay 2 %', method: 'pre-sale', metric: 'signed sellers' }],
      ] as const) {
        const base = `${WS}/ideas/${idea.number}/${name}`;
        const made = await api.as(contributor)<StoredCompetitor | StoredExperiment>('POST', base, body);
        assert.equal(made.status, 201, made.text);
        assert.equal((await api.as(contributor)('DELETE', `${base}/${made.body.id}`)).status, 204);
        assert.deepEqual((await api.call('GET', base)).body, []);
        const back = await api.as(contributor)('POST', `${base}/${made.body.id}/restore`, {
          version: made.body.version,
        });
        assert.equal(back.status, 200, back.text);
        assert.deepEqual(
          (await api.call<(StoredCompetitor | StoredExperiment)[]>('GET', base)).body.map((r) => r.id),
          [made.body.id],
        );
      }
    });
  });

  describe('undoing decisions and dismissals', () => {
    it('reopens a killed idea with its rationale, recorded as a decision', async () => {
      const idea = await api.idea({ title: 'Paper catalogue' });
      const killed = await api.as(leader)<DecisionRecorded>('POST', `${WS}/ideas/${idea.number}/decisions`, {
        outcome: 'kill',
        rationale: 'Nobody reads paper.',
        reversible: true,
        version: idea.version,
      });
      assert.equal(killed.status, 201, killed.text);
      assertProblem(
        await api.as(contributor)('POST', `${WS}/ideas/${idea.number}/decisions`, {
          outcome: 'reopen',
          rationale: 'x',
          reversible: true,
          version: killed.body.idea.version,
        }),
        403,
      );
      const reopened = await api.as(leader)<DecisionRecorded>('POST', `${WS}/ideas/${idea.number}/decisions`, {
        outcome: 'reopen',
        rationale: 'Older customers asked for it at the fair.',
        reversible: true,
        version: killed.body.idea.version,
      });
      assert.equal(reopened.status, 201, reopened.text);
      assert.equal(reopened.body.idea.stage, 'discovery');
      const decisions = (await api.call<Decision[]>('GET', `${WS}/ideas/${idea.number}/decisions`)).body;
      assert.deepEqual(
        decisions.map((d) => [d.outcome, d.fromStage, d.toStage, d.rationale]),
        [
          ['kill', 'discovery', 'killed', 'Nobody reads paper.'],
          ['reopen', 'killed', 'discovery', 'Older customers asked for it at the fair.'],
        ],
      );
    });

    it('keeps the reason for overriding the recommendation with the decision, and only when it overrides', async () => {
      const idea = await api.idea({ title: 'Vending machines' });
      const advice = (await api.call<Recommendation>('GET', `${WS}/ideas/${idea.number}/recommendation`)).body;
      assert.equal(advice.verdict, 'iterate', 'a bare idea is not working yet: any gate outcome overrides it');
      const advanced = await api.as(leader)<DecisionRecorded>('POST', `${WS}/ideas/${idea.number}/decisions`, {
        outcome: 'advance',
        rationale: 'The board wants a pilot.',
        reversible: true,
        criteria: [{ criterion: 'Problem confirmed', met: false, note: 'Pilot will confirm it' }],
        overrideReason: '  A partner pays for the pilot.  ',
        version: idea.version,
      });
      assert.equal(advanced.status, 201, advanced.text);
      assert.deepEqual(advanced.body.decision.recommendation, {
        verdict: 'iterate',
        summary: advice.summary,
        followed: false,
        overrideReason: 'A partner pays for the pilot.',
      });
      assert.deepEqual(advanced.body.decision.criteria, [
        { criterion: 'Problem confirmed', met: false, note: 'Pilot will confirm it' },
      ]);
      const [stored] = await api.rows<{ recommendation: DecisionRecommendation | null }>(
        `select recommendation from decisions where idea_id = '${idea.id}'`,
      );
      assert.equal(stored?.recommendation?.overrideReason, 'A partner pays for the pilot.');
      assertProblem(
        await api.as(leader)('POST', `${WS}/ideas/${idea.number}/decisions`, {
          outcome: 'park',
          rationale: 'x',
          reversible: true,
          overrideReason: '',
          version: advanced.body.idea.version,
        }),
        400,
        '/overrideReason',
      );
    });

    it('restores a dismissed finding: it counts again, and the dismissal stays on record', async () => {
      const idea = await api.idea({ title: 'Subscription boxes' });
      const base = `${WS}/ideas/${idea.number}`;
      const first = (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report;
      const target = first.findings[0];
      assert.ok(target, 'a bare idea has findings');
      const key = { ruleId: target.ruleId, ...(target.subject ? { subject: target.subject } : {}) };
      const dismissed = await api.as(leader)<Dismissal>('POST', `${base}/challenge/dismissals`, {
        ...key,
        reason: 'Accepted',
      });
      assert.equal(dismissed.status, 201, dismissed.text);
      assert.equal(
        (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report.findings.length,
        first.findings.length - 1,
      );

      assertProblem(await api.as(contributor)('POST', `${base}/challenge/dismissals/restore`, key), 403);
      const restored = await api.as(leader)<Dismissal>('POST', `${base}/challenge/dismissals/restore`, key);
      assert.equal(restored.status, 200, restored.text);
      assert.equal(restored.body.reason, 'Accepted');
      const again = (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report;
      assert.deepEqual(
        again.findings.map((f) => f.id),
        first.findings.map((f) => f.id),
      );
      assert.equal(again.dismissed.length, 0);
      const kept = await api.rows<{ reason: string; restored: boolean }>(
        `select reason, restored_at is not null as restored from dismissals where idea_id = '${idea.id}'`,
      );
      assert.deepEqual(kept, [{ reason: 'Accepted', restored: true }]);
      assertProblem(await api.as(leader)('POST', `${base}/challenge/dismissals/restore`, key), 404);
    });
  });
});
