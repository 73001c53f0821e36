import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { asOfMoment, challenge, challengeReport, runRules } from '../../src/domain/challenger/index.ts';
import { sameSource, sourceGrouper, sourceKey, sourceNames, statedNotDone } from '../../src/domain/challenger/text.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import type { Opportunity } from '../../src/schema/index.ts';

/**
 * Issue 12: idea-level success and kill criteria read first and stage-aware, optimism kept apart from
 * unsupported scores, sources told apart by their numbers, future dates, labels the text contradicts.
 */

const NOW = new Date('2026-11-15T12:00:00Z');
const dimensions = defaultDimensions();
const base = (
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'eval', 'cases', 'strong-invoice-matching.json'), 'utf8'),
  ) as { opportunity: Opportunity }
).opportunity;
const variant = (change: (o: Opportunity) => void): Opportunity => {
  const o = structuredClone(base);
  change(o);
  return o;
};
const ids = (o: Opportunity) => runRules(o, { dimensions, now: NOW }).map((f) => f.ruleId);
/** The criteria as registered at the start, with a kill threshold of 50 that is later quietly lowered. */
const lockedAt50 = (x: NonNullable<Opportunity['experiments']>[number]) => ({
  lockedOn: '2026-10-01',
  hypothesis: x.hypothesis,
  metric: x.metric,
  successThreshold: 75,
  killThreshold: 50,
  higherIsBetter: true,
});
const NSM = 'no-success-metric.no-measurable-outcome';

