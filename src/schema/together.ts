import { type Static, Type } from 'typebox';
import { DEMAND_SIGNAL } from '../methodology/index.ts';
import { ActorRef, Enum, Id, Nullable, Strict, Text, Timestamp } from './common.ts';

/** Working together on an idea: comments, following, the inbox, and "I have this problem too". */

export const INBOX_KINDS = ['comment', 'mention', 'decision', 'result', 'merge'] as const;
export const InboxKind = Enum(INBOX_KINDS, 'What happened: a comment, a mention of you, a decision, a result, a merge');
export type InboxKind = Static<typeof InboxKind>;

export const Comment = Strict({
  id: Id,
  ideaId: Id,
  author: ActorRef,
  body: Type.String({ description: 'Markdown, as written' }),
  html: Type.String({
    description: 'The body rendered: every text escaped, no raw HTML, links only to http(s) and mailto',
  }),
  mentions: Type.Array(ActorRef, { description: 'Members the body names with @, resolved when it was written' }),
  createdAt: Timestamp,
});
export type Comment = Static<typeof Comment>;

export const CommentCreate = Strict({
  body: Text(5000, 1, { pattern: '\\S', description: 'Markdown; @Name mentions a member of the workspace' }),
});
export type CommentCreate = Static<typeof CommentCreate>;

export const FollowState = Strict({
  following: Type.Boolean({ description: 'Whether the acting member follows the idea' }),
  followers: Type.Integer({ minimum: 0, description: 'How many members follow it (who they are is not shown)' }),
});
export type FollowState = Static<typeof FollowState>;

export const DemandSignal = Strict({
  member: ActorRef,
  context: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const DemandSummary = Strict({
  count: Type.Integer({ minimum: 0, description: 'Colleagues who have the problem too' }),
  strength: Type.Literal(DEMAND_SIGNAL.strength, { description: 'The evidence strength each one counts as' }),
  mine: Type.Boolean({ description: 'Whether the acting member said so' }),
  signals: Type.Array(DemandSignal),
});
export type DemandSummary = Static<typeof DemandSummary>;

export const DemandPut = Strict({
  context: Type.Optional(
    Text(DEMAND_SIGNAL.contextMaxLength, 0, {
      pattern: '^[^\\r\\n]*$',
      description: 'One line: where you run into the problem',
    }),
  ),
});
export type DemandPut = Static<typeof DemandPut>;

export const InboxItem = Strict({
  id: Id,
  kind: InboxKind,
  idea: Strict({ id: Id, number: Type.Integer(), title: Type.String() }),
  actor: Nullable(ActorRef),
  summary: Type.String(),
  createdAt: Timestamp,
  readAt: Nullable(Timestamp),
});
export type InboxItem = Static<typeof InboxItem>;

export const InboxQuery = Strict({
  unread: Type.Optional(Type.Boolean({ description: 'Only unread items' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  before: Type.Optional(Id),
});
export type InboxQuery = Static<typeof InboxQuery>;

export const InboxRead = Strict({
  ids: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true })),
  all: Type.Optional(Type.Literal(true, { description: 'Mark every item read' })),
});
export type InboxRead = Static<typeof InboxRead>;

export const InboxUnread = Strict({ unread: Type.Integer({ minimum: 0 }) });
export type InboxUnread = Static<typeof InboxUnread>;
