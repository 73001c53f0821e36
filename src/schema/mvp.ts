import { type Static, Type } from 'typebox';
import {
  MOSCOW,
  MVP_LIMITS,
  MVP_METHOD_VERSION,
  MVP_STEP_IDS,
  PMF_SIGNAL_IDS,
  STORY_SCALE,
} from '../methodology/index.ts';
import { Enum, Measure, Nullable, Strict, Text } from './common.ts';

const Field = Text(4000);
const Short = Text(300);
const Score = Type.Integer({ minimum: STORY_SCALE.min, maximum: STORY_SCALE.max });
/** U1, S2…: refs a person can write by hand in the opportunity file and cite across steps. */
const UserClassRef = Type.String({ pattern: '^U[1-9][0-9]{0,3}$', description: 'U1, U2…' });
const StoryRef = Type.String({ pattern: '^S[1-9][0-9]{0,3}$', description: 'S1, S2…' });

/** Step 1: the headline the documents use, and the situation (the frame holds the problem framing itself). */
export const MvpContext = Strict({
  headline: Type.Optional(Text(80, 0, { description: 'Covers and the one-pager title use it when stated' })),
  problem: Type.Optional(Field),
  market: Type.Optional(Field),
  keyPlayers: Type.Optional(Field),
  conditions: Type.Optional(Field),
});
export type MvpContext = Static<typeof MvpContext>;

/** Step 2: a class of users (or persona), with what success means to it. */
export const UserClass = Strict({
  ref: UserClassRef,
  name: Text(120, 1),
  needs: Type.Optional(Field),
  pains: Type.Optional(Field),
  successCriteria: Type.Optional(Field),
});
export type UserClass = Static<typeof UserClass>;

/** Step 4: the concept; the statement is the updated one-sentence idea, free text. */
export const MvpConcept = Strict({
  valueProposition: Type.Optional(Field),
  formFactor: Type.Optional(Short),
  happyPath: Type.Optional(Type.Array(Text(500, 1), { maxItems: MVP_LIMITS.happyPath, description: 'In order' })),
  statement: Type.Optional(Text(600)),
});
export type MvpConcept = Static<typeof MvpConcept>;

/** Step 5 writes a story; step 6 scores it, cuts it and, for the MVP, gives its acceptance criteria. */
export const UserStory = Strict({
  ref: StoryRef,
  userClass: UserClassRef,
  iWant: Text(500, 1),
  soThat: Text(500, 1),
  value: Type.Optional(Score),
  importance: Type.Optional(Score),
  cost: Type.Optional(Score),
  feasibility: Type.Optional(Score),
  tests: Type.Optional(Text(64, 1, { description: 'The riskiest assumption it tests: its ref (A1…)' })),
  moscow: Type.Optional(Enum(MOSCOW, 'The cut: must is the MVP')),
  acceptance: Type.Optional(Type.Array(Text(500, 1), { maxItems: 20 })),
});
export type UserStory = Static<typeof UserStory>;

/** Step 6: what the MVP deliberately does not do, and why. */
export const OutOfScope = Strict({ item: Text(300, 1), why: Text(1000, 1) });
export type OutOfScope = Static<typeof OutOfScope>;

/** Step 7: a number that says the MVP works, and what it feeds. */
export const MvpMetric = Strict({
  metric: Text(200, 1),
  threshold: Measure({ description: 'The figure from which the MVP counts as working' }),
  unit: Type.Optional(Text(40)),
  higherIsBetter: Type.Optional(Type.Boolean({ description: 'Default true' })),
  successMetric: Type.Optional(Text(200, 1, { description: "The idea's success metric it feeds, by its name" })),
  pmfSignal: Type.Optional(Enum(PMF_SIGNAL_IDS, 'The product-market fit signal it feeds')),
});
export type MvpMetric = Static<typeof MvpMetric>;

/**
 * The MVP definition, one document per idea like its economics: read whole, written whole under the idea's
 * version. Every part optional: no step is required to start the next.
 */
export const MvpData = Strict({
  context: Type.Optional(MvpContext),
  userClasses: Type.Optional(Type.Array(UserClass, { maxItems: MVP_LIMITS.userClasses })),
  whyNow: Type.Optional(Field),
  concept: Type.Optional(MvpConcept),
  stories: Type.Optional(Type.Array(UserStory, { maxItems: MVP_LIMITS.stories })),
  outOfScope: Type.Optional(Type.Array(OutOfScope, { maxItems: MVP_LIMITS.outOfScope })),
  metrics: Type.Optional(Type.Array(MvpMetric, { maxItems: MVP_LIMITS.metrics })),
});
export type MvpData = Static<typeof MvpData>;

/** One step as the progress view shows it: done, or open with what is missing. */
export const MvpStepProgress = Strict({
  id: Enum(MVP_STEP_IDS),
  number: Type.Integer({ minimum: 1, maximum: 7 }),
  name: Type.String(),
  done: Type.Boolean(),
  missing: Type.Array(Type.String(), { description: 'What the step still lacks; empty when done' }),
});
export type MvpStepProgress = Static<typeof MvpStepProgress>;

/** A story as the readout shows it: the user-story sentence, its priority figure when scored. */
export const MvpStoryReadout = Strict({
  ref: StoryRef,
  text: Type.String({ description: 'As <user class>, I want …, so that …' }),
  userClassName: Nullable(Type.String()),
  priority: Nullable(Type.Number({ description: 'value × importance × feasibility ÷ cost, when all four are set' })),
  moscow: Nullable(Enum(MOSCOW)),
});
export type MvpStoryReadout = Static<typeof MvpStoryReadout>;

export const MvpReadout = Strict({
  method: Type.Literal(MVP_METHOD_VERSION),
  steps: Type.Array(MvpStepProgress),
  done: Type.Integer({ minimum: 0, maximum: 7 }),
  headline: Nullable(Type.String({ description: 'The stated headline, if any' })),
  stories: Type.Array(MvpStoryReadout, { description: 'Highest priority first; unscored stories last' }),
  competitors: Type.Integer({ minimum: 0, description: 'Competitor records (step 3 links to them)' }),
  sized: Type.Boolean({ description: 'Whether a market size is recorded (step 3 links to it)' }),
  framed: Type.Boolean({ description: 'Whether the problem frame has any field (step 1 links to it)' }),
});
export type MvpReadout = Static<typeof MvpReadout>;

export const STORY_CSV_FORMATS = ['jira', 'linear'] as const;
export const StoriesCsvQuery = Strict({
  format: Type.Optional(Enum(STORY_CSV_FORMATS, 'Whose importer the columns follow; default jira')),
  cut: Type.Optional(Enum(['all', 'mvp'] as const, 'all stories (default) or only the MVP (must have)')),
});
export type StoriesCsvQuery = Static<typeof StoriesCsvQuery>;
