import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/documents/index.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { type Block, buildDocument, type DocumentModel } from '../../src/domain/documents/index.ts';
import type { Opportunity } from '../../src/schema/index.ts';
import { GENERATED_AT } from '../fixtures/documents.ts';

/** Issue 14 point 7 (the ask, team, go-to-market, traction) and issue 13's positioning with our own product. */
const model = (kind: Parameters<typeof buildDocument>[0], opportunity: Opportunity): DocumentModel =>
  buildDocument(kind, { opportunity, dimensions: defaultDimensions(), generatedAt: GENERATED_AT });
const section = (m: DocumentModel, id: string) => {
  const s = m.sections.find((x) => x.id === id);
  assert.ok(s, `section ${id} in ${m.kind}`);
  return s;
};
const missing = (blocks: Block[]) => blocks.filter((b) => b.type === 'missing').map((b) => b.what);
const text = (blocks: Block[]) => JSON.stringify(blocks);

const competitors: Opportunity['competitors'] = [
  // "Rated often" is rated for all three with the same value: rating count must not make it an axis.
  { name: 'Alpha', kind: 'direct', capabilities: { 'rated often': 3, speed: 1, price: 5, reach: 2 } },
  { name: 'Beta', kind: 'direct', capabilities: { 'rated often': 3, speed: 5, price: 1, reach: 3 } },
  { name: 'Gamma', kind: 'indirect', capabilities: { 'rated often': 3, speed: 3 } },
];
const base: Opportunity = {
  idea: { title: 'Dock booking for shippers', stage: 'realization' },
  competitors,
  economics: {
    currency: 'EUR',
    arpuMonthly: 30_000,
    grossMargin: 0.8,
    monthlyChurn: 0.02,
    cacChannels: [
      { channel: 'Partners', cac: 40_000, share: 0.6 },
      { channel: 'Search ads', cac: 90_000, share: 0.4 },
    ],
  },
};
const full: Opportunity = {
  ...base,
  capabilities: { speed: 4, price: 2, reach: 5 },
  launchPlan: {
    ask: { budget: 18_000_000, people: 4, months: 6, buys: 'General availability and 60 customers live.' },
    team: [
      { role: 'Engineering lead', name: 'Ana Ruiz' },
      { role: 'Designer', share: 0.5 },
    ],
    goToMarket: 'Sell through the two partners first, then search ads.',
  },
  pmf: {
    survey: { veryDisappointed: 21, somewhatDisappointed: 14, notDisappointed: 5 },
    organic: { organicNewUsers: 12, totalNewUsers: 30 },
  },
};

describe('document models: our own product on the positioning chart', () => {
  it('picks the axes where the alternatives differ most, never by rating count or by our ratings', () => {
    const p = section(model('competitive-analysis', base), 'positioning');
    const chart = p.blocks.find((b) => b.type === 'chart');
    assert.ok(chart?.type === 'chart' && chart.chart.type === 'scatter');
    assert.deepEqual([chart.chart.xLabel, chart.chart.yLabel], ['price', 'speed']);
    assert.ok(!chart.chart.points.some((x) => x.ours), 'not rated: not plotted');
    assert.deepEqual(missing(p.blocks), ['our own ratings on these capabilities']);

    // Rated on speed, price and reach: the axes stay the widest-spread pair among them, whatever our values.
    const ours = section(model('competitive-analysis', full), 'positioning');
    const c = ours.blocks.find((b) => b.type === 'chart');
    assert.ok(c?.type === 'chart' && c.chart.type === 'scatter');
    assert.deepEqual([c.chart.xLabel, c.chart.yLabel], ['price', 'speed']);
    const point = c.chart.points.find((x) => x.ours);
    assert.deepEqual(point, { label: 'Dock booking for shippers (ours)', x: 2, y: 4, ours: true });
    assert.match(text(ours.blocks), /our rating of the idea, not a measurement/);
    assert.deepEqual(missing(ours.blocks), []);
  });

  it('labels our point "(ours)" on the drawn chart, however long the idea title', () => {
    const long = { ...full, idea: { ...full.idea, title: 'Self-serve dock booking for shippers and their carriers' } };
    const html = renderHtml(model('competitive-analysis', long));
    assert.match(html, /font-weight="bold">Self-serve dock[^<]*… \(ours\)<\/text>/);
  });

  it('shows our ratings in the matrix, ours first, a dash where we did not rate', () => {
    const t = section(model('competitive-analysis', full), 'matrix').blocks[0];
    assert.ok(t?.type === 'table');
    assert.deepEqual(t.columns, ['Capability', 'Ours', 'Alpha', 'Beta', 'Gamma']);
    assert.deepEqual(
      t.rows.map((r) => r.slice(0, 2)),
      [
        ['speed', '4'],
        ['price', '2'],
        ['reach', '5'],
        ['rated often', '–'],
      ],
    );
  });
});

