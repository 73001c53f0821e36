import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  Idea,
  IdeaCreated,
  IdeaPage,
  Objective,
  Roadmap,
  RoadmapShare,
  RoadmapShareCreated,
} from '../../src/schema/index.ts';
import { assertProblem, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

/** Issue 14, point 6 through the API: Now / Next / Later, and a read-only share link that can be revoked. */
describe(`roadmap API: Now / Next / Later and share links (${engine()})`, () => {
  let api: TestApi;
  let leader: string;
  let viewer: string;
  let code: string;
  let shareId: string;
  const decide = async (number: number, body: Record<string, unknown>) => {
    const idea = (await api.call<Idea>('GET', `${WS}/ideas/${number}`)).body;
    const r = await api.as(leader)('POST', `${WS}/ideas/${number}/decisions`, {
      rationale: 'Because the evidence says so.',
      reversible: true,
      version: idea.version,
      ...body,
    });
    assert.equal(r.status, 201, r.text);
  };
  const titles = (roadmap: Roadmap) =>
    Object.fromEntries(roadmap.columns.map((c) => [c.id, c.items.map((i) => i.title)]));

  before(async () => {
    api = await startApi();
    leader = await api.member('Lena Leader', 'lena@acme.example', 'leader');
    viewer = await api.member('Vera Viewer', 'vera@acme.example', 'viewer');
    const build = await api.idea({ title: 'Build: payment links' });
    const test = await api.idea({ title: 'Test: reminder cadence' });
    await api.idea({ title: 'Understand: why clinics pay late' });
    const park = await api.idea({ title: 'Parked: paper invoices' });
    const kill = await api.idea({ title: 'Killed: fax reminders' });
    const anonymous = await api.as()<IdeaCreated>('POST', `${WS}/ideas`, {
      title: 'Anonymous: pay by QR code',
      anonymous: true,
    });
    assert.equal(anonymous.status, 201, anonymous.text);
    await decide(build.number, { outcome: 'advance' });
    await decide(build.number, { outcome: 'advance' });
    await decide(test.number, { outcome: 'advance' });
    await decide(anonymous.body.idea.number, { outcome: 'advance' });
    await decide(park.number, { outcome: 'park', reviewOn: '2027-03-01' });
    await decide(kill.number, { outcome: 'kill' });
    const o = await api.as(leader)<Objective>('POST', `${WS}/objectives`, {
      title: 'Get paid faster',
      keyMetric: 'Median days to payment',
      owner: leader,
    });
    const idea = (await api.call<Idea>('GET', `${WS}/ideas/${build.number}`)).body;
    const link = await api.as()('PUT', `${WS}/ideas/${build.number}/objectives`, {
      version: idea.version,
      objectives: [o.body.id],
    });
    assert.equal(link.status, 200, link.text);
  });
  after(() => api.close());

  it('puts ideas in Now, Next or Later by stage, dated by the decision that put them there', async () => {
    const r = await api.as(viewer)<Roadmap>('GET', `${WS}/roadmap`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(titles(r.body), {
      now: ['Build: payment links'],
      next: ['Test: reminder cadence', 'Anonymous: pay by QR code'],
      later: ['Understand: why clinics pay late', 'Parked: paper invoices'],
    });
    const now = r.body.columns[0]?.items[0];
    assert.ok(now, 'Now holds an idea');
    assert.deepEqual(now.objectives, ['Get paid faster']);
    assert.match(now.since, /^\d{4}-\d{2}-\d{2}$/);
    const parked = r.body.columns[2]?.items.find((i) => i.stage === 'parked');
    assert.equal(parked?.reviewOn, '2027-03-01');
  });

  it('lets leaders make a share link and refuses viewers and contributors', async () => {
    assertProblem(await api.as(viewer)('POST', `${WS}/roadmap/shares`, { label: 'Board' }), 403);
    assertProblem(await api.as(viewer)('GET', `${WS}/roadmap/shares`), 403);
    assertProblem(await api.as(leader)('POST', `${WS}/roadmap/shares`, { label: ' ' }), 400, '/label');
    const made = await api.as(leader)<RoadmapShareCreated>('POST', `${WS}/roadmap/shares`, {
      label: 'Board of directors',
    });
    assert.equal(made.status, 201, made.text);
    code = made.body.code;
    shareId = made.body.share.id;
    assert.ok(made.body.url.endsWith(`/roadmap#${code}`));
    const [stored] = await api.rows<{ secret_hash: string }>('select secret_hash from roadmap_shares');
    assert.notEqual(stored!.secret_hash, code, 'only a hash of the code is stored');
    assert.ok(!JSON.stringify(await api.dump()).includes(code), 'the code is nowhere in the database');
    const list = await api.as(leader)<RoadmapShare[]>('GET', `${WS}/roadmap/shares`);
    assert.deepEqual(
      list.body.map((s) => [s.label, s.revokedAt]),
      [['Board of directors', null]],
    );
    assert.ok(!list.text.includes(code));
  });

  it('shows the roadmap through the link without an account, and nothing of ids or submitters', async () => {
    const shared = await api.net('POST', '/api/roadmap/shared', { code });
    assert.equal(shared.status, 200, shared.text);
    const own = (await api.call('GET', `${WS}/roadmap`)).body;
    assert.deepEqual(shared.body, own);
    const ideas = (await api.call<IdeaPage>('GET', `${WS}/ideas?limit=50`)).body.items;
    for (const i of ideas) assert.ok(!shared.text.includes(i.id), `idea id ${i.id} is not shown`);
    for (const name of ['Lena Leader', api.owner.name, 'Vera Viewer'])
      assert.ok(!shared.text.includes(name), `${name} is not shown`);
    assert.ok(!/"id"|"submitter"|"workspaceId"/.test(shared.text.replace(/"id":"(now|next|later)"/g, '')));
  });

  it('opens nothing else: the code is no credential for any other route', async () => {
    const bearer = { authorization: `Bearer ${code}` };
    for (const url of [`${WS}/roadmap`, `${WS}/ideas`, `${WS}/strategy`, `${WS}/ideas/1`])
      assertProblem(await api.net('GET', url, undefined, bearer), 401);
    assertProblem(await api.net('POST', `${WS}/ideas`, { title: 'Sneaked in' }, bearer), 401);
    assertProblem(await api.net('POST', '/api/roadmap/shared', { code: `${code}x` }), 404);
  });

  it('stops working once revoked', async () => {
    assertProblem(await api.as(viewer)('POST', `${WS}/roadmap/shares/${shareId}/revoke`), 403);
    const revoked = await api.as(leader)<RoadmapShare>('POST', `${WS}/roadmap/shares/${shareId}/revoke`);
    assert.equal(revoked.status, 200, revoked.text);
    assert.ok(revoked.body.revokedAt);
    assertProblem(await api.net('POST', '/api/roadmap/shared', { code }), 404);
    const again = await api.as(leader)<RoadmapShare>('POST', `${WS}/roadmap/shares/${shareId}/revoke`);
    assert.equal(again.body.revokedAt, revoked.body.revokedAt, 'revoking twice keeps the first time');
    assertProblem(await api.as(leader)('POST', `${WS}/roadmap/shares/not-a-share/revoke`), 404);
  });

  it('leaves archived and merged ideas off the roadmap', async () => {
    const ideas = (await api.call<IdeaPage>('GET', `${WS}/ideas?limit=50`)).body.items;
    const byTitle = (t: string) => ideas.find((i) => i.title === t)!;
    const understand = byTitle('Understand: why clinics pay late');
    const archived = await api.as()('POST', `${WS}/ideas/${understand.number}/archive`, {
      version: understand.version,
    });
    assert.equal(archived.status, 200, archived.text);
    const dup = await api.idea({ title: 'Test: reminder cadence, again' });
    const into = byTitle('Test: reminder cadence');
    const merged = await api.as(leader)('POST', `${WS}/ideas/${dup.id}/merge`, {
      intoId: into.id,
      rationale: 'Same idea.',
      version: dup.version,
    });
    assert.equal(merged.status, 200, merged.text);
    const r = await api.call<Roadmap>('GET', `${WS}/roadmap`);
    assert.deepEqual(titles(r.body), {
      now: ['Build: payment links'],
      next: ['Test: reminder cadence', 'Anonymous: pay by QR code'],
      later: ['Parked: paper invoices'],
    });
  });

  it('lists the first hundred of a column and counts the rest', async () => {
    const csv = ['title', ...Array.from({ length: 101 }, (_, i) => `Imported idea ${i + 1}`)].join('\n');
    const imported = await api.as()('POST', `${WS}/import`, csv, { 'content-type': 'text/csv' });
    assert.equal(imported.status, 200, imported.text);
    const later = (await api.call<Roadmap>('GET', `${WS}/roadmap`)).body.columns[2];
    assert.ok(later, 'the roadmap has a Later column');
    assert.equal(later.items.length, 100);
    assert.equal(later.more, 2);
  });
});
