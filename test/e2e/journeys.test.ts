/**
 * The web app's journeys in real Chromium against the real server: a contributor submits anonymously, a
 * leader frames, scores and advances the idea, the submitters read the decision, the board and the matrix
 * show it where the data says, and a stale edit in a second tab loses nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Assessment,
  Decision,
  Frame,
  Idea,
  IdeaPage,
  ScoreExplanation,
  Workspace,
} from '../../src/schema/index.ts';
import {
  type Browser,
  type BrowserContext,
  eventually,
  giveOverrideReason,
  launchBrowser,
  newContext,
  type Page,
  startServer,
  type TestServer,
  text,
  WS,
} from './harness.ts';

const ANON_TITLE = 'Let drivers swap shifts with each other in the app';
const ANON_DESCRIPTION =
  'Drivers trade shifts over WhatsApp, and dispatch finds out at 6 am when the wrong driver turns up at the depot.';
const RATIONALE =
  'Interviews with dispatchers at four carriers confirm the pain, and the no-show log puts a number on it. Validation must show that drivers actually use a swap request when it exists.';
const NAMED_TITLE = 'Remind drivers before their licence or medical certificate expires';
const NAMED_RATIONALE = 'Compliance confirmed the fines; worth testing with two carriers.';

describe('web journeys', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let receiptCode = '';
  let anonNumber = 0;
  let leader: { id: string; name: string };

  /** A person's browser on the board: signed in as them (a contributor, Kwame Asante, unless named). */
  const open = async (actor = 'Kwame Asante') => {
    const { context, errors } = await newContext(browser);
    contexts.push(context);
    pageErrors.push(errors);
    await server.signIn(context, actor);
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${WS}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { context, page };
  };
  const url = (path: string) => `${server.url}/w/${WS}${path}`;

  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    leader = await server.member('Priya Raman');
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test('a contributor submits an anonymous idea, is warned of a similar one while typing, and gets a receipt code', async () => {
    const { page } = await open();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Submit an idea' }).click();
    await page.getByRole('heading', { level: 1, name: 'Submit an idea' }).waitFor();

    await page.getByLabel('Submit anonymously').check();
    const explained = page.locator('#s-anon-explained');
    assert.match(await text(explained), /Not stored:.*your name/s);
    assert.match(await text(explained), /receipt code/);

    // Typed like a person, so the similar-idea check runs while typing, before anything is sent.
    await page.getByLabel('Title').pressSequentially(ANON_TITLE, { delay: 15 });
    const warning = page.locator('.similar-live .notice-warn');
    await warning.waitFor();
    assert.match(await text(warning), /similar idea/);
    assert.match(await text(warning), /#23 Let drivers swap shifts in the app/);
    await page.getByLabel('Description (optional)').fill(ANON_DESCRIPTION);
    // The API's field-level message is shown next to the field it is about, and nothing is sent twice.
    const tags = page.getByLabel('Tags (optional)');
    await tags.fill('driver-app, shifts;swaps');
    await page.getByRole('button', { name: 'Submit anonymously' }).click();
    await page.locator('#s-tags-error').filter({ hasText: 'Tag 2 has an invalid format' }).waitFor();
    assert.equal(await tags.getAttribute('aria-invalid'), 'true');
    assert.match((await tags.getAttribute('aria-describedby')) ?? '', /s-tags-error/);
    assert.equal(await page.getByLabel('Title').inputValue(), ANON_TITLE, 'what was typed is kept');
    await tags.fill('driver-app, scheduling');

    await page.getByRole('button', { name: 'Submit anonymously' }).click();
    await page.getByRole('heading', { level: 1, name: /your idea is in/ }).waitFor();
    receiptCode = (await text(page.getByTestId('receipt-code'))).trim();
    assert.ok(receiptCode.length >= 8, `receipt code: ${receiptCode}`);

    const { items } = await server.api<IdeaPage>(
      'GET',
      `/workspaces/${WS}/ideas?q=${encodeURIComponent('swap shifts with')}`,
    );
    assert.equal(items.length, 1);
    assert.equal(items[0]?.anonymous, true);
    assert.equal(items[0]?.submitter, null, 'nothing about the submitter is stored');
    assert.equal(items[0].stage, 'discovery');
    assert.deepEqual(items[0].tags, ['driver-app', 'scheduling']);
    anonNumber = items[0].number;
  });

  test('a leader frames it, scores all nine dimensions with evidence, and advances it with a decision', async () => {
    assert.ok(anonNumber, 'needs the idea from the first journey');
    const { page } = await open('Priya Raman');

    // Finds it in the list by searching, as a leader would.
    await page.getByRole('link', { name: 'List' }).click();
    await page.getByLabel('Search').fill('swap shifts with');
    await page.getByRole('link', { name: ANON_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: `#${anonNumber} ${ANON_TITLE}` }).waitFor();

    // Frame: current state, ideal state, gap.
    await page.getByRole('button', { name: 'Frame this problem' }).click();
    const frame = page.getByRole('form', { name: 'Edit the problem frame' });
    await frame.getByLabel('Who has it').fill('Dispatchers and drivers at carriers with more than 50 drivers.');
    await frame
      .getByLabel('Current state', { exact: true })
      .fill('Swaps are agreed in chat groups; 7% of shifts start with a driver dispatch did not plan for.');
    await frame
      .getByLabel('Ideal state', { exact: true })
      .fill('Every swap is requested and approved in the app before the shift.');
    await frame.getByLabel('Gap', { exact: true }).fill('7% unplanned driver changes against a target under 1%.');
    await frame.getByLabel('Gap metric').fill('Shifts with an unplanned driver');
    await frame.getByLabel('Now').fill('7');
    await frame.getByLabel('Target').fill('1');
    await frame.getByLabel('Unit').fill('%');
    await frame.getByRole('button', { name: 'Save frame' }).click();
    await page.getByText('Frame saved.').waitFor();
    assert.match(await text(page.locator('.gap-idealState')), /requested and approved in the app/);

    // Evidence, linked to the dimensions it supports.
    const workspace = await server.api<Workspace>('GET', `/workspaces/${WS}`);
    const dims: { id: string; name: string; anchors: string[] }[] = workspace.dimensions;
    assert.equal(dims.length, 9);
    const addEvidence = async (kind: string, strength: string, summary: string, source: string, supports: string[]) => {
      await page.getByRole('button', { name: 'Add evidence' }).click();
      const form = page.getByRole('form', { name: 'Add evidence' });
      await form.getByLabel('Kind').selectOption({ label: kind });
      await form.getByLabel('Strength').selectOption({ label: strength });
      await form.getByLabel('What was seen, heard or measured').fill(summary);
      await form.getByLabel('Source').fill(source);
      for (const name of supports) await form.getByLabel(name, { exact: true }).check();
      await form.getByRole('button', { name: 'Add evidence' }).click();
      await page.getByText(`Evidence added: ${summary.slice(0, 30)}`).waitFor();
    };
    await addEvidence(
      'Interview note',
      'Interview',
      'Four of four dispatchers described swaps arranged in chat groups, discovered at the depot gate.',
      'Interviews with dispatchers at four carriers',
      dims.slice(0, 5).map((d) => d.name),
    );
    await addEvidence(
      'Data point',
      'Survey',
      'No-show log: 7% of 9,400 shifts in Q3 started with a driver other than the one planned.',
      'Dispatch no-show log, Q3',
      dims.slice(5).map((d) => d.name),
    );

    // Scores on all nine dimensions: the anchored description of the level shows while scoring.
    await page.getByRole('button', { name: 'Score this idea' }).click();
    const form = page.getByRole('form', { name: 'Your scores' });
    const levels = [4, 3, 3, 4, 3, 4, 3, 4, 3];
    for (const [i, dim] of dims.entries()) {
      const level = levels[i]!;
      const set = form.locator('fieldset.dimension').filter({ has: page.locator('legend', { hasText: dim.name }) });
      await set.getByRole('radio', { name: String(level), exact: true }).check();
      assert.equal(
        (await text(set.getByTestId(`anchor-${dim.id}`))).trim(),
        `Level ${level}: ${dim.anchors[level - 1]}`,
      );
      await set.getByLabel('Confidence').selectOption(i % 2 ? 'high' : 'medium');
      const cited = set.getByRole('checkbox');
      assert.equal(await cited.count(), 2, 'both pieces of evidence can be cited');
      // The evidence tagged with this dimension is already ticked; cite the other one too on the last.
      let ticked = 0;
      for (const c of await cited.all()) if (await c.isChecked()) ticked++;
      assert.equal(ticked, 1, `${dim.name}: its evidence is pre-selected`);
      if (i === dims.length - 1) await cited.nth(0).check();
    }
    assert.match(await text(form), /9 of 9 dimensions scored/);
    await form.getByLabel(/Why these scores/).fill('First assessment after the dispatcher interviews.');
    await form.getByRole('button', { name: 'Save my scores' }).click();
    await page.getByText('Your scores are saved.').waitFor();

    const score = await server.api<ScoreExplanation>('GET', `/workspaces/${WS}/ideas/${anonNumber}/score`);
    assert.equal(score.coverage, 1);
    assert.ok(score.dimensions.every((d) => d.evidenceStrength !== null));
    const [mine] = await server.api<Assessment[]>('GET', `/workspaces/${WS}/ideas/${anonNumber}/assessments`);
    assert.ok(mine, 'the leader has assessed the idea');
    assert.equal(mine.assessor.id, leader.id);
    for (const dim of dims) assert.ok((mine.scores[dim.id]?.evidenceIds?.length ?? 0) >= 1, `${dim.id} cites evidence`);
    assert.equal(mine.scores[dims[8]!.id]?.evidenceIds?.length, 2);
    const { composite, adjusted } = score;
    assert.ok(composite !== null && adjusted !== null, 'the idea is scored');
    await eventually(async () =>
      assert.equal((await text(page.getByTestId('composite'))).trim(), composite.toFixed(2)),
    );
    assert.equal((await text(page.getByTestId('adjusted'))).trim(), adjusted.toFixed(2));

    // The gate: advance with the decision's reasons.
    await page.getByRole('button', { name: 'Decide…' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Decide on #${anonNumber}`) });
    await dialog.getByRole('radio', { name: 'Advance to Validation' }).check();
    for (const c of await dialog.getByRole('checkbox').all()) await c.check();
    await dialog.getByLabel('Rationale').fill(RATIONALE);
    await dialog.getByRole('radio', { name: /Yes, reversible/ }).check();
    await dialog.getByLabel('Review on (optional)').fill('2027-03-01');
    await giveOverrideReason(dialog);
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText(`Decision recorded: #${anonNumber} is now in Validation.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('#decisions').getByText(RATIONALE).waitFor();

    const decisions = await server.api<Decision[]>('GET', `/workspaces/${WS}/ideas/${anonNumber}/decisions`);
    assert.equal(decisions.length, 1);
    const [d] = decisions;
    assert.ok(d);
    assert.equal(d.outcome, 'advance');
    assert.equal(d.toStage, 'validation');
    assert.equal(d.rationale, RATIONALE);
    assert.equal(d.reversible, true);
    assert.equal(d.reviewOn, '2027-03-01');
    assert.equal(d.decidedBy?.id, leader.id);
    assert.equal(d.criteria.length, 3);
    assert.ok(d.criteria.every((c) => c.met));
  });

  test('the anonymous submitter reads the decision with the receipt code', async () => {
    assert.ok(receiptCode, 'needs the receipt from the first journey');
    const { page } = await open();
    await page.getByRole('link', { name: 'Follow a receipt' }).click();
    await page.getByLabel('Receipt code').fill(receiptCode);
    await page.getByRole('button', { name: 'Show my idea' }).click();
    const result = page.locator('section', { has: page.getByRole('heading', { name: ANON_TITLE }) });
    await result.waitFor();
    const shown = await text(result);
    assert.match(shown, /Stage:\s*Validation/);
    assert.match(shown, /Advanced from Discovery to Validation/);
    assert.ok(shown.includes(RATIONALE), 'the rationale is shown in full');
    assert.match(shown, /Reversible/);

    // A wrong code says so in words.
    await page.getByLabel('Receipt code').fill('not-a-real-code');
    await page.getByRole('button', { name: 'Show my idea' }).click();
    await page.getByRole('alert').filter({ hasText: 'No idea has this receipt code' }).waitFor();
  });

  test('a named submitter follows their idea under My ideas after a leader moves its card on the board', async () => {
    // Hannah submits under her name.
    const hannah = await open('Hannah Lindqvist');
    await hannah.page.goto(url('/submit'));
    await hannah.page.getByLabel('Title').fill(NAMED_TITLE);
    await hannah.page.getByRole('button', { name: 'Submit as Hannah Lindqvist' }).click();
    await hannah.page.getByRole('heading', { level: 1, name: /your idea is in/ }).waitFor();
    const { items } = await server.api<IdeaPage>(
      'GET',
      `/workspaces/${WS}/ideas?q=${encodeURIComponent('medical certificate')}`,
    );
    assert.ok(items[0], 'the named idea is listed');
    const number = items[0].number;
    assert.equal(items[0].submitter?.name, 'Hannah Lindqvist');

    // The leader drags the card from Discovery to Validation: the move asks for the decision.
    const { page } = await open('Priya Raman');
    const card = page.locator('li.card', { hasText: NAMED_TITLE });
    await card.waitFor();
    assert.equal(await page.locator('section.column-discovery li.card', { hasText: NAMED_TITLE }).count(), 1);
    await card.scrollIntoViewIfNeeded();
    const from = (await card.locator('.card-foot').boundingBox())!;
    const to = (await page.locator('section.column-validation').boundingBox())!;
    const y = from.y + from.height / 2;
    await page.mouse.move(from.x + 12, y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, y + 10, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, y, { steps: 15 });
    await page.mouse.up();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Decide on #${number}`) });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('radio', { name: 'Advance to Validation' }).isChecked(), true);
    // Without reasons nothing is recorded, and the form says what is missing next to the field.
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.getByText('Give the reasons for the decision.').waitFor();
    await dialog.getByLabel('Rationale').fill(NAMED_RATIONALE);
    await dialog.getByRole('radio', { name: /No, hard to reverse/ }).check();
    for (const note of await dialog.getByLabel('Why pass it unmet?').all()) await note.fill('Testing will tell.');
    await giveOverrideReason(dialog);
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText(`Recorded: #${number} advanced to Validation.`).waitFor();
    await page.locator('section.column-validation li.card', { hasText: NAMED_TITLE }).waitFor();

    // Hannah reads where it stands, and why, under My ideas.
    await hannah.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My ideas' }).click();
    const mine = hannah.page.locator('li', { has: hannah.page.getByRole('heading', { name: NAMED_TITLE }) });
    await mine.waitFor();
    await eventually(async () => assert.match(await text(mine), /Latest decision/));
    assert.match(await text(mine), /Validation/);
    assert.ok((await text(mine)).includes(NAMED_RATIONALE));
    await mine.getByText(/Every decision and its reasons/).click();
    assert.match(await text(mine), /Advanced from Discovery to Validation/);
    assert.match(await text(mine), /by Priya Raman/);
    assert.match(await text(mine), /Hard to reverse/);
  });

  test('the board and the matrix show the idea where the data says', async () => {
    assert.ok(anonNumber);
    const idea = await server.api<Idea>('GET', `/workspaces/${WS}/ideas/${anonNumber}`);
    assert.equal(idea.stage, 'validation');
    const { composite, adjusted } = idea.score;
    assert.ok(composite !== null && adjusted !== null, 'the idea is scored');
    const { page } = await open();

    // Board: in the Validation column, with its scores.
    const card = page.locator('section.column-validation li.card', { hasText: ANON_TITLE });
    await card.waitFor();
    assert.equal(await page.locator('section.column-discovery li.card', { hasText: ANON_TITLE }).count(), 0);
    assert.match(await text(card), new RegExp(`${composite.toFixed(2)}.*${adjusted.toFixed(2)}`, 's'));

    // List: filtered to Validation, it is there.
    await page.goto(url('/list?stage=validation'));
    await page.getByRole('link', { name: ANON_TITLE }).waitFor();

    // Matrix: value up, confidence across, coloured as Validation; every bubble placed by its numbers.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matrix' }).click();
    const bubble = page.locator(`a.bubble[data-idea="${anonNumber}"]`);
    await bubble.waitFor();
    const label = (await bubble.getAttribute('aria-label'))!;
    assert.match(
      label,
      new RegExp(`#${anonNumber} ${ANON_TITLE}: Validation, composite score ${composite.toFixed(2)}`),
    );
    const confidence = (adjusted - 1) / (composite - 1);
    assert.match(label, new RegExp(`confidence ${Math.round(confidence * 100)} %`));
    // The stage's colour comes from the stylesheet (--stage-validation in the light scheme).
    const fill = await bubble.locator('circle').evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).fill);
    assert.equal(fill, 'rgb(154, 92, 0)');

    const { items } = await server.api<IdeaPage>('GET', `/workspaces/${WS}/ideas?limit=200`);
    // The matrix places scored ideas only (src/web/src/pages/Matrix.tsx): their scores, by number.
    const byNumber = new Map<number, { composite: number; adjusted: number }>();
    for (const i of items)
      if (i.score.composite !== null && i.score.adjusted !== null)
        byNumber.set(i.number, { composite: i.score.composite, adjusted: i.score.adjusted });
    const placed = await page.locator('a.bubble').evaluateAll((els) =>
      els.map((a) => {
        const c = a.querySelector('circle')!;
        return {
          n: Number(a.getAttribute('data-idea')),
          cx: Number(c.getAttribute('cx')),
          cy: Number(c.getAttribute('cy')),
        };
      }),
    );
    assert.ok(placed.length >= 15, `${placed.length} bubbles`);
    for (const a of placed) {
      for (const b of placed) {
        const sa = byNumber.get(a.n)!;
        const sb = byNumber.get(b.n)!;
        if (sa.composite > sb.composite) assert.ok(a.cy < b.cy, `#${a.n} is above #${b.n}`);
        const ca = (sa.adjusted - 1) / (sa.composite - 1);
        const cb = (sb.adjusted - 1) / (sb.composite - 1);
        if (ca > cb + 1e-9) assert.ok(a.cx >= b.cx, `#${a.n} is right of #${b.n}`);
      }
    }

    // A click on the bubble opens the idea.
    await bubble.click();
    await page.getByRole('heading', { level: 1, name: `#${anonNumber} ${ANON_TITLE}` }).waitFor();
  });

  test('a stale edit in a second tab shows a conflict and loses nothing', async () => {
    assert.ok(anonNumber);
    const { context } = await open('Priya Raman');
    const tabs: Page[] = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      await tab.goto(url(`/ideas/${anonNumber}`));
      await tab.getByRole('button', { name: 'Edit frame' }).click();
    }
    const [a, b] = tabs as [Page, Page];
    const aText = 'Swaps are agreed in chat groups; 7.4% of shifts in Q3 started with an unplanned driver.';
    const bText = 'Every swap is requested, checked against driving-time rules and approved in the app.';

    await a.getByLabel('Current state', { exact: true }).fill(aText);
    await a.getByRole('button', { name: 'Save frame' }).click();
    await a.getByText('Frame saved.').waitFor();

    await b.getByLabel('Ideal state', { exact: true }).fill(bText);
    await b.getByRole('button', { name: 'Save frame' }).click();
    const conflict = b.getByRole('alert').filter({ hasText: 'saved this frame while you were editing' });
    await conflict.waitFor();
    assert.match(await text(conflict), /Nothing of yours was lost/);
    assert.match(await text(conflict), /Current state/, 'says which of their changes it brought in');
    // The second tab's text is still in the form, and the first tab's change is there too.
    assert.equal(await b.getByLabel('Ideal state', { exact: true }).inputValue(), bText);
    assert.equal(await b.getByLabel('Current state', { exact: true }).inputValue(), aText);
    const stale = await server.api<Frame>('GET', `/workspaces/${WS}/ideas/${anonNumber}/frame`);
    assert.notEqual(stale.idealState, bText, 'nothing was saved on conflict');

    await b.getByRole('button', { name: 'Save frame' }).click();
    await b.getByText('Frame saved.').waitFor();
    const frame = await server.api<Frame>('GET', `/workspaces/${WS}/ideas/${anonNumber}/frame`);
    assert.equal(frame.currentState, aText);
    assert.equal(frame.idealState, bText);
    assert.equal(frame.gap, '7% unplanned driver changes against a target under 1%.');
    assert.deepEqual(frame.gapMetric, { metric: 'Shifts with an unplanned driver', current: 7, target: 1, unit: '%' });
  });

  test('a parked idea is killed at its review from the decision dialog (the rules come from the domain)', async () => {
    // #13 in the sample is parked. The dialog once restated the stage rules and offered only "reopen".
    const { page } = await open(leader.name);
    await page.goto(url('/ideas/13'));
    await page.getByRole('button', { name: 'Decide…' }).click();
    const dialog = page.getByRole('dialog', { name: /Decide on #13/ });
    const offered: string[] = [];
    for (const radio of await dialog.locator('input[name="outcome"]').all())
      offered.push((await radio.getAttribute('value')) ?? '');
    assert.deepEqual(offered.sort(), ['kill', 'reopen']);
    await dialog.getByRole('radio', { name: 'Kill: stop for good' }).check();
    await dialog
      .getByLabel('Rationale')
      .fill('At the review: shippers use the web portal on their phones; no app needed.');
    await dialog.getByRole('radio', { name: /No, hard to reverse/ }).check();
    await giveOverrideReason(dialog);
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision recorded: #13 is now in Killed.').waitFor();
    const idea = await server.api<Idea>('GET', `/workspaces/${WS}/ideas/13`);
    assert.equal(idea.stage, 'killed');
  });

  test('no page threw an uncaught error', () => {
    assert.deepEqual(pageErrors.flat(), []);
  });
});
