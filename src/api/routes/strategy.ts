import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { createShare, getRoadmap, listShares, revokeShare, sharedRoadmap } from '../../app/roadmap.ts';
import {
  createObjective,
  deleteObjective,
  getIdeaObjectives,
  getStrategy,
  setIdeaObjectives,
  updateObjective,
  updateStrategy,
} from '../../app/strategy.ts';
import {
  IdeaObjectives,
  IdeaObjectivesUpdate,
  Objective,
  ObjectiveCreate,
  ObjectiveUpdate,
  Roadmap,
  RoadmapShare,
  RoadmapShareCode,
  RoadmapShareCreate,
  RoadmapShareCreated,
  Strategy,
  StrategyUpdate,
  Strict,
  Version,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { rateLimited } from '../security.ts';
import { IdeaParams, problems, typed, WsParams } from './common.ts';
import { linkUrl } from './members.ts';

const ObjectiveParams = Strict({ ...WsParams.properties, objective: Type.String({ minLength: 1, maxLength: 64 }) });
const ShareParams = Strict({ ...WsParams.properties, share: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Strategy (goals, North Star, objectives with their owners, which ideas serve them) and the roadmap with its
 * share links. Every member reads the strategy and the roadmap; leaders and owners edit the strategy and hand
 * out or revoke links, as they decide at the gates; contributors link the ideas they work on.
 */
export function strategyRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['strategy'];

  app.get(
    '/workspaces/:ws/strategy',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: "The workspace's goals, North Star metric and team objectives (each with its key metric's owner)",
        params: WsParams,
        response: { 200: Strategy, ...problems },
      },
    },
    async (req) => getStrategy(ctx, req.params.ws),
  );

  app.patch(
    '/workspaces/:ws/strategy',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Set the goals, the North Star metric and its definition (version 1 before anything was set)',
        params: WsParams,
        body: StrategyUpdate,
        response: { 200: Strategy, ...problems },
      },
    },
    async (req) => updateStrategy(ctx, req.params.ws, req.body, req.actor),
  );

  app.post(
    '/workspaces/:ws/objectives',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Add a team objective with its key metric and the member who owns it',
        params: WsParams,
        body: ObjectiveCreate,
        response: { 201: Objective, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createObjective(ctx, req.params.ws, req.body, req.actor);
    },
  );

  app.patch(
    '/workspaces/:ws/objectives/:objective',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: "Change an objective's title, key metric, target or owner",
        params: ObjectiveParams,
        body: ObjectiveUpdate,
        response: { 200: Objective, ...problems },
      },
    },
    async (req) => updateObjective(ctx, req.params.ws, req.params.objective, req.body, req.actor),
  );

  app.delete(
    '/workspaces/:ws/objectives/:objective',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Delete an objective at its version; the ideas that served it are unlinked',
        params: ObjectiveParams,
        querystring: Strict({ version: Version }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteObjective(ctx, req.params.ws, req.params.objective, req.query.version, req.actor);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/objectives',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'The objectives an idea serves, with the idea version to send back when changing them',
        params: IdeaParams,
        response: { 200: IdeaObjectives, ...problems },
      },
    },
    async (req) => getIdeaObjectives(ctx, req.params.ws, req.params.idea),
  );

  app.put(
    '/workspaces/:ws/ideas/:idea/objectives',
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: 'Say which objectives an idea serves (replaces the list; evidence of its strategic fit)',
        params: IdeaParams,
        body: IdeaObjectivesUpdate,
        response: { 200: IdeaObjectives, ...problems },
      },
    },
    async (req) => setIdeaObjectives(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );

  app.get(
    '/workspaces/:ws/roadmap',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'Now / Next / Later, from stages and gate decisions',
        params: WsParams,
        response: { 200: Roadmap, ...problems },
      },
    },
    async (req) => getRoadmap(ctx, req.params.ws),
  );

  app.get(
    '/workspaces/:ws/roadmap/shares',
    {
      config: { policy: policy.decide, readCache: 'never' },
      schema: {
        tags,
        summary: 'The read-only roadmap links handed out, revoked ones included',
        params: WsParams,
        response: { 200: Type.Array(RoadmapShare), ...problems },
      },
    },
    async (req) => listShares(ctx, req.params.ws),
  );

  app.post(
    '/workspaces/:ws/roadmap/shares',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Make a read-only roadmap link for people without an account (its code is shown once)',
        params: WsParams,
        body: RoadmapShareCreate,
        response: { 201: RoadmapShareCreated, ...problems },
      },
    },
    async (req, reply) => {
      const { share, code } = await createShare(ctx, req.params.ws, req.body, req.actor);
      reply.status(201);
      return { share, url: linkUrl(req, 'roadmap', code), code };
    },
  );

  app.post(
    '/workspaces/:ws/roadmap/shares/:share/revoke',
    {
      config: { policy: policy.decide },
      schema: {
        tags,
        summary: 'Revoke a roadmap link: it opens nothing from now on',
        params: ShareParams,
        response: { 200: RoadmapShare, ...problems },
      },
    },
    async (req) => revokeShare(ctx, req.params.ws, req.params.share, req.actor),
  );

  app.post(
    '/roadmap/shared',
    {
      // The code travels in the body, not the URL, so it stays out of access logs; nothing is written.
      config: { policy: policy.public, audit: 'unrecorded', ...rateLimited() },
      schema: {
        tags,
        summary: 'The roadmap a share link opens, read-only, without an account',
        body: RoadmapShareCode,
        response: { 200: Roadmap, ...problems },
      },
    },
    async (req) => sharedRoadmap(ctx, req.body.code),
  );
}
