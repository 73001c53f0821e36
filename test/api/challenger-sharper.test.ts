import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChallengeResponse, Evidence, Idea, ImportReport, Opportunity, Problem } from '../../src/schema/index.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const W = '/api/workspaces/acme';

/** Issue 12 through the API: the idea's criteria, future-dated evidence, runs as of a date, grouped findings. */
describe(`the challenger, sharper, through the API (${engine()})`, () => {
  let api: TestApi;
  let base: string;
  before(async () => {
    api = await startApi();
    const idea = await api.idea({ title: 'Referral letters without re-typing', description: 'Clinics re-type.' });
    base = `${W}/ideas/${idea.number}`;
  });
  after(() => api.close());

  it('stores the idea’s success metrics and kill criteria, refuses bad ones field by field, and exports them', async () => {
    const idea = (await api.call<Idea>('GET', base)).body;
    assert.deepEqual([idea.successMetrics, idea.killCriteria], [[], []]);
    const bad = await api.as()<Problem>('PATCH', base, {
      version: idea.version,
      successMetrics: [{ metric: 'Letters re-typed', target: 'fewer' }],
      killCriteria: [{ statement: '' }],
    });
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    const paths = (bad.body.errors ?? []).map((e) => e.path).sort();
    assert.ok(paths.includes('/successMetrics/0/target'), paths.join(' '));
    assert.ok(paths.includes('/killCriteria/0/statement'), paths.join(' '));
    assert.equal((await api.call<Idea>('GET', base)).body.version, idea.version, 'nothing written');
    const ok = await api.as()<Idea>('PATCH', base, {
      version: idea.version,
      successMetrics: [
        { metric: 'Letters re-typed per week', target: 5, baseline: 120, byWhen: '2027-03-31', higherIsBetter: false },
      ],
      killCriteria: [
        {
          statement: 'We stop if fewer than 2 of 10 clinics use it weekly',
          metric: 'Clinics using it weekly',
          threshold: 2,
        },
      ],
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.successMetrics[0]?.target, 5);
    const file = (await api.call<Opportunity>('GET', `${base}/opportunity`)).body;
    assert.equal(file.format, 'vetted.opportunity/v2');
    assert.equal(file.idea.killCriteria?.[0]?.threshold, 2);
    assert.equal(file.idea.successMetrics?.[0]?.baseline, 120);
  });

  it('imports v2 files with their criteria, and v1 files unchanged', async () => {
    const v2 = await api.as()<ImportReport>('POST', `${W}/import`, {
      format: 'vetted.opportunity/v2',
      idea: { title: 'From a v2 file', killCriteria: [{ statement: 'We stop if no clinic pays by June' }] },
    });
    assert.equal(v2.status, 200, v2.text);
    const v2idea = (await api.call<Idea>('GET', `${W}/ideas/${v2.body.numbers[0]}`)).body;
    assert.equal(v2idea.killCriteria[0]?.statement, 'We stop if no clinic pays by June');
    const v1 = await api.as()<ImportReport>('POST', `${W}/import`, {
      format: 'vetted.opportunity/v1',
      idea: { title: 'From a v1 file' },
    });
    assert.equal(v1.status, 200, v1.text);
    const v1idea = (await api.call<Idea>('GET', `${W}/ideas/${v1.body.numbers[0]}`)).body;
    assert.deepEqual([v1idea.successMetrics, v1idea.killCriteria], [[], []]);
  });

  it('refuses evidence dated in the future with a clear error, and writes nothing', async () => {
    const before = (await api.call<Evidence[]>('GET', `${base}/evidence`)).body.length;
    const future = await api.as()<Problem>('POST', `${base}/evidence`, {
      kind: 'interview-note',
      summary: 'Nurses re-type every letter.',
      source: 'Interview, clinic 3',
      observedOn: '2099-01-01',
      strength: 'interview',
    });
    assert.equal(future.status, 400);
    assert.match(String(future.headers['content-type']), /application\/problem\+json/);
    const [error] = future.body.errors ?? [];
    assert.ok(error, future.text);
    assert.equal(error.path, '/observedOn');
    assert.match(error.message, /2099-01-01 is in the future/);
    assert.equal((await api.call<Evidence[]>('GET', `${base}/evidence`)).body.length, before);
    for (const n of ['3', '7']) {
      const r = await api.as()('POST', `${base}/evidence`, {
        kind: 'interview-note',
        summary: 'Nurses re-type every letter.',
        source: `Interview, clinic ${n}`,
        observedOn: '2025-01-10',
        strength: 'interview',
      });
      assert.equal(r.status, 201, r.text);
    }
    const report = (await api.call<ChallengeResponse>('GET', `${base}/challenge`)).body.report;
    assert.ok(!report.findings.some((f) => f.ruleId === 'single-source-evidence.one-source'));
  });

  it('judges as of a date when asked, says so, and refuses a date that is not one', async () => {
    const early = await api.call<ChallengeResponse>('GET', `${base}/challenge?asOf=2025-06-01`);
    assert.equal(early.status, 200, early.text);
    assert.equal(early.body.report.asOf, '2025-06-01');
    assert.match(early.body.report.methodologyVersion, /^\d{4}\.\d+\.\d+$/);
    const late = await api.call<ChallengeResponse>('GET', `${base}/challenge?asOf=2027-06-01`);
    const stale = (r: { findings: { kind: string }[] }) => r.findings.some((f) => f.kind === 'stale-evidence');
    assert.equal(stale(early.body.report), false);
    assert.equal(stale(late.body.report), true);
    assert.deepEqual((await api.call('GET', `${base}/challenge?asOf=2027-06-01`)).body, late.body);
    const bad = await api.call('GET', `${base}/challenge?asOf=yesterday`);
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  });
});
