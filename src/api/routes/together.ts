import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { addComment, listComments } from '../../app/comments.ts';
import type { AppContext } from '../../app/context.ts';
import { getDemand, getFollow, setDemand, setFollow } from '../../app/following.ts';
import { inboxUnread, listInbox, markRead } from '../../app/inbox.ts';
import { DEMAND_SIGNAL } from '../../methodology/index.ts';
import {
  Comment,
  CommentCreate,
  DemandPut,
  DemandSummary,
  FollowState,
  InboxPage,
  InboxQuery,
  InboxRead,
  InboxUnread,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed, WsParams } from './common.ts';

/**
 * Working together: comments (a viewer reads them, a contributor writes them), following and the inbox
 * (each member their own, any role), and "I have this problem too" (a contributor says it).
 */
export function togetherRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const base = '/workspaces/:ws/ideas/:idea';

  app.get(
    `${base}/comments`,
    {
      config: { policy: policy.read },
      schema: {
        tags: ['together'],
        summary: 'Comments on the idea, oldest first, with their Markdown rendered safely',
        params: IdeaParams,
        response: { 200: Type.Array(Comment), ...problems },
      },
    },
    async (req) => listComments(ctx, req.params.ws, req.params.idea),
  );
  app.post(
    `${base}/comments`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['together'],
        summary:
          'Comment on the idea (Markdown; @Name mentions a member, who is told in their inbox and follows the idea from then on)',
        params: IdeaParams,
        body: CommentCreate,
        response: { 201: Comment, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addComment(ctx, req.params.ws, req.params.idea, req.body, req.actor);
    },
  );

  const followRoute = (method: 'GET' | 'PUT' | 'DELETE', summary: string) =>
    app.route({
      method,
      url: `${base}/follow`,
      // Each member's own answer: never served from the read cache to another member.
      config: { policy: policy.personal, readCache: 'per-actor' },
      schema: { tags: ['together'], summary, params: IdeaParams, response: { 200: FollowState, ...problems } },
      handler: async (req) =>
        method === 'GET'
          ? getFollow(ctx, req.params.ws, req.params.idea, req.actor)
          : setFollow(ctx, req.params.ws, req.params.idea, method === 'PUT', req.actor),
    });
  followRoute('GET', 'Whether the acting member follows the idea, and how many do');
  followRoute('PUT', "Follow the idea: its decisions, results, merges and comments come to the member's inbox");
  followRoute('DELETE', 'Stop following the idea');

  app.get(
    `${base}/demand`,
    {
      config: { policy: policy.read, readCache: 'per-actor' },
      schema: {
        tags: ['together'],
        summary: `"${DEMAND_SIGNAL.label}": who said so, with their context (${DEMAND_SIGNAL.strength}-strength demand evidence; a count, never a score)`,
        params: IdeaParams,
        response: { 200: DemandSummary, ...problems },
      },
    },
    async (req) => getDemand(ctx, req.params.ws, req.params.idea, req.actor),
  );
  app.put(
    `${base}/demand`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['together'],
        summary: `Say "${DEMAND_SIGNAL.label}", with an optional line of context (saying it again replaces the line)`,
        params: IdeaParams,
        body: DemandPut,
        response: { 200: DemandSummary, ...problems },
      },
    },
    async (req) => setDemand(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );
  app.delete(
    `${base}/demand`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['together'],
        summary: `Take back "${DEMAND_SIGNAL.label}"`,
        params: IdeaParams,
        response: { 200: DemandSummary, ...problems },
      },
    },
    async (req) => setDemand(ctx, req.params.ws, req.params.idea, null, req.actor),
  );

  app.get(
    '/workspaces/:ws/inbox',
    {
      config: { policy: policy.personal, readCache: 'per-actor' },
      schema: {
        tags: ['together'],
        summary:
          "The acting member's inbox, newest first: decisions, results, merges and comments on ideas they follow, and mentions",
        params: WsParams,
        querystring: InboxQuery,
        response: { 200: InboxPage, ...problems },
      },
    },
    async (req) => listInbox(ctx, req.params.ws, req.query, req.actor),
  );
  app.get(
    '/workspaces/:ws/inbox/unread',
    {
      config: { policy: policy.personal, readCache: 'per-actor' },
      schema: {
        tags: ['together'],
        summary: "How many of the acting member's inbox items are unread (the header's count)",
        params: WsParams,
        response: { 200: InboxUnread, ...problems },
      },
    },
    async (req) => inboxUnread(ctx, req.params.ws, req.actor),
  );
  app.post(
    '/workspaces/:ws/inbox/read',
    {
      config: { policy: policy.personal },
      schema: {
        tags: ['together'],
        summary: 'Mark inbox items read: the given ids, or all',
        params: WsParams,
        body: InboxRead,
        response: { 200: InboxUnread, ...problems },
      },
    },
    async (req) => markRead(ctx, req.params.ws, req.body, req.actor),
  );
}
