import type { Origin } from './version.ts';

/**
 * The MVP definition in seven steps, as data: the steps' names and prompts, the scales a story is scored on,
 * the MoSCoW cut and what makes a step "done". The seven steps and their order, MoSCoW and the four scoring
 * criteria are named by the method; the wording of the prompts, the 1-5 scales and the priority formula are
 * Vetted's own. No step blocks the next: a step that is not done shows as open, never as a gate.
 */

/** Bumped when a step, a scale or the priority formula changes meaning. */
export const MVP_METHOD_VERSION = 'mvp/1';

export const MVP_STEP_IDS = ['context', 'users', 'market', 'concept', 'backlog', 'mvp', 'success'] as const;
export type MvpStepId = (typeof MVP_STEP_IDS)[number];

export interface MvpStepWords {
  id: MvpStepId;
  number: number;
  name: string;
  origin: Origin;
  /** What the step produces, in one line. */
  output: string;
  /** The questions the step answers, shown on its page. */
  prompts: readonly string[];
}

export const MVP_STEPS: readonly MvpStepWords[] = [
  {
    id: 'context',
    number: 1,
    name: 'Set the context',
    origin: 'method',
    output: 'A short headline and the situation: problem, market, key players, conditions.',
    prompts: [
      'What is the idea, in a headline of a few words?',
      'Which problem, in which market, among which key players, under which conditions?',
    ],
  },
  {
    id: 'users',
    number: 2,
    name: 'Understand users',
    origin: 'method',
    output: 'User classes with their needs, pains and what success means to each.',
    prompts: ['Which classes of users are there?', 'For each: what do they need, what hurts, and what is success?'],
  },
  {
    id: 'market',
    number: 3,
    name: 'Understand the market',
    origin: 'method',
    output: 'The alternatives and competitors, the market size, and why now.',
    prompts: ['What do people use today instead?', 'How big is the market?', 'Why is now the time?'],
  },
  {
    id: 'concept',
    number: 4,
    name: 'Refine the concept',
    origin: 'method',
    output: 'The value proposition, the form factor, the happy path as steps, the one-sentence statement.',
    prompts: [
      'Which value does it give, in which form (app, service, device…)?',
      'Which steps does a user take from the need to the value?',
      'What is the idea now, in one sentence?',
    ],
  },
  {
    id: 'backlog',
    number: 5,
    name: 'Frame the complete product',
    origin: 'method',
    output: 'The full backlog as epic user stories, each linked to a user class.',
    prompts: ['As which user class, wanting what, so that what? Write every story the complete product needs.'],
  },
  {
    id: 'mvp',
    number: 6,
    name: 'Synthesize the MVP',
    origin: 'method',
    output: 'Each story scored and cut (MoSCoW), what is out of scope and why, acceptance criteria per MVP story.',
    prompts: [
      'How much is each story worth to the user and to the core problem, what does it cost, can it be built?',
      'Which assumption does it test?',
      'What is in the MVP, and what are we deliberately not doing?',
    ],
  },
  {
    id: 'success',
    number: 7,
    name: 'Define success',
    origin: 'method',
    output: "The MVP's success metrics with thresholds, tied to the idea's success metric and the PMF signals.",
    prompts: ['Which numbers say the MVP works, from which threshold, and what does each one feed?'],
  },
];

/** The MoSCoW cut, named by the method. `must` is the MVP; `wont` is "not this time". */
export const MOSCOW = ['must', 'should', 'could', 'wont'] as const;
export type Moscow = (typeof MOSCOW)[number];

export const MOSCOW_NAMES: Record<Moscow, string> = {
  must: 'Must have',
  should: 'Should have',
  could: 'Could have',
  wont: "Won't have (this time)",
};

/** The release each cut goes into, for the PRD's release plan (Vetted's wording). */
export const MOSCOW_RELEASES: Record<Moscow, string> = {
  must: 'MVP release',
  should: 'First release after the MVP',
  could: 'Later, if the MVP holds',
  wont: 'Not planned',
};

/** The four criteria a story is scored on (named by the method), each on a 1-5 scale (Vetted's). */
export const STORY_CRITERIA = ['value', 'importance', 'cost', 'feasibility'] as const;
export type StoryCriterion = (typeof STORY_CRITERIA)[number];

export interface StoryScale {
  name: string;
  /** What 1 and 5 mean on this scale. */
  low: string;
  high: string;
  /** Whether a higher figure makes the story more worth doing now (cost: the other way round). */
  higherIsBetter: boolean;
}

export const STORY_SCALE = { min: 1, max: 5 } as const;

export const STORY_SCALES: Record<StoryCriterion, StoryScale> = {
  value: { name: 'Value to the user', low: 'nice to have', high: 'the reason they come', higherIsBetter: true },
  importance: {
    name: 'Importance to the core problem',
    low: 'beside the problem',
    high: 'solves the problem',
    higherIsBetter: true,
  },
  cost: { name: 'Cost', low: 'days', high: 'months', higherIsBetter: false },
  feasibility: { name: 'Feasibility', low: 'unproven', high: 'done before', higherIsBetter: true },
};

/**
 * Vetted's priority figure, to sort the backlog before the cut: value × importance × feasibility ÷ cost,
 * from 0.2 to 125. Only a sorting aid: the cut is the team's decision, never computed.
 */
export const storyPriority = (s: Record<StoryCriterion, number>): number =>
  (s.value * s.importance * s.feasibility) / s.cost;

/** A success metric of the MVP feeds one of these: the idea's own success metric, or a PMF signal. */
export const MVP_METRIC_TIES = ['success-metric', 'pmf-signal'] as const;

/** The bounds of the step data, so that one idea's MVP stays a document a page can show whole. */
export const MVP_LIMITS = { userClasses: 20, stories: 200, outOfScope: 50, metrics: 20, happyPath: 20 } as const;
