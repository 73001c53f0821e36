import { type Static, Type } from 'typebox';
import { Count, DateOnly, Enum, Measure, Nullable, Strict, Text } from './common.ts';

export const EXPERIMENT_METHODS = [
  'interviews',
  'survey',
  'smoke-test',
  'fake-door',
  'concierge',
  'wizard-of-oz',
  'prototype-test',
  'a-b-test',
  'pre-sale',
  'other',
] as const;
export type ExperimentMethod = (typeof EXPERIMENT_METHODS)[number];
export const EXPERIMENT_STATUSES = ['planned', 'running', 'completed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** The parts of a test card that are locked once the experiment starts. */
export const CRITERIA_FIELDS = [
  'hypothesis',
  'wrongWhen',
  'metric',
  'successThreshold',
  'killThreshold',
  'higherIsBetter',
  'minSample',
  'deadline',
] as const;
export type CriteriaField = (typeof CRITERIA_FIELDS)[number];

const CriterionValue = Nullable(Type.Union([Type.String({ maxLength: 1000 }), Measure(), Type.Boolean()]));

/** The criteria as registered when the experiment started: results are judged against these. */
export const LockedCriteria = Strict({
  lockedOn: DateOnly,
  hypothesis: Text(1000, 1),
  wrongWhen: Type.Optional(Text(1000)),
  metric: Text(200, 1),
  successThreshold: Type.Optional(Measure()),
  killThreshold: Type.Optional(Measure()),
  higherIsBetter: Type.Boolean(),
  minSample: Type.Optional(Count(1)),
  deadline: Type.Optional(DateOnly),
});
export type LockedCriteria = Static<typeof LockedCriteria>;

/** A change to a locked criterion: allowed, but recorded and flagged as moved goalposts. */
export const CriteriaChange = Strict({
  on: DateOnly,
  field: Enum(CRITERIA_FIELDS),
  from: CriterionValue,
  to: CriterionValue,
  reason: Text(1000, 1),
  by: Type.Optional(Text(120, 1)),
});
export type CriteriaChange = Static<typeof CriteriaChange>;

/** "We observed ...; therefore we will ...". */
export const LearningCard = Strict({
  observed: Text(2000, 1),
  therefore: Text(2000, 1),
});
export type LearningCard = Static<typeof LearningCard>;

/**
 * An experiment's test card as it travels in the opportunity file: "We believe <hypothesis> because <because>;
 * we will know we are wrong when <wrongWhen>", the method, the metric, success and kill thresholds, a minimum
 * sample and a deadline, the assumptions it tests, and once run, the result and the learning.
 */
export const ExperimentFields = Strict({
  ref: Type.Optional(Text(64, 1)),
  hypothesis: Text(1000, 1),
  because: Type.Optional(Text(1000)),
  wrongWhen: Type.Optional(Text(1000)),
  method: Enum(EXPERIMENT_METHODS),
  metric: Text(200, 1),
  successThreshold: Type.Optional(Measure()),
  killThreshold: Type.Optional(Measure()),
  higherIsBetter: Type.Optional(Type.Boolean({ default: true })),
  minSample: Type.Optional(Count(1)),
  deadline: Type.Optional(DateOnly),
  status: Enum(EXPERIMENT_STATUSES),
  tests: Type.Optional(Type.Array(Text(64, 1), { maxItems: 50, description: 'Assumption refs' })),
  observed: Type.Optional(Measure()),
  sample: Type.Optional(Count()),
  learning: Type.Optional(Text(2000)),
  learningCard: Type.Optional(LearningCard),
  goalpostsMoved: Type.Optional(Type.Boolean()),
  startedOn: Type.Optional(DateOnly),
  locked: Type.Optional(LockedCriteria),
  criteriaChanges: Type.Optional(Type.Array(CriteriaChange, { maxItems: 100 })),
});
export type ExperimentFields = Static<typeof ExperimentFields>;

/** A request to change an experiment's criteria; once it has started a reason is required and the change is recorded. */
export const CriteriaChangeRequest = Strict({
  hypothesis: Type.Optional(Text(1000, 1)),
  wrongWhen: Type.Optional(Nullable(Text(1000))),
  metric: Type.Optional(Text(200, 1)),
  successThreshold: Type.Optional(Nullable(Measure())),
  killThreshold: Type.Optional(Nullable(Measure())),
  higherIsBetter: Type.Optional(Type.Boolean()),
  minSample: Type.Optional(Nullable(Count(1))),
  deadline: Type.Optional(Nullable(DateOnly)),
  reason: Type.Optional(Text(1000, 1)),
});
export type CriteriaChangeRequest = Static<typeof CriteriaChangeRequest>;
