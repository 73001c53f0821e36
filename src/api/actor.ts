import type { FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../app/context.ts';
import { findWorkspace, resolveActor } from '../app/workspaces.ts';

export const ACTOR_HEADER = 'vetted-actor';

/**
 * The acting member, named by the Vetted-Actor header (a member id). Vetted has no login of its own yet:
 * run it behind your organisation's proxy or SSO, which should set this header.
 */
export async function actorOf(ctx: AppContext, req: FastifyRequest, slug: string): Promise<Actor | null> {
  const header = req.headers[ACTOR_HEADER];
  const ref = Array.isArray(header) ? header[0] : header;
  if (!ref) return null;
  return resolveActor(ctx.store.db, await findWorkspace(ctx.store.db, slug), ref);
}
