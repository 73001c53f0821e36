import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type InProcessCli, inProcessCli } from '../helpers/cli.ts';

// Issue 14 through the `vetted` command, in-process on an embedded store: economics and product-market fit.
const dir = mkdtempSync(join(tmpdir(), 'vetted-cli-realization-'));

describe('the CLI: economics and product-market fit', () => {
  let cli: InProcessCli;
  const vetted = (...args: string[]) => cli.vetted(...args);

  before(async () => {
    cli = await inProcessCli();
    assert.equal((await vetted('init', '--owner', 'Ada Lovelace')).code, 0);
    assert.equal((await vetted('idea', 'add', 'Invoice reminders for clinics')).code, 0);
  });
  after(() => cli.close());

  it('sets the economics in major units and prints the three scenarios', async () => {
    const file = join(dir, 'economics.json');
    writeFileSync(file, JSON.stringify({ scenarios: { pessimistic: { monthlyChurn: 0.08 } } }));
    const r = await vetted(
      'economics',
      'set',
      '1',
      '--file',
      file,
      '--currency',
      'eur',
      '--arpa',
      '50.00',
      '--margin',
      '0.7',
      '--churn',
      '0.05',
      '--cac',
      '400',
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /base\s+EUR 35\.00\s+EUR 700\.00\s+1\.75\s+11\.4/);
    assert.match(r.out, /pessimistic\s+EUR 35\.00\s+EUR 437\.50\s+1\.09/);
    const shown = JSON.parse((await vetted('economics', 'show', '1', '--json')).out);
    assert.equal(shown.scenarios.base.ltvToCac, 1.75);
  });

  it('refuses a share that is not one, and a file the server refuses, saving nothing', async () => {
    const bad = await vetted('economics', 'set', '1', '--margin', '70');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not a share/);
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ arpuMonthy: 5_000 }));
    const typo = await vetted('economics', 'set', '1', '--file', file);
    assert.equal(typo.code, 1);
    assert.match(typo.err, /arpuMonthy|additional/i);
    const still = JSON.parse((await vetted('economics', 'show', '1', '--json')).out);
    assert.equal(still.scenarios.base.ltvToCac, 1.75);
  });

  it('imports a Sean Ellis survey and a cohort table, then reads the signals', async () => {
    const survey = join(dir, 'survey.csv');
    writeFileSync(
      survey,
      ['disappointed', ...Array(12).fill('Very disappointed'), ...Array(8).fill('Somewhat disappointed')].join('\n'),
    );
    const cohorts = join(dir, 'cohorts.csv');
    writeFileSync(cohorts, 'cohort,size,d7,d30,d60\n2026-08,100,50,30,29\n2026-09,100,52,33,\n');
    const a = await vetted('pmf', 'import', '1', 'sean-ellis', survey, '--source', 'October survey');
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /Desirability\s+moderate\s+20/); // 60 % of 20: too few answers for strong
    const b = await vetted('pmf', 'import', '1', 'cohorts', cohorts);
    assert.equal(b.code, 0, b.err);
    assert.match(b.out, /Retention\s+strong\s+200/);
    assert.match(b.out, /Held back by Organic pull/);
    assert.match(b.out, /acquisition doubled/);
    const wrong = await vetted('pmf', 'import', '1', 'nps', cohorts);
    assert.equal(wrong.code, 2);
  });

  it('sets the organic share and the guards, and refuses a count larger than its total', async () => {
    const r = await vetted(
      'pmf',
      'set',
      '1',
      '--organic',
      '45/120',
      '--onboarding',
      '78/100',
      '--tickets',
      'Aug:0.5, Oct:0.3',
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Organic pull\s+strong\s+120/);
    assert.match(r.out, /Guard: Support tickets per user falling: holds/);
    assert.match(r.out, /Guard: Onboarding completion above 70 %: holds/);
    const bad = await vetted('pmf', 'set', '1', '--organic', '130/120');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /not a count of a total/);
    const shown = JSON.parse((await vetted('pmf', 'show', '1', '--json')).out);
    assert.equal(shown.guards[0].status, 'holds');
  });
});
