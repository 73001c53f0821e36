import type { DocumentKind, DocumentLayout } from '../../methodology/index.ts';
import type { DimensionSpec, DocumentTemplateFile, Finding, Opportunity } from '../../schema/index.ts';

/**
 * The format-neutral document model. Builders (one per kind) turn an opportunity into one model; renderers
 * (one per format, in src/documents/) render any model. All text is plain text: renderers escape it.
 */

/** A challenger finding, as the challenger reports it (it arrives later; documents work without it). */
/** What a document shows of a challenger finding (src/schema/challenge.ts); kind and severity as plain text. */
export type ChallengerFinding = Pick<Finding, 'ruleId' | 'explanation' | 'next'> & { kind: string; severity: string };

export interface DocumentInput {
  opportunity: Opportunity;
  /** The workspace's dimensions and weights (defaultDimensions() when it has not customised them). */
  dimensions: DimensionSpec[];
  /** Challenger findings; absent means the challenger has not run, [] means it found nothing. */
  findings?: ChallengerFinding[];
  /** The one clock reading in a document: everything else comes from the data. */
  generatedAt: Date;
  /** The workspace's template file, already checked with checkDocumentTemplateFile. */
  templates?: DocumentTemplateFile;
}

/** Where a statement comes from: an evidence record, by its ref, with its source and date. */
export interface Citation {
  ref: string;
  /** The short citation a reader sees, "E1", "E2": numbered in the order of the idea's evidence (strongest first). */
  label: string;
  source: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface ListItem {
  text: string;
  /** A short bold lead before the text ("Current state", "Riskiest"), if any. */
  label?: string;
  cite?: Citation[];
}

export interface EvidenceItem extends Citation {
  summary: string;
  kind: string;
  strength: string;
  /** Only http(s) addresses are kept. */
  url?: string;
}

export interface BarChart {
  type: 'bar';
  title: string;
  /** What the values measure ("EUR", "score 1-5"). */
  unit: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** The axis range, when it is fixed (scores run 1..5). */
  min?: number;
  max?: number;
  /** The values are counts: the axis steps by whole numbers. */
  integer?: boolean;
}

export interface ScatterChart {
  type: 'scatter';
  title: string;
  xLabel: string;
  yLabel: string;
  min: number;
  max: number;
  /** `ours` marks our own product's position. */
  points: { label: string; x: number; y: number; ours?: boolean }[];
}

export type ChartData = BarChart | ScatterChart;

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; label?: string; cite?: Citation[]; style?: 'lead' | 'note' }
  | { type: 'list'; items: ListItem[]; ordered?: boolean }
  | { type: 'table'; columns: string[]; rows: string[][]; caption?: string; numeric?: boolean[] }
  /** Visible "missing: ..." callout: what is missing, and the questions that would fill it. */
  | { type: 'missing'; what: string; questions: string[]; where: string }
  /** Evidence cited in full: summary, source, date, strength. */
  | { type: 'evidence'; items: EvidenceItem[] }
  /** Key figures ("Composite 3.8 of 5"), shown large on slides. */
  | { type: 'metrics'; items: { label: string; value: string }[] }
  /** Data for a native chart; renderers without charts show it as a table. */
  | { type: 'chart'; chart: ChartData };

export interface Section {
  id: string;
  title: string;
  /** The PRD chapter or deck act this section opens or belongs to. */
  group?: { id: string; title: string };
  blocks: Block[];
  /** True when the section has no data at all, only missing callouts. */
  empty: boolean;
}

/**
 * One document. Layout decides the page model: `document` flows; `one-page` fits one page (and one slide);
 * `slides` puts a slide break before every section (each section is one slide).
 */
export interface DocumentModel {
  kind: DocumentKind;
  layout: DocumentLayout;
  title: string;
  subtitle?: string;
  /** Label/value pairs for the header: idea, stage, methodology version, generated at. */
  metadata: { label: string; value: string }[];
  /** ISO 8601, UTC: the only part that differs between two builds from the same data. */
  generatedAt: string;
  /** A cover page and a table of contents before the first section (the PRD). */
  toc?: boolean;
  sections: Section[];
}
