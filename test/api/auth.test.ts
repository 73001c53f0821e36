import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { buildServer } from '../../src/api/server.ts';
import {
  type ApiToken,
  type AuditPage,
  type Idea,
  type IdeaCreated,
  type Invite,
  type LinkInfo,
  type LinkIssued,
  type Member,
  type PortalInfo,
  type PortalLink,
  type PortalReceipt,
  type ReceiptLookup,
  SessionState,
  type TokenCreated,
  type Workspace,
} from '../../src/schema/index.ts';
import {
  assertProblem,
  joinWith,
  PASSWORD,
  type SessionCall,
  sessionFrom,
  setUpOwner,
  startApi,
  type TestApi,
} from '../helpers/api.ts';
import { engine } from '../helpers/store.ts';

const WS = '/api/workspaces/acme';

/**
 * A field of an audit entry's `before` or `after`. The schema leaves their shape open (a compacted copy of the
 * record, see src/api/audit.ts), so the test looks inside only once it has seen an object.
 */
const field = (snapshot: unknown, key: string): unknown => {
  assert.ok(typeof snapshot === 'object' && snapshot !== null, `not a record: ${JSON.stringify(snapshot)}`);
  return (snapshot as Record<string, unknown>)[key];
};

/**
 * Accounts, sessions, CSRF, tokens, invitations, resets, member management, the audit log and the trusted
 * proxy mode, through the HTTP API as a browser, the CLI or an integration would use them.
 */
