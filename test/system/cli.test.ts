import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSamplePortfolio } from '../../src/sample/index.ts';
import { openEmbeddedStore } from '../../src/store/database.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'vetted.js');
const dir = mkdtempSync(join(tmpdir(), 'vetted-cli-'));
const env = {
  ...process.env,
  VETTED_DATA_DIR: join(dir, 'data'),
  VETTED_WORKSPACE: '',
  VETTED_ACTOR: '',
  VETTED_SERVER: '',
  DATABASE_URL: '',
};

function vetted(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the vetted command', () => {
  let server: ChildProcess | undefined;

  before(async () => {
    const template = process.env.VETTED_TEST_TEMPLATE;
    if (template) await (await openEmbeddedStore(env.VETTED_DATA_DIR, new Blob([readFileSync(template)]))).close();
  });
  after(() => server?.kill());

  it('creates a workspace and adds ideas, printing tables for people and JSON for scripts', () => {
    assert.equal(vetted('init', '--owner', 'Ada Lovelace', '--name', 'Acme').code, 0);
    const add = vetted('idea', 'add', 'Route planning for rural deliveries', '--tags', 'logistics,rural');
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /Added idea #1/);
    const list = vetted('idea', 'list', '--json');
    assert.equal(JSON.parse(list.out).total, 1);
    assert.match(vetted('idea', 'list').out, /Route planning for rural deliveries\s+discovery/);
  });

  it('refuses a bad CSV with a per-row report, writing nothing, dry run or not', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'title,stage,tags\nGood idea,discovery,a;b\n,validation,\nThird,nonsense,\n');
    for (const extra of [['--dry-run'], []]) {
      const r = vetted('import', bad, ...extra);
      assert.equal(r.code, 1);
      assert.match(r.out + r.err, /row 2 \/idea\/title: must not be empty/);
      assert.match(r.out + r.err, /row 3 \/idea\/stage: must be one of/);
    }
    assert.equal(JSON.parse(vetted('idea', 'list', '--json').out).total, 1);
  });

  it('imports a valid CSV all at once and exports it again', () => {
    const good = join(dir, 'good.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `Imported idea ${i},"Line with, comma",ops;import,discovery`);
    writeFileSync(good, `title,description,tags,stage\n${rows.join('\n')}\n`);
    const dry = vetted('import', good, '--dry-run');
    assert.equal(dry.code, 0, dry.out + dry.err);
    assert.match(dry.out, /all 30 row\(s\) are valid/);
    assert.equal(JSON.parse(vetted('idea', 'list', '--json').out).total, 1);
    const r = vetted('import', good);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Imported 30 idea/);
    const csv = join(dir, 'out.csv');
    assert.equal(vetted('export', '-o', csv).code, 0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(lines.length, 32);
    assert.ok(lines.some((l) => l.includes('"Line with, comma"')));
  });

  it('talks to the running server instead of opening the files the server holds', async () => {
    server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server!.stdout!.on('data', (d) => {
        seen += String(d);
        const m = /running at (http:\/\/\S+)/.exec(seen);
        if (m) resolve(m[1]!);
      });
      server!.on('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
    });
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const list = vetted('idea', 'list', '--json');
    assert.equal(list.code, 0, list.err);
    assert.equal(JSON.parse(list.out).total, 31);
    const moved = vetted(
      'idea',
      'move',
      '1',
      'advance',
      '--rationale',
      'Framed; drivers confirm the pain',
      '--criterion',
      'Problem framed=met',
    );
    assert.equal(moved.code, 0, moved.err);
    const illegal = vetted('idea', 'move', '1', 'reopen', '--rationale', 'why not');
    assert.equal(illegal.code, 1);
    assert.match(illegal.err, /Only a parked idea can be reopened/);
    const portfolio = join(dir, 'portfolio.json');
    assert.equal(vetted('export', '-o', portfolio).code, 0);
    assert.equal(vetted('init', '-w', 'copy', '--owner', 'Bo').code, 0);
    const again = vetted('import', portfolio, '-w', 'copy');
    assert.equal(again.code, 0, again.out + again.err);
    const copied = JSON.parse(vetted('idea', 'list', '-w', 'copy', '--json', '--stage', 'validation').out);
    assert.equal(copied.total, 1);
    assert.equal(copied.items[0].title, 'Route planning for rural deliveries');
  });

  it('writes documents through the server: one file, or every kind in every format', () => {
    const pdf = join(dir, 'one-pager.pdf');
    const one = vetted('doc', 'one-pager', '1', '-w', 'default', '--format', 'pdf', '-o', pdf);
    assert.equal(one.code, 0, one.err);
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
    const md = vetted('doc', 'prd', '1', '-w', 'default');
    assert.match(md.out, /^# Route planning for rural deliveries/);
    const folder = join(dir, 'pack');
    const pack = vetted('doc', 'pack', '1', '-w', 'default', '-o', folder);
    assert.equal(pack.code, 0, pack.err);
    assert.match(pack.out, /Wrote 21 documents/);
    const wrong = vetted('doc', 'prd', '1', '-w', 'default', '--format', 'pptx', '-o', join(dir, 'x.pptx'));
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /not made as pptx/);
  });
});

describe('vetted challenge --file', () => {
  it('challenges an opportunity file without any database, and names what is wrong with a bad file', () => {
    const weak = loadSamplePortfolio().opportunities.find((o) => o.idea.title.startsWith('Backhaul marketplace'))!;
    const file = join(dir, 'weak.json');
    writeFileSync(file, JSON.stringify({ format: 'vetted.opportunity/v1', ...weak }));
    const r = vetted('challenge', '--file', file, '--json', '--data-dir', join(dir, 'never-created'));
    assert.equal(r.code, 0, r.err);
    const kinds = new Set(JSON.parse(r.out).findings.map((f: { kind: string }) => f.kind));
    for (const k of ['vague-user', 'unsupported-score', 'market-top-down-only']) assert.ok(kinds.has(k), `finds ${k}`);
    const human = vetted('challenge', '--file', file);
    assert.match(human.out, /Next (question|test): /);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ idea: { title: '' }, evidence: 'none' }));
    const refused = vetted('challenge', '--file', bad);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /\/idea\/title: must not be empty/);
    assert.match(refused.err, /\/evidence: must be array/);
  });
});
