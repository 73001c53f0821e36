import { AxisBottom, AxisLeft } from '@visx/axis';
import { GridColumns, GridRows } from '@visx/grid';
import { Group } from '@visx/group';
import { useParentSize } from '@visx/responsive';
import { scaleLinear, scaleSqrt } from '@visx/scale';
import { useId, useMemo, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { spreadBubbles } from '../bubbles.ts';
import { useSession } from '../session.tsx';
import type { Idea, StageId } from '../types.ts';
import { ErrorBox, fmtPct, fmtScore, Loading, Page, ScrollRegion, StageBadge } from '../ui.tsx';
import { useAllIdeas } from './Portfolio.tsx';

type ValueKey = 'composite' | 'adjusted';
type AcrossKey = 'confidence' | 'effort';
type SizeKey = 'assessors' | 'reach' | 'coverage';

const VALUE_LABEL: Record<ValueKey, string> = { composite: 'Composite score', adjusted: 'Confidence-adjusted score' };
const ACROSS_LABEL: Record<AcrossKey, string> = {
  confidence: 'Confidence: share of the score backed by evidence',
  effort: 'Effort (RICE, person-months)',
};
const SIZE_LABEL: Record<SizeKey, string> = {
  assessors: 'Number of assessors',
  reach: 'Reach (RICE)',
  coverage: 'Dimensions scored',
};
const ALL_STAGES: StageId[] = ['discovery', 'validation', 'realization', 'launched', 'parked', 'killed'];
const DEFAULT_STAGES: StageId[] = ['discovery', 'validation', 'realization', 'launched'];

/**
 * How much of an idea's score survives the evidence discount: 100 % when every point above the floor is
 * backed by paying behaviour and held with high confidence, 50 % when nothing backs it.
 */
export const confidenceOf = (i: Idea) => {
  const { composite, adjusted } = i.score;
  if (composite === null || adjusted === null) return null;
  if (composite <= 1) return 1;
  return Math.max(0, Math.min(1, (adjusted - 1) / (composite - 1)));
};

interface Point {
  idea: Idea;
  x: number;
  y: number;
  size: number;
}

function pointsOf(ideas: Idea[], value: ValueKey, across: AcrossKey, size: SizeKey) {
  const plotted: Point[] = [];
  const missing: { idea: Idea; why: string }[] = [];
  for (const idea of ideas) {
    const y = idea.score[value];
    if (y === null) {
      missing.push({ idea, why: 'not scored yet' });
      continue;
    }
    const x = across === 'confidence' ? confidenceOf(idea) : (idea.rice?.effort ?? null);
    if (x === null) {
      missing.push({ idea, why: 'no effort estimate (RICE) yet' });
      continue;
    }
    const s =
      size === 'assessors' ? idea.score.assessors : size === 'coverage' ? idea.score.coverage : (idea.rice?.reach ?? 0);
    plotted.push({ idea, x, y, size: s });
  }
  return { plotted, missing };
}

export default function Matrix() {
  const { ws, stageName } = useSession();
  const ideas = useAllIdeas(ws);
  const [params, setParams] = useSearchParams();
  const value = (params.get('value') === 'adjusted' ? 'adjusted' : 'composite') as ValueKey;
  const across = (params.get('across') === 'effort' ? 'effort' : 'confidence') as AcrossKey;
  const size = (['reach', 'coverage'].includes(params.get('size') ?? '') ? params.get('size') : 'assessors') as SizeKey;
  const stages = (params
    .get('stages')
    ?.split(',')
    .filter((s) => ALL_STAGES.includes(s as StageId)) ?? DEFAULT_STAGES) as StageId[];
  const set = (k: string, v: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        n.set(k, v);
        return n;
      },
      { replace: true },
    );
  const ids = { value: useId(), across: useId(), size: useId() };

  const shown = useMemo(() => (ideas.data ?? []).filter((i) => stages.includes(i.stage)), [ideas.data, stages]);
  const { plotted, missing } = useMemo(() => pointsOf(shown, value, across, size), [shown, value, across, size]);

  return (
    <Page
      title="Portfolio matrix"
      lead="Where the value is, and how sure we are of it. Bubbles are ideas: click one to open it."
      wide
    >
      <form className="filters" aria-label="Chart settings" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.value}>Value (up)</label>
          <select id={ids.value} value={value} onChange={(e) => set('value', e.target.value)}>
            <option value="composite">{VALUE_LABEL.composite}</option>
            <option value="adjusted">{VALUE_LABEL.adjusted}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.across}>Against (across)</label>
          <select id={ids.across} value={across} onChange={(e) => set('across', e.target.value)}>
            <option value="confidence">Confidence</option>
            <option value="effort">Effort</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.size}>Bubble size</label>
          <select id={ids.size} value={size} onChange={(e) => set('size', e.target.value)}>
            {(Object.keys(SIZE_LABEL) as SizeKey[]).map((k) => (
              <option key={k} value={k}>
                {SIZE_LABEL[k]}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="stage-toggles">
          <legend>Stages shown</legend>
          {ALL_STAGES.map((s) => (
            <label key={s} className="choice choice-inline">
              <input
                type="checkbox"
                checked={stages.includes(s)}
                onChange={(e) =>
                  set(
                    'stages',
                    (e.target.checked ? [...stages, s] : stages.filter((x) => x !== s))
                      .sort((a, b) => ALL_STAGES.indexOf(a) - ALL_STAGES.indexOf(b))
                      .join(','),
                  )
                }
              />
              <span className={`swatch mark-${s}`} aria-hidden="true" /> {stageName(s)}
            </label>
          ))}
        </fieldset>
      </form>

      {ideas.isPending ? (
        <Loading what="the portfolio" />
      ) : ideas.error ? (
        <ErrorBox error={ideas.error} retry={() => ideas.refetch()} />
      ) : (
        <>
          <Chart points={plotted} value={value} across={across} size={size} />
          <p className="muted small" role="status">
            {plotted.length} idea{plotted.length === 1 ? '' : 's'} on the chart
            {missing.length ? `, ${missing.length} not plotted (listed below)` : ''}.
          </p>
          {missing.length ? (
            <section aria-labelledby="not-plotted">
              <h2 id="not-plotted" className="h3">
                Not on the chart
              </h2>
              <ul className="plain-list">
                {missing.map(({ idea, why }) => (
                  <li key={idea.id}>
                    <Link href={`/ideas/${idea.number}`}>
                      #{idea.number} {idea.title}
                    </Link>{' '}
                    <span className="muted small">({why})</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <details className="data-table">
            <summary>The same data as a table</summary>
            <ScrollRegion label="Matrix data">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Idea</th>
                    <th scope="col">Stage</th>
                    <th scope="col">{VALUE_LABEL[value]}</th>
                    <th scope="col">{across === 'confidence' ? 'Confidence' : 'Effort'}</th>
                    <th scope="col">{SIZE_LABEL[size]}</th>
                  </tr>
                </thead>
                <tbody>
                  {plotted.map((p) => (
                    <tr key={p.idea.id}>
                      <td>
                        <Link href={`/ideas/${p.idea.number}`}>
                          #{p.idea.number} {p.idea.title}
                        </Link>
                      </td>
                      <td>
                        <StageBadge stage={p.idea.stage} name={stageName(p.idea.stage)} />
                      </td>
                      <td className="num">{fmtScore(p.y)}</td>
                      <td className="num">{across === 'confidence' ? fmtPct(p.x) : p.x}</td>
                      <td className="num">{size === 'coverage' ? fmtPct(p.size) : p.size}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </>
      )}
    </Page>
  );
}

/** A bubble's number sits on a pill this tall, wide enough for its digits. */
const LABEL_H = 16;
const labelRadius = (p: Point) => 5 + 3.5 * String(p.idea.number).length;

const QUADRANTS: Record<AcrossKey, [string, string, string, string]> = {
  // top-left, top-right, bottom-left, bottom-right
  confidence: ['Prove these first', 'Back these', 'Question these', 'Known, and small'],
  effort: ['Quick wins', 'Big bets', 'Fill-ins', 'Money pits'],
};

function Chart({
  points,
  value,
  across,
  size,
}: {
  points: Point[];
  value: ValueKey;
  across: AcrossKey;
  size: SizeKey;
}) {
  const { ws, stageName } = useSession();
  const [, navigate] = useLocation();
  const { parentRef, width } = useParentSize({ debounceTime: 50, initialSize: { width: 800 } });
  const [hover, setHover] = useState<Point | null>(null);
  const narrow = width < 560;
  const height = narrow ? 380 : 480;
  const margin = { top: 20, right: 24, bottom: 56, left: narrow ? 48 : 60 };
  const innerW = Math.max(100, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;

  // Room for the biggest bubble inside the axes, so no bubble covers an axis or its numbers.
  const pad = narrow ? 18 : 28;
  const maxEffort = Math.max(1, ...points.map((p) => p.x));
  const x = useMemo(
    () =>
      across === 'confidence'
        ? scaleLinear<number>({ domain: [0.4, 1], range: [pad, innerW - pad], clamp: true })
        : scaleLinear<number>({ domain: [0, maxEffort * 1.1], range: [pad, innerW - pad], nice: true }),
    [across, innerW, maxEffort, pad],
  );
  // The value axis spans the data (in half points), so differences between ideas can be seen.
  const ys = points.map((p) => p.y);
  const yLo = ys.length ? Math.max(1, Math.floor((Math.min(...ys) - 0.2) * 2) / 2) : 1;
  const yHi = ys.length ? Math.min(5, Math.ceil((Math.max(...ys) + 0.2) * 2) / 2) : 5;
  const y = useMemo(
    () => scaleLinear<number>({ domain: [yLo, yHi], range: [innerH - pad, pad] }),
    [innerH, yLo, yHi, pad],
  );
  const midY = yLo < 3 && yHi > 3 ? 3 : (yLo + yHi) / 2;
  const maxSize = Math.max(1e-9, ...points.map((p) => p.size));
  const r = useMemo(
    () => scaleSqrt<number>({ domain: [0, maxSize], range: [narrow ? 4 : 6, narrow ? 18 : 28] }),
    [maxSize, narrow],
  );
  const midX = across === 'confidence' ? 0.7 : (x.domain()[1] ?? 1) / 2;
  const [tl, tr, bl, br] = QUADRANTS[across];
  // Big bubbles first, so small ones stay on top and clickable.
  const ordered = useMemo(() => [...points].sort((a, b) => b.size - a.size), [points]);
  // Bubbles sit exactly at their values; their numbers are placed so that none covers another.
  const labels = useMemo(
    () =>
      spreadBubbles(
        ordered.map((p) => ({ x: x(p.x), y: y(p.y), r: labelRadius(p) })),
        { width: innerW, height: innerH },
        { gap: 1 },
      ),
    [ordered, x, y, innerW, innerH],
  );
  const label = (p: Point) =>
    `#${p.idea.number} ${p.idea.title}: ${stageName(p.idea.stage)}, ${VALUE_LABEL[value].toLowerCase()} ${fmtScore(p.y)}, ` +
    (across === 'confidence' ? `confidence ${fmtPct(p.x)}` : `effort ${p.x} person-months`) +
    `, ${SIZE_LABEL[size].toLowerCase()} ${size === 'coverage' ? fmtPct(p.size) : p.size}`;

  return (
    <figure className="matrix" aria-labelledby="matrix-caption">
      <div ref={parentRef} className="matrix-canvas">
        <svg width={width} height={height} aria-labelledby="matrix-caption">
          <title>Portfolio matrix</title>
          <Group left={margin.left} top={margin.top}>
            {/* Colours come from the stylesheet's chart roles (light and dark), by class. */}
            <rect width={innerW} height={innerH} className="plot-area" />
            <GridRows scale={y} width={innerW} className="plot-grid" numTicks={6} />
            <GridColumns scale={x} height={innerH} className="plot-grid" numTicks={narrow ? 3 : 6} />
            <line x1={x(midX)} x2={x(midX)} y1={0} y2={innerH} className="plot-mid" strokeDasharray="4 4" />
            <line x1={0} x2={innerW} y1={y(midY)} y2={y(midY)} className="plot-mid" strokeDasharray="4 4" />
            <g className="quadrant-labels" fontSize={narrow ? 11 : 13}>
              <text x={8} y={16}>
                {tl}
              </text>
              <text x={innerW - 8} y={16} textAnchor="end">
                {tr}
              </text>
              <text x={8} y={innerH - 8}>
                {bl}
              </text>
              <text x={innerW - 8} y={innerH - 8} textAnchor="end">
                {br}
              </text>
            </g>
            <AxisLeft
              scale={y}
              numTicks={6}
              label={VALUE_LABEL[value]}
              labelOffset={narrow ? 24 : 32}
              axisClassName="plot-axis"
              labelClassName="axis-label"
              tickClassName="axis-tick"
            />
            <AxisBottom
              top={innerH}
              scale={x}
              numTicks={narrow ? 3 : 6}
              tickFormat={(v) => (across === 'confidence' ? fmtPct(Number(v)) : String(v))}
              label={ACROSS_LABEL[across]}
              axisClassName="plot-axis"
              labelClassName="axis-label"
              tickClassName="axis-tick"
            />
            {ordered.map((p) => {
              const cx = x(p.x);
              const cy = y(p.y);
              const radius = r(p.size);
              const href = `/w/${ws}/ideas/${p.idea.number}`;
              return (
                <a
                  key={p.idea.id}
                  href={href}
                  className={`bubble mark-${p.idea.stage}`}
                  aria-label={label(p)}
                  data-idea={p.idea.number}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    navigate(`/ideas/${p.idea.number}`);
                  }}
                  onMouseEnter={() => setHover(p)}
                  onMouseLeave={() => setHover(null)}
                  onFocus={() => setHover(p)}
                  onBlur={() => setHover(null)}
                >
                  <circle cx={cx} cy={cy} r={radius} fillOpacity={0.72} strokeWidth={1.5} />
                </a>
              );
            })}
            {/* Every bubble's number, above all bubbles; one moved off its bubble keeps a line back to it. The
                bubbles' links name the ideas, so this layer is for the eye only. */}
            {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a group of shapes and text, nothing in it takes focus */}
            <g className="bubble-labels" aria-hidden="true">
              {ordered.map((p, i) => {
                const at = labels[i];
                if (!at) return null;
                const [vx, vy] = [x(p.x), y(p.y)];
                const w = labelRadius(p) * 2;
                return (
                  <g key={p.idea.id} className={`mark-${p.idea.stage}`}>
                    {Math.hypot(at.x - vx, at.y - vy) > r(p.size) ? <line x1={vx} y1={vy} x2={at.x} y2={at.y} /> : null}
                    <rect x={at.x - w / 2} y={at.y - LABEL_H / 2} width={w} height={LABEL_H} rx={LABEL_H / 2} />
                    <text x={at.x} y={at.y} dy="0.35em" textAnchor="middle" className="bubble-label">
                      {p.idea.number}
                    </text>
                  </g>
                );
              })}
            </g>
          </Group>
        </svg>
        {hover ? (
          <div
            className="matrix-tip"
            style={{
              left: Math.min(width - 240, Math.max(0, margin.left + x(hover.x) + 12)),
              top: Math.max(0, margin.top + y(hover.y) - 12),
            }}
          >
            <strong>
              #{hover.idea.number} {hover.idea.title}
            </strong>
            <br />
            {stageName(hover.idea.stage)} · {VALUE_LABEL[value]} {fmtScore(hover.y)}
            <br />
            {across === 'confidence' ? `Confidence ${fmtPct(hover.x)}` : `Effort ${hover.x} person-months`} ·{' '}
            {SIZE_LABEL[size]} {size === 'coverage' ? fmtPct(hover.size) : hover.size}
          </div>
        ) : null}
      </div>
      <figcaption id="matrix-caption">
        {VALUE_LABEL[value]} (up) against {ACROSS_LABEL[across].toLowerCase()} (across); bubble size:{' '}
        {SIZE_LABEL[size].toLowerCase()}; colour: stage.{' '}
        <span className="legend">
          {(['discovery', 'validation', 'realization', 'launched', 'parked', 'killed'] as StageId[]).map((s) => (
            <span key={s} className="legend-item">
              <span className={`swatch mark-${s}`} aria-hidden="true" />
              {stageName(s)}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
