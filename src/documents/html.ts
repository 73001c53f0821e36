import { createHash } from 'node:crypto';
import type { Block, ChartData, Citation, DocumentModel, ListItem, Section } from '../domain/documents/index.ts';
import { truncate } from '../domain/documents/text.ts';
import {
  chartTable,
  citationText,
  evidenceLabel,
  formatFigure,
  keepTogether,
  labelText,
  missingLead,
  missingWhere,
  pointLabel,
  safe,
} from './common.ts';

/**
 * HTML: one self-contained file, also the source of the Chromium PDF. Every text goes through escapeHtml;
 * there is no script, and a strict Content-Security-Policy (no scripts, no external resources, only the one
 * inline style sheet by its hash) makes sure none could run or load anything if one slipped in.
 */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string | undefined | null): string => safe(text).replace(/[&<>"']/g, (c) => ESC[c]!);

const FONT =
  '"DejaVu Sans", "Liberation Sans", "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Color Emoji", Arial, sans-serif';

const BASE_CSS = `
*{box-sizing:border-box}
html{font-family:${FONT};color:#1d2433;line-height:1.4}
body{margin:0;overflow-wrap:anywhere}
h1,h2,h3,h4{line-height:1.2;margin:0.9em 0 0.35em}
h1{font-size:1.9em;margin-top:0}
h2{font-size:1.4em;border-bottom:2px solid #d8dde8;padding-bottom:0.15em}
h3{font-size:1.15em}
h4{font-size:1em;color:#3d4a63}
p{margin:0.35em 0}
ul,ol{margin:0.35em 0;padding-left:1.4em}
li{margin:0.15em 0}
table{border-collapse:collapse;width:100%;table-layout:auto;margin:0.5em 0;font-size:0.88em}
.nb{white-space:nowrap}
th,td{border:1px solid #c9d0dc;padding:0.25em 0.4em;text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal;hyphens:manual}
thead{display:table-header-group}
th{background:#eef1f6}
td.num,th.num{text-align:right}
caption{caption-side:top;text-align:left;font-style:italic;color:#566179;padding-bottom:0.2em}
.subtitle{color:#566179;font-size:1.1em;margin:0.2em 0 0.6em}
.meta{color:#566179;font-size:0.85em;margin:0 0 1em;padding:0;list-style:none}
.meta li{display:inline;margin-right:1.2em}
.lead{font-size:1.1em;font-weight:600}
.note{color:#566179}
.cite{color:#566179;font-size:0.85em}
.missing{border-left:4px solid #d97706;background:#fff7e6;padding:0.4em 0.7em;margin:0.5em 0}
.missing p{font-weight:600;margin:0}
.missing ul{margin:0.2em 0 0}
.missing .where{font-weight:normal;color:#7a4a06;margin-top:0.2em}
.keep{break-inside:avoid}
.cover{break-after:page;padding-top:60mm}
.cover h1{font-size:2.4em}
.toc{break-after:page}
.toc ol{list-style:none;padding-left:0}
.toc ol ol{padding-left:1.4em}
.toc a{color:inherit;text-decoration:none}
.continued{color:#566179;font-size:0.85em;font-style:italic}
.evidence{list-style:none;padding-left:0}
.evidence li{border-left:3px solid #7c93c3;padding-left:0.6em;margin:0.4em 0}
.evidence .src{display:block;color:#566179;font-size:0.85em}
.metrics{display:flex;flex-wrap:wrap;gap:0.5em;margin:0.5em 0}
.metric{border:1px solid #c9d0dc;border-radius:4px;padding:0.3em 0.6em;min-width:7em}
.metric b{display:block;font-size:1.25em}
.metric span{color:#566179;font-size:0.8em}
figure{margin:0.6em 0}
figcaption{font-style:italic;color:#566179;font-size:0.85em}
svg{max-width:100%;height:auto}
svg text{font-family:${FONT}}
.group{color:#566179;font-size:0.8em;text-transform:uppercase;letter-spacing:0.05em;margin:0}
`;

const LAYOUT_CSS = {
  document: `
@page{size:A4;margin:16mm 15mm}
body{max-width:190mm;margin:0 auto;font-size:10.5pt;padding:0 4mm}
h1,h2,h3,h4{break-after:avoid}
tr,li,figure,.missing{break-inside:avoid}
`,
  'one-page': `
@page{size:A4;margin:11mm 12mm}
body{max-width:190mm;margin:0 auto;font-size:9pt}
h1{font-size:1.7em}h2{font-size:1.15em;margin:0.55em 0 0.2em;break-after:avoid}
.meta{margin-bottom:0.4em}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);column-gap:6mm}
.grid section{break-inside:avoid}
.grid section.wide{grid-column:1 / span 2}
`,
  slides: `
@page{size:254mm 142.875mm;margin:0}
body{font-size:13pt;background:#fff}
.slide{width:254mm;min-height:142.875mm;padding:9mm 12mm 14mm;break-after:page;position:relative;display:flex;flex-direction:column}
.slide:last-child{break-after:auto}
.slide h2{font-size:1.6em;border:none;margin:0.1em 0 0.4em}
.slide.cover{justify-content:center}
.slide.cover h1{font-size:2.2em}
.slide .body{display:flex;gap:8mm;flex:1;min-height:0}
.slide .text{flex:1;min-width:0}
.slide .visual{flex:1;min-width:0}
.slide .visual svg{width:100%;height:auto}
.slide .metric b{font-size:1.6em}
.slide table{font-size:0.8em}
.slide .cite,.slide .src,.slide figcaption,.slide .metric span{font-size:0.8em}
.slide .meta{position:absolute;bottom:4mm;left:12mm;right:12mm;font-size:0.8em;margin:0}
`,
} as const;

const SHEETS = Object.fromEntries(
  Object.entries(LAYOUT_CSS).map(([layout, css]) => [layout, BASE_CSS + css]),
) as Record<keyof typeof LAYOUT_CSS, string>;

/**
 * The CSP allows exactly Vetted's style sheets (by hash), no script, no external resource of any kind. All
 * three layouts' hashes are listed, so that the policy is the same for every document: a browser page that
 * is reused for the next PDF keeps the previous document's policy, and must not block the next sheet.
 */
const POLICY = `default-src 'none'; style-src ${Object.values(SHEETS)
  .map((css) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`)
  .join(
    ' ',
  )}; img-src data:; font-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'`;

