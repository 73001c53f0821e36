import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withheldMessage } from '../../src/domain/leadership/index.ts';
import { TRAIT_IDS } from '../../src/methodology/index.ts';
import type {
  AuditPage,
  Cycle,
  LinkRatingInfo,
  Plan,
  RaterInvited,
  RatingAnswer,
  RatingRequest,
  TraitFramework,
  TraitInsights,
} from '../../src/schema/index.ts';
import { assertProblem, type Call, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * Leadership growth through the API: a full 360 cycle (self, five raters by account, a one-time link), the
 * thresholded summary, the weakest trait and a plan; and privacy, tried from the other side: an owner, the
 * machine's own user, the audit log and the export never show a rater's answer, and a group of two never
 * shows, not even through how the person's own view changes while answers come in.
 */

const PEER_SECRET = 'PEER-SECRET';
const REPORT_EXAMPLE = 'Ran the kill-criteria review for idea #3';

/** Self 4 on everything but commercial acumen (2); an example on the first trait. */
const selfRatings = TRAIT_IDS.map((trait) => ({
  trait,
  score: trait === 'commercial-acumen' ? 2 : 4,
  ...(trait === 'product-user-sense' ? { example: 'Changed the onboarding after five interviews' } : {}),
}));
/** A rater's answer: `base` everywhere, innovation streamlining one lower (the weakest for others). */
const answer = (base: number, example?: string) => ({
  ratings: TRAIT_IDS.map((trait) => ({
    trait,
    score: trait === 'innovation-streamlining' ? base - 1 : base,
    ...(example ? { example } : {}),
  })),
});

describe(`leadership: 360 cycle, summary, plan, privacy (${engine()})`, () => {
  let api: TestApi;
  let sam: Call;
  let ada: Call;
  const ids: Record<string, string> = {};
  let cycle: Cycle;
  let linkCode = '';

  before(async () => {
    api = await startApi();
    ada = api.as();
    for (const name of ['Sam', 'Pia', 'Per', 'Rui', 'Rob', 'Ria', 'Max']) ids[name] = await api.member(name);
    sam = api.as(ids.Sam);
  });
  after(() => api.close());

  it('serves the framework as data, with anchors for every trait', async () => {
    const r = await api.net<TraitFramework>('GET', '/api/traits/framework');
    assert.equal(r.status, 200);
    assert.equal(r.body.traits.length, 9);
    assert.ok(r.body.traits.every((t) => t.anchors.length === 5));
    assert.equal(r.body.minRatersPerGroup, 3);
  });

  it('opens one cycle at a time and takes the self assessment, refusing bad input whole', async () => {
    const opened = await sam<Cycle>('POST', '/api/workspaces/acme/traits/cycles');
    assert.equal(opened.status, 201, opened.text);
    assertProblem(await sam('POST', '/api/workspaces/acme/traits/cycles'), 422);
    cycle = opened.body;
    const url = `/api/workspaces/acme/traits/cycles/${cycle.id}/self`;
    assertProblem(
      await sam('PUT', url, { version: cycle.version, ratings: [{ trait: 'innovation-mindset', score: 6 }] }),
      400,
      '/ratings/0/score',
    );
    const twice = await sam('PUT', url, {
      version: cycle.version,
      ratings: [
        { trait: 'innovation-mindset', score: 3 },
        { trait: 'innovation-mindset', score: 4 },
      ],
    });
    assertProblem(twice, 400, '/ratings/1/trait');
    const unchanged = await sam<Cycle>('GET', `/api/workspaces/acme/traits/cycles/${cycle.id}`);
    assert.deepEqual(unchanged.body.self, []);
    assert.equal(unchanged.body.version, cycle.version);
    const put = await sam<Cycle>('PUT', url, { version: cycle.version, ratings: selfRatings });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.self.length, 9);
    assertProblem(await sam('PUT', url, { version: cycle.version, ratings: selfRatings }), 409);
    cycle = put.body;
  });

  it('before any 360, the weakest trait is the lowest self rating', async () => {
    const r = await sam<TraitInsights>('GET', '/api/workspaces/acme/traits/insights');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.closed, false);
    assert.equal(r.body.weakest.basis, 'self');
    assert.equal(r.body.weakest.weakest?.trait, 'commercial-acumen');
  });

  it('invites raters by account and by one-time link', async () => {
    const invite = async (body: Record<string, unknown>) => {
      const r = await sam<RaterInvited>('POST', `/api/workspaces/acme/traits/cycles/${cycle.id}/raters`, {
        version: cycle.version,
        ...body,
      });
      assert.equal(r.status, 201, r.text);
      cycle = r.body.cycle;
      return r.body;
    };
    for (const n of ['Pia', 'Per']) assert.equal((await invite({ group: 'peer', memberId: ids[n] })).link, null);
    for (const n of ['Rui', 'Rob', 'Ria']) await invite({ group: 'report', memberId: ids[n] });
    await invite({ group: 'manager', memberId: ids.Max });
    const link = await invite({ group: 'cross-functional', label: 'Lena from sales' });
    assert.ok(link.link, 'a link is made when no member is named');
    assert.match(link.link.url, /\/rate#/);
    linkCode = link.link.code;
    assert.equal(cycle.raters.length, 7);
    assert.deepEqual(Object.keys(cycle.raters[0]!).sort(), ['group', 'id', 'name', 'via']);
    // Asking yourself, or the same member twice, is refused; nothing is added.
    const self = await sam('POST', `/api/workspaces/acme/traits/cycles/${cycle.id}/raters`, {
      version: cycle.version,
      group: 'peer',
      memberId: ids.Sam,
    });
    assertProblem(self, 422);
    const again = await sam('POST', `/api/workspaces/acme/traits/cycles/${cycle.id}/raters`, {
      version: cycle.version,
      group: 'report',
      memberId: ids.Pia,
    });
    assertProblem(again, 422);
  });

  it("takes each rater's answer once, and the person's own view does not move while answers come in", async () => {
    const view = async () => (await sam<Cycle>('GET', `/api/workspaces/acme/traits/cycles/${cycle.id}`)).body;
    const insight = async () => (await sam<TraitInsights>('GET', '/api/workspaces/acme/traits/insights')).body;
    const before = { cycle: await view(), insights: await insight() };
    const answerAs = async (name: string, body: RatingAnswer) => {
      const requests = await api.as(ids[name])<RatingRequest[]>('GET', '/api/workspaces/acme/traits/requests');
      assert.equal(requests.status, 200, requests.text);
      assert.equal(requests.body.length, 1);
      const [request] = requests.body;
      assert.ok(request);
      assert.equal(request.subject, 'Sam');
      const r = await api.as(ids[name])('POST', `/api/workspaces/acme/traits/requests/${request.id}`, body);
      assert.equal(r.status, 204, r.text);
      // Every answer leaves the person's view exactly as it was: no count, no time, no partial summary.
      assert.deepEqual(await view(), before.cycle);
      assert.deepEqual(await insight(), before.insights);
      return request.id;
    };
    const piaRequest = await answerAs('Pia', answer(2, `${PEER_SECRET} one`));
    await answerAs('Per', answer(2, `${PEER_SECRET} two`));
    for (const n of ['Rui', 'Rob', 'Ria']) await answerAs(n, answer(3, REPORT_EXAMPLE));
    const max = await api.as(ids.Max)<RatingRequest[]>('GET', '/api/workspaces/acme/traits/requests');
    const [maxRequest] = max.body;
    assert.ok(maxRequest);
    assert.equal(maxRequest.asksConsent, true);
    const consented = await api.as(ids.Max)('POST', `/api/workspaces/acme/traits/requests/${maxRequest.id}`, {
      ...answer(4),
      consent: true,
    });
    assert.equal(consented.status, 204);
    assertProblem(await api.as(ids.Pia)('POST', `/api/workspaces/acme/traits/requests/${piaRequest}`, answer(5)), 422);
    // Someone else's request is not found, whoever asks, the owner included.
    assertProblem(await ada('POST', `/api/workspaces/acme/traits/requests/${piaRequest}`, answer(5)), 404);

    const info = await api.net<LinkRatingInfo>('POST', '/api/traits/link/inspect', { code: linkCode });
    assert.equal(info.status, 200, info.text);
    assert.equal(info.body.subject, 'Sam');
    assert.equal(info.body.group, 'cross-functional');
    assert.equal((await api.net('POST', '/api/traits/link/answer', { code: linkCode, ...answer(3) })).status, 204);
    assertProblem(await api.net('POST', '/api/traits/link/answer', { code: linkCode, ...answer(3) }), 404);
    assert.deepEqual(await view(), before.cycle);
  });

  it('summarises a closed cycle per group: three reports shown, two peers withheld and left out of every figure', async () => {
    const closed = await sam<Cycle>('POST', `/api/workspaces/acme/traits/cycles/${cycle.id}/close`, {
      version: cycle.version,
    });
    assert.equal(closed.status, 200, closed.text);
    assert.ok(closed.body.closedAt);
    const r = await sam<TraitInsights>('GET', '/api/workspaces/acme/traits/insights');
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(PEER_SECRET), 'a peer example leaked');
    for (const t of r.body.traits) {
      const byGroup = Object.fromEntries(t.groups.map((g) => [g.group, g]));
      assert.deepEqual(byGroup.peer, { group: 'peer', shown: false, message: withheldMessage('peer') });
      assert.deepEqual(byGroup['cross-functional'], {
        group: 'cross-functional',
        shown: false,
        message: withheldMessage('cross-functional'),
      });
      const { report, manager } = byGroup;
      assert.ok(report?.shown === true, `reports shown: ${JSON.stringify(report)}`);
      assert.equal(report.raters, 3);
      assert.deepEqual(report.examples, [REPORT_EXAMPLE, REPORT_EXAMPLE, REPORT_EXAMPLE]);
      // Only a shown group says whether it is attributed.
      assert.ok(manager?.shown === true, `manager shown: ${JSON.stringify(manager)}`);
      assert.equal(manager.attributed, true);
      // Others' mean: three reports and the consenting manager, never the two peers.
      const expected = t.trait === 'innovation-streamlining' ? (2 * 3 + 3) / 4 : (3 * 3 + 4) / 4;
      assert.equal(t.othersMean, expected);
      assert.equal(t.othersRatings, 4);
    }
    assert.equal(r.body.weakest.basis, 'others');
    assert.equal(r.body.weakest.weakest?.trait, 'innovation-streamlining');
    // Self 4 against others 3.25 is under the margin; commercial acumen self 2 against 3.25 is a hidden strength.
    assert.deepEqual(
      r.body.hiddenStrengths.map((g) => g.trait),
      ['commercial-acumen'],
    );
    assert.equal(r.body.trends[0]?.points.length, 1);
    // A closed cycle takes no more changes.
    assertProblem(
      await sam('PUT', `/api/workspaces/acme/traits/cycles/${cycle.id}/self`, {
        version: closed.body.version,
        ratings: selfRatings,
      }),
      422,
    );
  });

  it('makes a plan for the weakest trait at the career stage, with cards, notes and check-ins', async () => {
    assertProblem(await sam('GET', '/api/workspaces/acme/plan'), 404);
    assertProblem(await sam('POST', '/api/workspaces/acme/plan', { stage: 'always' }), 400, '/stage');
    const made = await sam<Plan>('POST', '/api/workspaces/acme/plan', { stage: 'mid', idea: 'idea #14' });
    assert.equal(made.status, 201, made.text);
    const plan = made.body;
    assert.ok(plan.plan.goals.length >= 2 && plan.plan.goals.length <= 3);
    assert.equal(plan.plan.goals[0]?.trait, 'innovation-streamlining');
    assert.equal(plan.plan.goals[0]?.target, 3);
    assert.ok(plan.cards.length > 0 && plan.cards.every((c) => c.body.length > 0));
    assert.equal(plan.plan.checkInOn > plan.plan.createdOn, true);
    const noted = await sam<Plan>('POST', '/api/workspaces/acme/plan/notes', {
      version: plan.version,
      text: 'Ran my first gate review',
      checkIn: true,
    });
    assert.equal(noted.status, 200, noted.text);
    assert.equal(noted.body.plan.notes[0]?.text, 'Ran my first gate review');
    assertProblem(await sam('POST', '/api/workspaces/acme/plan/notes', { version: plan.version, text: 'late' }), 409);
    assertProblem(
      await sam('POST', '/api/workspaces/acme/plan/notes', { version: noted.body.version, text: '  ' }),
      400,
    );
    assert.equal((await sam<Plan>('GET', '/api/workspaces/acme/plan')).body.version, noted.body.version);
  });

  it("refuses an owner and the machine's own user everything of Sam's, through every route", async () => {
    const samCycle = `/api/workspaces/acme/traits/cycles/${cycle.id}`;
    assertProblem(await ada('GET', samCycle), 404);
    assertProblem(await ada('PUT', `${samCycle}/self`, { version: 1, ratings: selfRatings }), 404);
    assertProblem(await ada('POST', `${samCycle}/close`, { version: 1 }), 404);
    assertProblem(await ada('POST', `${samCycle}/raters`, { version: 1, group: 'peer' }), 404);
    // The owner's own reads answer the owner's data: nothing of Sam's.
    assert.deepEqual((await ada('GET', '/api/workspaces/acme/traits/cycles')).body, []);
    assert.equal((await ada<TraitInsights>('GET', '/api/workspaces/acme/traits/insights')).body.cycleId, null);
    assertProblem(await ada('GET', '/api/workspaces/acme/plan'), 404);
    for (const url of ['/api/workspaces/acme/traits/insights', '/api/workspaces/acme/plan', samCycle]) {
      assertProblem(await api.call('GET', url), 401);
    }
  });

  it('keeps answers, examples and their times out of the audit log and the export', async () => {
    const audit = await ada<AuditPage>('GET', '/api/workspaces/acme/audit?limit=200');
    assert.equal(audit.status, 200, audit.text);
    const csv = await ada('GET', '/api/workspaces/acme/audit?format=csv&limit=200');
    const exported = await ada('GET', '/api/workspaces/acme/export');
    assert.equal(exported.status, 200);
    for (const text of [audit.text, csv.text, exported.text]) {
      for (const secret of [PEER_SECRET, REPORT_EXAMPLE, 'Changed the onboarding', 'Ran my first gate review']) {
        assert.ok(!text.includes(secret), `"${secret}" leaked`);
      }
    }
    const actions = audit.body.items.map((e) => e.action);
    assert.ok(!actions.some((a) => a.includes('/traits/requests/') || a.includes('/traits/link')));
    const mine = audit.body.items.filter((e) => e.action.includes('/traits/') || e.action.includes('/plan'));
    assert.ok(mine.length > 0, "the person's own writes are recorded");
    assert.ok(mine.every((e) => e.before === null && e.after === null));
  });

  it('reassesses in a new cycle, with a trend over closed cycles', async () => {
    const next = await sam<Cycle>('POST', '/api/workspaces/acme/traits/cycles');
    assert.equal(next.status, 201);
    const put = await sam<Cycle>('PUT', `/api/workspaces/acme/traits/cycles/${next.body.id}/self`, {
      version: next.body.version,
      ratings: selfRatings.map((r) => ({ ...r, score: 5 })),
    });
    const closed = await sam('POST', `/api/workspaces/acme/traits/cycles/${next.body.id}/close`, {
      version: put.body.version,
    });
    assert.equal(closed.status, 200);
    const r = await sam<TraitInsights>('GET', '/api/workspaces/acme/traits/insights');
    const trend = r.body.trends.find((t) => t.trait === 'product-user-sense');
    assert.ok(trend, r.text);
    assert.equal(trend.points.length, 2);
    assert.deepEqual(trend.self, { from: 4, to: 5, delta: 1, direction: 'up' });
    assert.equal((await sam<Cycle[]>('GET', '/api/workspaces/acme/traits/cycles')).body.length, 2);
  });
});
