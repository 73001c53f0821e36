import type { DocumentKind } from '../../methodology/index.ts';
import { FRAME_FIELDS, METHODOLOGY_VERSION } from '../../methodology/index.ts';
import type { FrameFields } from '../../schema/index.ts';
import { citationOf, dimensionNotes, evidenceFor, type Facts, strengthLabel } from './facts.ts';
import type { Block, ChartData, DocumentModel, EvidenceItem, ListItem, Section } from './model.ts';
import { type ResolvedSection, resolveTemplate } from './template.ts';
import {
  formatInstant,
  formatMoney,
  formatNumber,
  formatPercent,
  has,
  listing,
  oneLine,
  toMajor,
  truncate,
} from './text.ts';

/** Content pieces shared by the builders, so that a fact is worded the same way in every kind. */

export type Missing = (what: string, questions?: readonly string[]) => Block;
export type SectionWriter = (m: Missing, section: ResolvedSection) => Block[];

/**
 * Assemble a model from a kind's (resolved) template and one writer per section. A section without a
 * writer, or whose writer returns nothing, shows its template questions as a missing callout.
 */
export function assemble(
  kind: DocumentKind,
  f: Facts,
  writers: Record<string, SectionWriter>,
  head: { title: string; subtitle?: string },
): DocumentModel {
  const t = resolveTemplate(kind, f.input.templates);
  const sections: Section[] = t.sections.map((s) => {
    const missing: Missing = (what, questions) => ({
      type: 'missing',
      what,
      questions: [...(questions ?? s.questions)],
    });
    let blocks = writers[s.id]?.(missing, s) ?? [];
    if (!blocks.length) blocks = [missing(s.title.toLowerCase())];
    return {
      id: s.id,
      title: s.title,
      ...(s.group ? { group: s.group } : {}),
      blocks,
      empty: blocks.every((b) => b.type === 'missing'),
    };
  });
  return {
    kind,
    layout: t.layout,
    title: head.title,
    ...(head.subtitle ? { subtitle: head.subtitle } : {}),
    metadata: [
      { label: 'Idea', value: f.ref ? `${f.title} (${f.ref})` : f.title },
      { label: 'Stage', value: f.stageName },
      { label: 'Document', value: t.name },
      { label: 'Method', value: `Vetted methodology ${METHODOLOGY_VERSION}` },
      { label: 'Generated', value: formatInstant(f.input.generatedAt) },
    ],
    generatedAt: f.input.generatedAt.toISOString(),
    sections,
  };
}

const frameLabel = (id: keyof FrameFields) => FRAME_FIELDS.find((x) => x.id === id)?.label ?? id;
const framePrompt = (id: keyof FrameFields) => FRAME_FIELDS.find((x) => x.id === id)?.prompt ?? '';

/** Frame fields that are written, as labelled items; `max` shortens each for slides and the one-pager. */
export function frameItems(f: Facts, ids: (keyof FrameFields)[], max?: number): ListItem[] {
  const out: ListItem[] = [];
  for (const id of ids) {
    const v = f.frame[id];
    if (typeof v === 'string' && has(v)) out.push({ label: frameLabel(id), text: max ? truncate(v, max) : v });
  }
  return out;
}

/** The frame fields that are not written, as one missing callout with their prompts. */
export function frameMissing(f: Facts, ids: (keyof FrameFields)[], m: Missing): Block | null {
  const absent = ids.filter((id) => !has(f.frame[id] as string | undefined));
  if (!absent.length) return null;
  return m(`framing: ${listing(absent.map((id) => frameLabel(id).toLowerCase()))}`, absent.map(framePrompt));
}

export function gapMetricText(f: Facts): string | null {
  const g = f.frame.gapMetric;
  if (!g) return null;
  const unit = has(g.unit) ? ` ${g.unit}` : '';
  return `${g.metric}: from ${formatNumber(g.current)}${unit} today to ${formatNumber(g.target)}${unit}.`;
}

/**
 * The idea's own success metrics and kill criteria, as the team stated them (opportunity format v2): what
 * success is in a number, and when it stops. `max` shortens each for slides.
 */
