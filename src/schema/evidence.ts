import { type Static, Type } from 'typebox';
import { EVIDENCE_KINDS, EVIDENCE_STRENGTHS } from '../methodology/index.ts';
import { ActorRef, DateOnly, Enum, Id, Nullable, Strict, Text, Timestamp, Version, WebUrl } from './common.ts';

export const EvidenceKind = Enum(EVIDENCE_KINDS);
export const EvidenceStrength = Enum(EVIDENCE_STRENGTHS, 'anecdote < interview < survey < experiment < paying');
export const DimensionIds = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
  maxItems: 20,
  uniqueItems: true,
});

export const EvidenceLink = Strict({ ideaId: Id, dimensions: DimensionIds });

export const Evidence = Strict({
  id: Id,
  workspaceId: Id,
  kind: EvidenceKind,
  summary: Type.String(),
  source: Type.String(),
  observedOn: DateOnly,
  strength: EvidenceStrength,
  url: Nullable(Type.String()),
  links: Type.Array(EvidenceLink),
  createdBy: Nullable(ActorRef),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type Evidence = Static<typeof Evidence>;

export const EvidenceFields = {
  kind: EvidenceKind,
  summary: Text(4000, 1),
  source: Text(300, 1),
  observedOn: DateOnly,
  strength: EvidenceStrength,
  url: Type.Optional(Nullable(WebUrl)),
};

export const EvidenceCreate = Strict({ ...EvidenceFields, dimensions: Type.Optional(DimensionIds) });
export type EvidenceCreate = Static<typeof EvidenceCreate>;

export const EvidenceUpdate = Strict({
  kind: Type.Optional(EvidenceFields.kind),
  summary: Type.Optional(EvidenceFields.summary),
  source: Type.Optional(EvidenceFields.source),
  observedOn: Type.Optional(EvidenceFields.observedOn),
  strength: Type.Optional(EvidenceFields.strength),
  url: EvidenceFields.url,
  version: Version,
});
export type EvidenceUpdate = Static<typeof EvidenceUpdate>;

export const EvidenceLinkPut = Strict({ dimensions: DimensionIds });
