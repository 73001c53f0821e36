import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { createWorkspace } from '../../src/app/workspaces.ts';
import { loadSamplePortfolio } from '../../src/sample/index.ts';
import type { DemoLoaded, IdeaPage } from '../../src/schema/index.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const sample = loadSamplePortfolio();
const slug = sample.workspace.slug;
const total = sample.opportunities.length;

describe(`the sample portfolio after an interrupted load (${engine()})`, () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());
  beforeEach(async () => {
    await api.rows(`delete from workspaces where slug = '${slug}'`);
  });

  const sampleRows = async () => {
    const [row] = await api.rows<{ workspaces: number; ideas: number }>(
      `select (select count(*)::int from workspaces where slug = '${slug}') as workspaces,
              (select count(*)::int from ideas i join workspaces w on w.id = i.workspace_id where w.slug = '${slug}') as ideas`,
    );
    return row!;
  };

  it('leaves nothing behind when the load dies half way, and loads fully the next time', async () => {
    // Dies after the ideas are written and before they are committed, as a kill in that window would.
    await assert.rejects(
      loadDemo({ store: api.store }, () => {
        throw new Error('killed');
      }),
      /killed/,
    );
    assert.deepEqual(await sampleRows(), { workspaces: 0, ideas: 0 });
    const r = await api.as()<DemoLoaded>('POST', '/api/demo');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { slug, created: true, imported: total });
    assert.deepEqual(await sampleRows(), { workspaces: 1, ideas: total });
  });

  it('fills an empty sample workspace left by an earlier interrupted load, then changes nothing', async () => {
    const owner = sample.members?.find((m) => m.role === 'owner') ?? { name: 'Owner' };
    await createWorkspace({ store: api.store }, sample.workspace, { name: owner.name });
    assert.deepEqual(await sampleRows(), { workspaces: 1, ideas: 0 });
    const first = await api.as()<DemoLoaded>('POST', '/api/demo');
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body, { slug, created: true, imported: total });
    const again = await api.as()<DemoLoaded>('POST', '/api/demo');
    assert.deepEqual(again.body, { slug, created: false, imported: 0 });
    assert.deepEqual(await sampleRows(), { workspaces: 1, ideas: total });
    const list = await api.call<IdeaPage>('GET', `/api/workspaces/${slug}/ideas?limit=50`);
    assert.equal(list.body.items.length, total);
  });

  for (const start of ['no sample workspace', 'an empty sample workspace'] as const) {
    it(`loads it once when two loads race, from ${start}`, async () => {
      if (start === 'an empty sample workspace') await createWorkspace({ store: api.store }, sample.workspace);
      const replies = await api.race('ideas', () => [
        api.as()<DemoLoaded>('POST', '/api/demo'),
        api.as()<DemoLoaded>('POST', '/api/demo'),
      ]);
      for (const r of replies) assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        replies.map((r) => r.body.imported).sort((a, b) => a - b),
        [0, total],
      );
      assert.deepEqual(await sampleRows(), { workspaces: 1, ideas: total });
    });
  }
});
