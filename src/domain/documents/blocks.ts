import {
  ANSWERED_IN,
  type AnsweredIn,
  type DocumentKind,
  FRAME_FIELDS,
  METHODOLOGY_VERSION,
  SECTION_ANSWERED_IN,
  STAGES,
} from '../../methodology/index.ts';
import type { CompetitorFields, FrameFields } from '../../schema/index.ts';
import { citationOf, dimensionNotes, evidenceFor, type Facts, strengthLabel } from './facts.ts';
import type {
  Block,
  ChallengerFinding,
  ChartData,
  DocumentModel,
  EvidenceItem,
  ListItem,
  ScatterChart,
  Section,
} from './model.ts';
import { type ResolvedSection, resolveTemplate } from './template.ts';
import {
  capitalise,
  formatInstant,
  formatMoney,
  formatNumber,
  formatPercent,
  has,
  listing,
  oneLine,
  plural,
  shorten,
  toMajor,
} from './text.ts';

/** Content pieces shared by the builders, so that a fact is worded the same way in every kind. */

export type Missing = (what: string, questions?: readonly string[], where?: AnsweredIn) => Block;
export type SectionWriter = (m: Missing, section: ResolvedSection) => Block[];

/**
 * Assemble a model from a kind's (resolved) template and one writer per section. A section without a
 * writer, or whose writer returns nothing, shows its template questions as a missing callout; every callout
 * names the place in Vetted where the missing data is entered. Evidence cited but not shown in full is
 * listed at the end, under "Sources", so that every [E1] resolves within the document.
 */
