import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import {
  CONTENT_TYPES,
  createDocumentRenderer,
  escapeMarkdown,
  generateDocument,
  renderDocx,
  renderHtml,
  renderMarkdown,
  renderPack,
  renderPptx,
  supportedFormats,
  UnsupportedFormatError,
} from '../../src/documents/index.ts';
import { fixParagraphs } from '../../src/documents/pptx.ts';
import { readZipText } from '../../src/documents/zip.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import {
  buildDocument,
  buildDocuments,
  type DocumentInput,
  type DocumentModel,
} from '../../src/domain/documents/index.ts';
import { DOCUMENT_KINDS } from '../../src/methodology/index.ts';
import type { Opportunity } from '../../src/schema/index.ts';
import {
  findings,
  GENERATED_AT,
  hostileFindings,
  hostileOpportunity,
  richOpportunity,
  sparseOpportunity,
} from '../fixtures/documents.ts';

const input = (opportunity: Opportunity, extra: Partial<DocumentInput> = {}): DocumentInput => ({
  opportunity,
  dimensions: defaultDimensions(),
  generatedAt: GENERATED_AT,
  ...extra,
});
const FIXTURES = {
  rich: input(richOpportunity, { findings }),
  sparse: input(sparseOpportunity),
  hostile: input(hostileOpportunity, { findings: hostileFindings }),
};
const models = Object.fromEntries(
  Object.entries(FIXTURES).map(([name, i]) => [name, buildDocuments(DOCUMENT_KINDS, i)]),
) as Record<keyof typeof FIXTURES, DocumentModel[]>;
const hostile = (kind: DocumentModel['kind']) => models.hostile.find((m) => m.kind === kind)!;

/** Page objects in a PDF (pdfkit writes its page dictionaries uncompressed). */
const pdfPages = (pdf: Uint8Array) =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![s\w])/g) ?? []
  ).length;

