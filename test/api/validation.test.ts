import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AssumptionMapEntry,
  ChallengeResponse,
  DecisionRecorded,
  Dismissal,
  Idea,
  Methodology,
  Problem,
  Recommendation,
  RuleInfo,
  StoredAssumption,
  StoredExperiment,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const W = '/api/workspaces/acme';

describe(`validation loop and challenger API (${engine()})`, () => {
  let api: TestApi;
  let n: number;
  let base: string;
  before(async () => {
    api = await startApi();
    const idea = await api.idea({
      title: 'Quick-pay for subcontractors',
      description: 'Pay owner-operators in 48 hours.',
    });
    n = idea.number;
    base = `${W}/ideas/${n}`;
  });
  after(() => api.close());

  it('lists assumptions with refs, refuses bad ones field by field, and maps them riskiest first', async () => {
    const bad = await api.as()<Problem>('POST', `${base}/assumptions`, {
      statement: 'x',
      kind: 'hunch',
      area: 'viability',
      importance: 9,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors?.map((e) => e.path).sort(), ['/importance', '/kind']);
    const a1 = await api.as()<StoredAssumption>('POST', `${base}/assumptions`, {
      ref: 'A1',
      statement: 'Owner-operators want faster pay.',
      kind: 'uncertainty',
      area: 'desirability',
      importance: 5,
    });
    assert.equal(a1.status, 201, JSON.stringify(a1.body));
    const a2 = await api.as()<StoredAssumption>('POST', `${base}/assumptions`, {
      statement: 'The UI is usable.',
      kind: 'risk',
      area: 'usability',
      importance: 2,
    });
    assert.equal(a2.body.ref, 'A2', 'the next short ref after A1');
    const dup = await api.as()('POST', `${base}/assumptions`, {
      ref: 'A1',
      statement: 'Again.',
      kind: 'risk',
      area: 'usability',
      importance: 2,
    });
    assert.equal(dup.status, 400);
    const ghost = await api.as()('POST', `${base}/assumptions`, {
      statement: 'Cited.',
      kind: 'risk',
      area: 'viability',
      importance: 3,
      evidence: ['nope'],
    });
    assert.equal(ghost.status, 400);
    const map = await api.call<AssumptionMapEntry[]>('GET', `${base}/assumption-map`);
    assert.deepEqual(
      map.body.map((e) => e.ref),
      ['A1', a2.body.ref],
    );
    const stale = await api.as()('PATCH', `${base}/assumptions/${a1.body.id}`, { importance: 4, version: 7 });
    assert.equal(stale.status, 409);
  });

  it('locks criteria at the start and records later changes as moved goalposts', async () => {
    const unknownTest = await api.as()<Problem>('POST', `${base}/experiments`, {
      hypothesis: 'h',
      method: 'fake-door',
      metric: 'm',
      tests: ['A9'],
    });
    assert.equal(unknownTest.status, 400);
    assert.equal(unknownTest.body.errors?.[0]?.path, '/tests/0');
    const x = await api.as()<StoredExperiment>('POST', `${base}/experiments`, {
      ref: 'X1',
      hypothesis: 'Owner-operators click "Get paid in 48 hours"',
      wrongWhen: 'fewer than 2% click',
      method: 'fake-door',
      metric: 'click-through',
      successThreshold: 0.06,
      killThreshold: 0.02,
      minSample: 1000,
      deadline: '2027-01-31',
      tests: ['A1'],
    });
    assert.equal(x.status, 201, JSON.stringify(x.body));
    assert.equal(x.body.status, 'planned');
    const early = await api.as()<StoredExperiment>('PATCH', `${base}/experiments/${x.body.id}`, {
      successThreshold: 0.05,
      version: x.body.version,
    });
    assert.equal(early.status, 200);
    assert.equal(early.body.goalpostsMoved, undefined);
    const noResultYet = await api.as()('POST', `${base}/experiments/${x.body.id}/result`, {
      observed: 0.1,
      sample: 1200,
      version: early.body.version,
    });
    assert.equal(noResultYet.status, 422);
    const started = await api.as()<StoredExperiment>('POST', `${base}/experiments/${x.body.id}/start`, {
      version: early.body.version,
    });
    assert.equal(started.status, 200);
    assert.equal(started.body.status, 'running');
    assert.equal(started.body.locked?.successThreshold, 0.05);
    const noReason = await api.as()('PATCH', `${base}/experiments/${x.body.id}`, {
      successThreshold: 0.03,
      version: started.body.version,
    });
    assertProblem(noReason, 422);
    assert.match(noReason.body.detail, /needs a reason/);
    const unchanged = await api.call<StoredExperiment[]>('GET', `${base}/experiments`);
    assert.equal(unchanged.body[0]?.version, started.body.version);
    assert.equal(unchanged.body[0]?.successThreshold, 0.05);
    const moved = await api.as()<StoredExperiment>('PATCH', `${base}/experiments/${x.body.id}`, {
      successThreshold: 0.03,
      reason: 'Seasonal dip',
      version: started.body.version,
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.goalpostsMoved, true);
    assert.equal(moved.body.criteriaChanges?.[0]?.field, 'successThreshold');
    assert.equal(moved.body.criteriaChanges?.[0]?.by, 'Ada Owner');
    assert.equal(moved.body.locked?.successThreshold, 0.05);
    const findings = await api.call<ChallengeResponse>('GET', `${base}/challenge`);
    assert.ok(findings.body.report.findings.some((f) => f.kind === 'moved-goalposts'));
  });

  it('says "not working yet" for a small sample and "kill" once the kill threshold is crossed on what matters', async () => {
    const [x] = (await api.call<StoredExperiment[]>('GET', `${base}/experiments`)).body;
    assert.ok(x);
    const small = await api.as()<StoredExperiment>('POST', `${base}/experiments/${x.id}/result`, {
      observed: 0.01,
      sample: 80,
      complete: false,
      version: x.version,
    });
    assert.equal(small.status, 200);
    const early = await api.call<Recommendation>('GET', `${base}/recommendation`);
    assert.equal(early.body.verdict, 'iterate');
    assert.equal(early.body.reading, 'not-working-yet');
    const done = await api.as()<StoredExperiment>('POST', `${base}/experiments/${x.id}/result`, {
      observed: 0.01,
      sample: 1500,
      learningCard: { observed: '1% clicked', therefore: 'we stop quick-pay' },
      version: small.body.version,
    });
    assert.equal(done.body.status, 'completed');
    const final = await api.call<Recommendation>('GET', `${base}/recommendation`);
    assert.equal(final.body.verdict, 'kill');
    const decided = await api.as()<DecisionRecorded>('POST', `${base}/decisions`, {
      outcome: 'park',
      rationale: 'Waiting for a financing partner',
      reversible: true,
      version: (await api.call<Idea>('GET', base)).body.version,
    });
    assert.equal(decided.status, 201);
    assert.deepEqual(
      {
        verdict: decided.body.decision.recommendation?.verdict,
        followed: decided.body.decision.recommendation?.followed,
      },
      { verdict: 'kill', followed: false },
    );
  });

  it('records a dismissal with its reason and moves the finding aside; refuses unknown rules', async () => {
    const before = (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report;
    const target = before.findings[0];
    assert.ok(target);
    const noActor = await api.call('POST', `${base}/challenge/dismissals`, { ruleId: target.ruleId, reason: 'x' });
    assert.equal(noActor.status, 401);
    const unknown = await api.as()('POST', `${base}/challenge/dismissals`, { ruleId: 'made-up.rule', reason: 'x' });
    assert.equal(unknown.status, 400);
    const d = await api.as()<Dismissal>('POST', `${base}/challenge/dismissals`, {
      ruleId: target.ruleId,
      subject: target.subject,
      reason: 'Known and accepted',
    });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    assert.equal(d.body.dismissedBy, 'Ada Owner');
    const afterwards = (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report;
    assert.equal(afterwards.findings.length, before.findings.length - 1);
    assert.ok(
      afterwards.dismissed.some((x) => x.finding.id === target.id && x.dismissal.reason === 'Known and accepted'),
    );
  });

  it('keeps AI suggestions apart and off when no model is configured', async () => {
    const r = await api.call<ChallengeResponse>('GET', `${base}/challenge?ai=true`);
    assert.equal(r.status, 200);
    const ai = r.body.ai;
    assert.ok(ai?.status === 'unavailable', JSON.stringify(ai));
    assert.equal(ai.reason, 'not-configured');
    assert.ok(r.body.report.findings.every((f) => !f.ruleId.startsWith('ai')));
  });

  it('says with the method whether AI suggestions can be asked for on this server', async () => {
    const saved = { url: process.env.VETTED_LLM_BASE_URL, model: process.env.VETTED_LLM_MODEL };
    try {
      delete process.env.VETTED_LLM_BASE_URL;
      delete process.env.VETTED_LLM_MODEL;
      assert.equal((await api.net<Methodology>('GET', '/api/methodology')).body.aiSuggestions, false);
      // The configuration is the server's environment: a server started with a model offers them.
      process.env.VETTED_LLM_BASE_URL = 'http://127.0.0.1:9/v1';
      process.env.VETTED_LLM_MODEL = 'small-model';
      const withModel = await startApi();
      try {
        assert.equal((await withModel.net<Methodology>('GET', '/api/methodology')).body.aiSuggestions, true);
      } finally {
        await withModel.close();
      }
    } finally {
      for (const [k, v] of [
        ['VETTED_LLM_BASE_URL', saved.url],
        ['VETTED_LLM_MODEL', saved.model],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('lists the rules with stable ids and the fixed kinds', async () => {
    const r = await api.call<RuleInfo[]>('GET', '/api/challenger/rules');
    assert.ok(r.body.length >= 25);
    assert.ok(r.body.every((x) => x.id.startsWith(`${x.kind}.`)));
  });
});