const citeHtml = (cites: Citation[] | undefined): string =>
  cites?.length ? ` <span class="cite">[${cites.map((c) => escapeHtml(citationText(c))).join(', ')}]</span>` : '';

/**
 * A user's text, isolated (<bdi>): right-to-left text (Arabic, Hebrew) keeps its order without reordering
 * what follows it, such as a date ("2026-10-01" stays whole after an Arabic source).
 */
const textHtml = (text: string): string => `<bdi>${escapeHtml(text).replace(/\n/g, '<br>')}</bdi>`;

/** A table cell's text: as textHtml, with dates and numbers with their unit kept on one line. */
const cellHtml = (text: string): string =>
  `<bdi>${keepTogether(text)
    .map((p) => {
      const t = escapeHtml(p.text).replace(/\n/g, '<br>');
      return p.keep ? `<span class="nb">${t}</span>` : t;
    })
    .join('')}</bdi>`;

const labelHtml = (label: string | undefined): string => (label ? `<b>${escapeHtml(labelText(label))}</b>` : '');

const itemHtml = (i: ListItem): string =>
  `<li dir="auto">${labelHtml(i.label)}${textHtml(i.text)}${citeHtml(i.cite)}</li>`;

function tableHtml(columns: string[], rows: string[][], numeric?: boolean[], caption?: string): string {
  const cls = (i: number) => (numeric?.[i] ? ' class="num"' : '');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${columns
    .map((c, i) => `<th scope="col"${cls(i)} dir="auto">${escapeHtml(c)}</th>`)
    .join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${columns.map((_, i) => `<td${cls(i)} dir="auto">${cellHtml(r[i] ?? '')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const PALETTE = ['#3461c1', '#e08a2c', '#2f9e6e', '#b5476b', '#7a5cc4', '#5b6b82'];
const tick = formatFigure;

/** A round upper bound for an axis. */
function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (n <= m * p) return m * p;
  return 10 * p;
}

/** Axis ticks: whole numbers for counts (never 2.5 records), else the ends and the middle. */
function ticks(min: number, max: number, integer: boolean): number[] {
  if (!integer) return [min, (min + max) / 2, max];
  const step = Math.max(1, Math.ceil((max - min) / 5));
  const out: number[] = [];
  for (let t = min; t <= max; t += step) out.push(t);
  return out;
}

/**
 * Native charts as inline SVG: horizontal bars, or a scatter of labelled points. On a slide (`slide`) the
 * drawing is narrower, so that, scaled to half a slide, its smallest label is still about 10 pt.
 */
export function chartSvg(chart: ChartData, slide = false): string {
  if (chart.type === 'bar') {
    const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const min = chart.min ?? 0;
    const top0 = chart.max ?? niceMax(Math.max(0, ...values));
    const max = chart.integer ? Math.max(1, Math.ceil(top0)) : top0;
    const labelW = slide ? 100 : 170;
    const plotW = slide ? 120 : 330;
    const barH = 12;
    const rowH = chart.series.length * barH + 8;
    const top = chart.series.length > 1 ? 26 : 8;
    const height = top + chart.categories.length * rowH + 22;
    const x = (v: number) => labelW + ((Math.max(min, Math.min(max, v)) - min) / (max - min || 1)) * plotW;
    const parts: string[] = [];
    if (chart.series.length > 1) {
      chart.series.forEach((s, j) => {
        parts.push(
          `<rect x="${labelW + j * 160}" y="6" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/><text x="${labelW + j * 160 + 14}" y="15" font-size="10">${escapeHtml(truncate(s.name, 24))}</text>`,
        );
      });
    }
    for (const t of ticks(min, max, Boolean(chart.integer))) {
      parts.push(
        `<line x1="${x(t)}" y1="${top}" x2="${x(t)}" y2="${height - 18}" stroke="#d8dde8"/><text x="${x(t)}" y="${height - 6}" font-size="9" text-anchor="middle">${escapeHtml(tick(t))}</text>`,
      );
    }
    chart.categories.forEach((c, i) => {
      const y = top + i * rowH;
      parts.push(
        `<text x="${labelW - 6}" y="${y + rowH / 2 + 3}" font-size="10" text-anchor="end">${escapeHtml(truncate(c, 28))}</text>`,
      );
      chart.series.forEach((s, j) => {
        const v = s.values[i];
        if (v === null || v === undefined) return;
        const by = y + 4 + j * barH;
        parts.push(
          `<rect x="${labelW}" y="${by}" width="${Math.max(0, x(v) - labelW).toFixed(1)}" height="${barH - 2}" fill="${PALETTE[j % PALETTE.length]}"/><text x="${(x(v) + 3).toFixed(1)}" y="${by + barH - 3}" font-size="9">${escapeHtml(tick(v))}</text>`,
        );
      });
    });
    const w = labelW + plotW + 50;
    return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${height}" width="${w}" height="${height}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join('')}</svg><figcaption>${escapeHtml(chart.title)} (${escapeHtml(chart.unit)})</figcaption></figure>`;
  }
  const size = slide ? 170 : 260;
  // Scaled to half a slide, these are about 10 pt.
  const small = slide ? 11 : 9;
  const label = slide ? 12 : 10;
  const pad = 36;
  const span = chart.max - chart.min || 1;
  const px = (v: number) => pad + ((v - chart.min) / span) * size;
  const py = (v: number) => pad + size - ((v - chart.min) / span) * size;
  const parts: string[] = [];
  for (let t = chart.min; t <= chart.max; t++) {
    parts.push(
      `<line x1="${px(t)}" y1="${pad}" x2="${px(t)}" y2="${pad + size}" stroke="#e3e7ef"/><line x1="${pad}" y1="${py(t)}" x2="${pad + size}" y2="${py(t)}" stroke="#e3e7ef"/>`,
      `<text x="${px(t)}" y="${pad + size + 12}" font-size="${small}" text-anchor="middle">${t}</text><text x="${pad - 6}" y="${py(t) + 3}" font-size="${small}" text-anchor="end">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${pad + size / 2}" y="${pad + size + 28}" font-size="${label}" text-anchor="middle">${escapeHtml(truncate(chart.xLabel, 40))}</text>`,
    `<text x="12" y="${pad + size / 2}" font-size="${label}" text-anchor="middle" transform="rotate(-90 12 ${pad + size / 2})">${escapeHtml(truncate(chart.yLabel, 40))}</text>`,
  );
  chart.points.forEach((p, i) => {
    const color = p.ours ? '#1d2433' : PALETTE[i % PALETTE.length];
    const mark = p.ours
      ? `<rect x="${px(p.x) - 6}" y="${py(p.y) - 6}" width="12" height="12" fill="${color}"/>`
      : `<circle cx="${px(p.x)}" cy="${py(p.y)}" r="5" fill="${color}"/>`;
    parts.push(
      `${mark}<text x="${px(p.x) + 8}" y="${py(p.y) - 6 + (i % 2) * 14}" font-size="${label}"${p.ours ? ' font-weight="bold"' : ''}>${escapeHtml(pointLabel(p, 30))}</text>`,
    );
  });
  const w = pad + size + 150;
  const h = pad + size + 36;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join('')}</svg><figcaption>${escapeHtml(chart.title)}</figcaption></figure>`;
}

function blockHtml(b: Block, level: number): string {
  switch (b.type) {
    case 'heading': {
      const h = Math.min(level + 1, 6);
      return `<h${h} dir="auto">${escapeHtml(b.text)}</h${h}>`;
    }
    case 'paragraph': {
      const cls = b.style ? ` class="${b.style}"` : '';
      return `<p${cls} dir="auto">${labelHtml(b.label)}${textHtml(b.text)}${citeHtml(b.cite)}</p>`;
    }
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map(itemHtml).join('')}</${tag}>`;
    }
    case 'table':
      return tableHtml(b.columns, b.rows, b.numeric, b.caption);
    case 'missing':
      return `<div class="missing" role="note"><p dir="auto">${escapeHtml(missingLead(b))}</p>${
        b.questions.length
          ? `<p class="where">To answer:</p><ul>${b.questions.map((q) => `<li dir="auto">${escapeHtml(q)}</li>`).join('')}</ul>`
          : ''
      }<p class="where" dir="auto">${escapeHtml(missingWhere(b))}</p></div>`;
    case 'evidence':
      return `<ul class="evidence">${b.items
        .map((e) => {
          const link =
            e.url && /^https?:\/\//i.test(e.url)
              ? ` <a href="${escapeHtml(e.url)}" rel="noopener noreferrer nofollow">link</a>`
              : '';
          const line = `<bdi>${escapeHtml(e.source)}</bdi>, <span dir="ltr">${escapeHtml(e.date)}</span> (${escapeHtml(e.strength)}, ${escapeHtml(e.kind)})`;
          return `<li dir="auto"><b>${escapeHtml(evidenceLabel(e))}</b> ${textHtml(e.summary)}<span class="src">— ${line}${link}</span></li>`;
        })
        .join('')}</ul>`;
    case 'metrics':
      return `<div class="metrics">${b.items
        .map(
          (m) =>
            `<div class="metric"><b dir="auto">${escapeHtml(m.value)}</b><span dir="auto">${escapeHtml(m.label)}</span></div>`,
        )
        .join('')}</div>`;
    case 'chart':
      return chartSvg(b.chart);
  }
}

