/**
 * Issue 11, point 4 in real Chromium: a leader searches and filters the list (kept in the address), saves
 * the filters as a named view and opens it again, moves ideas in bulk with one rationale (and sees the
 * gate's refusals idea by idea, nothing moved), tags in bulk, uses the keyboard shortcuts; the owner checks
 * a file row by row, then imports it, and finds the exports. At desktop and phone width, axe clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SavedView } from '../../src/schema/index.ts';
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

const LEADER = 'Priya Raman';
const OWNER = 'Marit Ellingsen';

interface Listed {
  id: string;
  number: number;
  stage: string;
  version: number;
  tags: string[];
  title: string;
}

describe('web: find and act on many (issue 11, point 4)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];

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
  const ideas = async (query: string) =>
    (await server.api<{ items: Listed[] }>('GET', `/workspaces/${WS}/ideas?limit=200&sort=number&${query}`)).items;
  const params = (page: Page) => new URL(page.url()).searchParams;
  const rows = (page: Page) => page.getByRole('region', { name: 'Ideas' }).locator('tbody tr');

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    assert.deepEqual(pageErrors.flat(), [], 'no uncaught error in any page');
  });

  test('filters kept in the address, saved as a named view and opened again; shortcuts', async () => {
    const page = await open(LEADER, '/list');
    await rows(page).first().waitFor();
    // `/` jumps to the search box; typing searches after a pause, into the address.
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search' });
    assert.equal(await search.evaluate((e) => e === e.ownerDocument.activeElement), true, '/ focuses the search');
    await search.pressSequentially('a');
    await eventually(() => assert.equal(params(page).get('q'), 'a'));
    await search.fill('');
    await eventually(() => assert.equal(params(page).get('q'), null));
    await page.getByLabel('Stage').selectOption('discovery');
    await page.getByLabel('Sort by').selectOption('-number');
    await eventually(() => assert.equal(params(page).get('stage'), 'discovery'));
    const discovery = (await ideas('stage=discovery')).map((i) => i.number).sort((a, b) => b - a);
    await eventually(async () => assert.equal(await rows(page).count(), Math.min(25, discovery.length)));
    assert.equal(await rows(page).first().getAttribute('data-idea'), String(discovery[0]));

    // Saved as a view: after clearing the filters, choosing it brings them back.
    await page.getByRole('button', { name: 'Save these filters…' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Discovery, newest first');
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByText('Saved as “Discovery, newest first”.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(() => assert.equal(params(page).get('stage'), null));
    await page.getByLabel('Saved view', { exact: true }).selectOption({ label: 'Discovery, newest first' });
    await eventually(() => {
      assert.equal(params(page).get('stage'), 'discovery');
      assert.equal(params(page).get('sort'), '-number');
    });
    await page.getByRole('button', { name: 'Delete “Discovery, newest first”' }).waitFor();
    // Reloading the address gives the same list: the view is the address.
    await page.reload();
    await eventually(async () =>
      assert.equal(await rows(page).first().getAttribute('data-idea'), String(discovery[0])),
    );
    assert.equal(await page.getByLabel('Stage').inputValue(), 'discovery');
    const saved = await server.api<SavedView[]>(
      'GET',
      `/workspaces/${WS}/views`,
      undefined,
      (await server.member(LEADER)).id,
    );
    assert.deepEqual(
      saved.map((v) => [v.name, v.filters]),
      [['Discovery, newest first', { stage: 'discovery', sort: '-number' }]],
    );

    // j and k walk the ideas; ? shows the shortcuts, Escape closes them and gives focus back.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const focused = () =>
      page.evaluate(() => {
        const g = globalThis as any;
        return g.document.activeElement?.closest('tr')?.dataset.idea as string | undefined;
      });
    assert.equal(await focused(), String(discovery[1]));
    await page.keyboard.press('k');
    assert.equal(await focused(), String(discovery[0]));
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    assert.match(await text(help), /Search or filter this page/);
    await axeClean(page, 'the shortcuts dialog');
    await screenshot(page, 'find-shortcuts', false);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await axeClean(page, 'the filtered list with a saved view');
    await screenshot(page, 'find-saved-view');
  });

  test('bulk move: the gate’s refusals idea by idea with nothing moved, then one decision per idea', async () => {
    const [first, second] = await ideas('stage=discovery');
    const [parked] = await ideas('stage=parked');
    assert.ok(first && second && parked, 'the sample has two ideas in discovery and one parked');
    const page = await open(LEADER, '/list?sort=number&stage=discovery');
    await rows(page).first().waitFor();
    const tick = (i: Listed) => page.getByRole('checkbox', { name: `Select #${i.number} ${i.title}` });
    await tick(first).check();
    await tick(second).check();
    // A parked idea cannot advance: choose it too, from the list of parked ideas.
    await page.getByLabel('Stage').selectOption('parked');
    await tick(parked).check();
    await page.getByRole('heading', { name: '3 selected' }).waitFor();

    await page.getByRole('button', { name: 'Move 3…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move 3 ideas' });
    await dialog.getByLabel('Advance each to its next stage').check();
    const blocked = dialog.getByTestId('bulk-blocked');
    await blocked.waitFor();
    assert.match(await text(blocked), new RegExp(`#${parked.number} A parked idea cannot advance`));
    await dialog.getByLabel('Rationale').fill('Problem interviews done for all three.');
    await dialog.getByLabel('Yes, reversible (a two-way door)').check();
    await dialog.getByRole('button', { name: 'Record 3 decisions' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    assert.match(await text(refusal), /1 of 3 ideas could not be moved, so none was/);
    assert.match(await text(refusal), new RegExp(`#${parked.number} A parked idea cannot advance`));
    await axeClean(page, 'the bulk move dialog with a refusal');
    await screenshot(page, 'find-bulk-move-refused');
    const after = await ideas('');
    for (const i of [first, second, parked])
      assert.equal(after.find((x) => x.id === i.id)?.stage, i.stage, `#${i.number} did not move`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Untick the parked idea, and park the other two with one rationale: a decision on each.
    await tick(parked).uncheck();
    await page.getByRole('button', { name: 'Move 2…' }).click();
    const move = page.getByRole('dialog', { name: 'Move 2 ideas' });
    await move.getByLabel('Park: sound, but not now').check();
    await move.getByLabel('Rationale').fill('Not this quarter: the team is on the depot rollout.');
    await move.getByLabel('Yes, reversible (a two-way door)').check();
    await move.getByRole('button', { name: 'Record 2 decisions' }).click();
    await move.waitFor({ state: 'detached' });
    await page.getByText(`Recorded 2 decisions: #${first.number} to Parked, #${second.number} to Parked.`).waitFor();
    for (const i of [first, second]) {
      const decisions = await server.api<{ outcome: string; rationale: string }[]>(
        'GET',
        `/workspaces/${WS}/ideas/${i.number}/decisions`,
      );
      assert.deepEqual(
        { outcome: decisions.at(-1)?.outcome, rationale: decisions.at(-1)?.rationale },
        { outcome: 'park', rationale: 'Not this quarter: the team is on the depot rollout.' },
      );
    }
    assert.deepEqual(
      (await ideas('stage=parked')).map((i) => i.number).filter((n) => n === first.number || n === second.number),
      [first.number, second.number].sort((a, b) => a - b),
    );
  });

  test('bulk tag at phone width: the page fits, and the tags land on every selected idea', async () => {
    const page = await open(LEADER, '/list?sort=number&stage=parked', PHONE);
    await rows(page).first().waitFor();
    const picked = (await ideas('stage=parked')).slice(0, 2);
    for (const i of picked) await page.getByRole('checkbox', { name: `Select #${i.number} ${i.title}` }).check();
    await page.getByLabel('Add tags').fill('review-q3, depots');
    await assertFitsWidth(page);
    await axeClean(page, 'the list with the bulk bar at phone width');
    await screenshot(page, 'find-bulk-phone');
    await page.getByRole('button', { name: 'Apply tags' }).click();
    await page.getByText('Tags changed on 2 ideas.').waitFor();
    const tagged = await ideas('tag=review-q3');
    assert.deepEqual(
      tagged.map((i) => i.number),
      picked.map((i) => i.number),
    );
    for (const i of tagged) assert.ok(i.tags.includes('depots'));
  });

  for (const [width, viewport] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const) {
    test(`import at ${width} width: a check row by row, then the import; the exports are offered`, async () => {
      const page = await open(OWNER, '/import', viewport);
      await page.getByRole('link', { name: 'Download ideas as CSV' }).waitFor();
      const exported = await page
        .getByRole('link', { name: 'Download the portfolio file (JSON)' })
        .getAttribute('href');
      assert.equal(exported, `/api/workspaces/${WS}/export?format=json`);
      const file = page.getByLabel('File to import');
      const tag = `imported-${width}`;
      // The second row has no title: the check names that row, and nothing is offered to import.
      await file.setInputFiles({
        name: 'ideas.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          `title,tags\nDepot wifi survey ${width},${tag}\n,${tag}\nNight shift handover ${width},${tag}\n`,
        ),
      });
      const check = page.getByTestId('import-check');
      await check.waitFor();
      assert.match(await text(check), /Checked ideas\.csv: 3 rows\. 1 with problems/);
      const table = check.getByRole('region', { name: 'The check, row by row' });
      assert.deepEqual((await table.locator('tbody tr td:first-child').allInnerTexts()).map(Number), [1, 2, 3]);
      assert.match(await text(table.locator('tbody tr').nth(1)), /title/i);
      assert.equal(await page.getByRole('button', { name: /^Import/ }).count(), 0);
      await axeClean(page, 'the import check with a bad row');
      if (viewport) await assertFitsWidth(page);
      await screenshot(page, `find-import-check-${width}`);

      await file.setInputFiles({
        name: 'ideas.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`title,tags\nDepot wifi survey ${width},${tag}\nNight shift handover ${width},${tag}\n`),
      });
      await page.getByText('All 2 can be imported. Nothing was written yet.').waitFor();
      assert.deepEqual(await ideas(`tag=${tag}`), [], 'a check writes nothing');
      await page.getByRole('button', { name: 'Import 2 ideas' }).click();
      const done = page.getByTestId('import-done');
      await done.waitFor();
      const imported = await ideas(`tag=${tag}`);
      assert.deepEqual(
        imported.map((i) => i.title),
        [`Depot wifi survey ${width}`, `Night shift handover ${width}`],
      );
      assert.match(await text(done), new RegExp(`Imported 2 ideas: #${imported[0]!.number}–#${imported[1]!.number}`));
      await axeClean(page, 'the import done');
      await screenshot(page, `find-import-done-${width}`);
    });
  }
});
