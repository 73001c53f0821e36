import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CycleInput,
  type CycleSummary,
  developmentPlan,
  selfOthersGaps,
  summariseCycle,
  type TraitRating,
  weakestTrait,
  withheldMessage,
} from '../../src/domain/leadership/index.ts';
import { MIN_RATERS_PER_GROUP, type RaterGroupId, TRAIT_IDS, type TraitId } from '../../src/methodology/index.ts';

const ME = 'me';
/** `n` raters of a group, each rating `trait` with `score`, with a distinctive example each. */
const raters = (group: RaterGroupId, n: number, trait: TraitId, score: number, prefix: string = group): TraitRating[] =>
  Array.from({ length: n }, (_, i) => ({
    raterId: `${prefix}-${i}`,
    group,
    trait,
    score,
    example: `SECRET ${prefix} ${i} on ${trait}`,
  }));
const self = (trait: TraitId, score: number, example?: string): TraitRating => ({
  raterId: ME,
  group: 'self',
  trait,
  score,
  example,
});
const summarise = (input: Partial<CycleInput>): CycleSummary => {
  const r = summariseCycle({ subjectId: ME, ratings: [], ...input });
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r.value;
};
const trait = (s: CycleSummary, id: TraitId) => s.traits.find((t) => t.trait === id)!;
const group = (s: CycleSummary, id: TraitId, g: RaterGroupId) => trait(s, id).groups.find((x) => x.group === g)!;

