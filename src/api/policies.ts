import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { findWorkspace, isInstallAdmin, memberFor, workspaceCount } from '../app/workspaces.ts';
import type { Role } from '../schema/index.ts';
import { badText } from './storable.ts';

/**
 * Who may do what, in one place. Every API route declares a policy in its config; a route without one
 * cannot be registered (see `enforcePolicies`), and test/api/policies.test.ts walks every route in the
 * OpenAPI document with every role to check the answers match what is declared here.
 *
 * Identity is the acting member named by the Vetted-Actor header (a member id or email) until Vetted has
 * sign-in of its own: then only where the request comes from comes from here.
 */

/** What a route needs from the acting member of its workspace. */
export type Permission = 'read' | 'submit' | 'contribute' | 'decide' | 'administer';

/** The least role holding each permission; each role holds everything the roles below it hold. */
export const LEAST_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  submit: 'contributor',
  contribute: 'contributor',
  decide: 'leader',
  administer: 'owner',
};
const RANK: Record<Role, number> = { viewer: 0, contributor: 1, leader: 2, owner: 3 };
export const can = (role: Role, permission: Permission): boolean => RANK[role] >= RANK[LEAST_ROLE[permission]];

export type Policy =
  /** Anyone: health, the method's data, the challenger's rules, receipt lookups. */
  | { kind: 'public' }
  /** Creating a workspace or loading the demo: anyone on an empty install, then owners only. */
  | { kind: 'install' }
  /**
   * A permission in the route's workspace (`:ws`). Reads are open to callers who name no one, as they were
   * before roles (the web app reads before anyone picks who they are); a caller who names a member must be
   * one. `anonymous` says when a request acts for no one at all (an anonymous submission): then identity is
   * not even looked at, so nothing about the caller can be recorded.
   */
  | { kind: 'workspace'; permission: Permission; anonymous?: (req: FastifyRequest) => boolean };

export const policy = {
  public: { kind: 'public' },
  install: { kind: 'install' },
  read: { kind: 'workspace', permission: 'read' },
  contribute: { kind: 'workspace', permission: 'contribute' },
  decide: { kind: 'workspace', permission: 'decide' },
  administer: { kind: 'workspace', permission: 'administer' },
  /** Submitting an idea: a contributor, or anyone at all when the submission is anonymous. */
  submit: {
    kind: 'workspace',
    permission: 'submit',
    anonymous: (req) => (req.body as { anonymous?: unknown } | undefined)?.anonymous === true,
  },
} as const satisfies Record<string, Policy>;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    /** The acting member, once the route's policy has let the request through (null: no one named). */
    actor: Actor | null;
    /** Their role in the route's workspace. */
    role: Role | null;
  }
  interface FastifyInstance {
    /** Every API route's declared policy, by "METHOD /path" as OpenAPI names it. */
    routePolicies?: () => Map<string, Policy>;
  }
}

const ACTOR_HEADER = 'vetted-actor';
const NAMES: Record<Role, string> = {
  owner: 'an owner',
  leader: 'a leader',
  contributor: 'a contributor',
  viewer: 'a viewer',
};
const whoMay = (permission: Permission) =>
  (Object.keys(RANK) as Role[])
    .filter((r) => can(r, permission))
    .map((r) => NAMES[r])
    .join(' or ');

const unauthenticated = () =>
  new AppError(
    401,
    'Who are you?',
    'Say which member is acting: send the Vetted-Actor header with a member id or email.',
  );
const forbidden = (detail: string) => new AppError(403, 'Not allowed', detail);

function named(req: FastifyRequest): string | undefined {
  const header = req.headers[ACTOR_HEADER];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value ? value : undefined;
}

/** Checks every request against its route's policy before it is validated or answered (cache included). */
export function enforcePolicies(api: FastifyInstance, ctx: AppContext): Map<string, Policy> {
  const declared = new Map<string, Policy>();
  api.decorateRequest('actor', null);
  api.decorateRequest('role', null);

  api.addHook('onRoute', (route) => {
    const p = route.config?.policy;
    if (!p) throw new Error(`Route ${route.method} ${route.url} declares no policy (see src/api/policies.ts).`);
    const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.set(`${method} ${openApiPath}`, p);
  });

  // Before validation, so a caller who may not use a route learns nothing about what it accepts.
  api.addHook('preValidation', async (req) => {
    const p = req.routeOptions.config.policy!;
    if (p.kind === 'public') return;
    const ref = named(req);
    if (p.kind === 'install') {
      if ((await workspaceCount(ctx.store.db)) === 0) return;
      if (!ref) throw unauthenticated();
      if (!(await isInstallAdmin(ctx.store.db, ref)))
        throw forbidden('Only an owner of a workspace can create workspaces or load the sample once one exists.');
      return;
    }
    const slug = (req.params as { ws?: string }).ws;
    if (!slug) throw new Error(`Route ${req.routeOptions.url} has a workspace policy but no :ws parameter.`);
    if (p.anonymous?.(req)) return;
    if (!ref) {
      // No query for an open read: the handler answers 404 for an unknown workspace, and a cached answer
      // (src/api/read-cache.ts, which runs after this hook) costs no database round trip at all.
      if (p.permission === 'read') return;
      throw unauthenticated();
    }
    // Not yet validated: a slug no database can hold (U+0000, a lone surrogate) is left to validation's 400.
    if (badText(slug)) return;
    // An unknown workspace is a 404 whoever asks, before anything is said about who may do what in it.
    const ws = await findWorkspace(ctx.store.db, slug);
    const member = await memberFor(ctx.store.db, ws, ref);
    if (!member) throw forbidden(`"${ref}" is not a member of workspace "${ws.slug}".`);
    if (!can(member.role, p.permission))
      throw forbidden(`${member.name} is ${NAMES[member.role]} in "${ws.slug}"; this needs ${whoMay(p.permission)}.`);
    req.actor = { id: member.id, name: member.name };
    req.role = member.role;
  });
  return declared;
}
