import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  beginSignIn,
  CALLBACK_PATH,
  decodeFlow,
  encodeFlow,
  FLOW_MINUTES,
  finishSignIn,
  oidcSettings,
  SsoFailure,
  saveOidcSettings,
} from '../../app/auth/oidc.ts';
import { endSession, startSession } from '../../app/auth/sessions.ts';
import type { AppContext } from '../../app/context.ts';
import { OidcSettingsPut, OidcSettingsState } from '../../schema/index.ts';
import { cookieOf } from '../identity.ts';
import { policy } from '../policies.ts';
import { setSessionCookie } from './auth.ts';
import { problems, typed } from './common.ts';

const tags = ['auth'];
/** The sign-in under way (src/app/auth/oidc.ts, Flow), sent back only to the routes below. */
const FLOW_COOKIE = 'vetted_oidc';
const FLOW_PATH = '/api/auth/oidc';

/** Where the provider sends people back: the configured public address, else the one the request came to. */
export function redirectUriFor(req: FastifyRequest): string {
  const base = process.env.VETTED_PUBLIC_URL?.trim().replace(/\/+$/, '') || `${req.protocol}://${req.host}`;
  return `${base}${CALLBACK_PATH}`;
}

function flowCookie(req: FastifyRequest, reply: FastifyReply, value: string, maxAge: number) {
  const secure = req.protocol === 'https' ? '; Secure' : '';
  // SameSite=Lax: the provider sends the person back with a top-level GET, which carries Lax cookies.
  reply.header(
    'set-cookie',
    `${FLOW_COOKIE}=${value}; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`,
  );
}

/** The sign-in under way in this browser; a cookie that is not one (mangled, made up) is none. */
function flowOf(req: FastifyRequest) {
  try {
    return decodeFlow(cookieOf(req, FLOW_COOKIE));
  } catch {
    // cookieOf's decodeURIComponent throws on a malformed %-escape.
    return null;
  }
}

/** Every failure lands on the sign-in page with a sentence saying what happened and what to do. */
function toSignIn(req: FastifyRequest, reply: FastifyReply, error: unknown) {
  let message: string;
  if (error instanceof SsoFailure) {
    message = error.message;
    req.log.warn({ reason: error.reason }, 'single sign-on failed');
  } else {
    message =
      'Single sign-on failed because of a problem in Vetted. Try again; if it keeps happening, tell whoever runs Vetted.';
    req.log.error({ err: (error as Error)?.message }, 'single sign-on failed');
  }
  return reply.redirect(`/sign-in?error=${encodeURIComponent(message)}`, 302);
}

export function oidcRoutes(api: FastifyInstance, ctx: AppContext) {
  const app = typed(api);
  const redirected = { 302: Type.Null({ description: 'Redirect (see Location)' }) };

  app.get(
    '/auth/oidc/settings',
    {
      config: { policy: policy.install, readCache: 'never' },
      schema: {
        tags,
        summary:
          'Single sign-on (OpenID Connect) settings, without the client secret, and the redirect URI to register',
        response: { 200: OidcSettingsState, ...problems },
      },
    },
    async (req) => oidcSettings(ctx, redirectUriFor(req)),
  );

  app.put(
    '/auth/oidc/settings',
    {
      config: { policy: policy.install },
      schema: {
        tags,
        summary:
          "Set single sign-on: turning it on checks the provider's discovery document (422 when unreachable or naming another issuer); leave out clientSecret to keep the stored one",
        body: OidcSettingsPut,
        response: { 200: OidcSettingsState, ...problems },
      },
    },
    async (req) => saveOidcSettings(ctx, req.body, redirectUriFor(req)),
  );

  app.get(
    '/auth/oidc/start',
    {
      config: { policy: policy.public, readCache: 'never' },
      schema: {
        tags,
        summary: `Begin single sign-on: redirects to the identity provider (authorization code with PKCE); the sign-in must finish within ${FLOW_MINUTES} minutes`,
        response: redirected,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const { url, flow } = await beginSignIn(ctx, redirectUriFor(req));
        flowCookie(req, reply, encodeFlow(flow), FLOW_MINUTES * 60);
        return reply.redirect(url, 302);
      } catch (error) {
        return toSignIn(req, reply, error);
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      // A GET that writes (an account, a membership): the read cache must forget what it knew.
      config: { policy: policy.public, readCache: 'writes' },
      schema: {
        tags,
        summary:
          'Where the identity provider sends people back: signs in (making the account on first sign-in) and redirects to /, or to /sign-in?error=… saying what went wrong',
        response: redirected,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      const flow = flowOf(req);
      // Used or not, a flow answers once.
      flowCookie(req, reply, '', 0);
      const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1 || req.url.length));
      try {
        const { user, created, joined } = await finishSignIn(ctx, flow, query);
        // Whoever was signed in in this browser before is not any more.
        if (req.caller.via === 'session') await endSession(ctx.store.db, req.caller.hash);
        const { secret } = await startSession(ctx, user.id);
        setSessionCookie(req, reply, secret);
        req.log.info({ created, joined: joined?.workspace ?? null }, 'signed in with single sign-on');
        return reply.redirect('/', 302);
      } catch (error) {
        return toSignIn(req, reply, error);
      }
    },
  );
}
