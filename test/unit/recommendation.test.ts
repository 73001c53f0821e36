import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { followsRecommendation, recommend } from '../../src/domain/recommendation.ts';
import {
  type AssumptionFields,
  type ExperimentFields,
  type Opportunity,
  Recommendation,
} from '../../src/schema/index.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const ctx = { now: NOW };

const demand: AssumptionFields = {
  ref: 'D',
  statement: 'Clinics will pay EUR 90 a month',
  kind: 'uncertainty',
  area: 'viability',
  importance: 5,
};
const build: AssumptionFields = {
  ref: 'B',
  statement: 'We can read their calendars',
  kind: 'risk',
  area: 'feasibility',
  importance: 4,
};
const minor: AssumptionFields = {
  ref: 'M',
  statement: 'Staff like the colour scheme',
  kind: 'risk',
  area: 'usability',
  importance: 2,
};

const test = (ref: string, tests: string[], over: Partial<ExperimentFields> = {}): ExperimentFields => ({
  ref,
  hypothesis: `Hypothesis ${ref}`,
  method: 'pre-sale',
  metric: 'Conversion (%)',
  successThreshold: 10,
  killThreshold: 3,
  minSample: 100,
  deadline: '2026-11-01',
  status: 'completed',
  tests,
  ...over,
});
const pass = { observed: 12, sample: 150 };
const fail = { observed: 2, sample: 150 };

const opp = (over: Partial<Opportunity>): Opportunity => ({
  idea: { title: 'Clinic reminders', stage: 'validation' },
  assumptions: [demand, build, minor],
  ...over,
});

const codes = (r: Recommendation) => r.reasons.map((x) => x.code);

