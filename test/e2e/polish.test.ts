/**
 * Issue 11, point 5 (polish users notice), in Chromium: long unbroken titles wrap at 390 px, a filter that
 * matches nothing says so, a refused board move is not shown in green, an unknown workspace offers a way
 * home, an offline submission fails visibly and keeps what was typed, and the phone header stays short.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaPage } from '../../src/schema/index.ts';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  launchBrowser,
  newContext,
  PHONE,
  screenshot,
  seriousViolations,
  startServer,
  type TestServer,
  text,
  WS,
} from './harness.ts';

const LONG = `Make${'x'.repeat(195)}`;

describe('web polish (issue 11)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let longNumber = 0;

  const open = async (path: string, viewport?: { width: number; height: number }, who = 'Priya Raman') => {
    const { context } = await newContext(browser, viewport ? { viewport } : {});
    contexts.push(context);
    await server.signIn(context, who);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page };
  };

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    assert.equal(LONG.length, 199);
    longNumber = (await server.idea({ title: LONG }, 'Priya Raman')).number;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('a 199-character unbroken title wraps on the board, the list and its page at 390 px', async () => {
    const { page } = await open(`/w/${WS}`, PHONE);
    await page.getByText(LONG.slice(0, 20), { exact: false }).first().waitFor();
    await assertFitsWidth(page);
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header && header.height <= 64, `the phone header is ${header?.height}px tall`);
    await screenshot(page, 'phone-board-long-title');
    for (const path of ['/list', `/ideas/${longNumber}`]) {
      await page.goto(`${server.url}/w/${WS}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText(LONG.slice(0, 20), { exact: false }).first().waitFor();
      await assertFitsWidth(page);
    }
    assert.deepEqual(await seriousViolations(page), []);
  });

  test('a board filter that matches nothing says so, not "No ideas in …"', async () => {
    const { page } = await open(`/w/${WS}`);
    await page
      .getByLabel(/Filter/)
      .first()
      .fill('no idea is called this');
    const launched = page.locator('section.column-launched');
    assert.equal((await text(launched.locator('.column-empty'))).trim(), 'No idea in launched matches the filter.');
  });

  test('a refused board move reads as a refusal, not in the green of a recorded decision', async () => {
    const { page } = await open(`/w/${WS}`);
    const card = page.locator('section.column-discovery li.card').first();
    await card.waitFor();
    const from = (await card.locator('.card-foot').boundingBox())!;
    const to = (await page.locator('section.column-realization').boundingBox())!;
    const y = from.y + from.height / 2;
    await page.mouse.move(from.x + 12, y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, y + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
    await page.mouse.up();
    const status = page.locator('p.status-line');
    await status.getByText(/Ideas move one gate at a time/).waitFor();
    const colour = await status.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).color);
    assert.equal(colour, 'rgb(163, 48, 26)', 'the danger colour');
  });

  test('an unknown workspace address offers the way home', async () => {
    const { page } = await open('/w/no-such-workspace');
    await page.getByRole('link', { name: 'Go to your workspaces' }).click();
    await page.waitForURL((u) => !u.pathname.includes('no-such-workspace'));
  });

  test('submitting offline fails visibly, keeps what was typed, and goes through once back online', async () => {
    const { context, page } = await open(`/w/${WS}/submit`);
    await page.getByLabel('Title').fill('Print the manifest at the gate');
    await context.setOffline(true);
    await page.getByRole('button', { name: /^Submit/ }).click();
    await page
      .getByRole('alert')
      .getByText(/could not be reached/)
      .waitFor();
    assert.equal(await page.getByLabel('Title').inputValue(), 'Print the manifest at the gate');
    await context.setOffline(false);
    await page.getByRole('button', { name: /^Submit/ }).click();
    await page
      .getByText(/Print the manifest at the gate/)
      .first()
      .waitFor();
    const list = await server.api<IdeaPage>(
      'GET',
      `/workspaces/${WS}/ideas?q=${encodeURIComponent('manifest at the gate')}`,
    );
    assert.equal(list.total, 1);
  });
});