/** A heading kept on the page of what follows it: the heading and the first block do not part. */
function blocksHtml(blocks: Block[], level: number): string {
  const out: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const next = blocks[i + 1];
    if (b.type === 'heading' && next) {
      out.push(`<div class="keep">${blockHtml(b, level)}${blockHtml(next, level)}</div>`);
      i++;
    } else out.push(blockHtml(b, level));
  }
  return out.join('');
}

/** A chart's data, as a table, for readers without the picture (kept in the HTML for accessibility). */
export const chartDataTable = (chart: ChartData): string => {
  const t = chartTable(chart);
  return tableHtml(
    t.columns,
    t.rows,
    t.columns.map((_, i) => i > 0),
    t.caption,
  );
};

/** A section: its title kept with its first block, so that no title is left alone at the foot of a page. */
function sectionHtml(s: Section, level: number): string {
  const [first, ...rest] = s.blocks;
  const head = `<h${level} dir="auto">${escapeHtml(s.title)}</h${level}>`;
  if (!first) return head;
  const firstHtml =
    first.type === 'heading' ? blocksHtml([first, ...rest.slice(0, 1)], level) : blockHtml(first, level);
  const remaining = first.type === 'heading' ? rest.slice(1) : rest;
  return `<div class="keep">${head}${firstHtml}</div>${blocksHtml(remaining, level)}`;
}

