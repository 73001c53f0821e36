import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDimensions, reweight } from '../../src/domain/dimensions.ts';
import { explainScore, ice, rice, type ScoreInput } from '../../src/domain/scoring.ts';

const dims = defaultDimensions();
const all = (assessorId: string, score: number, extra: Partial<ScoreInput> = {}): ScoreInput[] =>
  dims.map((d) => ({
    assessorId,
    dimension: d.id,
    score,
    confidence: 'high',
    evidenceStrengths: ['paying'],
    ...extra,
  }));

describe('composite score', () => {
  it('is null with nothing scored, and says so', () => {
    const s = explainScore(dims, []);
    assert.equal(s.composite, null);
    assert.equal(s.adjusted, null);
    assert.match(s.explanation[0]!, /Not scored/);
  });

  it('is the weighted mean of assessor means', () => {
    const s = explainScore(dims, [...all('a', 4), ...all('b', 2)]);
    assert.equal(s.composite, 3);
    assert.equal(s.assessors, 2);
    assert.equal(s.dimensions[0]!.spread, 2);
    assert.ok(s.explanation.some((e) => e.includes('assessors disagree')));
  });

  it('uses workspace weights', () => {
    const weights = Object.fromEntries(dims.map((d) => [d.id, 0]));
    weights.risk = 1;
    const r = reweight(dims, weights);
    assert.ok(r.ok);
    const inputs = all('a', 2).map((i) => (i.dimension === 'risk' ? { ...i, score: 5 } : i));
    assert.equal(explainScore(r.value, inputs).composite, 5);
    assert.equal(explainScore(dims, inputs).composite! < 5, true);
  });

  it('refuses weights for unknown dimensions', () => {
    assert.equal(reweight(dims, { nonsense: 2 }).ok, false);
  });

  it('discounts scores without evidence in the adjusted variant only', () => {
    const proven = explainScore(dims, all('a', 5));
    const unproven = explainScore(dims, all('a', 5, { evidenceStrengths: [], confidence: 'low' }));
    assert.equal(proven.composite, 5);
    assert.equal(unproven.composite, 5);
    assert.equal(proven.adjusted, 5);
    assert.equal(unproven.adjusted, 1 + 4 * 0.5 * 0.8);
  });

  it('counts unscored dimensions at the floor in the adjusted score', () => {
    const one = explainScore(dims, [
      { assessorId: 'a', dimension: 'risk', score: 5, confidence: 'high', evidenceStrengths: ['paying'] },
    ]);
    assert.equal(one.composite, 5);
    assert.ok(one.adjusted! < 2);
    assert.ok(one.coverage < 0.2);
  });

  it('computes RICE and ICE only when their inputs exist', () => {
    assert.equal(rice({ reach: 1000, impact: 2, confidence: 0.5, effort: 4 }), 250);
    assert.equal(rice(null), null);
    assert.equal(ice({ impact: 8, confidence: 5, ease: 2 }), 80);
    assert.equal(explainScore(dims, []).rice, null);
  });
});
