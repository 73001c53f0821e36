/**
 * Browser tests' shared set-up: the real server in-process (API + built web app) on an in-memory database
 * with the sample portfolio and an account for each of its people, and Debian's Chromium (its headless
 * build when installed: src/documents/pdf.ts) driven by playwright-core (never a downloaded browser).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildServer } from '../../src/api/server.ts';
import { webPlugin, webRoot } from '../../src/api/web.ts';
import { hashPassword } from '../../src/app/auth/passwords.ts';
import { newId } from '../../src/app/context.ts';
import { loadDemo } from '../../src/app/portfolio/demo.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/documents/pdf.ts';
import { samplePortfolioPath } from '../../src/sample/index.ts';
import type { IdeaCreate, IdeaCreated } from '../../src/schema/index.ts';
import { members, users } from '../../src/store/schema.ts';
import { testStore } from '../helpers/store.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots', 'web');
export const WS = 'tollvane-product';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? CHROMIUM_PATH;

/** Builds the web app when there is no build yet (`npm test` builds it before this suite). */
export function ensureWebBuild() {
  if (existsSync(join(webRoot(), 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
}

/** Every sample person's password, for signing in as them (the harness gives each an account). */
export const PASSWORD = 'correct horse battery staple';
/** The sample's people (src/sample/portfolio.json): name, email, role. */
const sample = JSON.parse(readFileSync(samplePortfolioPath, 'utf8')) as {
  workspace: { name: string };
  members: { name: string; email: string; role: string }[];
};
export const PEOPLE = sample.members;

export interface TestServer {
  url: string;
  /**
   * A JSON call to the API as the machine's own user (the local key, as the CLI sends it), acting as the
   * member named by id or email when given. Reads need no member; writes do, unless anonymous.
   */
  api<T = unknown>(method: string, path: string, body?: unknown, actor?: string): Promise<T>;
  member(name: string): Promise<{ id: string; name: string; role: string; email: string | null; version: number }>;
  /** An idea submitted through the API by the sample person named, as a journey's starting point. */
  idea(fields: IdeaCreate, by: string): Promise<IdeaCreated['idea']>;
  /** A sample person's session (signed in once with the API, then reused): its cookie and CSRF token. */
  session(name: string): Promise<{ cookie: string; csrf: string }>;
  /** Puts that session's cookie in a browser context: from its next page on, the browser is that person. */
  signIn(context: BrowserContext, name: string): Promise<void>;
  close(): Promise<void>;
}

const servers = new Map<string, TestServer>();

/**
 * The real server on an in-memory database. By default it holds the sample portfolio and every sample
 * person has an account with PASSWORD: Marit Ellingsen (the sample's owner) through first run, the others
 * linked to their member records directly (no route attaches an account to an existing member).
 */
export async function startServer(options: { sample?: boolean; accounts?: boolean } = {}): Promise<TestServer> {
  ensureWebBuild();
  const { sample: withSample = true, accounts = withSample } = options;
  const store = await testStore();
  const ctx = { store };
  if (withSample) await loadDemo(ctx);
  const localKey = `e2e-${randomBytes(16).toString('hex')}`;
  const app = await buildServer(ctx, { logger: false, extend: webPlugin, identity: { localKey } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const request = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return { res, data: text ? JSON.parse(text) : null };
  };
  const api = async <T>(method: string, path: string, body?: unknown, actor?: string): Promise<T> =>
    (
      await request(method, path, body, {
        authorization: `Bearer ${localKey}`,
        ...(actor ? { 'vetted-actor': actor } : {}),
      })
    ).data as T;

  if (withSample && accounts) {
    const owner = PEOPLE.find((p) => p.role === 'owner')!;
    await request(
      'POST',
      '/auth/setup',
      {
        name: owner.name,
        email: owner.email,
        password: PASSWORD,
        workspace: { slug: WS, name: sample.workspace.name },
      },
      {},
    );
    const passwordHash = await hashPassword(PASSWORD);
    for (const p of PEOPLE) {
      if (p === owner) continue;
      const [user] = await store.db
        .insert(users)
        .values({ id: newId(), email: p.email, name: p.name, passwordHash })
        .returning();
      await store.db.update(members).set({ userId: user!.id }).where(eq(members.email, p.email));
    }
  }

  const sessions = new Map<string, Promise<{ cookie: string; csrf: string }>>();
  const session = (name: string) => {
    let s = sessions.get(name);
    if (!s) {
      const person = PEOPLE.find((p) => p.name === name);
      assert.ok(person, `no sample person ${name}`);
      s = request('POST', '/auth/sign-in', { email: person.email, password: PASSWORD }, {}).then(({ res, data }) => {
        const cookie = /vetted_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
        assert.ok(cookie, `no session cookie for ${name}`);
        return { cookie, csrf: data.csrf as string };
      });
      sessions.set(name, s);
    }
    return s;
  };
  const server: TestServer = {
    url,
    api,
    member: async (name) => {
      const all = await api<{ id: string; name: string; role: string; email: string | null; version: number }[]>(
        'GET',
        `/workspaces/${WS}/members`,
      );
      const m = all.find((x) => x.name === name);
      assert.ok(m, `no member ${name}`);
      return m;
    },
    idea: async (fields, by) =>
      (await api<IdeaCreated>('POST', `/workspaces/${WS}/ideas`, fields, (await server.member(by)).id)).idea,
    session,
    signIn: async (context, name) => {
      const { cookie } = await session(name);
      await context.addCookies([{ name: 'vetted_session', value: cookie, url, httpOnly: true, sameSite: 'Lax' }]);
    },
    close: async () => {
      servers.delete(url);
      await app.close();
      await store.close();
    },
  };
  servers.set(url, server);
  return server;
}

export async function launchBrowser(): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (apt-get install chromium-headless-shell)`,
  );
  return chromium.launch({
    executablePath: CHROMIUM,
    // V8 without its helper threads in the pages: the tests run with every core busy, where those threads'
    // concurrent marking and compiling only add work (docs/stack.md, "Test speed": the pages' CPU for two
    // journeys fell 11 %, from 42.1 and 48.6 to 38.0 and 43.2 core-seconds).
    args: [...CHROMIUM_ARGS, '--js-flags=--single-threaded'],
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

/**
 * Signs this browser in as a sample person and reloads the page: from now on every request is theirs.
 * (One test signs in through the form; the others take a session made once through the API.)
 */
export async function actAs(page: Page, name: string) {
  const server = servers.get(new URL(page.url()).origin);
  assert.ok(server, `actAs: ${page.url()} is not a test server's page (open one first)`);
  await server.signIn(page.context(), name);
  await page.reload();
}

/**
 * The browser contexts a journey opens as one sample person: each page signed in and loaded at a workspace path,
 * the page errors of all of them kept for the journey's last check, all closed together.
 */
export function pagesAs(person: string) {
  const contexts: BrowserContext[] = [];
  const errors: string[][] = [];
  return {
    async open(server: TestServer, browser: Browser, path: string, viewport?: { width: number; height: number }) {
      const made = await newContext(browser, viewport ? { viewport } : {});
      contexts.push(made.context);
      errors.push(made.errors);
      await server.signIn(made.context, person);
      const page = await made.context.newPage();
      await page.goto(`${server.url}/w/${WS}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      return page;
    },
    errors: () => errors.flat(),
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
    },
  };
}

/** Fails with the page's serious and critical axe violations, if any. */
export async function axeClean(page: Page, what: string) {
  assert.deepEqual(await seriousViolations(page), [], `${what}: axe finds no serious violation`);
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
  // Once per document: evaluating it costs about as much as a run (~0.2 s here).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
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

/**
 * In the gate dialog, once its facts have loaded: when the chosen outcome goes against Vetted's
 * recommendation the dialog asks why; give that reason (journeys about other things use this).
 */
export async function giveOverrideReason(dialog: Locator, reason = 'We decided otherwise, knowing the advice.') {
  await dialog
    .getByRole('region', { name: 'The facts' })
    .getByText(/Vetted recommends/)
    .waitFor();
  const why = dialog.getByLabel(/Why decide against the recommendation/);
  if (await why.count()) await why.fill(reason);
}

export type { Browser, BrowserContext, Page };
