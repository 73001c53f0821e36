import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { similarSearches, similarSettings } from '../../src/app/ideas.ts';
import { createWorkspace, findWorkspace } from '../../src/app/workspaces.ts';
import { startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

/**
 * The duplicate warning must find its candidates through the trigram indexes, never by scoring every idea of
 * the workspace: the plans of the searches findSimilar runs, on a workspace of a few thousand ideas and with
 * the settings findSimilar uses, name the indexes.
 */
describe(`similar ideas use the trigram indexes (${engine()})`, () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
    for (const title of ['Invoice matching assistant', 'Self-serve refunds', 'Dark mode for the dashboard']) {
      const r = await api.as()('POST', `${WS}/ideas`, { title, description: `${title}, asked for by support.` });
      assert.equal(r.status, 201, r.text);
    }
    // Enough ideas, with varied words, that reading them all costs more than an index search.
    await createWorkspace({ store: api.store }, { slug: 'bulk', name: 'Bulk' });
    await api.rows(`
      insert into ideas (id, workspace_id, number, title, description, stage, channel)
      select gen_random_uuid(), w.id, i, 'Idea ' || md5(i::text), 'About ' || md5((i * 7)::text), 'discovery', 'import'
      from workspaces w, generate_series(1, 3000) i where w.slug = 'bulk'`);
    await api.rows(`update workspaces set idea_counter = 3000 where slug = 'bulk'`);
    await api.rows('analyze ideas');
  });
  after(() => api.close());

  const plan = async (build: (s: ReturnType<typeof similarSearches>) => Parameters<typeof sql>[1]) => {
    const ws = await findWorkspace(api.store.db, 'bulk');
    const search = similarSearches(ws, 'matching invoices automatically', 5);
    return api.store.db.transaction(async (tx) => {
      await tx.execute(similarSettings(0.3, 0.34));
      const rows = (await tx.execute(sql`explain ${build(search)}`)) as unknown as { rows: Record<string, string>[] };
      return rows.rows.map((r) => Object.values(r)[0]).join('\n');
    });
  };

  it('finds titles like the text through ideas_title_trgm', async () => {
    const text = await plan((s) => s.byTitle(api.store.db));
    assert.match(text, /ideas_title_trgm/, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  });

  it('finds the text within titles and descriptions through ideas_text_trgm', async () => {
    const text = await plan((s) => s.byText(api.store.db));
    assert.match(text, /ideas_text_trgm/, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  });

  it('derives the total of an unfiltered list, and it stays exact after a merge', async () => {
    const ideas = (await api.call('GET', `${WS}/ideas?sort=number&limit=10`)).body.items;
    const merged = await api.as()('POST', `${WS}/ideas/${ideas[1].id}/merge`, {
      intoId: ideas[0].id,
      rationale: 'Same idea.',
      version: ideas[1].version,
    });
    assert.equal(merged.status, 200, merged.text);
    const list = await api.call('GET', `${WS}/ideas?sort=-composite&limit=1`);
    assert.equal(list.status, 200, list.text);
    const [row] = await api.rows<{ n: number }>(
      `select count(*)::int as n from ideas i join workspaces w on w.id = i.workspace_id where w.slug = 'acme' and i.merged_into_id is null`,
    );
    assert.equal(list.body.total, row!.n);
    assert.equal(list.body.total, 2);
    const all = await api.call('GET', `${WS}/ideas?includeMerged=true&limit=1`);
    assert.equal(all.body.total, 3);
  });
});
