import type { FastifyInstance } from 'fastify';

/** Serves the built web app at / (added by the web app); until then, / points to the API reference. */
export async function webPlugin(app: FastifyInstance) {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/docs'));
}
