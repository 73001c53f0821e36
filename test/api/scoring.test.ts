import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Assessment,
  AssessmentPut,
  Evidence,
  Idea,
  ScoreChange,
  ScoreExplanation,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

describe(`assessments and scores API (${engine()})`, () => {
  let api: TestApi;
  let idea: Idea;
  let grace: string;
  let linus: string;
  const url = (path = '') => `${WS}/ideas/${idea.id}${path}`;
  const score = async () => (await api.call<ScoreExplanation>('GET', url('/score'))).body;
  const dim = (s: ScoreExplanation, id: string) => {
    const d = s.dimensions.find((x) => x.id === id);
    assert.ok(d, `no dimension ${id}`);
    return d;
  };
  const history = async () => (await api.call<ScoreChange[]>('GET', url('/score/history'))).body;

  before(async () => {
    api = await startApi();
    grace = await api.member('Grace Hopper');
    linus = await api.member('Linus Pauling');
    idea = await api.idea({ title: 'Self-serve refunds' });
  });
  after(() => api.close());

  it('starts unscored, and says so', async () => {
    const s = await score();
    assert.equal(s.composite, null);
    assert.equal(s.adjusted, null);
    assert.equal(s.coverage, 0);
    assert.equal(s.assessors, 0);
    assert.equal(s.rice, null);
    assert.equal(s.ice, null);
    assert.equal(s.dimensions.length, 9);
    assert.match(s.explanation.join('\n'), /Not scored yet/);
    assert.deepEqual(await history(), []);
  });

  it('keeps one assessment per member and shows mean, min, max and spread per dimension', async () => {
    const put = (member: string, scores: AssessmentPut['scores'], reason: string) =>
      api.as(member)<Assessment>('PUT', url('/assessments/mine'), { scores, reason });
    const a = await put(
      api.owner.id,
      {
        'problem-significance': { score: 5, confidence: 'high', note: 'Top support driver' },
        risk: { score: 4, confidence: 'high' },
      },
      'First look',
    );
    assert.equal(a.status, 200, a.text);
    assert.equal(a.body.version, 1);
    assert.deepEqual(a.body.assessor, api.owner);
    assert.equal(a.body.scores['problem-significance']?.note, 'Top support driver');
    assert.equal(
      (await put(grace, { 'problem-significance': { score: 3, confidence: 'medium' } }, 'Grace scores')).status,
      200,
    );
    assert.equal(
      (await put(linus, { 'problem-significance': { score: 2, confidence: 'high' } }, 'Linus scores')).status,
      200,
    );

    const list = await api.call<Assessment[]>('GET', url('/assessments'));
    assert.deepEqual(
      list.body.map((x) => x.assessor.name),
      ['Ada Owner', 'Grace Hopper', 'Linus Pauling'],
    );

    const s = await score();
    const ps = dim(s, 'problem-significance');
    assert.deepEqual([...ps.scores].sort(), [2, 3, 5]);
    assert.equal(ps.mean, 3.33);
    assert.equal(ps.min, 2);
    assert.equal(ps.max, 5);
    assert.equal(ps.spread, 3);
    assert.equal(ps.confidenceFactor, 0.9); // the lowest confidence among assessors: medium
    const risk = dim(s, 'risk');
    assert.deepEqual(risk.scores, [4]);
    assert.equal(risk.spread, 0);
    assert.equal(dim(s, 'feasibility').mean, null);
    assert.equal(s.assessors, 3);
    assert.equal(s.coverage, 0.22); // 2 of 9 dimensions
    // Weighted mean of the scored dimensions: (1.5 × 3.333 + 1 × 4) / 2.5
    assert.equal(s.composite, 3.6);
    const stored = (await api.call<Idea>('GET', url())).body.score;
    assert.deepEqual(stored, { composite: s.composite, adjusted: s.adjusted, coverage: s.coverage, assessors: 3 });
  });

  it('confidence-adjusts the composite down when there is no evidence, and explains every part', async () => {
    const s = await score();
    assert.ok(
      s.adjusted !== null && s.composite !== null && s.adjusted < s.composite,
      `${s.adjusted} < ${s.composite}`,
    );
    assert.equal(dim(s, 'risk').evidenceStrength, null);
    assert.equal(dim(s, 'risk').evidenceFactor, 0.5);
    assert.equal(dim(s, 'risk').adjusted, 2.5); // 1 + (4 - 1) × 0.5 × 1
    assert.equal(dim(s, 'feasibility').adjusted, 1); // unscored counts at the floor
    const text = s.explanation.join('\n');
    assert.match(text, /^Composite 3\.6 of 5/m);
    assert.match(text, new RegExp(`^Confidence-adjusted ${s.adjusted} of 5`, 'm'));
    assert.match(text, /Risk: 4 with no evidence linked, discounted to 2\.5/);
    assert.match(text, /Problem significance: assessors disagree \(scores 2 to 5\)/);
    assert.match(text, /Feasibility: not scored/);
  });

  it('shows RICE and ICE once their inputs exist', async () => {
    const current = (await api.call<Idea>('GET', url())).body;
    const r = await api.as()('PATCH', url(), {
      version: current.version,
      rice: { reach: 1000, impact: 2, confidence: 0.5, effort: 4 },
      ice: { impact: 5, confidence: 4, ease: 3 },
    });
    assert.equal(r.status, 200, r.text);
    const s = await score();
    assert.equal(s.rice, 250);
    assert.equal(s.ice, 60);
    assert.match(s.explanation.join('\n'), /RICE 250 = reach × impact × confidence ÷ effort/);
    assert.match(s.explanation.join('\n'), /ICE 60 = impact × confidence × ease/);
    assert.equal(s.composite, 3.6); // RICE and ICE sit beside the composite, never inside it
  });

  it('keeps every score change with assessor, actor, time and reason, newest first', async () => {
    const own = (await api.call<Assessment[]>('GET', url('/assessments'))).body.find(
      (a) => a.assessor.id === api.owner.id,
    );
    assert.ok(own, 'the owner has an assessment');
    const change = await api.as()<Assessment>('PUT', url('/assessments/mine'), {
      scores: { risk: { score: 2, confidence: 'low' }, 'problem-significance': null },
      reason: 'Legal review found a risk',
      version: own.version,
    });
    assert.equal(change.status, 200, change.text);
    assert.equal(change.body.version, own.version + 1);
    assert.deepEqual(Object.keys(change.body.scores), ['risk']);

    const h = await history();
    assert.equal(h.length, 6); // 2 + 1 + 1 first scores, then 2 changes
    const [a, b] = h;
    assert.ok(a && b);
    const latest = [a, b].sort((x, y) => x.dimension.localeCompare(y.dimension));
    assert.deepEqual(
      latest.map((c) => [c.dimension, c.from, c.to, c.fromConfidence, c.toConfidence, c.reason]),
      [
        ['problem-significance', 5, null, 'high', null, 'Legal review found a risk'],
        ['risk', 4, 2, 'high', 'low', 'Legal review found a risk'],
      ],
    );
    for (const c of h) {
      assert.equal(typeof c.at, 'string');
      assert.ok(!Number.isNaN(Date.parse(c.at)));
      assert.deepEqual(c.actor, c.assessor);
    }
    assert.deepEqual(
      h.map((c) => c.at),
      [...h.map((c) => c.at)].sort().reverse(),
    );
    const grace1 = h.find((c) => c.assessor.id === grace)!;
    assert.deepEqual([grace1.from, grace1.to, grace1.reason], [null, 3, 'Grace scores']);
    assert.deepEqual(grace1.actor, { id: grace, name: 'Grace Hopper' });
    assert.equal(h.filter((c) => c.reason === 'First look').length, 2);

    const s = await score();
    assert.deepEqual([...dim(s, 'problem-significance').scores].sort(), [2, 3]);
    assert.equal(dim(s, 'risk').mean, 2);
  });

  it('refuses a stale version, an unknown dimension and evidence not linked to the idea, with no history written', async () => {
    const before = {
      history: await api.rows(`select * from score_changes order by id`),
      assessments: await api.rows(`select * from assessments order by id`),
      idea: await api.rows(`select * from ideas order by id`),
    };
    const mine = url('/assessments/mine');
    assertProblem(await api.as()('PUT', mine, { scores: { risk: { score: 5, confidence: 'high' } }, version: 1 }), 409);
    assertProblem(await api.as()('PUT', mine, { scores: { risk: { score: 5, confidence: 'high' } } }), 409);
    assertProblem(
      await api.as()('PUT', mine, { scores: { risk: { score: 5, confidence: 'high' } } }, { 'if-match': '"1"' }),
      409,
    );
    assertProblem(
      await api.as()('PUT', mine, { scores: { vibes: { score: 5, confidence: 'high' } }, version: 2 }),
      400,
      '/scores',
    );
    assertProblem(
      await api.as()('PUT', mine, { scores: { risk: { score: 6, confidence: 'sure' } }, version: 2 }),
      400,
      '/scores/risk/score',
      '/scores/risk/confidence',
    );
    const other = await api.idea({ title: 'Another idea' });
    const ev = await api.as()<Evidence>('POST', `${WS}/ideas/${other.id}/evidence`, {
      kind: 'quote',
      summary: 'Elsewhere',
      source: 'Somewhere',
      observedOn: '2025-01-02',
      strength: 'survey',
    });
    assert.equal(ev.status, 201, ev.text);
    assertProblem(
      await api.as()('PUT', mine, {
        scores: { risk: { score: 5, confidence: 'high', evidenceIds: [ev.body.id] } },
        version: 2,
      }),
      400,
      '/scores/risk/evidenceIds',
    );
    assertProblem(await api.call('PUT', mine, { scores: { risk: { score: 5, confidence: 'high' } }, version: 2 }), 401);
    assert.deepEqual(await api.rows(`select * from score_changes order by id`), before.history);
    assert.deepEqual(await api.rows(`select * from assessments order by id`), before.assessments);
    const ideasNow = await api.rows<{ id: string }>(`select * from ideas order by id`);
    assert.deepEqual(
      ideasNow.filter((i) => i.id !== other.id),
      before.idea,
    );
  });

  it('accepts evidence linked to the idea, which lifts the adjusted score', async () => {
    const ev = await api.as()<Evidence>('POST', url('/evidence'), {
      kind: 'experiment-result',
      summary: 'Fake-door test: 14 % clicked',
      source: 'Checkout experiment',
      observedOn: '2025-02-01',
      strength: 'experiment',
    });
    assert.equal(ev.status, 201, ev.text);
    const before = await score();
    const r = await api.as()('PUT', url('/assessments/mine'), {
      scores: { risk: { score: 2, confidence: 'low', evidenceIds: [ev.body.id] } },
      version: 2,
    });
    assert.equal(r.status, 200, r.text);
    const after = await score();
    assert.equal(dim(after, 'risk').evidenceStrength, 'experiment');
    assert.ok(after.adjusted !== null && before.adjusted !== null && after.adjusted > before.adjusted);
    assert.equal(after.composite, before.composite);
    assert.equal((await history()).length, 6); // only the evidence changed, not score or confidence
  });

  it('two first assessments by one member at once: one is saved, the other gets 409', async () => {
    const other = await api.idea({ title: 'Race me' });
    const results = await api.race('assessments', () =>
      [1, 2, 3].map((n) =>
        api.as(grace)('PUT', `${WS}/ideas/${other.id}/assessments/mine`, {
          scores: { risk: { score: n, confidence: 'low' } },
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409], results.map((r) => r.text).join('\n'));
    for (const r of results.filter((x) => x.status !== 200)) assertProblem(r, 409);
    assert.equal((await api.rows(`select * from score_changes where idea_id = '${other.id}'`)).length, 1);
  });

  it('a composite is absolute: adding and scoring other ideas never changes it', async () => {
    const mine = await score();
    const stored = (await api.call<Idea>('GET', url())).body.score;
    for (let i = 0; i < 12; i++) {
      const other = await api.idea({ title: `Other idea ${i}` }, i % 2 ? grace : undefined);
      const r = await api.as(linus)('PUT', `${WS}/ideas/${other.id}/assessments/mine`, {
        scores: {
          'problem-significance': { score: (i % 5) + 1, confidence: 'high' },
          risk: { score: 5 - (i % 5), confidence: 'medium' },
          feasibility: { score: 5, confidence: 'high' },
        },
      });
      assert.equal(r.status, 200, r.text);
    }
    const again = await score();
    assert.equal(again.composite, mine.composite);
    assert.equal(again.adjusted, mine.adjusted);
    assert.deepEqual(again.dimensions, mine.dimensions);
    assert.deepEqual((await api.call<Idea>('GET', url())).body.score, stored);
  });
});
