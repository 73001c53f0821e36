import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type InProcessCli, inProcessCli } from '../helpers/cli.ts';

/** The commands for working together, run in-process through main(argv) as `vetted` runs them. */
describe('the CLI: comment, follow, unfollow, inbox', () => {
  let cli: InProcessCli;
  const vetted = (...args: string[]) => cli.vetted(...args);

  before(async () => {
    cli = await inProcessCli();
    assert.equal((await vetted('init', '--owner', 'Ada Lovelace', '--name', 'Acme')).code, 0);
    const [owner] = (await cli.client.request('GET', '/api/workspaces/default/members')).body as { id: string }[];
    const grace = await cli.client.request(
      'POST',
      '/api/workspaces/default/members',
      { name: 'Grace Hopper' },
      { 'vetted-actor': owner!.id },
    );
    assert.equal(grace.status, 201, grace.text);
    assert.equal((await vetted('idea', 'add', 'Self-serve refunds')).code, 0);
  });
  after(() => cli.close());

  it('comments with a mention, and the mentioned member finds it in their inbox, then marks it read', async () => {
    const said = await vetted('comment', '1', 'Support sees this daily, @Grace Hopper: **worth a look**?');
    assert.equal(said.code, 0, said.err);
    assert.equal(said.out, 'Commented on #1. Told: Grace Hopper.\n');
    const listed = await vetted('comment', '1');
    assert.match(listed.out, /Ada Lovelace\nSupport sees this daily, @Grace Hopper: \*\*worth a look\*\*\?/);

    const box = await vetted('inbox', '--as', 'Grace Hopper');
    assert.equal(box.code, 0, box.err);
    assert.match(box.out, /^1 unread\./);
    assert.match(box.out, /•\s+\S+ \S+\s+mention\s+#1 Self-serve refunds\s+Ada Lovelace\s+Support sees this daily/);
    const page = JSON.parse((await vetted('inbox', '--as', 'Grace Hopper', '--json')).out);
    assert.equal(page.items[0].kind, 'mention');
    assert.equal((await vetted('inbox', '--as', 'Grace Hopper', '--read-all')).out, 'Marked everything read.\n');
    assert.equal((await vetted('inbox', '--as', 'Grace Hopper', '--unread')).out, '0 unread.\n');
  });

  it('follows and unfollows, and an unfollowed idea tells nothing more', async () => {
    assert.equal((await vetted('unfollow', '1', '--as', 'Grace Hopper')).out, 'No longer following #1 (1 follower).\n');
    await vetted('comment', '1', 'A second thought.');
    assert.equal((await vetted('inbox', '--as', 'Grace Hopper', '--unread')).out, '0 unread.\n');
    assert.equal((await vetted('follow', '1', '--as', 'Grace Hopper')).out, 'Following #1 (2 followers).\n');
    await vetted('comment', '1', 'A third thought.');
    assert.match((await vetted('inbox', '--as', 'Grace Hopper', '--unread')).out, /^1 unread\.\n.*comment/s);
  });

  it('says how to use each verb, and refuses what the API refuses, with its reason', async () => {
    for (const verb of ['comment', 'follow', 'unfollow']) {
      const r = await vetted(verb);
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`Usage: vetted ${verb} <idea>`));
    }
    const empty = await vetted('comment', '1', '   ');
    assert.equal(empty.code, 1);
    assert.match(empty.err, /body/);
    const missing = await vetted('follow', '99');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Idea "99" does not exist/);
  });
});