export function criteriaItems(f: Facts, max?: number): ListItem[] {
  const idea = f.input.opportunity.idea;
  const cut = (t: string) => (max ? truncate(t, max) : t);
  const items: ListItem[] = [];
  for (const s of idea.successMetrics ?? []) {
    const unit = has(s.unit) ? ` ${oneLine(s.unit)}` : '';
    const from = s.baseline !== undefined ? ` from ${formatNumber(s.baseline)}${unit}` : '';
    const by = s.byWhen ? ` by ${s.byWhen}` : '';
    items.push({
      label: 'Success metric',
      text: cut(
        `${oneLine(s.metric)}: ${s.higherIsBetter === false ? 'down' : 'up'} to ${formatNumber(s.target)}${unit}${from}${by}.`,
      ),
    });
  }
  for (const k of idea.killCriteria ?? []) {
    const line =
      k.metric !== undefined && k.threshold !== undefined
        ? ` (${oneLine(k.metric)} ${k.higherIsBetter === false ? '≥' : '≤'} ${formatNumber(k.threshold)})`
        : '';
    items.push({
      label: 'Kill criterion',
      text: cut(`${oneLine(k.statement)}${line}${k.byWhen ? ` by ${k.byWhen}` : ''}`),
    });
  }
  return items;
}

export const evidenceBlock = (items: EvidenceItem[], max?: number, summaryMax?: number): Block => ({
  type: 'evidence',
  items: items
    .slice(0, max ?? items.length)
    .map((e) => (summaryMax ? { ...e, summary: truncate(e.summary, summaryMax) } : e)),
});

