import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';

// What a user gets from `npm install -g vetted`: the packed tarball (prepack builds it when dist/ is older
// than the sources), installed without devDependencies into a temporary prefix, never the machine's real
// global folder.
const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'vetted-pack-'));
const prefix = join(work, 'prefix');
const VETTED = join(prefix, 'bin', 'vetted');
const { VETTED_WEB_DIR: _, ...inherited } = process.env;
const env = {
  ...inherited,
  VETTED_DATA_DIR: join(work, 'data'),
  VETTED_WORKSPACE: '',
  VETTED_ACTOR: '',
  VETTED_SERVER: '',
  DATABASE_URL: '',
  // Nothing from the checkout may leak in: the installed package must find its own files.
  NODE_PATH: '',
  // The installed command starts with `#!/usr/bin/env node`: the Node running these tests is the one it must
  // find (the test run repeats this stage on Node 24, which is not the machine's own).
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
};

function sh(cmd: string, args: string[], timeout: number, cwd = work) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the published package', { timeout: 300_000 }, () => {
  let server: ChildProcess | undefined;

  before(() => {
    sh('npm', ['pack', '--pack-destination', work, '--loglevel=warn'], 120_000, ROOT);
    const tarball = readdirSync(work).find((f) => /^vetted-.*\.tgz$/.test(f));
    assert.ok(tarball, 'npm pack wrote a tarball');
    const files = sh('tar', ['tzf', join(work, tarball)], 10_000).split('\n');
    // Only what runs: the command, the bundle with its migrations and sample, the web app.
    assert.ok(files.includes('package/dist/cli/main.js'));
    assert.ok(files.includes('package/dist/cli/portfolio.json'));
    assert.ok(files.includes('package/dist/cli/migrations/meta/_journal.json'));
    assert.ok(files.includes('package/dist/web/index.html'));
    assert.deepEqual(
      files.filter((f) => f && !/^package\/(bin|dist\/cli|dist\/web)\//.test(f) && !/^package\/[^/]+$/.test(f)),
      [],
    );
    // --omit=dev is what a global install does anyway; said here so the test cannot pass on devDependencies.
    sh(
      'npm',
      [
        'install',
        '-g',
        '--prefix',
        prefix,
        '--omit=dev',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        join(work, tarball),
      ],
      180_000,
    );
  });
  after(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('runs `vetted help` without tsx or any devDependency, on the Node running this test', () => {
    assert.equal(sh('node', ['--version'], 10_000).trim(), process.version);
    const out = sh(VETTED, ['help'], 30_000);
    assert.match(out, /Usage: vetted <command>/);
  });

  it('challenges a file with no database', () => {
    const file = join(work, 'idea.json');
    writeFileSync(
      file,
      JSON.stringify({ format: 'vetted.opportunity/v1', idea: { title: 'An app for everyone', stage: 'discovery' } }),
    );
    const out = JSON.parse(sh(VETTED, ['challenge', '--file', file, '--json'], 60_000));
    assert.ok(out.findings.length > 0, 'the challenger found something to ask');
  });

  it('serves the API and the web app on an empty data directory, and the CLI uses it', async () => {
    server = spawn(VETTED, ['serve', '--port', '0'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error(`no "running at" within 120 s:\n${seen}`)), 120_000);
      const read = (d: Buffer) => {
        seen += String(d);
        const m = /running at (http:\/\/\S+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      server!.stdout!.on('data', read);
      server!.stderr!.on('data', read);
      server!.on('exit', (code) => reject(new Error(`server exited ${code}:\n${seen}`)));
    });
    const health = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { ok: boolean }).ok, true);
    const page = await fetch(`${url}/`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(page.status, 200);
    const html = await page.text();
    const script = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
    assert.ok(script, `the built app's index.html, not the "not built" page:\n${html.slice(0, 300)}`);
    const js = await fetch(url + script, { signal: AbortSignal.timeout(10_000) });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);

    assert.match(sh(VETTED, ['init', '--owner', 'Ada Lovelace'], 30_000), /Created workspace "default"/);
    assert.match(sh(VETTED, ['idea', 'add', 'Packed and installed'], 30_000), /Added idea #1/);
    assert.equal(JSON.parse(sh(VETTED, ['idea', 'list', '--json'], 30_000)).total, 1);
  });
});