describe('recommendation', () => {
  it('iterates when nothing has been tested, naming the riskiest assumption', () => {
    const r = recommend(opp({}), ctx);
    assert.equal(r.verdict, 'iterate');
    assert.equal(r.reading, 'not-working-yet');
    assert.deepEqual(codes(r), ['no-experiments', 'core-untested']);
    assert.deepEqual(r.reasons[0]!.assumptions, ['D']);
    assert.equal(r.suggestedOutcome, null);
    assert.ok(Value.Check(Recommendation, r));
  });

  it('never reads a kill-leaning result on too small a sample as "won\'t work"', () => {
    const r = recommend(opp({ experiments: [test('X1', ['D'], { observed: 1, sample: 40 })] }), ctx);
    assert.equal(r.verdict, 'iterate');
    assert.equal(r.reading, 'not-working-yet');
    assert.ok(codes(r).includes('insufficient-sample'));
    assert.deepEqual(r.reasons.find((x) => x.code === 'insufficient-sample')!.experiments, ['X1']);
    assert.match(r.summary, /not working yet, which is not the same as not working/);
  });

  it('iterates while a test runs before its deadline, or gave a mixed signal', () => {
    const running = recommend(
      opp({ experiments: [test('X1', ['D'], { status: 'running', deadline: '2026-12-01' })] }),
      ctx,
    );
    assert.equal(running.verdict, 'iterate');
    assert.ok(codes(running).includes('in-progress'));
    const mixed = recommend(opp({ experiments: [test('X1', ['D'], { observed: 6, sample: 150 })] }), ctx);
    assert.equal(mixed.verdict, 'iterate');
    assert.ok(codes(mixed).includes('mixed'));
  });

  it('kills when the kill threshold is crossed on what matters most and nothing of weight held', () => {
    const r = recommend(
      opp({ experiments: [test('X1', ['D'], fail), test('X2', ['M'], { ...pass, method: 'prototype-test' })] }),
      ctx,
    );
    assert.equal(r.verdict, 'kill');
    assert.equal(r.reading, 'wont-work');
    assert.equal(r.suggestedOutcome, 'kill');
    const crossed = r.reasons.find((x) => x.code === 'kill-threshold-crossed')!;
    assert.deepEqual(crossed.experiments, ['X1']);
    assert.deepEqual(crossed.assumptions, ['D']);
    assert.ok(r.experiments.find((x) => x.ref === 'X1')!.core);
    assert.equal(r.experiments.find((x) => x.ref === 'X2')!.core, false);
  });

  it('pivots when the core assumption failed but another of weight held', () => {
    const r = recommend(
      opp({ experiments: [test('X1', ['D'], fail), test('X2', ['B'], { ...pass, method: 'prototype-test' })] }),
      ctx,
    );
    assert.equal(r.verdict, 'pivot');
    assert.equal(r.reading, 'wont-work');
    assert.deepEqual(
      r.reasons.filter((x) => x.code === 'held').map((x) => x.experiments),
      [['X2']],
    );
    assert.match(r.summary, /Keep what held and change what failed/);
  });

  it('does not let a failed minor assumption sink the idea', () => {
    const r = recommend(
      opp({
        experiments: [
          test('X1', ['D'], pass),
          test('X2', ['B'], { ...pass, method: 'prototype-test' }),
          test('X3', ['M'], { ...fail, method: 'prototype-test' }),
        ],
      }),
      ctx,
    );
    assert.equal(r.verdict, 'iterate');
    assert.ok(codes(r).includes('secondary-failed'));
  });

  it('pursues when every important assumption passed its registered test', () => {
    const r = recommend(
      opp({ experiments: [test('X1', ['D'], pass), test('X2', ['B'], { ...pass, method: 'prototype-test' })] }),
      ctx,
    );
    assert.equal(r.verdict, 'pursue');
    assert.equal(r.reading, 'works');
    assert.equal(r.suggestedOutcome, 'advance');
    assert.deepEqual(
      r.reasons.filter((x) => x.code === 'criteria-met').flatMap((x) => x.experiments),
      ['X1', 'X2'],
    );
  });

  it('does not pursue while an important assumption is untested', () => {
    const r = recommend(opp({ experiments: [test('X1', ['D'], pass)] }), ctx);
    assert.equal(r.verdict, 'iterate');
    assert.deepEqual(r.reasons.find((x) => x.code === 'core-untested')!.assumptions, ['B']);
    assert.ok(codes(r).includes('signal-present'));
  });

  it('parks a sound idea when the timing or resources are not there', () => {
    const experiments = [test('X1', ['D'], pass), test('X2', ['B'], { ...pass, method: 'prototype-test' })];
    const r = recommend(opp({ experiments }), {
      now: NOW,
      constraints: [{ reason: 'The team is on the migration until Q2', until: '2027-04-01' }],
    });
    assert.equal(r.verdict, 'park');
    assert.equal(r.reading, 'not-now');
    assert.equal(r.suggestedOutcome, 'park');
    assert.ok(r.reasons.some((x) => x.code === 'not-now' && x.text.includes('until 2027-04-01')));

    const parked = recommend(
      opp({
        idea: { title: 'Clinic reminders', stage: 'parked' },
        experiments,
        decisions: [
          {
            fromStage: 'validation',
            toStage: 'parked',
            outcome: 'park',
            rationale: 'Budget freeze',
            reversible: true,
            reviewOn: '2027-01-15',
          },
        ],
      }),
      ctx,
    );
    assert.equal(parked.verdict, 'park');
    assert.ok(codes(parked).includes('review-date-ahead'));
  });

  it('does not park without a signal, even with a constraint', () => {
    const r = recommend(opp({}), { now: NOW, constraints: [{ reason: 'No team free' }] });
    assert.equal(r.verdict, 'iterate');
    assert.ok(codes(r).includes('not-now'));
  });

  it('judges moved goalposts against the registered criteria and says so', () => {
    const moved = test('X1', ['D'], {
      successThreshold: 6,
      observed: 7,
      sample: 150,
      goalpostsMoved: true,
      criteriaChanges: [{ on: '2026-10-20', field: 'successThreshold', from: 10, to: 6, reason: 'slow week' }],
    });
    const r = recommend(opp({ assumptions: [demand], experiments: [moved] }), ctx);
    assert.equal(r.verdict, 'iterate', 'passes only under the moved threshold');
    assert.ok(codes(r).includes('judged-against-registered-criteria'));
    assert.equal(r.experiments[0]!.judgedAgainst, 'locked');
  });

  it('treats experiments without linked assumptions as core when none are recorded', () => {
    const r = recommend(opp({ assumptions: [], experiments: [test('X1', [], fail)] }), ctx);
    assert.equal(r.verdict, 'kill');
    assert.match(r.reasons[0]!.text, /no linked assumption/);
    const ok = recommend(opp({ assumptions: [], experiments: [test('X1', [], pass)] }), ctx);
    assert.equal(ok.verdict, 'pursue');
  });

  it('agrees with the evaluation cases it shares a story with', () => {
    const load = (name: string) =>
      (
        JSON.parse(readFileSync(join(import.meta.dirname, '..', 'eval', 'cases', `${name}.json`), 'utf8')) as {
          opportunity: Opportunity;
        }
      ).opportunity;
    assert.equal(recommend(load('strong-killed-cleanly'), ctx).verdict, 'kill');
    assert.equal(recommend(load('strong-dental-recall'), ctx).verdict, 'pursue');
    const diabetes = recommend(load('strong-diabetes-parents-app'), ctx);
    assert.equal(diabetes.verdict, 'pursue');
    assert.ok(codes(diabetes).includes('supported-by-evidence'));
    assert.equal(recommend(load('optimism-after-failed-presale-refills'), ctx).verdict, 'kill');
    assert.equal(recommend(load('moved-goalposts-coffee-reorder'), ctx).verdict, 'iterate');
  });
});

describe('following or overriding a recommendation', () => {
  it('maps verdicts to gate outcomes', () => {
    assert.equal(followsRecommendation('pursue', 'advance'), true);
    assert.equal(followsRecommendation('pursue', 'kill'), false);
    assert.equal(followsRecommendation('kill', 'kill'), true);
    assert.equal(followsRecommendation('park', 'park'), true);
    assert.equal(followsRecommendation('iterate', 'none'), true);
    assert.equal(followsRecommendation('iterate', 'advance'), false);
    assert.equal(followsRecommendation('pivot', 'kill'), false);
  });
});
