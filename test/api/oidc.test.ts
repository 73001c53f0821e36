import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Value } from 'typebox/value';
import { writeSetting } from '../../src/app/auth/settings.ts';
import { type Member, type OidcSettingsState, SessionState } from '../../src/schema/index.ts';
import { assertProblem, joinWith, type SessionCall, setUpOwner, startApi, type TestApi } from '../helpers/api.ts';
import { CookieJar, startMirror, startProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { engine } from '../helpers/store.ts';

/**
 * Single sign-on against a real OpenID Provider (oidc-provider, in this process): Vetted listens on a real
 * port, so the provider sends the "browser" (a cookie jar following redirects) back to its callback.
 */
describe(`single sign-on with OpenID Connect (${engine()})`, () => {
  let api: TestApi;
  let owner: SessionCall;
  let idp: TestProvider;
  let vetted: string;
  const logs: string[] = [];

  /** The settings an owner saves for the test provider. */
  const settings = (extra: Record<string, unknown> = {}) => ({
    enabled: true,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    label: 'Sign in with Test IdP',
    autoJoin: null,
    ...extra,
  });
  const save = async (extra: Record<string, unknown> = {}) => {
    const r = await owner<OidcSettingsState>('PUT', '/api/auth/oidc/settings', settings(extra));
    assert.equal(r.status, 200, r.text);
    return r;
  };

  /** Starts a sign-in in a fresh browser and logs in at the provider; stops at the address it sends back to Vetted. */
  async function toCallback(email: string, jar = new CookieJar()) {
    const start = await jar.request(`${vetted}/api/auth/oidc/start`);
    assert.equal(start.status, 302);
    const login = await jar.follow(start.headers.get('location')!, `${idp.issuer}/interaction/`);
    const page = await jar.request(login);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    const back = await jar.follow(`${login}/login`, `${vetted}/`, { email });
    assert.ok(back.startsWith(`${vetted}/api/auth/oidc/callback?`), back);
    return { jar, back };
  }

  /** The callback's answer: where it sends the browser, and the error it shows there, if any. */
  async function callback(jar: CookieJar, url: string) {
    const res = await jar.request(url);
    assert.equal(res.status, 302, await res.text());
    const location = res.headers.get('location')!;
    const error = location.startsWith('/sign-in?') ? new URL(location, vetted).searchParams.get('error') : null;
    return { location, error, res };
  }

  /** Who the jar's session is (null: signed out). */
  async function whoami(jar: CookieJar): Promise<SessionState> {
    const res = await jar.request(`${vetted}/api/auth/session`);
    assert.equal(res.status, 200);
    const state: unknown = await res.json();
    assert.ok(Value.Check(SessionState, state), `not a session state: ${JSON.stringify(state)}`);
    return state;
  }

  async function signIn(email: string) {
    const { jar, back } = await toCallback(email);
    const done = await callback(jar, back);
    assert.equal(done.location, '/', `sign-in failed: ${done.error}`);
    assert.ok(jar.cookies.get('vetted_session'), 'a session cookie');
    assert.ok(!jar.cookies.has('vetted_oidc'), 'the flow cookie is cleared');
    const state = await whoami(jar);
    const { user } = state;
    assert.ok(user, 'the session has a user');
    return { jar, state: { ...state, user } };
  }

  /**
   * A provider that takes the connection and never answers, which Vetted gives up on after 5 s: asked in
   * `before` and checked by the last test, so the wait runs while the other tests do. Saving fails, so it
   * changes nothing they see (a refused write is neither stored nor audited).
   */
  const silent = createServer(() => {});
  let silentAnswer: Promise<{ reply: Awaited<ReturnType<SessionCall>>; ms: number }>;

  before(async () => {
    api = await startApi({ logs });
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    vetted = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
    owner = await setUpOwner(api);
    idp = await startProvider(`${vetted}/api/auth/oidc/callback`);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    const issuer = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    silentAnswer = owner('PUT', '/api/auth/oidc/settings', settings({ issuer })).then((reply) => ({
      reply,
      ms: Date.now() - started,
    }));
    // Checked by the last test; until then a failure must not count as unhandled.
    silentAnswer.catch(() => {});
  });
  after(async () => {
    silent.closeAllConnections();
    silent.close();
    await idp?.close();
    await api?.close();
  });

  it('settings: an owner saves and reads them back; the secret is never returned; others are refused', async () => {
    const empty = await owner<OidcSettingsState>('GET', '/api/auth/oidc/settings');
    assert.equal(empty.status, 200, empty.text);
    assert.deepEqual(empty.body, {
      settings: null,
      hasSecret: false,
      redirectUri: 'http://localhost:80/api/auth/oidc/callback',
    });
    assert.equal((await api.net<SessionState>('GET', '/api/auth/session')).body.oidc, null);

    const put = await save({ autoJoin: { domain: '@ACME.example', workspace: 'acme', role: 'viewer' } });
    assert.equal(put.body.hasSecret, true);
    assert.equal(put.body.settings?.autoJoin?.domain, 'acme.example');
    assert.ok(!put.text.includes(idp.clientSecret), 'no secret in the answer');
    const got = await owner<OidcSettingsState>('GET', '/api/auth/oidc/settings');
    assert.deepEqual(got.body.settings, {
      enabled: true,
      issuer: idp.issuer,
      clientId: idp.clientId,
      label: 'Sign in with Test IdP',
      autoJoin: { domain: 'acme.example', workspace: 'acme', role: 'viewer' },
    });
    assert.equal(got.body.hasSecret, true);
    assert.ok(!got.text.includes(idp.clientSecret));
    // The sign-in page learns the label, and nothing else.
    assert.deepEqual((await api.net<SessionState>('GET', '/api/auth/session')).body.oidc, {
      label: 'Sign in with Test IdP',
    });

    // Leaving the secret out keeps it.
    const { clientSecret: _, ...withoutSecret } = settings();
    const kept = await owner<OidcSettingsState>('PUT', '/api/auth/oidc/settings', withoutSecret);
    assert.equal(kept.status, 200, kept.text);
    assert.equal(kept.body.hasSecret, true);
    // A raw SQL row: the stored settings, secret and all (no schema describes what is stored).
    const [row] = await api.rows<{ value: { clientSecret?: string } }>("select value from settings where key = 'oidc'");
    assert.equal(row!.value.clientSecret, idp.clientSecret);
    // The audit log has the change, without the secret.
    const audit = await api.rows<{ t: string }>(
      "select after::text as t from audit_entries where action = 'PUT /auth/oidc/settings'",
    );
    assert.equal(audit.length, 2);
    assert.ok(audit.every((a) => !a.t.includes(idp.clientSecret)));

    // Not for anyone else: a contributor, a visitor with no credentials.
    const contributor = await joinWith(api, owner, 'acme', 'contributor', 'Cora Contributor', 'cora@acme.example');
    assertProblem(await contributor('GET', '/api/auth/oidc/settings'), 403);
    assertProblem(await contributor('PUT', '/api/auth/oidc/settings', settings()), 403);
    assertProblem(await api.net('GET', '/api/auth/oidc/settings'), 401);
    assertProblem(await api.net('PUT', '/api/auth/oidc/settings', settings()), 401);
    // And validated: an unknown field, a non-URL issuer, plain http to another machine, a missing workspace.
    assertProblem(await owner('PUT', '/api/auth/oidc/settings', settings({ scope: 'x' })), 400);
    assertProblem(await owner('PUT', '/api/auth/oidc/settings', settings({ issuer: 'not a url' })), 400, '/issuer');
    const http = await owner('PUT', '/api/auth/oidc/settings', settings({ issuer: 'http://idp.example.com' }));
    assertProblem(http, 422, '/issuer');
    assert.match(http.body.detail, /https/);
    const noWs = await owner(
      'PUT',
      '/api/auth/oidc/settings',
      settings({ autoJoin: { domain: 'acme.example', workspace: 'nowhere', role: 'viewer' } }),
    );
    assertProblem(noWs, 422, '/autoJoin/workspace');
  });

  it('saving refuses a provider that cannot be reached, or that names another issuer', async () => {
    const dead = await startProvider(`${vetted}/api/auth/oidc/callback`);
    await dead.close();
    const unreachable = await owner('PUT', '/api/auth/oidc/settings', settings({ issuer: dead.issuer }));
    assertProblem(unreachable, 422, '/issuer');
    assert.match(unreachable.body.detail, /could not reach the provider at .*connection refused/);

    const mirror = await startMirror(idp);
    try {
      const mismatch = await owner('PUT', '/api/auth/oidc/settings', settings({ issuer: mirror.url }));
      assertProblem(mismatch, 422, '/issuer');
      assert.ok(
        mismatch.body.detail?.includes(`names a different issuer: "${idp.issuer}"`),
        `the detail names the real issuer: ${mismatch.body.detail}`,
      );
      // Nothing was saved.
      assert.equal(
        (await owner<OidcSettingsState>('GET', '/api/auth/oidc/settings')).body.settings?.issuer,
        idp.issuer,
      );
      // Turning single sign-on off needs no provider at all.
      const off = await owner('PUT', '/api/auth/oidc/settings', settings({ enabled: false, issuer: dead.issuer }));
      assert.equal(off.status, 200, off.text);
    } finally {
      await mirror.close();
    }
  });

  it('signs in: the first sign-in makes the account (no password) and a session; an existing account is found by email', async () => {
    await save();
    const { jar, state } = await signIn('Grace.Hopper@Elsewhere.example');
    assert.equal(state.via, 'session');
    assert.equal(state.user.email, 'grace.hopper@elsewhere.example');
    assert.equal(state.user.name, 'Grace Hopper');
    assert.equal(state.user.hasPassword, false);
    assert.deepEqual(state.memberships, []);
    // The session works for writes too (with its CSRF token).
    const csrf = state.csrf;
    assert.ok(csrf, 'the session has a CSRF token');
    const token = await fetch(`${vetted}/api/auth/tokens`, {
      method: 'POST',
      headers: {
        cookie: `vetted_session=${jar.cookies.get('vetted_session')}`,
        'x-csrf-token': csrf,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'cli', scope: 'read' }),
    });
    assert.equal(token.status, 201);

    // Again: the same account, not a second one.
    const again = await signIn('grace.hopper@elsewhere.example');
    assert.equal(again.state.user.id, state.user.id);
    const rows = await api.rows<{ n: number }>(
      "select count(*)::int as n from users where email = 'grace.hopper@elsewhere.example'",
    );
    assert.equal(rows[0]!.n, 1);

    // The owner's account (made with a password) is the one their verified email opens.
    const ada = await signIn('ada@acme.example');
    assert.equal(ada.state.user.id, owner.user.id);
    assert.equal(ada.state.memberships[0]?.role, 'owner');

    // The flow's secrets and the code never reach the logs.
    const text = logs.join('\n');
    assert.ok(!text.includes(idp.clientSecret));
    assert.doesNotMatch(text, /code=|state=|code_verifier|vetted_oidc=/);
  });

  it('auto-join: a verified email at the domain joins the workspace with the configured role, once', async () => {
    await save({ autoJoin: { domain: 'acme.example', workspace: 'acme', role: 'contributor' } });
    const { state } = await signIn('lin@acme.example');
    assert.deepEqual(
      state.memberships.map((m) => [m.workspace.slug, m.role]),
      [['acme', 'contributor']],
    );
    const again = await signIn('lin@acme.example');
    assert.equal(again.state.memberships.length, 1);
    const members = await api.rows<{ n: number }>(
      "select count(*)::int as n from members where lower(email) = 'lin@acme.example'",
    );
    assert.equal(members[0]!.n, 1);
    // The audit log says who joined and how.
    // A raw SQL row of the audit log: the `after` this entry writes.
    const [entry] = await api.rows<{ actor: string; after: { role?: string } }>(
      "select actor, after from audit_entries where action = 'GET /auth/oidc/callback' and after->>'event' = 'joined by email domain'",
    );
    assert.equal(entry!.actor, 'Lin');
    assert.equal(entry!.after.role, 'contributor');

    // Another domain joins nothing; a subdomain is another domain.
    assert.deepEqual((await signIn('max@other.example')).state.memberships, []);
    assert.deepEqual((await signIn('sub@eu.acme.example')).state.memberships, []);

    // Someone an owner removed does not come back by signing in.
    const lin = (await owner<Member[]>('GET', '/api/workspaces/acme/members')).body.find(
      (m) => m.email === 'lin@acme.example',
    );
    assert.ok(lin, 'Lin is a member');
    assert.equal((await owner('DELETE', `/api/workspaces/acme/members/${lin.id}`)).status, 200);
    assert.deepEqual((await signIn('lin@acme.example')).state.memberships, []);
  });

  it('refuses an unverified email', async () => {
    await save({ autoJoin: { domain: 'acme.example', workspace: 'acme', role: 'contributor' } });
    idp.unverified.add('eve@acme.example');
    const { jar, back } = await toCallback('eve@acme.example');
    const { error } = await callback(jar, back);
    assert.match(error ?? '', /has not verified your email address/);
    assert.equal((await whoami(jar)).user, null);
    const rows = await api.rows("select id from users where email = 'eve@acme.example'");
    assert.equal(rows.length, 0);
  });

  it('refuses an answer whose state is wrong or that comes back to another browser', async () => {
    await save();
    const { jar, back } = await toCallback('sam@elsewhere.example');
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged-state');
    const wrong = await callback(jar, forged.href);
    assert.match(wrong.error ?? '', /does not belong to the sign-in this browser started/);
    assert.ok(!wrong.res.headers.getSetCookie().some((c) => c.startsWith('vetted_session=')));
    assert.equal((await whoami(jar)).user, null);

    // The right answer in a browser that did not start it (no flow cookie): refused too.
    const { back: other } = await toCallback('sam@elsewhere.example');
    const elsewhere = await callback(new CookieJar(), other);
    assert.match(elsewhere.error ?? '', /could not be matched to your browser/);
    // Nor with a flow cookie that is not one.
    for (const junk of ['%E0%A4%A', 'bm90IGpzb24', Buffer.from('{"state":1}').toString('base64url')]) {
      const mangled = new CookieJar();
      mangled.cookies.set('vetted_oidc', junk);
      assert.match((await callback(mangled, other)).error ?? '', /could not be matched to your browser/);
    }
  });

  it('refuses a code used twice, and a code that expired', async () => {
    await save();
    const { jar, back } = await toCallback('ray@elsewhere.example');
    const flowCookie = jar.cookies.get('vetted_oidc')!;
    assert.equal((await callback(jar, back)).location, '/');
    // Replayed with the same flow: the provider refuses the code.
    const replay = new CookieJar();
    replay.cookies.set('vetted_oidc', flowCookie);
    const reused = await callback(replay, back);
    assert.match(reused.error ?? '', /expired or was used already/);
    assert.equal((await whoami(replay)).user, null);

    idp.codeTtl = 1;
    try {
      const late = await toCallback('ray@elsewhere.example');
      await sleep(2100);
      const expired = await callback(late.jar, late.back);
      assert.match(expired.error ?? '', /expired or was used already/);
    } finally {
      idp.codeTtl = 60;
    }
  });

  it('says so when the issuer in the settings is not the provider’s, the provider is away, or sign-on is off', async () => {
    // Saved before the provider changed its issuer (written directly: saving would refuse it).
    const mirror = await startMirror(idp);
    const store = api.store.db;
    try {
      await writeSetting(store, 'oidc', { ...settings(), issuer: mirror.url }, new Date());
      const start = await fetch(`${vetted}/api/auth/oidc/start`, { redirect: 'manual' });
      assert.equal(start.status, 302);
      const error = new URL(start.headers.get('location')!, vetted).searchParams.get('error');
      assert.match(error ?? '', /names a different issuer than Vetted's settings do/);
    } finally {
      await mirror.close();
    }

    // A sign-in under way when the settings change is not finished with the new ones.
    await save();
    const { jar, back } = await toCallback('kim@elsewhere.example');
    await writeSetting(store, 'oidc', { ...settings(), clientId: 'another-client' }, new Date());
    assert.match((await callback(jar, back)).error ?? '', /settings changed while you were signing in/);

    // The provider is away.
    const dead = await startProvider(`${vetted}/api/auth/oidc/callback`);
    await dead.close();
    await writeSetting(store, 'oidc', { ...settings(), issuer: dead.issuer }, new Date());
    const away = await fetch(`${vetted}/api/auth/oidc/start`, { redirect: 'manual' });
    assert.match(
      new URL(away.headers.get('location')!, vetted).searchParams.get('error') ?? '',
      /could not reach your identity provider/,
    );

    // Turned off: the sign-in page offers nothing, and the routes say it is off.
    await save({ enabled: false });
    assert.equal((await api.net<SessionState>('GET', '/api/auth/session')).body.oidc, null);
    const off = await fetch(`${vetted}/api/auth/oidc/start`, { redirect: 'manual' });
    assert.equal(off.status, 302);
    const location = off.headers.get('location')!;
    assert.ok(location.startsWith('/sign-in?error='), location);
    assert.match(new URL(location, vetted).searchParams.get('error') ?? '', /turned off/);
    const callbackOff = await fetch(`${vetted}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    assert.match(callbackOff.headers.get('location') ?? '', /^\/sign-in\?error=.*turned%20off/);
    // No failure shows a stack trace or an internal detail.
    for (const l of [location, callbackOff.headers.get('location')!])
      assert.doesNotMatch(decodeURIComponent(l), /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|Error:/);
  });

  it('gives up on a provider that never answers after a few seconds, and saves nothing', async () => {
    const { reply, ms } = await silentAnswer;
    assertProblem(reply, 422, '/issuer');
    assert.match(reply.body.detail, /did not answer within 5 seconds/);
    assert.ok(ms < 8000, `a short timeout: ${ms} ms`);
    const saved = (await owner<OidcSettingsState>('GET', '/api/auth/oidc/settings')).body.settings;
    assert.notEqual(saved?.issuer, `http://127.0.0.1:${(silent.address() as AddressInfo).port}`);
  });
});
