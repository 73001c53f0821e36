import {
  alternatives,
  assemble,
  capabilityMatrix,
  dimensionNotesBlocks,
  noDirectCompetitor,
  ourRow,
  paragraph,
  positioning,
} from './blocks.ts';
import type { Facts } from './facts.ts';
import type { Block, DocumentModel, ListItem } from './model.ts';

/** Competitors and alternatives (with "do nothing" and our own idea), capabilities, positioning, win and lose. */
export function buildCompetitiveAnalysis(f: Facts): DocumentModel {
  const named = f.competitors;
  return assemble(
    'competitive-analysis',
    f,
    {
      alternatives: (m) => {
        const rows = [ourRow(f), ...alternatives(f)];
        const blocks: Block[] = [
          {
            type: 'table',
            caption: 'Our idea first, then the competitor records; "do nothing" is always an alternative.',
            columns: ['Alternative', 'Kind', 'Strengths', 'Weaknesses'],
            rows: rows.map((r) => [r.name, r.kind, r.strengths, r.weaknesses]),
          },
        ];
        const none = noDirectCompetitor(f);
        if (none) blocks.push(none);
        if (!named.length) blocks.push(m('competitor records'));
        return blocks;
      },
      matrix: (m) => {
        const t = capabilityMatrix(f);
        return t ? [t] : [m('capability ratings')];
      },
      positioning: (m) => {
        const p = positioning(f);
        if (!p) return [m('ratings on at least two capabilities for the same competitor')];
        const blocks: Block[] = [paragraph(p.note), { type: 'chart', chart: p.chart }];
        if (!p.chart.points.some((x) => x.ours)) blocks.push(m('our own ratings on these capabilities'));
        return blocks;
      },
      pricing: (m) => {
        const priced = named.filter((c) => c.price);
        return priced.length
          ? [{ type: 'table', columns: ['Alternative', 'Price'], rows: priced.map((c) => [c.name, c.price!]) }]
          : [m('prices of the alternatives')];
      },
      win: (m) => {
        const items: ListItem[] = [];
        for (const c of named) for (const w of c.weaknesses ?? []) items.push({ label: c.name, text: w });
        const blocks: Block[] = [];
        if (items.length) {
          blocks.push(paragraph('Where the alternatives are weak, as their records say:'));
          blocks.push({ type: 'list', items });
        }
        blocks.push(...dimensionNotesBlocks(f, 'differentiation', 'Assessors on differentiation'));
        if (!blocks.length) blocks.push(m('where the alternatives are weak'));
        return blocks;
      },
      lose: (m) => {
        const items: ListItem[] = [];
        for (const c of named) for (const s of c.strengths ?? []) items.push({ label: c.name, text: s });
        if (!items.length) return [m('what the alternatives do well')];
        return [paragraph('Where the alternatives are strong, as their records say:'), { type: 'list', items }];
      },
    },
    { title: f.headline, subtitle: 'Competitive analysis' },
  );
}
