import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import { getMvp, getStoriesCsv } from '../../app/mvp.ts';
import { MvpReadout, StoriesCsvQuery } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed } from './common.ts';

/** The MVP definition in seven steps: written with PATCH on the idea (`mvp`), read and exported here. */
export function mvpRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['realization'];

  app.get(
    '/workspaces/:ws/ideas/:idea/mvp',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary:
          'The MVP definition: which of the seven steps are done and what each still lacks, the stated headline, the backlog by priority. Edit it with PATCH on the idea (mvp).',
        params: IdeaParams,
        response: { 200: MvpReadout, ...problems },
      },
    },
    async (req) => getMvp(ctx, req.params.ws, req.params.idea),
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/mvp/stories.csv',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary: "The user stories as CSV in the columns Jira's (default) or Linear's importer takes",
        params: IdeaParams,
        querystring: StoriesCsvQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'The CSV file' }), ...problems },
      },
    },
    async (req, reply) => {
      const { csv, filename } = await getStoriesCsv(ctx, req.params.ws, req.params.idea, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
