import { type Static, Type } from 'typebox';
import { RATING_MAX, RATING_MIN } from '../methodology/index.ts';
import { Id, Nullable, Strict, Timestamp, Version } from './common.ts';

/**
 * The psychological-safety pulse (docs/leadership.md): rounds a leader opens for the workspace's team,
 * answered anonymously, shown once closed and only with enough answers. The view shapes mirror
 * src/domain/leadership/pulse.ts.
 */

const StatementView = Type.Union([
  Strict({
    id: Type.String(),
    text: Type.String(),
    shown: Type.Literal(true),
    answers: Type.Integer(),
    mean: Type.Number(),
    safety: Type.Number(),
  }),
  Strict({ id: Type.String(), text: Type.String(), shown: Type.Literal(false), message: Type.String() }),
]);

export const PulseView = Type.Union([
  Strict({
    shown: Type.Literal(true),
    answers: Type.Integer(),
    index: Nullable(Type.Number()),
    statements: Type.Array(StatementView),
  }),
  Strict({ shown: Type.Literal(false), message: Type.String() }),
]);

export const PulseRound = Strict({
  id: Id,
  openedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  /** Whether you answered this round (only ever your own; nobody learns who else did). */
  answeredByMe: Type.Boolean(),
  /** The result, once closed; null while open, so no one watches it change answer by answer. */
  result: Nullable(PulseView),
  version: Version,
});
export type PulseRound = Static<typeof PulseRound>;

export const PulseOverview = Strict({
  statements: Type.Array(Strict({ id: Type.String(), text: Type.String(), reversed: Type.Boolean() })),
  minAnswers: Type.Integer(),
  rounds: Type.Array(PulseRound),
  trend: Strict({
    points: Type.Array(Strict({ roundId: Type.String(), on: Type.String(), index: Nullable(Type.Number()) })),
    change: Nullable(
      Strict({
        from: Type.Number(),
        to: Type.Number(),
        delta: Type.Number(),
        direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('steady')]),
      }),
    ),
  }),
});
export type PulseOverview = Static<typeof PulseOverview>;

export const PulseAnswer = Strict({
  answers: Type.Record(Type.String({ maxLength: 60 }), Type.Integer({ minimum: RATING_MIN, maximum: RATING_MAX }), {
    description: 'Statement id → 1 (strongly disagree) … 5 (strongly agree); leave out what you skip',
    maxProperties: 20,
  }),
});
export type PulseAnswer = Static<typeof PulseAnswer>;
