import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setupRequired } from '../app/auth/accounts.ts';
import type { Actor, AppContext } from '../app/context.ts';
import { AppError, notFound } from '../app/errors.ts';
import { findWorkspace, isInstallAdmin, workspaceCount, workspaceWithMember } from '../app/workspaces.ts';
import type { Role } from '../schema/index.ts';
import type { Db } from '../store/database.ts';
import { members } from '../store/schema.ts';
import {
  type Caller,
  type IdentitySettings,
  identify,
  refOf,
  tokenGuessing,
  unauthenticated,
  userOf,
} from './identity.ts';
import { badText } from './storable.ts';

/**
 * Who may do what, in one place. Every API route declares a policy in its config; a route without one
 * cannot be registered (see `enforcePolicies`), and test/api/policies.test.ts walks every route in the
 * OpenAPI document with every role to check the answers match what is declared here.
 *
 * Who the caller is comes from src/api/identity.ts (session, token, local key or trusted proxy); what they
 * may do is decided here, from their membership of the route's workspace.
 */

/**
 * What a route needs from the acting member of its workspace. `personal`: a member's own things (their
 * inbox, what they follow), for any role, but only with a member named: no one else's inbox to read.
 */
export type Permission = 'read' | 'personal' | 'submit' | 'contribute' | 'decide' | 'administer';

/** The least role holding each permission; each role holds everything the roles below it hold. */
export const LEAST_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  personal: 'viewer',
  submit: 'contributor',
  contribute: 'contributor',
  decide: 'leader',
  administer: 'owner',
};
const RANK: Record<Role, number> = { viewer: 0, contributor: 1, leader: 2, owner: 3 };
export const can = (role: Role, permission: Permission): boolean => RANK[role] >= RANK[LEAST_ROLE[permission]];

export type Policy =
  /** Anyone: health, sign-in, the method's data, the challenger's rules, receipt lookups. */
  | { kind: 'public' }
  /** Anyone identified: a signed-in account, a token, the proxy's person or the machine's own user. */
  | { kind: 'known' }
  /** An account (session or API token): its own tokens, password and sessions. */
  | { kind: 'account'; write?: boolean }
  /** Creating a workspace or loading the demo: anyone on an empty install, then owners only. */
  | { kind: 'install' }
  /**
   * A permission in the route's workspace (`:ws`), held through the caller's membership. The machine's own
   * user (the local key) may read without naming a member. `anonymous` says when a request acts for no one
   * at all (an anonymous submission): then identity is not even looked at, so nothing about the caller can
   * be recorded.
   */
  | {
      kind: 'workspace';
      permission: Permission;
      anonymous?: (req: FastifyRequest) => boolean;
    };

export const policy = {
  public: { kind: 'public' },
  known: { kind: 'known' },
  account: { kind: 'account' },
  accountWrite: { kind: 'account', write: true },
  install: { kind: 'install' },
  read: { kind: 'workspace', permission: 'read' },
  /**
   * A member's own things (inbox, follows, saved views, leadership growth), read and written only as themselves,
   * whatever their role: the machine's own user reads nothing here without naming a member.
   */
  personal: { kind: 'workspace', permission: 'personal' },
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
    /** How the request identified itself (src/api/identity.ts). */
    caller: Caller;
  }
  interface FastifyInstance {
    /** Every API route's declared policy, by "METHOD /path" as OpenAPI names it. */
    routePolicies?: () => Map<string, Policy>;
  }
}

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

const forbidden = (detail: string) => new AppError(403, 'Not allowed', detail);
const NO_CALLER: Caller = { via: 'none' };

/**
 * The workspace named by `slug` (404 when there is none) and the caller's membership in it: through their
 * account, or the member they named; none for anyone else.
 */
async function membershipIn(db: Db, slug: string, caller: Caller) {
  const user = userOf(caller);
  const ref = refOf(caller);
  if (user) return workspaceWithMember(db, slug, { userId: user.id });
  if (ref) return workspaceWithMember(db, slug, { ref });
  return { ws: await findWorkspace(db, slug), member: undefined };
}

async function ownsSomething(db: Db, caller: Caller): Promise<boolean> {
  const user = userOf(caller);
  if (user) {
    const [m] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.userId, user.id), eq(members.role, 'owner'), isNull(members.removedAt)))
      .limit(1);
    return !!m;
  }
  const ref = refOf(caller);
  return ref ? isInstallAdmin(db, ref) : false;
}

