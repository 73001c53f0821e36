/**
 * Single sign-on in Chromium, against a real OpenID Provider (oidc-provider, in this process): the sign-in
 * page offers the provider, its login brings the person back to Vetted signed in, and each way it can go
 * wrong ends on the sign-in page with a message saying what happened.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildServer } from '../../src/api/server.ts';
import { webPlugin } from '../../src/api/web.ts';
import type { Store } from '../../src/store/database.ts';
import { startProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { testStore } from '../helpers/store.ts';
import { type Browser, ensureWebBuild, launchBrowser, newContext, type Page, screenshot } from './harness.ts';

describe('single sign-on in Chromium', () => {
  let browser: Browser;
  let store: Store;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let url: string;
  let idp: TestProvider;
  let owner: { cookie: string; csrf: string };

  /** A JSON call to the API with the owner's session. */
  async function asOwner(method: string, path: string, body?: unknown) {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        cookie: `vetted_session=${owner.cookie}`,
        'x-csrf-token': owner.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const configure = (enabled = true) =>
    asOwner('PUT', '/auth/oidc/settings', {
      enabled,
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      label: 'Test IdP',
      autoJoin: { domain: 'acme.example', workspace: 'acme', role: 'contributor' },
    });

  before(async () => {
    ensureWebBuild();
    store = await testStore();
    app = await buildServer({ store }, { logger: false, extend: webPlugin });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const setup = await fetch(`${url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Ada Owner',
        email: 'ada@acme.example',
        password: 'correct horse battery staple',
        workspace: { slug: 'acme', name: 'Acme' },
      }),
    });
    assert.equal(setup.status, 201, await setup.clone().text());
    owner = {
      cookie: /vetted_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')![1]!,
      csrf: ((await setup.json()) as { csrf: string }).csrf,
    };
    [idp, browser] = await Promise.all([startProvider(`${url}/api/auth/oidc/callback`), launchBrowser()]);
    await configure();
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
    await app?.close();
    await store?.close();
  });

  /** The sign-in page's alert, once the page has come back with `?error=`. */
  async function signInError(page: Page): Promise<string> {
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.has('error'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sign in');
    return (await alert.textContent()) ?? '';
  }

  test('the sign-in page offers the provider; logging in there lands back in Vetted, signed in', async () => {
    const { context, errors } = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    const sso = page.getByRole('link', { name: 'Sign in with Test IdP' });
    assert.equal(await sso.getAttribute('href'), '/api/auth/oidc/start');
    await screenshot(page, 'sso-sign-in');

    await sso.click();
    await page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`));
    await page.getByRole('heading', { name: 'Test identity provider: sign in' }).waitFor();
    await page.getByLabel('Email').fill('lin@acme.example');
    await page.getByRole('button', { name: 'Continue' }).click();

    // Back in Vetted, on its own pages, as the new account, in the workspace the email's domain joins.
    await page.waitForURL((u) => u.origin === url && !u.pathname.startsWith('/api/') && u.pathname !== '/sign-in');
    const session = await (await context.request.get(`${url}/api/auth/session`)).json();
    assert.equal(session.via, 'session');
    assert.equal(session.user.email, 'lin@acme.example');
    assert.deepEqual(
      session.memberships.map((m: { workspace: { slug: string }; role: string }) => [m.workspace.slug, m.role]),
      [['acme', 'contributor']],
    );
    await page.getByText('Lin', { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Sign in with Test IdP' }).count(), 0);
    assert.deepEqual(idp.logins, ['lin@acme.example']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('each failure shows what went wrong on the sign-in page', async () => {
    const { context, errors } = await newContext(browser);
    const page = await context.newPage();

    // An email the provider has not verified.
    idp.unverified.add('eve@acme.example');
    await page.goto(`${url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await page.getByLabel('Email').fill('eve@acme.example');
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await signInError(page), /has not verified your email address/);
    await screenshot(page, 'sso-error-unverified');

    // An answer whose state is not the one this browser's sign-in began with. (The provider forgets Eve
    // first, or it would send the browser straight back, signed in there already.)
    await context.clearCookies();
    await page.goto(`${url}/api/auth/oidc/start`);
    await page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/interaction/`));
    await page.goto(`${url}/api/auth/oidc/callback?code=made-up&state=forged`);
    assert.match(await signInError(page), /does not belong to the sign-in this browser started/);

    // An answer that arrives with no sign-in under way in this browser.
    await page.goto(`${url}/api/auth/oidc/callback?code=made-up&state=forged`);
    assert.match(await signInError(page), /could not be matched to your browser/);

    // Single sign-on turned off while the page still offered it.
    await page.goto(`${url}/sign-in`);
    const stale = page.getByRole('link', { name: 'Sign in with Test IdP' });
    await stale.waitFor();
    await configure(false);
    await stale.click();
    assert.match(await signInError(page), /turned off/);
    assert.equal(await page.getByRole('link', { name: 'Sign in with Test IdP' }).count(), 0);
    await configure(true);

    const session = await (await context.request.get(`${url}/api/auth/session`)).json();
    assert.equal(session.user, null, 'no failure signs anyone in');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
