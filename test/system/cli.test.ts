import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Client, localClient } from '../../src/cli/client.ts';
import { main } from '../../src/cli/main.ts';
import { loadSamplePortfolio } from '../../src/sample/index.ts';
import { lockPathFor, openEmbeddedStore } from '../../src/store/database.ts';
import { seedDataDir } from '../helpers/store.ts';

// Most commands run in-process through main(argv, io), as the `vetted` command would run them; a few
// smoke tests spawn the compiled bin (dist/, built here when stale) to check what only a process shows:
// exit codes, `serve`, and that a hung server cannot hang the command.
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vetted.js');
const dir = mkdtempSync(join(tmpdir(), 'vetted-cli-'));
const dataDir = join(dir, 'data');
Object.assign(process.env, {
  VETTED_DATA_DIR: dataDir,
  VETTED_WORKSPACE: '',
  VETTED_ACTOR: '',
  VETTED_SERVER: '',
  DATABASE_URL: '',
  VETTED_CLIENT_TIMEOUT_MS: '',
});

interface Result {
  code: number | null;
  out: string;
  err: string;
}

/** One command in this process; `client` is a store opened once for many commands. */
async function vetted(args: string[], client?: Client): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({
    write: (chunk: string | Uint8Array) =>
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()) > 0,
  });
  const code = await main(args, { stdout: sink(out), stderr: sink(err), ...(client ? { client } : {}) });
  return { code, out: out.join(''), err: err.join('') };
}

/** The compiled command in its own process. */
function spawned(args: string[], env: Record<string, string> = {}): Result & { ms: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: performance.now() - started };
}

