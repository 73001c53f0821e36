import type { CareerStageId, PersonStageId, TraitId } from './traits.ts';
import type { Origin } from './version.ts';

/**
 * What a development plan draws on: stretch experiences per trait and career stage, a learning library of
 * short cards, and a sample career ladder. The lessons the cards teach are named by the source; every
 * card's words, every stretch experience and the sample ladder are Vetted's own.
 */

/**
 * A stretch experience: something to do, not to read. `inVetted` marks work done in Vetted itself (the
 * plan prefers those). `{idea}` in the text is filled with an idea's reference when the plan knows one.
 */
export interface StretchExperience {
  id: string;
  trait: TraitId;
  /** The career stages it suits (at least two per trait and stage exist; the tests check). */
  stages: PersonStageId[];
  origin: Origin;
  inVetted: boolean;
  text: string;
}

const stretch = (
  trait: TraitId,
  id: string,
  stages: PersonStageId[],
  inVetted: boolean,
  text: string,
): StretchExperience => ({ id, trait, stages, origin: 'vetted', inVetted, text });

export const STRETCH_EXPERIENCES: readonly StretchExperience[] = [
  stretch(
    'product-user-sense',
    'interview-five-users',
    ['early', 'mid'],
    true,
    'Interview five people who have the problem of {idea} and record what they do today as evidence.',
  ),
  stretch(
    'product-user-sense',
    'frame-the-problem',
    ['early', 'mid', 'senior'],
    true,
    'Write the problem framing of {idea}: current state, ideal state and the gap, before any solution.',
  ),
  stretch(
    'product-user-sense',
    'coherence-review',
    ['mid', 'senior'],
    false,
    'Review the product end to end as a new user would, and name the three places it stops making sense.',
  ),
  stretch(
    'product-user-sense',
    'portfolio-user-map',
    ['senior'],
    true,
    'Map every idea in Discovery and Validation to the users it serves, and say which users nobody serves.',
  ),

  stretch(
    'innovation-mindset',
    'lead-validation-experiment',
    ['early', 'mid'],
    true,
    'Lead the next validation experiment for {idea}, with its success and kill thresholds written first.',
  ),
  stretch(
    'innovation-mindset',
    'three-options',
    ['early', 'mid', 'senior'],
    true,
    'Before choosing a solution for {idea}, write down three different ones and what would make each fail.',
  ),
  stretch(
    'innovation-mindset',
    'share-a-failure',
    ['mid', 'senior'],
    true,
    'Present a killed idea or a failed experiment to the team: what it cost, and what it taught.',
  ),
  stretch(
    'innovation-mindset',
    'innovation-budget',
    ['senior'],
    false,
    'Set aside a small, protected budget for experiments nobody has to justify in advance, and report on it.',
  ),

  stretch(
    'entrepreneurial-thinking',
    'economics-of-idea',
    ['early', 'mid'],
    true,
    'Fill in the economics of {idea} yourself and say at what price and volume it pays for itself.',
  ),
  stretch(
    'entrepreneurial-thinking',
    'kill-criteria',
    ['early', 'mid', 'senior'],
    true,
    'Write the kill criteria for {idea}: what would have to be true for you to stop it.',
  ),
  stretch(
    'entrepreneurial-thinking',
    'own-a-bet',
    ['mid', 'senior'],
    true,
    'Take one idea from Discovery to a gate decision as its owner, and defend the decision either way.',
  ),
  stretch(
    'entrepreneurial-thinking',
    'portfolio-cut',
    ['senior'],
    true,
    'Review the portfolio and propose which idea to stop so that a better one can be funded.',
  ),

  stretch(
    'cross-domain-knowledge',
    'shadow-a-discipline',
    ['early', 'mid'],
    false,
    'Spend a day working alongside engineering, design, data or sales, and write down what surprised you.',
  ),
  stretch(
    'cross-domain-knowledge',
    'feasibility-with-engineers',
    ['early', 'mid', 'senior'],
    true,
    'Score the feasibility of {idea} together with an engineer and record where your scores differed and why.',
  ),
  stretch(
    'cross-domain-knowledge',
    'cross-functional-review',
    ['mid', 'senior'],
    true,
    'Invite a designer, an engineer and someone from sales to assess {idea}, and reconcile their views.',
  ),
  stretch(
    'cross-domain-knowledge',
    'sponsor-a-new-discipline',
    ['senior'],
    false,
    'Sponsor a capability the organisation lacks (data science, research, partnerships) and make its case.',
  ),

  stretch(
    'commercial-acumen',
    'explain-the-model',
    ['early', 'mid'],
    false,
    'Explain the business model on one page: who pays, for what, and which lever your team moves.',
  ),
  stretch(
    'commercial-acumen',
    'size-the-market',
    ['early', 'mid', 'senior'],
    true,
    'Size the market of {idea} bottom-up, from customers you can name, not from a top-down percentage.',
  ),
  stretch(
    'commercial-acumen',
    'pricing-experiment',
    ['mid', 'senior'],
    true,
    'Design a pricing or packaging experiment and register its criteria before it runs.',
  ),
  stretch(
    'commercial-acumen',
    'growth-model',
    ['senior'],
    false,
    'Build the growth model for a product line with finance, and agree the two metrics that drive it.',
  ),

  stretch(
    'data-driven-judgment',
    'register-before-result',
    ['early', 'mid'],
    true,
    'For the next experiment on {idea}, write what result would change your mind before you see any data.',
  ),
  stretch(
    'data-driven-judgment',
    'answer-the-challenger',
    ['early', 'mid', 'senior'],
    true,
    'Answer every open finding of the challenger on {idea} with evidence, rather than dismissing it.',
  ),
  stretch(
    'data-driven-judgment',
    'judgment-call',
    ['mid', 'senior'],
    true,
    'Record a decision taken without conclusive data: the rationale, what you trusted instead, and a review date.',
  ),
  stretch(
    'data-driven-judgment',
    'decision-review',
    ['senior'],
    true,
    'Review the decisions of the last two quarters against their review dates and share what held up.',
  ),

  stretch(
    'ability-to-execute',
    'ship-the-mvp',
    ['early', 'mid'],
    false,
    'Own the delivery of a small release end to end, including the risks you raise before they bite.',
  ),
  stretch(
    'ability-to-execute',
    'move-to-realization',
    ['early', 'mid', 'senior'],
    true,
    'Take {idea} through its next gate on the date you set, or say early why not.',
  ),
  stretch(
    'ability-to-execute',
    'call-a-pivot',
    ['mid', 'senior'],
    true,
    'When an experiment misses its kill threshold, propose the pivot or the stop within a week.',
  ),
  stretch(
    'ability-to-execute',
    'unblock-teams',
    ['senior'],
    false,
    'Find the slowest handover between two teams and remove it, then measure the time saved.',
  ),

  stretch(
    'innovation-streamlining',
    'run-a-gate-review',
    ['early', 'mid', 'senior'],
    true,
    'Run a gate review: check the exit criteria, hear the evidence, and record the decision with its reasons.',
  ),
  stretch(
    'innovation-streamlining',
    'tidy-the-pipeline',
    ['early', 'mid'],
    true,
    'Review every parked idea past its review date and reopen, kill or re-date each one.',
  ),
  stretch(
    'innovation-streamlining',
    'improve-a-stage',
    ['mid', 'senior'],
    true,
    'Change one exit criterion or template in the workspace so that a recurring weakness is caught earlier.',
  ),
  stretch(
    'innovation-streamlining',
    'innovation-cadence',
    ['senior'],
    true,
    'Set the cadence of idea intake, gate reviews and portfolio reviews for your area, and keep it for a quarter.',
  ),

  stretch(
    'product-leadership-style',
    'tell-the-why',
    ['early', 'mid'],
    false,
    'Open the next planning session with the purpose of the work and the user it serves, before any task.',
  ),
  stretch(
    'product-leadership-style',
    'mentor-someone',
    ['early', 'mid', 'senior'],
    false,
    'Mentor someone for a quarter: regular 1:1s, agreed actions, and a note of what each of you learned.',
  ),
  stretch(
    'product-leadership-style',
    'lead-with-questions',
    ['mid', 'senior'],
    true,
    'In the next gate review, ask questions only: let the owner of {idea} reach the decision.',
  ),
  stretch(
    'product-leadership-style',
    'write-the-vision',
    ['senior'],
    false,
    'Write the vision for your area on one page, test it with three teams, and revise it with what they say.',
  ),
];

