import type { FastifyInstance } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import type { Actor, AppContext } from '../../app/context.ts';
import { deletePart, listParts, type PartName, restorePart, withRef } from '../../app/validation/parts.ts';
import { Id, Strict, WithVersion } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed } from './common.ts';

export const PartParams = Strict({ ...IdeaParams.properties, id: Id });

type Params = { ws: string; idea: string };
type PartParams = Params & { id: string };

/** A record kept per idea: its stored shape and the schemas of the bodies that create and change it. */
export interface PartRoutes<Create extends TSchema, Update extends TSchema> {
  name: PartName;
  tag: string;
  word: string;
  stored: TSchema;
  listSummary: string;
  create: {
    summary: string;
    body: Create;
    run(ctx: AppContext, p: Params, body: Static<Create>, actor: Actor | null): Promise<unknown>;
  };
  update: {
    summary: string;
    body: Update;
    run(ctx: AppContext, p: PartParams, body: Static<Update>, actor: Actor | null): Promise<unknown>;
  };
}

/**
 * The routes every record kept per idea has: list, add, change at a version, remove, restore. The bodies were
 * validated against `create.body` / `update.body`; TypeScript cannot resolve the type provider's conditional
 * type for a generic schema, so the one cast below names exactly that schema's type.
 */
export function partRoutes<Create extends TSchema, Update extends TSchema>(
  api: FastifyInstance,
  ctx: AppContext,
  spec: PartRoutes<Create, Update>,
) {
  const app = typed(api);
  const path = `/workspaces/:ws/ideas/:idea/${spec.name}`;
  const tags = [spec.tag];

  app.get(
    path,
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: spec.listSummary,
        params: IdeaParams,
        response: { 200: Type.Array(spec.stored), ...problems },
      },
    },
    async (req) =>
      listParts<{ ref?: string }>(ctx, req.params.ws, req.params.idea, spec.name).then((rows) => rows.map(withRef)),
  );
  app.post(
    path,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: spec.create.summary,
        params: IdeaParams,
        body: spec.create.body,
        response: { 201: spec.stored, ...problems },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return spec.create.run(ctx, req.params, req.body as Static<Create>, req.actor);
    },
  );
  app.patch(
    `${path}/:id`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: spec.update.summary,
        params: PartParams,
        body: spec.update.body,
        response: { 200: spec.stored, ...problems },
      },
    },
    async (req) => spec.update.run(ctx, req.params, req.body as Static<Update>, req.actor),
  );
  app.delete(
    `${path}/:id`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: `Remove ${spec.word} (kept, and restorable at the version it had)`,
        params: PartParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deletePart(ctx, req.params.ws, req.params.idea, spec.name, req.params.id, req.actor);
      return reply.status(204).send(null);
    },
  );
  app.post(
    `${path}/:id/restore`,
    {
      config: { policy: policy.contribute },
      schema: {
        tags,
        summary: `Restore ${spec.word} that was removed, as it was`,
        params: PartParams,
        body: WithVersion,
        response: { 200: spec.stored, ...problems },
      },
    },
    async (req) =>
      restorePart<{ ref?: string }>(
        ctx,
        req.params.ws,
        req.params.idea,
        spec.name,
        req.params.id,
        req.body.version,
        req.actor,
      ).then(withRef),
  );
}