// One suite for the whole file, so its hooks stay its own when stages run files in one process
// (scripts/together.ts).
describe('the CLI', () => {
  before(() => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), '--if-stale'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `the build failed:\n${r.stdout}${r.stderr}`);
  });

  describe('the vetted command', () => {
    let server: ChildProcess | undefined;
    let shared: Client | undefined;
    const local = (...args: string[]) => vetted(args, shared);

    before(async () => {
      await seedDataDir(dataDir);
      const store = await openEmbeddedStore(dataDir);
      shared = await localClient({ store });
    });
    after(async () => {
      await shared?.close();
      if (server && server.exitCode === null) {
        server.kill('SIGCONT');
        server.kill();
      }
    });

    it('creates a workspace and adds ideas, printing tables for people and JSON for scripts', async () => {
      assert.equal((await local('init', '--owner', 'Ada Lovelace', '--name', 'Acme')).code, 0);
      const add = await local('idea', 'add', 'Route planning for rural deliveries', '--tags', 'logistics,rural');
      assert.equal(add.code, 0, add.err);
      assert.match(add.out, /Added idea #1/);
      const list = await local('idea', 'list', '--json');
      assert.equal(JSON.parse(list.out).total, 1);
      assert.match((await local('idea', 'list')).out, /Route planning for rural deliveries\s+discovery/);
    });

    it('edits an idea, archives it out of the list and restores it', async () => {
      const edit = await local('idea', 'edit', '1', '--title', 'Route planning for rural drivers', '--tags', 'rural');
      assert.equal(edit.code, 0, edit.err);
      assert.match(edit.out, /Changed #1: Route planning for rural drivers \(version 2\)/);
      const noChange = await local('idea', 'edit', '1');
      assert.equal(noChange.code, 2);
      assert.match(noChange.err, /Usage: vetted idea edit/);
      const archived = await local('idea', 'archive', '1');
      assert.equal(archived.code, 0, archived.err);
      assert.match(archived.out, /Archived #1/);
      assert.equal(JSON.parse((await local('idea', 'list', '--json')).out).total, 0);
      const listed = JSON.parse((await local('idea', 'list', '--archived', '--json')).out);
      assert.deepEqual(
        listed.items.map((i: { number: number; tags: string[] }) => [i.number, i.tags]),
        [[1, ['rural']]],
      );
      const again = await local('idea', 'archive', '1');
      assert.equal(again.code, 1);
      assert.match(again.err, /archived already/);
      assert.equal((await local('idea', 'restore', '1')).code, 0);
      assert.equal(JSON.parse((await local('idea', 'list', '--json')).out).total, 1);
      // As it was, for the tests that follow.
      const back = ['--title', 'Route planning for rural deliveries', '--tags', 'logistics,rural'];
      assert.equal((await local('idea', 'edit', '1', ...back)).code, 0);
    });

    it('refuses a bad CSV with a per-row report, writing nothing, dry run or not', async () => {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'title,stage,tags\nGood idea,discovery,a;b\n,validation,\nThird,nonsense,\n');
      for (const extra of [['--dry-run'], []]) {
        const r = await local('import', bad, ...extra);
        assert.equal(r.code, 1);
        assert.match(r.out + r.err, /row 2 \/idea\/title: must not be empty/);
        assert.match(r.out + r.err, /row 3 \/idea\/stage: must be one of/);
      }
      assert.equal(JSON.parse((await local('idea', 'list', '--json')).out).total, 1);
    });

    it('imports a valid CSV all at once and exports it again', async () => {
      const good = join(dir, 'good.csv');
      const rows = Array.from({ length: 30 }, (_, i) => `Imported idea ${i},"Line with, comma",ops;import,discovery`);
      writeFileSync(good, `title,description,tags,stage\n${rows.join('\n')}\n`);
      const dry = await local('import', good, '--dry-run');
      assert.equal(dry.code, 0, dry.out + dry.err);
      assert.match(dry.out, /all 30 row\(s\) are valid/);
      assert.equal(JSON.parse((await local('idea', 'list', '--json')).out).total, 1);
      const r = await local('import', good);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /Imported 30 idea/);
      const csv = join(dir, 'out.csv');
      assert.equal((await local('export', '-o', csv)).code, 0);
      const lines = readFileSync(csv, 'utf8').trim().split('\n');
      assert.equal(lines.length, 32);
      assert.ok(lines.some((l) => l.includes('"Line with, comma"')));
    });

    it("states an idea's success metric and kill criteria, and challenges it as of a date", async () => {
      const missing = await local('criteria', '1', '--metric', 'Stops planned per route');
      assert.equal(missing.code, 2);
      assert.match(missing.err, /needs --target/);
      const set = await local(
        'criteria',
        '1',
        '--metric',
        'Stops planned per route',
        '--target',
        '40',
        '--baseline',
        '25',
        '--by',
        '2027-03-31',
        '--kill',
        'We stop if fewer than 3 of 10 depots plan with it weekly',
        '--kill-metric',
        'Depots planning weekly',
        '--kill-threshold',
        '3',
      );
      assert.equal(set.code, 0, set.err);
      assert.match(set.out, /Stops planned per route: up to 40 from 25 by 2027-03-31/);
      assert.match(set.out, /We stop if fewer than 3 of 10 depots plan with it weekly \[Depots planning weekly <= 3\]/);
      const shown = JSON.parse((await local('criteria', '1', '--json')).out);
      assert.equal(shown.killCriteria[0].threshold, 3);
      const asOf = await local('challenge', '1', '--as-of', '2026-01-15');
      assert.equal(asOf.code, 0, asOf.err);
      assert.match(asOf.out, /^As of 2026-01-15, rules \d{4}\.\d+\.\d+\./);
      const json = JSON.parse((await local('challenge', '1', '--as-of', '2026-01-15', '--json')).out);
      assert.equal(json.report.asOf, '2026-01-15');
      const bad = await local('challenge', '1', '--as-of', '2026-02-30');
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--as-of must be a date as YYYY-MM-DD/);
    });

    it('talks to the running server instead of opening the files the server holds', async () => {
      // Hand the database over: the spawned server must be able to take the lock.
      await shared?.close();
      shared = undefined;
      server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        server!.stdout!.on('data', (d) => {
          seen += String(d);
          const m = /running at (http:\/\/\S+)/.exec(seen);
          if (m) resolve(m[1]!);
        });
        server!.stderr!.on('data', (d) => {
          seen += String(d);
        });
        server!.on('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
      });
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      // The compiled command, in its own process, finds the server through the lock file.
      const list = spawned(['idea', 'list', '--json']);
      assert.equal(list.code, 0, list.err);
      assert.equal(JSON.parse(list.out).total, 31);
      const moved = await vetted([
        'idea',
        'move',
        '1',
        'advance',
        '--rationale',
        'Framed; drivers confirm the pain',
        '--criterion',
        'Problem framed=met',
      ]);
      assert.equal(moved.code, 0, moved.err);
      const illegal = await vetted(['idea', 'move', '1', 'reopen', '--rationale', 'why not']);
      assert.equal(illegal.code, 1);
      assert.match(illegal.err, /Only a parked or killed idea can be reopened/);
      const portfolio = join(dir, 'portfolio.json');
      assert.equal((await vetted(['export', '-o', portfolio])).code, 0);
      assert.equal((await vetted(['init', '-w', 'copy', '--owner', 'Bo'])).code, 0);
      const again = await vetted(['import', portfolio, '-w', 'copy']);
      assert.equal(again.code, 0, again.out + again.err);
      const copied = JSON.parse((await vetted(['idea', 'list', '-w', 'copy', '--json', '--stage', 'validation'])).out);
      assert.equal(copied.total, 1);
      assert.equal(copied.items[0].title, 'Route planning for rural deliveries');
    });

    it('writes documents through the server: one file, or every kind in every format', async () => {
      const pdf = join(dir, 'one-pager.pdf');
      const one = await vetted(['doc', 'one-pager', '1', '-w', 'default', '--format', 'pdf', '-o', pdf]);
      assert.equal(one.code, 0, one.err);
      assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
      const md = await vetted(['doc', 'prd', '1', '-w', 'default']);
      assert.match(md.out, /^# Route planning for rural deliveries/);
      const folder = join(dir, 'pack');
      const pack = await vetted(['doc', 'pack', '1', '-w', 'default', '-o', folder]);
      assert.equal(pack.code, 0, pack.err);
      assert.match(pack.out, /Wrote 25 documents/);
      const wrong = await vetted(['doc', 'prd', '1', '-w', 'default', '--format', 'pptx', '-o', join(dir, 'x.pptx')]);
      assert.equal(wrong.code, 1);
      assert.match(wrong.err, /not made as pptx/);
    });

    it('stops with a clear message, not forever, when the server stops answering', async () => {
      assert.ok(server && server.exitCode === null, 'the server from the test above is running');
      const url = JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')).url as string;
      server.kill('SIGSTOP');
      try {
        const r = spawned(['idea', 'list'], { VETTED_CLIENT_TIMEOUT_MS: '500' });
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(
          r.err,
          new RegExp(
            `The Vetted server at ${url} \\(pid ${server.pid}\\) did not answer within 500 ms\\..*VETTED_SERVER`,
          ),
        );
        // 0.5 s for the request and 0.5 s for the health check, plus starting node: never the 60 s spawn limit.
        assert.ok(r.ms < 15_000, `gave up after ${Math.round(r.ms)} ms`);
      } finally {
        server.kill('SIGCONT');
      }
      // Once it answers again, so does the command.
      const back = await vetted(['idea', 'list', '-w', 'default', '--json']);
      assert.equal(back.code, 0, back.err);
    });
  });

  describe('the client timeout', () => {
    it('names the server, its pid and what to do when a server in the lock file accepts but never answers', async () => {
      const held: Socket[] = [];
      const silent = createServer((socket) => void held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const data = mkdtempSync(join(tmpdir(), 'vetted-silent-'));
      // This test process stands in for the server: its pid is alive, so the lock is honoured.
      writeFileSync(lockPathFor(data), JSON.stringify({ pid: process.pid, url }));
      process.env.VETTED_CLIENT_TIMEOUT_MS = '300';
      try {
        const started = performance.now();
        const r = await vetted(['idea', 'list', '--data-dir', data]);
        const ms = performance.now() - started;
        assert.equal(r.code, 1);
        assert.match(
          r.err,
          new RegExp(`The Vetted server at ${url} \\(pid ${process.pid}\\) did not answer within 300 ms`),
        );
        assert.match(r.err, /Check it, stop it, or set VETTED_SERVER/);
        assert.ok(ms < 5_000, `gave up after ${Math.round(ms)} ms`);
      } finally {
        process.env.VETTED_CLIENT_TIMEOUT_MS = '';
        for (const s of held) s.destroy();
        silent.close();
      }
    });
  });

  describe('vetted challenge --file', () => {
    it('challenges an opportunity file without any database, and names what is wrong with a bad file', async () => {
      const weak = loadSamplePortfolio().opportunities.find((o) => o.idea.title.startsWith('Backhaul marketplace'))!;
      const file = join(dir, 'weak.json');
      writeFileSync(file, JSON.stringify({ format: 'vetted.opportunity/v1', ...weak }));
      const never = join(dir, 'never-created');
      const r = spawned(['challenge', '--file', file, '--json', '--data-dir', never]);
      assert.equal(r.code, 0, r.err);
      const kinds = new Set(JSON.parse(r.out).findings.map((f: { kind: string }) => f.kind));
      for (const k of ['vague-user', 'unsupported-score', 'market-top-down-only'])
        assert.ok(kinds.has(k), `finds ${k}`);
      assert.equal(existsSync(never), false, 'no database was opened');
      const human = await vetted(['challenge', '--file', file]);
      assert.match(human.out, /Next (question|test): /);
      const asOf = await vetted(['challenge', '--file', file, '--as-of', '2030-01-01', '--json']);
      assert.equal(JSON.parse(asOf.out).asOf, '2030-01-01');
      assert.ok(
        JSON.parse(asOf.out).findings.some((f: { ruleId: string }) => f.ruleId === 'stale-evidence.all-evidence-stale'),
        'in 2030 the evidence is stale',
      );
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ idea: { title: '' }, evidence: 'none' }));
      const refused = await vetted(['challenge', '--file', bad]);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /\/idea\/title: must not be empty/);
      assert.match(refused.err, /\/evidence: must be array/);
    });

    it('prints usage for an unknown command with exit code 2', () => {
      const r = spawned(['frobnicate']);
      assert.equal(r.code, 2);
      assert.match(r.err, /Unknown command "frobnicate"\. Run `vetted help`/);
      assert.equal(r.out, '');
    });
  });
});
