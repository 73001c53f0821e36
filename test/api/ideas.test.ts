import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Idea, IdeaCreated, IdeaPage, SimilarIdea } from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';
const statement = {
  object: 'refund button',
  users: 'shoppers',
  doesWhat: 'returns money in one click',
  goal: 'cut support tickets',
  value: 'getting money back fast',
  situation: 'an order goes wrong',
};

describe(`ideas API (${engine()})`, () => {
  let api: TestApi;
  let grace: string;
  const list = async (query: string, as = api.as()) => {
    const r = await as<IdeaPage>('GET', `${WS}/ideas?${query}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const numbers = async (query: string) => (await list(query)).items.map((i) => i.number);

  before(async () => {
    api = await startApi();
    grace = await api.member('Grace Hopper');
  });
  after(() => api.close());

  it('creates an idea with the actor as submitter and follower', async () => {
    const r = await api.as()<IdeaCreated>('POST', `${WS}/ideas`, {
      title: '  Self-serve refunds  ',
      description: 'Let shoppers refund themselves.',
      tags: ['support', 'payments'],
      statement,
    });
    assert.equal(r.status, 201, r.text);
    const idea = r.body.idea;
    assert.equal(idea.title, 'Self-serve refunds');
    assert.equal(idea.stage, 'discovery');
    assert.equal(idea.channel, 'api');
    assert.equal(idea.anonymous, false);
    assert.deepEqual(idea.submitter, api.owner);
    assert.deepEqual(idea.statement, statement);
    assert.equal(idea.number, 1);
    assert.equal(idea.version, 1);
    assert.deepEqual(idea.score, { composite: null, adjusted: null, coverage: 0, assessors: 0 });
    assert.equal(r.body.receiptCode, undefined);
    assert.deepEqual(r.body.similar, []);
    const followers = await api.rows(`select member_id from followers where idea_id = '${idea.id}'`);
    assert.deepEqual(followers, [{ member_id: api.owner.id }]);
  });

  it('refuses a named submission without an actor, and an unknown actor', async () => {
    assertProblem(await api.call('POST', `${WS}/ideas`, { title: 'Who am I' }), 401);
    assertProblem(await api.as('00000000-0000-4000-8000-000000000000')('POST', `${WS}/ideas`, { title: 'Ghost' }), 403);
    assert.equal((await api.rows(`select id from ideas where title in ('Who am I', 'Ghost')`)).length, 0);
  });

  it('gets an idea by id, by number and by #number, with its version as ETag', async () => {
    const created = (await api.call<Idea>('GET', `${WS}/ideas/1`)).body;
    for (const ref of [created.id, '%231']) {
      const r = await api.as()<Idea>('GET', `${WS}/ideas/${ref}`);
      assert.equal(r.status, 200, `${ref}: ${r.text}`);
      assert.equal(r.body.id, created.id);
      assert.equal(r.headers.etag, `"${created.version}"`);
    }
    assertProblem(await api.call('GET', `${WS}/ideas/999`), 404);
    assertProblem(await api.call('GET', `${WS}/ideas/not-an-idea`), 404);
    assertProblem(await api.call('GET', `${WS}/ideas/00000000-0000-4000-8000-000000000000`), 404);
    // An idea is only found in its own workspace.
    await api.as()('POST', '/api/workspaces', { slug: 'other', name: 'Other' });
    assertProblem(await api.call('GET', `/api/workspaces/other/ideas/${created.id}`), 404);
  });

  it('answers a repeated GET with the same ETag as the first', async () => {
    const url = `${WS}/ideas/1`;
    const first = await api.as(grace)<Idea>('GET', url);
    const second = await api.as(grace)('GET', url);
    assert.equal(first.headers.etag, `"${first.body.version}"`);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.etag, first.headers.etag);
  });

  it('edits an idea with its version (field or If-Match), bumping the version', async () => {
    const idea = (await api.call<Idea>('GET', `${WS}/ideas/1`)).body;
    const r = await api.as(grace)<Idea>('PATCH', `${WS}/ideas/1`, {
      version: idea.version,
      title: 'Self-serve refunds v2',
      tags: ['support'],
      rice: { reach: 1000, impact: 2, confidence: 0.5, effort: 4 },
      ice: { impact: 5, confidence: 4, ease: 3 },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.title, 'Self-serve refunds v2');
    assert.deepEqual(r.body.tags, ['support']);
    assert.deepEqual(r.body.ice, { impact: 5, confidence: 4, ease: 3 });
    assert.equal(r.body.version, idea.version + 1);
    assert.deepEqual(r.body.submitter, api.owner); // editing does not change who submitted it
    assert.ok(r.body.updatedAt > idea.updatedAt);
    assert.deepEqual(r.body.statement, statement); // fields not sent are kept

    const etag = (await api.call('GET', `${WS}/ideas/1`)).headers.etag as string;
    const viaHeader = await api.as()<Idea>(
      'PATCH',
      `${WS}/ideas/1`,
      { description: 'Now with If-Match.' },
      { 'if-match': etag },
    );
    assert.equal(viaHeader.status, 200, viaHeader.text);
    assert.equal(viaHeader.body.version, idea.version + 2);
    const cleared = await api.as()<Idea>('PATCH', `${WS}/ideas/1`, {
      version: idea.version + 2,
      statement: null,
      ice: null,
    });
    assert.equal(cleared.status, 200, cleared.text);
    assert.equal(cleared.body.statement, null);
    assert.equal(cleared.body.ice, null);
    assert.deepEqual(cleared.body.rice, { reach: 1000, impact: 2, confidence: 0.5, effort: 4 });
    assertProblem(await api.call('PATCH', `${WS}/ideas/1`, { version: idea.version + 3, title: 'x' }), 401);
  });

  it('lists with pagination that covers every idea exactly once', async () => {
    const titles = [
      'Invoice matching assistant',
      'Dark mode for the dashboard',
      'Bulk export of orders',
      'Usage-based pricing calculator',
      'Churn early warning',
      'Supplier onboarding portal',
      'Discount for 50% off bundles',
    ];
    for (const [i, title] of titles.entries()) {
      await api.idea(
        { title, tags: i % 2 ? ['growth'] : ['ops'], description: i === 4 ? 'Predict CANCELLATIONS early.' : '' },
        i < 3 ? grace : undefined,
      );
    }
    const all = await list('sort=number&limit=200');
    assert.equal(all.total, 8);
    assert.deepEqual(
      all.items.map((i) => i.number),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    const seen: number[] = [];
    for (let offset = 0; offset < 8; offset += 3) {
      const page = await list(`sort=number&limit=3&offset=${offset}`);
      assert.equal(page.total, 8);
      assert.equal(page.limit, 3);
      assert.equal(page.offset, offset);
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((i) => i.number));
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8]);
    const past = await list('offset=50');
    assert.equal(past.total, 8);
    assert.deepEqual(past.items, []);
    const defaults = await list('');
    assert.equal(defaults.limit, 50);
    assert.equal(defaults.offset, 0);
  });

  it('filters by tag, by text (title and description, case-insensitive, literal % and _) and by stage', async () => {
    assert.deepEqual(await numbers('tag=growth&sort=number'), [3, 5, 7]);
    assert.deepEqual(await numbers('tag=ops&sort=number'), [2, 4, 6, 8]);
    assert.deepEqual(await numbers('tag=nothing'), []);
    assert.deepEqual(await numbers('q=EXPORT'), [4]);
    assert.deepEqual(await numbers('q=cancellations'), [6]); // found in the description
    assert.deepEqual(await numbers('q=50%25'), [8]); // "50%" matches only the literal text
    assert.deepEqual(await numbers('q=%25%25'), []);
    assert.deepEqual(await numbers('q=_'), []);

    const idea = (await api.call<Idea>('GET', `${WS}/ideas/5`)).body;
    const d = await api.as()('POST', `${WS}/ideas/5/decisions`, {
      outcome: 'park',
      rationale: 'Not this quarter.',
      reversible: true,
      version: idea.version,
    });
    assert.equal(d.status, 201, d.text);
    assert.deepEqual(await numbers('stage=parked'), [5]);
    assert.ok(!(await numbers('stage=discovery&limit=200')).includes(5));
    assert.deepEqual(await numbers('stage=parked&tag=ops'), []);
    assert.deepEqual(await numbers('stage=discovery&tag=growth&sort=number'), [3, 7]);
  });

  it('sorts by number, update time, composite and adjusted score, with unscored ideas last when descending', async () => {
    assert.deepEqual(await numbers('sort=-number&limit=3'), [8, 7, 6]);
    // Touch idea 2: it becomes the most recently updated.
    const two = (await api.call<Idea>('GET', `${WS}/ideas/2`)).body;
    await api.as()('PATCH', `${WS}/ideas/2`, { version: two.version, description: 'touched' });
    assert.equal((await numbers('sort=-updated'))[0], 2);
    assert.equal((await numbers(''))[0], 2); // the default order is -updated
    assert.equal((await numbers('sort=updated&limit=200')).at(-1), 2);

    // Score three ideas: 3 high, 4 middle, 6 low (one dimension each, same weight, no evidence).
    const score = async (n: number, value: number) => {
      const r = await api.as()('PUT', `${WS}/ideas/${n}/assessments/mine`, {
        scores: { feasibility: { score: value, confidence: 'high' } },
      });
      assert.equal(r.status, 200, r.text);
    };
    await score(3, 5);
    await score(4, 3);
    await score(6, 1);
    assert.deepEqual((await numbers('sort=-composite')).slice(0, 3), [3, 4, 6]);
    assert.deepEqual((await numbers('sort=-adjusted')).slice(0, 3), [3, 4, 6]);
    const ascending = await numbers('sort=composite&limit=200');
    assert.deepEqual(ascending.slice(-3), [6, 4, 3]);
    const page = await list('sort=-composite&limit=200');
    const scored = page.items.filter((i) => i.score.composite !== null);
    assert.equal(scored.length, 3);
    assert.ok(page.items.slice(3).every((i) => i.score.composite === null));
  });

  it('lists only the acting member\u2019s own submissions with mine=true', async () => {
    const mine = await list('mine=true&sort=number', api.as(grace));
    assert.deepEqual(
      mine.items.map((i) => i.number),
      [2, 3, 4],
    );
    assert.ok(mine.items.every((i) => i.submitter?.id === grace));
    const owners = await list('mine=true&sort=number', api.as());
    assert.deepEqual(
      owners.items.map((i) => i.number),
      [1, 5, 6, 7, 8],
    );
    assertProblem(await api.call('GET', `${WS}/ideas?mine=true`), 401);
  });

  it('finds similar ideas, at submission and by search, and not unrelated ones', async () => {
    const r = await api.call<SimilarIdea[]>(
      'GET',
      `${WS}/ideas/similar?text=${encodeURIComponent('matching invoices automatically')}`,
    );
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body[0]?.number, 2, r.text);
    for (const s of r.body) assert.ok(s.similarity >= 0 && s.similarity <= 1);
    assert.ok(!r.body.some((s) => s.number === 3), 'dark mode is not similar to invoice matching');

    const none = await api.call('GET', `${WS}/ideas/similar?text=${encodeURIComponent('quantum teleportation')}`);
    assert.deepEqual(none.body, []);
    const limited = await api.call<SimilarIdea[]>(
      'GET',
      `${WS}/ideas/similar?text=refunds%20portal%20onboarding&limit=1`,
    );
    assert.ok(limited.body.length <= 1);

    const created = await api.call<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Dark mode for dashboards',
      anonymous: true,
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.similar[0]?.number, 3, created.text);
    assertProblem(await api.call('GET', `${WS}/ideas/similar`), 400, 'querystring:/text');
  });
});
