import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { Health, Problem } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { sendUnavailable } from '../problems.ts';

/** A readiness probe must answer before the prober gives up, even when the database hangs instead of refusing. */
const PROBE_TIMEOUT_MS = 2_000;

async function databaseUp(ctx: AppContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ctx.store.db.execute(sql`select 1`).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (/health: 200 while the process runs, with the database's state for people) and readiness
 * (/health/ready: 200 only when a query works, else 503), so a load balancer stops sending traffic while
 * PostgreSQL is away without an orchestrator restarting a process that will recover by itself.
 */
export function healthRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get(
    '/health',
    {
      // A probe must see the database as it is now, never a remembered answer.
      config: { policy: policy.public, readCache: 'never' },
      schema: {
        tags: ['meta'],
        summary: 'Liveness: 200 while the process is up; says which engine is in use and whether it answers',
        response: { 200: Health },
      },
    },
    async () => ({ ok: true as const, engine: ctx.store.engine, database: (await databaseUp(ctx)) ? 'up' : 'down' }),
  );
  api.get(
    '/health/ready',
    {
      // A probe must see the database as it is now, never a remembered answer.
      config: { policy: policy.public, readCache: 'never' },
      schema: {
        tags: ['meta'],
        summary: 'Readiness: 200 when a database query works, else 503 with Retry-After',
        response: { 200: Health, 503: Problem },
      },
    },
    async (_req, reply) => {
      if (!(await databaseUp(ctx))) return sendUnavailable(reply);
      return { ok: true as const, engine: ctx.store.engine, database: 'up' as const };
    },
  );
}
