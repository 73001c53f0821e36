import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
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
    const ideas = (await api.call('GET', `${W}/ideas?limit=50&sort=number`)).body.items;
    assert.ok(ideas.length >= 20);
    for (const idea of ideas) {
      for (const kind of ['prd', 'one-pager', 'pitch-deck', 'competitive-analysis', 'decision-brief']) {
        const r = await api.call('GET', `${W}/ideas/${idea.number}/documents/${kind}?format=markdown`);
        assert.equal(r.status, 200, `${kind} for #${idea.number}: ${r.text.slice(0, 200)}`);
        assert.match(String(r.headers['content-type']), /^text\/markdown/);
        assert.match(String(r.headers['content-disposition']), /attachment; filename=".+\.md"/);
        assert.ok(r.text.startsWith('# '), `${kind} for #${idea.number} starts with its title`);
        assert.ok(r.text.includes(idea.title.split(' ')[0]), `${kind} for #${idea.number} names the idea`);
      }
    }
  });

  it('makes office files that are real archives, and refuses a format a kind does not come in', async () => {
    const docx = await api.app.inject({ method: 'GET', url: `${W}/ideas/11/documents/prd?format=docx` });
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    const pptx = await api.app.inject({ method: 'GET', url: `${W}/ideas/11/documents/pitch-deck?format=pptx` });
    assert.equal(pptx.rawPayload.subarray(0, 2).toString(), 'PK');
    const wrong = await api.call('GET', `${W}/ideas/11/documents/prd?format=pptx`);
    assert.equal(wrong.status, 400);
    const unknown = await api.call('GET', `${W}/ideas/11/documents/memo`);
    assert.equal(unknown.status, 400);
  });

  it('applies a workspace template file, and refuses an invalid one with field errors and no change', async () => {
    const ws = (await api.call('GET', W)).body;
    const bad = await api.as(await ownerOf(api))('PUT', `${W}/document-templates`, {
      templates: {
        format: 'vetted.document-templates/v1',
        templates: { prd: { sections: { nonsense: { title: 'X' } } } },
      },
      version: ws.version,
    });
    assert.equal(bad.status, 400, JSON.stringify(bad.body));
    assert.ok(bad.body.errors.length > 0);
    assert.equal((await api.call('GET', W)).body.version, ws.version);
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
    const bad = await api.as(owner)('POST', `${W}/ideas/22/competitors`, { name: 'X', kind: 'rival' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, '/kind');
    const added = await api.as(owner)('POST', `${W}/ideas/22/competitors`, {
      name: 'Spreadsheet <script>alert(1)</script> templates',
      kind: 'substitute',
      strengths: ['Free'],
      weaknesses: ['No shared view'],
      capabilities: { 'Shared board': 1 },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const list = await api.call('GET', `${W}/ideas/22/competitors`);
    assert.ok(list.body.some((c: { id: string }) => c.id === added.body.id));
    const html = await api.call('GET', `${W}/ideas/22/documents/competitive-analysis?format=html`);
    assert.match(html.text, /Spreadsheet &lt;script&gt;alert\(1\)&lt;\/script&gt; templates/);
    assert.doesNotMatch(html.text, /<script>alert/);
    const stale = await api.as(owner)('PATCH', `${W}/ideas/22/competitors/${added.body.id}`, {
      price: 'free',
      version: 9,
    });
    assert.equal(stale.status, 409);
  });
});

async function ownerOf(api: TestApi): Promise<string> {
  const members = (await api.call('GET', `${W}/members`)).body as { id: string; role: string }[];
  return members.find((m) => m.role === 'owner')!.id;
}
