import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { MVP } from '../fixtures/mvp.ts';
import { type InProcessCli, inProcessCli } from '../helpers/cli.ts';

// Issue 14, point 1, through the `vetted` command, in-process on an embedded store: the MVP definition.
const dir = mkdtempSync(join(tmpdir(), 'vetted-cli-mvp-'));

describe('the CLI: the MVP definition', () => {
  let cli: InProcessCli;
  const vetted = (...args: string[]) => cli.vetted(...args);

  before(async () => {
    cli = await inProcessCli();
    assert.equal((await vetted('init', '--owner', 'Ada Lovelace')).code, 0);
    assert.equal((await vetted('idea', 'add', 'Invoice reminders for clinics')).code, 0);
    const c = await vetted('criteria', '1', '--metric', 'Invoices paid on time', '--target', '0.8');
    assert.equal(c.code, 0, c.err);
  });
  after(() => cli.close());

  it('shows the seven steps open, then sets the headline alone', async () => {
    const empty = await vetted('mvp', 'show', '1');
    assert.equal(empty.code, 0, empty.err);
    assert.match(empty.out, /0 of 7 steps done/);
    assert.match(empty.out, /Set the context/);
    assert.match(empty.out, /Define success/);
    const headline = await vetted('mvp', 'set', '1', '--headline', 'Clinic invoices paid on time');
    assert.equal(headline.code, 0, headline.err);
    assert.match(headline.out, /^Headline: Clinic invoices paid on time/);
  });

  it('sets the definition from a file, and refuses a file whose stories point nowhere, saving nothing', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ stories: [{ ref: 'S1', userClass: 'U3', iWant: 'x', soThat: 'y' }] }));
    const refused = await vetted('mvp', 'set', '1', '--file', broken);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /no user class U3/);
    const file = join(dir, 'mvp.json');
    // No assumption A1 on this idea: the story that tests it is written without the link.
    const stories = MVP.stories!.map(({ tests: _t, ...s }) => s);
    writeFileSync(file, JSON.stringify({ ...MVP, stories }));
    const r = await vetted('mvp', 'set', '1', '--file', file);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /6 of 7 steps done/, 'step 3 lacks a competitor and a market size');
    assert.match(r.out, /Understand the market +open +the alternatives and competitors; the market size/);
    assert.match(r.out, /S1 +Must have +50 +As a clinic manager, I want overdue invoices/);
    const shown = JSON.parse((await vetted('mvp', 'show', '1', '--json')).out);
    assert.equal(shown.headline, 'Clinic invoices paid on time');
    assert.equal(shown.stories.length, 4);
  });

  it("writes the stories as CSV for Jira's or Linear's importer, to a file or to the terminal", async () => {
    const out = join(dir, 'stories.csv');
    const r = await vetted('mvp', 'stories', '1', '--format', 'linear', '--mvp', '-o', out);
    assert.equal(r.code, 0, r.err);
    const rows: string[][] = parse(readFileSync(out, 'utf8'));
    assert.deepEqual(rows[0], ['Title', 'Description', 'Priority', 'Status', 'Labels']);
    assert.equal(rows.length, 3);
    const jira = await vetted('mvp', 'stories', '1');
    assert.equal(jira.code, 0, jira.err);
    assert.match(jira.out, /^Summary,Issue Type,Description,Priority,Labels,Labels/);
    const wrong = await vetted('mvp', 'stories', '1', '--format', 'trello');
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /format/);
    assert.equal((await vetted('mvp', 'nonsense', '1')).code, 2);
  });
});
