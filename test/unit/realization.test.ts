import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assumptionMap } from '../../src/domain/assumptions.ts';
import { challenge } from '../../src/domain/challenger/index.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import {
  blendedCac,
  economicsReadout,
  marketSizing,
  normaliseEconomics,
  unitEconomics,
} from '../../src/domain/economics.ts';
import { cohortsFromRecords, pmfReadout, surveyFromRecords, wilsonInterval } from '../../src/domain/pmf.ts';
import type { EconomicsFields, Opportunity, PmfData } from '../../src/schema/index.ts';

describe('unit economics: textbook cases with known answers', () => {
  it('LTV = ARPA × gross margin ÷ monthly churn', () => {
    // ARPA 50.00, 70 % margin, 2 % churn: 35.00 a month for 50 months = 1,750.00
    const u = unitEconomics({ arpuMonthly: 5_000, grossMargin: 0.7, monthlyChurn: 0.02, cac: 50_000 });
    assert.equal(u.contributionMarginMonthly, 3_500);
    assert.equal(u.expectedLifetimeMonths, 50);
    assert.equal(u.ltv, 175_000);
    assert.equal(u.ltvToCac, 3.5);
  });

  it('payback months = CAC ÷ monthly contribution margin', () => {
    // CAC 1,200.00 paid back from 100.00 a month (ARPA 125.00 at 80 %) takes 12 months
    const u = unitEconomics({ arpuMonthly: 12_500, grossMargin: 0.8, monthlyChurn: 0.05, cac: 120_000 });
    assert.equal(u.contributionMarginMonthly, 10_000);
    assert.equal(u.paybackMonths, 12);
  });

  it('contribution margin = ARPA × gross margin, negative when serving costs more than the price', () => {
    assert.equal(unitEconomics({ arpuMonthly: 20_000, grossMargin: 0.6 }).contributionMarginMonthly, 12_000);
    assert.equal(unitEconomics({ arpuMonthly: 20_000, grossMargin: -0.1 }).contributionMarginMonthly, -2_000);
  });

  it('blends channels by the share of customers each brings', () => {
    // 60 % at 100.00 and 40 % at 400.00: 0.6 × 100 + 0.4 × 400 = 220.00
    const channels = [
      { channel: 'Search', cac: 10_000, share: 0.6 },
      { channel: 'Events', cac: 40_000, share: 0.4 },
    ];
    assert.equal(blendedCac(channels), 22_000);
    assert.equal(blendedCac([]), null);
    assert.equal(normaliseEconomics({ cac: 1, cacChannels: channels }).cac, 22_000);
  });

  it('computes three scenarios: what a scenario leaves out is the base figure', () => {
    const r = economicsReadout({
      arpuMonthly: 5_000,
      grossMargin: 0.7,
      monthlyChurn: 0.02,
      cac: 50_000,
      scenarios: { pessimistic: { monthlyChurn: 0.05 }, optimistic: { arpuMonthly: 6_000 } },
    });
    assert.equal(r.scenarios.base.ltvToCac, 3.5);
    assert.equal(r.scenarios.pessimistic.ltv, 70_000); // 35.00 ÷ 5 %
    assert.equal(r.scenarios.pessimistic.ltvToCac, 1.4);
    assert.equal(r.scenarios.optimistic.ltv, 210_000); // 42.00 ÷ 2 %
  });

  it('names the inputs resting on assumptions and those with no basis at all', () => {
    const r = economicsReadout({
      arpuMonthly: 5_000,
      grossMargin: 0.7,
      cac: 100,
      basis: { arpuMonthly: { kind: 'source', note: 'Price page' }, grossMargin: { kind: 'assumption' } },
    });
    assert.deepEqual(r.assumptions, ['grossMargin']);
    assert.deepEqual(r.unsourced, ['cac']);
  });

  it('puts inputs marked as assumptions on the assumption map, after nothing else is lost', () => {
    const map = assumptionMap(
      {
        assumptions: [{ statement: 'Teams will switch', kind: 'risk', area: 'desirability', importance: 3 }],
        economics: { grossMargin: 0.7, monthlyChurn: 0.02, basis: { grossMargin: { kind: 'assumption' } } },
      },
      new Date('2026-11-01'),
    );
    assert.equal(map.length, 2);
    const econ = map.find((m) => m.ref === 'economics.grossMargin');
    assert.ok(econ);
    assert.match(econ.statement, /gross margin is 70 %/);
    assert.equal(econ.status, 'untested');
    assert.equal(econ.rank, 1); // importance 4, nothing known: riskier than the importance-3 assumption
  });
});

