import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changeCriteria,
  currentCriteria,
  detectMovedGoalposts,
  evaluateExperiment,
  lockCriteria,
  movesSinceStart,
  registeredCriteria,
} from '../../src/domain/experiments.ts';
import type { ExperimentFields } from '../../src/schema/index.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const card = (over: Partial<ExperimentFields> = {}): ExperimentFields => ({
  ref: 'X1',
  hypothesis: 'At least 5 % of visitors will click Buy',
  wrongWhen: 'fewer than 2 % click',
  method: 'fake-door',
  metric: 'Click-through (%)',
  successThreshold: 5,
  killThreshold: 2,
  minSample: 1000,
  deadline: '2026-12-01',
  status: 'planned',
  ...over,
});

describe('locking criteria', () => {
  it('locks the card when the experiment starts', () => {
    const r = lockCriteria(card(), '2026-11-01');
    assert.ok(r.ok);
    assert.equal(r.value.status, 'running');
    assert.equal(r.value.startedOn, '2026-11-01');
    assert.deepEqual(r.value.locked, {
      lockedOn: '2026-11-01',
      hypothesis: 'At least 5 % of visitors will click Buy',
      wrongWhen: 'fewer than 2 % click',
      metric: 'Click-through (%)',
      higherIsBetter: true,
      successThreshold: 5,
      killThreshold: 2,
      minSample: 1000,
      deadline: '2026-12-01',
    });
  });

  it('refuses to lock twice, or to start a completed experiment', () => {
    const locked = lockCriteria(card(), '2026-11-01');
    assert.ok(locked.ok);
    const again = lockCriteria(locked.value, '2026-11-02');
    assert.equal(again.ok, false);
    assert.match(!again.ok ? again.reason : '', /already locked on 2026-11-01/);
    assert.equal(lockCriteria(card({ status: 'completed' }), '2026-11-01').ok, false);
  });

  it('lets a draft card change freely before the start', () => {
    const r = changeCriteria(card(), { successThreshold: 4 }, { on: '2026-10-30' });
    assert.ok(r.ok);
    assert.equal(r.value.experiment.successThreshold, 4);
    assert.deepEqual(r.value.moves, []);
    assert.equal(r.value.experiment.goalpostsMoved, undefined);
    assert.equal(r.value.experiment.criteriaChanges, undefined);
  });

  it('needs a reason to change a locked card, then records and flags the change', () => {
    const started = lockCriteria(card(), '2026-11-01');
    assert.ok(started.ok);
    const refused = changeCriteria(started.value, { successThreshold: 3 }, { on: '2026-11-10' });
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reason : '', /needs a reason/);

    const r = changeCriteria(
      started.value,
      { successThreshold: 3, reason: 'Traffic was low' },
      { on: '2026-11-10', by: 'Ana' },
    );
    assert.ok(r.ok);
    const { experiment, moves } = r.value;
    assert.equal(experiment.successThreshold, 3);
    assert.equal(experiment.goalpostsMoved, true);
    assert.deepEqual(experiment.criteriaChanges, [
      { on: '2026-11-10', field: 'successThreshold', from: 5, to: 3, reason: 'Traffic was low', by: 'Ana' },
    ]);
    assert.equal(experiment.locked?.successThreshold, 5, 'the registered criteria stay as they were');
    assert.equal(moves.length, 1);
    assert.equal(moves[0]!.direction, 'loosened');
    assert.match(moves[0]!.explanation, /easier to pass/);
  });

  it('a change that changes nothing is not a moved goalpost', () => {
    const started = lockCriteria(card(), '2026-11-01');
    assert.ok(started.ok);
    const r = changeCriteria(started.value, { successThreshold: 5 }, { on: '2026-11-10' });
    assert.ok(r.ok);
    assert.deepEqual(r.value.moves, []);
    assert.equal(r.value.experiment, started.value);
  });

  it('snapshots a started card that was never locked before recording the change', () => {
    const running = card({ status: 'running', startedOn: '2026-11-01' });
    const r = changeCriteria(running, { deadline: '2027-01-31', reason: 'Holidays' }, { on: '2026-11-20' });
    assert.ok(r.ok);
    assert.equal(r.value.experiment.locked?.deadline, '2026-12-01');
    assert.equal(r.value.experiment.locked?.lockedOn, '2026-11-01');
    assert.equal(r.value.experiment.deadline, '2027-01-31');
  });

  it('removes a criterion when asked for null, and counts that as loosening', () => {
    const started = lockCriteria(card(), '2026-11-01');
    assert.ok(started.ok);
    const r = changeCriteria(started.value, { killThreshold: null, reason: 'Not needed' }, { on: '2026-11-05' });
    assert.ok(r.ok);
    assert.equal('killThreshold' in r.value.experiment, false);
    assert.equal(r.value.moves[0]!.direction, 'loosened');
  });
});

