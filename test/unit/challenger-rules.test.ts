import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { challenge, RULES } from '../../src/domain/challenger/index.ts';
import {
  absenceOf,
  genericUsers,
  hedgeIn,
  sameSource,
  segmentsOf,
  successClaim,
  vagueMetric,
} from '../../src/domain/challenger/text.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import type { Opportunity } from '../../src/schema/index.ts';

/**
 * Rule by rule: start from a strong opportunity that raises no finding, change one thing, and check that the
 * rule fires, citing the data it looked at.
 */

const NOW = new Date('2026-11-15T12:00:00Z');
const dimensions = defaultDimensions();
const base = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'eval', 'cases', 'strong-invoice-matching.json'), 'utf8'),
  ) as { opportunity: Opportunity }
).opportunity;

type Mutable = Opportunity & Record<string, unknown>;
const run = (o: Opportunity) => challenge(o, { dimensions, now: NOW });
const variant = (change: (o: Mutable) => void): Opportunity => {
  const o = structuredClone(base) as Mutable;
  change(o);
  return o;
};
const ev = (o: Opportunity) => o.evidence!;
const x = (o: Opportunity, ref: string) => o.experiments!.find((e) => e.ref === ref)!;
const a = (o: Opportunity, ref: string) => o.assumptions!.find((e) => e.ref === ref)!;
const priya = (o: Opportunity) => o.assessments![0]!.scores;
const tomas = (o: Opportunity) => o.assessments![1]!.scores;

