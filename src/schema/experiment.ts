import { type Static, Type } from 'typebox';
import { DateOnly, Enum, Strict, Text } from './common.ts';

export const EXPERIMENT_METHODS = [
  'interviews',
  'survey',
  'smoke-test',
  'fake-door',
  'concierge',
  'prototype-test',
  'a-b-test',
  'pre-sale',
  'other',
] as const;
export const EXPERIMENT_STATUSES = ['planned', 'running', 'completed'] as const;

/** An experiment's test card as it travels in the opportunity file. */
export const ExperimentFields = Strict({
  ref: Type.Optional(Text(64, 1)),
  hypothesis: Text(1000, 1),
  because: Type.Optional(Text(1000)),
  wrongWhen: Type.Optional(Text(1000)),
  method: Enum(EXPERIMENT_METHODS),
  metric: Text(200, 1),
  successThreshold: Type.Optional(Type.Number()),
  killThreshold: Type.Optional(Type.Number()),
  higherIsBetter: Type.Optional(Type.Boolean({ default: true })),
  minSample: Type.Optional(Type.Integer({ minimum: 1 })),
  deadline: Type.Optional(DateOnly),
  status: Enum(EXPERIMENT_STATUSES),
  tests: Type.Optional(Type.Array(Text(64, 1), { maxItems: 50, description: 'Assumption refs' })),
  observed: Type.Optional(Type.Number()),
  sample: Type.Optional(Type.Integer({ minimum: 0 })),
  learning: Type.Optional(Text(2000)),
  goalpostsMoved: Type.Optional(Type.Boolean()),
});
export type ExperimentFields = Static<typeof ExperimentFields>;
