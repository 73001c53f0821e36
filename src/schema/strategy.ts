import { type Static, Type } from 'typebox';
import { ROADMAP_COLUMN_IDS, STRATEGY } from '../methodology/index.ts';
import { ActorRef, DateOnly, Enum, Id, Nullable, Strict, Text, Timestamp, Version } from './common.ts';
import { Stage } from './idea.ts';

/**
 * Strategy and the roadmap (issue 14, points 5 and 6): the workspace's goals, its North Star metric, the team
 * objectives with a named owner of each key metric, which ideas serve them, and Now / Next / Later.
 */
const { limits } = STRATEGY;
const ObjectiveTitle = Text(160, 1, { pattern: '\\S' });
const Metric = Text(200, 1, { pattern: '\\S' });

export const IdeaBrief = Strict({ number: Type.Integer(), title: Type.String(), stage: Stage });
export type IdeaBrief = Static<typeof IdeaBrief>;

export const Objective = Strict({
  id: Id,
  title: Type.String(),
  keyMetric: Type.String(),
  target: Nullable(Type.String()),
  owner: ActorRef,
  /** The ideas that serve it (merged and archived ones left out), by number. */
  ideas: Type.Array(IdeaBrief),
  updatedAt: Timestamp,
  version: Version,
});
export type Objective = Static<typeof Objective>;

export const Strategy = Strict({
  goals: Type.Array(Type.String()),
  northStar: Type.String({ description: 'The North Star metric; empty until one is set.' }),
  definition: Type.String(),
  objectives: Type.Array(Objective),
  updatedAt: Nullable(Timestamp),
  updatedBy: Nullable(ActorRef),
  /** Send it back with an update; 1 before anything was set. */
  version: Version,
});
export type Strategy = Static<typeof Strategy>;

export const StrategyUpdate = Strict({
  version: Version,
  goals: Type.Optional(Type.Array(Text(300, 1, { pattern: '\\S' }), { maxItems: limits.goals })),
  northStar: Type.Optional(Text(200)),
  definition: Type.Optional(Text(1000)),
});
export type StrategyUpdate = Static<typeof StrategyUpdate>;

export const ObjectiveCreate = Strict({
  title: ObjectiveTitle,
  keyMetric: Metric,
  target: Type.Optional(Text(200)),
  /** The member who owns the key metric: an id or an email. */
  owner: Text(200, 1),
});
export type ObjectiveCreate = Static<typeof ObjectiveCreate>;

export const ObjectiveUpdate = Strict({
  version: Version,
  title: Type.Optional(ObjectiveTitle),
  keyMetric: Type.Optional(Metric),
  target: Type.Optional(Nullable(Text(200))),
  owner: Type.Optional(Text(200, 1)),
});
export type ObjectiveUpdate = Static<typeof ObjectiveUpdate>;

/** Which objectives an idea serves, replaced as a whole under the idea's version. */
export const IdeaObjectivesUpdate = Strict({
  version: Version,
  objectives: Type.Array(Id, { maxItems: limits.objectivesPerIdea, uniqueItems: true }),
});
export type IdeaObjectivesUpdate = Static<typeof IdeaObjectivesUpdate>;

export const IdeaObjectives = Strict({
  /** The idea's version after the change. */
  version: Version,
  objectives: Type.Array(Strict({ id: Id, title: Type.String() })),
});
export type IdeaObjectives = Static<typeof IdeaObjectives>;

export const RoadmapColumnId = Enum(ROADMAP_COLUMN_IDS, 'Now, next or later');

/** An idea on the roadmap: what a stakeholder may see, nothing more (no ids, no submitter, no scores). */
export const RoadmapItem = Strict({
  number: Type.Integer(),
  title: Type.String(),
  stage: Stage,
  /** The day it entered its stage (its last gate decision), else the day it was submitted. */
  since: DateOnly,
  /** A parked idea's review date, from its park decision. */
  reviewOn: Nullable(DateOnly),
  objectives: Type.Array(Type.String()),
});
export type RoadmapItem = Static<typeof RoadmapItem>;

export const Roadmap = Strict({
  workspace: Type.String({ description: "The workspace's name" }),
  northStar: Type.String(),
  columns: Type.Array(
    Strict({
      id: RoadmapColumnId,
      name: Type.String(),
      meaning: Type.String(),
      items: Type.Array(RoadmapItem),
      /** Ideas in the column beyond those listed. */
      more: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type Roadmap = Static<typeof Roadmap>;

export const RoadmapShare = Strict({
  id: Id,
  label: Type.String(),
  createdBy: Nullable(ActorRef),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
});
export type RoadmapShare = Static<typeof RoadmapShare>;

export const RoadmapShareCreate = Strict({ label: Text(120, 1, { pattern: '\\S' }) });
export type RoadmapShareCreate = Static<typeof RoadmapShareCreate>;

/** A new link: the URL and code are shown once; only their hash is kept. */
export const RoadmapShareCreated = Strict({ share: RoadmapShare, url: Type.String(), code: Type.String() });
export type RoadmapShareCreated = Static<typeof RoadmapShareCreated>;

export const RoadmapShareCode = Strict({ code: Text(200, 10) });
export type RoadmapShareCode = Static<typeof RoadmapShareCode>;
