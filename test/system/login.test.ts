import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer, type Server } from '../../src/api/server.ts';
import { main } from '../../src/cli/main.ts';
import type { Store } from '../../src/store/database.ts';
import { testStore } from '../helpers/store.ts';

/**
 * `vetted login` against a server reached over the network: the token it keeps, the commands that then act
 * as the signed-in person, and `logout` revoking the token.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vetted.js');
const PASSWORD = 'correct horse battery staple';

/** The built command in its own process (the server lives in this one, so never spawnSync), fed `input`. */
function spawned(args: string[], input: string, env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function vetted(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({ write: (c: string | Uint8Array) => into.push(String(c)) > 0 });
  const code = await main(args, { stdout: sink(out), stderr: sink(err) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('vetted login, whoami and logout against a running server', () => {
  let store: Store;
  let app: Server;
  let url: string;
  const saved: Record<string, string | undefined> = {};
  const dir = mkdtempSync(join(tmpdir(), 'vetted-login-'));
  const config = join(dir, 'config', 'vetted.json');

  before(async () => {
    for (const k of ['VETTED_CONFIG', 'VETTED_SERVER', 'VETTED_TOKEN', 'VETTED_WORKSPACE']) saved[k] = process.env[k];
    Object.assign(process.env, { VETTED_CONFIG: config, VETTED_SERVER: '', VETTED_TOKEN: '', VETTED_WORKSPACE: '' });
    store = await testStore();
    app = await buildServer({ store }, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const setup = await fetch(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ada Owner',
        email: 'ada@acme.example',
        password: PASSWORD,
        workspace: { slug: 'acme', name: 'Acme' },
      }),
    });
    assert.equal(setup.status, 201, await setup.text());
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await app.close();
    await store.close();
  });

  it('without a login, the server answers the CLI with a clear 401', async () => {
    const r = await vetted(['idea', 'list', '--server', url]);
    assert.equal(r.code, 1);
    assert.match(r.err, /needs an account: sign in/);
  });

  it('signs in with email and password (read from stdin), keeps the token 0600, acts as that person', async () => {
    const r = await spawned(
      ['login', '--server', url, '--email', 'ada@acme.example', '--password-stdin'],
      `${PASSWORD}\n`,
      { VETTED_CONFIG: config },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Signed in to http:\/\/127\.0\.0\.1:\d+ as ada@acme\.example/);
    assert.equal(statSync(config).mode & 0o777, 0o600);
    const kept = JSON.parse(readFileSync(config, 'utf8'));
    assert.equal(kept.server, url);
    assert.match(kept.servers[url].token, /^vt_/);
    assert.ok(!r.stdout.includes(kept.servers[url].token), 'the token is never printed');
  });

  it('commands then go to that server as the signed-in person, with no --server', async () => {
    const added = await vetted(['idea', 'add', 'Sent from the CLI', '--json']);
    assert.equal(added.code, 0, added.err);
    assert.equal(JSON.parse(added.out).idea.submitter.name, 'Ada Owner');
    const who = await vetted(['whoami']);
    assert.equal(who.code, 0, who.err);
    assert.match(who.out, /ada@acme\.example at http:\/\/127\.0\.0\.1/);
    assert.match(who.out, /acme: owner/);
  });

  it('an owner runs the team from the CLI: invite, role, remove, tokens, audit log, portal', async () => {
    const invite = await vetted(['members', 'invite', '--role', 'viewer', '--json']);
    assert.equal(invite.code, 0, invite.err);
    const { code } = JSON.parse(invite.out);
    const joined = await fetch(`${url}/api/auth/links/use`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Vera Viewer', email: 'vera@acme.example', password: PASSWORD }),
    });
    assert.equal(joined.status, 200, await joined.text());
    const role = await vetted(['members', 'role', 'vera@acme.example', '--role', 'contributor']);
    assert.equal(role.code, 0, role.err);
    assert.match(role.out, /Vera Viewer is now contributor/);
    assert.equal((await vetted(['members', 'role', 'Vera Viewer', '--role', 'boss'])).code, 2);
    const removed = await vetted(['members', 'remove', 'Vera Viewer']);
    assert.equal(removed.code, 0, removed.err);
    assert.doesNotMatch((await vetted(['members'])).out, /Vera/);

    const tokens = await vetted(['token', 'list']);
    assert.match(tokens.out, /vetted CLI on /);
    const audit = await vetted(['audit', '--limit', '5']);
    assert.equal(audit.code, 0, audit.err);
    assert.match(audit.out, /DELETE \/workspaces\/:ws\/members\/:member/);
    const refused = await vetted(['audit', '--format', 'csv', '--limit', 'many']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /limit/);
    const csv = await vetted(['audit', '--format', 'csv', '--limit', '3']);
    assert.match(csv.out, /^at,workspace,actor,action,target,status,before,after/);

    const portal = await vetted(['portal', 'open']);
    assert.match(portal.out, /\/portal#\S{20,}/);
    assert.match((await vetted(['portal'])).out, /^Open since /);
    assert.equal((await vetted(['portal', 'close'])).code, 0);
    assert.match((await vetted(['portal', 'status'])).out, /^Closed\./);
  });

  it('a wrong password is refused and nothing is kept', async () => {
    const other = join(dir, 'other.json');
    const r = await spawned(
      ['login', '--server', url, '--email', 'ada@acme.example', '--password-stdin'],
      'not the password\n',
      { VETTED_CONFIG: other },
    );
    assert.equal(r.status, 1);
    assert.match(r.stderr, /do not match an account/);
    assert.throws(() => statSync(other));
  });

  it('logout revokes the token on the server and forgets it', async () => {
    const token = JSON.parse(readFileSync(config, 'utf8')).servers[url].token;
    const out = await vetted(['logout']);
    assert.equal(out.code, 0, out.err);
    assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')).servers, {});
    const res = await fetch(`${url}/api/workspaces/acme/ideas`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 401);
  });
});
