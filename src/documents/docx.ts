import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel, ListItem, Section } from '../domain/documents/index.ts';
import { chartTable, citesText, evidenceLine, missingLead, safe } from './common.ts';

/**
 * DOCX (Word, LibreOffice) for the text documents. The `docx` package escapes text itself; the model's text
 * is cleaned of characters XML cannot hold. Charts become their data table (the package draws no charts).
 */

type Child = Paragraph | Table;

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

function itemRuns(i: ListItem, sc: Scale): TextRun[] {
  return [
    ...(i.label ? [run(`${i.label}: `, { bold: true, size: sc.text })] : []),
    run(i.text, { size: sc.text }),
    ...(i.cite?.length ? [run(citesText(i.cite), { color: GREY, size: sc.small })] : []),
  ];
}

function table(columns: string[], rows: string[][], sc: Scale, numeric?: boolean[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'C9D0DC' };
  const cell = (text: string, header: boolean, i: number) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: numeric?.[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [run(text, { bold: header, size: sc.small })],
        }),
      ],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF1F6' } } : {}),
      borders: { top: border, bottom: border, left: border, right: border },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
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
          children: [run(b.text)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: sc.spacing },
          children: [
            ...(b.label ? [run(`${b.label}: `, { bold: true, size: sc.text })] : []),
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
        ...b.questions.map(
          (q, i) =>
            new Paragraph({
              ...callout,
              spacing: i === b.questions.length - 1 ? { after: sc.spacing } : {},
              children: [run(`– ${q}`, { size: sc.text })],
            }),
        ),
      ];
    }
    case 'evidence':
      return b.items.flatMap((e) => [
        new Paragraph({
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: '7C93C3', space: 6 } },
          indent: { left: 120 },
          children: [run(`${e.ref} `, { bold: true, size: sc.text }), run(e.summary, { size: sc.text })],
        }),
        new Paragraph({
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: '7C93C3', space: 6 } },
          indent: { left: 120 },
          spacing: { after: sc.spacing },
          children: [run(`— ${evidenceLine(e)}`, { color: GREY, size: sc.small })],
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
    new Paragraph({ heading: level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [run(s.title)] }),
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
  let group: string | undefined;
  for (const s of model.sections) {
    if (s.group && s.group.id !== group) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [run(s.group.title)] }));
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