describe('leadership 360', () => {
  describe('thresholds', () => {
    it('shows a group of three as an unattributed aggregate with sorted examples', () => {
      const ratings = [
        { raterId: 'p-a', group: 'peer', trait: 'innovation-mindset', score: 2, example: 'zeta' },
        { raterId: 'p-b', group: 'peer', trait: 'innovation-mindset', score: 4, example: 'alpha' },
        { raterId: 'p-c', group: 'peer', trait: 'innovation-mindset', score: 3, example: '  ' },
      ] satisfies TraitRating[];
      const g = group(summarise({ ratings }), 'innovation-mindset', 'peer');
      assert.deepEqual(g, {
        group: 'peer',
        shown: true,
        attributed: false,
        raters: 3,
        mean: 3,
        min: 2,
        max: 4,
        examples: ['alpha', 'zeta'],
      });
    });

    it('never lets a group of two leak a figure, an example or a count', () => {
      const two = summarise({ ratings: raters('peer', 2, 'commercial-acumen', 1) });
      const none = summarise({ ratings: [] });
      const one = summarise({ ratings: raters('peer', 1, 'commercial-acumen', 5) });
      // Indistinguishable from nobody having answered, or one person.
      assert.deepEqual(two, none);
      assert.deepEqual(one, none);
      const json = JSON.stringify(two);
      assert.doesNotMatch(json, /SECRET/);
      assert.doesNotMatch(json, /peer-0|peer-1/);
      const g = group(two, 'commercial-acumen', 'peer');
      assert.deepEqual(Object.keys(g).sort(), ['group', 'message', 'shown']);
      assert.equal(g.shown, false);
      assert.match(g.shown ? '' : g.message, new RegExp(`at least ${MIN_RATERS_PER_GROUP}`));
      assert.doesNotMatch(g.shown ? '' : g.message, /\b[12]\b/);
      assert.equal(trait(two, 'commercial-acumen').othersMean, null);
      assert.equal(trait(two, 'commercial-acumen').othersRatings, 0);
    });

    it('keeps a group of two out of others’ mean, the evidence count and every insight', () => {
      const base = [...raters('report', 3, 'commercial-acumen', 4), self('commercial-acumen', 4)];
      const withTwo = summarise({ ratings: [...base, ...raters('peer', 2, 'commercial-acumen', 1)] });
      const without = summarise({ ratings: base });
      assert.deepEqual(withTwo, without);
      assert.equal(trait(withTwo, 'commercial-acumen').othersMean, 4);
      assert.deepEqual(selfOthersGaps(withTwo), selfOthersGaps(without));
      assert.deepEqual(weakestTrait(withTwo), weakestTrait(without));
    });

    it('applies the threshold per trait: three raters who did not all rate a trait show nothing for it', () => {
      const ratings = [...raters('peer', 3, 'ability-to-execute', 3), ...raters('peer', 2, 'commercial-acumen', 2)];
      const s = summarise({ ratings });
      assert.equal(group(s, 'ability-to-execute', 'peer').shown, true);
      assert.equal(group(s, 'commercial-acumen', 'peer').shown, false);
    });

    it('says in one fixed sentence per group why it is withheld', () => {
      assert.equal(withheldMessage('peer'), 'Withheld: peers are shown only when at least 3 of them rated this trait.');
      assert.equal(
        withheldMessage('cross-functional'),
        'Withheld: cross-functional partners are shown only when at least 3 of them rated this trait.',
      );
      assert.match(withheldMessage('manager'), /^Withheld: a manager's rating is shown only with their consent/);
    });

    it('lists all four other groups for every trait, shown or not', () => {
      const s = summarise({});
      for (const t of s.traits) {
        assert.deepEqual(
          t.groups.map((g) => g.group),
          ['manager', 'peer', 'report', 'cross-functional'],
        );
      }
      assert.equal(s.traits.length, 9);
    });

    it('shows the manager’s rating as the manager’s only with consent', () => {
      const ratings = raters('manager', 1, 'product-user-sense', 2, 'boss');
      const without = summarise({ ratings });
      assert.deepEqual(without, summarise({}));
      const withConsent = summarise({ ratings, managerConsents: ['boss-0'] });
      const g = group(withConsent, 'product-user-sense', 'manager');
      assert.ok(g.shown);
      assert.equal(g.attributed, true);
      assert.equal(g.mean, 2);
      assert.deepEqual(g.examples, ['SECRET boss 0 on product-user-sense']);
      assert.equal(trait(withConsent, 'product-user-sense').othersMean, 2);
    });

    it('shows only consenting managers when there are fewer than three, and says the same when none consent', () => {
      const ratings = [
        ...raters('manager', 1, 'product-user-sense', 2, 'a'),
        ...raters('manager', 1, 'product-user-sense', 5, 'b'),
      ];
      const s = summarise({ ratings, managerConsents: ['a-0'] });
      const g = group(s, 'product-user-sense', 'manager');
      assert.ok(g.shown);
      assert.equal(g.raters, 1);
      assert.equal(g.mean, 2);
      assert.doesNotMatch(JSON.stringify(s), /SECRET b/);
      const none = group(summarise({ ratings }), 'product-user-sense', 'manager');
      assert.deepEqual(none, { group: 'manager', shown: false, message: withheldMessage('manager') });
    });

    it('refuses malformed ratings', () => {
      const bad: TraitRating[][] = [
        [{ raterId: 'x', group: 'peer', trait: 'nonsense' as TraitId, score: 3 }],
        [{ raterId: 'x', group: 'peer', trait: 'commercial-acumen', score: 6 }],
        [{ raterId: 'x', group: 'peer', trait: 'commercial-acumen', score: 2.5 }],
        [{ raterId: 'x', group: 'self', trait: 'commercial-acumen', score: 3 }],
        [{ raterId: ME, group: 'peer', trait: 'commercial-acumen', score: 3 }],
        [
          { raterId: 'x', group: 'peer', trait: 'commercial-acumen', score: 3 },
          { raterId: 'x', group: 'peer', trait: 'commercial-acumen', score: 4 },
        ],
        [
          { raterId: 'x', group: 'peer', trait: 'commercial-acumen', score: 3 },
          { raterId: 'x', group: 'report', trait: 'innovation-mindset', score: 4 },
        ],
      ];
      for (const ratings of bad) assert.equal(summariseCycle({ subjectId: ME, ratings }).ok, false);
    });
  });

  describe('the issue’s cycle: five raters, two peers and three reports', () => {
    const ratings: TraitRating[] = [
      ...TRAIT_IDS.map((t, i) => self(t, 3 + (i % 2), `self on ${t}`)),
      ...TRAIT_IDS.flatMap((t) => raters('peer', 2, t, 1)),
      ...TRAIT_IDS.flatMap((t, i) => raters('report', 3, t, i === 6 ? 2 : 4)),
    ];
    const s = summarise({ ratings });

    it('shows the reports and nothing of the peers, anywhere in the summary', () => {
      for (const t of s.traits) {
        assert.equal(t.groups.find((g) => g.group === 'peer')!.shown, false);
        assert.equal(t.groups.find((g) => g.group === 'report')!.shown, true);
        assert.equal(t.othersRatings, 3);
      }
      const json = JSON.stringify(s);
      assert.doesNotMatch(json, /SECRET peer/);
      assert.match(json, /SECRET report/);
      assert.doesNotMatch(json, /"raterId"/);
    });

    it('takes the weakest trait and the gaps from the reports alone', () => {
      const w = weakestTrait(s);
      assert.equal(w.basis, 'others');
      assert.equal(w.weakest!.trait, 'ability-to-execute');
      assert.equal(w.weakest!.mean, 2);
      const g = selfOthersGaps(s);
      // Self is 3 at even positions and 4 at odd ones; reports say 4, except 2 on Ability to Execute (self 3).
      assert.deepEqual(
        g.hiddenStrengths.map((x) => x.trait),
        ['product-user-sense', 'entrepreneurial-thinking', 'commercial-acumen', 'product-leadership-style'],
      );
      assert.deepEqual(
        g.blindSpots.map((x) => x.trait),
        ['ability-to-execute'],
      );
    });
    it('ends in a plan for the weakest trait', () => {
      const p = developmentPlan({ weakest: weakestTrait(s), stage: 'mid', now: new Date('2026-11-15T12:00:00Z') });
      assert.ok(p.ok);
      assert.equal(p.value.goals.length, 2);
      assert.ok(p.value.goals.every((g) => g.trait === 'ability-to-execute' && g.target === 3));
      assert.doesNotMatch(JSON.stringify(p.value), /SECRET/);
    });
  });

  describe('blind spots and hidden strengths', () => {
    const gaps = (selfScore: number, others: number[]) => {
      const ratings = [
        self('ability-to-execute', selfScore),
        ...others.map(
          (score, i): TraitRating => ({
            raterId: `p${i}`,
            group: 'peer',
            trait: 'ability-to-execute',
            score,
          }),
        ),
      ];
      return selfOthersGaps(summarise({ ratings }));
    };

    it('names a blind spot at exactly the margin, not below it', () => {
      const at = gaps(4, [3, 3, 3]);
      assert.equal(at.blindSpots.length, 1);
      assert.deepEqual(
        { ...at.blindSpots[0], explanation: undefined },
        {
          trait: 'ability-to-execute',
          name: 'Ability to Execute',
          kind: 'blind-spot',
          self: 4,
          others: 3,
          gap: 1,
          margin: 1,
          explanation: undefined,
        },
      );
      assert.match(at.blindSpots[0]!.explanation, /others average 3/);
      const under = gaps(4, [3, 3, 4]); // others 3.33: gap 0.67
      assert.equal(under.blindSpots.length, 0);
      assert.equal(under.hiddenStrengths.length, 0);
    });

    it('names a hidden strength at exactly the margin below others', () => {
      const at = gaps(2, [3, 3, 3]);
      assert.equal(at.hiddenStrengths.length, 1);
      assert.equal(at.hiddenStrengths[0]!.gap, -1);
      assert.equal(at.blindSpots.length, 0);
      assert.equal(gaps(2, [3, 3, 2]).hiddenStrengths.length, 0);
    });

    it('takes the margin as data', () => {
      const s = summarise({
        ratings: [self('ability-to-execute', 4), ...raters('peer', 3, 'ability-to-execute', 3)],
      });
      assert.equal(selfOthersGaps(s, 1.5).blindSpots.length, 0);
      assert.equal(selfOthersGaps(s, 0.5).blindSpots[0]!.margin, 0.5);
    });

    it('needs both a self rating and a shown group', () => {
      assert.deepEqual(gaps(5, [1, 1]), { blindSpots: [], hiddenStrengths: [] });
      const noSelf = summarise({ ratings: raters('peer', 3, 'ability-to-execute', 1) });
      assert.deepEqual(selfOthersGaps(noSelf), { blindSpots: [], hiddenStrengths: [] });
    });

    it('orders the largest gap first', () => {
      const s = summarise({
        ratings: [
          self('commercial-acumen', 5),
          ...raters('peer', 3, 'commercial-acumen', 1),
          self('innovation-mindset', 5),
          ...raters('peer', 3, 'innovation-mindset', 3),
        ],
      });
      assert.deepEqual(
        selfOthersGaps(s).blindSpots.map((g) => g.trait),
        ['commercial-acumen', 'innovation-mindset'],
      );
    });
  });

  describe('the weakest trait', () => {
    it('is the lowest others’ mean once a group is shown', () => {
      const s = summarise({
        ratings: [
          self('commercial-acumen', 1),
          ...raters('peer', 3, 'ability-to-execute', 2),
          ...raters('peer', 3, 'commercial-acumen', 4),
        ],
      });
      const w = weakestTrait(s);
      assert.equal(w.basis, 'others');
      assert.equal(w.weakest!.trait, 'ability-to-execute');
      assert.deepEqual(
        w.ranking.map((r) => r.trait),
        ['ability-to-execute', 'commercial-acumen'],
      );
      assert.match(w.explanation, /Ability to Execute is the weakest trait: 2 on others' mean/);
    });

    it('is the lowest self rating when no 360 is shown yet', () => {
      const s = summarise({
        ratings: [
          self('commercial-acumen', 2),
          self('innovation-mindset', 4),
          ...raters('peer', 2, 'innovation-mindset', 1),
        ],
      });
      const w = weakestTrait(s);
      assert.equal(w.basis, 'self');
      assert.equal(w.weakest!.trait, 'commercial-acumen');
      assert.match(w.explanation, /your own rating/);
    });

    it('says so when nothing is rated', () => {
      const w = weakestTrait(summarise({}));
      assert.equal(w.basis, 'none');
      assert.equal(w.weakest, null);
      assert.match(w.explanation, /Nothing is rated/);
    });

    it('breaks a tie on mean by the least evidence', () => {
      const withExamples = raters('peer', 3, 'product-user-sense', 2);
      const withoutExamples = raters('peer', 3, 'product-leadership-style', 2).map((r) => ({
        ...r,
        example: undefined,
      }));
      const w = weakestTrait(summarise({ ratings: [...withExamples, ...withoutExamples] }));
      assert.equal(w.weakest!.trait, 'product-leadership-style');
      assert.equal(w.weakest!.evidence, 0);
      assert.match(w.explanation, /least evidence/);
    });

    it('breaks a tie on mean and evidence by the framework’s order', () => {
      const w = weakestTrait(
        summarise({
          ratings: [...raters('peer', 3, 'product-leadership-style', 2), ...raters('peer', 3, 'commercial-acumen', 2)],
        }),
      );
      assert.equal(w.weakest!.trait, 'commercial-acumen');
      assert.match(w.explanation, /framework's order/);
    });

    it('breaks a self-basis tie by whether the rating has an example', () => {
      const w = weakestTrait(
        summarise({ ratings: [self('product-user-sense', 2), self('innovation-streamlining', 2, 'Ran the gate')] }),
      );
      assert.equal(w.weakest!.trait, 'product-user-sense');
      const w2 = weakestTrait(
        summarise({ ratings: [self('product-user-sense', 2, 'Interviewed five'), self('innovation-streamlining', 2)] }),
      );
      assert.equal(w2.weakest!.trait, 'innovation-streamlining');
    });

    it('ranks every rated trait', () => {
      const ratings = TRAIT_IDS.map((t, i) => self(t, (i % 5) + 1));
      assert.equal(weakestTrait(summarise({ ratings })).ranking.length, 9);
    });
  });
});
