import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { getEconomics, getPmf, importPmf } from '../../app/realization.ts';
import { EconomicsReadout, Idea, PmfImport, PmfReadout } from '../../schema/index.ts';
import { policy } from '../policies.ts';
import { IdeaParams, problems, typed } from './common.ts';

/** Realization: unit economics in scenarios with market sizing, and product-market fit. */
export function realizationRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const tags = ['realization'];

  app.get(
    '/workspaces/:ws/ideas/:idea/economics',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary:
          'Unit economics in three scenarios (LTV, LTV/CAC, payback, contribution margin), per channel, and market sizing both ways. Edit them with PATCH on the idea.',
        params: IdeaParams,
        response: { 200: EconomicsReadout, ...problems },
      },
    },
    async (req) => getEconomics(ctx, req.params.ws, req.params.idea),
  );

  app.get(
    '/workspaces/:ws/ideas/:idea/pmf',
    {
      config: { policy: policy.read },
      schema: {
        tags,
        summary:
          'Product-market fit: four signals, two guards, the level, and ready to scale or what holds it back. Set the data with PATCH on the idea (pmf) or import CSV.',
        params: IdeaParams,
        response: { 200: PmfReadout, ...problems },
      },
    },
    async (req) => getPmf(ctx, req.params.ws, req.params.idea),
  );

  app.post(
    '/workspaces/:ws/ideas/:idea/pmf/import',
    {
      config: { policy: policy.contribute },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Import a Sean Ellis survey export or a retention cohort table (CSV); replaces that part of the PMF data',
        params: IdeaParams,
        body: PmfImport,
        response: { 200: Idea, ...problems },
      },
    },
    async (req) => importPmf(ctx, req.params.ws, req.params.idea, req.body, req.actor),
  );
}
