import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { pulseWithheldMessage } from '../../src/domain/leadership/index.ts';
import { PULSE_STATEMENTS, TRAIT_IDS } from '../../src/methodology/index.ts';
import type {
  AuditPage,
  Cycle,
  Member,
  Plan,
  PulseOverview,
  PulseRound,
  RaterInvited,
  RatingRequest,
  Share,
  TeamView,
  TraitInsights,
} from '../../src/schema/index.ts';
import { assertProblem, type Call, startApi, type TestApi } from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

/**
 * The team side of leadership growth: the team view shows only people who shared, only their thresholded
 * others' mean; the pulse is answered anonymously, once, and shown only once closed with at least 5 answers.
 */

const all = (score: number) => ({ ratings: TRAIT_IDS.map((trait) => ({ trait, score })) });

describe(`leadership: team view and pulse (${engine()})`, () => {
  let api: TestApi;
  const ids: Record<string, string> = {};
  const as = (name: string): Call => (name === 'Ada' ? api.as() : api.as(ids[name]));

  /** A closed cycle for `subject` with three reports at `score`, and two peers who must never count. */
  async function closedCycle(subject: string, score: number) {
    const c = (await as(subject)<Cycle>('POST', '/api/workspaces/acme/traits/cycles')).body;
    let version = c.version;
    for (const [name, group] of [
      ['Rui', 'report'],
      ['Rob', 'report'],
      ['Ria', 'report'],
      ['Pia', 'peer'],
      ['Per', 'peer'],
    ]) {
      const r = await as(subject)<RaterInvited>('POST', `/api/workspaces/acme/traits/cycles/${c.id}/raters`, {
        version,
        group,
        memberId: ids[name!],
      });
      assert.equal(r.status, 201, r.text);
      version = r.body.cycle.version;
      const request = (await as(name!)<RatingRequest[]>('GET', '/api/workspaces/acme/traits/requests')).body.find(
        (q) => q.subject === subject,
      );
      assert.ok(request, `${name} is asked to rate ${subject}`);
      const answer = await as(name!)(
        'POST',
        `/api/workspaces/acme/traits/requests/${request.id}`,
        all(group === 'peer' ? 1 : score),
      );
      assert.equal(answer.status, 204, answer.text);
    }
    const closed = await as(subject)('POST', `/api/workspaces/acme/traits/cycles/${c.id}/close`, { version });
    assert.equal(closed.status, 200, closed.text);
  }

  before(async () => {
    api = await startApi();
    ids.Lea = await api.member('Lea', 'lea@acme.example', 'leader');
    for (const name of ['Sam', 'Kim', 'Pia', 'Per', 'Rui', 'Rob', 'Ria', 'Viv']) ids[name] = await api.member(name);
    await closedCycle('Sam', 3);
    await closedCycle('Kim', 4);
  });
  after(() => api.close());

  it('shows a leader only the people who shared with them, and only their thresholded means', async () => {
    assert.deepEqual((await as('Lea')<TeamView>('GET', '/api/workspaces/acme/traits/team')).body.members, []);
    const shared = await as('Sam')<Share[]>('POST', '/api/workspaces/acme/traits/shares', { memberId: ids.Lea });
    assert.equal(shared.status, 200, shared.text);
    assert.deepEqual(
      shared.body.map((s) => s.name),
      ['Lea'],
    );
    assertProblem(await as('Sam')('POST', '/api/workspaces/acme/traits/shares', { memberId: ids.Sam }), 422);
    await as('Kim')('POST', '/api/workspaces/acme/traits/shares', { memberId: ids.Lea });
    const team = await as('Lea')<TeamView>('GET', '/api/workspaces/acme/traits/team');
    assert.equal(team.status, 200, team.text);
    assert.deepEqual(
      team.body.members.map((m) => m.name),
      ['Kim', 'Sam'],
    );
    const sam = team.body.members.find((m) => m.name === 'Sam');
    assert.ok(sam, 'Sam is in the team view');
    // Three reports at 3; the two peers (at 1) are withheld and never reach the figure.
    assert.ok(sam.scores.every((s) => s.others === 3));
    assert.equal(sam.scores.length, 9);
    assert.ok(!/self|example|groups/.test(team.text));
    // The owner, not shared with, sees no one; stopping sharing takes Sam out of Lea's view.
    assert.deepEqual((await as('Ada')<TeamView>('GET', '/api/workspaces/acme/traits/team')).body.members, []);
    const stopped = await as('Sam')('DELETE', `/api/workspaces/acme/traits/shares/${ids.Lea}`);
    assert.equal(stopped.status, 200);
    assert.deepEqual(
      (await as('Lea')<TeamView>('GET', '/api/workspaces/acme/traits/team')).body.members.map((m) => m.name),
      ['Kim'],
    );
    assertProblem(await as('Sam')('DELETE', `/api/workspaces/acme/traits/shares/${ids.Lea}`), 404);
  });

  it('opens pulse rounds for leaders only, takes one anonymous answer each, and shows a round only closed with 5', async () => {
    assertProblem(await as('Sam')('POST', '/api/workspaces/acme/pulse'), 403);
    const opened = await as('Lea')<PulseRound>('POST', '/api/workspaces/acme/pulse');
    assert.equal(opened.status, 201, opened.text);
    assertProblem(await as('Lea')('POST', '/api/workspaces/acme/pulse'), 422);
    const round = opened.body.id;
    const answers = Object.fromEntries(PULSE_STATEMENTS.map((s) => [s.id, s.reversed ? 2 : 4]));
    const url = `/api/workspaces/acme/pulse/${round}/answers`;
    assertProblem(await as('Sam')('POST', url, { answers: { charisma: 3 } }), 400, '/answers/charisma');
    assertProblem(await as('Sam')('POST', url, { answers: { 'say-we-are-wrong': 6 } }), 400);
    for (const name of ['Sam', 'Kim', 'Pia', 'Per'])
      assert.equal((await as(name)('POST', url, { answers })).status, 204);
    assertProblem(await as('Sam')('POST', url, { answers }), 422);
    const open = (await as('Sam')<PulseOverview>('GET', '/api/workspaces/acme/pulse')).body;
    assert.equal(open.rounds[0]?.result, null);
    assert.equal(open.rounds[0]?.answeredByMe, true);
    assert.equal(
      (await as('Rui')<PulseOverview>('GET', '/api/workspaces/acme/pulse')).body.rounds[0]?.answeredByMe,
      false,
    );
    // Four answers: closed, and withheld, the same words whatever lies behind them.
    const closed = await as('Lea')<PulseRound>('POST', `/api/workspaces/acme/pulse/${round}/close`, {
      version: opened.body.version,
    });
    assert.equal(closed.status, 200, closed.text);
    assert.deepEqual(closed.body.result, { shown: false, message: pulseWithheldMessage });
    assertProblem(await as('Rui')('POST', url, { answers }), 422);

    const second = (await as('Lea')<PulseRound>('POST', '/api/workspaces/acme/pulse')).body;
    for (const name of ['Sam', 'Kim', 'Pia', 'Per', 'Rui'])
      assert.equal(
        (await as(name)('POST', `/api/workspaces/acme/pulse/${second.id}/answers`, { answers })).status,
        204,
      );
    await as('Lea')('POST', `/api/workspaces/acme/pulse/${second.id}/close`, { version: second.version });
    const overview = (await as('Viv')<PulseOverview>('GET', '/api/workspaces/acme/pulse')).body;
    const shown = overview.rounds[1]?.result;
    assert.ok(shown?.shown === true, JSON.stringify(shown));
    assert.equal(shown.answers, 5);
    // Reversed statements are flipped: every statement reads 4 on the safety scale.
    assert.equal(shown.index, 4);
    assert.deepEqual(
      overview.trend.points.map((p) => p.index),
      [null, 4],
    );
  });

  it('keeps pulse answers anonymous in storage and out of the audit log', async () => {
    const columns = await api.rows<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'pulse_answers' ORDER BY column_name",
    );
    assert.deepEqual(
      columns.map((c) => c.column_name),
      ['answers', 'id', 'round_id'],
    );
    const ids7 = await api.rows<{ id: string }>('SELECT id::text AS id FROM pulse_answers');
    assert.ok(
      ids7.every((r) => r.id[14] === '4'),
      'answer ids are random (v4), not time-ordered',
    );
    const audit = await as('Ada')<AuditPage>('GET', '/api/workspaces/acme/audit?limit=200');
    const actions = audit.body.items.map((e) => e.action);
    assert.ok(!actions.some((a: string) => a.includes('/answers') || a.includes('/traits/requests/')));
    assert.ok(actions.includes('POST /workspaces/:ws/pulse'), 'opening a round is recorded');
  });

  it("loads the sample team's cycle through the same rules: two peers withheld, the manager shown, a pulse", async () => {
    const loaded = await loadDemo({ store: api.store });
    assert.equal(loaded.created, true);
    const people = (await api.call<Member[]>('GET', `/api/workspaces/${loaded.slug}/members`)).body;
    const idOf = (name: string) => people.find((m) => m.name === name)!.id;
    const daniel = api.as(idOf('Daniel Osei'));
    const seen = (await daniel<TraitInsights>('GET', `/api/workspaces/${loaded.slug}/traits/insights`)).body;
    assert.equal(seen.closed, true);
    for (const t of seen.traits) {
      const byGroup = Object.fromEntries(t.groups.map((g) => [g.group, g]));
      const { report, manager } = byGroup;
      assert.equal(byGroup.peer?.shown, false);
      assert.ok(report?.shown, `${t.trait}: reports shown`);
      assert.equal(report.raters, 3);
      assert.ok(manager?.shown, `${t.trait}: the manager shown`);
      assert.equal(manager.attributed, true);
    }
    assert.equal(seen.weakest.weakest?.trait, 'innovation-streamlining');
    assert.equal((await daniel<Plan>('GET', `/api/workspaces/${loaded.slug}/plan`)).body.plan.notes.length, 1);
    const team = (await api.as(idOf('Marit Ellingsen'))<TeamView>('GET', `/api/workspaces/${loaded.slug}/traits/team`))
      .body;
    assert.deepEqual(
      team.members.map((m) => m.name),
      ['Daniel Osei'],
    );
    const pulse = (await daniel<PulseOverview>('GET', `/api/workspaces/${loaded.slug}/pulse`)).body;
    const result = pulse.rounds[0]?.result;
    assert.ok(result?.shown === true, JSON.stringify(result));
    assert.equal(result.answers, 6);
  });
});