describe('the challenger, sharper', () => {
  it('asks for a target from Validation on although the gap holds figures', () => {
    const o = variant((o) => {
      delete o.frame!.gapMetric;
      o.frame!.gap = 'Clerks spend 6 hours a close on matching; 8 % of invoices are paid late.';
    });
    const f = runRules(o, { dimensions, now: NOW }).find((x) => x.ruleId === NSM);
    assert.ok(f, 'a figure in the gap is not a target');
    assert.equal(f.severity, 'high');
    assert.match(f.explanation, /a figure describing the problem is not a target/);
  });

  it('is satisfied by the idea’s own success metric, and only asks in Discovery', () => {
    const withMetric = variant((o) => {
      delete o.frame!.gapMetric;
      o.idea.successMetrics = [
        { metric: 'Hours of matching per close', target: 10, baseline: 46, byWhen: '2027-06-30' },
      ];
    });
    assert.ok(!ids(withMetric).includes(NSM));
    const discoveryWithFigure = variant((o) => {
      delete o.frame!.gapMetric;
      o.idea.stage = 'discovery';
      o.decisions = [];
      o.frame!.gap = 'Clerks spend 6 hours a close on matching.';
    });
    assert.ok(!ids(discoveryWithFigure).includes(NSM));
    const discoveryBare = variant((o) => {
      delete o.frame!.gapMetric;
      o.idea.stage = 'discovery';
      o.decisions = [];
      o.frame!.gap = 'Matching takes too long.';
      o.frame!.idealState = 'Matching is quick.';
      o.idea.statement!.goal = 'shorten the close';
    });
    const f = runRules(discoveryBare, { dimensions, now: NOW }).find((x) => x.ruleId === NSM);
    assert.equal(f?.severity, 'medium');
  });

  it('reads the idea’s kill criteria: stated ones stand in for loosened experiment kill lines', () => {
    const loosened = variant((o) => {
      o.experiments = [o.experiments![2]!];
      const x = o.experiments[0]!;
      x.locked = lockedAt50(x);
      x.killThreshold = 20;
    });
    const found = ids(loosened);
    assert.ok(found.includes('no-kill-criteria.idea-without-kill-criteria'), found.join(' '));
    assert.ok(found.includes('moved-goalposts.criteria-changed-after-start'));
    const stated = variant((o) => {
      o.experiments = [o.experiments![2]!];
      const x = o.experiments[0]!;
      x.locked = lockedAt50(x);
      x.killThreshold = 20;
      o.idea.killCriteria = [{ statement: 'We stop if clerks keep the Excel lookup after the pilot' }];
    });
    assert.ok(!ids(stated).includes('no-kill-criteria.idea-without-kill-criteria'));
  });

  it('does not ask an idea with kill criteria and no experiments for a kill line', () => {
    const o = variant((o) => {
      o.experiments = [];
      o.idea.killCriteria = [
        { statement: 'We stop if fewer than 2 of 10 pilots pay', metric: 'Paying pilots', threshold: 2 },
      ];
    });
    assert.ok(!ids(o).some((id) => id.startsWith('no-kill-criteria.')));
  });

  it('finds an experiment kill line looser than the idea’s only in the loose direction', () => {
    const strict = variant((o) => {
      o.idea.killCriteria = [
        { statement: 'We stop under 55 %', metric: 'share of invoices auto-matched (%)', threshold: 55 },
      ];
    });
    assert.ok(!ids(strict).includes('no-kill-criteria.experiment-kill-looser-than-idea'));
    const lowerIsBetter = variant((o) => {
      o.experiments![1]!.higherIsBetter = false;
      o.experiments![1]!.successThreshold = 10;
      o.experiments![1]!.killThreshold = 30;
      o.idea.killCriteria = [
        {
          statement: 'We stop above 20 % unmatched',
          metric: 'Share of invoices auto-matched (%)',
          threshold: 20,
          higherIsBetter: false,
        },
      ];
    });
    assert.ok(ids(lowerIsBetter).includes('no-kill-criteria.experiment-kill-looser-than-idea'));
  });

  it('keeps numbers and names in a source’s identity', () => {
    assert.ok(!sameSource('Interview, clinic 3', 'Interview, clinic 7'));
    assert.ok(!sameSource('Store #12 manager', 'Store #4 manager'));
    assert.ok(sameSource('Dr Santos', 'Dr. Maria Santos'));
    assert.ok(sameSource('Interview, clinic 3 (2026-05-02)', 'Interview, clinic 3 (2026-06-11)'));
    assert.ok(sameSource('Nordwind Logistics (COO interview)', 'Nordwind Logistics dispatch workshop'));
    assert.notEqual(sourceKey('Interview, clinic 3'), sourceKey('Interview, clinic 12'));
    // Names, places and months from the tagger's lexicon, without a tagger pass per source.
    assert.ok(sameSource('Call with Dr. Maria Santos, May 2026', 'Dr Santos'));
    assert.ok(!sameSource('Interview, store manager in Hamburg', 'Interview, store manager in Munich'));
    assert.deepEqual(sourceNames('Geofence data from Kessler Antriebe, March-April 2025'), ['kessler antriebe']);
    // A place the tagger does not know, after "in", is not taken for the name of a source.
    assert.ok(!sameSource('Interview, freelance designer in Haarlem-Noord', "Survey, Haarlem freelancers' network"));
    assert.ok(sameSource('Nordwind Logistics, depot in Hamburg', 'Nordwind Logistics dispatch workshop'));
    const group = sourceGrouper();
    const keys = [
      'Interview, clinic 3',
      'Interview, clinic 7',
      'Interview, clinic 3',
      'Dr Santos',
      'Dr. Maria Santos',
    ].map(group);
    assert.equal(new Set(keys).size, 3);
    assert.equal(keys[0], keys[2]);
    assert.equal(keys[3], keys[4]);
  });

  it('does not report three numbered clinics as a single source', () => {
    const o = variant((o) => {
      o.evidence = ['3', '7', '12'].map((n, i) => ({
        ref: `c${i}`,
        kind: 'interview-note',
        summary: 'Nurses re-type the referral letter by hand.',
        source: `Interview, clinic ${n}`,
        observedOn: '2026-10-01',
        strength: 'interview',
      }));
      for (const a of o.assessments!) for (const s of Object.values(a.scores)) delete s.evidence;
    });
    assert.ok(!ids(o).includes('single-source-evidence.one-source'));
  });

  it('counts future-dated evidence as undated: not fresh, and flagged', () => {
    const o = variant((o) => {
      for (const e of o.evidence!) e.observedOn = '2024-06-01';
      o.evidence![0]!.observedOn = '2099-01-01';
    });
    const found = ids(o);
    assert.ok(found.includes('stale-evidence.future-dated'));
    assert.ok(found.includes('stale-evidence.all-evidence-stale'), 'the future piece does not make the rest fresh');
  });

  it('reads talk under a behaviour label, and only under one', () => {
    assert.equal(statedNotDone('Three owners said they would pay EUR 40'), 'would pay');
    assert.equal(statedNotDone('Signed a paid pilot at EUR 1,200 a month'), null);
    assert.equal(statedNotDone('Sayings aside, 14 paid'), null);
    const interviewTalk = variant((o) => {
      o.evidence![0]!.strength = 'interview';
      o.evidence![0]!.summary = 'The clerk said it might save a day.';
    });
    assert.ok(!ids(interviewTalk).includes('anecdotal-demand.strength-contradicted-by-text'));
  });

  it('reports one finding per situation, listing each subject, and counts it once', () => {
    const o = variant((o) => {
      const [p, t] = o.assessments!;
      for (const d of ['problem-significance', 'feasibility', 'certainty-of-demand']) {
        p!.scores[d]!.score = 5;
        t!.scores[d] = { ...t!.scores[d]!, score: 2 };
      }
    });
    const raw = runRules(o, { dimensions, now: NOW }).filter(
      (f) => f.ruleId === 'assessor-disagreement.dimension-spread',
    );
    assert.equal(raw.length, 3);
    const report = challengeReport(o, { dimensions, now: NOW });
    const grouped = report.findings.filter((f) => f.ruleId === 'assessor-disagreement.dimension-spread');
    assert.equal(grouped.length, 1);
    assert.deepEqual(grouped[0]!.items!.map((i) => i.subject).sort(), [
      'certainty-of-demand',
      'feasibility',
      'problem-significance',
    ]);
    assert.equal(grouped[0]!.severity, 'high');
    const counted = report.counts.critical + report.counts.high + report.counts.medium + report.counts.low;
    assert.equal(counted, report.findings.length);
    assert.equal(challenge(o, { dimensions, now: NOW }).length, report.findings.length);
  });

  it('judges as of a date: the report says which, and the same date gives the same findings', () => {
    const o = variant((o) => {
      for (const e of o.evidence!) e.observedOn = '2025-10-01';
    });
    const early = challengeReport(o, { dimensions, now: asOfMoment('2026-06-01') });
    const late = challengeReport(o, { dimensions, now: asOfMoment('2026-12-01') });
    assert.equal(early.asOf, '2026-06-01');
    assert.equal(late.methodologyVersion, early.methodologyVersion);
    assert.ok(!early.findings.some((f) => f.kind === 'stale-evidence'));
    assert.ok(late.findings.some((f) => f.ruleId === 'stale-evidence.all-evidence-stale'));
    assert.deepEqual(challengeReport(o, { dimensions, now: asOfMoment('2026-12-01') }), late);
  });

  it('leaves a score with no evidence at all to unsupported-score, not optimism', () => {
    const o = variant((o) => {
      o.assessments![0]!.scores.differentiation = { score: 5, confidence: 'high' };
    });
    const found = ids(o);
    assert.ok(found.includes('unsupported-score.high-without-evidence'));
    assert.ok(!found.includes('optimism-gap.scores-outrun-evidence'));
  });
});
