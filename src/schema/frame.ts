import { type Static, Type } from 'typebox';
import { ActorRef, Measure, Nullable, Strict, Text, Timestamp } from './common.ts';

const Field = Text(4000);

export const GapMetric = Strict({
  metric: Text(200, 1),
  current: Measure(),
  target: Measure(),
  unit: Text(40),
});
export type GapMetric = Static<typeof GapMetric>;

/** The method's problem-framing template; every field is optional until the team knows it. */
export const FrameFields = Strict({
  environment: Type.Optional(Field),
  dynamics: Type.Optional(Field),
  who: Type.Optional(Field),
  currentState: Type.Optional(Field),
  idealState: Type.Optional(Field),
  gap: Type.Optional(Field),
  gapMetric: Type.Optional(Nullable(GapMetric)),
  coping: Type.Optional(Field),
  painEvidence: Type.Optional(Field),
});
export type FrameFields = Static<typeof FrameFields>;

/** An idea no one has framed yet has an empty frame: no fields, never saved, version 0. */
export const Frame = Strict({
  ...FrameFields.properties,
  updatedBy: Nullable(ActorRef),
  updatedAt: Nullable(Timestamp),
  version: Type.Integer({ minimum: 0, description: 'Send it back to write; 0: not written yet' }),
});
export type Frame = Static<typeof Frame>;

export const FramePut = Strict({
  ...FrameFields.properties,
  version: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Current frame version; 0 or absent when none exists yet.' }),
  ),
});
export type FramePut = Static<typeof FramePut>;
