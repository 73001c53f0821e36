import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  createDocumentRenderer,
  type DocumentRenderer,
  renderHtml,
  supportedFormats,
} from '../../src/documents/index.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { buildDocuments, type DocumentInput, type DocumentModel } from '../../src/domain/documents/index.ts';
import { DOCUMENT_KINDS, type DocumentKind, PITCH_DECK_SLIDES } from '../../src/methodology/index.ts';
import type { Opportunity } from '../../src/schema/index.ts';
import {
  findings,
  GENERATED_AT,
  hostileFindings,
  hostileOpportunity,
  richOpportunity,
  sparseOpportunity,
} from '../fixtures/documents.ts';
import { convertWithLibreOffice, pdfPages } from '../helpers/office.ts';

/**
 * Output checks by real consumers: LibreOffice opens every DOCX and PPTX and prints it to PDF; poppler reads
 * every PDF (ours from Chromium and from pdfkit, and LibreOffice's) and renders every page to an image.
 * Page and slide counts are asserted; one page of each kind is kept in artifacts/screenshots/documents/.
 * Needs: scripts/ensure-office.sh (LibreOffice, poppler-utils, Chromium).
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'artifacts', 'screenshots', 'documents');
const TOOLS = ['soffice', 'pdfinfo', 'pdftoppm', 'pdftotext', 'fc-match'];
const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

const FIXTURES: Record<string, DocumentInput> = {
  rich: { opportunity: richOpportunity, dimensions: defaultDimensions(), generatedAt: GENERATED_AT, findings },
  sparse: { opportunity: sparseOpportunity, dimensions: defaultDimensions(), generatedAt: GENERATED_AT },
  hostile: {
    opportunity: hostileOpportunity as Opportunity,
    dimensions: defaultDimensions(),
    generatedAt: GENERATED_AT,
    findings: hostileFindings,
  },
};

interface Output {
  fixture: string;
  kind: DocumentKind;
  /** chromium | pdfkit | docx | pptx: who made the PDF */
  via: string;
  pdf: string;
  pages: number;
  model: DocumentModel;
}

const dir = mkdtempSync(join(tmpdir(), 'vetted-documents-'));

/**
 * A PDF's text as poppler reads it, without spaces and hyphens: where a line breaks is layout, and poppler
 * drops the hyphen of a word broken at one ("open-banking" at a line end reads "openbanking").
 */
const pdfText = (pdf: string): string =>
  execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/[\s\u00ad-]+/g, '');

/**
 * Every section title and every sentence of a model's text (labels, list items, paragraphs, table cells,
 * callouts, evidence summaries), as the checks look for them in a PDF. Tables of data drawn as charts are
 * left out (a chart shows them as a picture), and so are non-Latin texts (their order in poppler's text
 * follows the writing direction); a sentence's final stop is left out too, as right-to-left text beside it
 * may move it.
 */
function modelTexts(m: DocumentModel): string[] {
  const out: string[] = [];
  const add = (t: string | undefined) => {
    for (const sentence of (t ?? '').replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/)) {
      const s = sentence.trim();
      if (s.length >= 3 && /^[\x20-\x7E\u00A0-\u024F\u2013-\u2026≤≥→×÷]+$/.test(s))
        out.push(s.replace(/[\s-]+|[.!?]+$/g, ''));
    }
  };
  for (const s of m.sections) {
    if (s.id !== 'cover') add(s.title);
    for (const b of s.blocks) {
      if (b.type === 'paragraph') add(b.text);
      if (b.type === 'list') for (const i of b.items) add(i.text);
      if (b.type === 'missing') [b.what, ...b.questions].forEach(add);
      if (b.type === 'evidence') for (const e of b.items) add(e.summary);
      if (b.type === 'metrics') for (const x of b.items) add(x.value);
    }
  }
  return [...new Set(out)];
}
const outputs: Output[] = [];
const missingTools = TOOLS.filter((t) => !has(t));
const noChromium = !existsSync(CHROMIUM_PATH);