describe('moved goalposts', () => {
  const reg = currentCriteria(card());

  it('reads the direction of each change', () => {
    const dir = (change: Parameters<typeof detectMovedGoalposts>[1]) => detectMovedGoalposts(reg, change)[0]?.direction;
    assert.equal(dir({ successThreshold: 3 }), 'loosened');
    assert.equal(dir({ successThreshold: 7 }), 'tightened');
    assert.equal(dir({ killThreshold: 1 }), 'loosened');
    assert.equal(dir({ killThreshold: 3 }), 'tightened');
    assert.equal(dir({ minSample: 400 }), 'loosened');
    assert.equal(dir({ minSample: 4000 }), 'changed');
    assert.equal(dir({ deadline: '2027-02-01' }), 'loosened');
    assert.equal(dir({ deadline: '2026-11-20' }), 'changed');
    assert.equal(dir({ metric: 'Sign-ups' }), 'changed');
    assert.equal(dir({ wrongWhen: null }), 'loosened');
    assert.equal(detectMovedGoalposts(reg, { successThreshold: 5 }).length, 0);
  });

  it('reverses for metrics where lower is better', () => {
    const lower = { ...reg, higherIsBetter: false, successThreshold: 30, killThreshold: 45 };
    assert.equal(detectMovedGoalposts(lower, { successThreshold: 35 })[0]?.direction, 'loosened');
    assert.equal(detectMovedGoalposts(lower, { killThreshold: 50 })[0]?.direction, 'loosened');
    assert.equal(detectMovedGoalposts(lower, { killThreshold: 40 })[0]?.direction, 'tightened');
  });

  it('reconstructs the registered criteria from recorded changes when there is no snapshot', () => {
    const x = card({
      status: 'running',
      startedOn: '2026-10-01',
      minSample: 25,
      deadline: '2026-12-31',
      criteriaChanges: [
        { on: '2026-10-28', field: 'deadline', from: '2026-10-31', to: '2026-11-30', reason: 'slow' },
        { on: '2026-11-06', field: 'minSample', from: 60, to: 25, reason: 'few answers' },
        { on: '2026-11-06', field: 'deadline', from: '2026-11-30', to: '2026-12-31', reason: 'few answers' },
      ],
    });
    const { criteria, source } = registeredCriteria(x);
    assert.equal(source, 'reconstructed');
    assert.equal(criteria.deadline, '2026-10-31');
    assert.equal(criteria.minSample, 60);
    const moves = movesSinceStart(x);
    assert.deepEqual(moves.map((m) => m.field).sort(), ['deadline', 'minSample']);
    assert.ok(moves.every((m) => m.direction === 'loosened'));
  });

  it('finds nothing for an untouched or unstarted card', () => {
    assert.deepEqual(movesSinceStart(card()), []);
    const started = lockCriteria(card(), '2026-11-01');
    assert.ok(started.ok);
    assert.deepEqual(movesSinceStart(started.value), []);
  });
});

describe('judging a result', () => {
  const done = (over: Partial<ExperimentFields>) => card({ status: 'completed', startedOn: '2026-10-01', ...over });
  const outcome = (x: ExperimentFields) => evaluateExperiment(x, 0, NOW).outcome;

  it('passes, fails or calls it mixed on a sufficient sample', () => {
    assert.equal(outcome(done({ observed: 6, sample: 1200 })), 'passed');
    assert.equal(outcome(done({ observed: 1.5, sample: 1200 })), 'failed');
    assert.equal(outcome(done({ observed: 3, sample: 1200 })), 'mixed');
    const e = evaluateExperiment(done({ observed: 1.5, sample: 1200 }), 0, NOW);
    assert.equal(e.conclusive, true);
    assert.match(e.explanation, /kill threshold 2/);
  });

  it('never reads a small sample as a verdict, whichever way it leans', () => {
    const e = evaluateExperiment(done({ observed: 0.5, sample: 300 }), 0, NOW);
    assert.equal(e.outcome, 'insufficient-sample');
    assert.equal(e.conclusive, false);
    assert.match(e.explanation, /leans towards the kill threshold, but that is not a verdict/);
    assert.match(evaluateExperiment(done({ observed: 9, sample: 300 }), 0, NOW).explanation, /leans towards success/);
  });

  it('tells running, overdue, unstarted and unjudgeable experiments apart', () => {
    assert.equal(outcome(card()), 'not-started');
    assert.equal(outcome(card({ status: 'running' })), 'in-progress');
    assert.equal(outcome(card({ status: 'running', deadline: '2026-11-01' })), 'overdue');
    assert.equal(outcome(card({ status: 'running', observed: 3, sample: 1500 })), 'in-progress');
    assert.equal(outcome(card({ status: 'running', observed: 3, sample: 1500, deadline: '2026-11-10' })), 'mixed');
    assert.equal(
      outcome(done({ successThreshold: undefined, killThreshold: undefined, observed: 3, sample: 1500 })),
      'no-criteria',
    );
  });

  it('handles metrics where lower is better', () => {
    const cost = { higherIsBetter: false, successThreshold: 30, killThreshold: 45, minSample: 50 };
    assert.equal(outcome(done({ ...cost, observed: 24, sample: 118 })), 'passed');
    assert.equal(outcome(done({ ...cost, observed: 50, sample: 118 })), 'failed');
  });

  it('judges against the registered criteria, not the moved ones', () => {
    const moved = done({
      successThreshold: 3,
      observed: 3.4,
      sample: 1350,
      goalpostsMoved: true,
      criteriaChanges: [{ on: '2026-10-18', field: 'successThreshold', from: 5, to: 3, reason: 'low traffic' }],
    });
    const registered = evaluateExperiment(moved, 0, NOW);
    assert.equal(registered.outcome, 'mixed');
    assert.equal(registered.judgedAgainst, 'locked');
    assert.equal(registered.successThreshold, 5);
    const current = evaluateExperiment(moved, 0, NOW, { against: 'current' });
    assert.equal(current.outcome, 'passed');
    assert.equal(current.judgedAgainst, 'current');
  });

  it('names experiments without a ref by position', () => {
    assert.equal(evaluateExperiment(card({ ref: undefined }), 2, NOW).ref, '#3');
  });
});
