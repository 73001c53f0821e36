import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { closePortal, openPortal, portalInfo, portalState, submitThroughPortal } from '../../app/portal.ts';
import {
  PortalInfo,
  PortalLink,
  PortalReceipt,
  PortalState,
  PortalSubmission,
  Strict,
  Text,
} from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { rateLimited } from '../security.ts';
import { problems, typed, WsParams } from './common.ts';
import { linkUrl } from './members.ts';

export function portalRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['portal'];

  app.get(
    '/workspaces/:ws/portal',
    {
      config: { policy: policy.administer, readCache: 'never' },
      schema: {
        tags,
        summary: 'Whether the submission portal is open',
        params: WsParams,
        response: { 200: PortalState, ...problems },
      },
    },
    async (req) => portalState(ctx, req.params.ws),
  );

  app.post(
    '/workspaces/:ws/portal',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Open the submission portal, or replace its link: people without an account submit there, anonymously',
        params: WsParams,
        response: { 201: PortalLink, ...problems },
      },
    },
    async (req, reply) => {
      const { code } = await openPortal(ctx, req.params.ws);
      reply.status(201);
      return { url: linkUrl(req, 'portal', code), code };
    },
  );

  app.delete(
    '/workspaces/:ws/portal',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Close the submission portal (its link stops working)',
        params: WsParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await closePortal(ctx, req.params.ws);
      reply.status(204);
      return null;
    },
  );

  app.post(
    '/portal/inspect',
    {
      config: { policy: policy.public, ...rateLimited() },
      schema: {
        tags,
        summary: 'The workspace a portal link opens',
        body: Strict({ code: Text(200, 10) }),
        response: { 200: PortalInfo, ...problems },
      },
    },
    async (req) => portalInfo(ctx, req.body.code),
  );

  app.post(
    '/portal/ideas',
    {
      config: { policy: policy.public, ...rateLimited({ max: 20, timeWindow: 60_000 }) },
      schema: {
        tags,
        summary: 'Submit an idea through a portal link, anonymously: answers its receipt code, once',
        body: PortalSubmission,
        response: { 201: PortalReceipt, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return submitThroughPortal(ctx, req.body);
    },
  );
}
