import type { FastifyInstance, FastifyReply } from 'fastify';
import { auditCsv, listAudit } from '../../app/audit.ts';
import type { AppContext } from '../../app/context.ts';
import { findWorkspace } from '../../app/workspaces.ts';
import { AuditPage, AuditQuery } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { problems, typed, WsParams } from './common.ts';

export function auditRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['audit'];
  const respond = async (workspaceId: string | null, q: AuditQuery, reply: FastifyReply) => {
    const page = await listAudit(ctx, workspaceId, q.limit ?? 100, q.before);
    if (q.format !== 'csv') return page;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send(auditCsv(page.items));
  };

  app.get(
    '/workspaces/:ws/audit',
    {
      config: { policy: policy.administer, readCache: 'never' },
      schema: {
        tags,
        summary: 'Every write in the workspace, newest first (owners); ?format=csv to export',
        params: WsParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems },
      },
    },
    async (req, reply) => respond((await findWorkspace(ctx.store.db, req.params.ws)).id, req.query, reply),
  );

  app.get(
    '/audit',
    {
      config: { policy: policy.install, readCache: 'never' },
      schema: {
        tags,
        summary:
          'Install-wide entries (first run, workspaces created, sign-in settings, tokens), newest first (owners)',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems },
      },
    },
    async (req, reply) => respond(null, req.query, reply),
  );
}