/** A short card in the learning library. */
export interface LearningCard {
  id: string;
  title: string;
  /** Named by the source (`method`) or added by Vetted (`vetted`); the words are Vetted's either way. */
  lessonOrigin: Origin;
  origin: Origin;
  traits: TraitId[];
  stages: CareerStageId[];
  body: string;
}

export const LEARNING_CARDS: readonly LearningCard[] = [
  {
    id: 'influence-without-authority',
    title: 'Influence without authority',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['product-leadership-style', 'cross-domain-knowledge'],
    stages: ['mid', 'senior'],
    body:
      'Most of the people your product needs do not report to you. They follow a clear problem, evidence they ' +
      'can check, and someone who listens to their constraints. Earn the right to ask before you need to.',
  },
  {
    id: 'ceo-to-glue',
    title: 'From "CEO of the product" to "the glue"',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['product-leadership-style', 'ability-to-execute'],
    stages: ['early', 'mid'],
    body:
      'You do not own the people or the budget; you own the clarity. Your job is to connect the disciplines so ' +
      'the team decides well without you in the room, and to fill whatever gap would otherwise sink the work.',
  },
  {
    id: 'own-a-key-metric',
    title: 'Own a key metric',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['commercial-acumen', 'data-driven-judgment', 'entrepreneurial-thinking', 'ability-to-execute'],
    stages: ['early', 'mid', 'senior'],
    body:
      'Pick the one number your work should move, say by how much and by when, and look at it every week. A ' +
      'metric you own changes which requests you accept and which experiments you run.',
  },
  {
    id: 'product-vs-project',
    title: 'Product versus project',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['entrepreneurial-thinking', 'innovation-streamlining'],
    stages: ['early', 'mid'],
    body:
      'A project ends when it ships; a product ends when it stops creating value. Measure outcomes for the ' +
      'people who use it, not delivery against a plan, and keep the team on the problem after launch.',
  },
  {
    id: 'problem-space-first',
    title: 'Problem space before solution space',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['product-user-sense', 'innovation-mindset'],
    stages: ['early', 'mid', 'always'],
    body:
      'When an idea arrives as a solution, ask who has the problem, how often, and what it costs them today. ' +
      'Frame the current state, the ideal state and the gap; only then compare solutions.',
  },
  {
    id: 'lead-with-questions',
    title: 'Lead with questions',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['product-leadership-style', 'data-driven-judgment'],
    stages: ['mid', 'senior', 'always'],
    body:
      'An answer from the most senior person ends a discussion; a good question starts one. Ask what the ' +
      'evidence says, what would change the owner’s mind, and what they would do next, then let them decide.',
  },
  {
    id: 'celebrate-failed-experiments',
    title: 'Celebrate what failed experiments teach',
    lessonOrigin: 'method',
    origin: 'vetted',
    traits: ['innovation-mindset', 'innovation-streamlining'],
    stages: ['mid', 'senior', 'always'],
    body:
      'An experiment that kills an idea early saves a year of building the wrong thing. Say so in public, ' +
      'record what was learned, and thank the person who ran it, or people will stop running honest tests.',
  },
  {
    id: 'learn-the-neighbouring-crafts',
    title: 'Learn the neighbouring crafts',
    lessonOrigin: 'vetted',
    origin: 'vetted',
    traits: ['cross-domain-knowledge'],
    stages: ['early', 'mid', 'always'],
    body:
      'You need not code, design or model data, but you need to know what makes each hard. Ask each discipline ' +
      'what a good week looks like for them and what product people usually get wrong about their work.',
  },
  {
    id: 'follow-the-money',
    title: 'Follow the money',
    lessonOrigin: 'vetted',
    origin: 'vetted',
    traits: ['commercial-acumen', 'entrepreneurial-thinking'],
    stages: ['early', 'mid', 'senior'],
    body:
      'Trace one customer from first contact to paying and renewing: who decides, what it costs to win them, ' +
      'what they are worth over time. Most product decisions move one of those figures.',
  },
];

