import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { decideMany } from '../../app/decisions.ts';
import { tagMany } from '../../app/ideas.ts';
import { deleteView, listViews, saveView } from '../../app/views.ts';
import {
  BulkDecided,
  BulkDecision,
  BulkTag,
  BulkTagged,
  Id,
  SavedView,
  SavedViewCreate,
  Strict,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { problems, typed, WsParams } from './common.ts';

/** Acting on many ideas at once, and each member's saved views of the list. */
export function findRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);

  app.post(
    '/workspaces/:ws/ideas/bulk/tags',
    {
      config: { policy: policy.contribute },
      schema: {
        tags: ['ideas'],
        summary: 'Add and remove tags on many ideas: all of them change, or none (each refusal is listed)',
        params: WsParams,
        body: BulkTag,
        response: { 200: BulkTagged, ...problems },
      },
    },
    async (req) => tagMany(ctx, req.params.ws, req.body, req.actor),
  );

  app.post(
    '/workspaces/:ws/ideas/bulk/decisions',
    {
      config: { policy: policy.decide },
      schema: {
        tags: ['decisions'],
        summary:
          'Move many ideas with one rationale: a decision on each, by the same gate rules as one move; all or none (each refusal is listed)',
        params: WsParams,
        body: BulkDecision,
        response: { 200: BulkDecided, ...problems },
      },
    },
    async (req) => decideMany(ctx, req.params.ws, req.body, req.actor),
  );

  const tags = ['views'];
  app.get(
    '/workspaces/:ws/views',
    {
      // Each member's own: never served from another member's cached answer.
      config: { policy: policy.personal, readCache: 'per-actor' },
      schema: {
        tags,
        summary: 'Your saved views of the idea list, by name',
        params: WsParams,
        response: { 200: Type.Array(SavedView), ...problems },
      },
    },
    async (req) => listViews(ctx, req.params.ws, req.actor),
  );

  app.post(
    '/workspaces/:ws/views',
    {
      config: { policy: policy.personal },
      schema: {
        tags,
        summary: 'Save the list’s filters and sort under a name, for yourself',
        params: WsParams,
        body: SavedViewCreate,
        response: { 201: SavedView, ...problems },
      },
    },
    async (req, reply) => {
      const view = await saveView(ctx, req.params.ws, req.body, req.actor);
      reply.status(201);
      return view;
    },
  );

  app.delete(
    '/workspaces/:ws/views/:view',
    {
      config: { policy: policy.personal },
      schema: {
        tags,
        summary: 'Delete one of your saved views',
        params: Strict({ ws: WsParams.properties.ws, view: Id }),
        response: { 200: SavedView, ...problems },
      },
    },
    async (req) => deleteView(ctx, req.params.ws, req.params.view, req.actor),
  );
}
