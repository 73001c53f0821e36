import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Client, localClient } from '../../src/cli/client.ts';
import { main } from '../../src/cli/main.ts';
import { openEmbeddedStore } from '../../src/store/database.ts';

// Issue 14 point 7 and issue 13 through the `vetted` command: the launch plan and our own ratings.
const dir = mkdtempSync(join(tmpdir(), 'vetted-cli-launch-'));
const saved = { ...process.env };

async function vetted(client: Client, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write: (chunk: string | Uint8Array) =>
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()) > 0,
  });
  const code = await main(args, { stdout: sink(out), stderr: sink(err), client });
  return { code, out: out.join(''), err: err.join('') };
}

describe('the CLI: launch plan and our own capability ratings', () => {
  let client: Client;

  before(async () => {
    Object.assign(process.env, { VETTED_WORKSPACE: '', VETTED_ACTOR: '', VETTED_SERVER: '', DATABASE_URL: '' });
    const template = process.env.VETTED_TEST_TEMPLATE;
    const store = await openEmbeddedStore(join(dir, 'data'), template ? new Blob([readFileSync(template)]) : undefined);
    client = await localClient({ store });
    assert.equal((await vetted(client, 'init', '--owner', 'Ada Lovelace')).code, 0);
    assert.equal((await vetted(client, 'idea', 'add', 'Invoice reminders for clinics')).code, 0);
  });
  after(async () => {
    await client.close();
    for (const k of ['VETTED_WORKSPACE', 'VETTED_ACTOR', 'VETTED_SERVER', 'DATABASE_URL']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it('sets the ask in major units, the team and the plan, and prints them', async () => {
    const r = await vetted(
      client,
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
    const json = await vetted(client, 'launch', 'show', '1', '--json');
    assert.deepEqual(JSON.parse(json.out).ask, {
      budget: 250_000_00,
      currency: 'EUR',
      people: 4,
      months: 6,
      buys: 'A paid pilot with 20 clinics.',
    });
  });

  it('refuses a bad figure before sending, and the server refuses what it checks', async () => {
    const months = await vetted(client, 'launch', 'set', '1', '--months', 'six');
    assert.equal(months.code, 2);
    assert.match(months.err, /--months "six" is not a whole number/);
    const budget = await vetted(client, 'launch', 'set', '1', '--budget', '2.5k');
    assert.equal(budget.code, 2);
    const tooLong = await vetted(client, 'launch', 'set', '1', '--months', '121');
    assert.equal(tooLong.code, 2);
    const shown = JSON.parse((await vetted(client, 'launch', 'show', '1', '--json')).out);
    assert.equal(shown.ask.months, 6, 'nothing was saved');
  });

  it('rates our own product, adds to the ratings, and clears them', async () => {
    const r = await vetted(client, 'competitor', 'ours', '1', '--rate', 'Speed=4, Integrations=2');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Speed\s+4/);
    const more = await vetted(client, 'competitor', 'ours', '1', '--rate', 'Speed=5', '--json');
    assert.deepEqual(JSON.parse(more.out), { Speed: 5, Integrations: 2 });
    const bad = await vetted(client, 'competitor', 'ours', '1', '--rate', 'Speed=9');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /CAPABILITY=0\.\.5/);
    const cleared = await vetted(client, 'competitor', 'ours', '1', '--clear');
    assert.match(cleared.out, /not rated yet/);
  });
});
