/**
 * Issue 11, point 5, the last items: dark mode follows the system setting, and the phone header stays within
 * 64 px. In Chromium with the dark colour scheme emulated, the main pages (board, list, idea page, matrix, the
 * gate dialog, submit, inbox, import, economics, product-market fit, growth and the team view's heatmap and
 * radars) are axe clean and really dark (computed styles, not the stylesheet's word for it); at 390 px every
 * one of them keeps the header to one short row with the current page's link in view, signed in with the
 * whole navigation and an unread count. The light scheme's pictures for the closing
 * note are taken here too: the idea page in edit mode, the gate dialog, the inbox and the board on a phone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { TRAIT_IDS } from '../../src/methodology/index.ts';
import type { Cycle, RaterInvited } from '../../src/schema/index.ts';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  DESKTOP,
  eventually,
  launchBrowser,
  newContext,
  type Page,
  PHONE,
  screenshot,
  seriousViolations,
  startServer,
  type TestServer,
  WS,
} from './harness.ts';

const LEADER = 'Priya Raman';
const COLLEAGUE = 'Tomasz Wierzbicki';
const REPORTS = ['Lucía Ferrer', 'Kwame Asante', 'Hannah Lindqvist'];
const COHORTS = [
  'cohort,size,d1,d7,d30',
  '2026-05,180,110,82,52',
  '2026-06,210,131,99,66',
  '2026-07,240,152,118,',
].join('\n');

/** WCAG relative luminance of a computed `rgb(…)` / `rgba(…)` colour. */
function luminance(css: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  assert.ok(m, `a computed colour: ${css}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('web: dark mode and the phone header (issue 11)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  /** The sample's ideas used below, by what they show. */
  const ideas = { rich: 0, gate: 0, launched: 0 };

  const open = async (
    path: string,
    scheme: 'dark' | 'light',
    viewport: { width: number; height: number } = DESKTOP,
  ): Promise<Page> => {
    const { context, errors } = await newContext(browser, { viewport });
    contexts.push(context);
    pageErrors.push(errors);
    await server.signIn(context, LEADER);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}/w/${WS}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The page's own content, not its loading state, is what is checked.
    await page.locator('.loading').first().waitFor({ state: 'detached' });
    return page;
  };
  const axeClean = async (page: Page, what: string) =>
    assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious violation`);

  /** The page as painted: its background, its body text and a raised panel's background. */
  const painted = (page: Page) =>
    // No named function inside: tsx would wrap it in a helper that the page does not have.
    page.evaluate(() => {
      const g = globalThis as any;
      const root = g.getComputedStyle(g.document.documentElement);
      const panel = g.document.querySelector(
        'main :is(.section, .card-panel, .card, .matrix, .notice, .empty, .table-wrap, .filters)',
      );
      return {
        background: root.backgroundColor as string,
        scheme: root.colorScheme as string,
        text: g.getComputedStyle(g.document.body).color as string,
        panel: panel ? (g.getComputedStyle(panel).backgroundColor as string) : null,
      };
    });

  /** A computed style of the first element a locator finds. */
  const computed = (locator: Locator, property: 'fill' | 'backgroundColor' | 'color') =>
    locator.first().evaluate((e, p) => e.ownerDocument.defaultView!.getComputedStyle(e)[p], property);

  const assertDark = async (page: Page, what: string) => {
    const p = await painted(page);
    assert.ok(luminance(p.background) < 0.02, `${what}: the page background ${p.background} is dark`);
    assert.ok(luminance(p.text) > 0.6, `${what}: the text ${p.text} is light`);
    assert.ok(p.panel && luminance(p.panel) < 0.03, `${what}: a panel's background ${p.panel} is dark`);
    assert.equal(p.scheme, 'light dark', `${what}: form controls follow the scheme`);
  };

  const assertShortHeader = async (page: Page, what: string) => {
    const header = await page.locator('.site-header').boundingBox();
    assert.ok(header && header.height <= 64, `${what}: the phone header is ${header?.height}px tall`);
    // The navigation scrolls sideways in that row: the current page's link is the part in view.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const current = nav.locator('[aria-current="page"]');
    if (await current.count()) {
      await eventually(async () => {
        const [row, link] = [await nav.boundingBox(), await current.boundingBox()];
        assert.ok(row && link, `${what}: the navigation is shown`);
        assert.ok(
          link.x >= row.x - 1 && link.x + link.width <= row.x + row.width + 1,
          `${what}: the current page's link (${link.x}-${link.x + link.width}) is in view (${row.x}-${row.x + row.width})`,
        );
      });
    }
    await assertFitsWidth(page);
  };

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const list = await server.api<{ items: { number: number; title: string }[] }>(
      'GET',
      `/workspaces/${WS}/ideas?limit=100`,
    );
    const numberOf = (title: string) => {
      const found = list.items.find((i) => i.title.startsWith(title));
      assert.ok(found, `the sample's idea "${title}"`);
      return found.number;
    };
    ideas.rich = numberOf('Live temperature alerts');
    ideas.gate = numberOf('Per-shipment emissions report');
    ideas.launched = numberOf('Tell consignees about delays');
    // Something unread in the leader's inbox: the header shows its count.
    const colleague = await server.member(COLLEAGUE);
    await server.api(
      'POST',
      `/workspaces/${WS}/ideas/${ideas.rich}/comments`,
      { body: `@${LEADER} the pilot depot asked about this again.` },
      colleague.id,
    );
    await sharedCycle();
    // Cohort curves on the launched idea, so that the PMF chart is drawn.
    const launched = await server.api<{ version: number }>('GET', `/workspaces/${WS}/ideas/${ideas.launched}`);
    const leader = await server.member(LEADER);
    await server.api(
      'POST',
      `/workspaces/${WS}/ideas/${ideas.launched}/pmf/import`,
      {
        version: launched.version,
        kind: 'cohorts',
        csv: COHORTS,
      },
      leader.id,
    );
  });
  /** A closed 360° cycle of the colleague's, rated by three reports and shared with the leader: the team view's heatmap and radar. */
  async function sharedCycle() {
    const base = `/workspaces/${WS}/traits`;
    const as = (await server.member(COLLEAGUE)).id;
    const cycle = await server.api<Cycle>('POST', `${base}/cycles`, undefined, as);
    let version = cycle.version;
    for (const [n, name] of REPORTS.entries()) {
      const rater = (await server.member(name)).id;
      version = (
        await server.api<RaterInvited>(
          'POST',
          `${base}/cycles/${cycle.id}/raters`,
          { version, group: 'report', memberId: rater },
          as,
        )
      ).cycle.version;
      const requests = await server.api<{ id: string; subject: string }[]>('GET', `${base}/requests`, undefined, rater);
      const request = requests.find((q) => q.subject === COLLEAGUE)!;
      const ratings = TRAIT_IDS.map((trait, i) => ({ trait, score: 1 + ((i + n) % 5) }));
      await server.api('POST', `${base}/requests/${request.id}`, { ratings }, rater);
    }
    await server.api('POST', `${base}/cycles/${cycle.id}/close`, { version }, as);
    await server.api('POST', `${base}/shares`, { memberId: (await server.member(LEADER)).id }, as);
  }

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const mainPages = () => [
    { path: '/', name: 'board' },
    { path: `/ideas/${ideas.rich}`, name: 'idea page' },
    { path: '/matrix', name: 'matrix' },
    { path: '/list', name: 'list' },
    { path: '/submit', name: 'submit' },
    { path: '/inbox', name: 'inbox' },
    { path: '/import', name: 'import and export' },
    { path: `/ideas/${ideas.launched}/economics`, name: 'economics' },
    { path: `/ideas/${ideas.launched}/pmf`, name: 'PMF dashboard' },
    { path: '/growth', name: 'growth' },
    { path: '/growth/team', name: 'team view' },
  ];

  test('in the dark scheme the main pages are dark, axe clean, and their charts drawn', async () => {
    const page = await open('/', 'dark');
    for (const { path, name } of mainPages()) {
      if (path !== '/') {
        await page.goto(`${server.url}/w/${WS}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached' });
      }
      if (name === 'matrix') await page.locator('.bubble circle').first().waitFor();
      if (name === 'PMF dashboard') await page.locator('.cohort-chart polyline').first().waitFor();
      if (name === 'team view') await page.locator('figure.radar svg').first().waitFor();
      await assertDark(page, name);
      await axeClean(page, `${name} (dark)`);
      await screenshot(page, `dark-${name.replace(/\W+/g, '-').toLowerCase()}`, false);
    }
    // Charts take their colours from the dark palette: the matrix's plot and a cohort curve.
    await page.goto(`${server.url}/w/${WS}/matrix`);
    const plot = page.locator('.plot-area');
    await plot.waitFor();
    assert.ok(luminance(await computed(plot, 'fill')) < 0.03, 'the matrix plot is dark');
    const bubble = await computed(page.locator('.bubble circle'), 'fill');
    assert.notEqual(bubble, 'rgb(0, 0, 0)', 'a bubble has its stage colour');
  });

  test('the gate dialog in the dark scheme: dark, axe clean', async () => {
    const page = await open(`/ideas/${ideas.gate}`, 'dark');
    await page.getByRole('button', { name: 'Decide…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('region', { name: 'The facts' })
      .getByText(/Vetted recommends/)
      .waitFor();
    const bg = await computed(dialog, 'backgroundColor');
    assert.ok(luminance(bg) < 0.03, `the dialog's background ${bg} is dark`);
    const field = dialog.getByLabel('Rationale');
    const [fieldBg, fieldText] = [await computed(field, 'backgroundColor'), await computed(field, 'color')];
    assert.ok(luminance(fieldBg) < 0.03 && luminance(fieldText) > 0.6, `a field: ${fieldText} on ${fieldBg}`);
    await axeClean(page, 'gate dialog (dark)');
    await screenshot(page, 'dark-gate-dialog', false);
  });

  test('the sign-in page, before anyone is signed in, follows the dark scheme too', async () => {
    const { context, errors } = await newContext(browser);
    contexts.push(context);
    pageErrors.push(errors);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const field = page.getByLabel('Email');
    await field.waitFor();
    const [bg, fieldBg] = [
      await computed(page.locator('html'), 'backgroundColor'),
      await computed(field, 'backgroundColor'),
    ];
    assert.ok(luminance(bg) < 0.02 && luminance(fieldBg) < 0.03, `the page ${bg} and its field ${fieldBg} are dark`);
    await axeClean(page, 'sign-in (dark)');
  });

  test('at 390 px the header is one row of at most 64 px on every main page, with the unread count', async () => {
    const page = await open('/', 'dark', PHONE);
    await page.getByRole('banner').getByRole('link', { name: 'Inbox 1 unread', exact: true }).waitFor();
    for (const { path, name } of mainPages()) {
      if (path !== '/') {
        await page.goto(`${server.url}/w/${WS}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached' });
      }
      await assertShortHeader(page, name);
      await assertDark(page, `${name} at 390 px`);
      if (name === 'board') await screenshot(page, 'dark-phone-board', false);
      if (name === 'idea page') await screenshot(page, 'dark-phone-idea-page', false);
    }
    await axeClean(page, 'growth at 390 px (dark)');
  });

  test('the light scheme is unchanged: the closing note’s pictures, axe clean', async () => {
    const page = await open(`/ideas/${ideas.rich}`, 'light');
    const p = await painted(page);
    assert.equal(p.background, 'rgb(245, 246, 249)', 'the light page background');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('form', { name: `Edit idea #${ideas.rich}` }).waitFor();
    await axeClean(page, 'idea page in edit mode (light)');
    await screenshot(page, 'light-idea-edit-mode', false);

    const gate = await open(`/ideas/${ideas.gate}`, 'light');
    await gate.getByRole('button', { name: 'Decide…' }).click();
    await gate
      .getByRole('dialog')
      .getByRole('region', { name: 'The facts' })
      .getByText(/Vetted recommends/)
      .waitFor();
    await axeClean(gate, 'gate dialog (light)');
    await screenshot(gate, 'light-gate-dialog', false);

    const inbox = await open('/inbox', 'light');
    await inbox.getByText(/the pilot depot asked about this again/).waitFor();
    await axeClean(inbox, 'inbox (light)');
    await screenshot(inbox, 'light-inbox', false);

    const board = await open('/', 'light', PHONE);
    await assertShortHeader(board, 'board (light)');
    await axeClean(board, 'board at 390 px (light)');
    await screenshot(board, 'light-phone-board', false);
    assert.deepEqual(pageErrors.flat(), [], 'no uncaught error in any page');
  });
});
