import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type InProcessCli, inProcessCli } from '../helpers/cli.ts';

// Issue 14 point 7 and issue 13 through the `vetted` command: the launch plan and our own ratings.
describe('the CLI: launch plan and our own capability ratings', () => {
  let cli: InProcessCli;
  const vetted = (...args: string[]) => cli.vetted(...args);

  before(async () => {
    cli = await inProcessCli();
    assert.equal((await vetted('init', '--owner', 'Ada Lovelace')).code, 0);
    assert.equal((await vetted('idea', 'add', 'Invoice reminders for clinics')).code, 0);
  });
  after(() => cli.close());

  it('sets the ask in major units, the team and the plan, and prints them', async () => {
    const r = await vetted(
      'launch',
      'set',
      '1',
      '--budget',
      '250000.00',
      '--currency',
      'eur',
      '--people',
      '4',
      '--months',
      '6',
      '--buys',
      'A paid pilot with 20 clinics.',
      '--team',
      'Engineering lead=Ana Ruiz;Designer',
      '--gtm',
      'Partner with two practice-management vendors.',
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Budget: EUR 250,000/);
    assert.match(r.out, /Engineering lead\s+Ana Ruiz/);
    assert.match(r.out, /Designer\s+\(open\)/);
    assert.match(r.out, /Go-to-market: Partner with two/);
    const json = await vetted('launch', 'show', '1', '--json');
    assert.deepEqual(JSON.parse(json.out).ask, {
      budget: 250_000_00,
      currency: 'EUR',
      people: 4,
      months: 6,
      buys: 'A paid pilot with 20 clinics.',
    });
  });

  it('refuses a bad figure before sending, and the server refuses what it checks', async () => {
    const months = await vetted('launch', 'set', '1', '--months', 'six');
    assert.equal(months.code, 2);
    assert.match(months.err, /--months "six" is not a whole number/);
    const budget = await vetted('launch', 'set', '1', '--budget', '2.5k');
    assert.equal(budget.code, 2);
    const tooLong = await vetted('launch', 'set', '1', '--months', '121');
    assert.equal(tooLong.code, 2);
    const shown = JSON.parse((await vetted('launch', 'show', '1', '--json')).out);
    assert.equal(shown.ask.months, 6, 'nothing was saved');
  });

  it('rates our own product, adds to the ratings, and clears them', async () => {
    const r = await vetted('competitor', 'ours', '1', '--rate', 'Speed=4, Integrations=2');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Speed\s+4/);
    const more = await vetted('competitor', 'ours', '1', '--rate', 'Speed=5', '--json');
    assert.deepEqual(JSON.parse(more.out), { Speed: 5, Integrations: 2 });
    const bad = await vetted('competitor', 'ours', '1', '--rate', 'Speed=9');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /CAPABILITY=0\.\.5/);
    const cleared = await vetted('competitor', 'ours', '1', '--clear');
    assert.match(cleared.out, /not rated yet/);
  });
});
