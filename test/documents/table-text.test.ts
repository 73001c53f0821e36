import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderDocx, renderHtml, renderPptx } from '../../src/documents/index.ts';
import { renderPdfKit, visualOrder } from '../../src/documents/pdfkit.ts';
import { readZipText } from '../../src/documents/zip.ts';
import type { Block, DocumentModel } from '../../src/domain/documents/index.ts';

/**
 * Issue 13's leftovers, checked in the files themselves: the pure-JS PDF renderer sets Arabic in reading
 * order with a following date intact and keeps every line on the page; dates and numbers with their unit
 * are never broken inside a table cell, in any format. Needs poppler-utils (pdftotext).
 */
const dir = mkdtempSync(join(tmpdir(), 'vetted-table-text-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ARABIC = 'مقابلة مع مالك وكالة';
const LONG = `https://example.com/${'x'.repeat(260)}`;
const model = (layout: DocumentModel['layout'], blocks: Block[]): DocumentModel => ({
  kind: layout === 'slides' ? 'pitch-deck' : layout === 'one-page' ? 'one-pager' : 'prd',
  layout,
  title: 'Text check',
  metadata: [],
  generatedAt: '2026-11-27T00:00:00.000Z',
  sections: [{ id: 'problem', title: 'Problem', blocks, empty: false }],
});
/** Many narrow columns: a date or an amount is wider than its even share of the page. */
const TABLE: Block = {
  type: 'table',
  columns: ['By', 'Cost', 'Share', 'A', 'B', 'C', 'D', 'E', 'F', 'G'],
  rows: [['2026-10-01', 'EUR 1.84 M', '60 %', ...Array(7).fill('a long text that wraps in its cell')]],
};

async function pdf(m: DocumentModel): Promise<string> {
  const file = join(dir, `${m.layout}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await renderPdfKit(m));
  return file;
}
/** Every word poppler finds, with its box. */
function words(file: string): { text: string; xMin: number; xMax: number; yMin: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! }),
  );
}
const pageWidth = (file: string) =>
  Number(/Page size:\s+([\d.]+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('the pure-JS PDF renderer: right-to-left text and long lines', () => {
  it('sets Arabic words in reading order, with a date after them intact', async () => {
    const file = await pdf(
      model('document', [
        { type: 'paragraph', text: `${ARABIC} 2026-10-01` },
        { type: 'list', items: [{ label: 'Source', text: `${ARABIC}, 2026-10-01` }] },
      ]),
    );
    // poppler reads right-to-left text back in logical order: the words come out as they were written
    // only when they were drawn right to left. Before the fix it read "وكالة مالك مع مقابلة".
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
    assert.ok(text.includes(ARABIC), text);
    assert.equal(text.match(/2026-10-01/g)?.length, 2, text);
  });

  it('orders words by the bidirectional rules: numbers after Arabic join it, Latin runs stay in order', () => {
    // Word indices, left to right as drawn.
    assert.deepEqual(visualOrder(['مقابلة', 'مع', 'مالك', 'وكالة', '2026-10-01'], 1), [4, 3, 2, 1, 0]);
    assert.deepEqual(visualOrder(['Source:', 'مقابلة', 'مع', '2026-10-01,', 'strong.'], 0), [0, 3, 2, 1, 4]);
    // Right to left: Latin words keep their own order, and the gap before them keeps them apart from the date.
    assert.deepEqual(
      visualOrder(['—', 'مقابلة', 'وكالة,', '2026-10-01', '(interview,', 'quote)'], 1),
      [4, 5, 3, 2, 1, 0],
    );
    assert.deepEqual(visualOrder(['plain', 'Latin', 'words'], 0), [0, 1, 2]);
  });

  it('keeps every line on the page, whatever the script mix, in every layout', async () => {
    const blocks: Block[] = [
      { type: 'paragraph', label: 'Label', text: `word ${LONG}` },
      {
        type: 'list',
        items: [{ label: 'Mixed', text: `abc 预测现金流缺口预测现金流缺口 ${'مقابلة مع مالك '.repeat(12)}${LONG}` }],
      },
      { type: 'paragraph', text: '预测现金流缺口'.repeat(40) },
      TABLE,
    ];
    for (const layout of ['document', 'one-page', 'slides'] as const) {
      const file = await pdf(model(layout, blocks));
      const width = pageWidth(file);
      const over = words(file).filter((w) => w.xMax > width - 10);
      assert.deepEqual(over, [], `${layout}: text beyond the right edge`);
    }
  });
});

describe('tables: dates and numbers with their unit stay whole, in every format', () => {
  const m = model('document', [TABLE]);

  it('pure-JS PDF: each on one line', async () => {
    const ws = words(await pdf(m));
    assert.ok(
      ws.some((w) => w.text === '2026-10-01'),
      ws.map((w) => w.text).join(' '),
    );
    const eur = ws.find((w) => w.text === 'EUR')!;
    const m1 = ws.find((w) => w.text === 'M')!;
    assert.equal(eur.yMin, m1.yMin, '"EUR 1.84 M" on one line');
    const pct = ws.find((w) => w.text === '%')!;
    assert.equal(ws.find((w) => w.text === '60')!.yMin, pct.yMin, '"60 %" on one line');
  });

  it('HTML: inside a no-wrap span (the page otherwise breaks anywhere)', () => {
    const html = renderHtml(m);
    assert.match(html, /\.nb\{white-space:nowrap\}/);
    assert.match(html, /<span class="nb">2026-10-01<\/span>/);
    assert.match(html, /<span class="nb">EUR 1\.84 M<\/span>/);
    assert.match(html, /<span class="nb">60 %<\/span>/);
  });

  it('DOCX: no-break spaces and Word non-breaking hyphens', async () => {
    const xml = [...readZipText(await renderDocx(m), (n) => n === 'word/document.xml').values()][0]!;
    assert.match(xml, /2026<\/w:t><w:noBreakHyphen\/><w:t[^>]*>10<\/w:t><w:noBreakHyphen\/><w:t[^>]*>01/);
    assert.match(xml, /EUR\u00a01\.84\u00a0M/);
    assert.doesNotMatch(xml, /2026-10-01/);
  });

  it('PPTX: no-break characters', async () => {
    const slides = readZipText(await renderPptx(model('slides', [TABLE])), (n) => /slides\/slide\d+\.xml$/.test(n));
    const xml = [...slides.values()].join('');
    assert.match(xml, /2026\u201110\u201101/);
    assert.match(xml, /EUR\u00a01\.84\u00a0M/);
  });
});
