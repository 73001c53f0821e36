import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  AssumptionMapEntry,
  ChallengeResponse,
  EconomicsReadout,
  Idea,
  IdeaPage,
  Opportunity,
  PmfReadout,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const SURVEY = [
  'id,How would you feel if you could no longer use it? (disappointed)',
  ...Array.from({ length: 24 }, (_, i) => `${i},Very disappointed`),
  ...Array.from({ length: 20 }, (_, i) => `${24 + i},Somewhat disappointed`),
  ...Array.from({ length: 6 }, (_, i) => `${44 + i},"Not disappointed (it isn't really that useful)"`),
  '50,N/A - I no longer use it',
].join('\n');
/** The OpenAPI document is generated, not described in src/schema: a local type for the one part read here. */
type OpenApiDoc = { paths: Record<string, unknown> };
const COHORTS = 'cohort,size,d1,d7,d30,d60\n2026-06,200,120,90,60,56\n2026-07,150,95,70,48,45\n2026-08,100,64,50,34,\n';

/** Issue 14, points 2 to 4, through the API: economics in scenarios, sizing both ways, product-market fit. */
describe(`realization API: economics, sizing, product-market fit (${engine()})`, () => {
  let api: TestApi;
  let idea: Idea;
  let url: string;

  before(async () => {
    api = await startApi();
    idea = await api.idea({ title: 'Invoice reminders for clinics' });
    url = `${WS}/ideas/${idea.number}`;
  });
  after(() => api.close());

  const findings = async () =>
    (await api.call<ChallengeResponse>('GET', `${url}/challenge`)).body.report.findings.map((f) => f.ruleId);

  it('edits economics with channels, scenarios and sources, and the challenger follows the edit', async () => {
    const first = await api.as()<Idea>('PATCH', url, {
      version: idea.version,
      economics: {
        currency: 'EUR',
        arpuMonthly: 5_000,
        grossMargin: 0.7,
        monthlyChurn: 0.05,
        cacChannels: [
          { channel: 'Search ads', cac: 60_000, share: 0.5 },
          { channel: 'Partners', cac: 40_000, share: 0.5 },
        ],
        basis: {
          arpuMonthly: { kind: 'source', note: 'Price page, 12 pre-orders' },
          grossMargin: { kind: 'assumption', note: 'hosting and support' },
        },
        scenarios: { pessimistic: { monthlyChurn: 0.08 }, optimistic: { monthlyChurn: 0.03 } },
      },
    });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.economics?.cac, 50_000, 'the blended CAC is stored as the base figure');
    const low = await api.call<EconomicsReadout>('GET', `${url}/economics`);
    assert.equal(low.status, 200, low.text);
    assert.equal(low.body.scenarios.base.ltv, 70_000); // 35.00 ÷ 5 %
    assert.equal(low.body.scenarios.base.ltvToCac, 1.4);
    assert.equal(low.body.scenarios.pessimistic.ltvToCac, 0.88);
    assert.equal(low.body.channels[1]?.ltvToCac, 1.75);
    assert.deepEqual(low.body.assumptions, ['grossMargin']);
    assert.ok((await findings()).includes('economics-unviable.ltv-cac-below-3'));

    const map = await api.call<AssumptionMapEntry[]>('GET', `${url}/assumption-map`);
    assert.ok(map.body.some((m) => m.ref === 'economics.grossMargin'));

    const second = await api.as()<Idea>('PATCH', url, {
      version: first.body.version,
      economics: { ...first.body.economics, monthlyChurn: 0.01, cacChannels: undefined, cac: 50_000 },
    });
    assert.equal(second.status, 200, second.text);
    const high = await api.call<EconomicsReadout>('GET', `${url}/economics`);
    assert.equal(high.body.scenarios.base.ltvToCac, 7);
    assert.ok(!(await findings()).includes('economics-unviable.ltv-cac-below-3'));
    idea = second.body;
  });

  it('refuses a bad economics edit with a problem and writes nothing', async () => {
    const bad = await api.as()('PATCH', url, {
      version: idea.version,
      economics: { arpuMonthly: 5_000, basis: { arpuMonthly: { kind: 'rumour' } } },
    });
    assertProblem(bad, 400);
    const now = await api.call<Idea>('GET', url);
    assert.equal(now.body.version, idea.version);
    assert.equal(now.body.economics?.monthlyChurn, 0.01);
  });

  it('sizes the market both ways, side by side, and the challenger flags top-down only', async () => {
    const topOnly = await api.as()<Idea>('PATCH', url, {
      version: idea.version,
      economics: {
        ...idea.economics,
        sizing: { topDown: { tam: 2_000_000_000_00, tamSource: 'Market report', samShare: 0.1, somShare: 0.05 } },
      },
    });
    assert.equal(topOnly.status, 200, topOnly.text);
    assert.deepEqual(topOnly.body.economics?.sizingMethod, ['top-down']);
    assert.equal(topOnly.body.economics?.sam, 200_000_000_00);
    assert.ok((await findings()).includes('market-top-down-only.top-down-sizing'));

    const both = await api.as()<Idea>('PATCH', url, {
      version: topOnly.body.version,
      economics: {
        ...topOnly.body.economics,
        sizing: {
          ...topOnly.body.economics?.sizing,
          bottomUp: {
            buyers: 8_000,
            buyersSource: 'Clinic registry',
            price: 60_000,
            priceSource: 'Quotes',
            frequencyPerYear: 1,
          },
        },
      },
    });
    assert.equal(both.status, 200, both.text);
    const sizing = (await api.call<EconomicsReadout>('GET', `${url}/economics`)).body.sizing;
    assert.equal(sizing.bottomUp?.annual, 4_800_000_00);
    assert.equal(sizing.ratio, 41.67); // SAM 200m ÷ 4.8m
    assert.deepEqual(sizing.unsourced, ['samShare', 'somShare', 'frequencyPerYear']);
    assert.ok(!(await findings()).includes('market-top-down-only.top-down-sizing'));
    idea = both.body;
  });

  it('imports a Sean Ellis survey and a cohort table, and reads product-market fit', async () => {
    const survey = await api.as()<Idea>('POST', `${url}/pmf/import`, {
      version: idea.version,
      kind: 'sean-ellis',
      csv: SURVEY,
      source: 'In-app survey, October',
    });
    assert.equal(survey.status, 200, survey.text);
    assert.deepEqual(survey.body.pmf?.survey, {
      veryDisappointed: 24,
      somewhatDisappointed: 20,
      notDisappointed: 6,
      notApplicable: 1,
      source: 'In-app survey, October',
    });
    const cohorts = await api.as()<Idea>('POST', `${url}/pmf/import`, {
      version: survey.body.version,
      kind: 'cohorts',
      csv: COHORTS,
    });
    assert.equal(cohorts.status, 200, cohorts.text);
    assert.equal(cohorts.body.pmf?.cohorts?.length, 3);
    assert.equal(cohorts.body.pmf?.survey?.veryDisappointed, 24, 'a cohort import keeps the survey');

    const pmf = await api.call<PmfReadout>('GET', `${url}/pmf`);
    assert.equal(pmf.status, 200, pmf.text);
    assert.equal(pmf.body.survey?.n, 50);
    assert.equal(pmf.body.survey?.share, 0.48);
    assert.ok(pmf.body.survey && pmf.body.survey.low < 0.48 && pmf.body.survey.high > 0.48);
    assert.deepEqual(
      pmf.body.cohorts.map((c) => c.d30),
      [0.3, 0.32, 0.34],
    );
    const status = Object.fromEntries(pmf.body.signals.map((s) => [s.id, s.status]));
    assert.deepEqual(status, {
      desirability: 'strong',
      retention: 'strong',
      economics: 'strong',
      organic: 'not-measured',
    });
    assert.equal(pmf.body.level, 'strong');
    assert.equal(pmf.body.readyToScale, false);
    assert.equal(pmf.body.holdingBack?.id, 'organic');
    idea = cohorts.body;
  });

  it('takes the organic share and the guards by API, and is ready to scale only when they hold', async () => {
    const r = await api.as()<Idea>('PATCH', url, {
      version: idea.version,
      pmf: {
        ...idea.pmf,
        organic: { organicNewUsers: 45, totalNewUsers: 120, period: 'October' },
        supportTickets: [
          { period: 'August', ticketsPerUser: 0.5 },
          { period: 'October', ticketsPerUser: 0.3 },
        ],
        onboarding: { completed: 78, started: 100 },
      },
    });
    assert.equal(r.status, 200, r.text);
    const pmf = (await api.call<PmfReadout>('GET', `${url}/pmf`)).body;
    assert.equal(pmf.level, 'extreme');
    assert.equal(pmf.readyToScale, true);
    idea = r.body;
  });

  it('refuses an unreadable file with the row, a stale version, and a viewer', async () => {
    const bad = await api.as()('POST', `${url}/pmf/import`, {
      version: idea.version,
      kind: 'sean-ellis',
      csv: 'disappointed\nVery disappointed\nNo idea\n',
    });
    assertProblem(bad, 400);
    assert.match(JSON.stringify(bad.body.errors), /Row 3/);
    const noSize = await api.as()('POST', `${url}/pmf/import`, {
      version: idea.version,
      kind: 'cohorts',
      csv: 'cohort,d30\nx,3\n',
    });
    assertProblem(noSize, 400);
    const stale = await api.as()('POST', `${url}/pmf/import`, {
      version: idea.version - 1,
      kind: 'cohorts',
      csv: COHORTS,
    });
    assertProblem(stale, 409);
    const viewer = await api.member('Vera Viewer', undefined, 'viewer');
    const refused = await api.as(viewer)('POST', `${url}/pmf/import`, {
      version: idea.version,
      kind: 'cohorts',
      csv: COHORTS,
    });
    assertProblem(refused, 403);
    assert.equal((await api.call<Idea>('GET', url)).body.version, idea.version, 'nothing was written');
  });

  it('carries economics and PMF data through the opportunity file, deriving the flat figures on import', async () => {
    const file = (await api.call<Opportunity>('GET', `${url}/opportunity`)).body;
    assert.equal(file.pmf?.survey?.veryDisappointed, 24);
    assert.equal(file.economics?.sizing?.bottomUp?.buyers, 8_000);
    // A hand-written file with structured parts only: the importer derives what the rules read.
    const { economics, pmf } = file;
    assert.ok(economics);
    const { tam: _t, sam: _s, som: _o, sizingMethod: _m, ...structured } = economics;
    const imported = await api.as()('POST', `${WS}/import`, {
      idea: { title: 'Invoice reminders, imported' },
      economics: { ...structured, cacChannels: [{ channel: 'Partners', cac: 30_000, share: 1 }] },
      pmf,
    });
    assert.equal(imported.status, 200, imported.text);
    const [listed] = (await api.call<IdeaPage>('GET', `${WS}/ideas?q=imported`)).body.items;
    assert.ok(listed);
    const copy = (await api.call<Idea>('GET', `${WS}/ideas/${listed.number}`)).body;
    assert.equal(copy.economics?.cac, 30_000);
    assert.equal(copy.economics?.sam, 200_000_000_00);
    assert.deepEqual(copy.economics?.sizingMethod, ['top-down', 'bottom-up']);
    assert.deepEqual(copy.pmf, pmf);
    const readout = (await api.call<PmfReadout>('GET', `${WS}/ideas/${listed.number}/pmf`)).body;
    assert.equal(readout.level, 'extreme');
  });

  it('lists the routes in the OpenAPI document', async () => {
    const doc = (await api.call<OpenApiDoc>('GET', '/openapi.json')).body;
    for (const path of ['/economics', '/pmf', '/pmf/import'])
      assert.ok(doc.paths[`/api/workspaces/{ws}/ideas/{idea}${path}`], path);
  });
});
