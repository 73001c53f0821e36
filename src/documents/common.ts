import type { Block, ChartData, Citation, DocumentModel, EvidenceItem } from '../domain/documents/index.ts';
import { formatCompact, scrub, truncate } from '../domain/documents/text.ts';

/** Helpers shared by the renderers: a fact is worded the same way in every format. */

/** Text once more through the domain's scrubber: renderers never trust a model built elsewhere. */
export const safe = (text: string | undefined | null): string => scrub(text ?? '');

/** A citation as the reader sees it: "E1" (the sources list, or the evidence shown, says what E1 is). */
export const citationText = (c: Citation): string => safe(c.label);

/** " [E1, E3]" after a statement. */
export const citesText = (cites: Citation[] | undefined): string =>
  cites?.length ? ` [${cites.map(citationText).join(', ')}]` : '';

/** "[E1]", the label an evidence record is shown under. */
export const evidenceLabel = (e: EvidenceItem): string => `[${safe(e.label)}]`;

export const evidenceLine = (e: EvidenceItem): string =>
  `${safe(e.source)}, ${e.date} (${e.strength}, ${e.kind})${e.url ? ` ${safe(e.url)}` : ''}`;

export const missingLead = (b: Extract<Block, { type: 'missing' }>): string => `Missing: ${safe(b.what)}.`;

/** Where in Vetted the missing data is entered. */
export const missingWhere = (b: Extract<Block, { type: 'missing' }>): string => `Where in Vetted: ${safe(b.where)}.`;

/** A bold lead before a text, "Label: ": without a stop of its own, so that it never reads "fewer.: Median". */
export const labelText = (label: string): string => {
  const text = safe(label).replace(/[.:;,\s]+$/u, '');
  // A question ("Who is it for?") is its own lead: no colon after it.
  return /[?？]$/u.test(text) ? `${text} ` : `${text}: `;
};

/** A chart as rows for formats that have no native chart: the same data, as a table. */
export function chartTable(chart: ChartData): { caption: string; columns: string[]; rows: string[][] } {
  if (chart.type === 'bar') {
    return {
      caption: `Chart: ${safe(chart.title)} (${safe(chart.unit)})`,
      columns: ['', ...chart.series.map((s) => safe(s.name))],
      rows: chart.categories.map((c, i) => [
        safe(c),
        ...chart.series.map((s) =>
          s.values[i] === null || s.values[i] === undefined ? '–' : formatFigure(s.values[i]!),
        ),
      ]),
    };
  }
  return {
    caption: `Chart: ${safe(chart.title)}`,
    columns: ['', safe(chart.xLabel), safe(chart.yLabel)],
    rows: chart.points.map((p) => [safe(p.label), formatFigure(p.x), formatFigure(p.y)]),
  };
}

/** A chart's figure: the domain's one number format (text.ts), so a chart never disagrees with the text. */
export const formatFigure = (n: number): string => formatCompact(n);

/** A file name from the title: ASCII letters, digits and dashes only, never empty. */
export function fileBase(model: DocumentModel): string {
  const slug = model.title
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'idea'}-${model.kind}`;
}

/** Metadata as one line ("Idea: … · Stage: …"). */
export const metadataLine = (model: DocumentModel): string =>
  model.metadata.map((m) => `${safe(m.label)}: ${safe(m.value)}`).join(' · ');

/**
 * Dates and numbers with their unit or sign ("2026-10-01", "EUR 1.84 M", "60 %", "≥ 0.6 %"), which a table
 * cell must never break across lines ("2026-10-" / "01"). Matches without a space or hyphen inside have
 * nothing to break and are not marked.
 */
const UNBREAKABLE =
  /\d{4}-\d{2}-\d{2}|(?:[≤≥<>]\s)?(?:[A-Z]{3}\s)?-?\d[\d,]*(?:\.\d+)?(?:\s(?:%|[MBk](?![\p{L}\d])))?/gu;

/** A cell's text in pieces, the ones to keep on one line marked. */
export function keepTogether(text: string): { text: string; keep: boolean }[] {
  const out: { text: string; keep: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(UNBREAKABLE)) {
    if (!/[\s-]/.test(m[0])) continue;
    if (m.index > at) out.push({ text: text.slice(at, m.index), keep: false });
    out.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), keep: false });
  return out;
}

/**
 * The same, for formats that only take characters: the spaces of a kept piece become no-break spaces and
 * its hyphens non-breaking hyphens (U+2011), so the piece wraps as one word.
 */
export const unbreakableText = (text: string): string =>
  keepTogether(text)
    .map((p) => (p.keep ? p.text.replace(/\s/g, '\u00a0').replace(/-/g, '\u2011') : p.text))
    .join('');

/** A chart point's label cut to `max` characters; our own point keeps its "(ours)", whatever is cut. */
export function pointLabel(p: { label: string; ours?: boolean }, max: number): string {
  const label = safe(p.label);
  if (!p.ours) return truncate(label, max);
  const name = label.replace(/\s*\(ours\)$/, '');
  return `${truncate(name, Math.max(8, max - 7))} (ours)`;
}
