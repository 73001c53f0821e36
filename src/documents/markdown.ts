import type { Block, Citation, DocumentModel, ListItem } from '../domain/documents/index.ts';
import {
  chartTable,
  citesText,
  evidenceLabel,
  evidenceLine,
  labelText,
  missingLead,
  missingWhere,
  safe,
} from './common.ts';

/**
 * Markdown (CommonMark with GitHub tables). Every text is escaped: markup characters are backslash-escaped,
 * so that no title or evidence can open a link, an image, raw HTML or a heading. Slides are separated by
 * thematic breaks (`---`), which slide tools read as slide breaks.
 */

const INLINE = /[\\`*_{}[\]()#+!|<>~&$]/g;

/** Escape one line of text for Markdown inline content. */
export function escapeMarkdown(text: string): string {
  return safe(text)
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trimStart() // leading spaces would open a code block
        .replace(INLINE, '\\$&')
        .replace(/^(\s*)([-=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2'),
    )
    .join('  \n');
}

const inline = (text: string) => escapeMarkdown(text).replace(/ {2}\n/g, ' ');
const cell = (text: string) => inline(text.replace(/\n+/g, ' ')) || ' ';

const cites = (c: Citation[] | undefined) => (c?.length ? ` ${inline(citesText(c))}` : '');

function item(i: ListItem): string {
  const label = i.label ? `**${inline(labelText(i.label).trim())}** ` : '';
  return `${label}${inline(i.text)}${cites(i.cite)}`;
}

function table(columns: string[], rows: string[][], numeric?: boolean[]): string {
  const head = `| ${columns.map(cell).join(' | ')} |`;
  const rule = `|${columns.map((_, i) => (numeric?.[i] ? ' ---: ' : ' --- ')).join('|')}|`;
  const body = rows.map((r) => `| ${columns.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

function block(b: Block, level: number): string {
  switch (b.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(level + 1, 6))} ${inline(b.text)}`;
    case 'paragraph': {
      const label = b.label ? `**${inline(labelText(b.label).trim())}** ` : '';
      const text = `${label}${escapeMarkdown(b.text)}${cites(b.cite)}`;
      return b.style === 'lead' ? `**${text}**` : text;
    }
    case 'list':
      return b.items.map((i, n) => `${b.ordered ? `${n + 1}.` : '-'} ${item(i)}`).join('\n');
    case 'table':
      return [b.caption ? `*${inline(b.caption)}*\n\n` : '', table(b.columns, b.rows, b.numeric)].join('');
    case 'missing':
      return [
        `> **${inline(missingLead(b))}**`,
        ...(b.questions.length ? ['> To answer:'] : []),
        ...b.questions.map((q) => `> - ${inline(q)}`),
        `> ${inline(missingWhere(b))}`,
      ].join('\n');
    case 'evidence':
      return b.items
        .map((e) => `- **${inline(evidenceLabel(e))}** ${inline(e.summary)}  \n  — ${inline(evidenceLine(e))}`)
        .join('\n');
    case 'metrics':
      return b.items.map((m) => `- **${inline(m.label)}:** ${inline(m.value)}`).join('\n');
    case 'chart': {
      const t = chartTable(b.chart);
      return `*${inline(t.caption)}*\n\n${table(
        t.columns,
        t.rows,
        t.columns.map((_, i) => i > 0),
      )}`;
    }
  }
}

/** The table of contents: chapters and their sections, numbered as a reader would cite them. */
function tocLines(model: DocumentModel): string[] {
  const out: string[] = [];
  let group: string | undefined;
  for (const s of model.sections) {
    if (s.group && s.group.id !== group) out.push(`- ${inline(s.group.title)}`);
    group = s.group?.id;
    out.push(`${s.group ? '  ' : ''}- ${inline(s.title)}`);
  }
  return out;
}

export function renderMarkdown(model: DocumentModel): string {
  const out: string[] = [`# ${inline(model.title)}`];
  if (model.subtitle) out.push(`*${inline(model.subtitle)}*`);
  out.push(model.metadata.map((m) => `- **${inline(m.label)}:** ${inline(m.value)}`).join('\n'));
  const slides = model.layout === 'slides';
  if (model.toc) out.push(`## Contents\n\n${tocLines(model).join('\n')}`);
  let group: string | undefined;
  for (const s of model.sections) {
    if (slides) out.push('---');
    let level = 2;
    if (s.group && !slides) {
      if (s.group.id !== group) out.push(`## ${inline(s.group.title)}`);
      level = 3;
    } else if (!s.group && !slides && group !== undefined) {
      level = 2;
    }
    group = s.group?.id;
    if (slides && s.group) out.push(`*${inline(s.group.title)}*`);
    out.push(`${'#'.repeat(level)} ${inline(s.title)}`);
    for (const b of s.blocks) out.push(block(b, level));
  }
  return `${out.join('\n\n')}\n`;
}
