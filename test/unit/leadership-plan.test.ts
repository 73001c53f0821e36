import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addProgressNote,
  type CycleSummary,
  checkIn,
  developmentPlan,
  ladderStanding,
  summariseCycle,
  type TraitRating,
  traitTrends,
  validateLadder,
  weakestTrait,
} from '../../src/domain/leadership/index.ts';
import {
  type CareerLadder,
  LEARNING_CARDS,
  PERSON_STAGE_IDS,
  PLAN_MAX_GOALS,
  PLAN_MIN_GOALS,
  SAMPLE_LADDER,
  STRETCH_EXPERIENCES,
  TRAIT_IDS,
  TRAITS,
  type TraitId,
} from '../../src/methodology/index.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const ME = 'me';
const peers = (trait: TraitId, scores: number[], prefix = 'p'): TraitRating[] =>
  scores.map((score, i) => ({ raterId: `${prefix}${i}`, group: 'peer', trait, score }));
const self = (trait: TraitId, score: number): TraitRating => ({ raterId: ME, group: 'self', trait, score });
const summarise = (ratings: TraitRating[]): CycleSummary => {
  const r = summariseCycle({ subjectId: ME, ratings });
  assert.ok(r.ok);
  return r.value;
};
const plan = (ratings: TraitRating[], stage: 'early' | 'mid' | 'senior', idea?: string) => {
  const r = developmentPlan({ weakest: weakestTrait(summarise(ratings)), stage, now: NOW, idea });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.value;
};