/** A career ladder: levels in order, each with the level expected on every trait (1-5). */
export interface LadderLevel {
  id: string;
  name: string;
  expected: Record<TraitId, number>;
}
export interface CareerLadder {
  id: string;
  name: string;
  origin: Origin;
  levels: LadderLevel[];
}

const level = (id: string, name: string, e: number[]): LadderLevel => {
  const [a, b, c, d, f, g, h, i, j] = e as [number, number, number, number, number, number, number, number, number];
  return {
    id,
    name,
    expected: {
      'product-user-sense': a,
      'innovation-mindset': b,
      'entrepreneurial-thinking': c,
      'cross-domain-knowledge': d,
      'commercial-acumen': f,
      'data-driven-judgment': g,
      'ability-to-execute': h,
      'innovation-streamlining': i,
      'product-leadership-style': j,
    },
  };
};

/** A sample ladder, Vetted's own: a workspace replaces it as data. Expectations never fall with level. */
export const SAMPLE_LADDER: CareerLadder = {
  id: 'sample-product-ladder',
  name: 'Sample product ladder',
  origin: 'vetted',
  levels: [
    level('associate-pm', 'Associate product manager', [2, 2, 1, 2, 1, 2, 3, 1, 1]),
    level('pm', 'Product manager', [3, 3, 2, 2, 2, 3, 3, 2, 2]),
    level('senior-pm', 'Senior product manager', [4, 3, 3, 3, 3, 4, 4, 3, 3]),
    level('lead-pm', 'Lead product manager', [4, 4, 4, 3, 3, 4, 4, 4, 4]),
    level('head-of-product', 'Head of product', [5, 4, 4, 4, 4, 4, 4, 5, 5]),
  ],
};

