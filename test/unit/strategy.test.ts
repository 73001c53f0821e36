import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { buildDocument } from '../../src/domain/documents/index.ts';
import { buildRoadmap, type RoadmapIdea } from '../../src/domain/roadmap.ts';
import { ROADMAP_COLUMNS, roadmapColumnOf, STAGE_IDS } from '../../src/methodology/index.ts';
import type { Opportunity } from '../../src/schema/index.ts';
import { GENERATED_AT } from '../fixtures/documents.ts';

const idea = (number: number, stage: RoadmapIdea['stage'], extra: Partial<RoadmapIdea> = {}): RoadmapIdea => ({
  number,
  title: `Idea ${number}`,
  stage,
  createdOn: `2026-01-0${number % 9 || 1}`,
  score: null,
  decisions: [],
  objectives: [],
  ...extra,
});

describe('roadmap: Now / Next / Later from stages and decisions', () => {
  it('maps each stage to at most one column, and launched and killed ideas to none', () => {
    for (const stage of STAGE_IDS)
      assert.ok(ROADMAP_COLUMNS.filter((c) => c.stages.includes(stage)).length <= 1, stage);
    assert.deepEqual(Object.fromEntries(STAGE_IDS.map((s) => [s, roadmapColumnOf(s)])), {
      discovery: 'later',
      validation: 'next',
      realization: 'now',
      launched: null,
      parked: 'later',
      killed: null,
    });
  });

  it('dates an idea by the last decision into its stage, and a parked one carries its review date', () => {
    const r = buildRoadmap('Acme', 'Invoices paid on time', [
      idea(1, 'realization', {
        decisions: [
          { toStage: 'validation', on: '2026-02-01', reviewOn: null },
          { toStage: 'realization', on: '2026-03-15', reviewOn: null },
        ],
      }),
      idea(2, 'parked', { decisions: [{ toStage: 'parked', on: '2026-04-01', reviewOn: '2026-10-01' }] }),
      idea(3, 'discovery'),
      idea(4, 'launched'),
      idea(5, 'killed'),
    ]);
    assert.equal(r.northStar, 'Invoices paid on time');
    const [now, next, later] = r.columns;
    assert.deepEqual(
      now!.items.map((i) => [i.number, i.since, i.reviewOn]),
      [[1, '2026-03-15', null]],
    );
    assert.deepEqual(next!.items, []);
    assert.deepEqual(
      later!.items.map((i) => [i.number, i.since, i.reviewOn]),
      [
        [2, '2026-04-01', '2026-10-01'],
        [3, '2026-01-03', null],
      ],
    );
  });

  it('puts the best scored first, unscored last, and counts what it leaves out', () => {
    const r = buildRoadmap(
      'Acme',
      '',
      [
        idea(1, 'validation', { score: null }),
        idea(2, 'validation', { score: 2.5 }),
        idea(3, 'validation', { score: 4.1 }),
        idea(4, 'validation', { score: 2.5 }),
      ],
      { perColumn: 3 },
    );
    const next = r.columns.find((c) => c.id === 'next')!;
    assert.deepEqual(
      next.items.map((i) => i.number),
      [3, 2, 4],
    );
    assert.equal(next.more, 1);
    // Given only the first ideas of a column and its total, it counts the rest it was not given.
    const partial = buildRoadmap('Acme', '', [idea(1, 'realization')], { totals: { now: 250 } });
    assert.equal(partial.columns[0]!.more, 249);
  });
});

describe('PRD: the objectives an idea serves answer "which measurable goal"', () => {
  const opportunity: Opportunity = {
    idea: { title: 'Payment links in reminders', stage: 'validation', objectives: ['Get paid faster'] },
    strategy: {
      northStar: 'Invoices paid on time per week',
      objectives: [
        { title: 'Get paid faster', keyMetric: 'Median days to payment', target: 'under 14 days', owner: 'Ada Byron' },
        { title: 'Win Nordic clinics', keyMetric: 'Clinics live', owner: 'Lena Leader' },
      ],
    },
  };
  const goals = (o: Opportunity) =>
    buildDocument('prd', { opportunity: o, dimensions: defaultDimensions(), generatedAt: GENERATED_AT }).sections.find(
      (s) => s.id === 'goals',
    )!;

  it('lists the objective with its key metric, target, owner and the North Star, and asks no goal question', () => {
    const s = goals(opportunity);
    const list = s.blocks.find((b) => b.type === 'list');
    assert.ok(list && list.type === 'list');
    assert.deepEqual(list.items[0], {
      label: 'Objective',
      text: 'Get paid faster: Median days to payment, target under 14 days (owned by Ada Byron); moves the North Star, Invoices paid on time per week',
    });
    assert.ok(!s.blocks.some((b) => b.type === 'missing' && b.what === 'the goal'));
  });

  it('still asks the question when the idea serves no objective', () => {
    const s = goals({ ...opportunity, idea: { ...opportunity.idea, objectives: [] } });
    assert.ok(
      s.blocks.some((b) => b.type === 'missing' && b.questions.includes('Which measurable goal does this serve?')),
    );
  });
});
