/**
 * Sign-in and the team in real Chromium against the real server: first run on an empty install, the sample
 * entered in one step on this machine, signing in and out, inviting by link, roles, removal, a second
 * workspace, API tokens, password changes and resets, the audit log, and the CSRF check on writes.
 * Screenshots of first run, sign-in, members and the audit log at desktop and phone width.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LinkIssued, OidcSettingsState } from '../../src/schema/index.ts';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  DESKTOP,
  eventually,
  launchBrowser,
  newContext,
  PASSWORD,
  type Page,
  PEOPLE,
  PHONE,
  screenshot,
  seriousViolations,
  startServer,
  type TestServer,
  text,
  WS,
} from './harness.ts';

const OWNER = 'Marit Ellingsen';
const NEWCOMER = { name: 'Noor Haddad', email: 'noor.haddad@tollvane.example', password: 'a long enough passphrase' };
const emailOf = (name: string) => PEOPLE.find((p) => p.name === name)!.email;

describe('sign-in and the team', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  /** Noor's browser, kept open from joining to being removed. */
  let noor: Page;

  /** A browser with no one signed in. */
  const fresh = async (viewport = DESKTOP) => {
    const { context, errors } = await newContext(browser, { viewport });
    contexts.push(context);
    pageErrors.push(errors);
    return { context, page: await context.newPage() };
  };
  /** A sample person's browser at a path of the workspace. */
  const as = async (name: string, path = '', viewport = DESKTOP) => {
    const { context, page } = await fresh(viewport);
    await server.signIn(context, name);
    await page.goto(`${server.url}/w/${WS}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page };
  };
  const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
  const userMenu = async (page: Page, name: string) => {
    await page.getByRole('button', { name: new RegExp(name) }).click();
    return page.locator('.user-panel');
  };
  /** Accessibility and phone width on the page as it is, then a screenshot. */
  const check = async (page: Page, name: string, phone = false) => {
    assert.deepEqual(await seriousViolations(page), [], `${name}${phone ? ' at phone width' : ''}`);
    if (phone) await assertFitsWidth(page);
    await screenshot(page, phone ? `phone-${name}` : name);
  };

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('first run on an empty install: nothing else is reachable until the owner account and workspace exist', async () => {
    const empty = await startServer({ sample: false });
    try {
      const { page } = await fresh();
      for (const path of ['/', '/w/anything/matrix', '/sign-in', '/account/tokens']) {
        await page.goto(`${empty.url}${path}`);
        await h1(page, 'Set up Vetted');
        assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, `${path}: no app behind it`);
      }
      const form = page.getByRole('form', { name: 'Create the owner account' });
      // Nothing filled in: each field says what it needs, and focus goes to the first.
      await form.getByRole('button', { name: 'Create the owner account' }).click();
      await form.getByText('Give your name').waitFor();
      assert.equal(
        await form.getByLabel('Your name').evaluate((el) => el === (el.ownerDocument as any).activeElement),
        true,
      );
      assert.equal(await form.getByLabel('Your name').getAttribute('aria-invalid'), 'true');

      await form.getByLabel('Your name').fill('Ada Lindgren');
      await form.getByLabel('Email').fill('ada@northwind.example');
      await form.getByLabel('Password', { exact: true }).fill('too short');
      await form.getByLabel('Repeat the password').fill('too short');
      await form.getByLabel('Workspace name').fill('Northwind Product');
      assert.equal(await form.getByLabel('Address').inputValue(), 'northwind-product', 'the address follows the name');
      await form.getByRole('button', { name: 'Create the owner account' }).click();
      await form.getByText('Must be at least 10 characters long').waitFor();
      await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await form.getByLabel('Repeat the password').fill(PASSWORD);
      await check(page, 'first-run');
      const phone = await fresh(PHONE);
      await phone.page.goto(empty.url);
      await h1(phone.page, 'Set up Vetted');
      await check(phone.page, 'first-run', true);
      await phone.context.close();

      await form.getByRole('button', { name: 'Create the owner account' }).click();
      await h1(page, 'Portfolio');
      assert.equal(new URL(page.url()).pathname, '/w/northwind-product');
      assert.match(await text(page.locator('.user-button')), /Ada Lindgren\s*Owner/);
      // First run is over: its address leads to the app, and a new browser gets the sign-in page.
      await page.goto(`${empty.url}/setup`);
      await h1(page, 'Portfolio');
      const other = await fresh();
      await other.page.goto(empty.url);
      await h1(other.page, 'Sign in');
    } finally {
      await empty.close();
    }
  });

  test('the sample on this machine: the root address lands in it as its owner in one step, then first run', async () => {
    const demo = await startServer({ accounts: false });
    try {
      const { page } = await fresh();
      await page.goto(demo.url);
      await h1(page, 'Portfolio');
      assert.equal(new URL(page.url()).pathname, `/w/${WS}`);
      const banner = page.getByRole('region', { name: 'Sample portfolio' });
      assert.match(await text(banner), new RegExp(`You are exploring the sample portfolio as ${OWNER} \\(owner\\)`));
      assert.match(await text(page.locator('.user-button')), new RegExp(`${OWNER}\\s*Owner`));
      await screenshot(page, 'sample-banner', false);

      await banner.getByRole('link', { name: 'Create your own owner account' }).click();
      await h1(page, 'Set up Vetted');
      await page.getByText('The sample portfolio stays').waitFor();
      await page.getByLabel('Your name').fill('Sam Okafor');
      await page.getByLabel('Email').fill('sam@acme.example');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Repeat the password').fill(PASSWORD);
      await page.getByLabel('Workspace name').fill('Acme Product');
      await page.getByRole('button', { name: 'Create the owner account' }).click();
      await h1(page, 'Portfolio');
      assert.equal(new URL(page.url()).pathname, '/w/acme-product');
      assert.equal(await page.getByRole('region', { name: 'Sample portfolio' }).count(), 0, 'the banner is gone');
      const state = await (await page.request.get(`${demo.url}/api/auth/session`)).json();
      assert.equal(state.setupRequired, false);
      assert.equal(state.user.name, 'Sam Okafor');
      assert.deepEqual(state.memberships.map((m: { role: string }) => m.role).sort(), ['owner', 'owner']);
      // Nobody else enters the sample without an account any more.
      const other = await fresh();
      await other.page.goto(demo.url);
      await h1(other.page, 'Sign in');
    } finally {
      await demo.close();
    }
  });

  test('signing in through the form: a wrong password is said so, the page asked for comes next, and signing out ends it', async () => {
    const { page } = await fresh();
    await page.goto(`${server.url}/w/${WS}/matrix`);
    await h1(page, 'Sign in');
    assert.match(page.url(), /\/sign-in\?next=%2Fw%2Ftollvane-product%2Fmatrix$/);
    await check(page, 'sign-in');

    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(emailOf('Priya Raman'));
    await form.getByLabel('Password').fill('not her password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That email and password do not match an account' }).waitFor();
    assert.equal(await form.getByLabel('Password').inputValue(), '', 'the wrong password is cleared');

    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Portfolio matrix');
    assert.equal(new URL(page.url()).pathname, `/w/${WS}/matrix`);
    assert.match(await text(page.locator('.user-button')), /Priya Raman\s*Leader/);
    // The old "Acting as" choice is gone: who acts is the session.
    assert.equal(await page.getByLabel('Acting as').count(), 0);

    const menu = await userMenu(page, 'Priya Raman');
    assert.match(await text(menu), /priya\.raman@tollvane\.example/);
    assert.equal(await menu.getByRole('link', { name: 'Audit log' }).count(), 0, 'leaders do not read the audit log');
    await menu.getByRole('button', { name: 'Sign out' }).click();
    await h1(page, 'Sign in');
    await page.goto(`${server.url}/w/${WS}`);
    await h1(page, 'Sign in');
    const res = await page.request.get(`${server.url}/api/workspaces/${WS}/ideas`);
    assert.equal(res.status(), 401);

    // Single sign-on that failed comes back with its reason.
    await page.goto(`${server.url}/sign-in?error=${encodeURIComponent('The provider refused the request.')}`);
    await page.getByRole('alert').filter({ hasText: 'The provider refused the request.' }).waitFor();

    const phone = await fresh(PHONE);
    await phone.page.goto(`${server.url}/sign-in`);
    await h1(phone.page, 'Sign in');
    await check(phone.page, 'sign-in', true);
  });

  test('an owner invites by link; the invitee opens it in another browser, makes an account and lands in the workspace with the role', async () => {
    const { page } = await as(OWNER, '/members');
    await h1(page, 'Members');
    const invite = page.getByRole('form', { name: 'Invite by link' });
    await invite.getByLabel('Role').selectOption('viewer');
    await invite.getByLabel('Link works for').selectOption({ label: '3 days' });
    await invite.getByRole('button', { name: 'Make invitation link' }).click();
    const link = page.getByLabel('Invitation link');
    await link.waitFor();
    const url = await link.inputValue();
    assert.match(url, new RegExp(`^${server.url}/join#\\S{20,}$`));
    await page.getByText('Shown only now.').waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText(/Copied to the clipboard|Selected: press Ctrl\+C/).waitFor();
    const open = page.locator('section', { has: page.getByRole('heading', { name: 'Open invitations' }) });
    await open.getByText('Viewer').waitFor();

    const invitee = await fresh();
    noor = invitee.page;
    await noor.goto(url);
    await h1(noor, 'Join Tollvane Product');
    assert.match(await text(noor.locator('.lead')), /as a viewer/);
    const form = noor.getByRole('form', { name: 'Create your account' });
    await form.getByLabel('Your name').fill(NEWCOMER.name);
    await form.getByLabel('Email').fill(NEWCOMER.email);
    await form.getByLabel('Password', { exact: true }).fill(NEWCOMER.password);
    await form.getByLabel('Repeat the password').fill(NEWCOMER.password);
    await form.getByRole('button', { name: 'Create account and join' }).click();
    await h1(noor, 'Portfolio');
    assert.equal(new URL(noor.url()).pathname, `/w/${WS}`);
    assert.match(await text(noor.locator('.user-button')), /Noor Haddad\s*Viewer/);
    // A viewer reads; the page says why they cannot submit under their name (anonymously they may).
    await noor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Submit an idea' }).click();
    await noor.getByRole('note').filter({ hasText: 'You are a viewer in Tollvane Product' }).waitFor();
    assert.equal(await noor.getByRole('button', { name: 'Submit as Noor Haddad' }).isDisabled(), true);

    // The link worked once.
    const late = await fresh();
    await late.page.goto(url);
    await late.page.getByRole('alert').filter({ hasText: 'This link does not work' }).waitFor();
    await page.reload();
    await page.getByText('Noor Haddad').first().waitFor();
    await page.getByText('No open invitations.').waitFor();
  });

  test("an owner changes a role; a stale change and the last owner's own demotion are refused in words", async () => {
    assert.ok(noor, 'needs Noor from the invitation journey');
    const { page } = await as(OWNER, '/members');
    await h1(page, 'Members');
    const role = page.getByLabel('Role of Noor Haddad');
    await role.selectOption('contributor');
    await page.getByText('Noor Haddad is now a contributor.').waitFor();
    assert.equal((await server.member('Noor Haddad')).role, 'contributor');

    // Someone else changes it meanwhile (the page still holds the old version).
    const current = await server.member('Noor Haddad');
    await server.api(
      'PATCH',
      `/workspaces/${WS}/members/${current.id}`,
      { version: current.version, role: 'viewer' },
      emailOf(OWNER),
    );
    await role.selectOption('leader');
    await page.getByRole('alert').filter({ hasText: "Someone else changed Noor Haddad's membership" }).waitFor();
    await eventually(async () => assert.equal(await role.inputValue(), 'viewer'), 5_000);
    assert.equal((await server.member('Noor Haddad')).role, 'viewer', 'nothing was saved');
    await role.selectOption('contributor');
    await page.getByText('Noor Haddad is now a contributor.').waitFor();

    await page.getByLabel(`Role of ${OWNER}`).selectOption('leader');
    await page.getByRole('alert').filter({ hasText: 'A workspace needs at least one owner' }).waitFor();
    assert.equal(await page.getByLabel(`Role of ${OWNER}`).inputValue(), 'owner');

    await noor.reload();
    await noor.locator('.user-button').filter({ hasText: 'Contributor' }).waitFor();

    await check(page, 'members');
    const phone = await as(OWNER, '/members', PHONE);
    await h1(phone.page, 'Members');
    await check(phone.page, 'members', true);
  });

  test('an owner makes a password reset link; it sets a new password in another browser', async () => {
    const { page } = await as(OWNER, '/members');
    await page.getByRole('button', { name: 'Password reset link for Lucía Ferrer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Password reset link for Lucía Ferrer' });
    await dialog.getByRole('button', { name: 'Make the reset link' }).click();
    const url = await dialog.getByLabel('Reset link').inputValue();
    assert.match(url, new RegExp(`^${server.url}/reset#\\S{20,}$`));
    await dialog.getByRole('button', { name: 'Close' }).click();

    const lucia = await fresh();
    await lucia.page.goto(url);
    await h1(lucia.page, 'Reset your password');
    assert.match(await text(lucia.page.locator('.lead')), /lucia\.ferrer@tollvane\.example/);
    await lucia.page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await lucia.page.getByLabel('Repeat the password').fill('a brand new passphrase');
    await lucia.page.getByRole('button', { name: 'Set the new password and sign in' }).click();
    await h1(lucia.page, 'Portfolio');
    assert.match(await text(lucia.page.locator('.user-button')), /Lucía Ferrer\s*Contributor/);
    const old = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf('Lucía Ferrer'), password: PASSWORD }),
    });
    assert.equal(old.status, 401, 'the old password no longer works');
  });

  test("an owner removes a member after confirming; the member's next request fails", async () => {
    assert.ok(noor, 'needs Noor from the invitation journey');
    const { page } = await as(OWNER, '/members');
    await page.getByRole('button', { name: 'Remove Noor Haddad' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove Noor Haddad?' });
    assert.match(await text(dialog), /access to Tollvane Product ends at once/);
    await dialog.getByRole('button', { name: 'Remove Noor Haddad' }).click();
    await page.getByText('Noor Haddad was removed from Tollvane Product.').waitFor();
    assert.equal(await page.getByLabel('Role of Noor Haddad').count(), 0);

    const res = await noor.request.get(`${server.url}/api/workspaces/${WS}/ideas`);
    assert.equal(res.status(), 404, 'her session no longer reaches the workspace');
    await noor.reload();
    await h1(noor, 'Not a member of this workspace');
    await noor.getByRole('alert').filter({ hasText: NEWCOMER.email }).waitFor();
  });

  test('an owner creates another workspace, and sets up single sign-on (the secret stays unseen)', async () => {
    const { page } = await as(OWNER);
    const menu = await userMenu(page, OWNER);
    await menu.getByRole('link', { name: 'New workspace' }).click();
    await h1(page, 'New workspace');
    await page.getByLabel('Name').fill('Fleet Operations');
    assert.equal(await page.getByLabel('Address').inputValue(), 'fleet-operations');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await h1(page, 'Portfolio');
    assert.equal(new URL(page.url()).pathname, '/w/fleet-operations');
    assert.match(await text(page.locator('.brand')), /Fleet Operations/);
    assert.match(await text(page.locator('.user-button')), /Owner/);
    await page.goto(`${server.url}/`);
    await h1(page, 'Your workspaces');
    await page.getByRole('link', { name: 'Fleet Operations' }).waitFor();

    // Single sign-on settings: the secret is written, never shown; the redirect URI is there to copy.
    await page.goto(`${server.url}/settings/sign-in`);
    await h1(page, 'Sign-in settings');
    assert.equal(await page.getByLabel('Redirect URI').inputValue(), `${server.url}/api/auth/oidc/callback`);
    await page.getByLabel('Issuer URL').fill('https://login.tollvane.example');
    await page.getByLabel('Client ID').fill('vetted');
    await page.getByLabel('Client secret').fill('a client secret');
    await page.getByLabel('Button text').fill('Tollvane SSO');
    await page.getByLabel(/People whose verified email is at a domain/).check();
    await page.getByLabel('Email domain').fill('tollvane.example');
    await page.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Tollvane Product' });
    await page.getByLabel('With the role').selectOption('viewer');
    await page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await page.getByText('Saved. Single sign-on is off.').waitFor();
    await page.reload();
    await h1(page, 'Sign-in settings');
    assert.equal(await page.getByLabel('Client secret').inputValue(), '', 'the secret is never shown');
    await page.getByText('A secret is stored and never shown: leave blank to keep it').waitFor();
    assert.equal(await page.getByLabel('Email domain').inputValue(), 'tollvane.example');
    const stored = await server.api<OidcSettingsState>('GET', '/auth/oidc/settings', undefined, emailOf(OWNER));
    assert.equal(stored.hasSecret, true);
    assert.deepEqual(stored.settings?.autoJoin, { domain: 'tollvane.example', workspace: WS, role: 'viewer' });

    // A server without the settings route: the page says so rather than failing.
    await page.route('**/api/auth/oidc/settings', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No route.' }),
      }),
    );
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'This server does not offer single sign-on settings' }).waitFor();
  });

  test('an API token is shown once, works, and stops working when revoked', async () => {
    const { page } = await as(OWNER);
    await (await userMenu(page, OWNER)).getByRole('link', { name: 'API tokens' }).click();
    await h1(page, 'API tokens');
    await page.getByLabel('Name').fill('laptop CLI');
    await page.getByRole('radio', { name: /Read and write/ }).check();
    await page.getByRole('button', { name: 'Make token' }).click();
    await page.getByText('Copy it now: it is shown only this once.').waitFor();
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    assert.match(token, /^vt_/);
    const call = (t: string) => fetch(`${server.url}/api/workspaces`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal((await call(token)).status, 200);

    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    await page.reload();
    await h1(page, 'API tokens');
    assert.ok(!(await page.content()).includes(token), 'never shown again');
    const row = page.getByRole('row', { name: /laptop CLI/ });
    assert.match(await text(row), /Read and write/);
    await row.getByRole('button', { name: 'Revoke token “laptop CLI”' }).click();
    await page
      .getByRole('dialog', { name: 'Revoke “laptop CLI”?' })
      .getByRole('button', { name: 'Revoke token' })
      .click();
    await page.getByText('Token “laptop CLI” revoked').waitFor();
    assert.match(await text(row), /Revoked/);
    assert.equal((await call(token)).status, 401);
  });

  test('a person changes their password, then signs out everywhere', async () => {
    const { page } = await fresh();
    await page.goto(`${server.url}/sign-in?next=%2Faccount`);
    await page.getByLabel('Email').fill(emailOf('Rafael Monteiro'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Your account');
    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password', { exact: true }).fill('rafael has a new passphrase');
    await form.getByLabel('Repeat the new password').fill('rafael has a new passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('Is not your current password').waitFor();
    await form.getByLabel('Current password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();

    // The page's new session still writes (its CSRF token was read again).
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    await page
      .getByRole('dialog', { name: 'Sign out everywhere?' })
      .getByRole('button', { name: 'Sign out everywhere' })
      .click();
    await h1(page, 'Sign in');
    await page.getByLabel('Email').fill(emailOf('Rafael Monteiro'));
    await page.getByLabel('Password').fill('rafael has a new passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await h1(page, 'Portfolio');
  });

  test('the audit log shows who did what, newest first, with older pages and a CSV export', async () => {
    const { page } = await as(OWNER, '/audit');
    await h1(page, 'Audit log');
    const entries = page.getByRole('list', { name: 'Entries, newest first' });
    await entries.getByText('removed a member').waitFor();
    const all = await text(entries);
    assert.match(all, /Marit Ellingsen\s+removed a member/);
    assert.match(all, /Marit Ellingsen\s+changed a member's role/);
    assert.match(all, /Marit Ellingsen\s+made an invitation link/);
    assert.match(all, /Marit Ellingsen\s+made a password reset link/);
    assert.ok(all.indexOf('removed a member') < all.indexOf("changed a member's role"), 'newest first');
    assert.doesNotMatch(all, /vt_|#[A-Za-z0-9_-]{20,}/, 'no secret in the log');
    await check(page, 'audit');

    await page.getByRole('link', { name: 'Install-wide' }).click();
    await entries.getByText('created a workspace').waitFor();
    const install = await text(entries);
    assert.match(install, /Marit Ellingsen\s+created a workspace/);
    assert.match(install, /Marit Ellingsen\s+made an API token/);
    assert.match(install, /Marit Ellingsen\s+revoked an API token/);
    assert.match(install, /Noor Haddad\s+used a link/);

    const phone = await as(OWNER, '/audit', PHONE);
    await phone.page.getByRole('list', { name: 'Entries, newest first' }).waitFor();
    await check(phone.page, 'audit', true);

    // More than a page: 50 invitations made through the API push the earlier entries to the next page.
    for (let i = 0; i < 50; i++)
      await server.api('POST', `/workspaces/${WS}/invites`, { role: 'viewer' }, emailOf(OWNER));
    await page.goto(`${server.url}/w/${WS}/audit`);
    await entries.getByText('made an invitation link').first().waitFor();
    assert.equal(await entries.getByText('removed a member').count(), 0, 'older entries wait for the next page');
    await page.getByRole('button', { name: 'Older entries' }).click();
    await entries.getByText('removed a member').waitFor();
    await page.getByText('That is the first entry: nothing older.').waitFor();

    const href = (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href'))!;
    assert.equal(href, `/api/workspaces/${WS}/audit?format=csv&limit=500`);
    const csv = await page.request.get(`${server.url}${href}`);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/);
    assert.match(await csv.text(), /^at,workspace,actor,action,target,status,before,after\n/);
  });

  test('a write with the session cookie but without its CSRF token is refused; the Vetted-Actor header counts for nothing', async () => {
    const { page } = await as(OWNER);
    const path = `${server.url}/api/workspaces/${WS}/invites`;
    const refused = await page.request.post(path, { data: { role: 'viewer' } });
    assert.equal(refused.status(), 403);
    assert.equal((await refused.json()).title, 'Request not trusted');
    const { csrf } = await (await page.request.get(`${server.url}/api/auth/session`)).json();
    const allowed = await page.request.post(path, { data: { role: 'viewer' }, headers: { 'x-csrf-token': csrf } });
    assert.equal(allowed.status(), 201);

    const stranger = await fresh();
    const named = await stranger.page.request.get(`${server.url}/api/workspaces/${WS}/ideas`, {
      headers: { 'vetted-actor': emailOf(OWNER) },
    });
    assert.equal(named.status(), 401);
  });

  test('the other account pages pass axe-core and fit a phone', async () => {
    const { context, page } = await fresh(PHONE);
    const link = await server.api<LinkIssued>(
      'POST',
      `/workspaces/${WS}/invites`,
      { role: 'contributor' },
      emailOf(OWNER),
    );
    await page.goto(link.url);
    await h1(page, 'Join Tollvane Product');
    await check(page, 'join', true);
    await server.signIn(context, OWNER);
    const pages: [string, string, string][] = [
      ['/account', 'Your account', 'account'],
      ['/account/tokens', 'API tokens', 'tokens'],
      ['/workspaces/new', 'New workspace', 'new-workspace'],
      ['/settings/sign-in', 'Sign-in settings', 'sign-in-settings'],
    ];
    for (const [path, title, name] of pages) {
      await page.goto(`${server.url}${path}`);
      await h1(page, title);
      if (name === 'sign-in-settings') await page.getByLabel('Redirect URI').waitFor();
      await check(page, name, true);
    }
    // The menu open, on the board.
    await page.goto(`${server.url}/w/${WS}`);
    await h1(page, 'Portfolio');
    await userMenu(page, OWNER);
    await check(page, 'user-menu', true);
  });

  test('the submission portal: an owner opens it, someone without an account submits anonymously and follows the idea', async () => {
    const { page } = await as(OWNER, '/members');
    const portal = page.locator('section', { has: page.getByRole('heading', { name: 'Submission portal' }) });
    await portal.getByRole('button', { name: /Open the portal|Make a new portal link/ }).click();
    const url = await portal.getByLabel('Portal link').inputValue();
    assert.match(url, new RegExp(`^${server.url}/portal#\\S{20,}$`));

    const outsider = (await fresh(PHONE)).page;
    await outsider.goto(url);
    await h1(outsider, /Submit an idea to /);
    await outsider.getByRole('button', { name: 'Submit anonymously' }).click();
    await outsider.getByText('Give the idea a title.').waitFor();
    await outsider.getByLabel('Title').fill('Quieter meeting rooms');
    await outsider.getByLabel('What is the problem, and who has it?').fill('Calls are hard to hear.');
    await outsider.getByRole('button', { name: 'Submit anonymously' }).click();
    const code = await outsider.getByLabel('Your receipt code').inputValue();
    assert.match(code, /^VT-/);
    await check(outsider, 'portal', true);
    await outsider.getByLabel('Receipt code', { exact: true }).fill(code);
    await outsider.getByRole('button', { name: 'Show my idea' }).click();
    await outsider.getByText('Quieter meeting rooms').first().waitFor();

    // A closed portal's link says so.
    await portal.getByRole('button', { name: 'Close the portal' }).click();
    await portal.getByText('Closed.').waitFor();
    await outsider.goto(url);
    await outsider.reload();
    await outsider
      .getByRole('alert')
      .getByText(/does not work/)
      .waitFor();
  });

  test('no page threw an uncaught error', () => {
    assert.deepEqual(pageErrors.flat(), []);
  });
});