describe('market sizing both ways', () => {
  const e = normaliseEconomics({
    currency: 'EUR',
    sizing: {
      topDown: { tam: 1_000_000_000_00, tamSource: 'Analyst report', samShare: 0.1, somShare: 0.05 },
      bottomUp: { buyers: 20_000, buyersSource: 'Registry', price: 100_000, frequencyPerYear: 1 },
    },
  });

  it('derives TAM, SAM and SOM from the shares, and the methods from what is there', () => {
    assert.equal(e.tam, 1_000_000_000_00);
    assert.equal(e.sam, 100_000_000_00);
    assert.equal(e.som, 5_000_000_00);
    assert.deepEqual(e.sizingMethod, ['top-down', 'bottom-up']);
    assert.deepEqual(normaliseEconomics({ sizing: { topDown: { tam: 5 } } }).sizingMethod, ['top-down']);
  });

  it('shows both side by side with the ratio of top-down SAM to bottom-up', () => {
    const m = marketSizing(e);
    assert.equal(m.bottomUp?.annual, 20_000_000_00); // 20,000 × 1,000.00 × 1
    assert.equal(m.ratio, 5); // SAM 100m ÷ 20m
    assert.deepEqual(m.unsourced, ['samShare', 'somShare', 'price', 'frequencyPerYear']);
    assert.ok(m.explanation.some((x) => x.includes('disagree')));
  });
});

describe('Sean Ellis survey: share very disappointed with a Wilson interval', () => {
  it('matches the textbook Wilson score interval', () => {
    // 40 of 100: 95 % interval 30.94 %–49.80 %
    const a = wilsonInterval(40, 100);
    assert.equal(a.low.toFixed(4), '0.3094');
    assert.equal(a.high.toFixed(4), '0.4980');
    // 0 of 10: 0 %–27.75 % (the normal approximation would give 0–0)
    const b = wilsonInterval(0, 10);
    assert.equal(b.low, 0);
    assert.equal(b.high.toFixed(4), '0.2775');
    // 10 of 10 is symmetric to 0 of 10
    assert.equal(wilsonInterval(10, 10).low.toFixed(4), '0.7225');
  });

  it('reads a survey export, leaving N/A out of the share', () => {
    const rows = [
      ...Array.from({ length: 21 }, () => ({ 'How would you feel… (disappointed)': 'Very disappointed' })),
      ...Array.from({ length: 20 }, () => ({ 'How would you feel… (disappointed)': 'Somewhat disappointed' })),
      ...Array.from({ length: 9 }, () => ({ 'How would you feel… (disappointed)': 'Not disappointed' })),
      { 'How would you feel… (disappointed)': 'N/A - I no longer use it' },
      { 'How would you feel… (disappointed)': '' },
    ];
    const r = surveyFromRecords(rows);
    assert.ok(r.ok);
    assert.deepEqual(r.value, {
      veryDisappointed: 21,
      somewhatDisappointed: 20,
      notDisappointed: 9,
      notApplicable: 1,
    });
    const p = pmfReadout({ survey: r.value }, null);
    assert.equal(p.survey?.n, 50);
    assert.equal(p.survey?.share, 0.42);
    assert.equal(p.signals[0]?.status, 'strong');
  });

  it('refuses an answer it cannot read, with its row', () => {
    const r = surveyFromRecords([{ disappointed: 'Very disappointed' }, { disappointed: 'Meh' }]);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.problems[0]?.row === 3);
  });

  it('caps a strong share from a small sample at moderate', () => {
    const p = pmfReadout({ survey: { veryDisappointed: 8, somewhatDisappointed: 4, notDisappointed: 3 } }, null);
    assert.equal(p.signals[0]?.status, 'moderate');
    assert.match(p.signals[0]!.evidence, /fewer than 30/);
  });
});

describe('retention cohorts', () => {
  it('reads counts and shares, and leaves a young cohort’s later days empty', () => {
    const r = cohortsFromRecords([
      { cohort: '2026-07', size: '200', d1: '120', d7: '90', d30: '60', d60: '56' },
      { cohort: '2026-08', size: '100', d1: '60 %', d7: '0.45', d30: '32', d60: '' },
    ]);
    assert.ok(r.ok);
    assert.deepEqual(r.value[1]?.retained, [
      { day: 1, users: 60 },
      { day: 7, users: 45 },
      { day: 30, users: 32 },
    ]);
  });

  it('refuses a table without a size column', () => {
    const r = cohortsFromRecords([{ cohort: 'x', d30: '4' }]);
    assert.ok(!r.ok && r.problems.some((p) => p.message.includes('size')));
  });

  it('reads D30, trend and flattening', () => {
    const cohorts = [
      {
        cohort: 'a',
        size: 100,
        retained: [
          { day: 7, users: 50 },
          { day: 30, users: 30 },
          { day: 60, users: 28 },
        ],
      },
      {
        cohort: 'b',
        size: 100,
        retained: [
          { day: 7, users: 52 },
          { day: 30, users: 33 },
          { day: 60, users: 31 },
        ],
      },
      {
        cohort: 'c',
        size: 100,
        retained: [
          { day: 7, users: 55 },
          { day: 30, users: 36 },
        ],
      },
    ];
    const p = pmfReadout({ cohorts }, null);
    assert.deepEqual(
      p.cohorts.map((c) => c.d30),
      [0.3, 0.33, 0.36],
    );
    assert.equal(p.retention.trend, 'rising');
    assert.equal(p.retention.flattening, true); // 31.5 % → 29.5 % over 30 days
    assert.equal(p.signals[1]?.status, 'strong');
  });
});

