import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { buildDocument } from '../../src/domain/documents/index.ts';
import { mvpProblems, mvpProgress, mvpReadout, readStories, releasePlan, storySentence } from '../../src/domain/mvp.ts';
import { storiesCsv } from '../../src/domain/mvp-csv.ts';
import { MVP_STEPS, storyPriority } from '../../src/methodology/index.ts';
import type { MvpData } from '../../src/schema/index.ts';
import { MVP } from '../fixtures/mvp.ts';

const LINKS = {
  framed: true,
  competitors: 1,
  sized: true,
  successMetrics: ['Invoices paid on time'],
  assumptions: ['A1'],
};

describe('MVP definition: the seven steps', () => {
  it('are methodology data, numbered 1 to 7 in order, each with an output and prompts', () => {
    assert.deepEqual(
      MVP_STEPS.map((s) => s.number),
      [1, 2, 3, 4, 5, 6, 7],
    );
    for (const s of MVP_STEPS) assert.ok(s.output && s.prompts.length, s.id);
  });

  it('shows every step open with what it lacks when nothing is entered, and none depends on another', () => {
    const empty = mvpProgress(null, {
      framed: false,
      competitors: 0,
      sized: false,
      successMetrics: [],
      assumptions: [],
    });
    assert.ok(empty.every((s) => !s.done && s.missing.length));
    // Step 7 alone, with nothing before it, is done: no step is required to start (or finish) the next.
    const onlyLast = mvpProgress({ metrics: MVP.metrics }, LINKS);
    assert.deepEqual(
      onlyLast.filter((s) => s.done).map((s) => s.id),
      ['success'],
    );
  });

  it('reads the complete definition as seven steps done', () => {
    const r = mvpReadout(MVP, LINKS);
    assert.equal(r.done, 7, JSON.stringify(r.steps));
    assert.equal(r.headline, 'Clinic invoices paid on time');
  });

  it('names exactly what step 6 still lacks', () => {
    const stories = MVP.stories!.map((s, i) =>
      i === 0 ? { ...s, acceptance: undefined } : i === 2 ? { ...s, moscow: undefined, cost: undefined } : s,
    );
    const step = mvpProgress({ ...MVP, stories, outOfScope: [] }, LINKS).find((s) => s.id === 'mvp')!;
    assert.deepEqual(step.missing, [
      'scores for 1 story',
      'the cut for 1 story',
      'acceptance criteria for 1 MVP story',
      'the out-of-scope list',
    ]);
  });

  it('names a link broken after it was saved: an assumption removed, a success metric renamed', () => {
    const steps = mvpProgress(MVP, { ...LINKS, assumptions: [], successMetrics: ['Invoices paid within 30 days'] });
    assert.deepEqual(steps.find((s) => s.id === 'mvp')!.missing, ['S1 tests A1, which the idea no longer has']);
    assert.deepEqual(steps.find((s) => s.id === 'success')!.missing, [
      "a tie to the idea's success metric",
      '"Invoices paid within 14 days" feeds "Invoices paid on time", which is no longer a success metric of the idea',
    ]);
  });

  it('asks for success criteria per user class', () => {
    const users = mvpProgress({ userClasses: [{ ref: 'U1', name: 'nurses' }] }, LINKS).find((s) => s.id === 'users')!;
    assert.deepEqual(users.missing, ['success criteria for nurses']);
  });
});

