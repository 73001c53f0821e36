import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transition } from '../../src/domain/stages.ts';

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
    assert.equal(transition('killed', 'reopen').ok, false);
    assert.equal(transition('launched', 'advance').ok, false);
  });
});
