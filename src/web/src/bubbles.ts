/**
 * Circles placed where their values put them, then nudged apart until none overlaps another: the matrix's
 * idea numbers, so that no number hides another (ideas with similar scores sit on the same spot). Each pair that
 * overlaps is pushed apart along the line between their centres, half each; coincident centres part in a
 * direction fixed by their order, so the layout is the same on every render. Bubbles stay inside the plot.
 * Quadratic in the number of bubbles: past MAX_SPREAD they are left where they are (the chart is a cloud by
 * then, and the table beside it lists every value).
 */
export interface Bubble {
  x: number;
  y: number;
  r: number;
}

const MAX_SPREAD = 400;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function spreadBubbles(
  bubbles: readonly Bubble[],
  bounds: { width: number; height: number },
  options: { gap?: number; iterations?: number } = {},
): { x: number; y: number }[] {
  const gap = options.gap ?? 2;
  const pos = bubbles.map((b) => ({ x: b.x, y: b.y }));
  if (bubbles.length > MAX_SPREAD) return pos;
  const clamp = (i: number) => {
    const r = bubbles[i]!.r;
    const p = pos[i]!;
    p.x = Math.min(Math.max(p.x, r), Math.max(r, bounds.width - r));
    p.y = Math.min(Math.max(p.y, r), Math.max(r, bounds.height - r));
  };
  for (let it = 0; it < (options.iterations ?? 120); it++) {
    let moved = false;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        const a = pos[i]!;
        const b = pos[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        const min = bubbles[i]!.r + bubbles[j]!.r + gap;
        if (d >= min - 1e-6) continue;
        if (d < 1e-6) {
          const angle = (i * 7 + j) * GOLDEN_ANGLE;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (min - Math.hypot(b.x - a.x, b.y - a.y)) / 2;
        a.x -= (dx / d) * push;
        a.y -= (dy / d) * push;
        b.x += (dx / d) * push;
        b.y += (dy / d) * push;
        clamp(i);
        clamp(j);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return pos;
}