const anchor = (s: Section): string => `s-${s.id}`;

/** The cover page and the table of contents (the PRD): chapters and their sections, linked. */
function coverAndToc(model: DocumentModel): string {
  const cover = `<div class="cover"><h1 dir="auto">${escapeHtml(model.title)}</h1>${
    model.subtitle ? `<p class="subtitle" dir="auto">${escapeHtml(model.subtitle)}</p>` : ''
  }${metaHtml(model)}</div>`;
  const items: string[] = [];
  let group: string | undefined;
  let open = false;
  for (const s of model.sections) {
    if (s.group?.id !== group) {
      if (open) items.push('</ol></li>');
      open = false;
      if (s.group) {
        items.push(`<li dir="auto">${escapeHtml(s.group.title)}<ol>`);
        open = true;
      }
    }
    group = s.group?.id;
    items.push(`<li dir="auto"><a href="#${anchor(s)}">${escapeHtml(s.title)}</a></li>`);
  }
  if (open) items.push('</ol></li>');
  return `${cover}<nav class="toc"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

const metaHtml = (model: DocumentModel): string =>
  `<ul class="meta">${model.metadata.map((m) => `<li dir="auto"><b>${escapeHtml(m.label)}:</b> ${escapeHtml(m.value)}</li>`).join('')}</ul>`;

function slidesBody(model: DocumentModel): string {
  return model.sections
    .map((s, i) => {
      const group = s.group ? `<p class="group" dir="auto">${escapeHtml(s.group.title)}</p>` : '';
      if (i === 0 && s.id === 'cover') {
        return `<section class="slide cover"><h1 dir="auto">${escapeHtml(model.title)}</h1>${s.blocks.map((b) => blockHtml(b, 2)).join('')}${metaHtml(model)}</section>`;
      }
      const visual = s.blocks.filter((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart');
      const text = s.blocks.filter((b) => b.type !== 'chart');
      const body = visual.length
        ? `<div class="body"><div class="text">${text.map((b) => blockHtml(b, 2)).join('')}</div><div class="visual">${visual.map((b) => chartSvg(b.chart, true)).join('')}</div></div>`
        : `<div class="body"><div class="text">${text.map((b) => blockHtml(b, 2)).join('')}</div></div>`;
      return `<section class="slide">${group}<h2 dir="auto">${escapeHtml(s.title)}</h2>${body}</section>`;
    })
    .join('');
}

function documentBody(model: DocumentModel): string {
  const out: string[] = [];
  if (model.toc) out.push(coverAndToc(model));
  else {
    out.push(`<h1 dir="auto">${escapeHtml(model.title)}</h1>`);
    if (model.subtitle) out.push(`<p class="subtitle" dir="auto">${escapeHtml(model.subtitle)}</p>`);
    out.push(metaHtml(model));
  }
  if (model.layout === 'one-page') {
    const wide = new Set(['statement', 'score']);
    out.push(
      `<div class="grid">${model.sections.map((s) => `<section${wide.has(s.id) ? ' class="wide"' : ''}>${sectionHtml(s, 2)}</section>`).join('')}</div>`,
    );
    // Printed, the one-pager is sized to fit one page; what does not fit continues on a second page: nothing
    // is ever cut.
    return `<div class="page">${out.join('')}</div>`;
  }
  let group: string | undefined;
  for (const s of model.sections) {
    if (s.group && s.group.id !== group) out.push(`<h2 dir="auto">${escapeHtml(s.group.title)}</h2>`);
    group = s.group?.id;
    out.push(`<section id="${anchor(s)}">${sectionHtml(s, s.group ? 3 : 2)}</section>`);
  }
  return out.join('');
}

export function renderHtml(model: DocumentModel): string {
  const sheet = SHEETS[model.layout];
  const body = model.layout === 'slides' ? slidesBody(model) : documentBody(model);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Vetted">
<title>${escapeHtml(model.subtitle ? `${model.title} – ${model.subtitle}` : model.title)}</title>
<style>${sheet}</style>
</head>
<body class="${model.layout}">
${body}
</body>
</html>
`;
}
