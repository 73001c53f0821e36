/**
 * Issue 14, points 5 and 6, in real Chromium: a leader reads the sample's North Star and objectives, adds an
 * objective with its owner, links an idea to it and sees the challenger's note go; then makes a read-only
 * roadmap link, opens it with no account (nothing to change, nothing but the roadmap) and revokes it.
 * Desktop and 390 px, axe clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaObjectives, IdeaPage, Strategy } from '../../src/schema/index.ts';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  launchBrowser,
  newContext,
  type Page,
  PHONE,
  screenshot,
  seriousViolations,
  startServer,
  type TestServer,
  text,
  WS,
} from './harness.ts';

const LEADER = 'Priya Raman';
const CONTRIBUTOR = 'Tomasz Wierzbicki';
const UNLINKED = 'Suggest a price when carriers quote spot loads';

describe('web: North Star, objectives and the shared roadmap (issue 14)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let shareUrl = '';

  const context = async (viewport?: { width: number; height: number }) => {
    const made = await newContext(browser, viewport ? { viewport } : {});
    contexts.push(made.context);
    pageErrors.push(made.errors);
    return made.context;
  };
  const open = async (path: string, who = LEADER, viewport?: { width: number; height: number }) => {
    const c = await context(viewport);
    await server.signIn(c, who);
    const page = await c.newPage();
    await page.goto(`${server.url}/w/${WS}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  };
  const openShared = async (viewport?: { width: number; height: number }) => {
    const page = await (await context(viewport)).newPage();
    await page.goto(shareUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  };
  const axeClean = async (page: Page, what: string) =>
    assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious violation`);

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('shows the North Star and objectives, and a leader adds one with its owner', async () => {
    const page = await open('/strategy');
    await page.getByText('Loads run end to end in Tollvane per week').waitFor();
    const loop = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Close the loop from delivery to cash' }) });
    assert.match(await text(loop), /Daniel Osei/);
    assert.match(await text(loop), /Match subcontractor invoices to loads automatically/);

    const form = page.getByRole('form', { name: 'Add an objective' });
    await form.getByLabel('Objective', { exact: true }).fill('Price spot loads with confidence');
    await form.getByLabel('Key metric', { exact: true }).fill('Spot quotes won at or above margin');
    await form.getByLabel('Target (optional)').fill('35 %');
    await form.getByLabel('Owner of the key metric').selectOption({ label: 'Kwame Asante' });
    await form.getByRole('button', { name: 'Add the objective' }).click();
    const added = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Price spot loads with confidence' }) });
    await added.waitFor();
    assert.match(await text(added), /Kwame Asante/);
    await axeClean(page, 'strategy page');
    await screenshot(page, 'north14-strategy-page');

    const stored = await server.api<Strategy>('GET', `/workspaces/${WS}/strategy`);
    assert.equal(stored.objectives.at(-1)?.owner.name, 'Kwame Asante');

    // Deleting asks first, and says what it does to the ideas serving it.
    await page.getByRole('button', { name: 'Delete the objective Fewer surprises for shippers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete “Fewer surprises for shippers”?' });
    await dialog.getByText(/The 4 idea\(s\) serving it will serve it no more/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await server.api<Strategy>('GET', `/workspaces/${WS}/strategy`)).objectives.length, 4);
  });

  test('a contributor reads the strategy but is offered nothing to change', async () => {
    const page = await open('/strategy', CONTRIBUTOR);
    await page.getByText('Loads run end to end in Tollvane per week').waitFor();
    assert.equal(await page.getByRole('button', { name: /Edit the North Star|Add the objective|Delete/ }).count(), 0);
    await page.getByText(/to change the strategy, you need to be/).waitFor();
  });

  test('linking an idea to an objective answers the challenger', async () => {
    const ideas = await server.api<IdeaPage>('GET', `/workspaces/${WS}/ideas?limit=100`);
    const idea = ideas.items.find((i) => i.title === UNLINKED);
    assert.ok(idea, `the sample has "${UNLINKED}"`);
    const page = await open(`/ideas/${idea.number}`);
    const challenger = page.locator('#challenger');
    // Its severity group may be folded: present in the page is what counts here.
    await challenger.getByText('Serves none of the objectives').waitFor({ state: 'attached' });
    const section = page.locator('#objectives');
    await section.getByLabel(/Price spot loads with confidence/).check();
    await section.getByRole('button', { name: 'Save objectives' }).click();
    await challenger.getByText('Serves none of the objectives').waitFor({ state: 'detached' });
    assert.ok(await section.getByLabel(/Price spot loads with confidence/).isChecked());
    const served = await server.api<IdeaObjectives>('GET', `/workspaces/${WS}/ideas/${idea.number}/objectives`);
    assert.deepEqual(
      served.objectives.map((o) => o.title),
      ['Price spot loads with confidence'],
    );
  });

  test('the roadmap shows Now, Next and Later, and a leader makes a read-only link', async () => {
    const page = await open('/roadmap');
    const now = page.getByRole('region', { name: /^Now/ });
    await now.getByText('Self-serve EDI onboarding wizard').waitFor();
    assert.match(
      await text(page.getByRole('region', { name: /^Next/ })),
      /Suggest a price when carriers quote spot loads/,
    );
    assert.match(await text(page.getByRole('region', { name: /^Later/ })), /Invoice in GBP, CHF and PLN[\s\S]*review/);
    await page.getByLabel('Who the link is for').fill('Board of directors');
    await page.getByRole('button', { name: 'Make a link' }).click();
    const link = page.getByRole('textbox', { name: 'Link for Board of directors' });
    await link.waitFor();
    shareUrl = await link.inputValue();
    assert.match(shareUrl, /\/roadmap#vr_/);
    await axeClean(page, 'roadmap page');
    await screenshot(page, 'north14-roadmap-page');
  });

  test('the link shows the roadmap to someone without an account, read-only, and nothing else', async () => {
    const page = await openShared();
    await page.getByRole('heading', { level: 1, name: 'Roadmap: Tollvane Product' }).waitFor();
    await page.getByRole('region', { name: /^Now/ }).getByText('Self-serve EDI onboarding wizard').waitFor();
    const main = page.locator('main');
    assert.equal(await main.locator('button, input, textarea, select, form').count(), 0, 'nothing to change');
    assert.equal(await main.locator('a[href*="/ideas/"]').count(), 0, 'no links into the app');
    const shown = await text(main);
    for (const person of ['Marit Ellingsen', 'Daniel Osei', LEADER, CONTRIBUTOR])
      assert.ok(!shown.includes(person), `${person} is not named`);
    await axeClean(page, 'shared roadmap');
    await screenshot(page, 'north14-shared-roadmap');
  });

  test('all three pages fit a phone screen, axe clean', async () => {
    for (const [path, what] of [
      ['/strategy', 'strategy page'],
      ['/roadmap', 'roadmap page'],
    ] as const) {
      const page = await open(path, LEADER, PHONE);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      await assertFitsWidth(page);
      await axeClean(page, `${what} at phone width`);
      if (path === '/roadmap') await screenshot(page, 'north14-roadmap-phone');
    }
    const shared = await openShared(PHONE);
    await assertFitsWidth(shared);
    await axeClean(shared, 'shared roadmap at phone width');
    await screenshot(shared, 'north14-shared-roadmap-phone');
  });

  test('a revoked link opens nothing', async () => {
    const page = await open('/roadmap');
    await page.getByRole('button', { name: 'Revoke the link for Board of directors' }).click();
    await page.getByText(/^Revoked/).waitFor();
    const shared = await (await context()).newPage();
    await shared.goto(shareUrl);
    await shared
      .getByRole('alert')
      .getByText(/does not work \(any more\)/)
      .waitFor();
    assert.equal(await shared.getByText('Self-serve EDI onboarding wizard').count(), 0);
  });

  test('no page error on the way', () => {
    assert.deepEqual(pageErrors.flat(), []);
  });
});