describe('document models: the ask, team, go-to-market and traction from data', () => {
  it('fills the deck ask and the one-pager ask from the launch plan, in the idea currency', () => {
    const deck = section(model('pitch-deck', full), 'ask');
    assert.match(text(deck.blocks), /EUR 180,000\./);
    assert.match(text(deck.blocks), /4 people, full time or the equivalent\./);
    assert.match(text(deck.blocks), /6 months\./);
    assert.match(text(deck.blocks), /General availability and 60 customers live\./);
    assert.deepEqual(missing(deck.blocks), []);
    const one = section(model('one-pager', full), 'ask');
    assert.match(text(one.blocks), /EUR 180,000/);
    assert.deepEqual(missing(one.blocks), []);
    // Half a plan: what is stated shows, the callout names exactly the rest and the launch plan page.
    const half = section(model('one-pager', { ...full, launchPlan: { ask: { people: 2 } } }), 'ask');
    const callout = half.blocks.find((b) => b.type === 'missing');
    assert.ok(callout?.type === 'missing');
    assert.equal(callout.what, 'the ask: the budget, the time and what it buys');
    assert.match(callout.where, /Launch plan/);
  });

  it('writes the PRD team seat by seat and says which roles are open', () => {
    const team = section(model('prd', full), 'team');
    assert.match(text(team.blocks), /Engineering lead/);
    assert.match(text(team.blocks), /Ana Ruiz\./);
    assert.match(text(team.blocks), /Not staffed yet, 50 % of their time\./);
    assert.match(text(team.blocks), /1 role of 2 has nobody named yet\./);
    assert.deepEqual(missing(team.blocks), []);
    assert.deepEqual(missing(section(model('prd', base), 'team').blocks), ['the team that would build it']);
  });

  it('writes go-to-market from the plan and the economics channels, each missing part said once', () => {
    const gtm = section(model('prd', full), 'go-to-market');
    const table = gtm.blocks.find((b) => b.type === 'table');
    assert.ok(table?.type === 'table');
    // LTV: EUR 300 × 80 % ÷ 2 % = EUR 12,000, divided by each channel's cost.
    assert.deepEqual(table.rows, [
      ['Partners', 'EUR 400', '60 %', '30'],
      ['Search ads', 'EUR 900', '40 %', '13.33'],
    ]);
    assert.match(text(gtm.blocks), /Sell through the two partners first/);
    assert.deepEqual(missing(gtm.blocks), []);
    assert.deepEqual(missing(section(model('prd', base), 'go-to-market').blocks), ['the go-to-market plan']);
    const bare = { idea: { title: 'x', stage: 'realization' as const } };
    assert.deepEqual(missing(section(model('prd', bare), 'go-to-market').blocks), [
      'the go-to-market plan and its channels',
    ]);
  });

  it('reads traction from the PMF signals, and asks for them when none are measured', () => {
    const traction = section(model('pitch-deck', full), 'traction');
    assert.match(text(traction.blocks), /Product-market fit/);
    const figures = traction.blocks.find((b) => b.type === 'metrics');
    assert.ok(figures?.type === 'metrics');
    assert.deepEqual(
      figures.items.map((x) => x.value),
      ['strong', 'not measured', 'strong', 'strong'],
    );
    assert.match(text(traction.blocks), /Not ready to scale/);
    const none = section(model('pitch-deck', { ...base, evidence: [] }), 'traction');
    assert.deepEqual(missing(none.blocks), ['evidence and traction']);
  });

  it('asks nothing of a killed idea, whatever its launch plan says', () => {
    const killed = model('pitch-deck', { ...full, idea: { ...full.idea, stage: 'killed' } });
    assert.ok(!killed.sections.some((s) => s.id === 'ask' || s.id === 'go-to-market'));
    assert.doesNotMatch(JSON.stringify(killed), /EUR 180,000/);
  });
});

describe('document models: the PRD names where our own rating leads', () => {
  it('lists only capabilities where we beat every alternative rated on them, and says the rating is ours', () => {
    // speed 4 vs Alpha 1, Beta 5, Gamma 3: behind Beta. price 2 vs 5 and 1: behind. reach 5 vs 2 and 3: ahead.
    const d = section(model('prd', full), 'differentiators');
    assert.deepEqual(missing(d.blocks), []);
    const list = d.blocks.find((b) => b.type === 'list');
    assert.ok(list?.type === 'list');
    assert.deepEqual(
      list.items.map((i) => [i.label, i.text]),
      [['reach', '5 of 5, against at most 3 for the 2 alternatives rated on it']],
    );
    assert.match(text(d.blocks), /our judgement, not a measurement/);

    // Not rated, or ahead on nothing: the question stays open.
    assert.deepEqual(missing(section(model('prd', base), 'differentiators').blocks), [
      'why this is better than the alternatives',
    ]);
    const behind = model('prd', { ...full, capabilities: { speed: 1, 'not rated by others': 5 } });
    assert.deepEqual(missing(section(behind, 'differentiators').blocks), ['why this is better than the alternatives']);
  });
});
