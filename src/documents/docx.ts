import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  NoBreakHyphen,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, ListItem, Section } from '../domain/documents/index.ts';
import {
  chartTable,
  citesText,
  evidenceLabel,
  evidenceLine,
  keepTogether,
  labelText,
  missingLead,
  missingWhere,
  safe,
} from './common.ts';

/**
 * DOCX (Word, LibreOffice) for the text documents. The `docx` package escapes text itself; the model's text
 * is cleaned of characters XML cannot hold. Charts become their data table (the package draws no charts).
 */

type Child = Paragraph | Table | TableOfContents;

const GREY = '566179';
const FONT = 'Arial';

interface Scale {
  /** Half-points. */
  text: number;
  small: number;
  spacing: number;
}

const run = (text: string, o: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({ text: safe(text), ...o });

/**
 * A table cell's text as runs: dates and numbers with their unit stay on one line (no-break spaces, and
 * Word's own non-breaking hyphen, which copies out as a plain hyphen).
 */
function cellRuns(text: string, o: { bold?: boolean; size?: number }): TextRun[] {
  return keepTogether(safe(text)).map((p) => {
    if (!p.keep) return new TextRun({ text: p.text, ...o });
    const children = p.text
      .replace(/\s/g, '\u00a0')
      .split('-')
      .flatMap((piece, i) => (i ? [new NoBreakHyphen(), piece] : [piece]))
      .filter((c) => c !== '');
    return new TextRun({ children, ...o });
  });
}

function itemRuns(i: ListItem, sc: Scale): TextRun[] {
  return [
    ...(i.label ? [run(labelText(i.label), { bold: true, size: sc.text })] : []),
    run(i.text, { size: sc.text }),
    ...(i.cite?.length ? [run(citesText(i.cite), { color: GREY, size: sc.small })] : []),
  ];
}

/**
 * Column widths by content (in fiftieths of a percent): each column gets a share that follows its longest
 * word and its average text, so that no word is broken inside a cell ("Hypothesi s") while long texts wrap.
 */
export function columnShares(columns: string[], rows: string[][]): number[] {
  const words = (t: string) => Math.max(0, ...t.split(/\s+/).map((w) => Array.from(w).length));
  const need = columns.map((c, i) => {
    const cells = [c, ...rows.map((r) => r[i] ?? '')];
    const longestWord = Math.max(...cells.map(words));
    const average = cells.reduce((a, t) => a + Array.from(t).length, 0) / cells.length;
    return Math.max(longestWord + 2, Math.min(average, 60), 4);
  });
  const total = need.reduce((a, b) => a + b, 0);
  return need.map((n) => Math.round((n / total) * 5000));
}

function table(columns: string[], rows: string[][], sc: Scale, numeric?: boolean[]): Table {
  const shares = columnShares(columns, rows);
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'C9D0DC' };
  const cell = (text: string, header: boolean, i: number) =>
    new TableCell({
      width: { size: shares[i]!, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: numeric?.[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: cellRuns(text, { bold: header, size: sc.small }),
        }),
      ],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF1F6' } } : {}),
      borders: { top: border, bottom: border, left: border, right: border },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: shares.map((x) => Math.round((x / 5000) * 9906)),
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c, true, i)) }),
      ...rows.map(
        (r) => new TableRow({ cantSplit: true, children: columns.map((_, i) => cell(r[i] ?? '', false, i)) }),
      ),
    ],
  });
}

function caption(text: string, sc: Scale): Paragraph {
  return new Paragraph({
    spacing: { before: sc.spacing },
    children: [run(text, { italics: true, color: GREY, size: sc.small })],
  });
}