/** A one-line account of evidence strength: "3 records: 1 paying behaviour, 2 interviews". */
export function evidenceProfile(items: EvidenceItem[]): string {
  const counts = new Map<string, number>();
  for (const e of items) counts.set(e.strength, (counts.get(e.strength) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${strengthLabel(s).toLowerCase()}`);
  return `${items.length} evidence record(s): ${parts.join(', ')}.`;
}

export function scoreMetrics(f: Facts): Block | null {
  const s = f.score;
  if (s.composite === null) return null;
  const items = [
    { label: 'Composite', value: `${formatNumber(s.composite)} of 5` },
    { label: 'Confidence-adjusted', value: `${formatNumber(s.adjusted ?? 1)} of 5` },
    { label: 'Dimensions scored', value: formatPercent(s.coverage) },
    { label: 'Assessors', value: String(s.assessors) },
  ];
  if (s.rice !== null) items.push({ label: 'RICE', value: formatNumber(s.rice) });
  if (s.ice !== null) items.push({ label: 'ICE', value: formatNumber(s.ice) });
  return { type: 'metrics', items };
}

export function scoreTable(f: Facts): Block | null {
  if (f.score.composite === null) return null;
  return {
    type: 'table',
    caption: 'Scores by dimension (1 to 5); spread is the highest minus the lowest assessor score.',
    columns: ['Dimension', 'Weight', 'Mean', 'Range', 'Spread', 'Strongest evidence', 'Adjusted'],
    numeric: [false, true, true, false, true, false, true],
    rows: f.score.dimensions.map((d) => [
      d.name,
      formatNumber(d.weight),
      d.mean === null ? 'not scored' : formatNumber(d.mean),
      d.min === null ? '' : `${d.min}-${d.max}`,
      d.spread === null ? '' : String(d.spread),
      d.evidenceStrength ? strengthLabel(d.evidenceStrength) : 'none',
      formatNumber(d.adjusted),
    ]),
  };
}

export function scoreChart(f: Facts): Block | null {
  const scored = f.score.dimensions.filter((d) => d.mean !== null);
  if (!scored.length) return null;
  const chart: ChartData = {
    type: 'bar',
    title: 'Mean score by dimension',
    unit: 'score 1-5',
    categories: f.score.dimensions.map((d) => d.name),
    series: [
      { name: 'Mean', values: f.score.dimensions.map((d) => d.mean) },
      { name: 'Confidence-adjusted', values: f.score.dimensions.map((d) => (d.mean === null ? null : d.adjusted)) },
    ],
    min: 0,
    max: 5,
  };
  return { type: 'chart', chart };
}

export const scoreExplanation = (f: Facts, max?: number): Block => ({
  type: 'list',
  items: f.score.explanation.slice(0, max ?? f.score.explanation.length).map((text) => ({ text })),
});

export function marketSize(f: Facts): Block[] {
  const e = f.economics;
  if (!e) return [];
  const sizes = (['tam', 'sam', 'som'] as const).filter((k) => e[k] !== undefined);
  if (!sizes.length) return [];
  const label = { tam: 'TAM', sam: 'SAM', som: 'SOM' } as const;
  const blocks: Block[] = [
    { type: 'metrics', items: sizes.map((k) => ({ label: label[k], value: formatMoney(e[k]!, e.currency) })) },
  ];
  if (sizes.length >= 2) {
    blocks.push({
      type: 'chart',
      chart: {
        type: 'bar',
        title: 'Market size',
        unit: e.currency ?? 'currency not given',
        categories: sizes.map((k) => label[k]),
        series: [{ name: 'Market size', values: sizes.map((k) => toMajor(e[k]!, e.currency)) }],
      },
    });
  }
  if (e.sizingMethod?.length) {
    blocks.push({ type: 'paragraph', label: 'Sized', text: `${listing(e.sizingMethod)}.` });
  }
  return blocks;
}

/** Unit economics as a table of what is known, with the domain's derived figures marked as derived. */
export function unitEconomics(f: Facts): Block | null {
  const e = f.economics ?? {};
  const u = f.unit;
  const cur = e.currency;
  const rows: string[][] = [];
  if (e.arpuMonthly !== undefined)
    rows.push(['Revenue per customer per month (ARPU)', formatMoney(e.arpuMonthly, cur)]);
  if (e.grossMargin !== undefined) rows.push(['Gross margin', formatPercent(e.grossMargin)]);
  if (e.monthlyChurn !== undefined) rows.push(['Customers lost per month (churn)', formatPercent(e.monthlyChurn)]);
  if (e.cac !== undefined) rows.push(['Cost to win a customer (CAC)', formatMoney(e.cac, cur)]);
  if (u.contributionMarginMonthly !== null)
    rows.push([
      'Contribution margin per month (derived: ARPU × margin)',
      formatMoney(u.contributionMarginMonthly, cur),
    ]);
  if (u.ltv !== null) rows.push(['Lifetime value (derived: contribution ÷ churn)', formatMoney(u.ltv, cur)]);
  if (u.ltvToCac !== null) rows.push(['Lifetime value ÷ CAC (derived)', formatNumber(u.ltvToCac)]);
  if (u.paybackMonths !== null) rows.push(['Months to pay back CAC (derived)', formatNumber(u.paybackMonths)]);
  if (u.neverPaysBack)
    rows.push(['Months to pay back CAC (derived)', 'never: the contribution margin is not positive']);
  if (!rows.length) return null;
  return { type: 'table', columns: ['Unit economics', 'Value'], numeric: [false, true], rows };
}

/** Thresholds the unit economics break, in words (from the domain's rules of thumb). */
export const economicsProblems = (f: Facts): string[] => f.unit.problems.map((p) => p.replaceAll('-', ' '));

/** The unit-economics fields that are absent, for a callout. */
export function economicsGaps(f: Facts): string[] {
  const e = f.economics ?? {};
  return [
    e.arpuMonthly === undefined && 'revenue per customer (ARPU)',
    e.grossMargin === undefined && 'gross margin',
    e.monthlyChurn === undefined && 'churn',
    e.cac === undefined && 'cost to win a customer (CAC)',
  ].filter((x): x is string => typeof x === 'string');
}

const DO_NOTHING = /\b(do nothing|status quo|nothing|no change)\b/i;

/** The alternatives, with "do nothing" always among them: from the records, or from how people cope today. */
export function alternatives(
  f: Facts,
): { name: string; kind: string; price: string; strengths: string; weaknesses: string }[] {
  const rows = f.competitors.map((c) => ({
    name: c.name,
    kind: c.kind,
    price: c.price ?? '',
    strengths: (c.strengths ?? []).join('; '),
    weaknesses: (c.weaknesses ?? []).join('; '),
  }));
  if (!f.competitors.some((c) => DO_NOTHING.test(c.name))) {
    rows.push({
      name: 'Do nothing (status quo)',
      kind: 'substitute',
      price: '',
      strengths: has(f.frame.coping) ? `What people do today: ${f.frame.coping}` : '',
      weaknesses: has(f.frame.gap) ? `Leaves the gap: ${f.frame.gap}` : '',
    });
  }
  return rows;
}

/** Capability names, the most often rated first (then by name): the axes of the matrix and the chart. */
export function capabilities(f: Facts): string[] {
  const counts = new Map<string, number>();
  for (const c of f.competitors)
    for (const k of Object.keys(c.capabilities ?? {})) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

export function capabilityMatrix(f: Facts): Block | null {
  const caps = capabilities(f);
  const rated = f.competitors.filter((c) => Object.keys(c.capabilities ?? {}).length);
  if (!caps.length) return null;
  return {
    type: 'table',
    caption: 'Capability ratings from the competitor records, 0 (none) to 5 (best); a dash means not rated.',
    columns: ['Capability', ...rated.map((c) => c.name)],
    numeric: [false, ...rated.map(() => true)],
    rows: caps.map((cap) => [
      cap,
      ...rated.map((c) => (c.capabilities?.[cap] !== undefined ? String(c.capabilities[cap]) : '–')),
    ]),
  };
}

/**
 * The positioning chart: the two capabilities rated for the most competitors (ties by name) as axes, each
 * competitor rated on both as a point. Null when fewer than two capabilities or no competitor has both.
 */
export function positioning(f: Facts): ChartData | null {
  const [x, y] = capabilities(f);
  if (!x || !y) return null;
  const points = f.competitors
    .filter((c) => c.capabilities?.[x] !== undefined && c.capabilities?.[y] !== undefined)
    .map((c) => ({ label: c.name, x: c.capabilities![x]!, y: c.capabilities![y]! }));
  if (!points.length) return null;
  return { type: 'scatter', title: `Positioning: ${x} and ${y}`, xLabel: x, yLabel: y, min: 0, max: 5, points };
}

export function experimentsTable(f: Facts, brief = false): Block | null {
  if (!f.experiments.length) return null;
  const rows = f.experiments.map((e) => {
    const result =
      e.observed !== undefined ? `${formatNumber(e.observed)}${e.sample !== undefined ? ` (n=${e.sample})` : ''}` : '';
    return brief
      ? [truncate(e.hypothesis, 90), e.metric, e.success ?? '', e.kill ?? '', result, e.verdict]
      : [e.hypothesis, e.method, e.metric, e.success ?? '', e.kill ?? '', e.deadline ?? '', result, e.verdict];
  });
  return {
    type: 'table',
    caption: brief
      ? undefined
      : 'Success and kill criteria as written before the experiment ran; the verdict compares the observed value with them.',
    columns: brief
      ? ['Hypothesis', 'Metric', 'Success', 'Kill', 'Observed', 'Verdict']
      : ['Hypothesis', 'Method', 'Metric', 'Success', 'Kill', 'Deadline', 'Observed', 'Verdict'],
    rows,
  } as Block;
}

export const assumptionItem = (a: Facts['assumptions'][number], max?: number): ListItem => ({
  label: `${a.area}, importance ${a.importance}, ${a.status}${a.experiments.length ? '' : ', no experiment'}`,
  text: max ? truncate(a.statement, max) : a.statement,
  cite: a.cite,
});

/** Evidence as cited statements in a list (for slides and short sections). */
export const evidenceItems = (items: EvidenceItem[], max: number, summaryMax: number): ListItem[] =>
  items.slice(0, max).map((e) => ({
    label: strengthLabel(e.strength),
    text: truncate(e.summary, summaryMax),
    cite: [citationOf(e)],
  }));

export const paragraph = (text: string, label?: string): Block => ({
  type: 'paragraph',
  text,
  ...(label ? { label } : {}),
});

/** Assessors' notes on a dimension (citing their evidence) and the evidence linked to it; [] when none. */
export function dimensionNotesBlocks(f: Facts, dimension: string, heading?: string): Block[] {
  const items = dimensionNotes(f, dimension);
  const ev = evidenceFor(f, dimension);
  const blocks: Block[] = [];
  if (items.length) blocks.push({ type: 'list', items });
  if (ev.length) blocks.push(evidenceBlock(ev, 5));
  if (blocks.length && heading) blocks.unshift({ type: 'heading', text: heading });
  return blocks;
}