// Unit tests use the pure-JS PDF renderer: no browser needed. Chromium PDFs are checked in test/documents/.
const renderer = createDocumentRenderer({ engine: 'pdfkit' });
// One suite for the whole file, so its hooks stay its own when stages run files in one process
// (scripts/together.ts).
describe('document renderers', () => {
  after(() => renderer.close());

  describe('markdown', () => {
    it('escapes every markup character so no text can become a link, image, heading or HTML', () => {
      assert.equal(
        escapeMarkdown('<b>*x*</b> [a](javascript:y) ![i](z) # h | c'),
        '\\<b\\>\\*x\\*\\</b\\> \\[a\\]\\(javascript:y\\) \\!\\[i\\]\\(z\\) \\# h \\| c',
      );
      assert.equal(escapeMarkdown('- item\n1. two\n    code'), '\\- item  \n1\\. two  \ncode');
      for (const m of models.hostile) {
        const md = renderMarkdown(m);
        assert.doesNotMatch(md, /(?<!\\)<(?!br>)[a-z/!]/i, `${m.kind}: no raw tag`);
        assert.doesNotMatch(md, /(?<!\\)\]\((?!\s)/, `${m.kind}: no link syntax`);
        assert.ok(md.includes('\\<script\\>alert\\("x"\\)\\</script\\>'));
      }
    });

    it('keeps tables rectangular whatever the cells contain', () => {
      for (const m of [...models.hostile, ...models.rich]) {
        const lines = renderMarkdown(m).split('\n');
        for (let i = 0; i < lines.length; i++) {
          if (!/^\|[ -:|]+\|$/.test(lines[i]!) || !lines[i]!.includes('---')) continue;
          const cells = (l: string) => l.split(/(?<!\\)\|/).length;
          const width = cells(lines[i]!);
          assert.equal(cells(lines[i - 1]!), width, `${m.kind}: header row`);
          for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) {
            assert.equal(cells(lines[j]!), width, `${m.kind}: row "${lines[j]!.slice(0, 60)}"`);
          }
        }
      }
    });

    it('separates slides with thematic breaks, one per slide', () => {
      const deck = models.rich.find((m) => m.kind === 'pitch-deck')!;
      const breaks = renderMarkdown(deck)
        .split('\n')
        .filter((l) => l === '---').length;
      assert.equal(breaks, deck.sections.length);
    });

    it('shows missing data as a visible callout with its questions', () => {
      const md = renderMarkdown(models.sparse.find((m) => m.kind === 'prd')!);
      assert.match(md, /> \*\*Missing: market size \\\(TAM, SAM, SOM\\\)\.\*\*\n> To answer:\n> - How many people/);
    });
  });

  describe('html', () => {
    const styleHash = (html: string) => {
      const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
      return createHash('sha256').update(css, 'utf8').digest('base64');
    };

    it('has no script, a strict Content-Security-Policy and only escaped text', () => {
      for (const m of models.hostile) {
        const html = renderHtml(m);
        assert.doesNotMatch(html, /<script/i, `${m.kind}: no script element`);
        assert.doesNotMatch(html, /<(iframe|img|object|embed|svg onload|style>body)/i);
        assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, `${m.kind}: no event handler attribute`);
        // Only http(s) links, and the table of contents' links to its own sections.
        assert.doesNotMatch(html, /href="(?!https?:|#s-[a-z0-9-]+")/i, `${m.kind}: only http(s) links`);
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
        assert.ok(csp, 'CSP meta');
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'none'/);
        assert.ok(csp.includes(`'sha256-${styleHash(html)}'`), 'the style sheet is allowed by its hash, nothing else');
        assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
        assert.equal((html.match(/<style>/g) ?? []).length, 1);
      }
    });

    it('the policy is the same for every layout (a reused browser page keeps the first one)', () => {
      const policies = new Set(
        models.rich.map((m) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(renderHtml(m))![1]),
      );
      assert.equal(policies.size, 1);
    });

    it('draws native charts as SVG with escaped labels', () => {
      const html = renderHtml(hostile('competitive-analysis'));
      assert.ok(html.includes('<svg'));
      assert.ok(html.includes('&lt;cap&gt;'));
      assert.ok(html.includes('A &amp; B'));
    });
  });

  describe('docx and pptx', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
    const badXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

    it('DOCX: a valid package with escaped text, for every text document', async () => {
      for (const m of models.hostile.filter((x) => supportedFormats(x.kind).includes('docx'))) {
        const zip = await renderDocx(m);
        const parts = readZipText(zip, (n) => n.endsWith('.xml'));
        const doc = parts.get('word/document.xml');
        assert.ok(doc, `${m.kind}: word/document.xml`);
        assert.ok(parts.has('[Content_Types].xml'));
        assert.doesNotMatch(doc, badXml);
        assert.ok(doc.includes('&lt;script&gt;'), `${m.kind}: escaped`);
        assert.doesNotMatch(doc, /<script/);
      }
    });

    it('PPTX: one slide per section, valid paragraphs, escaped text', async () => {
      for (const m of [
        hostile('pitch-deck'),
        hostile('one-pager'),
        ...models.rich.filter((x) => x.layout !== 'document'),
      ]) {
        const zip = await renderPptx(m);
        const parts = readZipText(zip, (n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
        // A deck: a slide per section. A one-pager: one slide, continued on a second one rather than shrunk
        // below 10 pt or cut; every section's title is on a slide either way.
        if (m.layout === 'slides') assert.equal(parts.size, m.sections.length, `${m.kind}: slide count`);
        else assert.ok(parts.size >= 1 && parts.size <= 3, `${m.kind}: ${parts.size} slides`);
        const all = [...parts.values()].join('');
        for (const sec of m.sections.slice(1)) {
          const title = sec.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
          assert.ok(all.includes(title), `${m.kind}: "${sec.title}" is on a slide`);
        }
        for (const xml of parts.values()) {
          for (const size of xml.matchAll(/\bsz="(\d+)"/g)) {
            assert.ok(Number(size[1]) >= 1000, `${m.kind}: no text under 10 pt (${size[1]})`);
          }
        }
        for (const [name, xml] of parts) {
          assert.doesNotMatch(xml, badXml);
          assert.doesNotMatch(xml, /<\/a:r><a:pPr/, `${name}: paragraph properties only at the start of a paragraph`);
        }
      }
      const charts = readZipText(await renderPptx(models.rich.find((m) => m.kind === 'pitch-deck')!), (n) =>
        /^ppt\/charts\/chart\d+\.xml$/.test(n),
      );
      assert.equal(charts.size, 3, 'native charts: market size, positioning, evidence');
    });

    it('the pptxgenjs paragraph fix keeps the first paragraph properties and drops the rest', () => {
      const xml =
        '<a:p><a:pPr marL="1"><a:buChar char="•"/></a:pPr><a:r><a:t>a</a:t></a:r><a:pPr indent="0"><a:buNone/></a:pPr><a:r><a:t>b</a:t></a:r></a:p>';
      assert.equal(
        fixParagraphs(xml),
        '<a:p><a:pPr marL="1"><a:buChar char="•"/></a:pPr><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p>',
      );
    });
  });

  describe('pdf (pure-JS renderer)', () => {
    it('renders every kind and fixture to a PDF with no script', async () => {
      for (const m of [...models.rich, ...models.sparse, ...models.hostile]) {
        const r = await renderer.render(m, 'pdf');
        const text = Buffer.from(r.bytes).toString('latin1');
        assert.ok(text.startsWith('%PDF-'), `${m.kind}: header`);
        assert.ok(text.trimEnd().endsWith('%%EOF'), `${m.kind}: trailer`);
        assert.doesNotMatch(text, /\/(JavaScript|JS|OpenAction|Launch|AA)\b/, `${m.kind}: no actions`);
        // Nothing is clipped: a slide that does not fit continues on the next page, as does the one-pager.
        if (m.layout === 'slides') assert.ok(pdfPages(r.bytes) >= m.sections.length, `${m.kind}: a page per slide`);
        if (m.layout === 'one-page') assert.ok(pdfPages(r.bytes) <= 2, `${m.kind}: one page, or two`);
      }
    });
  });

  describe('pdf engine choice', () => {
    it('auto falls back to the pure-JS renderer when the browser cannot start', async () => {
      const r = createDocumentRenderer({ engine: 'auto', executablePath: '/bin/false' });
      try {
        assert.equal(r.pdfEngine, 'chromium', 'a binary exists, so Chromium is tried first');
        const pdf = await r.render(models.rich.find((m) => m.kind === 'one-pager')!, 'pdf');
        assert.equal(r.pdfEngine, 'pdfkit');
        assert.ok(Buffer.from(pdf.bytes).toString('latin1', 0, 5) === '%PDF-');
      } finally {
        await r.close();
      }
    });

    it('auto uses the pure-JS renderer when there is no browser at all', async () => {
      const r = createDocumentRenderer({ engine: 'auto', executablePath: '/nonexistent/chromium' });
      assert.equal(r.pdfEngine, 'pdfkit');
      await r.close();
    });
  });

  describe('renderDocument and the pack', () => {
    it('gives bytes, content type and a safe file name', async () => {
      const m = hostile('prd');
      const r = await renderer.render(m, 'markdown');
      assert.equal(r.contentType, CONTENT_TYPES.markdown);
      assert.match(r.fileName, /^[a-z0-9-]+-prd\.md$/);
      assert.equal(Buffer.from(r.bytes).toString('utf8'), renderMarkdown(m));
      const arabic = buildDocument('one-pager', input({ idea: { title: 'شركة عربية' } }));
      assert.equal((await renderer.render(arabic, 'html')).fileName, 'idea-one-pager.html');
    });

    it('refuses formats a kind is not rendered to', async () => {
      const deck = models.rich.find((m) => m.kind === 'pitch-deck')!;
      await assert.rejects(renderer.render(deck, 'docx'), UnsupportedFormatError);
      await assert.rejects(
        generateDocument('prd', 'pptx', FIXTURES.rich, { renderer }),
        /A prd is not rendered to pptx/,
      );
    });

    it('renders the whole pack: every kind in every format it supports', async () => {
      const pack = await renderPack(FIXTURES.rich, { renderer });
      const expected = DOCUMENT_KINDS.flatMap((k) => supportedFormats(k).map((f) => `${k}/${f}`));
      assert.deepEqual(
        pack.map((p) => `${p.kind}/${p.format}`),
        expected,
      );
      for (const p of pack) assert.ok(p.bytes.byteLength > 200, `${p.kind}/${p.format} has content`);
    });

    it('the same data renders to the same Markdown and HTML, apart from the generation time', async () => {
      for (const kind of DOCUMENT_KINDS) {
        const a = buildDocument(kind, FIXTURES.rich);
        const b = buildDocument(kind, { ...FIXTURES.rich, generatedAt: new Date('2030-05-05T05:05:00Z') });
        const strip = (s: string) => s.replace(/2026-11-23 09:15 UTC|2030-05-05 05:05 UTC/g, 'T');
        assert.equal(strip(renderMarkdown(a)), strip(renderMarkdown(b)));
        assert.equal(strip(renderHtml(a)), strip(renderHtml(b)));
        assert.notEqual(renderMarkdown(a), renderMarkdown(b));
      }
    });
  });
});
