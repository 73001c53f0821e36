import { type Static, Type } from 'typebox';
import { TRAIT_IDS } from '../methodology/index.ts';
import { ActorRef, DateOnly, Enum, Id, LongText, Nullable, Strict, Text, Version } from './common.ts';
import { TraitIdSchema, TraitScore } from './leadership.ts';

/**
 * The coaching practice (docs/leadership.md): a workspace's career ladder (levels × traits, as data) and
 * where a person stands on it; 1:1s between a mentor and a mentee, private to the two.
 */

export const CareerLadderSchema = Strict({
  id: Text(60, 1),
  name: Text(120, 1),
  origin: Enum(['method', 'vetted'] as const),
  levels: Type.Array(
    Strict({
      id: Text(60, 1),
      name: Text(120, 1),
      expected: Strict(
        Object.fromEntries(TRAIT_IDS.map((t) => [t, TraitScore])) as Record<
          (typeof TRAIT_IDS)[number],
          typeof TraitScore
        >,
      ),
    }),
    { minItems: 1, maxItems: 20 },
  ),
});

export const LadderState = Strict({
  ladder: CareerLadderSchema,
  /** False: the workspace has not set its own, and this is the sample ladder. */
  custom: Type.Boolean(),
  /** 0 until the workspace stores its own; send it back to write. */
  version: Type.Integer({ minimum: 0 }),
});
export type LadderState = Static<typeof LadderState>;

export const LadderPut = Strict({ version: Type.Integer({ minimum: 0 }), ladder: CareerLadderSchema });
export type LadderPut = Static<typeof LadderPut>;

const Standing = Strict({
  trait: TraitIdSchema,
  name: Type.String(),
  expected: Type.Integer(),
  actual: Nullable(Type.Number()),
  basis: Enum(['others', 'self', 'none'] as const),
  gap: Nullable(Type.Number()),
  meets: Nullable(Type.Boolean()),
});
export const LadderStanding = Strict({
  levelId: Type.String(),
  levelName: Type.String(),
  traits: Type.Array(Standing),
  meets: Type.Integer(),
  below: Type.Array(Standing),
  unrated: Type.Array(TraitIdSchema),
});
export type LadderStanding = Static<typeof LadderStanding>;

const Action = Strict({ text: Text(300, 1), done: Type.Boolean() });

export const OneOnOne = Strict({
  id: Id,
  mentor: ActorRef,
  mentee: ActorRef,
  heldOn: DateOnly,
  notes: Type.String(),
  /** Agreed actions; open ones carry over into the pair's next 1:1. */
  actions: Type.Array(Action),
  version: Version,
});
export type OneOnOne = Static<typeof OneOnOne>;

export const OneOnOneCreate = Strict({
  mentorId: Id,
  menteeId: Id,
  heldOn: DateOnly,
  notes: Type.Optional(LongText),
  actions: Type.Optional(Type.Array(Text(300, 1), { maxItems: 20, description: 'New actions agreed' })),
});
export type OneOnOneCreate = Static<typeof OneOnOneCreate>;

export const OneOnOneUpdate = Strict({
  version: Version,
  notes: Type.Optional(LongText),
  actions: Type.Optional(Type.Array(Action, { maxItems: 40 })),
});
export type OneOnOneUpdate = Static<typeof OneOnOneUpdate>;
