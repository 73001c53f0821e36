import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Client, localClient } from '../../src/cli/client.ts';
import { main } from '../../src/cli/main.ts';
import { TRAIT_IDS } from '../../src/methodology/index.ts';
import { testStore } from '../helpers/store.ts';

/**
 * `vetted traits …` and `vetted plan …` in-process, on one store: a whole 360 cycle from the command line,
 * each person acting as themselves with --as, ending in a plan; and the refusals a person sees.
 */

interface Result {
  code: number;
  out: string;
  err: string;
}

describe('the CLI: vetted traits and vetted plan', () => {
  let client: Client;
  const vetted = async (...args: string[]): Promise<Result> => {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (into: string[]) => ({ write: (c: string | Uint8Array) => into.push(String(c)) > 0 });
    const code = await main(args, { stdout: sink(out), stderr: sink(err), client });
    return { code, out: out.join(''), err: err.join('') };
  };
  const ok = async (...args: string[]) => {
    const r = await vetted(...args);
    assert.equal(r.code, 0, `vetted ${args.join(' ')}: ${r.err}`);
    return r.out;
  };
  const all = (score: number) => TRAIT_IDS.map((t) => `${t}=${t === 'ability-to-execute' ? score - 1 : score}`);

  before(async () => {
    client = await localClient({ store: await testStore() });
    await ok('init', '--workspace', 'acme', '--name', 'Acme', '--owner', 'Ada');
    // No command adds a member without an account (people join by invitation): the API does, as the owner.
    const members = (await client.request('GET', '/api/workspaces/acme/members')).body as { id: string }[];
    for (const name of ['Sam', 'Pia', 'Per', 'Rui', 'Rob', 'Ria']) {
      const r = await client.request(
        'POST',
        '/api/workspaces/acme/members',
        { name },
        { 'vetted-actor': members[0]!.id },
      );
      assert.equal(r.status, 201, r.text);
    }
  });
  after(() => client.close());

  it('runs a cycle: self ratings, invitations, answers, the summary and a plan', async () => {
    const w = ['--workspace', 'acme'];
    const sam = [...w, '--as', 'Sam'];
    await ok('traits', 'start', ...sam);
    const rated = await ok(
      'traits',
      'rate',
      ...all(4),
      '--example',
      'product-user-sense=Reworked onboarding after interviews',
      ...sam,
    );
    assert.match(rated, /9 of 9 rated/);
    for (const [name, group] of [
      ['Pia', 'peer'],
      ['Per', 'peer'],
      ['Rui', 'report'],
      ['Rob', 'report'],
      ['Ria', 'report'],
    ]) {
      assert.match(await ok('traits', 'invite', '--group', group!, '--member', name!, ...sam), /Asked/);
    }
    const link = await ok('traits', 'invite', '--group', 'cross-functional', '--link', '--label', 'Lena', ...sam);
    assert.match(link, /\/rate#/);
    const status = await ok('traits', ...sam);
    assert.match(status, /Asked to rate you \(6\)/);
    assert.ok(!/answered/i.test(status));

    for (const name of ['Pia', 'Per', 'Rui', 'Rob', 'Ria']) {
      const requests = JSON.parse(await ok('traits', 'requests', '--json', ...w, '--as', name));
      assert.equal(requests.length, 1);
      await ok('traits', 'answer', requests[0].id, ...all(3), ...w, '--as', name);
    }
    await ok('traits', 'close', ...sam);
    const summary = await ok('traits', 'summary', ...sam);
    assert.match(summary, /report 3 \(3\)/);
    assert.match(summary, /peer withheld/);
    assert.match(summary, /Ability to Execute is the weakest trait/);

    const plan = await ok('plan', 'make', '--stage', 'mid', '--idea', 'idea #14', ...sam);
    assert.match(plan, /Ability to Execute/);
    assert.match(plan, /Check in on \d{4}-\d{2}-\d{2}/);
    assert.match(await ok('plan', 'note', 'Ran', 'a', 'gate', 'review', '--check-in', ...sam), /Next check-in/);
    assert.match(await ok('plan', ...sam), /Ran a gate review/);
  });

  it("says what is wrong, and never shows another person's data", async () => {
    const bad = await vetted('traits', 'rate', 'charisma=5', '--workspace', 'acme', '--as', 'Sam');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Unknown trait "charisma"/);
    const none = await vetted('plan', '--workspace', 'acme', '--as', 'Pia');
    assert.equal(none.code, 1);
    assert.match(none.err, /Your development plan does not exist/);
    // Ada owns the workspace and sees only her own (empty) summary.
    const ada = await ok('traits', 'summary', '--workspace', 'acme', '--as', 'Ada');
    assert.match(ada, /Nothing is rated yet/);
  });
});
