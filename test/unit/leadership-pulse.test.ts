import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aggregatePulse,
  type PulseResponse,
  pulseTrend,
  pulseWithheldMessage,
} from '../../src/domain/leadership/index.ts';
import { MIN_PULSE_ANSWERS, PULSE_STATEMENTS } from '../../src/methodology/index.ts';

/** `n` people answering every statement with `value`. */
const all = (n: number, value: number): PulseResponse[] =>
  Array.from({ length: n }, () => ({ answers: Object.fromEntries(PULSE_STATEMENTS.map((s) => [s.id, value])) }));
const view = (responses: PulseResponse[]) => {
  const r = aggregatePulse(responses);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.value;
};

describe('psychological-safety pulse', () => {
  it('shows nothing, not even a count, with fewer than five answers', () => {
    for (let n = 0; n < MIN_PULSE_ANSWERS; n++) {
      assert.deepEqual(view(all(n, 1)), { shown: false, message: pulseWithheldMessage });
    }
    assert.match(pulseWithheldMessage, /at least 5 answers/);
  });

  it('does not count an empty response towards the threshold', () => {
    assert.equal(view([...all(4, 3), { answers: {} }]).shown, false);
  });

  it('shows five answers, flipping reversed statements so higher is always safer', () => {
    const v = view(all(5, 2));
    assert.ok(v.shown);
    assert.equal(v.answers, 5);
    for (const s of v.statements) {
      assert.ok(s.shown);
      const def = PULSE_STATEMENTS.find((d) => d.id === s.id)!;
      assert.equal(s.mean, 2);
      assert.equal(s.safety, def.reversed ? 4 : 2);
      assert.equal(s.answers, 5);
    }
    const reversed = PULSE_STATEMENTS.filter((s) => s.reversed).length;
    const expected = (reversed * 4 + (PULSE_STATEMENTS.length - reversed) * 2) / PULSE_STATEMENTS.length;
    assert.equal(v.index, Math.round(expected * 100) / 100);
  });

  it('withholds a statement fewer than five people answered, and leaves it out of the index', () => {
    const skip = PULSE_STATEMENTS.find((s) => !s.reversed)!.id;
    const responses = all(5, 4).map((r, i) => {
      if (i === 0) return r;
      const { [skip]: _, ...rest } = r.answers;
      return { answers: rest };
    });
    const v = view(responses);
    assert.ok(v.shown);
    const st = v.statements.find((s) => s.id === skip)!;
    assert.deepEqual(Object.keys(st).sort(), ['id', 'message', 'shown', 'text']);
    assert.equal(st.shown, false);
    const shown = v.statements.filter((s) => s.shown);
    assert.equal(shown.length, PULSE_STATEMENTS.length - 1);
    const safeties = shown.map((s) => (s.shown ? s.safety : 0));
    assert.equal(v.index, Math.round((safeties.reduce((a, b) => a + b, 0) / safeties.length) * 100) / 100);
  });

  it('refuses unknown statements and answers outside 1-5', () => {
    assert.equal(aggregatePulse([{ answers: { nonsense: 3 } }]).ok, false);
    assert.equal(aggregatePulse([{ answers: { [PULSE_STATEMENTS[0]!.id]: 0 } }]).ok, false);
    assert.equal(aggregatePulse([{ answers: { [PULSE_STATEMENTS[0]!.id]: 3.5 } }]).ok, false);
  });

  it('trends the index over rounds in date order, a withheld round a gap and never a figure', () => {
    const t = pulseTrend([
      { roundId: 'r3', on: '2026-12-01', responses: all(6, 4) },
      { roundId: 'r1', on: '2026-10-01', responses: all(5, 3) },
      { roundId: 'r2', on: '2026-11-01', responses: all(4, 1) },
    ]);
    assert.ok(t.ok);
    assert.deepEqual(
      t.value.points.map((p) => [p.roundId, p.index === null]),
      [
        ['r1', false],
        ['r2', true],
        ['r3', false],
      ],
    );
    assert.ok(t.value.change);
    assert.equal(t.value.change.direction, 'up');
    assert.equal(t.value.change.from, t.value.points[0]!.index);
    const alone = pulseTrend([{ roundId: 'r1', on: '2026-10-01', responses: all(5, 3) }]);
    assert.ok(alone.ok);
    assert.equal(alone.value.change, null);
    assert.equal(pulseTrend([{ roundId: 'x', on: '2026-10-01', responses: [{ answers: { nonsense: 1 } }] }]).ok, false);
  });
});
