import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { invalid } from '../../app/errors.ts';
import { loadDemo } from '../../app/portfolio/demo.ts';
import { exportIdeasCsv, exportOpportunity, exportPortfolioJson } from '../../app/portfolio/export.ts';
import { parseImport } from '../../app/portfolio/files.ts';
import { importOpportunities } from '../../app/portfolio/import.ts';
import { findWorkspace } from '../../app/workspaces.ts';
import { DemoLoaded, ImportReport, Opportunity, Portfolio, Strict } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed, WsParams } from './common.ts';

export function portfolioRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['portfolio'];
  api.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post(
    '/workspaces/:ws/import',
    {
      config: { policy: policy.administer },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import ideas: CSV (text/csv), one opportunity, an array of them, or a portfolio. All or nothing.',
        params: WsParams,
        querystring: Strict({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
        body: Type.Unknown({ description: 'text/csv, or JSON in the opportunity or portfolio format' }),
        response: { 200: ImportReport, ...problems },
      },
    },
    async (req) => {
      if (!req.actor) throw invalid('Say who imports: send the Vetted-Actor header.');
      const isCsv = String(req.headers['content-type'] ?? '').startsWith('text/csv');
      const input = isCsv
        ? parseImport(String(req.body ?? ''), 'csv')
        : parseImport(JSON.stringify(req.body ?? null), 'json');
      return importOpportunities(ctx, req.params.ws, input, { dryRun: req.query.dryRun ?? false });
    },
  );

  app.get(
    '/workspaces/:ws/export',
    {
      // Exports are large and change with every write: never worth memory in the read cache.
      config: { policy: policy.read, readCache: 'never' },
      schema: {
        tags,
        summary: 'Export the workspace: a portfolio file (JSON, re-importable) or a CSV of ideas with scores',
        params: WsParams,
        querystring: Strict({ format: Type.Optional(Type.Enum(['json', 'csv'], { default: 'json' })) }),
        response: { 200: Type.Union([Portfolio, Type.String()]), ...problems },
      },
    },
    async (req, reply) => {
      const csv = req.query.format === 'csv';
      // Look the workspace up before the first byte leaves, so an unknown one is still a clean 404.
      await findWorkspace(ctx.store.db, req.params.ws);
      const pieces = csv ? exportIdeasCsv(ctx, req.params.ws) : exportPortfolioJson(ctx, req.params.ws);
      reply
        .type(csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${req.params.ws}-${csv ? 'ideas.csv' : 'portfolio.json'}"`,
        );
      // A stream skips the serializer; the schema above documents what it carries.
      return (reply as FastifyReply).send(Readable.from(pieces, { objectMode: false }));
    },
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/opportunity',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: 'One idea with everything known about it, in the opportunity file format',
        params: IdeaParams,
        response: { 200: Opportunity, ...problems },
      },
    },
    async (req) => exportOpportunity(ctx, req.params.ws, req.params.idea),
  );
}

export function demoRoute(api: FastifyInstance, ctx: AppContext) {
  typed(api).post(
    '/demo',
    {
      config: { policy: policy.install },
      schema: {
        tags: ['portfolio'],
        summary: 'Load the sample portfolio into its own workspace (does nothing if it is already there)',
        response: {
          200: DemoLoaded,
          ...problems,
        },
      },
    },
    async () => loadDemo(ctx),
  );
}