/** Checks every request against its route's policy before it is validated or answered (cache included). */
export function enforcePolicies(
  api: FastifyInstance,
  ctx: AppContext,
  settings: IdentitySettings,
): Map<string, Policy> {
  const declared = new Map<string, Policy>();
  const badTokens = tokenGuessing();
  api.decorateRequest('actor', null);
  api.decorateRequest('role', null);
  api.decorateRequest('caller', null as never);

  api.addHook('onRoute', (route) => {
    const p = route.config?.policy;
    if (!p) throw new Error(`Route ${route.method} ${route.url} declares no policy (see src/api/policies.ts).`);
    const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.set(`${method} ${openApiPath}`, p);
  });

  // Before validation, so a caller who may not use a route learns nothing about what it accepts.
  api.addHook('preValidation', async (req, reply) => {
    const p = req.routeOptions.config.policy!;
    const anonymous = p.kind === 'workspace' && !!p.anonymous?.(req);
    const caller = await identify(ctx, settings, badTokens, req, reply, {
      lenient: p.kind === 'public',
      quiet: anonymous,
    });
    // An anonymous submission: the caller must belong to the workspace (outsiders use its submission
    // portal, src/app/portal.ts), and is then forgotten at once, so nothing about them can be recorded.
    if (anonymous) {
      await mayKnowWorkspace(ctx.store.db, req, caller);
      req.caller = NO_CALLER;
      return;
    }
    req.caller = caller;
    if (p.kind === 'public') return;
    if (p.kind === 'known') {
      if (caller.via === 'none') throw unauthenticated();
      return;
    }
    if (p.kind === 'account') {
      if (!userOf(caller)) throw unauthenticated();
      if (p.write && caller.via === 'token' && caller.scope === 'read') throw readOnlyToken();
      return;
    }
    if (p.kind === 'install') {
      if ((await workspaceCount(ctx.store.db)) === 0 && (await setupRequired(ctx.store.db))) return;
      if (caller.via === 'none' || (caller.via === 'local' && !caller.ref)) throw unauthenticated();
      if (caller.via === 'token' && caller.scope === 'read' && req.method !== 'GET') throw readOnlyToken();
      if (!(await ownsSomething(ctx.store.db, caller)))
        throw forbidden('Only an owner of a workspace can create workspaces or load the sample once one exists.');
      return;
    }
    const slug = (req.params as { ws?: string }).ws;
    if (!slug) throw new Error(`Route ${req.routeOptions.url} has a workspace policy but no :ws parameter.`);
    if (caller.via === 'none') throw unauthenticated();
    if (caller.via === 'local' && !caller.ref) {
      // The machine's own user reads anything without naming a member; a write must say who makes it.
      if (p.permission === 'read') return;
      throw new AppError(
        401,
        'Who are you?',
        'Say which member is acting: --as (or VETTED_ACTOR), a member id or email.',
      );
    }
    // Not yet validated: a slug no database can hold (U+0000, a lone surrogate) is left to validation's 400.
    if (badText(slug)) return;
    // An unknown workspace is a 404 whoever asks, and so is one the caller is not a member of when they
    // came with an account: which workspaces exist is not for outsiders to learn.
    const { ws, member } = await membershipIn(ctx.store.db, slug, caller);
    if (!member) {
      if (userOf(caller)) throw notFound(`Workspace "${slug}"`);
      throw forbidden(`"${refOf(caller)}" is not a member of workspace "${ws.slug}".`);
    }
    if (!can(member.role, p.permission))
      throw forbidden(`${member.name} is ${NAMES[member.role]} in "${ws.slug}"; this needs ${whoMay(p.permission)}.`);
    // A read-only token reads a member's own inbox too; it changes nothing, their own things included.
    const reads = p.permission === 'read' || (p.permission === 'personal' && req.method === 'GET');
    if (!reads && caller.via === 'token' && caller.scope === 'read') throw readOnlyToken();
    req.actor = { id: member.id, name: member.name };
    req.role = member.role;
  });
  return declared;
}

/** Anyone the workspace knows (any role; the machine's own user too), else 401 or 404 as for a read. */
async function mayKnowWorkspace(db: Db, req: FastifyRequest, caller: Caller) {
  if (caller.via === 'none')
    throw new AppError(
      401,
      'Sign in first',
      "Anonymous ideas come from members (signed in) or through the workspace's submission portal link.",
    );
  if (caller.via === 'local' && !caller.ref) return;
  const slug = (req.params as { ws?: string }).ws!;
  if (badText(slug)) return;
  if (!(await membershipIn(db, slug, caller)).member) throw notFound(`Workspace "${slug}"`);
}

const readOnlyToken = () =>
  new AppError(
    403,
    'Read-only token',
    'This API token may only read. Make a token with the write scope to change things.',
  );