describe('MVP definition: stories', () => {
  it('writes the user-story sentence from the user class', () => {
    assert.equal(
      storySentence({ iWant: 'to pay from the reminder.', soThat: 'I need not call' }, 'a patient'),
      'As a patient, I want to pay from the reminder, so that I need not call.',
    );
  });

  it('sorts by value × importance × feasibility ÷ cost, unscored last, ties in the order written', () => {
    assert.equal(storyPriority({ value: 5, importance: 5, feasibility: 4, cost: 2 }), 50);
    assert.equal(storyPriority({ value: 1, importance: 1, feasibility: 1, cost: 5 }), 0.2);
    const stories = [
      { ref: 'S1', userClass: 'U1', iWant: 'a', soThat: 'b' },
      { ref: 'S2', userClass: 'U1', iWant: 'a', soThat: 'b', value: 2, importance: 2, cost: 2, feasibility: 2 },
      { ref: 'S3', userClass: 'U1', iWant: 'a', soThat: 'b', value: 3, importance: 3, cost: 3, feasibility: 3 },
      { ref: 'S4', userClass: 'U1', iWant: 'a', soThat: 'b', value: 4, importance: 1, cost: 2, feasibility: 1 },
    ];
    assert.deepEqual(
      readStories({ stories }).map((s) => [s.ref, s.priority]),
      [
        ['S3', 9],
        ['S2', 4],
        ['S4', 2],
        ['S1', null],
      ],
    );
  });

  it('reports every link that does not resolve, at once', () => {
    const problems = mvpProblems(
      {
        userClasses: [
          { ref: 'U1', name: 'a' },
          { ref: 'U1', name: 'b' },
        ],
        stories: [{ ref: 'S1', userClass: 'U2', iWant: 'x', soThat: 'y', tests: 'A9' }],
        metrics: [{ metric: 'm', threshold: 1, successMetric: 'nope' }],
      },
      new Set(['A1']),
      ['Invoices paid on time'],
    );
    assert.deepEqual(
      problems.map((p) => p.path),
      ['/mvp/userClasses/1/ref', '/mvp/stories/0/userClass', '/mvp/stories/0/tests', '/mvp/metrics/0/successMetric'],
    );
    assert.deepEqual(mvpProblems(MVP, new Set(['A1']), ['Invoices paid on time']), []);
  });

  it('plans releases from the MoSCoW cut, in the order must, should, could, won’t', () => {
    assert.deepEqual(
      releasePlan(MVP).map((r) => [r.cut, r.stories.map((s) => s.ref)]),
      [
        ['must', ['S1', 'S2']],
        ['could', ['S3']],
        ['wont', ['S4']],
      ],
    );
  });
});

describe('MVP definition: stories as CSV', () => {
  it("writes Jira's importer columns: Summary, Issue Type, Description, Priority, a Labels column per label", () => {
    const csv = storiesCsv(MVP, 'jira');
    assert.ok(csv.endsWith('\r\n'));
    const rows: string[][] = parse(csv);
    assert.deepEqual(rows[0], ['Summary', 'Issue Type', 'Description', 'Priority', 'Labels', 'Labels']);
    assert.equal(rows.length, 5);
    const [summary, type, description, priority, cut, userClass] = rows[1]!;
    assert.equal(
      summary,
      'As a clinic manager, I want overdue invoices reminded automatically, so that I stop phoning patients.',
    );
    assert.equal(type, 'Story');
    assert.match(description!, /Acceptance criteria:\n- A reminder goes out the day after the due date\n- No reminder/);
    assert.match(description!, /Tests assumption A1\./);
    assert.equal(priority, 'High');
    assert.equal(cut, 'must-have', 'a Jira label holds no space');
    assert.equal(userClass, 'a-clinic-manager');
    assert.deepEqual(
      rows.slice(1).map((r) => r[3]),
      ['High', 'High', 'Low', 'Lowest'],
    );
  });

  it("writes Linear's importer columns: Title, Description, Priority, Status, Labels separated by a comma and space", () => {
    const rows: string[][] = parse(storiesCsv(MVP, 'linear', true));
    assert.deepEqual(rows[0], ['Title', 'Description', 'Priority', 'Status', 'Labels']);
    assert.equal(rows.length, 3, 'only the must-have stories');
    assert.deepEqual(rows[1]!.slice(2), ['High', 'Backlog', 'must-have, a-clinic-manager']);
  });

  it('quotes commas and quotes, and writes labels a spreadsheet cannot read as a formula', () => {
    const csv = storiesCsv(
      {
        userClasses: [{ ref: 'U1', name: 'ops, "night" shift' }],
        stories: [{ ref: 'S1', userClass: 'U1', iWant: '=HYPERLINK("x")', soThat: 'y' }],
      },
      'jira',
    );
    const rows: string[][] = parse(csv);
    assert.equal(rows[1]![0], 'As ops, "night" shift, I want =HYPERLINK("x"), so that y.');
    assert.equal(rows[1]![3], '', 'no cut, no priority');
    assert.equal(rows[1]![5], 'ops-night-shift');
    // Every cell starts with "As …", a cut or a label made of letters and digits: none can start a formula.
    const odd: string[][] = parse(
      storiesCsv(
        {
          userClasses: [{ ref: 'U1', name: '=cmd|@admin' }],
          stories: [{ ref: 'S1', userClass: 'U1', iWant: 'x', soThat: 'y' }],
        },
        'jira',
      ),
    );
    assert.equal(odd[1]![5], 'cmd-admin');
    const header: string[][] = parse(storiesCsv({ stories: [] }, 'linear'));
    assert.equal(header.length, 1, 'the header only when there are no stories');
    const orphan: string[][] = parse(
      storiesCsv({ stories: [{ ref: 'S1', userClass: 'U1', iWant: 'x', soThat: 'y' }] }, 'linear'),
    );
    assert.deepEqual(orphan[1]!.slice(2), ['No priority', 'Backlog', '']);
    assert.match(orphan[1]![0]!, /^As a user,/);
  });
});

