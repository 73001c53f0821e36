/**
 * The idea page's challenger, documents menu and validation section, on a weak sample idea ("Backhaul
 * marketplace"): next questions first, a dismissal with a reason, downloads, the recommendation and the
 * assumption map in the API's order; axe-core checks and screenshots at desktop and phone width.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  AssumptionMapEntry,
  ChallengeResponse,
  Idea,
  IdeaPage,
  Recommendation,
  StoredExperiment,
} from '../../src/schema/index.ts';
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
  SHOTS,
  screenshot,
  seriousViolations,
  startServer,
  type TestServer,
  text,
  WS,
} from './harness.ts';

describe('idea page: challenger, documents and validation', () => {
  let server: TestServer;
  let browser: Browser;
  let number = 0;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const ideas = await server.api<IdeaPage>('GET', `/workspaces/${WS}/ideas?limit=200`);
    const idea = ideas.items.find((i) => /Backhaul marketplace/.test(i.title));
    assert.ok(idea, 'the sample has the backhaul marketplace idea');
    number = idea.number;
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const open = async (viewport: { width: number; height: number }, as = 'Marit Ellingsen') => {
    const { context, errors } = await newContext(browser, { viewport });
    contexts.push(context);
    pageErrors.push(errors);
    await server.signIn(context, as);
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${WS}/ideas/${number}`);
    await page.locator('#challenger .finding').first().waitFor();
    return { context, page };
  };
  const challenger = (page: Page) => page.locator('#challenger');

  test('the challenger shows next questions first, and a finding dismissed with a reason moves to the dismissed list', async () => {
    const { page } = await open(DESKTOP);
    const before = await server.api<ChallengeResponse>('GET', `/workspaces/${WS}/ideas/${number}/challenge`);
    const panel = challenger(page);
    assert.match(
      await text(panel.getByTestId('challenge-counts')),
      new RegExp(`${before.report.findings.length} findings`),
    );

    // The first finding on screen is the API's first (most severe), and its next question comes before its explanation.
    const first = before.report.findings[0];
    assert.ok(first, 'the idea has findings');
    const card = panel.locator('.finding').first();
    const cardText = await text(card);
    assert.ok(cardText.indexOf(first.next) >= 0, 'the next question is shown');
    assert.ok(cardText.indexOf(first.next) < cardText.indexOf(first.explanation), 'next question before explanation');
    assert.match(cardText, /next (question|test)/i);
    assert.ok(cardText.includes(first.ruleId), 'the rule id is shown');
    // Severity groups in order: the first group heading is the most severe present.
    assert.match(await text(panel.locator('.severity-group summary').first()), /High severity/);
    assert.equal(await panel.locator('.severity-group').first().getAttribute('open'), '');

    // A blank reason: the API's field error is shown on the field.
    await card.getByRole('button', { name: /^Dismiss/ }).click();
    const form = card.getByRole('form');
    await form.getByRole('button', { name: 'Dismiss finding' }).click();
    await form.locator('.field-error').waitFor();
    assert.equal(await form.getByLabel('Why dismiss it?').getAttribute('aria-invalid'), 'true');

    const reason = 'The pilot carriers already shared revenue data with us; the score stands for now.';
    await form.getByLabel('Why dismiss it?').fill(reason);
    await form.getByRole('button', { name: 'Dismiss finding' }).click();
    // A grouped finding (one rule, several subjects) is dismissed as a whole: each subject is listed apart.
    const covered = first.items?.length ?? 1;
    const dismissed = panel.getByTestId('dismissed');
    await eventually(async () =>
      assert.match(await text(dismissed.locator('summary')), new RegExp(`Dismissed findings \\(${covered}\\)`)),
    );
    await dismissed.locator('summary').click();
    assert.ok((await text(dismissed)).includes(reason));
    assert.match(await text(dismissed), /Dismissed by Marit Ellingsen/);

    const afterwards = await server.api<ChallengeResponse>('GET', `/workspaces/${WS}/ideas/${number}/challenge`);
    assert.equal(afterwards.report.dismissed.length, covered);
    for (const d of afterwards.report.dismissed) {
      assert.equal(d.dismissal.reason, reason);
      assert.equal(d.finding.ruleId, first.ruleId);
    }
    assert.ok(!afterwards.report.findings.some((f) => f.ruleId === first.ruleId));

    // No model is configured here: nothing offers AI suggestions, and the panel says why.
    await panel.locator('.ai-block').getByText('No language model is configured on this server.').waitFor();
    assert.equal(await panel.getByRole('button', { name: 'Ask for AI suggestions' }).count(), 0);
    assert.equal(await panel.locator('.findings .ai-label').count(), 0, 'AI suggestions never mixed into findings');
  });

  test('the documents menu opens by keyboard, downloads a Markdown PRD and offers a PDF', async () => {
    const { page } = await open(DESKTOP);
    const button = page.getByRole('button', { name: 'Documents' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const md = page.getByRole('link', { name: 'PRD as Markdown' });
    await md.waitFor();
    const pdf = page.getByRole('link', { name: 'PRD as PDF' });
    assert.match((await pdf.getAttribute('href'))!, /\/documents\/prd\?format=pdf$/);
    await page.getByRole('link', { name: 'Pitch deck as PowerPoint' }).waitFor();
    const href = (await md.getAttribute('href'))!;
    const got = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    }, href);
    assert.equal(got.status, 200);
    assert.match(got.type ?? '', /text\/markdown/);
    assert.match(got.body, /Backhaul marketplace/);
    // Escape closes it and focus returns to the button.
    await md.focus();
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await button.evaluate((el) => el === (el.ownerDocument as any).activeElement), true);
  });

  test('the validation section shows the verdict and the assumption map in the order the API gives', async () => {
    const { page } = await open(DESKTOP);
    const rec = await server.api<Recommendation>('GET', `/workspaces/${WS}/ideas/${number}/recommendation`);
    const map = await server.api<AssumptionMapEntry[]>('GET', `/workspaces/${WS}/ideas/${number}/assumption-map`);
    const section = page.locator('#validation');
    const shown = section.getByTestId('recommendation');
    await shown.waitFor();
    assert.match(await text(shown), new RegExp(rec.verdict, 'i'));
    assert.ok((await text(shown)).includes(rec.summary));
    await section.locator('table.assumption-map tbody tr').first().waitFor();
    const refs = await section
      .locator('table.assumption-map tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
    assert.deepEqual(
      refs,
      map.map((a) => a.ref),
    );
    await section.locator('.experiment').first().waitFor();
    assert.match(await text(section.locator('.experiment').first()), /Running/);

    // Add an assumption; it appears on the map.
    await section.getByRole('button', { name: 'Add an assumption' }).click();
    const form = section.getByRole('form', { name: 'Add an assumption' });
    await form.getByLabel('What must be true').fill('Shippers accept a carrier they have never used on a backhaul.');
    await form.getByLabel(/Silent/).check();
    await form.getByLabel('Importance (1 to 5)').selectOption('4');
    await form.getByRole('button', { name: 'Add assumption' }).click();
    await section
      .locator('table.assumption-map')
      .getByText('Shippers accept a carrier they have never used on a backhaul.')
      .waitFor();
    const after = await server.api<AssumptionMapEntry[]>('GET', `/workspaces/${WS}/ideas/${number}/assumption-map`);
    assert.equal(after.length, map.length + 1);

    // Record a result for the running experiment.
    await section.getByRole('button', { name: 'Record a result for X1' }).click();
    const result = section.getByRole('form', { name: 'Record a result for X1' });
    await result.getByRole('button', { name: 'Record result' }).click();
    await result.getByText('Enter the observed value.').waitFor();
    await result.getByLabel(/Observed value/).fill('140');
    await result.getByLabel('Sample size').fill('320');
    await result.getByRole('button', { name: 'Record result' }).click();
    await section.locator('.experiment').first().getByText('140 (n = 320)').waitFor();
    const xs = await server.api<StoredExperiment[]>('GET', `/workspaces/${WS}/ideas/${number}/experiments`);
    assert.equal(xs[0]?.observed, 140);
    assert.equal(xs[0]?.sample, 320);
  });

  test('a moved goalpost is flagged with the recorded change', async () => {
    // A test card started (criteria locked), then its kill threshold lowered with a reason.
    const moved = 14;
    const lead = await server.member('Marit Ellingsen');
    const base = `/workspaces/${WS}/ideas/${moved}/experiments`;
    const x = await server.api<StoredExperiment>(
      'POST',
      base,
      {
        hypothesis: 'At least 30 owner-operators ask for a quote within a month.',
        method: 'smoke-test',
        metric: 'Quote requests',
        successThreshold: 30,
        killThreshold: 10,
        minSample: 200,
      },
      lead.id,
    );
    const { context: c0 } = await open(DESKTOP);
    const p0 = await c0.newPage();
    await p0.goto(`${server.url}/w/${WS}/ideas/${moved}`);
    // Starting is a step of its own that says the criteria lock, then the same words confirm it.
    await p0.getByRole('button', { name: `Start ${x.ref} and lock its criteria` }).click();
    await p0
      .getByRole('region', { name: `Start ${x.ref}` })
      .getByText('Starting locks the criteria.')
      .waitFor();
    await p0.getByRole('button', { name: `Start ${x.ref} and lock its criteria` }).click();
    await p0
      .locator('#validation .experiment', { hasText: 'Quote requests' })
      .getByText('Criteria locked on')
      .waitFor();
    const started = (await server.api<StoredExperiment[]>('GET', base)).find((e) => e.id === x.id);
    assert.ok(started, 'the test card is listed');
    assert.equal(started.status, 'running');
    await server.api(
      'PATCH',
      `${base}/${x.id}`,
      { killThreshold: 5, reason: 'The mailing went out late.', version: started.version },
      lead.id,
    );
    const { context, errors } = await newContext(browser, { viewport: DESKTOP });
    contexts.push(context);
    pageErrors.push(errors);
    await server.signIn(context, 'Tomasz Wierzbicki');
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${WS}/ideas/${moved}`);
    const flag = page.locator('#validation .goalposts').first();
    await flag.waitFor();
    const card = page.locator('#validation .experiment', { has: page.locator('.goalposts') }).first();
    assert.match(await text(card), /Goalposts moved/);
    const cards = page.locator('#validation .experiment', { hasText: 'Quote requests' });
    await cards.first().waitFor();
    const moves = await text(cards.first());
    assert.match(moves, /Goalposts moved/);
    assert.match(moves, /Criteria locked on/);
    assert.match(moves, /killThreshold from 10 to 5/);
    assert.match(moves, /The mailing went out late\./);
  });

  test("the idea's success metric and kill criterion are added from the idea page, and the API has them", async () => {
    const { page } = await open(DESKTOP);
    const section = page.locator('#criteria');
    const metric = section.getByRole('form', { name: 'Add a success metric' });
    // No target: refused in the form, nothing sent.
    await metric.getByLabel('Metric').fill('Backhaul loads matched per week');
    await metric.getByRole('button', { name: 'Add success metric' }).click();
    await eventually(async () => assert.match(await text(section.getByRole('status')), /needs a name and a target/));
    await metric.getByLabel('Target').fill('120');
    await metric.getByLabel('Baseline (today)').fill('15');
    await metric.getByLabel('By when').fill('2027-06-30');
    await metric.getByRole('button', { name: 'Add success metric' }).click();
    await eventually(async () =>
      assert.match(
        await text(section.getByTestId('success-metrics')),
        /Backhaul loads matched per week: up to 120 \(from 15\) by 2027-06-30/,
      ),
    );
    const kill = section.getByRole('form', { name: 'Add a kill criterion' });
    await kill.getByLabel('We stop if …').fill('We stop if fewer than 5 carriers accept a backhaul in the pilot month');
    await kill.getByLabel('Metric (optional)').fill('Carriers accepting a backhaul');
    await kill.getByLabel('Stop at or below (optional)').fill('5');
    await kill.getByRole('button', { name: 'Add kill criterion' }).click();
    await eventually(async () =>
      assert.match(await text(section.getByTestId('kill-criteria')), /Carriers accepting a backhaul ≤ 5/),
    );
    const idea = await server.api<Idea>('GET', `/workspaces/${WS}/ideas/${number}`);
    assert.equal(idea.successMetrics[0]?.target, 120);
    assert.equal(idea.killCriteria[0]?.threshold, 5);
  });

  test('accessibility and screenshots at desktop and phone width', async () => {
    const desktop = await open(DESKTOP, 'Priya Raman');
    await desktop.page.locator('#validation table.assumption-map').waitFor();
    await desktop.page.getByTestId('dismissed').locator('summary').click();
    assert.deepEqual(await seriousViolations(desktop.page), [], 'idea page with the new panels at desktop width');
    await desktop.page.locator('#challenger').scrollIntoViewIfNeeded();
    await desktop.page.locator('#challenger').screenshot({ path: shotPath('challenger') });
    await desktop.page.locator('#validation').screenshot({ path: shotPath('validation') });
    const menu = desktop.page.getByRole('button', { name: 'Documents' });
    await menu.click();
    await desktop.page.getByRole('link', { name: 'PRD as Markdown' }).waitFor();
    assert.deepEqual(await seriousViolations(desktop.page), [], 'documents menu open');
    await screenshot(desktop.page, 'documents-menu', false);
    await desktop.context.close();

    const phone = await open(PHONE, 'Priya Raman');
    await phone.page.locator('#validation table.assumption-map').waitFor();
    await assertFitsWidth(phone.page);
    assert.deepEqual(await seriousViolations(phone.page), [], 'idea page with the new panels at phone width');
    await phone.page.locator('#challenger').screenshot({ path: shotPath('phone-challenger') });
    await phone.page.getByRole('button', { name: 'Documents' }).click();
    await phone.page.getByRole('link', { name: 'PRD as Markdown' }).waitFor();
    await assertFitsWidth(phone.page);
    await phone.context.close();
  });

  test('no page threw an uncaught error', () => {
    assert.deepEqual(pageErrors.flat(), []);
  });
});

function shotPath(name: string) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${name}.png`);
}