describe('product-market fit level', () => {
  const strongAll: PmfData = {
    survey: { veryDisappointed: 45, somewhatDisappointed: 40, notDisappointed: 15 },
    cohorts: [
      {
        cohort: 'a',
        size: 100,
        retained: [
          { day: 7, users: 50 },
          { day: 30, users: 30 },
          { day: 60, users: 29 },
        ],
      },
    ],
    organic: { organicNewUsers: 40, totalNewUsers: 100 },
    supportTickets: [
      { period: 'Q2', ticketsPerUser: 0.4 },
      { period: 'Q3', ticketsPerUser: 0.3 },
    ],
    onboarding: { completed: 80, started: 100 },
  };
  const econ = { arpuMonthly: 10_000, grossMargin: 0.8, monthlyChurn: 0.02, cac: 60_000 };

  it('is ready to scale only when all four are strong and the guards hold', () => {
    const p = pmfReadout(strongAll, econ);
    assert.deepEqual(
      p.signals.map((s) => s.status),
      ['strong', 'strong', 'strong', 'strong'],
    );
    assert.equal(p.level, 'extreme');
    assert.equal(p.readyToScale, true);
    assert.equal(p.holdingBack, null);
  });

  it('names the failing guard when the signals are strong', () => {
    const p = pmfReadout({ ...strongAll, onboarding: { completed: 60, started: 100 } }, econ);
    assert.equal(p.readyToScale, false);
    assert.equal(p.level, 'strong');
    assert.equal(p.holdingBack?.id, 'onboarding');
  });

  it('names the weakest signal and its question otherwise', () => {
    const p = pmfReadout({ ...strongAll, organic: { organicNewUsers: 5, totalNewUsers: 100 } }, econ);
    assert.equal(p.holdingBack?.id, 'organic');
    assert.match(p.holdingBack!.question, /arrive/);
    assert.match(p.scaleQuestion, /acquisition doubled/);
    const none = pmfReadout(null, null);
    assert.equal(none.level, 'nascent');
    assert.equal(none.holdingBack?.id, 'desirability');
    assert.ok(none.signals.every((s) => s.status === 'not-measured'));
  });
});

describe('the challenger reads the sources of the economics', () => {
  const NOW = new Date('2026-11-15T12:00:00Z');
  const dimensions = defaultDimensions();
  const economics = { currency: 'EUR', arpuMonthly: 5_000, grossMargin: 0.7, monthlyChurn: 0.01, cac: 60_000 };
  const opportunity = (basis: EconomicsFields['basis']): Opportunity => ({
    idea: { title: 'Invoice reminders for clinics' },
    assessments: [
      {
        assessor: 'Ada Lovelace',
        scores: { 'business-impact': { score: 5, confidence: 'high' } },
      },
    ],
    economics: { ...economics, ...(basis ? { basis } : {}) },
  });
  const rules = (o: Opportunity) => challenge(o, { dimensions, now: NOW }).map((f) => f.ruleId);
  const all = (kind: 'source' | 'assumption') =>
    Object.fromEntries(
      (['arpuMonthly', 'grossMargin', 'monthlyChurn', 'cac'] as const).map((k) => [k, { kind, note: 'x' }]),
    );

  it('takes fully sourced unit economics as evidence for a high business-impact score', () => {
    assert.ok(rules(opportunity(undefined)).includes('unsupported-score.high-without-evidence'));
    assert.ok(rules(opportunity(all('assumption'))).includes('unsupported-score.high-without-evidence'));
    assert.ok(!rules(opportunity(all('source'))).includes('unsupported-score.high-without-evidence'));
  });

  it('does not call a sourced input a silent assumption; one marked as an assumption stays unexamined', () => {
    const silent = (o: Opportunity) => rules(o).filter((r) => r.startsWith('silent-assumption-unexamined.'));
    assert.deepEqual(silent(opportunity(all('source'))), []);
    assert.ok(silent(opportunity(all('assumption'))).includes('silent-assumption-unexamined.margin-assumed'));
    assert.ok(silent(opportunity(undefined)).includes('silent-assumption-unexamined.willingness-to-pay-assumed'));
  });
});
