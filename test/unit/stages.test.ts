import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moveBetween, outcomesFrom, transition } from '../../src/domain/stages.ts';

describe('stage transitions', () => {
  it('advances one stage at a time', () => {
    assert.deepEqual(transition('discovery', 'advance'), { ok: true, value: 'validation' });
    assert.deepEqual(transition('validation', 'advance'), { ok: true, value: 'realization' });
    assert.deepEqual(transition('realization', 'advance'), { ok: true, value: 'launched' });
  });

  it('refuses skipping a stage, with the reason', () => {
    const r = transition('discovery', 'advance', { toStage: 'realization' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.reason : '', /advances to Validation only/);
  });

  it('parks and kills only active ideas', () => {
    assert.deepEqual(transition('validation', 'park'), { ok: true, value: 'parked' });
    assert.deepEqual(transition('realization', 'kill'), { ok: true, value: 'killed' });
    assert.equal(transition('killed', 'park').ok, false);
    assert.equal(transition('launched', 'kill').ok, false);
    assert.deepEqual(transition('parked', 'kill'), { ok: true, value: 'killed' });
    assert.equal(transition('parked', 'park').ok, false);
  });

  it('reopens parked ideas into the stage they left, or a chosen active one', () => {
    assert.deepEqual(transition('parked', 'reopen', { parkedFrom: 'validation' }), { ok: true, value: 'validation' });
    assert.deepEqual(transition('parked', 'reopen', { toStage: 'discovery' }), { ok: true, value: 'discovery' });
    assert.equal(transition('parked', 'reopen', { toStage: 'launched' }).ok, false);
    assert.equal(transition('launched', 'advance').ok, false);
    assert.equal(transition('launched', 'reopen').ok, false);
    assert.equal(transition('discovery', 'reopen').ok, false);
  });

  it('reopens a killed idea into Discovery, or a chosen active stage, and nowhere else', () => {
    assert.deepEqual(transition('killed', 'reopen'), { ok: true, value: 'discovery' });
    assert.deepEqual(transition('killed', 'reopen', { toStage: 'validation' }), { ok: true, value: 'validation' });
    assert.equal(transition('killed', 'reopen', { toStage: 'parked' }).ok, false);
    assert.equal(transition('killed', 'advance').ok, false);
  });

  it('offers at a gate exactly the outcomes the transition accepts', () => {
    assert.deepEqual(outcomesFrom('discovery'), ['advance', 'park', 'kill']);
    assert.deepEqual(outcomesFrom('realization'), ['advance', 'park', 'kill']);
    assert.deepEqual(outcomesFrom('parked'), ['kill', 'reopen']);
    assert.deepEqual(outcomesFrom('killed'), ['reopen']);
    assert.deepEqual(outcomesFrom('launched'), []);
  });

  it('turns a board move into the decision it means, or says why there is none', () => {
    assert.deepEqual(moveBetween('discovery', 'validation'), { ok: true, value: { outcome: 'advance' } });
    assert.deepEqual(moveBetween('validation', 'parked'), { ok: true, value: { outcome: 'park' } });
    assert.deepEqual(moveBetween('parked', 'killed'), { ok: true, value: { outcome: 'kill' } });
    assert.deepEqual(moveBetween('parked', 'realization'), {
      ok: true,
      value: { outcome: 'reopen', toStage: 'realization' },
    });
    const skip = moveBetween('discovery', 'realization');
    assert.match(!skip.ok ? skip.reason : '', /one gate at a time: from Discovery to Validation/);
    assert.deepEqual(moveBetween('killed', 'discovery'), {
      ok: true,
      value: { outcome: 'reopen', toStage: 'discovery' },
    });
    const back = moveBetween('killed', 'parked');
    assert.match(!back.ok ? back.reason : '', /can only be reopened/);
    assert.equal(moveBetween('launched', 'killed').ok, false);
  });
});