export function assemble(
  kind: DocumentKind,
  f: Facts,
  writers: Record<string, SectionWriter>,
  head: { title: string; subtitle?: string; toc?: boolean },
): DocumentModel {
  const t = resolveTemplate(kind, f.input.templates, f.stage);
  const sections: Section[] = t.sections.map((s) => {
    const missing: Missing = (what, questions, where) => ({
      type: 'missing',
      what,
      questions: [...(questions ?? s.questions)],
      where: ANSWERED_IN[where ?? SECTION_ANSWERED_IN[s.id] ?? 'notYet'],
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
  const sources = sourcesSection(f, sections);
  if (sources) sections.push(sources);
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
    ...(head.toc ? { toc: true } : {}),
    sections,
  };
}

/** The evidence cited ([E1]) somewhere in the sections but not shown in full in any of them. */
function sourcesSection(f: Facts, sections: Section[]): Section | null {
  const cited = new Set<string>();
  const shown = new Set<string>();
  for (const s of sections) {
    for (const b of s.blocks) {
      if (b.type === 'evidence') for (const e of b.items) shown.add(e.ref);
      if (b.type === 'paragraph') for (const c of b.cite ?? []) cited.add(c.ref);
      if (b.type === 'list') for (const i of b.items) for (const c of i.cite ?? []) cited.add(c.ref);
    }
  }
  const items = f.evidence.filter((e) => cited.has(e.ref) && !shown.has(e.ref));
  if (!items.length) return null;
  return {
    id: 'sources',
    title: 'Sources',
    blocks: [{ type: 'evidence', items }],
    empty: false,
  };
}

const frameLabel = (id: keyof FrameFields) => FRAME_FIELDS.find((x) => x.id === id)?.label ?? id;
const framePrompt = (id: keyof FrameFields) => FRAME_FIELDS.find((x) => x.id === id)?.prompt ?? '';

/** Frame fields that are written, as labelled items; `max` shortens each for slides and the one-pager. */
export function frameItems(f: Facts, ids: (keyof FrameFields)[], max?: number): ListItem[] {
  const out: ListItem[] = [];
  for (const id of ids) {
    const v = f.frame[id];
    if (typeof v === 'string' && has(v)) out.push({ label: frameLabel(id), text: max ? shorten(v, max) : v });
  }
  return out;
}

/** The frame fields that are not written, as one missing callout with their prompts. */
export function frameMissing(f: Facts, ids: (keyof FrameFields)[], m: Missing): Block | null {
  const absent = ids.filter((id) => !has(f.frame[id] as string | undefined));
  if (!absent.length) return null;
  return m(`framing: ${listing(absent.map((id) => frameLabel(id).toLowerCase()))}`, absent.map(framePrompt), 'frame');
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
  const cut = (t: string) => (max ? shorten(t, max) : t);
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
    .map((e) => (summaryMax ? { ...e, summary: shorten(e.summary, summaryMax) } : e)),
});

/** A one-line account of evidence strength: "3 records: 1 paying behaviour, 2 interviews". */
export function evidenceProfile(items: EvidenceItem[]): string {
  const counts = new Map<string, number>();
  for (const e of items) counts.set(e.strength, (counts.get(e.strength) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => `${n} ${strengthLabel(s).toLowerCase()}`);
  return `${capitalise(plural(items.length, 'evidence record'))}: ${listing(parts)}.`;
}

export function scoreMetrics(f: Facts): Block | null {
  const s = f.score;
  if (s.composite === null) return null;
  const items = [
    { label: 'Composite', value: `${formatNumber(s.composite)} of 5` },
    { label: 'Allowing for doubt', value: `${formatNumber(s.adjusted ?? 1)} of 5` },
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

/** Capability names, ours first (in the order we rated them), then the others by name: the matrix's rows. */
export function capabilities(f: Facts): string[] {
  const ours = Object.keys(f.ownCapabilities);
  const others = new Set<string>();
  for (const c of f.competitors) for (const k of Object.keys(c.capabilities ?? {})) others.add(k);
  return [...ours, ...[...others].filter((k) => !ours.includes(k)).sort((a, b) => a.localeCompare(b))];
}

export function capabilityMatrix(f: Facts): Block | null {
  const caps = capabilities(f);
  const rated = f.competitors.filter((c) => Object.keys(c.capabilities ?? {}).length);
  if (!caps.length) return null;
  const ours = Object.keys(f.ownCapabilities).length > 0;
  return {
    type: 'table',
    caption: ours
      ? 'Capability ratings, 0 (none) to 5 (best); a dash means not rated. Ours are our own rating of the idea; the others come from the competitor records.'
      : 'Capability ratings from the competitor records, 0 (none) to 5 (best); a dash means not rated. Our own column stays empty until we rate ourselves on the same scale.',
    columns: ['Capability', 'Ours', ...rated.map((c) => c.name)],
    numeric: [false, true, ...rated.map(() => true)],
    rows: caps.map((cap) => [
      cap,
      f.ownCapabilities[cap] !== undefined ? String(f.ownCapabilities[cap]) : ours ? '–' : 'not rated',
      ...rated.map((c) => (c.capabilities?.[cap] !== undefined ? String(c.capabilities[cap]) : '–')),
    ]),
  };
}

/**
 * Where our own rating beats every recorded alternative rated on the same capability: the differentiators the
 * data shows. Our ratings are our own judgement, and the block says so; a capability no alternative is rated on
 * proves nothing and is left out.
 */
export function leadsOverAlternatives(f: Facts): Block[] {
  const items = [];
  for (const [cap, ours] of Object.entries(f.ownCapabilities)) {
    const theirs = f.competitors.map((c) => c.capabilities?.[cap]).filter((v): v is number => v !== undefined);
    if (!theirs.length) continue;
    const best = Math.max(...theirs);
    if (ours > best) {
      const n = theirs.length;
      items.push({
        label: cap,
        text: `${ours} of 5, against at most ${best} for the ${n} alternative${n === 1 ? '' : 's'} rated on it`,
      });
    }
  }
  if (!items.length) return [];
  return [
    {
      type: 'paragraph',
      style: 'note',
      text: 'Where our own rating leads every recorded alternative (our judgement, not a measurement):',
    },
    { type: 'list', items },
  ];
}

export interface Positioning {
  chart: ScatterChart;
  /** How the axes were chosen and where our own point comes from, in a sentence or two. */
  note: string;
}

/**
 * The positioning chart. The axes are chosen by a rule stated under the chart, never by how good we look or
 * how often a capability happens to be rated: among the capabilities we rated ourselves on (all of them when
 * we rated none), the two on which the alternatives rated on both differ most (the widest range of their
 * ratings; ties by name). Our own product is a point labelled "(ours)" when we rated it on both axes.
 * Null when no two capabilities have an alternative rated on both.
 */
export function positioning(f: Facts): Positioning | null {
  const own = Object.keys(f.ownCapabilities);
  const pool = own.length >= 2 ? own : capabilities(f);
  const onBoth = (x: string, y: string) =>
    f.competitors.filter((c) => c.capabilities?.[x] !== undefined && c.capabilities?.[y] !== undefined);
  const range = (k: string, cs: CompetitorFields[]) => {
    const v = cs.map((c) => c.capabilities![k]!);
    return Math.max(...v) - Math.min(...v);
  };
  let best: { x: string; y: string; spread: number } | null = null;
  const sorted = [...pool].sort((a, b) => a.localeCompare(b));
  for (const [i, x] of sorted.entries()) {
    for (const y of sorted.slice(i + 1)) {
      const cs = onBoth(x, y);
      if (!cs.length) continue;
      const spread = range(x, cs) + range(y, cs);
      if (!best || spread > best.spread) best = { x, y, spread };
    }
  }
  if (!best) return null;
  // The capability on which they differ more is the x axis (ties by name).
  const pair = onBoth(best.x, best.y);
  const [x, y] = range(best.y, pair) > range(best.x, pair) ? [best.y, best.x] : [best.x, best.y];
  const points: ScatterChart['points'] = onBoth(x, y).map((c) => ({
    label: c.name,
    x: c.capabilities![x]!,
    y: c.capabilities![y]!,
  }));
  const ox = f.ownCapabilities[x];
  const oy = f.ownCapabilities[y];
  const plotted = ox !== undefined && oy !== undefined;
  if (plotted) points.unshift({ label: `${f.headline} (ours)`, x: ox, y: oy, ours: true });
  const rule = own.length >= 2 ? 'Of the capabilities we rated ourselves on, the' : 'The';
  const ourWords = plotted
    ? 'Our own point is our rating of the idea, not a measurement: the evidence has to bear it out.'
    : 'Our own product is not on the chart: it is not rated on these capabilities yet.';
  return {
    chart: { type: 'scatter', title: `Positioning: ${x} and ${y}`, xLabel: x, yLabel: y, min: 0, max: 5, points },
    note: `${rule} two on which the alternatives differ most are the axes, whatever our own ratings. ${ourWords}`,
  };
}

/** The score in plain words, for readers who do not score ideas themselves (boards, executives). */
export function plainScore(f: Facts): string | null {
  const s = f.score;
  if (s.composite === null) return null;
  const scored = s.dimensions.filter((d) => d.mean !== null).length;
  const base = `${capitalise(plural(s.assessors, 'assessor'))} scored the idea ${formatNumber(s.composite)} out of 5 on ${scored} of ${s.dimensions.length} criteria.`;
  const adjusted =
    s.adjusted !== null && s.adjusted < s.composite
      ? ` Allowing for how unsure they were and how thin the evidence is, it is worth ${formatNumber(s.adjusted)} out of 5.`
      : '';
  return base + adjusted;
}

export function experimentsTable(f: Facts, brief = false): Block | null {
  if (!f.experiments.length) return null;
  const rows = f.experiments.map((e) => {
    const result = e.observedText ?? '';
    return brief
      ? [shorten(e.hypothesis, 90), e.metric, e.success ?? '', e.kill ?? '', result, e.verdict]
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
  text: max ? shorten(a.statement, max) : a.statement,
  cite: a.cite,
});

/** Evidence as cited statements in a list (for slides and short sections). */
export const evidenceItems = (items: EvidenceItem[], max: number, summaryMax: number): ListItem[] =>
  items.slice(0, max).map((e) => ({
    label: strengthLabel(e.strength),
    text: shorten(e.summary, summaryMax),
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

/** The gate decision that stopped the idea (the last move to killed or parked), in a sentence. */
export function stopDecision(f: Facts): string | null {
  const d = [...f.decisions].reverse().find((x) => x.toStage === 'killed' || x.toStage === 'parked');
  if (!d) return null;
  const verb = d.toStage === 'killed' ? 'Killed' : 'Parked';
  const when = d.decidedAt ? ` on ${d.decidedAt.slice(0, 10)}` : '';
  const who = d.decidedBy ? ` by ${d.decidedBy}` : '';
  const review = d.reviewOn ? ` To be reviewed on ${d.reviewOn}.` : '';
  return `${verb} at the ${stageNameOf(d.fromStage)} gate${when}${who}. ${d.rationale}${review}`;
}

const stageNameOf = (id: string) => STAGES.find((s) => s.id === id)?.name ?? id;

/** Why the idea stopped: the decision, the experiments that crossed their kill line, the kill criteria. */
export function whyStoppedBlocks(f: Facts, m: Missing): Block[] {
  const blocks: Block[] = [];
  const decision = stopDecision(f);
  if (decision) blocks.push({ type: 'paragraph', label: 'Decision', text: decision, style: 'lead' });
  const failed = f.experiments.filter((e) => e.evaluation.outcome === 'failed');
  if (failed.length) {
    blocks.push({
      type: 'list',
      items: failed.map((e) => ({
        label: 'Kill line crossed',
        text: `${e.metric}: observed ${e.observedText ?? 'no value'} against a kill line of ${e.kill ?? 'none'}.`,
      })),
    });
  }
  if (!blocks.length) blocks.push(m('the decision that stopped the idea', undefined, 'decisions'));
  return blocks;
}

/** What was learned: the experiments' learnings and the assumptions they refuted. */
export function lessonBlocks(f: Facts, m: Missing): Block[] {
  const items: ListItem[] = [];
  for (const e of f.experiments) if (has(e.learning)) items.push({ label: e.metric, text: oneLine(e.learning) });
  for (const a of f.assumptions.filter((x) => x.status === 'refuted')) {
    items.push({ label: 'Refuted assumption', text: a.statement, cite: a.cite });
  }
  return items.length ? [{ type: 'list', items }] : [m('what was learned', undefined, 'experiments')];
}

/** Outcomes of a launched idea against its success metrics: what is measured, and what is not yet. */
export function outcomeBlocks(f: Facts, m: Missing): Block[] {
  const metrics = f.input.opportunity.idea.successMetrics ?? [];
  if (!metrics.length) return [m('a success metric with a target', undefined, 'criteria')];
  const rows = metrics.map((s) => {
    const unit = has(s.unit) ? ` ${oneLine(s.unit)}` : '';
    const measured = [...f.experiments]
      .reverse()
      .find((e) => e.observedText && e.metric.toLowerCase() === oneLine(s.metric).toLowerCase());
    return [
      oneLine(s.metric),
      s.baseline !== undefined ? `${formatNumber(s.baseline)}${unit}` : '',
      `${formatNumber(s.target)}${unit}`,
      s.byWhen ?? '',
      measured?.observedText ?? 'not measured yet',
    ];
  });
  const blocks: Block[] = [
    {
      type: 'table',
      columns: ['Success metric', 'Baseline', 'Target', 'By', 'Measured'],
      numeric: [false, true, true, false, true],
      rows,
    },
  ];
  if (rows.some((r) => r[4] === 'not measured yet')) {
    blocks.push(m('the outcome measured since launch', ['Where does each success metric stand today?'], 'notYet'));
  }
  return blocks;
}

/** Open challenger findings of a blocking severity (critical, high): what the gate must see. */
export function findingsBlocks(f: Facts, m: Missing, blocking: ChallengerFinding[]): Block[] {
  if (!f.findings) return [m('the challenger has not run on this idea', undefined, 'challenger')];
  if (!blocking.length) return [paragraph('The challenger has no critical or high finding open on this idea.')];
  return [
    paragraph(
      `${capitalise(plural(blocking.length, 'critical or high finding'))} from the challenger ${blocking.length === 1 ? 'is' : 'are'} open; while any is, the idea is not ready for the gate.`,
    ),
    {
      type: 'list',
      ordered: true,
      items: blocking.map((x) => ({ label: capitalise(x.severity), text: `${x.explanation} Next: ${x.next}` })),
    },
  ];
}

/** Words in an evidence summary that name something people use instead. */
const ALTERNATIVE_WORDS =
  /\b(competitors?|alternatives?|instead|switch(?:ed|ing)? (?:from|to)|already use[sd]?|vendors?|spreadsheets?|excel|workarounds?|by hand|manually)\b/i;

/**
 * Said plainly when no direct competitor is recorded although the evidence mentions alternatives: the
 * reader must not take an empty competitor list for an empty market.
 */
export function noDirectCompetitor(f: Facts): Block | null {
  if (f.competitors.some((c) => c.kind === 'direct')) return null;
  const mentions = f.evidence.filter((e) => ALTERNATIVE_WORDS.test(e.summary));
  if (!mentions.length && !has(f.frame.coping)) return null;
  const where = mentions.length ? 'the evidence mentions alternatives' : 'the frame says how people cope today';
  return {
    type: 'paragraph',
    label: 'No direct competitor recorded',
    text: `${capitalise(where)}, so the market is not empty: only the competitor records are.`,
    ...(mentions.length ? { cite: mentions.slice(0, 4).map(citationOf) } : {}),
  };
}

/** Our own idea as a row among the alternatives: what it offers and what is still unproven, from the data. */
export function ourRow(f: Facts): { name: string; kind: string; price: string; strengths: string; weaknesses: string } {
  const st = f.statement;
  const untested = f.assumptions.filter((a) => a.importance >= 4 && a.status === 'untested').length;
  return {
    name: `${f.headline} (ours)`,
    kind: 'ours',
    price: '',
    strengths: st ? `${capitalise(st.value)}, when ${st.situation}.` : '',
    weaknesses: untested
      ? `Not proven yet: ${plural(untested, 'assumption')} of importance 4 or 5 ${untested === 1 ? 'is' : 'are'} untested.`
      : '',
  };
}

/** The ask as labelled items (budget, people, time, what it buys), as far as the launch plan states it. */
export function askItems(f: Facts, max?: number): ListItem[] {
  const a = f.launchPlan?.ask;
  if (!a) return [];
  const items: ListItem[] = [];
  const cur = a.currency ?? f.economics?.currency;
  if (a.budget !== undefined) items.push({ label: 'Budget', text: `${formatMoney(a.budget, cur)}.` });
  if (a.people !== undefined)
    items.push({
      label: 'People',
      text: `${capitalise(plural(a.people, 'person', 'people'))}, full time or the equivalent.`,
    });
  if (a.months !== undefined) items.push({ label: 'Time', text: `${capitalise(plural(a.months, 'month'))}.` });
  if (has(a.buys)) items.push({ label: 'What it buys', text: max ? shorten(a.buys, max) : a.buys });
  return items;
}

/** The parts of the ask the launch plan does not state yet, for a callout. */
export function askGaps(f: Facts): string[] {
  const a = f.launchPlan?.ask ?? {};
  return [
    a.budget === undefined && 'the budget',
    a.people === undefined && 'the people',
    a.months === undefined && 'the time',
    !has(a.buys) && 'what it buys',
  ].filter((x): x is string => typeof x === 'string');
}

/** The ask's items, then a callout naming what is still missing from it (or nothing when it is whole). */
export function askBlocks(f: Facts, m: Missing, max?: number): Block[] {
  const items = askItems(f, max);
  const blocks: Block[] = items.length ? [{ type: 'list', items }] : [];
  const gaps = askGaps(f);
  if (gaps.length)
    blocks.push(
      m(`the ask: ${listing(gaps)}`, ['Which budget, people and time do we need, and what do they buy?'], 'launchPlan'),
    );
  return blocks;
}

/** The team that would build it, seat by seat: a role with its person, or saying it is not staffed. */
export function teamBlocks(f: Facts, m: Missing, limit?: number): Block[] {
  const seats = f.launchPlan?.team ?? [];
  if (!seats.length) return [m('the team that would build it', undefined, 'launchPlan')];
  const shown = limit ? seats.slice(0, limit) : seats;
  const items: ListItem[] = shown.map((t) => ({
    label: t.role,
    text: `${has(t.name) ? t.name : 'Not staffed yet'}${t.share !== undefined && t.share < 1 ? `, ${formatPercent(t.share)} of their time` : ''}.`,
  }));
  if (seats.length > shown.length)
    items.push({ text: `And ${plural(seats.length - shown.length, 'more role')} in the launch plan.` });
  const open = seats.filter((t) => !has(t.name)).length;
  const blocks: Block[] = [{ type: 'list', items }];
  if (open)
    blocks.push(
      paragraph(
        `${capitalise(plural(open, 'role'))} of ${seats.length} ${open === 1 ? 'has' : 'have'} nobody named yet.`,
        'Open roles',
      ),
    );
  return blocks;
}

/**
 * Go-to-market: the plan in words from the launch plan, and the channels with what a customer costs in
 * each from the economics. Each part missing says so, and where it is entered.
 */
export function goToMarketBlocks(f: Facts, m: Missing, max?: number): Block[] {
  const blocks: Block[] = [];
  const plan = f.launchPlan?.goToMarket;
  if (has(plan)) blocks.push(paragraph(max ? shorten(plan, max) : plan, 'Plan'));
  const cur = f.economics?.currency;
  if (f.channels.length) {
    blocks.push({
      type: 'table',
      caption: 'Channels from the economics: what a customer costs in each, and the share of new customers it brings.',
      columns: ['Channel', 'Cost to win a customer', 'Share of new customers', 'Lifetime value ÷ cost'],
      numeric: [false, true, true, true],
      rows: f.channels.map((c) => [
        c.channel,
        formatMoney(c.cac, cur),
        formatPercent(c.share),
        c.ltvToCac !== null ? formatNumber(c.ltvToCac) : '–',
      ]),
    });
  } else if (f.economics?.cac !== undefined) {
    blocks.push(paragraph(formatMoney(f.economics.cac, cur), 'Cost to win a customer (CAC)'));
  }
  const channelsQuestion = 'Through which channels, at which cost per customer (the economics page)?';
  // One callout when both are missing: they are one question to the reader.
  if (!has(plan))
    blocks.push(
      m(
        f.channels.length ? 'the go-to-market plan' : 'the go-to-market plan and its channels',
        [
          'How do the first customers hear about it and buy it, and then more?',
          ...(f.channels.length ? [] : [channelsQuestion]),
        ],
        'launchPlan',
      ),
    );
  else if (!f.channels.length)
    blocks.push(m('the acquisition channels and what a customer costs in each', [channelsQuestion], 'economics'));
  return blocks;
}

/**
 * Traction from product-market fit: the level, then each signal with its status, sample and evidence, as
 * the domain reads them. Nothing when no PMF data is recorded (the caller says what is missing).
 */
export function pmfBlocks(f: Facts, brief = false): Block[] {
  const p = f.pmf;
  if (!p) return [];
  const blocks: Block[] = [paragraph(p.levelWords, 'Product-market fit')];
  if (brief) {
    // A slide shows the four signals as figures; what each rests on is in the PRD.
    blocks.push({
      type: 'metrics',
      items: p.signals.map((s) => ({
        label: s.sample !== null ? `${s.name} (n = ${formatNumber(s.sample)})` : s.name,
        value: s.status.replace('-', ' '),
      })),
    });
  } else {
    blocks.push({
      type: 'table',
      columns: ['Signal', 'Status', 'Sample', 'What it rests on'],
      numeric: [false, false, true, false],
      rows: p.signals.map((s) => [
        s.name,
        s.status.replace('-', ' '),
        s.sample !== null ? formatNumber(s.sample) : '–',
        s.evidence,
      ]),
    });
  }
  // The extreme level's words already say it is ready to scale.
  if (!p.readyToScale)
    blocks.push(
      paragraph(
        p.holdingBack
          ? `${p.holdingBack.name} holds it back. ${p.holdingBack.question}`
          : 'The guards do not hold yet.',
        'Not ready to scale',
      ),
    );
  return blocks;
}
