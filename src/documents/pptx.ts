import pptxgen from 'pptxgenjs';
import type { Block, ChartData, DocumentModel, Section } from '../domain/documents/index.ts';
import { shorten, truncate } from '../domain/documents/text.ts';
import {
  citesText,
  evidenceLabel,
  evidenceLine,
  labelText,
  missingLead,
  missingWhere,
  pointLabel,
  safe,
  unbreakableText,
} from './common.ts';
import { patchZipText } from './zip.ts';

/**
 * PPTX for the pitch deck (one slide per section, the act above the title, native charts where the model
 * has chart data) and for the one-pager (every section on one slide). pptxgenjs escapes text for XML.
 */

// pptxgenjs ships CommonJS-style typings with an ESM build: the class is the default export at run time,
// and its types live under `default` for TypeScript.
type PptxCtor = typeof pptxgen.default;
type Pptx = InstanceType<PptxCtor>;
type Slide = pptxgen.default.Slide;
type TextRun = pptxgen.default.TextProps;
type TextOptions = pptxgen.default.TextPropsOptions;
const PptxGenJS = ((pptxgen as unknown as { default?: PptxCtor }).default ?? pptxgen) as PptxCtor;

const INK = '1D2433';
const GREY = '566179';
const ACCENT = '3461C1';
const ORANGE = 'B45309';
const PALETTE = ['3461C1', 'E08A2C', '2F9E6E', 'B5476B', '7A5CC4', '5B6B82'];
const FONT = 'Arial';
const W = 10;
const H = 5.625;
/** The smallest text on any slide, in points. */
const MIN_PT = 10;

/** Blocks that are not tables or charts, as paragraphs of runs for one text box. */
function textRuns(blocks: Block[], size: number): TextRun[] {
  const out: TextRun[] = [];
  const para = (runs: TextRun[], o: TextOptions = {}) => {
    if (!runs.length) return;
    // Paragraph options (bullets, spacing) on the first run only: pptxgenjs starts a new paragraph at every
    // run that has a bullet. (The paragraph properties it then writes before later runs are removed below.)
    runs[0]!.options = { ...o, ...runs[0]!.options };
    runs[runs.length - 1]!.options = { ...runs[runs.length - 1]!.options, breakLine: true };
    out.push(...runs);
  };
  const t = (text: string, o: TextOptions = {}): TextRun => ({ text: safe(text), options: { fontSize: size, ...o } });
  // Nothing on a slide is smaller than 10 pt: citations and sources included.
  const small = Math.max(MIN_PT, size - 2);
  for (const b of blocks) {
    switch (b.type) {
      case 'heading':
        para([t(b.text, { bold: true })], { paraSpaceBefore: 4 });
        break;
      case 'paragraph':
        para(
          [
            ...(b.label ? [t(labelText(b.label), { bold: true })] : []),
            t(b.text, b.style === 'lead' ? { bold: true, fontSize: size + 2 } : {}),
            ...(b.cite?.length ? [t(citesText(b.cite), { color: GREY, fontSize: small })] : []),
          ],
          { paraSpaceAfter: 4 },
        );
        break;
      case 'list':
        b.items.forEach((i, n) => {
          para(
            [
              ...(i.label ? [t(labelText(i.label), { bold: true })] : []),
              t(i.text),
              ...(i.cite?.length ? [t(citesText(i.cite), { color: GREY, fontSize: small })] : []),
            ],
            { bullet: b.ordered ? { type: 'number', numberStartAt: n + 1 } : true, paraSpaceAfter: 3 },
          );
        });
        break;
      case 'missing':
        para([t(missingLead(b), { bold: true, color: ORANGE })], { paraSpaceBefore: 4 });
        for (const q of b.questions) para([t(`– ${q}`, { color: ORANGE })]);
        para([t(missingWhere(b), { color: ORANGE, italic: true, fontSize: small })]);
        break;
      case 'evidence':
        for (const e of b.items) {
          para([t(`${evidenceLabel(e)} `, { bold: true }), t(e.summary)]);
          para([t(`— ${evidenceLine(e)}`, { color: GREY, fontSize: small })], { paraSpaceAfter: 3 });
        }
        break;
      case 'metrics':
        for (const m of b.items) {
          para([t(`${m.value}  `, { bold: true, fontSize: size + 4, color: ACCENT }), t(m.label, { color: GREY })]);
        }
        break;
      case 'table':
      case 'chart':
        break;
    }
  }
  return out;
}