function block(b: Block, sc: Scale, level: number): Child[] {
  switch (b.type) {
    case 'heading':
      return [
        new Paragraph({
          heading: level >= 3 ? HeadingLevel.HEADING_4 : HeadingLevel.HEADING_3,
          keepNext: true,
          children: [run(b.text)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: sc.spacing },
          children: [
            ...(b.label ? [run(labelText(b.label), { bold: true, size: sc.text })] : []),
            run(b.text, {
              bold: b.style === 'lead',
              size: b.style === 'lead' ? sc.text + 2 : sc.text,
              ...(b.style === 'note' ? { color: GREY } : {}),
            }),
            ...(b.cite?.length ? [run(citesText(b.cite), { color: GREY, size: sc.small })] : []),
          ],
        }),
      ];
    case 'list':
      return b.items.map(
        (i, n) =>
          new Paragraph({
            ...(b.ordered ? { indent: { left: 360, hanging: 360 } } : { bullet: { level: 0 } }),
            spacing: { after: sc.spacing / 2 },
            children: [...(b.ordered ? [run(`${n + 1}.\t`, { size: sc.text })] : []), ...itemRuns(i, sc)],
          }),
      );
    case 'table':
      return [
        ...(b.caption ? [caption(b.caption, sc)] : []),
        table(b.columns, b.rows, sc, b.numeric),
        new Paragraph({}),
      ];
    case 'missing': {
      const callout = {
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF7E6' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'D97706', space: 8 } },
        indent: { left: 160 },
      };
      return [
        new Paragraph({
          ...callout,
          spacing: { before: sc.spacing },
          children: [run(missingLead(b), { bold: true, size: sc.text })],
        }),
        ...(b.questions.length
          ? [new Paragraph({ ...callout, children: [run('To answer:', { size: sc.text })] })]
          : []),
        ...b.questions.map((q) => new Paragraph({ ...callout, children: [run(`– ${q}`, { size: sc.text })] })),
        new Paragraph({
          ...callout,
          spacing: { after: sc.spacing },
          children: [run(missingWhere(b), { italics: true, size: sc.text })],
        }),
      ];
    }
    case 'evidence':
      return b.items.flatMap((e) => [
        new Paragraph({
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: '7C93C3', space: 6 } },
          indent: { left: 120 },
          children: [run(`${evidenceLabel(e)} `, { bold: true, size: sc.text }), run(e.summary, { size: sc.text })],
        }),
        new Paragraph({
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: '7C93C3', space: 6 } },
          indent: { left: 120 },
          spacing: { after: sc.spacing },
          children: [
            run(`— ${evidenceLine({ ...e, url: undefined })}`, { color: GREY, size: sc.small }),
            // A live link: the reader clicks through to the source (only http(s) addresses reach the model).
            ...(e.url && /^https?:\/\//i.test(e.url)
              ? [
                  run(' ', { size: sc.small }),
                  new ExternalHyperlink({
                    link: safe(e.url),
                    children: [new TextRun({ text: safe(e.url), style: 'Hyperlink', size: sc.small })],
                  }),
                ]
              : []),
          ],
        }),
      ]);
    case 'metrics':
      return [
        new Paragraph({
          spacing: { after: sc.spacing },
          children: b.items.flatMap((m, i) => [
            ...(i ? [run('   ·   ', { color: GREY, size: sc.text })] : []),
            run(`${m.label}: `, { color: GREY, size: sc.text }),
            run(m.value, { bold: true, size: sc.text + 2 }),
          ]),
        }),
      ];
    case 'chart': {
      const t = chartTable(b.chart);
      return [
        caption(t.caption, sc),
        table(
          t.columns,
          t.rows,
          sc,
          t.columns.map((_, i) => i > 0),
        ),
        new Paragraph({}),
      ];
    }
  }
}

function section(s: Section, sc: Scale, level: number): Child[] {
  return [
    new Paragraph({
      heading: level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
      keepNext: true,
      children: [run(s.title)],
    }),
    ...s.blocks.flatMap((b) => block(b, sc, level)),
  ];
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  if (model.layout === 'slides') throw new Error('A slide deck is not rendered to DOCX; use PPTX.');
  const onePage = model.layout === 'one-page';
  const sc: Scale = onePage ? { text: 16, small: 14, spacing: 40 } : { text: 20, small: 17, spacing: 100 };
  const children: Child[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(model.title)] }),
    ...(model.subtitle ? [new Paragraph({ children: [run(model.subtitle, { color: GREY, size: sc.text + 4 })] })] : []),
    new Paragraph({
      spacing: { after: sc.spacing * 2 },
      children: model.metadata.flatMap((m, i) => [
        ...(i ? [run('   ·   ', { color: GREY, size: sc.small })] : []),
        run(`${m.label}: `, { bold: true, color: GREY, size: sc.small }),
        run(m.value, { color: GREY, size: sc.small }),
      ]),
    }),
  ];
  if (model.toc) {
    // The cover (title and metadata) on its own page, then the table of contents, filled from the headings.
    children.unshift(new Paragraph({ spacing: { before: 3600 }, children: [] }));
    children.push(
      new Paragraph({ children: [new PageBreak()] }),
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run('Contents')] }),
      new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
      new Paragraph({ children: [new PageBreak()] }),
    );
  }
  let group: string | undefined;
  for (const s of model.sections) {
    if (s.group && s.group.id !== group) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [run(s.group.title)] }));
    }
    group = s.group?.id;
    children.push(...section(s, sc, s.group ? 3 : 2));
  }
  const heading = (size: number) => ({
    run: { size, bold: true, font: FONT, color: '1D2433' },
    paragraph: { spacing: { before: onePage ? 80 : 200, after: onePage ? 40 : 80 } },
  });
  const doc = new Document({
    creator: 'Vetted',
    title: safe(model.subtitle ? `${model.title} – ${model.subtitle}` : model.title),
    description: safe(`Generated ${model.generatedAt}`),
    styles: {
      default: {
        document: { run: { font: FONT, size: sc.text } },
        title: { run: { size: onePage ? 36 : 44, bold: true, font: FONT } },
        heading1: heading(onePage ? 24 : 32),
        heading2: heading(onePage ? 20 : 28),
        heading3: heading(onePage ? 18 : 24),
        heading4: heading(onePage ? 16 : 21),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: onePage
              ? { top: 620, bottom: 620, left: 700, right: 700 }
              : { top: 1000, bottom: 1000, left: 1000, right: 1000 },
          },
        },
        ...(onePage
          ? {}
          : {
              footers: {
                default: new Footer({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [
                        new TextRun({
                          children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                          size: 16,
                          color: GREY,
                        }),
                      ],
                    }),
                  ],
                }),
              },
            }),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
