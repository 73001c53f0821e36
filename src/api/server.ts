import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { coercingAjv, strictAjv } from '../schema/validate.ts';
import { errorHandler, problem } from './problems.ts';
import { readCache } from './read-cache.ts';
import { registerRoutes } from './routes/index.ts';

export interface ServerOptions {
  logger?: boolean | object;
  /** Extra plugins (the web app's static files) registered after the API. */
  extend?: (app: FastifyInstance) => Promise<void> | void;
  /** The in-memory read cache (embedded engine only); on unless turned off. */
  cache?: boolean;
}

export const API_VERSION = '0.1.0';

/** Versions may come as an If-Match header (ETag style) instead of a `version` field. */
function ifMatchToVersion(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const header = req.headers['if-match'];
    if (typeof header !== 'string' || !req.body || typeof req.body !== 'object' || Array.isArray(req.body)) return;
    const v = Number(header.replace(/^W\//, '').replace(/"/g, ''));
    const body = req.body as Record<string, unknown>;
    if (Number.isInteger(v) && body.version === undefined) body.version = v;
  });
}

const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const refusal = (instancePath: string, message: string): ErrorObject => ({
  instancePath,
  schemaPath: '#',
  keyword: 'storable',
  params: {},
  message,
});

/**
 * What JSON can carry but the database cannot keep: U+0000 in text (PostgreSQL refuses it, in text and
 * jsonb alike) and numbers beyond double range (JSON.parse turns them into Infinity). Refused per field,
 * like any other invalid input, before a schema or a query sees them.
 */
export function unstorable(value: unknown, path = ''): ErrorObject[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [refusal(path, 'must not contain U+0000')] : [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [refusal(path, 'must be a finite number')];
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorable(v, `${path}/${i}`));
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k.includes('\u0000') ? [refusal(`${path}/${pointer(k)}`, 'has a name containing U+0000')] : []),
    ...unstorable(v, `${path}/${pointer(k)}`),
  ]);
}

function guarded(validate: ValidateFunction) {
  const fn = (data: unknown, ctx?: object) => {
    const refused = unstorable(data);
    if (refused.length) {
      fn.errors = refused;
      return false;
    }
    const ok = ctx ? validate(data, ctx as never) : validate(data);
    fn.errors = validate.errors ?? null;
    return ok;
  };
  fn.errors = null as ErrorObject[] | null;
  // Fastify passes the parent object to Ajv functions (so defaults can apply at the root) when it sees this.
  return Object.assign(fn, { schemaEnv: validate.schemaEnv });
}

export async function buildServer(ctx: AppContext, options: ServerOptions = {}) {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    // Request logs carry method, path and status only: no addresses, no headers, no bodies, so anonymous
    // submitters leave no trace and secrets never reach the logs.
    logger:
      options.logger === false
        ? false
        : {
            level: process.env.VETTED_LOG_LEVEL ?? 'info',
            serializers: {
              req: (req: { method: string; routeOptions?: { url?: string }; url: string }) => ({
                method: req.method,
                route: req.routeOptions?.url ?? req.url.split('?')[0],
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(({ schema, httpPart }) =>
    guarded((httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object)),
  );
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'Not found', `No route ${req.method} ${req.url.split('?')[0]}.`)),
  );
  ifMatchToVersion(app);
  if (ctx.store.engine === 'pglite' && options.cache !== false) readCache(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vetted API',
        version: API_VERSION,
        description:
          'Ideas in, validated opportunities out. Errors are application/problem+json. Writes take the record version ' +
          '(a `version` field or If-Match) and answer 409 when it is stale. Name the acting member in the Vetted-Actor header.',
      },
      tags: [
        { name: 'workspaces' },
        { name: 'ideas' },
        { name: 'frames' },
        { name: 'evidence' },
        { name: 'assessments' },
        { name: 'decisions' },
        { name: 'validation' },
        { name: 'challenger' },
        { name: 'documents' },
        { name: 'portfolio' },
        { name: 'meta' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => registerRoutes(api, ctx), { prefix: '/api' });
  if (options.extend) await options.extend(app);
  await app.ready();
  return app;
}

export type Server = Awaited<ReturnType<typeof buildServer>>;
