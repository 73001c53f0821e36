import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuditRecord, recordAudit } from '../app/audit.ts';
import type { AppContext } from '../app/context.ts';
import { findWorkspace } from '../app/workspaces.ts';
import { userOf } from './identity.ts';
import { loggable } from './problems.ts';

/**
 * Every write that succeeded leaves an audit entry: who (the member, or "anonymous" for an anonymous
 * submission, which names no one here either), when, what (the route), on what (the path), and a compact
 * before and after. Written here, once for every route, rather than in each use case.
 *
 * Before: for a change to something readable at the same path (PUT, PATCH, DELETE), what a GET of it
 * answered just before. After: the response. Both compacted (short strings, few items, shallow) and with
 * anything secret-like left out (passwords, tokens, receipt and link codes).
 */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A route's own rule for its entries. `private`: who acted and on what path is recorded, the before and
 * after are not (a person's own assessment, plan, notes: owners read the log). `unrecorded`: nothing at all,
 * for answers whose very time would single someone out (a 360 rater's answer, a pulse answer).
 */
export type AuditPolicy = 'private' | 'unrecorded';
declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditPolicy;
  }
}
/** Routes that change nothing worth recording, or only carry secrets. */
const NOT_AUDITED = new Set(['/api/auth/links/inspect', '/api/auth/sign-out', '/api/receipts/lookup']);
const SECRET_KEY = /password|token|secret|csrf|receipt|^code$|^url$/i;

export function compact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.length > 160 ? `${value.slice(0, 157)}…` : value;
  }
  if (depth >= 3) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    const head = value.slice(0, 5).map((v) => compact(v, depth + 1));
    return value.length > 5 ? [...head, `…and ${value.length - 5} more`] : head;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = compact(v, depth + 1);
  return out;
}

const parsed = (payload: unknown): unknown => {
  if (typeof payload !== 'string' || !payload) return null;
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
};

export function auditWrites(api: FastifyInstance, ctx: AppContext, localKey: string) {
  const befores = new WeakMap<FastifyRequest, unknown>();

  // After the policy (preValidation) and validation: only requests that will run are looked at.
  api.addHook('preHandler', async (req) => {
    if (req.method !== 'PUT' && req.method !== 'PATCH' && req.method !== 'DELETE') return;
    if (req.routeOptions.config.audit) return;
    if (!api.hasRoute({ method: 'GET', url: req.routeOptions.url! })) return;
    const res = await api.inject({ method: 'GET', url: req.url, headers: { authorization: `Bearer ${localKey}` } });
    if (res.statusCode === 200) befores.set(req, compact(parsed(res.body)));
  });

  api.addHook('onSend', async (req, reply, payload) => {
    const route = req.routeOptions.url;
    if (!WRITES.has(req.method) || !route || NOT_AUDITED.has(route) || reply.statusCode >= 400) return payload;
    const rule = req.routeOptions.config.audit;
    if (rule === 'unrecorded') return payload;
    const slug = (req.params as { ws?: string } | undefined)?.ws;
    try {
      const ws = slug ? await findWorkspace(ctx.store.db, slug).catch(() => null) : null;
      const user = userOf(req.caller);
      const after = parsed(payload) as { user?: { name?: string } } | null;
      const entry: AuditRecord = {
        workspaceId: ws?.id ?? null,
        userId: user?.id ?? null,
        memberId: req.actor?.id ?? null,
        actor:
          req.actor?.name ??
          user?.name ??
          // First run and invitations sign someone in: the account they made is who acted.
          after?.user?.name ??
          (req.caller?.via === 'none' ? 'anonymous' : 'this machine'),
        action: `${req.method} ${route.replace(/^\/api/, '')}`,
        target: req.url.replace(/^\/api/, '').split('?')[0]!,
        status: reply.statusCode,
        before: rule === 'private' ? null : (befores.get(req) ?? null),
        after: rule === 'private' ? null : compact(after),
      };
      await recordAudit(ctx, entry);
    } catch (error) {
      // The write itself is done; say that its entry is missing, without the entry (no row data in logs).
      // Through the same shaping as every failed query: the SQL and its cause, never its parameters (a
      // driver's message can quote them: the path, the actor).
      req.log.error({ route, ...loggable(error as Error) }, 'audit entry not written');
    }
    return payload;
  });
}