describe(`sign-in, sessions and tokens (${engine()})`, () => {
  let api: TestApi;
  let owner: SessionCall;

  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  it('first run: anyone may create the owner account once, then no one', async () => {
    const before = await api.net<SessionState>('GET', '/api/auth/session');
    assert.equal(before.status, 200);
    assert.equal(before.body.setupRequired, true);
    assert.equal(before.body.user, null);
    owner = await setUpOwner(api);
    assert.equal(owner.user.email, 'ada@acme.example');
    const again = await api.net('POST', '/api/auth/setup', {
      name: 'Mallory',
      email: 'mallory@evil.example',
      password: PASSWORD,
      workspace: { slug: 'evil', name: 'Evil' },
    });
    assertProblem(again, 409);
    const state = await owner<SessionState>('GET', '/api/auth/session');
    assert.equal(state.body.setupRequired, false);
    assert.deepEqual(
      state.body.memberships.map((m) => [m.workspace.slug, m.role]),
      [['acme', 'owner']],
    );
    // The password is stored as scrypt, never as itself.
    // A raw row: no schema describes the users table's columns.
    const [row] = await api.rows<{ password_hash: string }>(
      `select password_hash from users where email = 'ada@acme.example'`,
    );
    assert.ok(row, 'the owner account is stored');
    assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/);
    assert.ok(!row.password_hash.includes(PASSWORD));
  });

  it('sets the session cookie httpOnly and SameSite=Lax, Secure only over TLS from a trusted proxy', async () => {
    const plain = await api.net('POST', '/api/auth/sign-in', { email: 'ADA@acme.example', password: PASSWORD });
    assert.equal(plain.status, 200, plain.text);
    const cookie = String(plain.headers['set-cookie']);
    assert.match(cookie, /^vetted_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    // A client claiming TLS is not believed unless its address is a configured proxy.
    const claimed = await api.net(
      'POST',
      '/api/auth/sign-in',
      { email: 'ada@acme.example', password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    assert.doesNotMatch(String(claimed.headers['set-cookie']), /Secure/);
    process.env.VETTED_TRUSTED_PROXIES = '127.0.0.1';
    const behindProxy = await buildServer({ store: api.store }, { logger: false, cache: false }).finally(() => {
      delete process.env.VETTED_TRUSTED_PROXIES;
    });
    try {
      const r = await behindProxy.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'ada@acme.example', password: PASSWORD },
        headers: { 'x-forwarded-proto': 'https' },
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['set-cookie']), /; Secure$/);
    } finally {
      await behindProxy.close();
    }
  });

  it('gives one answer for a wrong password and an unknown email, and keeps no session', async () => {
    const wrong = await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: 'not it at all' });
    const unknown = await api.net('POST', '/api/auth/sign-in', { email: 'nobody@acme.example', password: PASSWORD });
    assertProblem(wrong, 401);
    assertProblem(unknown, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.equal(wrong.headers['set-cookie'], undefined);
  });

  it('refuses a cookie-authenticated write without the CSRF token, or with another session’s', async () => {
    const other = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: PASSWORD }),
    );
    const idea = { title: 'CSRF probe' };
    const none = await api.net('POST', `${WS}/ideas`, idea, { cookie: `vetted_session=${owner.cookie}` });
    assertProblem(none, 403);
    assert.match(none.body.detail, /CSRF/);
    const crossed = await owner('POST', `${WS}/ideas`, idea, { 'x-csrf-token': other.csrf });
    assertProblem(crossed, 403);
    assert.deepEqual(await api.rows(`select id from ideas where title = 'CSRF probe'`), []);
    // Reads need no token; a write with it goes through.
    assert.equal(
      (await api.net('GET', `${WS}/ideas`, undefined, { cookie: `vetted_session=${owner.cookie}` })).status,
      200,
    );
    assert.equal((await owner('POST', `${WS}/ideas`, idea)).status, 201);
  });

  it('signs out of one browser, or of every browser at once', async () => {
    const a = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: PASSWORD }),
    );
    const b = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: PASSWORD }),
    );
    const out = await a('POST', '/api/auth/sign-out');
    assert.equal(out.status, 204);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assertProblem(await a('GET', `${WS}/ideas`), 401);
    assert.equal((await b('GET', `${WS}/ideas`)).status, 200);
    assert.equal((await b('POST', '/api/auth/sign-out-everywhere')).status, 204);
    assertProblem(await b('GET', `${WS}/ideas`), 401);
    assertProblem(await owner('GET', `${WS}/ideas`), 401);
    owner = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: PASSWORD }),
    );
  });

  it('API tokens: shown once, stored hashed, scoped, last use recorded, revocable', async () => {
    const read = await owner<TokenCreated>('POST', '/api/auth/tokens', { name: 'dashboard', scope: 'read' });
    assert.equal(read.status, 201, read.text);
    const token = read.body.token;
    assert.match(token, /^vt_[\w-]{40,}$/);
    assert.deepEqual(await api.rows(`select id from api_tokens where hash = '${token}'`), []);
    const list = await owner<ApiToken[]>('GET', '/api/auth/tokens');
    assert.ok(!list.text.includes(token), 'the token is never shown again');
    assert.equal(list.body[0]?.lastUsedAt, null);

    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await api.net('GET', `${WS}/ideas`, undefined, bearer)).status, 200);
    const write = await api.net('POST', `${WS}/ideas`, { title: 'By a read token' }, bearer);
    assertProblem(write, 403);
    assert.match(write.body.detail, /only read/);
    const [used] = (await owner<ApiToken[]>('GET', '/api/auth/tokens')).body;
    assert.ok(used);
    assert.notEqual(used.lastUsedAt, null);

    const writer = await owner<TokenCreated>('POST', '/api/auth/tokens', { name: 'cli', scope: 'write' });
    const byToken = await api.net<IdeaCreated>(
      'POST',
      `${WS}/ideas`,
      { title: 'By a write token' },
      {
        authorization: `Bearer ${writer.body.token}`,
      },
    );
    assert.equal(byToken.status, 201, byToken.text);
    assert.match(byToken.body.idea.submitter?.name ?? '', /^Ada Owner/);

    assert.equal((await owner('DELETE', `/api/auth/tokens/${read.body.record.id}`)).status, 200);
    const revoked = await api.net('GET', `${WS}/ideas`, undefined, bearer);
    assertProblem(revoked, 401);
    assert.match(revoked.body.detail, /revoked or mistyped/);
  });

  it('invitations: one person joins with the role, once, before expiry; revoked ones do not work', async () => {
    const invite = await owner<LinkIssued>('POST', `${WS}/invites`, { role: 'leader', expiresInHours: 2 });
    assert.equal(invite.status, 201, invite.text);
    assert.match(invite.body.url, /\/join#[\w-]{40,}$/);
    assert.deepEqual(await api.rows(`select hash from one_time_links where hash = '${invite.body.code}'`), []);
    const info = await api.net<LinkInfo>('POST', '/api/auth/links/inspect', { code: invite.body.code });
    assert.deepEqual([info.body.kind, info.body.workspace?.slug, info.body.role], ['invite', 'acme', 'leader']);

    const missing = await api.net('POST', '/api/auth/links/use', { code: invite.body.code });
    assertProblem(missing, 400, '/name', '/email', '/password');
    const leo = sessionFrom(
      api,
      await api.net('POST', '/api/auth/links/use', {
        code: invite.body.code,
        name: 'Leo Leader',
        email: 'leo@acme.example',
        password: PASSWORD,
      }),
    );
    assert.deepEqual(
      (await leo<SessionState>('GET', '/api/auth/session')).body.memberships.map((m) => m.role),
      ['leader'],
    );
    const twice = await api.net('POST', '/api/auth/links/use', {
      code: invite.body.code,
      name: 'Eve',
      email: 'eve@acme.example',
      password: PASSWORD,
    });
    assertProblem(twice, 404);
    assert.match(twice.body.detail, /used already, revoked, or it expired/);

    const revoked = await owner<LinkIssued>('POST', `${WS}/invites`, { role: 'viewer' });
    const open = await owner<Invite[]>('GET', `${WS}/invites`);
    assert.equal(open.body.length, 1);
    assert.equal((await owner('DELETE', `${WS}/invites/${open.body[0]!.id}`)).status, 204);
    assertProblem(await api.net('POST', '/api/auth/links/inspect', { code: revoked.body.code }), 404);

    await api.rows(`update one_time_links set expires_at = now() - interval '1 minute' where used_at is null`);
    const late = await owner<LinkIssued>('POST', `${WS}/invites`, { role: 'viewer' });
    await api.rows(`update one_time_links set expires_at = now() - interval '1 second' where used_at is null`);
    assertProblem(await api.net('POST', '/api/auth/links/inspect', { code: late.body.code }), 404);
  });

  it('roles change and members leave; a workspace always keeps an owner; removed work keeps its author', async () => {
    const cara = await joinWith(api, owner, 'acme', 'contributor', 'Cara Contributor', 'cara@acme.example');
    const submitted = await cara<IdeaCreated>('POST', `${WS}/ideas`, { title: 'Cara’s idea' });
    assert.equal(submitted.status, 201);
    const members = (await owner<Member[]>('GET', `${WS}/members`)).body;
    const caraMember = members.find((m) => m.name === 'Cara Contributor')!;
    // The workspace's first owner (made before any account existed) steps down: Ada's account is then the only owner.
    const [membership] = (await owner<SessionState>('GET', '/api/auth/session')).body.memberships;
    assert.ok(membership);
    const mine = membership.memberId;
    const first = members.find((m) => m.role === 'owner' && m.id !== mine)!;
    assert.equal(
      (await owner('PATCH', `${WS}/members/${first.id}`, { version: first.version, role: 'viewer' })).status,
      200,
    );
    const adaMember = members.find((m) => m.id === mine)!;

    const stale = await owner('PATCH', `${WS}/members/${caraMember.id}`, { version: 99, role: 'leader' });
    assertProblem(stale, 409);
    const promoted = await owner<Member>('PATCH', `${WS}/members/${caraMember.id}`, {
      version: caraMember.version,
      role: 'leader',
    });
    assert.equal(promoted.body.role, 'leader');
    const [change] = (await owner<AuditPage>('GET', `${WS}/audit?limit=1`)).body.items;
    assert.ok(change);
    assert.deepEqual([field(change.before, 'role'), field(change.after, 'role')], ['contributor', 'leader']);
    assertProblem(await cara('PATCH', `${WS}/members/${adaMember.id}`, { version: 1, role: 'viewer' }), 403);
    const lastOwner = await owner('PATCH', `${WS}/members/${adaMember.id}`, {
      version: adaMember.version,
      role: 'viewer',
    });
    assertProblem(lastOwner, 422);
    assertProblem(await owner('DELETE', `${WS}/members/${adaMember.id}`), 422);

    assert.equal((await owner('DELETE', `${WS}/members/${caraMember.id}`)).status, 200);
    assertProblem(await cara('GET', `${WS}/ideas`), 404);
    const idea = await owner<Idea>('GET', `${WS}/ideas/${submitted.body.idea.number}`);
    assert.equal(idea.body.submitter?.name, 'Cara Contributor');
    assert.ok(!(await owner<Member[]>('GET', `${WS}/members`)).body.some((m) => m.name === 'Cara Contributor'));

    // Invited again: the same member comes back, with the new invitation's role.
    const back = await owner<LinkIssued>('POST', `${WS}/invites`, { role: 'viewer' });
    const again = await cara('POST', '/api/auth/links/use', { code: back.body.code });
    assert.equal(again.status, 200, again.text);
    const rejoined = (await owner<Member[]>('GET', `${WS}/members`)).body.find((m) => m.name === 'Cara Contributor');
    assert.ok(rejoined);
    assert.deepEqual([rejoined.id, rejoined.role], [caraMember.id, 'viewer']);
  });

  it('an invitation opened with the email of a member who has no account yet links that member', async () => {
    const added = await owner<Member>('POST', `${WS}/members`, { name: 'Imported Ida', email: 'Ida@acme.example' });
    assert.equal(added.status, 201, added.text);
    const invite = await owner<LinkIssued>('POST', `${WS}/invites`, { role: 'contributor' });
    const ida = sessionFrom(
      api,
      await api.net('POST', '/api/auth/links/use', {
        code: invite.body.code,
        name: 'Ida',
        email: 'ida@acme.example',
        password: PASSWORD,
      }),
    );
    const state = (await ida<SessionState>('GET', '/api/auth/session')).body;
    assert.deepEqual([state.memberships[0]?.memberId, state.memberships[0]?.role], [added.body.id, 'contributor']);
    assert.equal((await owner<Member[]>('GET', `${WS}/members`)).body.filter((m) => /Ida/.test(m.name)).length, 1);
  });

  it('password reset by an owner-issued link: sets the password, ends every session, works once', async () => {
    const vic = await joinWith(api, owner, 'acme', 'viewer', 'Vic Viewer', 'vic@acme.example');
    const vicMember = (await owner<Member[]>('GET', `${WS}/members`)).body.find((m) => m.name === 'Vic Viewer');
    assert.ok(vicMember);
    const link = await owner<LinkIssued>('POST', `${WS}/members/${vicMember.id}/password-reset`);
    assert.equal(link.status, 201, link.text);
    assert.match(link.body.url, /\/reset#/);
    const info = await api.net<LinkInfo>('POST', '/api/auth/links/inspect', { code: link.body.code });
    assert.deepEqual([info.body.kind, info.body.email], ['reset', 'vic@acme.example']);
    const fresh = 'a brand new passphrase';
    const used = await api.net('POST', '/api/auth/links/use', { code: link.body.code, password: fresh });
    assert.equal(used.status, 200, used.text);
    assertProblem(await vic('GET', `${WS}/ideas`), 401);
    assertProblem(await api.net('POST', '/api/auth/sign-in', { email: 'vic@acme.example', password: PASSWORD }), 401);
    assert.equal(
      (await api.net('POST', '/api/auth/sign-in', { email: 'vic@acme.example', password: fresh })).status,
      200,
    );
    assertProblem(
      await api.net('POST', '/api/auth/links/use', { code: link.body.code, password: 'yet another one!' }),
      404,
    );
  });

  it('an owner of one workspace cannot reset the account of someone who is also in a workspace they do not own', async () => {
    const otto = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'leo@acme.example', password: PASSWORD }),
    );
    // Leo is a leader in acme only, so cannot create workspaces; make him the owner of a second one.
    assertProblem(await otto('POST', '/api/workspaces', { slug: 'leos', name: 'Leo’s' }), 403);
    const second = await owner('POST', '/api/workspaces', { slug: 'second', name: 'Second' });
    assert.equal(second.status, 201, second.text);
    const invite = await owner<LinkIssued>('POST', '/api/workspaces/second/invites', { role: 'owner' });
    assert.equal((await otto('POST', '/api/auth/links/use', { code: invite.body.code })).status, 200);
    const adaInSecond = (await owner<Member[]>('GET', '/api/workspaces/second/members')).body.find((m) =>
      m.name.startsWith('Ada Owner'),
    );
    assert.ok(adaInSecond);
    assert.equal((await otto('DELETE', `/api/workspaces/second/members/${adaInSecond.id}`)).status, 200);
    // Each account lists the workspaces it is a member of, and no longer one it was removed from.
    const listed = async (call: SessionCall) =>
      (await call<Workspace[]>('GET', '/api/workspaces')).body.map((w) => w.slug).sort();
    assert.deepEqual(await listed(otto), ['acme', 'second']);
    assert.deepEqual(await listed(owner), ['acme']);
    const leoMember = (await owner<Member[]>('GET', `${WS}/members`)).body.find((m) => m.name === 'Leo Leader');
    assert.ok(leoMember);
    const refused = await owner('POST', `${WS}/members/${leoMember.id}/password-reset`);
    assertProblem(refused, 403);
    assert.match(refused.body.detail, /workspaces you do not own/);
  });

  it('changing the password needs the current one and signs other browsers out', async () => {
    const elsewhere = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: PASSWORD }),
    );
    assertProblem(
      await owner('PUT', '/api/auth/password', { current: 'wrong one', password: 'another long one' }),
      400,
      '/current',
    );
    const changed = await owner('PUT', '/api/auth/password', { current: PASSWORD, password: 'another long one' });
    assert.equal(changed.status, 204, changed.text);
    assertProblem(await elsewhere('GET', `${WS}/ideas`), 401);
    owner = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'ada@acme.example', password: 'another long one' }),
    );
  });

  it('the audit log: every write with its actor and a compact before/after, for owners, exportable', async () => {
    const idea = (await owner<IdeaCreated>('POST', `${WS}/ideas`, { title: 'Audited idea' })).body.idea;
    const renamed = await owner('PATCH', `${WS}/ideas/${idea.number}`, {
      version: idea.version,
      title: 'Audited, renamed',
    });
    assert.equal(renamed.status, 200, renamed.text);
    const page = await owner<AuditPage>('GET', `${WS}/audit?limit=5`);
    assert.equal(page.status, 200, page.text);
    const [latest] = page.body.items;
    assert.ok(latest, page.text);
    assert.equal(latest.action, 'PATCH /workspaces/:ws/ideas/:idea');
    assert.match(latest.actor, /^Ada Owner/);
    assert.equal(field(latest.before, 'title'), 'Audited idea');
    assert.equal(field(latest.after, 'title'), 'Audited, renamed');
    const next = page.body.next;
    assert.ok(next, 'more entries on the next page');
    const older = await owner<AuditPage>('GET', `${WS}/audit?limit=5&before=${next}`);
    assert.ok(older.body.items.every((e) => e.id < next));
    // Secrets never reach the log: invitation codes and tokens are left out.
    const all = await api.rows<{ t: string }>(`select after::text as t from audit_entries`);
    for (const code of all.map((r) => r.t)) assert.doesNotMatch(code ?? '', /vt_[\w-]{20}|"code"|"token"/);
    const csv = await owner('GET', `${WS}/audit?format=csv&limit=3`);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(csv.text, /^at,workspace,actor,action,target,status,before,after\n/);
    const leo = sessionFrom(
      api,
      await api.net('POST', '/api/auth/sign-in', { email: 'leo@acme.example', password: PASSWORD }),
    );
    assertProblem(await leo('GET', `${WS}/audit`), 403);
  });

  it('trusted proxy mode: the header counts only when enabled, only from the proxy, never as a name', async () => {
    const adaMember = (await owner<Member[]>('GET', `${WS}/members`)).body.find((m) => m.name === 'Ada Owner');
    assert.ok(adaMember);
    const viaHeader = { 'x-forwarded-email': 'ada@acme.example' };
    assertProblem(await api.net('GET', `${WS}/ideas`, undefined, viaHeader), 401);
    const proxied = async (env: Record<string, string>, headers: Record<string, string>) => {
      Object.assign(process.env, env);
      const app = await buildServer({ store: api.store }, { logger: false, cache: false }).finally(() => {
        for (const k of Object.keys(env)) delete process.env[k];
      });
      try {
        const r = await app.inject({ method: 'GET', url: `${WS}/members`, headers });
        return r.statusCode;
      } finally {
        await app.close();
      }
    };
    const on = { VETTED_PROXY_IDENTITY_HEADER: 'X-Forwarded-Email', VETTED_TRUSTED_PROXIES: '127.0.0.1' };
    assert.equal(await proxied(on, viaHeader), 200);
    Object.assign(process.env, on);
    const app = await buildServer({ store: api.store }, { logger: false, cache: false }).finally(() => {
      for (const k of Object.keys(on)) delete process.env[k];
    });
    const state: unknown = JSON.parse((await app.inject({ url: '/api/auth/session', headers: viaHeader })).body);
    await app.close();
    assert.ok(Value.Check(SessionState, state), `not a session: ${JSON.stringify(state)}`);
    assert.deepEqual([state.via, state.memberships.map((m) => m.workspace.slug).sort()], ['proxy', ['acme']]);
    assert.equal(await proxied(on, { 'x-forwarded-email': adaMember.id }), 200);
    assert.equal(await proxied(on, { 'x-forwarded-email': 'Ada Owner' }), 403);
    assert.equal(await proxied({ ...on, VETTED_TRUSTED_PROXIES: '10.9.8.7' }, viaHeader), 401);
    await assert.rejects(
      () => proxied({ VETTED_PROXY_IDENTITY_HEADER: 'X-Forwarded-Email' }, viaHeader),
      /VETTED_TRUSTED_PROXIES is empty/,
    );
  });

  it('limits guessing: sign-in per address and email, and bad tokens per address, with 429 and Retry-After', async () => {
    let last: Awaited<ReturnType<TestApi['net']>> | undefined;
    for (let i = 0; i < 11; i++)
      last = await api.net('POST', '/api/auth/sign-in', { email: 'target@acme.example', password: `guess ${i} guess` });
    assertProblem(last!, 429);
    assert.ok(Number(last!.headers['retry-after']) > 0);
    // Someone else at the same address still signs in.
    assert.equal(
      (await api.net('POST', '/api/auth/sign-in', { email: 'leo@acme.example', password: PASSWORD })).status,
      200,
    );
    for (let i = 0; i < 21; i++)
      last = await api.net('GET', `${WS}/ideas`, undefined, { authorization: `Bearer vt_guess${i}` });
    assertProblem(last!, 429);
    assert.ok(Number(last!.headers['retry-after']) > 0);
  });

  it('the submission portal: people without an account submit anonymously through its link, and only there', async () => {
    assert.deepEqual((await owner('GET', `${WS}/portal`)).body, { enabled: false, since: null });
    const opened = await owner<PortalLink>('POST', `${WS}/portal`);
    assert.equal(opened.status, 201, opened.text);
    assert.match(opened.body.url, /\/portal#[\w-]{40,}$/);
    const code = opened.body.code;
    assert.equal((await api.net<PortalInfo>('POST', '/api/portal/inspect', { code })).body.workspace.name, 'Acme');

    const sent = await api.net<PortalReceipt>('POST', '/api/portal/ideas', {
      code,
      title: 'Brighter stairwells',
      description: 'Safety',
    });
    assert.equal(sent.status, 201, sent.text);
    assert.deepEqual(Object.keys(sent.body).sort(), ['number', 'receiptCode', 'title'], 'nothing about other ideas');
    const idea = (await owner<Idea>('GET', `${WS}/ideas/${sent.body.number}`)).body;
    assert.deepEqual([idea.anonymous, idea.submitter], [true, null]);
    const lookup = await api.net<ReceiptLookup>('POST', '/api/receipts/lookup', { code: sent.body.receiptCode });
    assert.equal(lookup.body.idea.title, 'Brighter stairwells');

    // Without the portal, an anonymous idea needs someone the workspace knows (who is then forgotten).
    assertProblem(await api.net('POST', `${WS}/ideas`, { title: 'Spam', anonymous: true }), 401);
    const mine = await owner<IdeaCreated>('POST', `${WS}/ideas`, { title: 'Member, anonymously', anonymous: true });
    assert.equal(mine.status, 201, mine.text);
    assert.equal(mine.body.idea.submitter, null);

    const replaced = await owner<PortalLink>('POST', `${WS}/portal`);
    assertProblem(await api.net('POST', '/api/portal/ideas', { code, title: 'Old link' }), 404);
    assert.equal((await owner('DELETE', `${WS}/portal`)).status, 204);
    assertProblem(await api.net('POST', '/api/portal/inspect', { code: replaced.body.code }), 404);
  });

  it('the sample can be entered without an account only from this machine, and only before an owner exists', async () => {
    // Inject comes from 127.0.0.1 with Host localhost: "this machine". This install has an owner now.
    const refused = await api.net('POST', '/api/auth/demo');
    assertProblem(refused, 403);
    assert.equal((await api.net<SessionState>('GET', '/api/auth/session')).body.demo, false);
  });
});
