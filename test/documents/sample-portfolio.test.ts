import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer, type Server } from '../../src/api/server.ts';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { DOCUMENT_KINDS, FORMATS_BY_KIND } from '../../src/methodology/index.ts';
import type { Store } from '../../src/store/database.ts';
import { convertWithLibreOffice, pdfPages } from '../helpers/office.ts';
import { testStore } from '../helpers/store.ts';

/**
 * Every kind in every format it comes in, for every idea of the sample portfolio, through the API; then
 * every PDF is read by poppler and every DOCX and PPTX is opened by LibreOffice (one run for all of them).
 * Needs scripts/ensure-office.sh.
 */
const dir = mkdtempSync(join(tmpdir(), 'vetted-sample-docs-'));
const produced: { idea: number; kind: string; format: string; file: string }[] = [];
/** The machine's own user (src/api/identity.ts): reads without signing in. */
const LOCAL_KEY = `docs-${process.pid}-${Date.now()}`;
const AUTH = { authorization: `Bearer ${LOCAL_KEY}` };
let store: Store;
let app: Server;

// One suite for the whole file, so its hooks stay its own when stages run files in one process
// (scripts/together.ts).
describe('the sample portfolio’s documents', () => {
  before(async () => {
    store = await testStore();
    const { slug } = await loadDemo({ store });
    app = await buildServer({ store }, { logger: false, identity: { localKey: LOCAL_KEY } });
    const ideas = JSON.parse(
      (await app.inject({ method: 'GET', url: `/api/workspaces/${slug}/ideas?limit=100&sort=number`, headers: AUTH }))
        .body,
    ).items;
    for (const idea of ideas) {
      for (const kind of DOCUMENT_KINDS) {
        for (const format of FORMATS_BY_KIND[kind]) {
          const res = await app.inject({
            method: 'GET',
            url: `/api/workspaces/${slug}/ideas/${idea.number}/documents/${kind}?format=${format}`,
            headers: AUTH,
          });
          assert.equal(res.statusCode, 200, `#${idea.number} ${kind} ${format}: ${res.body.slice(0, 200)}`);
          const file = join(dir, `idea-${idea.number}-${kind}-${format}.${format}`);
          writeFileSync(file, res.rawPayload);
          produced.push({ idea: idea.number, kind, format, file });
        }
      }
    }
  });

  after(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('documents for every sample idea', () => {
    it('produces every kind in every format for all ideas', () => {
      const ideas = new Set(produced.map((p) => p.idea));
      assert.ok(ideas.size >= 20);
      const perIdea = DOCUMENT_KINDS.reduce((n, k) => n + FORMATS_BY_KIND[k].length, 0);
      assert.equal(produced.length, ideas.size * perIdea);
    });

    it('gives PDFs that poppler reads, with a page count that fits the kind', () => {
      const pdfs = produced.filter((x) => x.format === 'pdf');
      const counted = pdfPages(pdfs.map((p) => p.file));
      for (const [i, p] of pdfs.entries()) {
        const pages = counted[i]!;
        // One page, or continued on a second: nothing is cut to make it fit.
        if (p.kind === 'one-pager') assert.ok(pages >= 1 && pages <= 2, `${p.file}: ${pages} pages`);
        // A page per slide (10 to 12, and the sources): a slide that does not fit continues on the next page.
        else if (p.kind === 'pitch-deck') assert.ok(pages >= 10 && pages <= 16, `${p.file}: ${pages} pages`);
        else assert.ok(pages >= 1, `${p.file}: ${pages} pages`);
      }
    });

    it('gives DOCX and PPTX files that LibreOffice opens and prints', () => {
      const office = produced.filter((x) => x.format === 'docx' || x.format === 'pptx');
      const out = join(dir, 'lo');
      convertWithLibreOffice(
        office.map((o) => o.file),
        out,
      );
      const pdfs = office.map((o) => join(out, `idea-${o.idea}-${o.kind}-${o.format}.pdf`));
      for (const [i, pdf] of pdfs.entries()) {
        assert.ok(existsSync(pdf), `LibreOffice converted ${office[i]!.file}`);
        assert.ok(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-');
      }
      for (const [i, pages] of pdfPages(pdfs).entries()) assert.ok(pages >= 1, `${pdfs[i]}: ${pages} pages`);
    });
  });
});
