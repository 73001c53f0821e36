import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Comment,
  DemandSummary,
  FollowState,
  Idea,
  IdeaCreated,
  IdeaPage,
  InboxPage,
  InboxUnread,
  StoredExperiment,
} from '../../src/schema/index.ts';
import { assertProblem, type Call, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

describe(`working together: comments, following, inbox, "I have this problem too" (${engine()})`, () => {
  let api: TestApi;
  let grace: string;
  let linus: string;
  let vera: string;
  let asGrace: Call;
  let asLinus: Call;
  let asVera: Call;
  let idea: Idea;
  const inbox = async (call: Call, query = '') => {
    const r = await call<InboxPage>('GET', `${WS}/inbox${query}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
  };
  const version = async (ref: string) => (await api.call<Idea>('GET', `${WS}/ideas/${ref}`)).body.version;

  before(async () => {
    api = await startApi();
    grace = await api.member('Grace Hopper', 'grace@acme.example', 'leader');
    linus = await api.member('Linus Pauling', 'linus@acme.example');
    vera = await api.member('Vera Viewer', undefined, 'viewer');
    asGrace = api.as(grace);
    asLinus = api.as(linus);
    asVera = api.as(vera);
    idea = await api.idea({ title: 'Self-serve refunds', description: 'Refunds without a support ticket.' });
  });
  after(() => api.close());

  it('comments with a mention: the mentioned member is told and follows, the submitter is told, the author is not', async () => {
    const r = await asLinus<Comment>('POST', `${WS}/ideas/${idea.number}/comments`, {
      body: 'Support sees this **daily**. @grace hopper, can you check [the tickets](https://support.example/q?a=1&b=2)?',
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.author, { id: linus, name: 'Linus Pauling' });
    assert.deepEqual(r.body.mentions, [{ id: grace, name: 'Grace Hopper' }]);
    assert.equal(
      r.body.html,
      '<p>Support sees this <strong>daily</strong>. <span class="mention">@Grace Hopper</span>, can you check ' +
        '<a href="https://support.example/q?a=1&amp;b=2" rel="nofollow noopener noreferrer">the tickets</a>?</p>',
    );
    const list = await api.call<Comment[]>('GET', `${WS}/ideas/${idea.number}/comments`);
    assert.deepEqual(list.body, [r.body]);

    const graceBox = await inbox(asGrace);
    assert.equal(graceBox.unread, 1);
    assert.deepEqual(
      graceBox.items.map((i) => [i.kind, i.idea.number, i.actor?.name, i.readAt]),
      [['mention', idea.number, 'Linus Pauling', null]],
    );
    assert.match(graceBox.items[0]?.summary ?? '', /^Support sees this \*\*daily\*\*/);
    const ownerBox = await inbox(api.as());
    assert.deepEqual(
      ownerBox.items.map((i) => i.kind),
      ['comment'],
    );
    assert.equal((await inbox(asLinus)).items.length, 0, 'the author is not told of their own comment');
    assert.deepEqual((await asGrace<FollowState>('GET', `${WS}/ideas/${idea.number}/follow`)).body, {
      following: true,
      followers: 3,
    });
    assert.equal((await asGrace<InboxUnread>('GET', `${WS}/inbox/unread`)).body.unread, 1);
  });

  it('renders hostile Markdown as text: no raw HTML, no script or data links, the body kept as written', async () => {
    const hostile = [
      '<script>alert(1)</script><img src=x onerror="alert(2)">',
      '[click](javascript:alert(3)) [data](data:text/html,<b>x</b>) [rel](/admin) [JS](JaVaScRiPt:alert(4))',
      '"><svg onload=alert(5)> `<b>code</b>` [ok](https://ok.example/"onmouseover="x)',
      '```',
      '</code></pre><iframe src=https://evil.example>',
      '```',
    ].join('\n');
    const r = await asLinus<Comment>('POST', `${WS}/ideas/${idea.number}/comments`, { body: hostile });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.body, hostile);
    const posted = (await api.call<Comment[]>('GET', `${WS}/ideas/${idea.number}/comments`)).body[1];
    assert.ok(posted);
    const { html } = posted;
    // Group 1 is not optional in the pattern: every match has it.
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));
    for (const tag of tags) assert.ok(['p', 'br', 'a', 'code', 'pre', 'strong', 'em', 'span'].includes(tag), tag);
    assert.ok(!tags.has('a'), `no link target here is allowed: ${html}`);
    // Whatever was typed is text: no element other than those above, no attribute at all.
    assert.doesNotMatch(html, /<(script|img|svg|iframe)|<[a-z]+ [^>]*=/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<code>&lt;b&gt;code&lt;\/b&gt;<\/code>/);
    assert.match(html, /<pre><code>&lt;\/code&gt;&lt;\/pre&gt;&lt;iframe/);
  });

  it('refuses bad comments with a problem and writes nothing', async () => {
    const before = await api.rows('select count(*)::int as n from comments');
    for (const body of [{ body: '' }, { body: '   \n ' }, { body: 'x'.repeat(5001) }, { text: 'hi' }, {}])
      assertProblem(await asLinus('POST', `${WS}/ideas/${idea.number}/comments`, body), 400);
    assertProblem(await asLinus('POST', `${WS}/ideas/999/comments`, { body: 'hello' }), 404);
    assert.deepEqual(await api.rows('select count(*)::int as n from comments'), before);
  });

  it('follows policy: viewers read and follow but do not comment; the machine names a member for an inbox', async () => {
    assertProblem(await asVera('POST', `${WS}/ideas/${idea.number}/comments`, { body: 'Me!' }), 403);
    assertProblem(await asVera('PUT', `${WS}/ideas/${idea.number}/demand`, {}), 403);
    assert.equal((await asVera('GET', `${WS}/ideas/${idea.number}/comments`)).status, 200);
    const followed = await asVera<FollowState>('PUT', `${WS}/ideas/${idea.number}/follow`);
    assert.equal(followed.status, 200, followed.text);
    assert.deepEqual(followed.body, { following: true, followers: 4 });
    assert.deepEqual((await asVera('PUT', `${WS}/ideas/${idea.number}/follow`)).body, followed.body);
    assertProblem(await api.call('GET', `${WS}/inbox`), 401);
    assertProblem(await api.call('PUT', `${WS}/ideas/${idea.number}/follow`), 401);
    assertProblem(await api.net('GET', `${WS}/inbox`), 401);
    assertProblem(await api.net('GET', `${WS}/ideas/${idea.number}/comments`), 401);
  });

  it('tells followers of decisions, results and merges, and stops telling those who unfollow', async () => {
    assert.equal((await asLinus<FollowState>('DELETE', `${WS}/ideas/${idea.number}/follow`)).body.following, false);
    const decided = await asGrace('POST', `${WS}/ideas/${idea.number}/decisions`, {
      outcome: 'advance',
      rationale: 'Support data shows the pain.',
      reversible: true,
      version: await version(String(idea.number)),
    });
    assert.equal(decided.status, 201, decided.text);
    const base = `${WS}/ideas/${idea.number}`;
    const x = await api.as()<StoredExperiment>('POST', `${base}/experiments`, {
      ref: 'X1',
      hypothesis: 'Customers use self-serve refunds',
      method: 'fake-door',
      metric: 'click-through',
      successThreshold: 0.05,
    });
    assert.equal(x.status, 201, x.text);
    const started = await api.as()<StoredExperiment>('POST', `${base}/experiments/${x.body.id}/start`, {
      version: x.body.version,
    });
    const result = await api.as()('POST', `${base}/experiments/${x.body.id}/result`, {
      observed: 0.07,
      sample: 900,
      version: started.body.version,
    });
    assert.equal(result.status, 200, result.text);
    const duplicate = await api.idea({ title: 'Refund button' }, linus);
    const merged = await asGrace('POST', `${WS}/ideas/${duplicate.number}/merge`, {
      intoId: idea.id,
      rationale: 'Same problem.',
      version: duplicate.version,
    });
    assert.equal(merged.status, 200, merged.text);

    const kinds = async (call: Call) => (await inbox(call)).items.map((i) => `${i.kind} #${i.idea.number}`);
    assert.deepEqual(await kinds(asVera), [`result #${idea.number}`, `decision #${idea.number}`]);
    // Grace decided and merged (not told of her own), and is told of the owner's result.
    assert.deepEqual(await kinds(asGrace), [
      `result #${idea.number}`,
      `comment #${idea.number}`,
      `mention #${idea.number}`,
    ]);
    // Linus unfollowed #1, but submitted the duplicate: he hears of its merge only.
    assert.deepEqual(await kinds(asLinus), [`merge #${duplicate.number}`]);
    const [decision] = (await inbox(asVera)).items.slice(-1);
    assert.equal(decision?.summary, 'Advance: Discovery → Validation. Support data shows the pain.');
    assert.equal((await inbox(asVera)).items[0]?.summary, 'Result of X1 on click-through: 0.07 (sample 900).');
  });

  it('pages the inbox and marks items read: given ones (only the member’s own), or all', async () => {
    const first = await inbox(asGrace, '?limit=2');
    assert.deepEqual(
      first.items.map((i) => i.kind),
      ['result', 'comment'],
    );
    assert.equal(first.next, first.items[1]?.id);
    const second = await inbox(asGrace, `?limit=2&before=${first.next}`);
    assert.deepEqual(
      second.items.map((i) => i.kind),
      ['mention'],
    );
    assert.equal(second.next, null);

    const veraItem = (await inbox(asVera)).items[0]?.id;
    assert.ok(veraItem);
    const read = await asGrace('POST', `${WS}/inbox/read`, { ids: [first.items[0]?.id, veraItem] });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.body, { unread: 2 });
    assert.equal((await inbox(asVera)).unread, 2, "another member's item is not theirs to mark");
    assert.deepEqual(
      (await inbox(asGrace, '?unread=true')).items.map((i) => i.kind),
      ['comment', 'mention'],
    );
    assertProblem(await asGrace('POST', `${WS}/inbox/read`, {}), 400, '/ids');
    assertProblem(await asGrace('POST', `${WS}/inbox/read`, { ids: [veraItem], all: true }), 400, '/all');
    assertProblem(await asGrace('POST', `${WS}/inbox/read`, { ids: ['not-an-id'] }), 400);
    assert.deepEqual((await asGrace('POST', `${WS}/inbox/read`, { all: true })).body, { unread: 0 });
    assert.ok((await inbox(asGrace)).items.every((i) => i.readAt));
  });

  it('counts "I have this problem too" as anecdote-strength demand, never moving the score or the ranking', async () => {
    const rival = await api.idea({ title: 'Refunds by chat' });
    const ranked = async () =>
      (await api.call<IdeaPage>('GET', `${WS}/ideas?sort=-composite`)).body.items.map((i) => [i.number, i.score]);
    const before = await ranked();
    const said = await asGrace<DemandSummary>('PUT', `${WS}/ideas/${rival.number}/demand`, {
      context: 'Every month-end close.',
    });
    assert.equal(said.status, 200, said.text);
    assert.equal(said.body.count, 1);
    assert.equal(said.body.strength, 'anecdote');
    assert.equal(said.body.mine, true);
    assert.deepEqual(
      said.body.signals.map((s) => [s.member.name, s.context]),
      [['Grace Hopper', 'Every month-end close.']],
    );
    const again = await asGrace<DemandSummary>('PUT', `${WS}/ideas/${rival.number}/demand`, {});
    assert.deepEqual(
      again.body.signals.map((s) => [s.member.name, s.context]),
      [['Grace Hopper', null]],
    );
    assert.equal(
      (await asLinus<DemandSummary>('PUT', `${WS}/ideas/${rival.number}/demand`, { context: 'Me too' })).body.count,
      2,
    );
    assert.deepEqual(await ranked(), before);
    const seen = await api.call<DemandSummary>('GET', `${WS}/ideas/${rival.number}/demand`);
    assert.deepEqual([seen.body.count, seen.body.mine], [2, false]);

    const own = await api.as()('PUT', `${WS}/ideas/${rival.number}/demand`, {});
    assertProblem(own, 422);
    assertProblem(
      await asLinus('PUT', `${WS}/ideas/${rival.number}/demand`, { context: 'two\nlines' }),
      400,
      '/context',
    );
    const back = await asLinus<DemandSummary>('DELETE', `${WS}/ideas/${rival.number}/demand`);
    assert.deepEqual([back.body.count, back.body.mine], [1, false]);
  });

  it("never leaks an anonymous submitter's identity through comments, follows or the inbox", async () => {
    const anon = await asLinus<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Anonymous: fix the expense tool',
      anonymous: true,
    });
    assert.equal(anon.status, 201, anon.text);
    const ref = anon.body.idea.number;
    const comment = await asGrace('POST', `${WS}/ideas/${ref}/comments`, { body: 'Who else hits this? @Vera Viewer' });
    assert.equal(comment.status, 201, comment.text);
    await asGrace('POST', `${WS}/ideas/${ref}/decisions`, {
      outcome: 'park',
      rationale: 'Next quarter.',
      reversible: true,
      version: await version(String(ref)),
    });
    const answers = [
      await api.call('GET', `${WS}/ideas/${ref}/comments`),
      await asGrace('GET', `${WS}/ideas/${ref}/follow`),
      await api.call('GET', `${WS}/ideas/${ref}/demand`),
      await api.call('GET', `${WS}/ideas/${ref}`),
      ...[asVera, asGrace, api.as()].map(async (who) =>
        (await inbox(who)).items.filter((i) => i.idea.id === anon.body.idea.id),
      ),
    ];
    const toVera = await answers[4];
    assert.ok(Array.isArray(toVera), "the fifth answer is Vera's inbox items");
    assert.deepEqual(
      toVera.map((i) => i.kind),
      ['decision', 'mention'],
      'Vera, mentioned, is told',
    );
    for (const a of answers) assert.doesNotMatch(JSON.stringify(await a), new RegExp(linus));
    const traces = await api.rows<{ n: number }>(
      `select (select count(*)::int from followers where idea_id = '${anon.body.idea.id}' and member_id = '${linus}')
            + (select count(*)::int from inbox_items where idea_id = '${anon.body.idea.id}' and member_id = '${linus}') as n`,
    );
    assert.deepEqual(traces, [{ n: 0 }]);
    assert.deepEqual((await asGrace<FollowState>('GET', `${WS}/ideas/${ref}/follow`)).body.followers, 2);
  });
});
