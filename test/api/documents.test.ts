import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { documentInputCache } from '../../src/app/documents.ts';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { readZipText } from '../../src/documents/zip.ts';
import { DOCUMENT_KINDS, FORMATS_BY_KIND } from '../../src/methodology/index.ts';
import type { Idea, IdeaPage, Member, Problem, StoredCompetitor, Workspace } from '../../src/schema/index.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const W = '/api/workspaces/tollvane-product';

describe(`documents API (${engine()})`, () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    await loadDemo({ store: api.store });
  });
  after(() => api.close());

  it('streams each kind with its content type and a file name, for every sample idea as Markdown', async () => {
    const ideas = (await api.call<IdeaPage>('GET', `${W}/ideas?limit=50&sort=number`)).body.items;
    assert.ok(ideas.length >= 20);
    for (const idea of ideas) {
      const firstWord = idea.title.split(' ')[0];
      assert.ok(firstWord !== undefined);
      for (const kind of DOCUMENT_KINDS) {
        const r = await api.call('GET', `${W}/ideas/${idea.number}/documents/${kind}?format=markdown`);
        assert.equal(r.status, 200, `${kind} for #${idea.number}: ${r.text.slice(0, 200)}`);
        assert.match(String(r.headers['content-type']), /^text\/markdown/);
        assert.match(String(r.headers['content-disposition']), /attachment; filename=".+\.md"/);
        assert.ok(r.text.startsWith('# '), `${kind} for #${idea.number} starts with its title`);
        assert.ok(r.text.includes(firstWord), `${kind} for #${idea.number} names the idea`);
      }
    }
  });

  it('makes office files that are real archives, and refuses a format a kind does not come in', async () => {
    const docx = await raw(api, `${W}/ideas/11/documents/prd?format=docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    const pptx = await raw(api, `${W}/ideas/11/documents/pitch-deck?format=pptx`);
    assert.equal(pptx.rawPayload.subarray(0, 2).toString(), 'PK');
    const wrong = await api.call('GET', `${W}/ideas/11/documents/prd?format=pptx`);
    assert.equal(wrong.status, 400);
    const unknown = await api.call('GET', `${W}/ideas/11/documents/memo`);
    assert.equal(unknown.status, 400);
  });

  it('applies a workspace template file, and refuses an invalid one with field errors and no change', async () => {
    const ws = (await api.call<Workspace>('GET', W)).body;
    const bad = await api.as(await ownerOf(api))<Problem>('PUT', `${W}/document-templates`, {
      templates: {
        format: 'vetted.document-templates/v1',
        templates: { prd: { sections: { nonsense: { title: 'X' } } } },
      },
      version: ws.version,
    });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.ok((bad.body.errors ?? []).length > 0);
    assert.equal((await api.call<Workspace>('GET', W)).body.version, ws.version);
    const onePager = (await api.call('GET', `${W}/ideas/11/documents/one-pager`)).text;
    const firstHeading = /^## (.+)$/m.exec(onePager)![1]!;
    const sectionId = 'statement';
    const good = await api.as(await ownerOf(api))('PUT', `${W}/document-templates`, {
      templates: {
        format: 'vetted.document-templates/v1',
        templates: { 'one-pager': { sections: { [sectionId]: { title: 'Our bet in one sentence' } } } },
      },
      version: ws.version,
    });
    assert.equal(good.status, 200, JSON.stringify(good.body));
    const renamed = (await api.call('GET', `${W}/ideas/11/documents/one-pager`)).text;
    assert.match(renamed, /^## Our bet in one sentence$/m);
    assert.doesNotMatch(renamed, new RegExp(`^## ${firstHeading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('keeps competitor records per idea, and the competitive analysis is built from them', async () => {
    const owner = await ownerOf(api);
    const bad = await api.as(owner)<Problem>('POST', `${W}/ideas/22/competitors`, { name: 'X', kind: 'rival' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors?.[0]?.path, '/kind');
    const added = await api.as(owner)<StoredCompetitor>('POST', `${W}/ideas/22/competitors`, {
      name: 'Spreadsheet <script>alert(1)</script> templates',
      kind: 'substitute',
      strengths: ['Free'],
      weaknesses: ['No shared view'],
      capabilities: { 'Shared board': 1 },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const list = await api.call<StoredCompetitor[]>('GET', `${W}/ideas/22/competitors`);
    assert.ok(list.body.some((c) => c.id === added.body.id));
    const html = await api.call('GET', `${W}/ideas/22/documents/competitive-analysis?format=html`);
    assert.match(html.text, /Spreadsheet &lt;script&gt;alert\(1\)&lt;\/script&gt; templates/);
    assert.doesNotMatch(html.text, /<script>alert/);
    const stale = await api.as(owner)('PATCH', `${W}/ideas/22/competitors/${added.body.id}`, {
      price: 'free',
      version: 9,
    });
    assert.equal(stale.status, 409);
  });

  it('sends every kind in every format as one ZIP, each entry the same document as its own route gives', async () => {
    const r = await raw(api, `${W}/ideas/11/document-pack`);
    assert.equal(r.statusCode, 200, r.body.slice(0, 300));
    assert.equal(r.headers['content-type'], 'application/zip');
    assert.match(String(r.headers['content-disposition']), /attachment; filename="idea-11-documents\.zip"/);
    const ext = { markdown: 'md', html: 'html', pdf: 'pdf', docx: 'docx', pptx: 'pptx' } as const;
    const expected = DOCUMENT_KINDS.flatMap((k) => FORMATS_BY_KIND[k].map((f) => `${k}.${ext[f]}`)).sort();
    const entries = readZipText(r.rawPayload, () => true);
    assert.deepEqual([...entries.keys()].sort(), expected);
    for (const [name, text] of entries) {
      if (name.endsWith('.pdf')) assert.ok(text.startsWith('%PDF-'), name);
      if (/\.(docx|pptx)$/.test(name)) assert.ok(text.startsWith('PK'), name);
    }
    // Markdown says when it was generated (to the minute): compare the rest.
    const undated = (md: string) => md.replace(/^.*Generated.*$/m, '');
    const alone = await api.call('GET', `${W}/ideas/11/documents/decision-brief?format=markdown`);
    assert.equal(undated(entries.get('decision-brief.md')!), undated(alone.text));

    const missing = await api.call('GET', `${W}/ideas/999/document-pack`);
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
  });

  it('makes each document from the data as written, even when the files of a pack were asked for just before', async () => {
    const owner = api.as(await ownerOf(api));
    const url = `${W}/ideas/12/documents/competitive-analysis?format=markdown`;
    // Several files at once, as a client fetching a pack does: they share one reading of the idea.
    const first = await Promise.all([url, url.replace('markdown', 'html'), url].map((u) => api.call('GET', u)));
    for (const r of first) assert.equal(r.status, 200, r.text.slice(0, 200));
    assert.doesNotMatch(first[0]!.text, /Quillfeather Freight/);
    // A record linked to the idea: the idea's own version does not move, yet the next document shows it.
    const added = await owner('POST', `${W}/ideas/12/competitors`, { name: 'Quillfeather Freight', kind: 'direct' });
    assert.equal(added.status, 201, added.text);
    assert.match((await api.call('GET', url)).text, /Quillfeather Freight/);
    // The idea itself, then straight away the pack.
    const idea = (await api.call<Idea>('GET', `${W}/ideas/12`)).body;
    const renamed = await owner('PATCH', `${W}/ideas/12`, {
      title: 'Renamed between two files',
      version: idea.version,
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.match((await api.call('GET', url)).text, /^# .*Renamed between two files/);
    const pack = readZipText((await raw(api, `${W}/ideas/12/document-pack`)).rawPayload, (n) => n.endsWith('.md'));
    assert.match(pack.get('prd.md')!, /^# .*Renamed between two files/);
    assert.match(pack.get('competitive-analysis.md')!, /Quillfeather Freight/);
  });

  it('keeps a read input briefly, shared by requests that overlap, and forgets it on invalidate or when old', async () => {
    let now = 0;
    const cache = documentInputCache({ ttlMs: 1000, clock: () => now });
    const ctx = { store: api.store };
    const a = cache.input(ctx, 'tollvane-product', '11');
    assert.equal(cache.input(ctx, 'tollvane-product', '11'), a);
    assert.notEqual(cache.input(ctx, 'tollvane-product', '12'), a);
    cache.invalidate();
    const b = cache.input(ctx, 'tollvane-product', '11');
    assert.notEqual(b, a);
    now = 999;
    assert.equal(cache.input(ctx, 'tollvane-product', '11'), b);
    now = 1000;
    assert.notEqual(cache.input(ctx, 'tollvane-product', '11'), b);
    assert.equal((await a).opportunity.idea.title, (await b).opportunity.idea.title);
    // A failed read is not kept.
    const failed = cache.input(ctx, 'tollvane-product', '999');
    await assert.rejects(failed);
    assert.notEqual(cache.input(ctx, 'tollvane-product', '999'), failed);
    await assert.rejects(cache.input(ctx, 'tollvane-product', '999'));
  });
});

/** A GET whose body is bytes, sent with the credentials the helper's own calls carry (if any). */
function raw(api: TestApi, url: string) {
  const key = (api as { localKey?: string }).localKey;
  return api.app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
}

async function ownerOf(api: TestApi): Promise<string> {
  const members = (await api.call<Member[]>('GET', `${W}/members`)).body;
  return members.find((m) => m.role === 'owner')!.id;
}
