import { type Static, Type } from 'typebox';
import { ActorRef, Enum, Id, Strict, Text, Timestamp, Version } from './common.ts';

export const Slug = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]*[a-z0-9]$' });

export const DimensionSpec = Strict({
  id: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9-]*$' }),
  name: Text(80, 1),
  origin: Enum(['method', 'vetted', 'workspace']),
  description: Text(500),
  weight: Type.Number({ minimum: 0, maximum: 10 }),
  anchors: Type.Array(Text(300, 1), { minItems: 5, maxItems: 5 }),
  questions: Type.Array(Text(300, 1), { maxItems: 10 }),
});
export type DimensionSpec = Static<typeof DimensionSpec>;

export const Weights = Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 10 }));
export type Weights = Static<typeof Weights>;

export const Workspace = Strict({
  id: Id,
  slug: Slug,
  name: Type.String(),
  /** The dimensions this workspace assesses on, with their weights: the method's, or its own. */
  dimensions: Type.Array(DimensionSpec),
  customDimensions: Type.Boolean({ description: 'True when the workspace replaced the default dimensions.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type Workspace = Static<typeof Workspace>;

export const WorkspaceCreate = Strict({ slug: Slug, name: Text(120, 1) });
export type WorkspaceCreate = Static<typeof WorkspaceCreate>;

export const WorkspaceUpdate = Strict({
  version: Version,
  name: Type.Optional(Text(120, 1)),
  /** Reweight the current dimensions by id (unknown ids are an error). */
  weights: Type.Optional(Weights),
  /** Rename or replace the dimensions as a whole; `null` restores the method's defaults. */
  dimensions: Type.Optional(Type.Union([Type.Array(DimensionSpec, { minItems: 1, maxItems: 20 }), Type.Null()])),
});
export type WorkspaceUpdate = Static<typeof WorkspaceUpdate>;

/**
 * Roles in a workspace, most powerful first: an owner runs the workspace (members, settings, weights,
 * templates), a leader decides at gates, a contributor submits and works on ideas, a viewer reads. What
 * each may do is decided in one place: src/api/policies.ts.
 */
export const ROLES = ['owner', 'leader', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** Names files written before the roles were settled still use; import reads them as these roles. */
export const LEGACY_ROLES = { lead: 'leader', member: 'contributor' } as const satisfies Record<string, Role>;
export const roleFromFile = (name: string | undefined): Role | undefined =>
  name === undefined ? undefined : ((LEGACY_ROLES as Record<string, Role>)[name] ?? (name as Role));
export const Member = Strict({
  id: Id,
  workspaceId: Id,
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Enum(ROLES),
  createdAt: Timestamp,
  version: Version,
});
export type Member = Static<typeof Member>;

export const MemberCreate = Strict({
  name: Text(120, 1),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  role: Type.Optional(Enum(ROLES)),
});
export type MemberCreate = Static<typeof MemberCreate>;

export { ActorRef };