/** Rough height (inches) of runs in a box `w` inches wide, to share a slide between text and a table. */
function estimateHeight(runs: TextRun[], size: number, w: number): number {
  const perLine = Math.max(10, Math.floor((w * 72 * 1.9) / size));
  let lines = 0;
  let current = 0;
  for (const r of runs) {
    current += Array.from(r.text ?? '').length;
    if (r.options?.breakLine) {
      lines += Math.max(1, Math.ceil(current / perLine));
      current = 0;
    }
  }
  if (current) lines += Math.ceil(current / perLine);
  return (lines * size * 1.25) / 72 + 0.1;
}

function addTable(
  slide: Slide,
  b: Extract<Block, { type: 'table' }>,
  box: { x: number; y: number; w: number; h: number },
  size: number,
) {
  const maxRows = Math.max(1, Math.floor((box.h * 72) / (size * 2.2)) - 1);
  const cell = (text: string, header: boolean, numeric: boolean): pptxgen.default.TableCell => ({
    // Dates and numbers with their unit stay on one line (no-break space and hyphen characters).
    text: unbreakableText(shorten(safe(text), 160)),
    options: {
      bold: header,
      fontSize: size,
      align: numeric ? 'right' : 'left',
      ...(header ? { fill: { color: 'EEF1F6' } } : {}),
    },
  });
  // Rows that do not fit are counted on the last row, never dropped without a word.
  const shown = b.rows.length > maxRows ? b.rows.slice(0, Math.max(1, maxRows - 1)) : b.rows;
  const more = b.rows.length - shown.length;
  const rows: pptxgen.default.TableRow[] = [
    b.columns.map((c, i) => cell(c, true, Boolean(b.numeric?.[i]))),
    ...shown.map((r) => b.columns.map((_, i) => cell(r[i] ?? '', false, Boolean(b.numeric?.[i])))),
    ...(more
      ? [
          [
            cell(`${more} more ${more === 1 ? 'row' : 'rows'} in the PDF and HTML versions.`, false, false),
            ...b.columns.slice(1).map(() => cell('', false, false)),
          ],
        ]
      : []),
  ];
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    fontFace: FONT,
    color: INK,
    border: { type: 'solid', pt: 0.5, color: 'C9D0DC' },
    margin: 0.04,
    autoPage: false,
  });
}

function addChart(pptx: Pptx, slide: Slide, chart: ChartData, box: { x: number; y: number; w: number; h: number }) {
  const common = {
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
    showTitle: true,
    title: truncate(safe(chart.type === 'bar' ? `${chart.title} (${chart.unit})` : chart.title), 80),
    titleFontSize: 12,
    titleColor: INK,
    titleFontFace: FONT,
    chartColors: PALETTE,
  };
  if (chart.type === 'bar') {
    const data = chart.series.map((s) => ({
      name: truncate(safe(s.name), 40),
      labels: chart.categories.map((c) => truncate(safe(c), 30)),
      values: s.values.map((v) => (v === null ? 0 : v)),
    }));
    slide.addChart(pptx.ChartType.bar, data, {
      ...common,
      barDir: 'bar',
      catAxisOrientation: 'maxMin', // first category at the top, as in the other formats
      catAxisLabelFontSize: MIN_PT,
      valAxisLabelFontSize: MIN_PT,
      // Grouped thousands ("10,000,000", never "10000000"); counts step by whole numbers.
      valAxisLabelFormatCode: chart.integer ? '0' : '#,##0.##',
      dataLabelFormatCode: chart.integer ? '0' : '#,##0.##',
      ...(chart.integer ? { valAxisMajorUnit: 1 } : {}),
      ...(chart.min !== undefined ? { valAxisMinVal: chart.min } : {}),
      ...(chart.max !== undefined ? { valAxisMaxVal: chart.max } : {}),
      showValue: chart.series.length === 1,
      dataLabelFontSize: MIN_PT,
      showLegend: chart.series.length > 1,
      legendPos: 'b',
      legendFontSize: MIN_PT,
    } as unknown as pptxgen.default.IChartOpts);
    return;
  }
  // Scatter: the x values first, then one series per competitor so that the legend names each point.
  const xs = chart.points.map((p) => p.x);
  const data = [
    { name: 'X', values: xs },
    ...chart.points.map((p, i) => ({
      name: pointLabel(p, 40),
      values: chart.points.map((_, j) => (j === i ? p.y : null)) as number[],
    })),
  ];
  slide.addChart(pptx.ChartType.scatter, data, {
    ...common,
    valAxisMinVal: chart.min,
    valAxisMaxVal: chart.max,
    catAxisMinVal: chart.min,
    catAxisMaxVal: chart.max,
    lineSize: 0,
    lineDataSymbol: 'circle',
    lineDataSymbolSize: 9,
    showLegend: true,
    legendPos: 'r',
    legendFontSize: MIN_PT,
    catAxisLabelFontSize: MIN_PT,
    valAxisLabelFontSize: MIN_PT,
    showValAxisTitle: true,
    valAxisTitle: truncate(safe(chart.yLabel), 40),
    valAxisTitleFontSize: MIN_PT,
    showCatAxisTitle: true,
    catAxisTitle: truncate(safe(chart.xLabel), 40),
    catAxisTitleFontSize: MIN_PT,
  } as pptxgen.default.IChartOpts);
}