describe('leadership plans, trends and ladders', () => {
  describe('development plan', () => {
    const oneWeak = [...peers('commercial-acumen', [2, 2, 3]), ...peers('ability-to-execute', [4, 4, 4])];

    it('gives two goals for a single weakest trait, one level up, with a check-in six weeks on', () => {
      const p = plan(oneWeak, 'mid');
      assert.equal(p.goals.length, 2);
      assert.ok(p.goals.every((g) => g.trait === 'commercial-acumen'));
      assert.equal(p.goals[0]!.from, 2.33);
      assert.equal(p.goals[0]!.target, 3);
      assert.equal(p.goals[0]!.targetBehaviour, TRAITS.find((t) => t.id === 'commercial-acumen')!.anchors[2]);
      assert.equal(p.createdOn, '2026-11-15');
      assert.equal(p.checkInOn, '2026-12-27');
      assert.equal(p.basis, 'others');
      assert.deepEqual(p.notes, []);
    });

    it('adds a third goal when the next weakest trait is within the margin', () => {
      const p = plan([...peers('commercial-acumen', [2, 2, 2]), ...peers('ability-to-execute', [2, 3, 2])], 'early');
      assert.equal(p.goals.length, 3);
      assert.deepEqual(
        p.goals.map((g) => g.trait),
        ['commercial-acumen', 'commercial-acumen', 'ability-to-execute'],
      );
      assert.match(p.explanation, /Commercial Acumen and Ability to Execute/);
    });

    it('draws stretch experiences for the person’s stage, Vetted’s own work first', () => {
      for (const stage of PERSON_STAGE_IDS) {
        const p = plan(oneWeak, stage);
        assert.ok(p.goals.length >= PLAN_MIN_GOALS && p.goals.length <= PLAN_MAX_GOALS);
        for (const g of p.goals) {
          const s = STRETCH_EXPERIENCES.find((x) => x.id === g.stretchId)!;
          assert.ok(s.stages.includes(stage), `${g.stretchId} at ${stage}`);
          assert.equal(s.trait, g.trait);
        }
        assert.equal(p.goals[0]!.inVetted, true);
      }
      const early = plan(oneWeak, 'early').goals.map((g) => g.stretchId);
      const senior = plan(oneWeak, 'senior').goals.map((g) => g.stretchId);
      assert.notDeepEqual(early, senior);
    });

    it('fills the idea into a stretch experience, or says which idea in general', () => {
      const weak = [...peers('entrepreneurial-thinking', [1, 1, 1])];
      const withIdea = plan(weak, 'early', 'idea #14');
      assert.ok(
        withIdea.goals.some(
          (g) => g.stretch === 'Write the kill criteria for idea #14: what would have to be true for you to stop it.',
        ),
      );
      const without = plan(weak, 'early');
      assert.ok(without.goals.every((g) => !g.stretch.includes('{idea}')));
      assert.ok(without.goals.some((g) => g.stretch.includes('the next idea you own')));
    });

    it('suggests the learning cards for the weakest trait at the stage, and the stage’s focus', () => {
      const p = plan(oneWeak, 'senior');
      assert.ok(p.cards.length > 0);
      for (const c of p.cards) {
        const card = LEARNING_CARDS.find((x) => x.id === c.id)!;
        assert.ok(card.traits.includes('commercial-acumen'));
        assert.ok(card.stages.includes('senior') || card.stages.includes('always'));
      }
      assert.deepEqual(p.stageFocus, [
        'vision-setting',
        'organisational influence',
        'portfolio management',
        'culture building',
        'communication',
        'empathy',
        'analytical thinking',
        'learning agility',
      ]);
    });

    it('suggests a card for the weakest trait at every stage', () => {
      for (const t of TRAIT_IDS) {
        for (const stage of PERSON_STAGE_IDS) {
          assert.ok(plan(peers(t, [1, 1, 1]), stage).cards.length > 0, `${t} at ${stage}`);
        }
      }
    });

    it('works from the self assessment before any 360, and caps the target at 5', () => {
      const p = plan(
        TRAIT_IDS.map((t) => self(t, 5)),
        'mid',
      );
      assert.equal(p.basis, 'self');
      assert.equal(p.goals[0]!.target, 5);
      assert.equal(p.goals.length, 3);
    });

    it('refuses a plan with nothing rated, for the `always` stage, or with a bad check-in', () => {
      const empty = weakestTrait(summarise([]));
      assert.equal(developmentPlan({ weakest: empty, stage: 'mid', now: NOW }).ok, false);
      const w = weakestTrait(summarise(oneWeak));
      assert.equal(developmentPlan({ weakest: w, stage: 'always' as 'mid', now: NOW }).ok, false);
      assert.equal(developmentPlan({ weakest: w, stage: 'mid', now: NOW, checkInDays: 0 }).ok, false);
      const custom = developmentPlan({ weakest: w, stage: 'mid', now: NOW, checkInDays: 14 });
      assert.ok(custom.ok);
      assert.equal(custom.value.checkInOn, '2026-11-29');
    });

    it('keeps progress notes and moves the check-in, without changing the plan in place', () => {
      const p = plan(oneWeak, 'mid');
      assert.equal(addProgressNote(p, '   ', NOW).ok, false);
      const later = new Date('2026-12-27T09:00:00Z');
      const checked = checkIn(p, ' Ran the pricing experiment. ', later);
      assert.ok(checked.ok);
      assert.deepEqual(checked.value.notes, [{ on: '2026-12-27', text: 'Ran the pricing experiment.' }]);
      assert.equal(checked.value.checkInOn, '2027-02-07');
      assert.deepEqual(p.notes, []);
    });
  });

  describe('trend over cycles', () => {
    it('orders cycles by date and compares the last two with a figure', () => {
      const c1 = summarise([...peers('ability-to-execute', [2, 2, 2]), self('ability-to-execute', 4)]);
      const c2 = summarise([...peers('ability-to-execute', [3, 3, 2]), self('ability-to-execute', 4)]);
      const c3 = summarise([...peers('ability-to-execute', [4, 4], 'q'), self('ability-to-execute', 3)]);
      const trends = traitTrends([
        { cycleId: 'c3', on: '2027-05-01', summary: c3 },
        { cycleId: 'c1', on: '2026-05-01', summary: c1 },
        { cycleId: 'c2', on: '2026-11-01', summary: c2 },
      ]);
      const t = trends.find((x) => x.trait === 'ability-to-execute')!;
      assert.deepEqual(
        t.points.map((p) => [p.cycleId, p.others, p.self]),
        [
          ['c1', 2, 4],
          ['c2', 2.67, 4],
          ['c3', null, 3],
        ],
      );
      assert.deepEqual(t.others, { from: 2, to: 2.67, delta: 0.67, direction: 'up' });
      assert.deepEqual(t.self, { from: 4, to: 3, delta: -1, direction: 'down' });
      assert.equal(trends.length, 9);
    });

    it('calls a small change steady, and has no change with fewer than two figures', () => {
      const a = summarise(peers('innovation-mindset', [3, 3, 3]));
      const b = summarise(peers('innovation-mindset', [3, 3, 4]));
      const t = traitTrends([
        { cycleId: 'a', on: '2026-01-01', summary: a },
        { cycleId: 'b', on: '2026-06-01', summary: b },
      ]).find((x) => x.trait === 'innovation-mindset')!;
      assert.equal(t.others!.direction, 'up'); // 0.33 ≥ 0.25
      const against = (scores: number[]) =>
        traitTrends([
          { cycleId: 'a', on: '2026-01-01', summary: a },
          { cycleId: 'x', on: '2026-06-01', summary: summarise(peers('innovation-mindset', scores)) },
        ]).find((x) => x.trait === 'innovation-mindset')!.others!;
      assert.deepEqual(against([3, 3, 3, 4]), { from: 3, to: 3.25, delta: 0.25, direction: 'up' });
      assert.deepEqual(against([3, 3, 3, 3, 4]), { from: 3, to: 3.2, delta: 0.2, direction: 'steady' });
      assert.equal(against([3, 3, 2, 3, 3]).direction, 'steady');
      assert.equal(traitTrends([{ cycleId: 'a', on: '2026-01-01', summary: a }])[1]!.others, null);
    });
  });

  describe('career ladder', () => {
    it('accepts the sample ladder', () => {
      assert.ok(validateLadder(SAMPLE_LADDER).ok);
    });

    it('refuses a ladder that is empty, repeats a level, misses or invents a trait, leaves 1-5 or falls', () => {
      const base = SAMPLE_LADDER.levels[0]!;
      const bad: CareerLadder[] = [
        { ...SAMPLE_LADDER, levels: [] },
        { ...SAMPLE_LADDER, levels: [base, base] },
        { ...SAMPLE_LADDER, levels: [{ ...base, expected: { ...base.expected, 'commercial-acumen': 6 } }] },
        { ...SAMPLE_LADDER, levels: [{ ...base, expected: { ...base.expected, 'commercial-acumen': 2.5 } }] },
        { ...SAMPLE_LADDER, levels: [{ ...base, expected: { ...base.expected, nonsense: 3 } as never }] },
        (() => {
          const { 'commercial-acumen': _, ...rest } = base.expected;
          return { ...SAMPLE_LADDER, levels: [{ ...base, expected: rest as never }] };
        })(),
        { ...SAMPLE_LADDER, levels: [SAMPLE_LADDER.levels[1]!, base] },
      ];
      for (const l of bad) assert.equal(validateLadder(l).ok, false);
    });

    it('says where a person stands on a level: gaps per trait, largest first, on others or self', () => {
      const s = summarise([
        ...peers('product-user-sense', [2, 2, 2]),
        self('product-user-sense', 5),
        self('commercial-acumen', 1),
        ...peers('data-driven-judgment', [4, 4, 5]),
      ]);
      const r = ladderStanding(SAMPLE_LADDER, 'senior-pm', s);
      assert.ok(r.ok);
      const by = Object.fromEntries(r.value.traits.map((t) => [t.trait, t]));
      assert.deepEqual(
        { ...by['product-user-sense'] },
        {
          trait: 'product-user-sense',
          name: 'Product & User Sense',
          expected: 4,
          actual: 2,
          basis: 'others',
          gap: -2,
          meets: false,
        },
      );
      assert.equal(by['commercial-acumen']!.basis, 'self');
      assert.equal(by['commercial-acumen']!.gap, -2);
      assert.equal(by['data-driven-judgment']!.meets, true);
      assert.equal(r.value.meets, 1);
      assert.deepEqual(
        r.value.below.map((t) => t.trait),
        ['product-user-sense', 'commercial-acumen'],
      );
      assert.equal(r.value.unrated.length, 6);
      assert.equal(ladderStanding(SAMPLE_LADDER, 'cto', s).ok, false);
    });
  });
});
