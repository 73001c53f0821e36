import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assumptionMap, nextAssumptionRef } from '../../src/domain/assumptions.ts';
import type { AssumptionFields, ExperimentFields, Opportunity } from '../../src/schema/index.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const evidence: NonNullable<Opportunity['evidence']> = [
  {
    ref: 'i1',
    kind: 'interview-note',
    summary: 's',
    source: 'Clinic A',
    observedOn: '2026-10-01',
    strength: 'interview',
  },
  { ref: 'p1', kind: 'revenue-signal', summary: 's', source: 'Clinic B', observedOn: '2026-10-01', strength: 'paying' },
];
const a = (ref: string, importance: number, over: Partial<AssumptionFields> = {}): AssumptionFields => ({
  ref,
  statement: `Assumption ${ref}`,
  kind: 'uncertainty',
  area: 'desirability',
  importance,
  ...over,
});
const x = (ref: string, tests: string[], over: Partial<ExperimentFields>): ExperimentFields => ({
  ref,
  hypothesis: 'h',
  method: 'concierge',
  metric: 'm (%)',
  successThreshold: 30,
  killThreshold: 10,
  minSample: 20,
  status: 'completed',
  tests,
  ...over,
});

describe('assumption map', () => {
  it('gives a new assumption the next A-number ever used, whatever else its neighbours are called', () => {
    assert.equal(nextAssumptionRef([]), 'A1');
    assert.equal(nextAssumptionRef(['A1', 'A2']), 'A3');
    // A removed A3 still counts: A3 is never reused for another assumption.
    assert.equal(nextAssumptionRef(['A1', 'A3']), 'A4');
    assert.equal(nextAssumptionRef(['price-risk', 'A-1f2e3d', 'a7', 'A2']), 'A3');
  });

  it('puts important and least-evidenced assumptions first', () => {
    const map = assumptionMap(
      {
        evidence,
        assumptions: [
          a('paid', 5, { evidence: ['p1'] }),
          a('minor', 2),
          a('heard', 5, { evidence: ['i1'] }),
          a('blind', 5),
          a('middling', 3),
        ],
      },
      NOW,
    );
    assert.deepEqual(
      map.map((m) => m.ref),
      ['blind', 'heard', 'middling', 'minor', 'paid'],
    );
    assert.deepEqual(
      map.map((m) => m.rank),
      [1, 2, 3, 4, 5],
    );
    const blind = map[0]!;
    assert.equal(blind.risk, 5);
    assert.equal(blind.quadrant, 'test-first');
    assert.equal(blind.status, 'untested');
    assert.match(blind.why, /no evidence, no experiment \(untested\): test it first/);
    const paid = map.find((m) => m.ref === 'paid')!;
    assert.equal(paid.strongestEvidence, 'paying');
    assert.equal(paid.quadrant, 'known');
    assert.equal(map.find((m) => m.ref === 'minor')!.quadrant, 'watch');
  });

  it('reads the status from the experiments that test it', () => {
    const map = assumptionMap(
      {
        assumptions: [a('s', 4), a('r', 4), a('t', 4), a('i', 4), a('u', 4), a('mixed', 4)],
        experiments: [
          x('X1', ['s'], { observed: 40, sample: 25 }),
          x('X2', ['r'], { observed: 5, sample: 25 }),
          x('X3', ['t'], { status: 'running' }),
          x('X4', ['i'], { observed: 40, sample: 25 }),
          x('X5', ['i'], { observed: 5, sample: 25 }),
          x('X6', ['u'], { status: 'planned' }),
          x('X7', ['mixed'], { observed: 20, sample: 25 }),
        ],
      },
      NOW,
    );
    const status = Object.fromEntries(map.map((m) => [m.ref, m.status]));
    assert.deepEqual(status, {
      s: 'supported',
      r: 'refuted',
      t: 'testing',
      i: 'inconclusive',
      u: 'untested',
      mixed: 'inconclusive',
    });
    // Tested and concluded assumptions are better known, so they rank below untested ones of the same importance.
    assert.deepEqual(
      map.slice(0, 2).map((m) => m.ref),
      ['t', 'u'],
    );
    assert.ok(map.find((m) => m.ref === 's')!.evidenceLevel >= 0.75);
    assert.deepEqual(map.find((m) => m.ref === 'i')!.experiments, [
      { ref: 'X4', outcome: 'passed' },
      { ref: 'X5', outcome: 'failed' },
    ]);
  });

  it('names unnamed assumptions by position and links experiments that way too', () => {
    const map = assumptionMap(
      {
        assumptions: [a('ignored', 1, { ref: undefined }), a('ignored', 5, { ref: undefined })],
        experiments: [x('X1', ['#2'], { observed: 40, sample: 25 })],
      },
      NOW,
    );
    assert.deepEqual(
      map.map((m) => [m.ref, m.status]),
      [
        ['#2', 'supported'],
        ['#1', 'untested'],
      ],
    );
  });

  it('ignores evidence refs that do not resolve, and says so', () => {
    const [m] = assumptionMap({ evidence, assumptions: [a('x', 4, { evidence: ['nope'] })] }, NOW);
    assert.equal(m!.strongestEvidence, null);
    assert.equal(m!.evidenceLevel, 0);
    assert.match(m!.why, /linked evidence not found/);
  });

  it('breaks ties by kind (silent first), then by position', () => {
    const map = assumptionMap(
      { assumptions: [a('risk', 4, { kind: 'risk' }), a('unc', 4), a('silent', 4, { kind: 'silent' })] },
      NOW,
    );
    assert.deepEqual(
      map.map((m) => m.ref),
      ['silent', 'unc', 'risk'],
    );
  });

  it('is empty without assumptions', () => {
    assert.deepEqual(assumptionMap({}, NOW), []);
  });
});
