/**
 * Every main page of the web app, on the sample portfolio: no serious or critical accessibility violation
 * (axe-core), no horizontal scrolling at phone width, and a screenshot of each at desktop and phone width
 * in artifacts/screenshots/web/ for a reviewer to look at.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IdeaCreated } from '../../src/schema/index.ts';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  DESKTOP,
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

interface MainPage {
  name: string;
  /** Whose browser it is (a member's name; a contributor unless named). */
  as?: string;
  path: string;
  /** Waits until the page shows its data, and brings it to the state worth checking. */
  ready(page: Page): Promise<void>;
}

describe('main pages: accessibility, phone width and screenshots', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let receiptCode = '';

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // An anonymous idea with a decision on it, for the receipt page.
    const created = await server.api<IdeaCreated>('POST', `/workspaces/${WS}/ideas`, {
      title: 'Show drivers the dock door number before they arrive',
      description: 'Drivers circle the yard looking for the right door while the warehouse waits.',
      tags: ['driver-app', 'warehouse'],
      anonymous: true,
    });
    assert.ok(created.receiptCode, 'an anonymous idea gets a receipt code');
    receiptCode = created.receiptCode;
    const lead = await server.member('Marit Ellingsen');
    await server.api(
      'POST',
      `/workspaces/${WS}/ideas/${created.idea.number}/decisions`,
      {
        outcome: 'park',
        rationale:
          'A good idea that depends on the dock appointment work (#11): parked until the shipper portal knows the doors.',
        reversible: true,
        reviewOn: '2027-02-01',
        version: created.idea.version,
      },
      lead.id,
    );
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const PAGES: MainPage[] = [
    {
      name: 'board',
      as: 'Priya Raman',
      path: '',
      ready: async (page) => {
        await page.locator('section.column-validation li.card').first().waitFor();
      },
    },
    {
      name: 'decision-dialog',
      as: 'Priya Raman',
      path: '',
      ready: async (page) => {
        await page.getByRole('button', { name: /Move #11 / }).click();
        await page.getByRole('dialog').waitFor();
        await page.getByLabel('Rationale').fill('Both experiments beat their success thresholds.');
      },
    },
    {
      name: 'list',
      path: '/list?sort=-composite',
      ready: async (page) => {
        await page.getByRole('link', { name: 'Import weekly load plans from spreadsheets' }).waitFor();
      },
    },
    {
      name: 'matrix',
      path: '/matrix',
      ready: async (page) => {
        await page.locator('a.bubble').first().waitFor();
      },
    },
    {
      name: 'idea',
      as: 'Priya Raman',
      path: '/ideas/11',
      ready: async (page) => {
        await page.locator('.gap-currentState').waitFor();
        await page.locator('.evidence').first().waitFor();
        await page.locator('.decision').first().waitFor();
        await page.locator('#similar li').first().waitFor();
      },
    },
    {
      name: 'idea-scoring',
      as: 'Priya Raman',
      path: '/ideas/11',
      ready: async (page) => {
        await page.getByRole('button', { name: /Score this idea|Change my scores/ }).click();
        const form = page.getByRole('form', { name: 'Your scores' });
        await form.waitFor();
        await form.locator('fieldset.dimension').first().getByRole('radio', { name: '4', exact: true }).check();
      },
    },
    {
      name: 'submit',
      as: 'Rafael Monteiro',
      path: '/submit',
      ready: async (page) => {
        await page.getByLabel('Title').fill('Book dock appointments when accepting a load');
        await page.locator('.similar-live .notice-warn').waitFor();
      },
    },
    {
      name: 'my-ideas',
      as: 'Hannah Lindqvist',
      path: '/mine',
      ready: async (page) => {
        await page.getByText('Latest decision').first().waitFor();
      },
    },
    {
      name: 'receipt',
      path: '/receipt',
      ready: async (page) => {
        await page.getByLabel('Receipt code').fill(receiptCode);
        await page.getByRole('button', { name: 'Show my idea' }).click();
        await page.getByText('Parked in Discovery').waitFor();
      },
    },
  ];

  const open = async (viewport: { width: number; height: number }, p: MainPage) => {
    const { context, errors } = await newContext(browser, { viewport });
    contexts.push(context);
    pageErrors.push(errors);
    // Everyone reads the workspace signed in: a contributor unless the page names someone.
    await server.signIn(context, p.as ?? 'Tomasz Wierzbicki');
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${WS}${p.path}`);
    await p.ready(page);
    return { context, page };
  };

  for (const p of PAGES) {
    test(`${p.name}: no serious or critical accessibility violation; screenshots at desktop and phone width`, async () => {
      const desktop = await open(DESKTOP, p);
      assert.deepEqual(await seriousViolations(desktop.page), [], `${p.name} at desktop width`);
      // A modal's backdrop covers the window only: photograph the window, not the whole page.
      await screenshot(desktop.page, p.name, !p.name.includes('dialog'));
      await desktop.context.close();

      const phone = await open(PHONE, p);
      await assertFitsWidth(phone.page);
      assert.deepEqual(await seriousViolations(phone.page), [], `${p.name} at phone width`);
      await screenshot(phone.page, `phone-${p.name}`, !p.name.includes('dialog'));
      await phone.context.close();
    });
  }

  test('keyboard: the skip link comes first, then the main navigation, and focus is visible', async () => {
    const { page } = await open(DESKTOP, PAGES[0]!);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    assert.equal(await skip.evaluate((el) => el === (el.ownerDocument as any).activeElement), true);
    const outline = await skip.evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await page.keyboard.press('Enter');
    // Tab onwards reaches the list view and opens it with the keyboard alone.
    await page.getByRole('link', { name: 'List' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await page.getByRole('columnheader', { name: 'Score', exact: true }).waitFor();
    assert.match(await text(page.getByRole('status').first()), /ideas?/);
  });

  test('no page threw an uncaught error', () => {
    assert.deepEqual(pageErrors.flat(), []);
  });
});
