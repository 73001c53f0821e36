import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CAREER_STAGE_IDS,
  CAREER_STAGES,
  LEARNING_CARDS,
  MIN_PULSE_ANSWERS,
  MIN_RATERS_PER_GROUP,
  PERSON_STAGE_IDS,
  PULSE_STATEMENTS,
  RATER_GROUP_IDS,
  SAMPLE_LADDER,
  STRETCH_EXPERIENCES,
  TRAIT_IDS,
  TRAITS,
} from '../../src/methodology/index.ts';

const kebab = /^[a-z]+(-[a-z]+)*$/;
const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

describe('leadership methodology data', () => {
  it('has the nine traits in the source order, with its names, unique kebab-case ids', () => {
    assert.equal(TRAITS.length, 9);
    assert.deepEqual(
      TRAITS.map((t) => t.id),
      [...TRAIT_IDS],
    );
    assert.ok(TRAITS.every((t) => kebab.test(t.id)));
    assert.ok(unique(TRAITS.map((t) => t.id)));
    assert.deepEqual(
      TRAITS.map((t) => t.name),
      [
        'Product & User Sense',
        'Innovation Mindset',
        'Entrepreneurial Thinking',
        'Cross-domain Knowledge',
        'Commercial Acumen',
        'Data-Driven with Sound Judgment',
        'Ability to Execute',
        'Innovation Streamlining',
        'Product Leadership Style',
      ],
    );
  });

  it('marks traits 1-5 as the source’s and 6-9 and every anchor as Vetted’s', () => {
    assert.deepEqual(
      TRAITS.map((t) => t.origin),
      ['method', 'method', 'method', 'method', 'method', 'vetted', 'vetted', 'vetted', 'vetted'],
    );
    assert.ok(TRAITS.every((t) => t.anchorsOrigin === 'vetted'));
  });

  it('gives every trait five distinct anchor sentences, a description and an example prompt', () => {
    for (const t of TRAITS) {
      assert.equal(t.anchors.length, 5, t.id);
      assert.ok(unique(t.anchors), t.id);
      assert.ok(
        t.anchors.every((a) => a.trim().length > 20 && a.endsWith('.')),
        t.id,
      );
      assert.ok(t.description.length > 10, t.id);
      assert.match(t.examplePrompt, /^When did you see/, t.id);
    }
  });

  it('lists the career stages and what each develops, as the issue gives them', () => {
    assert.deepEqual(
      CAREER_STAGES.map((s) => s.id),
      [...CAREER_STAGE_IDS],
    );
    const develops = Object.fromEntries(CAREER_STAGES.map((s) => [s.id, s.develops]));
    assert.deepEqual(develops, {
      early: ['technical fluency', 'user research', 'feature specification', 'agile execution'],
      mid: ['strategic thinking', 'prioritisation frameworks', 'stakeholder alignment', 'team leadership'],
      senior: ['vision-setting', 'organisational influence', 'portfolio management', 'culture building'],
      always: ['communication', 'empathy', 'analytical thinking', 'learning agility'],
    });
  });

  it('names the rater groups and the thresholds', () => {
    assert.deepEqual([...RATER_GROUP_IDS], ['self', 'manager', 'peer', 'report', 'cross-functional']);
    assert.equal(MIN_RATERS_PER_GROUP, 3);
    assert.equal(MIN_PULSE_ANSWERS, 5);
  });

  it('has a handful of pulse statements, in Vetted’s words, with unique ids', () => {
    assert.ok(PULSE_STATEMENTS.length >= 4 && PULSE_STATEMENTS.length <= 8);
    assert.ok(unique(PULSE_STATEMENTS.map((s) => s.id)));
    assert.ok(PULSE_STATEMENTS.every((s) => s.origin === 'vetted' && kebab.test(s.id)));
    assert.ok(PULSE_STATEMENTS.some((s) => s.reversed));
  });

  it('ties every learning card to existing traits and stages, and covers every trait at every stage', () => {
    assert.ok(unique(LEARNING_CARDS.map((c) => c.id)));
    for (const c of LEARNING_CARDS) {
      assert.ok(c.traits.length > 0 && c.stages.length > 0, c.id);
      for (const t of c.traits) assert.ok((TRAIT_IDS as readonly string[]).includes(t), `${c.id}: ${t}`);
      for (const s of c.stages) assert.ok((CAREER_STAGE_IDS as readonly string[]).includes(s), `${c.id}: ${s}`);
      assert.equal(c.origin, 'vetted', c.id);
    }
    for (const t of TRAIT_IDS)
      assert.ok(
        LEARNING_CARDS.some((c) => c.traits.includes(t)),
        t,
      );
    for (const id of [
      'influence-without-authority',
      'ceo-to-glue',
      'own-a-key-metric',
      'product-vs-project',
      'problem-space-first',
      'lead-with-questions',
      'celebrate-failed-experiments',
    ]) {
      const card = LEARNING_CARDS.find((c) => c.id === id);
      assert.ok(card, id);
      assert.equal(card.lessonOrigin, 'method', id);
    }
  });

  it('offers at least two stretch experiences per trait and career stage, with unique ids', () => {
    assert.ok(unique(STRETCH_EXPERIENCES.map((s) => s.id)));
    for (const t of TRAIT_IDS) {
      for (const stage of PERSON_STAGE_IDS) {
        const n = STRETCH_EXPERIENCES.filter((s) => s.trait === t && s.stages.includes(stage)).length;
        assert.ok(n >= 2, `${t} at ${stage}: ${n}`);
      }
    }
    assert.ok(STRETCH_EXPERIENCES.some((s) => /validation experiment/.test(s.text)));
    assert.ok(STRETCH_EXPERIENCES.some((s) => /kill criteria for \{idea\}/.test(s.text)));
    assert.ok(STRETCH_EXPERIENCES.some((s) => /^Run a gate review/.test(s.text)));
  });

  it('has a sample ladder whose expectations cover every trait, lie in 1-5 and never fall with level', () => {
    assert.ok(unique(SAMPLE_LADDER.levels.map((l) => l.id)));
    for (const l of SAMPLE_LADDER.levels) {
      assert.deepEqual(Object.keys(l.expected).sort(), [...TRAIT_IDS].sort(), l.id);
      assert.ok(
        Object.values(l.expected).every((v) => Number.isInteger(v) && v >= 1 && v <= 5),
        l.id,
      );
    }
    for (let i = 1; i < SAMPLE_LADDER.levels.length; i++) {
      for (const t of TRAIT_IDS) {
        assert.ok(SAMPLE_LADDER.levels[i]!.expected[t] >= SAMPLE_LADDER.levels[i - 1]!.expected[t], t);
      }
    }
  });
});
