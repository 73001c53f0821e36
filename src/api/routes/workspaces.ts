import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { membershipsByRef, membershipsOf } from '../../app/auth/accounts.ts';
import type { AppContext } from '../../app/context.ts';
import { aiSuggestionsAvailable } from '../../app/validation/challenge.ts';
import {
  createMember,
  createWorkspace,
  findWorkspace,
  listMembers,
  listWorkspaces,
  presentWorkspace,
  updateWorkspace,
} from '../../app/workspaces.ts';
import * as M from '../../methodology/index.ts';
import {
  Member,
  MemberCreate,
  Methodology,
  Strict,
  Workspace,
  WorkspaceCreate,
  WorkspaceCreated,
  WorkspaceUpdate,
} from '../../schema/index.ts';
import { refOf, userOf } from '../identity.ts';
import { policy } from '../policies.ts';
import { problems, typed, WsParams } from './common.ts';

export function workspaceRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['workspaces'];

  app.get(
    '/methodology',
    {
      config: { policy: policy.public },
      schema: {
        tags: ['meta'],
        summary: 'The method as data: stages, dimensions, templates, calibration',
        response: { 200: Methodology },
      },
    },
    async () => ({
      version: M.METHODOLOGY_VERSION,
      stages: [...M.STAGES],
      dimensions: [...M.DIMENSIONS],
      frameFields: [...M.FRAME_FIELDS],
      statementFields: [...M.IDEA_STATEMENT_FIELDS],
      evidenceKinds: [...M.EVIDENCE_KINDS],
      evidenceStrengths: [...M.EVIDENCE_STRENGTHS],
      evidenceFactors: M.EVIDENCE_FACTOR,
      confidenceFactors: M.CONFIDENCE_FACTOR,
      // Not the method, but what this server offers with it: the web app asks for AI suggestions only then.
      aiSuggestions: aiSuggestionsAvailable(),
    }),
  );

  app.get(
    '/workspaces',
    {
      config: { policy: policy.known, readCache: 'never' },
      schema: {
        tags,
        summary: 'The workspaces you are a member of',
        response: { 200: Type.Array(Workspace), ...problems },
      },
    },
    async (req) => {
      const all = await listWorkspaces(ctx);
      const caller = req.caller;
      // The machine's own user sees every workspace; anyone else those they belong to.
      if (caller.via === 'local' && !caller.ref) return all;
      const user = userOf(caller);
      const ref = refOf(caller);
      const mine = user
        ? await membershipsOf(ctx.store.db, user.id)
        : ref
          ? await membershipsByRef(ctx.store.db, ref)
          : [];
      const slugs = new Set(mine.map((m) => m.workspace.slug));
      return all.filter((w) => slugs.has(w.slug));
    },
  );

  app.post(
    '/workspaces',
    {
      config: { policy: policy.install },
      schema: {
        tags,
        summary: 'Create a workspace (and its first owner)',
        body: Strict({
          ...WorkspaceCreate.properties,
          owner: Type.Optional(Strict({ name: Type.String({ minLength: 1, maxLength: 120 }) })),
        }),
        response: { 201: WorkspaceCreated, ...problems },
      },
    },
    async (req, reply) => {
      const { owner, ...input } = req.body;
      const user = userOf(req.caller);
      reply.status(201);
      // Created by an account: that account is its owner. Otherwise (the CLI, a proxy) as the body says.
      return createWorkspace(
        ctx,
        input,
        user ? { name: owner?.name ?? user.name, email: user.email, userId: user.id } : owner,
      );
    },
  );

  app.get(
    '/workspaces/:ws',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'A workspace with its effective dimensions and weights',
        params: WsParams,
        response: { 200: Workspace, ...problems },
      },
    },
    async (req) => presentWorkspace(await findWorkspace(ctx.store.db, req.params.ws)),
  );

  app.patch(
    '/workspaces/:ws',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Rename, reweight or replace dimensions (recomputes every composite)',
        params: WsParams,
        body: WorkspaceUpdate,
        response: { 200: Workspace, ...problems },
      },
    },
    async (req) => updateWorkspace(ctx, req.params.ws, req.body, req.actor),
  );

  app.get(
    '/workspaces/:ws/members',
    {
      // Members see emails, others do not: one answer per caller.
      config: { policy: policy.read, readCache: 'per-actor' },
      schema: { tags, summary: 'List members', params: WsParams, response: { 200: Type.Array(Member), ...problems } },
    },
    async (req) => listMembers(ctx, req.params.ws, req.actor !== null || req.caller.via === 'local'),
  );

  app.post(
    '/workspaces/:ws/members',
    {
      config: { policy: policy.administer },
      schema: {
        tags,
        summary: 'Add a member',
        params: WsParams,
        body: MemberCreate,
        response: { 201: Member, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createMember(ctx, req.params.ws, req.body);
    },
  );
}
