import { type Serializer, type SerializerFactory, SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import { newSecret } from '../app/auth/secrets.ts';
import type { AppContext } from '../app/context.ts';
import { coercingAjv, strictAjv } from '../schema/validate.ts';
import { auditWrites } from './audit.ts';
import { type IdentitySettings, proxyFromEnv } from './identity.ts';
import { enforcePolicies } from './policies.ts';
import { errorHandler, problem } from './problems.ts';
import { readCache } from './read-cache.ts';
import { registerRoutes } from './routes/index.ts';
import { security } from './security.ts';
import { unstorable } from './storable.ts';
import { clientErrorHandler, frameworkErrors } from './transport-errors.ts';

export interface ServerOptions {
  logger?: boolean | object;
  /** Extra plugins (the web app's static files) registered after the API. */
  extend?: (app: FastifyInstance) => Promise<void> | void;
  /** The in-memory read cache (embedded engine only); on unless turned off. */
  cache?: boolean;
  /** The OpenAPI document and its reference UI (/openapi.json, /docs); the CLI's in-process API turns them off. */
  docs?: boolean;
  /** Who may call as the machine's own user, and trusted proxy mode (src/api/identity.ts). */
  identity?: IdentitySettings;
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

/**
 * A route's validator, compiled by Ajv on its first request. Compiling every route's schemas up front cost
 * about half a second of each CLI command that serves one request in its own process; a server pays the
 * same total, spread over first requests.
 */
function guarded(compile: () => ValidateFunction) {
  let compiled: ValidateFunction | undefined;
  const validate = () => (compiled ??= compile());
  const fn = (data: unknown, ctx?: object) => {
    const refused = unstorable(data);
    if (refused.length) {
      fn.errors = refused;
      return false;
    }
    const v = validate();
    const ok = ctx ? v(data, ctx as never) : v(data);
    fn.errors = v.errors ?? null;
    return ok;
  };
  fn.errors = null as ErrorObject[] | null;
  // Fastify passes the parent object to Ajv functions (so defaults can apply at the root) when it sees this;
  // it looks on every request, so a getter can compile on the first one.
  return Object.defineProperty(fn, 'schemaEnv', { get: () => validate().schemaEnv });
}

/** Response serializers (fast-json-stringify) built on first use too, for the same reason. */
const lazySerializers: SerializerFactory = (externalSchemas, options) => {
  const build = SerializerSelector()(externalSchemas, options);
  return (route) => {
    let serialize: Serializer | undefined;
    return (data) => {
      serialize ??= build(route);
      return serialize(data);
    };
  };
};

export async function buildServer(ctx: AppContext, options: ServerOptions = {}) {
  // A server always has a local key: the audit log reads "before" with it; who else gets it is the caller's choice.
  const identity: IdentitySettings = { proxy: proxyFromEnv(), ...options.identity };
  identity.localKey ??= newSecret();
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    // Forwarded headers (client address, https) are believed only from the proxies named in
    // VETTED_TRUSTED_PROXIES: otherwise any client could claim to be on TLS or to come from elsewhere.
    trustProxy: trustedProxies(),
    frameworkErrors,
    clientErrorHandler,
    schemaController: { compilersFactory: { buildSerializer: lazySerializers } },
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
    guarded(() => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object)),
  );
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'Not found', `No route ${req.method} ${req.url.split('?')[0]}.`)),
  );
  await security(app);
  ifMatchToVersion(app);

  if (options.docs !== false) {
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
          { name: 'together' },
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
  }

  await app.register(
    async (api) => {
      // Before any route: a route registered without a policy is refused at start-up. The read cache
      // comes after it, so a remembered answer only reaches callers the policy lets through.
      const policies = enforcePolicies(api, ctx, identity);
      auditWrites(api, ctx, identity.localKey!);
      app.decorate('routePolicies', () => policies);
      if (ctx.store.engine === 'pglite' && options.cache !== false) app.decorate('readCacheStats', readCache(api));
      registerRoutes(api, ctx);
    },
    { prefix: '/api' },
  );
  if (options.extend) await options.extend(app);
  await app.ready();
  return app;
}

function trustedProxies(): string[] | false {
  const list = (process.env.VETTED_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return list.length ? list : false;
}

export type Server = Awaited<ReturnType<typeof buildServer>>;