/**
 * Behaviour observed in Vetted, shown (opt-in, to the person only) next to four traits: facts counted
 * from their own work, never a score. Vetted's words; `{…}` are filled with counts.
 */
export interface ObservedBehaviour {
  id: 'evidence-gathered' | 'criteria-before-results' | 'decisions-with-reviews' | 'findings-answered';
  trait: TraitId;
  origin: Origin;
  text: string;
}

export const OBSERVED_BEHAVIOURS: readonly ObservedBehaviour[] = [
  {
    id: 'evidence-gathered',
    trait: 'product-user-sense',
    origin: 'vetted',
    text: '{n} pieces of evidence you added, {strong} of them from interviews or stronger.',
  },
  {
    id: 'criteria-before-results',
    trait: 'data-driven-judgment',
    origin: 'vetted',
    text: '{n} experiments you set up with success or kill criteria before the result; {moved} had the goalposts moved.',
  },
  {
    id: 'decisions-with-reviews',
    trait: 'ability-to-execute',
    origin: 'vetted',
    text: '{n} gate decisions you took with a rationale and a review date; {due} of those review dates have come.',
  },
  {
    id: 'findings-answered',
    trait: 'innovation-streamlining',
    origin: 'vetted',
    text: '{n} challenger findings you dismissed, each with a reason on record; {restored} later restored.',
  },
];
