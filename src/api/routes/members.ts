import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { createInvite, INVITE_HOURS, issueReset, listInvites, revokeInvite } from '../../app/auth/links.ts';
import type { AppContext } from '../../app/context.ts';
import { getMember, removeMember, updateMember } from '../../app/workspaces.ts';
import { Invite, InviteCreate, LinkIssued, Member, MemberUpdate, Strict } from '../../schema/index.ts';
import { userOf } from '../identity.ts';
import { policy } from '../policies.ts';
import { problems, typed, WsParams } from './common.ts';

const MemberParams = Strict({ ...WsParams.properties, member: Type.String({ minLength: 1, maxLength: 64 }) });
const InviteParams = Strict({ ...WsParams.properties, invite: Type.String({ minLength: 4, maxLength: 64 }) });

/**
 * Where a link opens: the configured public address, else the one the request came to. The code goes in
 * the fragment (`#…`), which browsers never send to a server nor put in a Referer.
 */
export function linkUrl(
  req: FastifyRequest,
  page: 'join' | 'reset' | 'portal' | 'rate' | 'roadmap',
  code: string,
): string {
  const base = process.env.VETTED_PUBLIC_URL?.trim().replace(/\/+$/, '') || `${req.protocol}://${req.host}`;
  return `${base}/${page}#${code}`;
}

export function memberRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['workspaces'];

  app.get(
    '/workspaces/:ws/members/:member',
    {
      config: { policy: policy.read },
      schema: { tags, summary: 'One member', params: MemberParams, response: { 200: Member, ...problems } },
    },
    async (req) => getMember(ctx, req.params.ws, req.params.member),
  );

  app.patch(
    '/workspaces/:ws/members/:member',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: "Change a member's role (a workspace keeps at least one owner)",
        params: MemberParams,
        body: MemberUpdate,
        response: { 200: Member, ...problems },
      },
    },
    async (req) => updateMember(ctx, req.params.ws, req.params.member, req.body),
  );

  app.delete(
    '/workspaces/:ws/members/:member',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Remove a member: access ends at once, their work keeps their name',
        params: MemberParams,
        response: { 200: Member, ...problems },
      },
    },
    async (req) => removeMember(ctx, req.params.ws, req.params.member),
  );

  app.post(
    '/workspaces/:ws/members/:member/password-reset',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary:
          "A one-time link (24 hours) that sets a member's password: pass it on yourself, no email server needed",
        params: MemberParams,
        response: { 201: LinkIssued, ...problems },
      },
    },
    async (req, reply) => {
      const { code, expiresAt } = await issueReset(ctx, req.params.ws, req.params.member, {
        userId: userOf(req.caller)?.id ?? null,
        memberId: req.actor!.id,
      });
      reply.status(201);
      return { url: linkUrl(req, 'reset', code), code, expiresAt };
    },
  );

  app.get(
    '/workspaces/:ws/invites',
    {
      config: { policy: policy.administer, readCache: 'never' },
      schema: {
        tags,
        summary: 'Open invitations (unused, unexpired)',
        params: WsParams,
        response: { 200: Type.Array(Invite), ...problems },
      },
    },
    async (req) => listInvites(ctx, req.params.ws),
  );

  app.post(
    '/workspaces/:ws/invites',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary:
          'Invite by link: one person joins with the role; the link works once, until it expires (a week unless said)',
        params: WsParams,
        body: InviteCreate,
        response: { 201: LinkIssued, ...problems },
      },
    },
    async (req, reply) => {
      const { code, expiresAt } = await createInvite(
        ctx,
        req.params.ws,
        req.body.role,
        req.body.expiresInHours ?? INVITE_HOURS,
        req.actor!.id,
      );
      reply.status(201);
      return { url: linkUrl(req, 'join', code), code, expiresAt };
    },
  );

  app.delete(
    '/workspaces/:ws/invites/:invite',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Revoke an invitation',
        params: InviteParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await revokeInvite(ctx, req.params.ws, req.params.invite);
      reply.status(204);
      return null;
    },
  );
}
