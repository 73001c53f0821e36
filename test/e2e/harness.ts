/**
 * Browser tests' shared set-up: the real server in-process (API + built web app) on an in-memory database
 * with the sample portfolio, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/server.ts';
import { webPlugin, webRoot } from '../../src/api/web.ts';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { CHROMIUM_ARGS } from '../../src/documents/pdf.ts';
import { openMemoryStore } from '../../src/store/database.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots', 'web');
export const WS = 'tollvane-product';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the web app when there is no build yet (`npm test` builds it before this suite). */
export function ensureWebBuild() {
  if (existsSync(join(webRoot(), 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

export interface TestServer {
  url: string;
  /** A JSON call to the API (as the given member when named). */
  api<T = any>(method: string, path: string, body?: unknown, actor?: string): Promise<T>;
  member(name: string): Promise<{ id: string; name: string; role: string }>;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  ensureWebBuild();
  const template = process.env.VETTED_TEST_TEMPLATE;
  const store = await openMemoryStore(template ? new Blob([readFileSync(template)]) : undefined);
  const ctx = { store };
  await loadDemo(ctx);
  const app = await buildServer(ctx, { logger: false, extend: webPlugin });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const api = async <T>(method: string, path: string, body?: unknown, actor?: string): Promise<T> => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(actor ? { 'vetted-actor': actor } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const members = await api<{ id: string; name: string; role: string }[]>('GET', `/workspaces/${WS}/members`);
  return {
    url,
    api,
    member: async (name) => {
      const m = members.find((x) => x.name === name);
      assert.ok(m, `no member ${name}`);
      return m;
    },
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A browser context (one person's browser) that fails the test on any uncaught error in the page. */
export async function newContext(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  return { context, errors };
}

/** Picks who this browser is acting as, the way a person does: in the header's "Acting as" list. */
export async function actAs(page: Page, name: string) {
  const picker = page.getByLabel('Acting as');
  const option = picker.locator('option', { hasText: name });
  await picker.selectOption({ label: (await option.first().textContent())! });
}

/** Polls an assertion until it holds (playwright-core has no `expect`). */
export async function eventually(check: () => Promise<void> | void, timeout = 8_000) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules and best practice). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: a <script> tag added to the page would be refused by its CSP.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const g = globalThis as any;
    const r = await g.axe.run(g.document, { resultTypes: ['violations'] });
    return r.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} (${n.failureSummary ?? ''})`)
          .join('; ')}`,
    );
}

/** The text as rendered (Playwright's innerText: line breaks where the layout puts them, hidden text left out). */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
export const text = (locator: Locator) => locator.innerText();

export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}

/** No horizontal scrolling at phone width: the page fits the screen. */
export async function assertFitsWidth(page: Page) {
  const { scroll, width } = await page.evaluate(() => {
    const g = globalThis as any;
    return { scroll: g.document.documentElement.scrollWidth as number, width: g.innerWidth as number };
  });
  assert.ok(scroll <= width + 1, `the page is ${scroll}px wide on a ${width}px screen`);
}

export type { Browser, BrowserContext, Page };