function footer(slide: Slide, model: DocumentModel, index: number, total: number) {
  const generated = model.metadata.find((m) => m.label === 'Generated')?.value ?? model.generatedAt;
  slide.addText(
    [
      {
        text: truncate(safe(`${model.title} · ${model.subtitle ?? ''} · ${generated}`), 120),
        options: { fontSize: MIN_PT, color: GREY },
      },
    ],
    { x: 0.4, y: H - 0.32, w: W - 1.4, h: 0.25, fontFace: FONT, margin: 0 },
  );
  slide.addText(`${index} / ${total}`, {
    x: W - 1,
    y: H - 0.32,
    w: 0.6,
    h: 0.25,
    fontSize: MIN_PT,
    color: GREY,
    align: 'right',
    fontFace: FONT,
    margin: 0,
  });
}

function contentSlide(pptx: Pptx, slide: Slide, s: Section) {
  if (s.group) {
    slide.addText(safe(s.group.title).toUpperCase(), {
      x: 0.5,
      y: 0.25,
      w: 9,
      h: 0.3,
      fontSize: 10,
      color: GREY,
      fontFace: FONT,
      margin: 0,
    });
  }
  slide.addText(truncate(safe(s.title), 70), {
    x: 0.5,
    y: 0.55,
    w: 9,
    h: 0.6,
    fontSize: 26,
    bold: true,
    color: INK,
    fontFace: FONT,
    margin: 0,
  });
  const charts = s.blocks.filter((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart');
  const tables = s.blocks.filter((b): b is Extract<Block, { type: 'table' }> => b.type === 'table');
  const size = 14;
  const runs = textRuns(s.blocks, size);
  const left = { x: 0.5, y: 1.3, w: charts.length ? 4.4 : 9, h: H - 1.3 - 0.45 };
  let y = left.y;
  if (runs.length) {
    const h = tables.length ? Math.min(left.h * 0.55, estimateHeight(runs, size, left.w)) : left.h;
    slide.addText(runs, {
      x: left.x,
      y,
      w: left.w,
      h,
      fontFace: FONT,
      color: INK,
      valign: 'top',
      fit: 'shrink',
      margin: 0,
    });
    y += h + 0.1;
  }
  for (const t of tables) {
    const h = left.y + left.h - y;
    if (h < 0.4) break;
    addTable(slide, t, { x: left.x, y, w: left.w, h }, 12);
    y += Math.min(h, (t.rows.length + 1) * 0.3);
  }
  charts.slice(0, 1).forEach((c) => {
    addChart(pptx, slide, c.chart, { x: 5.1, y: 1.25, w: 4.5, h: H - 1.25 - 0.45 });
  });
}

function coverSlide(slide: Slide, model: DocumentModel, s: Section) {
  slide.addText(truncate(safe(model.title), 120), {
    x: 0.6,
    y: 1.1,
    w: 8.8,
    h: 1.2,
    fontSize: 34,
    bold: true,
    color: INK,
    fontFace: FONT,
    valign: 'bottom',
    fit: 'shrink',
    margin: 0,
  });
  slide.addText(textRuns(s.blocks, 16), {
    x: 0.6,
    y: 2.5,
    w: 8.8,
    h: 2,
    fontFace: FONT,
    color: INK,
    valign: 'top',
    fit: 'shrink',
    margin: 0,
  });
  slide.addShape('rect', { x: 0.6, y: 2.38, w: 1.2, h: 0.06, fill: { color: ACCENT }, line: { color: ACCENT } });
}

/**
 * The one-pager as slides: the first section across the top, the others in three columns at 10 pt (the
 * smallest text a slide may carry). When the columns are full, the page continues on a second slide,
 * marked as continued: nothing is shrunk below 10 pt, and nothing is cut.
 */
function onePagerSlides(pptx: Pptx, model: DocumentModel): void {
  const size = MIN_PT;
  const [first, ...rest] = model.sections;
  const colW = (9.2 - 0.4) / 3;
  const firstRuns = first
    ? [
        { text: `${safe(first.title)}  `, options: { bold: true, color: ACCENT, fontSize: size + 1 } },
        ...textRuns(first.blocks, size),
      ]
    : [];
  const firstH = first ? Math.min(1.6, estimateHeight(firstRuns, size, 9.2)) : 0;
  const sectionRuns = (sec: Section): TextRun[] => [
    {
      text: safe(sec.title),
      options: { bold: true, color: ACCENT, fontSize: size + 1, breakLine: true, paraSpaceBefore: 4 },
    },
    ...textRuns(
      sec.blocks.filter((b) => b.type !== 'chart' && b.type !== 'table'),
      size,
    ),
  ];
  // Pages of three columns each; a section goes whole into the first column with room for it.
  type Column = TextRun[][];
  const pages: Column[][] = [[[]]];
  let used = 0;
  for (const sec of rest) {
    const runs = sectionRuns(sec);
    const h = estimateHeight(runs, size, colW);
    let page = pages[pages.length - 1]!;
    const top = pages.length === 1 ? 0.75 + firstH + 0.08 : 0.75;
    const room = H - 0.45 - top;
    if (used > 0 && used + h > room) {
      if (page.length === 3) {
        pages.push([[]]);
        page = pages[pages.length - 1]!;
      } else page.push([]);
      used = 0;
    }
    page[page.length - 1]!.push(runs);
    used += h;
  }
  pages.forEach((columns, p) => {
    const slide = pptx.addSlide();
    slide.addText(truncate(safe(p ? `${model.title} (continued)` : model.title), 100), {
      x: 0.4,
      y: 0.2,
      w: 9.2,
      h: 0.5,
      fontSize: 20,
      bold: true,
      color: INK,
      fontFace: FONT,
      margin: 0,
    });
    let top = 0.75;
    if (p === 0 && first) {
      slide.addText(firstRuns, {
        x: 0.4,
        y: top,
        w: 9.2,
        h: firstH,
        fontFace: FONT,
        color: INK,
        valign: 'top',
        margin: 0,
      });
      top += firstH + 0.08;
    }
    columns.forEach((sections, c) => {
      const runs = sections.flat();
      if (!runs.length) return;
      slide.addText(runs, {
        x: 0.4 + c * (colW + 0.2),
        y: top,
        w: colW,
        h: H - top - 0.4,
        fontFace: FONT,
        color: INK,
        valign: 'top',
        margin: 0,
      });
    });
    footer(slide, model, p + 1, pages.length);
  });
}

export async function renderPptx(model: DocumentModel): Promise<Buffer> {
  if (model.layout === 'document') throw new Error('Text documents are not rendered to PPTX; use DOCX or PDF.');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.author = 'Vetted';
  pptx.company = 'Vetted';
  pptx.title = safe(model.subtitle ? `${model.title} – ${model.subtitle}` : model.title);
  pptx.subject = safe(model.subtitle ?? model.kind);
  if (model.layout === 'one-page') {
    onePagerSlides(pptx, model);
  } else {
    model.sections.forEach((s, i) => {
      const slide = pptx.addSlide();
      if (s.id === 'cover') coverSlide(slide, model, s);
      else contentSlide(pptx, slide, s);
      footer(slide, model, i + 1, model.sections.length);
    });
  }
  const out = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
  return patchZipText(out, (name) => /^ppt\/slides\/slide\d+\.xml$/.test(name), fixParagraphs);
}

/**
 * pptxgenjs 4.0.1 writes paragraph properties (`a:pPr`) before every run of a paragraph, not only the
 * first: invalid OOXML that PowerPoint offers to repair and LibreOffice reads as extra paragraphs. Only the
 * first `a:pPr` of a paragraph is kept.
 */
export const fixParagraphs = (xml: string): string =>
  xml.replace(/(<\/a:r>|<a:br\/>)<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, '$1');
