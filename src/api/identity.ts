import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRow } from '../app/auth/accounts.ts';
import { sameSecret } from '../app/auth/secrets.ts';
import { sessionFor } from '../app/auth/sessions.ts';
import { TOKEN_PREFIX, tokenFor } from '../app/auth/tokens.ts';
import type { AppContext } from '../app/context.ts';
import { AppError } from '../app/errors.ts';
import { failureLimiter } from './failures.ts';

/**
 * Who is calling, found out in one place, from the one credential the request carries:
 * - a session cookie (the web app), whose writes must also carry the session's CSRF token;
 * - a personal API token (`Authorization: Bearer vt_…`: the CLI after `vetted login`, integrations);
 * - the local key (`Authorization: Bearer <key>`): the machine's own user, i.e. the CLI serving the API in
 *   its own process or talking to the `vetted serve` that holds the embedded database (the key is in the data
 *   directory, which whoever can read could open the database anyway). It may name the acting member in
 *   the Vetted-Actor header;
 * - trusted proxy mode, off unless configured: an SSO proxy at a configured address names the person in a
 *   configured header, by email or member id, never by display name.
 * What each may then do is decided by the route's policy (src/api/policies.ts).
 */
export type Caller =
  | { via: 'none' }
  | { via: 'local'; ref: string | null }
  | { via: 'proxy'; ref: string }
  | { via: 'session'; user: UserRow; csrf: string; hash: string }
  | { via: 'token'; user: UserRow; scope: 'read' | 'write' };

export interface IdentitySettings {
  /** The local key (see above); none: no caller is the machine's own user. */
  localKey?: string;
  /** Trusted proxy mode: the header the proxy sets, and the addresses it connects from. */
  proxy?: { header: string; addresses: string[] };
}

export const SESSION_COOKIE = 'vetted_session';
export const ACTOR_HEADER = 'vetted-actor';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const unauthenticated = () =>
  new AppError(401, 'Sign in first', 'This needs an account: sign in, or send an API token (Authorization: Bearer …).');

export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // a malformed escape is no session: the caller is signed out, not an error
      }
    }
  }
  return undefined;
}

function headerOf(req: FastifyRequest, name: string): string | undefined {
  const h = req.headers[name.toLowerCase()];
  const value = (Array.isArray(h) ? h[0] : h)?.trim();
  return value ? value : undefined;
}

const peer = (req: FastifyRequest) => (req.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');

/** Failed tokens are counted per address: guessing tokens is as slow as guessing passwords. */
export const tokenGuessing = () => failureLimiter(20);

export async function identify(
  ctx: AppContext,
  settings: IdentitySettings,
  badTokens: ReturnType<typeof tokenGuessing>,
  req: FastifyRequest,
  reply: FastifyReply,
  /** lenient: a cookie without its CSRF token is no one (public routes). quiet: record no last use (anonymous submissions). */
  mode: { lenient?: boolean; quiet?: boolean } = {},
): Promise<Caller> {
  const { lenient = false, quiet = false } = mode;
  const auth = headerOf(req, 'authorization');
  if (auth) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    badTokens.check(peer(req), reply);
    if (bearer && settings.localKey && sameSecret(bearer, settings.localKey))
      return { via: 'local', ref: headerOf(req, ACTOR_HEADER) ?? null };
    const found = bearer?.startsWith(TOKEN_PREFIX) ? await tokenFor(ctx, bearer, !quiet) : null;
    if (found) return { via: 'token', user: found.user, scope: found.scope };
    badTokens.fail(peer(req));
    throw new AppError(
      401,
      'Token not valid',
      'The API token was not recognised: it may be revoked or mistyped. Make a new one under Tokens.',
    );
  }
  const cookie = cookieOf(req, SESSION_COOKIE);
  if (cookie) {
    const session = await sessionFor(ctx, cookie, !quiet);
    if (session) {
      if (!SAFE.has(req.method)) {
        const sent = headerOf(req, CSRF_HEADER);
        // On a public route (signing in again, signing out) an untrusted cookie is simply no one.
        if ((!sent || !sameSecret(sent, session.csrf)) && lenient) return { via: 'none' };
        if (!sent || !sameSecret(sent, session.csrf))
          throw new AppError(
            403,
            'Request not trusted',
            "This change did not come with the page's security token (CSRF check). Reload the page and try again.",
          );
      }
      return { via: 'session', user: session.user, csrf: session.csrf, hash: session.hash };
    }
    // An expired or signed-out session is no one: the web app then shows the sign-in page.
  }
  if (settings.proxy?.addresses.includes(peer(req))) {
    const ref = headerOf(req, settings.proxy.header);
    if (ref) return { via: 'proxy', ref };
  }
  return { via: 'none' };
}

/** The user behind a caller, when it is an account (session or token). */
export const userOf = (c: Caller): UserRow | null => (c.via === 'session' || c.via === 'token' ? c.user : null);
/** A member reference (id or email) behind a caller, when the caller named one (local key or proxy). */
export const refOf = (c: Caller): string | null => (c.via === 'local' || c.via === 'proxy' ? c.ref : null);

/** Settings from the environment: VETTED_PROXY_IDENTITY_HEADER with VETTED_TRUSTED_PROXIES. */
export function proxyFromEnv(env = process.env): IdentitySettings['proxy'] {
  const header = env.VETTED_PROXY_IDENTITY_HEADER?.trim();
  if (!header) return undefined;
  const addresses = (env.VETTED_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (addresses.length === 0)
    throw new Error(
      'VETTED_PROXY_IDENTITY_HEADER is set but VETTED_TRUSTED_PROXIES is empty: name the proxy addresses allowed to set it.',
    );
  return { header: header.toLowerCase(), addresses };
}
