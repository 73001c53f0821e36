/**
 * The content security policies in a real browser: the web app's pages and the API reference load, render
 * and run under them with not one violation reported, so the policies are neither broken nor loosened.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Browser, launchBrowser, newContext, type Page, startServer, type TestServer, WS } from './harness.ts';

describe('content security policy in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let receiptCode = '';

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const created = await server.api<{ receiptCode: string }>('POST', `/workspaces/${WS}/ideas`, {
      title: 'Anonymous: label the dock doors from the road',
      anonymous: true,
    });
    receiptCode = created.receiptCode;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A page that records every CSP violation and console error, reported by the browser itself. */
  async function watched() {
    const { context, errors } = await newContext(browser);
    await server.signIn(context, 'Daniel Osei');
    const violations: string[] = [];
    // Added through the DevTools protocol, so the policy under test does not apply to this script itself.
    await context.addInitScript(() => {
      (globalThis as any).document.addEventListener('securitypolicyviolation', (e: any) =>
        console.error(
          `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        ),
      );
    });
    const watch = (page: Page) => {
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      return page;
    };
    const page = watch(await context.newPage());
    return { context, page, watch, violations, errors };
  }

  async function visit(page: Page, path: string, ready: () => Promise<unknown>) {
    const res = await page.goto(`${server.url}${path}`);
    assert.ok(res, path);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /frame-ancestors 'none'/, `${path}: ${csp}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, `${path}: ${csp}`);
    await ready();
  }

  test('the web app: board, matrix (inline style props), idea page, receipt page', async () => {
    const { context, page, watch, violations, errors } = await watched();
    try {
      await visit(page, `/w/${WS}`, () => page.locator('section.column-validation li.card').first().waitFor());
      await visit(page, `/w/${WS}/matrix`, () => page.locator('a.bubble').first().waitFor());
      // React's style props reach the element through the CSSOM, which style-src does not block.
      const swatch = page.locator('.swatch').first();
      const colour = await swatch.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
      assert.notEqual(colour, 'rgba(0, 0, 0, 0)');
      await page.locator('a.bubble').first().hover();
      await page.locator('.matrix-tip').waitFor();
      await visit(page, `/w/${WS}/ideas/11`, () => page.locator('.gap-currentState').waitFor());
      await visit(page, `/w/${WS}/receipt`, () => page.getByLabel('Receipt code').waitFor());
      // The code as someone might copy it by hand: lower case, spaces for dashes.
      await page.getByLabel('Receipt code').fill(receiptCode.toLowerCase().replace(/-/g, ' '));
      await page.getByRole('button', { name: 'Show my idea' }).click();
      await page.locator('#receipt-idea').waitFor();
      // A second tab revalidates the cached page (304): it must keep the app's policy, not get the API's.
      const tab = watch(await context.newPage());
      await visit(tab, `/w/${WS}/ideas/11`, () => tab.locator('.gap-currentState').waitFor());
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the API reference at /docs', async () => {
    const { context, page, violations, errors } = await watched();
    // Swagger UI renders the whole API in one go: seconds on a busy two-core machine.
    page.setDefaultTimeout(30_000);
    try {
      await visit(page, '/docs/', () => page.locator('.swagger-ui .info .title').waitFor());
      await page.locator('.opblock-summary').first().click();
      await page.locator('.opblock-body').first().waitFor();
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