/** Render every page to a grey image; return the share of dark pixels per page (blank pages are ~0). */
function renderPages(pdf: string): number[] {
  const prefix = `${pdf}.page`;
  execFileSync('pdftoppm', ['-r', '20', '-gray', pdf, prefix]);
  const base = prefix.split('/').pop()!;
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.pgm'))
    .sort();
  return files.map((f) => {
    const img = readFileSync(join(dir, f));
    // P5\n<w> <h>\n<max>\n<bytes>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(img.toString('latin1', 0, 40))!;
    const pixels = img.subarray(header[0].length);
    let dark = 0;
    for (const p of pixels) if (p < 160) dark++;
    return dark / pixels.length;
  });
}

// One suite for the whole file, so its hooks stay its own when stages run files in one process
// (scripts/together.ts).
describe('document files in LibreOffice, poppler and Chromium', () => {
  before(async () => {
    if (missingTools.length || noChromium) return;
    const renderers: [string, DocumentRenderer][] = [
      ['chromium', createDocumentRenderer({ engine: 'chromium' })],
      ['pdfkit', createDocumentRenderer({ engine: 'pdfkit' })],
    ];
    const office: string[] = [];
    try {
      for (const [fixture, input] of Object.entries(FIXTURES)) {
        for (const model of buildDocuments(DOCUMENT_KINDS, input)) {
          const base = `${fixture}-${model.kind}`;
          for (const [via, r] of renderers) {
            const pdf = join(dir, `${base}-${via}.pdf`);
            writeFileSync(pdf, (await r.render(model, 'pdf')).bytes);
            outputs.push({ fixture, kind: model.kind, via, pdf, pages: 0, model });
          }
          for (const format of ['docx', 'pptx'] as const) {
            if (!supportedFormats(model.kind).includes(format)) continue;
            const file = join(dir, `${base}-${format}.${format}`);
            writeFileSync(file, (await renderers[1]![1].render(model, format)).bytes);
            office.push(file);
            outputs.push({
              fixture,
              kind: model.kind,
              via: format,
              pdf: file.replace(/\.(docx|pptx)$/, '.pdf'),
              pages: 0,
              model,
            });
          }
        }
      }
    } finally {
      for (const [, r] of renderers) await r.close();
    }
    // One LibreOffice run for every file (names are unique, so one output directory is safe).
    convertWithLibreOffice(office, dir);
    const printed = outputs.filter((o) => existsSync(o.pdf));
    pdfPages(printed.map((o) => o.pdf)).forEach((pages, i) => {
      printed[i]!.pages = pages;
    });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const find = (fixture: string, kind: DocumentKind, via: string) => {
    const o = outputs.find((x) => x.fixture === fixture && x.kind === kind && x.via === via);
    assert.ok(o, `${fixture}/${kind} via ${via} was produced`);
    assert.ok(existsSync(o.pdf), `${fixture}/${kind} via ${via} was converted to PDF`);
    return o;
  };

  describe('documents read by real consumers', () => {
    it('has the tools (run scripts/ensure-office.sh)', () => {
      assert.deepEqual(missingTools, [], `missing: ${missingTools.join(', ')}; run scripts/ensure-office.sh`);
      assert.ok(!noChromium, `no Chromium at ${CHROMIUM_PATH}; run scripts/ensure-chromium.sh`);
    });

    it('LibreOffice opens every DOCX and PPTX, and every PDF renders, page by page, to images', () => {
      assert.ok(outputs.length >= 3 * (6 * 2 + 5 + 2), `all outputs made (${outputs.length})`);
      for (const o of outputs) {
        assert.ok(existsSync(o.pdf), `${o.fixture}/${o.kind} via ${o.via}: a PDF exists (LibreOffice could open it)`);
        assert.ok(o.pages >= 1, `${o.fixture}/${o.kind} via ${o.via}: pages`);
        const ink = renderPages(o.pdf);
        assert.equal(ink.length, o.pages, `${o.fixture}/${o.kind} via ${o.via}: every page rendered`);
        assert.ok(
          // A blank page (a page number at most) has no ink to speak of (< 0.0005); a short last page of a
          // few lines, or the contents page, has 0.001 to 0.002.
          ink.every((x) => x > 0.0005),
          `${o.fixture}/${o.kind} via ${o.via}: no blank page (${ink.map((x) => x.toFixed(3))})`,
        );
      }
    });

    it('the pitch deck is a slide per section, 10 to 12 and its sources, in PPTX; no PDF cuts a slide', () => {
      for (const fixture of Object.keys(FIXTURES)) {
        const pptx = find(fixture, 'pitch-deck', 'pptx');
        assert.equal(pptx.pages, pptx.model.sections.length, `${fixture} deck via PPTX`);
        const pitch = pptx.model.sections.filter((x) => x.id !== 'sources').length;
        assert.ok(pitch >= PITCH_DECK_SLIDES.min && pitch <= PITCH_DECK_SLIDES.max);
        // A slide that does not fit continues on the next page rather than lose its end.
        for (const via of ['chromium', 'pdfkit']) {
          const o = find(fixture, 'pitch-deck', via);
          assert.ok(o.pages >= o.model.sections.length, `${fixture} deck via ${via}: ${o.pages} pages`);
        }
      }
    });

    it('the one-pager never loses text: every section title and sentence of the model is in the PDF', () => {
      for (const fixture of Object.keys(FIXTURES)) {
        for (const via of ['chromium', 'pdfkit', 'docx', 'pptx']) {
          const o = find(fixture, 'one-pager', via);
          assert.ok(o.pages <= 2, `${fixture} one-pager via ${via}: one page, or continued on a second`);
        }
        for (const via of ['chromium', 'pdfkit']) {
          const o = find(fixture, 'one-pager', via);
          const text = pdfText(o.pdf);
          for (const piece of modelTexts(o.model)) {
            assert.ok(text.includes(piece), `${fixture} one-pager via ${via} lost: ${JSON.stringify(piece)}`);
          }
        }
      }
    });

    it('the two PDF engines carry the same text: every sentence of every model, in both', () => {
      for (const o of outputs.filter((x) => x.via === 'chromium')) {
        const other = find(o.fixture, o.kind, 'pdfkit');
        const [a, b] = [pdfText(o.pdf), pdfText(other.pdf)];
        const missing = modelTexts(o.model).filter((t) => !a.includes(t) || !b.includes(t));
        assert.deepEqual(missing, [], `${o.fixture}/${o.kind}: in both engines' PDFs`);
      }
    });

    it('text documents have plausible lengths', () => {
      const pages = (kind: DocumentKind, via: string, fixture = 'rich') => find(fixture, kind, via).pages;
      for (const via of ['chromium', 'pdfkit', 'docx']) {
        assert.ok(pages('prd', via) >= 3 && pages('prd', via) <= 15, `rich PRD via ${via}: ${pages('prd', via)}`);
        assert.ok(pages('decision-brief', via) >= 2 && pages('decision-brief', via) <= 8, `brief via ${via}`);
        assert.ok(pages('competitive-analysis', via) <= 6, `competitive analysis via ${via}`);
        assert.ok(pages('prd', via, 'sparse') < pages('prd', via), `a sparse PRD is shorter via ${via}`);
      }
    });

    it('hostile content comes out as text in every PDF, never as markup', () => {
      for (const via of ['chromium', 'pdfkit', 'docx']) {
        const text = execFileSync('pdftotext', [find('hostile', 'prd', via).pdf, '-'], { encoding: 'utf8' }).replace(
          /\s+/g,
          ' ',
        );
        assert.ok(text.includes('<script>alert("x")</script>'), `PRD via ${via} shows the title as text`);
        assert.ok(text.includes('<svg onload=alert(1)>'), `via ${via}`);
        assert.ok(text.includes('=cmd()'), `via ${via}`);
      }
      for (const o of outputs.filter((x) => x.via === 'chromium' || x.via === 'pdfkit')) {
        const raw = readFileSync(o.pdf).toString('latin1');
        assert.doesNotMatch(
          raw,
          /\/(JavaScript|JS|Launch|OpenAction)\b/,
          `${o.fixture}/${o.kind} via ${o.via}: no PDF actions`,
        );
      }
      const slides = execFileSync('pdftotext', [find('hostile', 'pitch-deck', 'pptx').pdf, '-'], { encoding: 'utf8' });
      assert.ok(slides.includes('<script>'), 'deck via PPTX shows markup as text');
    });

    it('keeps one rendered page of each kind as a screenshot', () => {
      mkdirSync(SHOTS, { recursive: true });
      for (const kind of DOCUMENT_KINDS) {
        for (const via of ['chromium', 'docx', 'pptx']) {
          const o = outputs.find((x) => x.fixture === 'rich' && x.kind === kind && x.via === via);
          if (!o) continue;
          const prefix = join(dir, `shot-${kind}-${via}`);
          execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', '-singlefile', o.pdf, prefix]);
          const name = via === 'chromium' ? `${kind}.png` : `${kind}-${via}.png`;
          copyFileSync(`${prefix}.png`, join(SHOTS, name));
          assert.ok(readFileSync(join(SHOTS, name)).subarray(1, 4).toString() === 'PNG');
        }
      }
    });
  });

  describe('non-Latin text', () => {
    it('Chinese, emoji and Arabic followed by a date print with the Noto fonts, in order', async () => {
      const opportunity: Opportunity = {
        idea: { title: '预测现金流缺口 🚀 Cash gap forecast', stage: 'discovery' },
        evidence: [
          {
            ref: 'E1',
            kind: 'quote',
            summary: '老板们说：工资前一周才发现缺口 💸',
            source: 'مقابلة مع مالك وكالة',
            observedOn: '2026-10-01',
            strength: 'interview',
          },
        ],
      };
      const model = buildDocuments(['one-pager'], {
        opportunity,
        dimensions: defaultDimensions(),
        generatedAt: GENERATED_AT,
      })[0]!;
      const r = createDocumentRenderer({ engine: 'chromium' });
      const pdf = join(dir, 'non-latin.pdf');
      try {
        writeFileSync(pdf, (await r.render(model, 'pdf')).bytes);
      } finally {
        await r.close();
      }
      // Chromium embeds its fonts unnamed (Type 3): what it can draw with is what fontconfig resolves.
      const font = (name: string) => execFileSync('fc-match', [name], { encoding: 'utf8' });
      assert.match(font('Noto Sans CJK SC'), /NotoSansCJK/, 'a CJK font is installed (scripts/ensure-fonts.sh)');
      assert.match(font('Noto Color Emoji'), /NotoColorEmoji/, 'the emoji font is installed (scripts/ensure-fonts.sh)');
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      assert.ok(text.includes('预测现金流缺口'), 'Chinese is text, not boxes');
      assert.ok(text.includes('老板们说'), 'Chinese evidence');
      // The date after an Arabic source keeps its order ("2026-10-01", never "-10-2026 … 01").
      assert.ok(text.includes('2026-10-01'), text);
      mkdirSync(SHOTS, { recursive: true });
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        join(SHOTS, 'non-latin'),
      ]);
    });
  });

  describe('HTML opened in a browser with JavaScript on', () => {
    it('runs no script, loads nothing and keeps its own styles', async (t) => {
      if (noChromium) return t.skip(`no Chromium at ${CHROMIUM_PATH}`);
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext({ javaScriptEnabled: true, offline: true });
        for (const model of buildDocuments(DOCUMENT_KINDS, FIXTURES.hostile!)) {
          const page = await context.newPage();
          const dialogs: string[] = [];
          const requests: string[] = [];
          page.on('dialog', (d) => {
            dialogs.push(d.message());
            void d.dismiss();
          });
          page.on('request', (r) => requests.push(r.url()));
          await page.setContent(renderHtml(model), { waitUntil: 'load' });
          await page.waitForTimeout(50);
          // A string, evaluated in the page: the project's type-check has no DOM library.
          const dom = (await page.evaluate(`({
          scripts: document.querySelectorAll('script').length,
          frames: document.querySelectorAll('iframe, object, embed, img').length,
          handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
          font: getComputedStyle(document.body).fontFamily,
          title: document.querySelector('h1')?.textContent ?? '',
        })`)) as { scripts: number; frames: number; handlers: number; font: string; title: string };
          assert.deepEqual(dialogs, [], `${model.kind}: no dialog`);
          assert.deepEqual(requests, [], `${model.kind}: no request`);
          assert.equal(dom.scripts, 0);
          assert.equal(dom.frames, 0);
          assert.equal(dom.handlers, 0);
          assert.match(dom.font, /DejaVu Sans/, `${model.kind}: the style sheet applies under the CSP`);
          assert.ok(dom.title.includes('<script>alert("x")</script>'), `${model.kind}: the title is text`);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    });
  });
});