describe('MVP definition: the documents that read it', () => {
  const input = (mvp?: MvpData) => ({
    opportunity: {
      idea: { title: 'Invoice reminders for small clinics, sent by e-mail and SMS' },
      ...(mvp ? { mvp } : {}),
    },
    dimensions: defaultDimensions(),
    generatedAt: new Date('2026-11-27T12:00:00Z'),
  });
  const missingIn = (kind: 'prd' | 'pitch-deck', mvp?: MvpData) =>
    buildDocument(kind, input(mvp)).sections.flatMap((s) =>
      s.blocks.filter((b) => b.type === 'missing').map((b) => `${s.id}: ${(b as { what: string }).what}`),
    );

  it('title every document with the stated headline, else the one derived from the title', () => {
    for (const kind of ['prd', 'one-pager', 'pitch-deck'] as const) {
      assert.equal(buildDocument(kind, input(MVP)).title, 'Clinic invoices paid on time', kind);
      assert.equal(
        buildDocument(kind, input()).title,
        'Invoice reminders for small clinics, sent by e-mail and SMS',
        kind,
      );
    }
  });

  it("fill the PRD's happy path, features, non-goals and release plan, which are Missing without it", () => {
    const without = missingIn('prd');
    for (const gap of [
      'happy-path: the steps of the happy path',
      'mvp-features: the MVP features, by priority, and their acceptance criteria',
      'goals: non-goals',
      'roadmap: the MVP release plan',
    ])
      assert.ok(without.includes(gap), gap);
    const withMvp = missingIn('prd', MVP);
    for (const id of ['happy-path', 'mvp-features', 'roadmap'])
      assert.ok(!withMvp.some((m) => m.startsWith(`${id}:`)), id);
    assert.ok(!withMvp.includes('goals: non-goals'));
    const prd = buildDocument('prd', input(MVP));
    const features = prd.sections.find((s) => s.id === 'mvp-features')!.blocks[0]!;
    assert.equal(features.type, 'table');
    assert.deepEqual(
      (features as { rows: string[][] }).rows.map((r) => r[0]),
      ['Must have', 'Must have', 'Could have'],
      "by cut, then priority; won't-have stories go to the non-goals",
    );
  });

  it('name an unfinished cut instead of hiding it', () => {
    const stories = MVP.stories!.map((s, i) => (i === 2 ? { ...s, moscow: undefined } : s));
    assert.ok(missingIn('prd', { ...MVP, stories }).includes('mvp-features: the cut for S3'));
  });

  it("fill the pitch deck's roadmap slide from the cut", () => {
    assert.ok(missingIn('pitch-deck').includes('roadmap: the MVP release plan'));
    const slide = buildDocument('pitch-deck', input(MVP)).sections.find((s) => s.id === 'roadmap')!;
    assert.equal(slide.empty, false);
    assert.match(JSON.stringify(slide.blocks), /MVP release.*overdue invoices reminded automatically/);
  });
});
