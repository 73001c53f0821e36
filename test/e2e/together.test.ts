/**
 * Issue 11, point 3 in real Chromium: a contributor comments on an idea with a mention (and some hostile
 * Markdown, which must stay text); the mentioned leader sees the unread count in the header, finds the
 * mention in their inbox and marks it read. At desktop and phone width, axe clean, with screenshots of the
 * idea page with its comments and of the inbox.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  assertFitsWidth,
  type Browser,
  type BrowserContext,
  eventually,
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

const AUTHOR = 'Tomasz Wierzbicki';
const MENTIONED = 'Priya Raman';
const TITLE = 'Give drivers a one-tap delay report';

describe('web: comment with a mention, then the inbox (issue 11)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let number = 0;

  const open = async (who: string, path: string, viewport?: { width: number; height: number }) => {
    const { context, errors } = await newContext(browser, viewport ? { viewport } : {});
    contexts.push(context);
    pageErrors.push(errors);
    await server.signIn(context, who);
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${WS}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  };
  const axeClean = async (page: Page, what: string) =>
    assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious violation`);
  /** The idea page scrolled to its "Working together" section, for a screenshot of what this is about. */
  const showSection = (page: Page) => page.locator('#together').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const inboxLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Inbox/ });
  /** The header's inbox link as a screen reader names it: "Inbox", or "Inbox 2 unread". */
  const inboxSays = async (page: Page, name: string) =>
    page.getByRole('banner').getByRole('link', { name, exact: true }).waitFor();

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    number = (await server.idea({ title: TITLE }, AUTHOR)).number;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('a comment with a mention is shown safely on the idea page', async () => {
    const page = await open(AUTHOR, `/ideas/${number}`);
    const together = page.getByRole('region', { name: 'Working together' });
    await together.getByRole('button', { name: 'Following' }).waitFor();
    const box = together.getByLabel('Add a comment');
    await box.fill(`Drivers ask for this weekly, @${MENTIONED}: **worth a test**? <img src=x onerror="alert(1)">`);
    await together.getByText(`Will tell: ${MENTIONED}.`).waitFor();
    await together.getByRole('button', { name: 'Post comment' }).click();
    const comment = together.locator('.comment').first();
    await eventually(async () => assert.match(await text(comment), /worth a test/));
    assert.equal(await comment.locator('strong', { hasText: 'worth a test' }).count(), 1);
    assert.equal(await text(comment.locator('.mention')), `@${MENTIONED}`);
    // The tag is text on the page, not an element.
    assert.equal(await comment.locator('img').count(), 0);
    assert.match(await text(comment), /<img src=x onerror="alert\(1\)">/);
    assert.equal(await box.inputValue(), '');
    await together.getByRole('button', { name: 'I have this problem too' }).waitFor({ state: 'detached' });
    await axeClean(page, 'idea page with comments');
    await showSection(page);
    await screenshot(page, 'idea-comments', false);
  });

  test('the mentioned member sees the unread count in the header, the mention in the inbox, and marks it read', async () => {
    const page = await open(MENTIONED, '/');
    const link = inboxLink(page);
    await inboxSays(page, 'Inbox 1 unread');
    assert.equal(await link.getAttribute('href'), `/w/${WS}/inbox`);
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const item = page.locator('.inbox-item').first();
    await eventually(async () =>
      assert.match(await text(item), new RegExp(`${AUTHOR} mentioned you on #${number} ${TITLE}`)),
    );
    assert.match(await text(item), /Drivers ask for this weekly/);
    await axeClean(page, 'inbox');
    await screenshot(page, 'inbox');

    await item.getByRole('button', { name: 'Mark read' }).click();
    await inboxSays(page, 'Inbox');
    assert.equal(await page.locator('.inbox-item.unread').count(), 0);
  });

  test('at phone width: the count stays in view in the header, the inbox and the comments fit', async () => {
    const author = await server.member(AUTHOR);
    await server.api(
      'POST',
      `/workspaces/${WS}/ideas/${number}/comments`,
      { body: `Another one for you, @${MENTIONED}.` },
      author.id,
    );
    const page = await open(MENTIONED, '/inbox', PHONE);
    const link = inboxLink(page);
    await inboxSays(page, 'Inbox 1 unread');
    const box = await link.boundingBox();
    assert.ok(
      box && box.x >= 0 && box.x + box.width <= PHONE.width,
      `the inbox link is in view: ${JSON.stringify(box)}`,
    );
    const header = await page.getByRole('banner').boundingBox();
    assert.ok(header && header.height <= 64, `the phone header is ${header?.height}px tall`);
    await page.locator('.inbox-item.unread').waitFor();
    await assertFitsWidth(page);
    await axeClean(page, 'inbox at phone width');
    await screenshot(page, 'phone-inbox');

    await page
      .locator('.inbox-item.unread')
      .getByRole('link', { name: new RegExp(`#${number}`) })
      .click();
    const together = page.getByRole('region', { name: 'Working together' });
    await together.locator('.comment').nth(1).waitFor();
    await inboxSays(page, 'Inbox');
    await assertFitsWidth(page);
    await axeClean(page, 'idea page with comments at phone width');
    await showSection(page);
    await screenshot(page, 'phone-idea-comments', false);
    assert.deepEqual(pageErrors.flat(), []);
  });
});