/** One case per rule: the change, and a piece of the data the explanation must cite. */
const CASES: Record<string, { change: (o: Mutable) => void; cites: RegExp }> = {
  'unsupported-score.high-without-evidence': {
    change: (o) => {
      priya(o).differentiation = { score: 5, confidence: 'high' };
    },
    cites: /Priya Nair scored Differentiation 5 of 5/,
  },
  'unsupported-score.stronger-than-evidence': {
    change: (o) => {
      // No evidence at all behind a 3 whose anchor names interviews (with evidence, it is optimism-gap's).
      o.evidence = ev(o).filter((e) => !(e.dimensions ?? []).includes('certainty-of-demand'));
      for (const a of o.assessments!) a.scores['certainty-of-demand'] = { score: 3, confidence: 'medium' };
      for (const a of o.assessments!)
        for (const s of Object.values(a.scores)) s.evidence = s.evidence?.filter((r) => r !== 'ev-3' && r !== 'ev-4');
      for (const x of o.experiments!) x.status = 'planned';
    },
    cites:
      /Certainty of demand 3 of 5; the anchor for 3 needs at least interviews, but the strongest evidence is no evidence at all/,
  },
  'optimism-gap.scores-outrun-evidence': {
    change: (o) => {
      for (const e of ev(o)) if (e.strength === 'paying') e.strength = 'interview';
    },
    cites:
      /Certainty of demand is scored 4 on interviews with medium confidence \(its anchor for 4 asks for an experiment showing behaviour\): 1 \+ \(4 − 1\) × 75 % × 90 % = 3.03/,
  },
  'optimism-gap.demand-ahead-of-test': {
    change: (o) => {
      for (const e of ev(o)) if (e.strength === 'paying') e.strength = 'survey';
      for (const x of o.experiments!) {
        x.status = 'running';
        delete x.observed;
        delete x.sample;
      }
      a(o, 'A1').area = 'desirability';
    },
    cites:
      /score Certainty of demand 4 of 5, but the demand tests X1 \(overdue\) and X3 \(in-progress\) have no result yet/,
  },
  'anecdotal-demand.strength-contradicted-by-text': {
    change: (o) => {
      ev(o)[3]!.summary = 'Their head of finance said they would pay EUR 1,000 a month once it is live.';
    },
    cites: /ev-4 is labelled "paying" yet says "would pay"/,
  },
  'stale-evidence.future-dated': {
    change: (o) => {
      ev(o)[0]!.observedOn = '2027-03-01';
    },
    cites: /ev-1 \(2027-03-01\) is dated after 2026-11-15/,
  },
  'no-kill-criteria.idea-without-kill-criteria': {
    change: (o) => {
      for (const x of o.experiments!) {
        delete x.killThreshold;
        if (x.locked) delete x.locked.killThreshold;
      }
    },
    cites:
      /The idea is in Validation and states no kill criteria; none of its 3 experiment\(s\) has a kill threshold either/,
  },
  'no-kill-criteria.experiment-kill-looser-than-idea': {
    change: (o) => {
      o.idea.killCriteria = [
        {
          statement: 'We stop if fewer than 70 % of invoices match by themselves',
          metric: 'Share of invoices auto-matched (%)',
          threshold: 70,
        },
      ];
    },
    cites: /stops if "Share of invoices auto-matched \(%\)" is at or below 70 .*experiment X2 is killed only at 60/,
  },
  'unsupported-score.cited-evidence-missing': {
    change: (o) => {
      priya(o)['problem-significance']!.evidence = ['ev-1', 'ev-99'];
    },
    cites: /cites evidence ev-99 for Problem significance/,
  },
  'anecdotal-demand.anecdotes-only': {
    change: (o) => {
      for (const e of ev(o)) e.strength = 'anecdote';
    },
    cites: /All 5 pieces of evidence are anecdotal: ev-1/,
  },
  'anecdotal-demand.no-behavioural-signal': {
    change: (o) => {
      for (const e of ev(o)) e.strength = 'interview';
      for (const e of o.experiments!) {
        e.status = 'planned';
        delete e.observed;
        delete e.sample;
      }
    },
    cites: /in Validation, yet all 5 pieces of evidence are opinion \(interview\)/,
  },
  'anecdotal-demand.second-hand-only': {
    change: (o) => {
      ev(o).forEach((e, i) => {
        e.kind = 'interview-note';
        e.source = `Account manager call notes ${i + 1}`;
      });
    },
    cites: /ev-1 from "Account manager call notes 1"/,
  },
  'anecdotal-demand.hearsay-pain-evidence': {
    change: (o) => {
      o.evidence = [];
      o.frame!.painEvidence = 'Everyone knows AP clerks hate matching invoices.';
    },
    cites: /"Everyone knows" states a belief or hearsay/,
  },
  'solution-as-problem.absence-of-solution': {
    change: (o) => {
      o.frame!.currentState = 'Clerks lack an automated matching tool inside Dynamics.';
    },
    cites: /"lack an automated matching tool": it names a missing tool/,
  },
  'solution-as-problem.problem-restates-idea': {
    change: (o) => {
      o.frame!.gap = 'AP teams do not have a matching service, so clerks key invoices by hand.';
    },
    cites: /The idea is "matching service", and the gap says "not have a matching service"/,
  },
  'vague-user.missing': {
    change: (o) => {
      delete o.frame!.who;
      delete o.idea.statement;
    },
    cites: /Neither "who has it" in the frame nor "for \.\.\." in the idea statement/,
  },
  'vague-user.generic-segment': {
    change: (o) => {
      o.frame!.who = 'Businesses';
    },
    cites: /names "Businesses": "businesses" is a generic group with nothing that narrows it/,
  },
  'vague-user.too-many-segments': {
    change: (o) => {
      o.frame!.who = 'AP clerks, controllers, CFOs, auditors and buyers';
    },
    cites: /names 5 segments at once \(AP clerks, controllers/,
  },
  'no-success-metric.no-measurable-outcome': {
    change: (o) => {
      delete o.frame!.gapMetric;
      o.frame!.gap = 'Too much manual work at every close.';
      o.frame!.idealState = 'Less manual work.';
      o.idea.statement!.goal = 'close the books faster';
    },
    cites: /the gap, the ideal state and the goal in the idea statement contain no figure/,
  },
  'no-success-metric.experiment-without-success-threshold': {
    change: (o) => {
      delete x(o, 'X3').successThreshold;
    },
    cites:
      /Experiment X3 \(running, metric "Share of pilot clerks who stopped the Excel lookup \(%\)"\) has no success threshold/,
  },
  'no-success-metric.vague-metric': {
    change: (o) => {
      x(o, 'X3').metric = 'Clerk sentiment about the matcher';
    },
    cites: /measures "Clerk sentiment about the matcher": "sentiment" is not something you count/,
  },
  'no-kill-criteria.experiment-without-kill-threshold': {
    change: (o) => {
      delete x(o, 'X3').killThreshold;
      delete x(o, 'X3').wrongWhen;
    },
    cites: /Experiment X3 \(running, .*\) has no kill threshold and no falsifier/,
  },
  'no-kill-criteria.unfalsifiable-hypothesis': {
    change: (o) => {
      x(o, 'X3').hypothesis = 'Pilot clerks might prefer the matcher to Excel';
    },
    cites: /is hedged with "might"/,
  },
  'no-kill-criteria.no-experiments-past-discovery': {
    change: (o) => {
      o.experiments = [];
    },
    cites: /The idea is in Validation with no experiment/,
  },
  'no-kill-criteria.thresholds-overlap': {
    change: (o) => {
      x(o, 'X3').killThreshold = 80;
    },
    cites: /succeeds at 75 and is killed at 80 \(higher is better\)/,
  },
  'moved-goalposts.criteria-changed-after-start': {
    change: (o) => {
      Object.assign(x(o, 'X3'), {
        goalpostsMoved: true,
        criteriaChanges: [{ on: '2026-11-05', field: 'successThreshold', from: 90, to: 75, reason: 'Too ambitious' }],
      });
    },
    cites:
      /started on 2026-10-20, and its criteria changed afterwards: success threshold changed \(90 → 75\): easier to pass \(reason given: "Too ambitious"\)/,
  },
  'moved-goalposts.passes-only-under-new-criteria': {
    change: (o) => {
      x(o, 'X2').criteriaChanges = [
        { on: '2026-09-10', field: 'successThreshold', from: 90, to: 80, reason: 'OCR quality' },
      ];
    },
    cites:
      /observed 88 on a sample of 2140: it passes the changed criteria \(success 80.*\) but not the ones registered at the start \(success 90/,
  },
  'moved-goalposts.success-declared-below-threshold': {
    change: (o) => {
      Object.assign(x(o, 'X1'), {
        observed: 1,
        learningCard: { observed: 'Promising: one lead signed', therefore: 'we will build the connector' },
      });
    },
    cites:
      /observed 1 on a sample of 12 against a success threshold of 2 and a kill threshold of 0 \(a mixed result\), yet its learning says "Promising/,
  },
  'untested-riskiest-assumption.riskiest-untested': {
    change: (o) => {
      a(o, 'A3').importance = 5;
      x(o, 'X3').status = 'planned';
    },
    cites: /The riskiest assumption, A3 "Teams will switch.*" \(importance 5 of 5, desirability\), has no evidence/,
  },
  'untested-riskiest-assumption.testing-safe-bets': {
    change: (o) => {
      a(o, 'A1').importance = 4;
      o.assumptions!.push({
        ref: 'A5',
        statement: 'Auditors accept automatic matches',
        kind: 'uncertainty',
        area: 'viability',
        importance: 5,
      });
    },
    cites: /test assumptions of importance 4 at most, while A5 "Auditors accept automatic matches" \(importance 5\)/,
  },
  'untested-riskiest-assumption.advanced-past-untested': {
    change: (o) => {
      o.assumptions!.push({
        ref: 'A5',
        statement: 'Auditors accept automatic matches',
        kind: 'risk',
        area: 'ethics',
        importance: 5,
      });
      o.decisions = [
        {
          fromStage: 'validation',
          toStage: 'realization',
          outcome: 'advance',
          rationale: 'Pilots signed',
          reversible: true,
          decidedBy: 'Priya Nair',
          decidedAt: '2026-11-01T10:00:00Z',
        },
      ];
    },
    cites: /advance to Realization on 2026-11-01 by Priya Nair was taken while A5/,
  },
  'untested-riskiest-assumption.no-assumptions-recorded': {
    change: (o) => {
      o.assumptions = [];
    },
    cites: /in Validation, but no assumption is recorded/,
  },
  'silent-assumption-unexamined.recorded-silent-untested': {
    change: (o) => {
      o.assumptions!.push({
        ref: 'A6',
        statement: 'Auditors accept automatic matches.',
        kind: 'silent',
        area: 'ethics',
        importance: 3,
      });
    },
    cites: /A6 "Auditors accept automatic matches\." was surfaced as a silent assumption \(importance 3\)/,
  },
  'silent-assumption-unexamined.switching-assumed': {
    change: (o) => {
      o.assumptions = o.assumptions!.filter((s) => s.ref !== 'A3');
      o.experiments = o.experiments!.filter((e) => e.ref !== 'X3');
    },
    cites:
      /People already use Excel lookups on a Dynamics export and Enterprise AP automation suites, yet no assumption/,
  },
  'silent-assumption-unexamined.channel-assumed': {
    change: (o) => {
      o.assumptions = o.assumptions!.filter((s) => s.ref !== 'A4');
    },
    cites: /state a CAC of EUR 4,000.00, but no assumption, evidence or experiment names the channel/,
  },
  'silent-assumption-unexamined.margin-assumed': {
    change: (o) => {
      o.economics!.notes = 'SAM: 4,200 Dynamics manufacturers in DACH and CEE × EUR 14,400 a year.';
    },
    cites: /gross margin of 82 %, but no assumption, evidence or note explains the costs/,
  },
  'silent-assumption-unexamined.willingness-to-pay-assumed': {
    change: (o) => {
      for (const e of ev(o)) {
        if (e.strength === 'paying') {
          e.strength = 'interview';
          e.kind = 'interview-note';
        }
      }
      a(o, 'A1').statement = 'Matching saves AP teams a day per close';
      x(o, 'X1').method = 'interviews';
    },
    cites: /assume EUR 1,200.00 a month per customer, but no one has paid or pre-ordered/,
  },
  'silent-assumption-unexamined.retention-assumed': {
    change: (o) => {
      o.economics!.monthlyChurn = 0.01;
    },
    cites: /monthly churn of 1 % \(an average customer stays about 100 months\)/,
  },
  'stale-evidence.supporting-evidence-stale': {
    change: (o) => {
      ev(o)[1]!.observedOn = '2024-08-29';
      ev(o)[4]!.observedOn = '2024-09-20';
    },
    cites:
      /Feasibility is scored 4 and 3, and all the evidence behind it is older than 365 days: ev-2 \(2024-08-29\) and ev-5 \(2024-09-20\)/,
  },
  'stale-evidence.all-evidence-stale': {
    change: (o) => {
      for (const e of ev(o)) e.observedOn = '2024-01-10';
    },
    cites: /All 5 pieces of evidence are older than 365 days; the newest is from 2024-01-10 \(1040 days ago\)/,
  },
  'single-source-evidence.one-source': {
    change: (o) => {
      for (const e of ev(o)) e.source = 'Brandt Metallbau';
    },
    cites: /All 5 pieces of evidence come from one source, "Brandt Metallbau"/,
  },
  'single-source-evidence.dimension-rests-on-one-source': {
    change: (o) => {
      ev(o)[0]!.source = 'Ostrava Plastics AP team';
    },
    cites:
      /Problem significance is scored 4, and its 2 supporting pieces of evidence all come from "Ostrava Plastics AP team"/,
  },
  'assessor-disagreement.dimension-spread': {
    change: (o) => {
      tomas(o)['business-impact']!.score = 1;
    },
    cites: /On Business impact the scores range from 1 \(Tomás Ruiz\) to 3 \(Priya Nair\); the mean of 2 hides that/,
  },
  'assessor-disagreement.overall-split': {
    change: (o) => {
      for (const s of Object.values(tomas(o))) s.score = 2;
    },
    cites: /Priya Nair scores the idea 3.6 on average and Tomás Ruiz 2 over the 5 dimensions/,
  },
  'optimism-gap.scores-ignore-failed-test': {
    change: (o) => {
      x(o, 'X1').observed = 0;
      priya(o)['business-impact']!.score = 4;
    },
    cites:
      /Experiment X1 crossed its kill threshold \(observed 0 against success 2\), yet Priya Nair still score Business impact 4 of 5/,
  },
  'optimism-gap.prioritisation-confidence-without-evidence': {
    change: (o) => {
      o.idea.rice = { reach: 400, impact: 2, confidence: 0.9, effort: 6 };
      for (const e of ev(o)) e.strength = 'survey';
      for (const e of o.experiments!) {
        e.status = 'running';
        delete e.observed;
      }
    },
    cites: /The RICE confidence is 0.9, but nothing behavioural backs it: the strongest evidence is survey/,
  },
  'optimism-gap.implausible-market-share': {
    change: (o) => {
      o.economics!.som = 3_000_000_000;
    },
    cites: /The SOM of EUR 30m is 50 % of the SAM of EUR 60m/,
  },
  'economics-unviable.ltv-cac-below-3': {
    change: (o) => {
      o.economics!.cac = 2_000_000;
      o.economics!.monthlyChurn = 0.04;
    },
    cites:
      /LTV EUR 24,600.00 \(EUR 1,200.00 a month × 82 % margin ÷ 4 % monthly churn\) against a CAC of EUR 20,000.00 gives LTV\/CAC 1.23, below 3/,
  },
  'economics-unviable.payback-too-long': {
    change: (o) => {
      o.economics!.cac = 2_000_000;
    },
    cites: /A CAC of EUR 20,000.00 paid back from EUR 984.00 a month of contribution takes 20.3 months, beyond 18/,
  },
  'economics-unviable.negative-contribution-margin': {
    change: (o) => {
      o.economics!.grossMargin = -0.1;
    },
    cites: /With EUR 1,200.00 a month and a gross margin of -10 %, each customer contributes -EUR 120.00 a month/,
  },
  'market-top-down-only.top-down-sizing': {
    change: (o) => {
      o.economics!.sizingMethod = ['top-down'];
    },
    cites: /The market is sized top-down only \(SAM EUR 60m and SOM EUR 900k\)/,
  },
  'market-top-down-only.share-of-big-number': {
    change: (o) => {
      delete o.economics!.sizingMethod;
      o.economics!.notes = 'Margin after hosting fees. If we win 1% of the EUR 6bn AP automation market we are fine.';
    },
    cites: /No sizing method is given, and the notes reason from a share of a bigger market/,
  },
  'serves-no-objective.unlinked': {
    change: (o) => {
      o.strategy = {
        northStar: 'Invoices paid on time per week',
        objectives: [
          { title: 'Get paid faster', keyMetric: 'Median days to payment', owner: 'Ada' },
          { title: 'Win Nordic clinics', keyMetric: 'Clinics live', owner: 'Ada' },
        ],
      };
    },
    cites:
      /2 objective\(s\) \("Get paid faster" and "Win Nordic clinics"\) under the North Star "Invoices paid on time per week"/,
  },
};

describe('challenger rules, one by one', () => {
  it('finds nothing in the strong base opportunity', () => {
    assert.deepEqual(
      run(base).map((f) => f.id),
      [],
    );
  });

  it('has a case below for every rule', () => {
    assert.deepEqual(Object.keys(CASES).sort(), RULES.map((r) => r.id).sort());
  });

  for (const [ruleId, c] of Object.entries(CASES)) {
    it(`${ruleId} fires and cites its data`, () => {
      const findings = run(variant(c.change)).filter((f) => f.ruleId === ruleId);
      assert.equal(findings.length, 1, `expected one ${ruleId} finding, got ${findings.length}`);
      const f = findings[0]!;
      assert.match(f.explanation, c.cites);
      assert.ok(f.next.length > 20);
      assert.ok(f.references.length > 0);
      assert.ok(!/\{\w+\}/.test(f.explanation + f.next), 'no unfilled placeholder');
    });
  }
});

describe('rules that must stay quiet', () => {
  it('does not double-report: a high score with no evidence is not also "stronger than evidence"', () => {
    const o = variant((o) => {
      o.evidence = [];
      priya(o)['certainty-of-demand'] = { score: 5, confidence: 'high' };
    });
    const ids = run(o).map((f) => f.ruleId);
    assert.ok(ids.includes('unsupported-score.high-without-evidence'));
    assert.ok(!ids.includes('unsupported-score.stronger-than-evidence'));
  });

  it('counts a passed pre-sale on a desirability assumption as paying evidence of demand', () => {
    const o = variant((o) => {
      for (const e of ev(o)) if (e.strength === 'paying') e.strength = 'interview';
      a(o, 'A1').area = 'desirability';
    });
    const ids = run(o).map((f) => f.ruleId);
    assert.ok(!ids.includes('unsupported-score.stronger-than-evidence'));
    assert.ok(!ids.includes('optimism-gap.scores-outrun-evidence'));
    assert.ok(!ids.includes('optimism-gap.demand-ahead-of-test'));
  });

  it('does not call a lower-is-better test with the kill above success overlapping', () => {
    const o = variant((o) => {
      Object.assign(x(o, 'X3'), { higherIsBetter: false, successThreshold: 10, killThreshold: 30 });
    });
    assert.ok(!run(o).some((f) => f.ruleId === 'no-kill-criteria.thresholds-overlap'));
  });

  it('leaves ideas in discovery without experiments alone', () => {
    const o = variant((o) => {
      o.idea.stage = 'discovery';
      o.experiments = [];
    });
    assert.ok(!run(o).some((f) => f.ruleId === 'no-kill-criteria.no-experiments-past-discovery'));
  });

  it('rates an untested assumption in discovery low, and in realization critical', () => {
    const untested = (stage: 'discovery' | 'realization') =>
      run(
        variant((o) => {
          o.idea.stage = stage;
          a(o, 'A3').importance = 5;
          x(o, 'X3').status = 'planned';
        }),
      ).find((f) => f.ruleId === 'untested-riskiest-assumption.riskiest-untested')?.severity;
    assert.equal(untested('discovery'), 'low');
    assert.equal(untested('realization'), 'critical');
  });
});

describe('text checks', () => {
  it('finds a missing solution, but not a missing ability', () => {
    assert.equal(absenceOf('There is no chatbot on our website.')?.noun, 'chatbot');
    assert.equal(absenceOf("They don't have a dashboard to see cash flow")?.noun, 'dashboard');
    assert.equal(absenceOf('Finance teams need an integrated reconciliation tool')?.noun, 'tool');
    assert.equal(absenceOf('Leads have no way to see which locations are blocked'), null);
    assert.equal(absenceOf('They need to reconcile invoices by hand, which takes 6 hours'), null);
    assert.equal(absenceOf('Most invoices arrive without a purchase order number'), null);
  });

  it('tells generic users from specific ones', () => {
    assert.ok(genericUsers('Customers'));
    assert.ok(genericUsers('Everyone who shops online'));
    assert.ok(genericUsers('small businesses'));
    assert.ok(genericUsers('Millennials who care about sustainability'));
    assert.ok(genericUsers('all users'));
    assert.equal(genericUsers('Small business owners with 5-50 employees in Germany who file VAT quarterly'), null);
    assert.equal(genericUsers('Charge nurses on surgical wards'), null);
    assert.equal(genericUsers('Households in Copenhagen that already buy eco-labelled products monthly'), null);
    assert.equal(genericUsers('All UK dental practices with 2-6 chairs'), null);
  });

  it('counts the segments in the head of a "who"', () => {
    assert.equal(segmentsOf('Teachers, parents, students, tutors and school administrators').length, 5);
    assert.equal(segmentsOf('Tenants in shared flats of 3-6 people in Utrecht, Groningen and Leiden').length, 1);
    assert.equal(segmentsOf('Students and young professionals in shared flats').length, 2);
  });

  it('reads vague metrics, hedges and success claims', () => {
    assert.equal(vagueMetric('User engagement with the feed'), 'engagement');
    assert.equal(vagueMetric('Engagement rate (%)'), null);
    assert.equal(vagueMetric('Positive feedback'), 'feedback');
    assert.equal(vagueMetric('Satisfaction score (1-5)'), null);
    assert.equal(hedgeIn('Some clinic managers might find value'), 'might');
    assert.equal(hedgeIn('At least 5 % will click Buy by May'), null);
    assert.equal(successClaim('Validated: we will build it'), 'Validated');
    assert.equal(successClaim('0.9 % pre-ordered; therefore we will test a lower price'), null);
    assert.equal(successClaim('The hypothesis was not validated'), null);
    assert.equal(successClaim('Therefore we will build the premium tier'), 'will build');
  });

  it('tells sources apart, allowing for short forms of one name', () => {
    assert.ok(sameSource('Dr. Maria Santos (interview)', 'Dr Santos, follow-up email'));
    assert.ok(sameSource('Nordwind Logistics (COO interview)', 'Nordwind Logistics dispatch workshop'));
    assert.ok(
      !sameSource('Interview, works council secretary in Hamburg', 'Interview, works council members in Stuttgart'),
    );
    assert.ok(!sameSource('Harbour Dental, Plymouth', 'Kings Road Dental Care'));
    assert.ok(
      !sameSource('Ostrava Plastics finance', 'Prototype run on Ostrava Plastics and Kessler Antriebe invoices'),
    );
  });
});

describe('challenger: objectives as evidence of strategic fit', () => {
  const strategy = { objectives: [{ title: 'Get paid faster', keyMetric: 'Median days to payment', owner: 'Ada' }] };
  const fit = (o: Opportunity) => {
    o.assessments![0]!.scores['strategic-fit'] = { score: 4, confidence: 'medium' };
  };
  const ids = (o: Opportunity) => run(o).map((f) => f.ruleId);

  it('takes a link to an objective of the workspace as the evidence a high strategic-fit score needs', () => {
    const unlinked = variant((o) => {
      fit(o);
      o.strategy = strategy;
    });
    assert.ok(ids(unlinked).includes('unsupported-score.high-without-evidence'));
    assert.ok(ids(unlinked).includes('serves-no-objective.unlinked'));
    const linked = variant((o) => {
      fit(o);
      o.strategy = strategy;
      o.idea.objectives = ['get paid FASTER'];
    });
    assert.deepEqual(ids(linked), []);
  });

  it('does not count a title the workspace has no objective for, and says nothing without objectives', () => {
    const stray = variant((o) => {
      fit(o);
      o.strategy = strategy;
      o.idea.objectives = ['Something else'];
    });
    assert.ok(ids(stray).includes('unsupported-score.high-without-evidence'));
    assert.ok(ids(stray).includes('serves-no-objective.unlinked'));
    const none = variant((o) => {
      o.strategy = { objectives: [] };
    });
    assert.deepEqual(ids(none), []);
  });

  it('leaves killed, parked and launched ideas alone, and is milder in Discovery', () => {
    for (const stage of ['killed', 'parked', 'launched'] as const) {
      const o = variant((x) => {
        x.strategy = strategy;
        x.idea.stage = stage;
      });
      assert.ok(!ids(o).includes('serves-no-objective.unlinked'), stage);
    }
    const early = variant((x) => {
      x.strategy = strategy;
      x.idea.stage = 'discovery';
    });
    assert.equal(run(early).find((f) => f.ruleId === 'serves-no-objective.unlinked')?.severity, 'low');
  });
});
