import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Bubble, spreadBubbles } from '../../src/web/src/bubbles.ts';

const overlaps = (bubbles: Bubble[], at: { x: number; y: number }[], gap = 2) => {
  const out: string[] = [];
  for (let i = 0; i < at.length; i++)
    for (let j = i + 1; j < at.length; j++) {
      const d = Math.hypot(at[i]!.x - at[j]!.x, at[i]!.y - at[j]!.y);
      if (d < bubbles[i]!.r + bubbles[j]!.r + gap - 0.01) out.push(`${i}/${j} ${d.toFixed(1)}`);
    }
  return out;
};

describe('spreading the matrix’s numbers apart', () => {
  const bounds = { width: 600, height: 400 };

  it('leaves bubbles that do not touch exactly where their values put them', () => {
    const bubbles = [
      { x: 100, y: 100, r: 10 },
      { x: 300, y: 200, r: 20 },
    ];
    assert.deepEqual(
      spreadBubbles(bubbles, bounds),
      bubbles.map(({ x, y }) => ({ x, y })),
    );
  });

  it('parts bubbles on the same spot and overlapping ones, the same way every time, inside the plot', () => {
    // Like #20/#21 and #6/#10 in the sample: the same scores, so the same place.
    const bubbles = [
      { x: 200, y: 150, r: 20 },
      { x: 200, y: 150, r: 20 },
      { x: 210, y: 155, r: 14 },
      { x: 590, y: 395, r: 18 },
      { x: 585, y: 390, r: 18 },
    ];
    const at = spreadBubbles(bubbles, bounds);
    assert.deepEqual(overlaps(bubbles, at), []);
    assert.deepEqual(spreadBubbles(bubbles, bounds), at, 'deterministic');
    for (const [i, p] of at.entries()) {
      const r = bubbles[i]!.r;
      assert.ok(p.x >= r && p.x <= bounds.width - r && p.y >= r && p.y <= bounds.height - r, `#${i} inside`);
      // Nudged, not thrown across the chart.
      assert.ok(Math.hypot(p.x - bubbles[i]!.x, p.y - bubbles[i]!.y) < 60, `#${i} stays near its values`);
    }
  });

  it('spreads a crowded cluster of the sample’s size without any overlap left', () => {
    const bubbles = Array.from({ length: 25 }, (_, i) => ({
      x: 300 + (i % 5) * 3,
      y: 200 + (i % 3) * 3,
      r: 8 + (i % 4) * 3,
    }));
    assert.deepEqual(overlaps(bubbles, spreadBubbles(bubbles, bounds)), []);
  });
});
