import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { followReceipt } from '../../app/decisions.ts';
import { createIdea, getIdea, listIdeas, setArchived, similarIdeas, updateIdea } from '../../app/ideas.ts';
import {
  Idea,
  IdeaCreate,
  IdeaCreated,
  IdeaListQuery,
  IdeaPage,
  IdeaUpdate,
  ReceiptLookup,
  SimilarIdea,
  Strict,
  WithVersion,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed, WsParams } from './common.ts';

export function ideaRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['ideas'];

  app.get(
    '/workspaces/:ws/ideas',
    {
      // `mine=true` answers differently for each acting member.
      config: { policy: policy.read, readCache: 'per-actor' },
      schema: {
        tags,
        summary: 'List ideas: filter by stage, tag or text; sort by score, adjusted score, updated or number',
        params: WsParams,
        querystring: IdeaListQuery,
        response: { 200: IdeaPage, ...problems },
      },
    },
    async (req) => listIdeas(ctx, req.params.ws, req.query, req.query.mine ? req.actor : null),
  );

  app.post(
    '/workspaces/:ws/ideas',
    {
      config: { policy: policy.submit },
      schema: {
        tags,
        summary: 'Submit an idea (anonymously if asked: then nothing about the submitter is stored)',
        params: WsParams,
        body: IdeaCreate,
        response: { 201: IdeaCreated, ...problems },
      },
    },
    async (req, reply) => {
      // An anonymous submission never looks at who is asking, so nothing about them can be recorded.
      const actor = req.body.anonymous ? null : req.actor;
      const result = await createIdea(ctx, req.params.ws, req.body, actor, 'api');
      reply.status(201);
      return result;
    },
  );

  app.get(
    '/workspaces/:ws/ideas/similar',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'Ideas similar to a text (trigram similarity), to catch duplicates before they are sent',
        params: WsParams,
        querystring: Strict({
          text: Type.String({ minLength: 1, maxLength: 1000 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
        }),
        response: { 200: Type.Array(SimilarIdea), ...problems },
      },
    },
    async (req) => similarIdeas(ctx, req.params.ws, req.query.text, req.query.limit),
  );

  app.get(
    '/workspaces/:ws/ideas/:idea',
    {
      config: { policy: policy.read },
      schema: { tags, summary: 'One idea', params: IdeaParams, response: { 200: Idea, ...problems } },
    },
    async (req, reply) => {
      const idea = await getIdea(ctx, req.params.ws, req.params.idea);
      reply.header('etag', `"${idea.version}"`);
      return idea;
    },
  );

  app.patch(
    '/workspaces/:ws/ideas/:idea',
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: 'Edit an idea',
        params: IdeaParams,
        body: IdeaUpdate,
        response: { 200: Idea, ...problems },
      },
    },
    async (req) => updateIdea(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );

  for (const [action, archived, summary] of [
    [
      'archive',
      true,
      'Archive an idea (a soft delete): it leaves lists, boards and similar ideas, and can be restored',
    ],
    ['restore', false, 'Restore an archived idea as it was'],
  ] as const) {
    app.post(
      `/workspaces/:ws/ideas/:idea/${action}`,
      {
        config: { policy: policy.decide },
        schema: { tags, summary, params: IdeaParams, body: WithVersion, response: { 200: Idea, ...problems } },
      },
      async (req) => setArchived(ctx, req.params.ws, req.params.idea, req.body.version, archived, req.actor),
    );
  }

  app.post(
    '/receipts/lookup',
    {
      config: { policy: policy.public },
      schema: {
        tags,
        summary: 'Follow an anonymous idea with its receipt code: where it stands and every decision with its reasons',
        body: Strict({ code: Type.String({ minLength: 8, maxLength: 64 }) }),
        response: {
          200: ReceiptLookup,
          ...problems,
        },
      },
    },
    async (req) => followReceipt(ctx, req.body.code),
  );
}
