import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type InProcessCli, inProcessCli } from '../helpers/cli.ts';

// Issue 14, points 5 and 6, through the `vetted` command, in-process on an embedded store.
describe('the CLI: strategy, objectives and the roadmap', () => {
  let cli: InProcessCli;
  const vetted = (...args: string[]) => cli.vetted(...args);

  before(async () => {
    cli = await inProcessCli();
    assert.equal((await vetted('init', '--owner', 'Ada Lovelace')).code, 0);
    assert.equal((await vetted('idea', 'add', 'Invoice reminders for clinics')).code, 0);
    assert.equal((await vetted('idea', 'add', 'Dark mode')).code, 0);
  });
  after(() => cli.close());

  it('sets the North Star and goals, adds an objective with its owner, and shows them', async () => {
    const set = await vetted(
      'strategy',
      'set',
      '--north-star',
      'Invoices paid on time per week',
      '--goal',
      'Win Nordic clinics',
      '--goal',
      'Halve time to payment',
    );
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /North Star: Invoices paid on time per week/);
    assert.match(set.out, /Goal: Halve time to payment/);
    const bad = await vetted(
      'objective',
      'add',
      '--title',
      'Get paid faster',
      '--metric',
      'Days to pay',
      '--owner',
      'nobody@x.example',
    );
    assert.equal(bad.code, 1);
    assert.match(bad.err, /No member "nobody@x.example"/);
    const members = JSON.parse((await vetted('members', '--json')).out) as { id: string; name: string }[];
    const ada = members.find((m) => m.name === 'Ada Lovelace')!.id;
    const add = await vetted(
      'objective',
      'add',
      '--title',
      'Get paid faster',
      '--metric',
      'Median days to payment',
      '--target',
      'under 14',
      '--owner',
      ada,
    );
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /Ada Lovelace owns its key metric \(Median days to payment\)/);
    assert.equal((await vetted('objective', 'add', '--title', 'Only a title')).code, 2);
  });

  it('links an idea to an objective by title and the challenger stops noting it', async () => {
    const noted = await vetted('challenge', '1');
    assert.match(noted.out, /names none it serves/);
    const link = await vetted('objective', 'link', '1', 'get paid faster');
    assert.equal(link.code, 0, link.err);
    assert.match(link.out, /Idea 1 serves "Get paid faster"/);
    assert.doesNotMatch((await vetted('challenge', '1')).out, /names none it serves/);
    const show = await vetted('strategy');
    assert.match(show.out, /Get paid faster\s+Median days to payment\s+under 14\s+Ada Lovelace\s+#1/);
    assert.equal((await vetted('objective', 'link', '1', 'No such objective')).code, 1);
  });

  it('shows the roadmap, makes a share link, lists it and revokes it', async () => {
    const r = await vetted('roadmap');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Later \(2\)/);
    assert.match(r.out, /#1 Invoice reminders for clinics \(discovery since \d{4}-\d{2}-\d{2}\) {2}→ Get paid faster/);
    const share = await vetted('roadmap', 'share', '--label', 'Board', '--json');
    assert.equal(share.code, 0, share.err);
    const made = JSON.parse(share.out);
    assert.match(made.url, /\/roadmap#vr_/);
    const list = await vetted('roadmap', 'shares');
    assert.match(list.out, /Board/);
    assert.doesNotMatch(list.out, new RegExp(made.code));
    const revoke = await vetted('roadmap', 'revoke', made.share.id);
    assert.equal(revoke.code, 0, revoke.err);
    assert.match(revoke.out, /revoked/);
    assert.equal((await vetted('roadmap', 'bogus')).code, 2);
  });
});
