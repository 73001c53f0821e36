import { and, eq, isNull, sql } from 'drizzle-orm';
import type * as Client from 'openid-client';
import type { OidcSettings, OidcSettingsPut, OidcSettingsState, Role } from '../../schema/index.ts';
import { members, users, workspaces } from '../../store/schema.ts';
import { recordAudit } from '../audit.ts';
import { type AppContext, newId, nowOf } from '../context.ts';
import { AppError } from '../errors.ts';
import { freeName, normalEmail, type UserRow } from './accounts.ts';
import { readSetting, writeSetting } from './settings.ts';

/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256), state and nonce, through
 * openid-client (the certified relying party). The provider is trusted for the email addresses it says it
 * has verified: an account is found, or made without a password, by that address.
 *
 * The settings live under one key of the settings table; the client secret is written, never read back.
 */

export const OIDC_SETTING = 'oidc';
export const CALLBACK_PATH = '/api/auth/oidc/callback';
/** What Vetted asks the provider for: who the person is, their email and whether it is verified, a name. */
export const SCOPES = 'openid email profile';
/** How long a person has between leaving for the provider and coming back. */
export const FLOW_MINUTES = 10;
/** The provider's discovery document must answer within this when the settings are saved. */
const CHECK_TIMEOUT_S = 5;
/** Any request to the provider during a sign-in. */
const FLOW_TIMEOUT_S = 10;
/** Discovery (and the provider's keys, which openid-client keeps with it) is reused for this long. */
const CONFIG_TTL_MS = 10 * 60_000;

type Stored = OidcSettings & { clientSecret?: string };

/**
 * A sign-in that is under way: kept by the browser in a short-lived httpOnly cookie and checked when the
 * provider sends the person back. It binds the answer to this browser (state), the ID token to this
 * request (nonce) and the code to this client (the PKCE verifier).
 */
export interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  /** The settings it began with: a change while the person is away ends it. */
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** When it began, epoch milliseconds. */
  at: number;
}

/** A sign-in that did not work: `message` is for the person (what happened, what to do), `reason` for the log. */
export class SsoFailure extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

const ASK_OWNER = 'Ask an owner of Vetted to check the single sign-on settings.';
const START_AGAIN = 'Start again from the sign-in page.';

/* ---------------------------------------------------------------- settings */

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);

/** The settings as shown: everything but the secret. */
const shown = (s: Stored): OidcSettings => ({
  enabled: s.enabled,
  issuer: s.issuer,
  clientId: s.clientId,
  label: s.label,
  autoJoin: s.autoJoin ?? null,
});

export async function oidcSettings(ctx: AppContext, redirectUri: string): Promise<OidcSettingsState> {
  const s = await readSetting<Stored>(ctx.store.db, OIDC_SETTING);
  return { settings: s ? shown(s) : null, hasSecret: !!s?.clientSecret, redirectUri };
}

/**
 * Saves the settings. Turning single sign-on on checks the provider first: its discovery document must
 * answer, and name the same issuer. Turning it off checks nothing, so it can be turned off while the
 * provider is away. The stored secret stays unless a new one is given.
 */
export async function saveOidcSettings(
  ctx: AppContext,
  input: OidcSettingsPut,
  redirectUri: string,
): Promise<OidcSettingsState> {
  const db = ctx.store.db;
  const previous = await readSetting<Stored>(db, OIDC_SETTING);
  const issuer = input.issuer.trim();
  const url = parseIssuer(issuer);
  const autoJoin = input.autoJoin
    ? { ...input.autoJoin, domain: input.autoJoin.domain.trim().replace(/^@/, '').toLowerCase() }
    : null;
  if (autoJoin) {
    const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.slug, autoJoin.workspace));
    if (!ws)
      throw new AppError(422, 'Invalid settings', `There is no workspace "${autoJoin.workspace}" for people to join.`, [
        { path: '/autoJoin/workspace', message: 'is not a workspace' },
      ]);
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(autoJoin.domain))
      throw new AppError(422, 'Invalid settings', `"${autoJoin.domain}" is not an email domain (like example.com).`, [
        { path: '/autoJoin/domain', message: 'is not a domain' },
      ]);
  }
  if (!input.label.trim())
    throw new AppError(422, 'Invalid settings', 'Give the sign-in button a label, like "Sign in with Okta".', [
      { path: '/label', message: 'is blank' },
    ]);
  const clientSecret = input.clientSecret ?? previous?.clientSecret;
  const next: Stored = {
    enabled: input.enabled,
    issuer,
    clientId: input.clientId.trim(),
    label: input.label.trim(),
    autoJoin,
    ...(clientSecret ? { clientSecret } : {}),
  };
  if (next.enabled)
    await discover(next, url, CHECK_TIMEOUT_S).catch((error) => Promise.reject(checkFailed(error, url)));
  await writeSetting(db, OIDC_SETTING, next, nowOf(ctx));
  configs.clear();
  return { settings: shown(next), hasSecret: !!clientSecret, redirectUri };
}

function parseIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new AppError(422, 'Invalid settings', `The issuer "${issuer}" is not a web address.`, [
      { path: '/issuer', message: 'is not a URL' },
    ]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname)))
    throw new AppError(
      422,
      'Invalid settings',
      'The issuer must be an https:// address (plain http is accepted only for a provider on this machine).',
      [{ path: '/issuer', message: 'must use https' }],
    );
  if (url.search || url.hash || url.pathname.includes('/.well-known/'))
    throw new AppError(
      422,
      'Invalid settings',
      'Give the issuer itself (like https://login.example.com/realms/acme), without /.well-known/openid-configuration or a query.',
      [{ path: '/issuer', message: 'is not an issuer identifier' }],
    );
  return url;
}

/** Why the provider's discovery document could not be used, for the owner saving the settings. */
function checkFailed(error: unknown, url: URL): AppError {
  const where = `${url.href.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const e = error as { code?: string; cause?: { status?: number; body?: { issuer?: unknown }; code?: string } };
  let detail: string;
  if (e.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
    detail = `The provider at ${where} names a different issuer: "${String(e.cause?.body?.issuer)}". Use exactly that address as the issuer.`;
  else if (e.code === 'OAUTH_TIMEOUT')
    detail = `The provider did not answer within ${CHECK_TIMEOUT_S} seconds at ${where}. Check the issuer address, and that this server can reach it.`;
  else if (e.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
    detail = `${where} answered with HTTP ${e.cause?.status ?? 'an error'}, not a discovery document. Check the issuer address.`;
  else if (
    e.code === 'OAUTH_RESPONSE_IS_NOT_JSON' ||
    e.code === 'OAUTH_PARSE_ERROR' ||
    e.code === 'OAUTH_INVALID_RESPONSE'
  )
    detail = `${where} did not answer with an OpenID Connect discovery document. Check the issuer address.`;
  else
    detail = `Vetted could not reach the provider at ${where}${networkCause(error)}. Check the issuer address, and that this server can reach it.`;
  return new AppError(422, 'Provider not usable', detail, [{ path: '/issuer', message: 'could not be verified' }]);
}

/** "connection refused", "name not found"…: what a failed fetch ran into, when it says. */
function networkCause(error: unknown): string {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'no such host name',
    EAI_AGAIN: 'host name lookup failed',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'timed out',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  };
  return typeof code === 'string' && words[code] ? ` (${words[code]})` : '';
}

/* ---------------------------------------------------------------- the provider's configuration */

/**
 * openid-client is loaded on first use: the CLI serves the API in its own process for every command, and
 * none of them needs it.
 */
let library: Promise<typeof Client> | undefined;
const openid = () => (library ??= import('openid-client'));

const configs = new Map<string, { config: Client.Configuration; at: number }>();

/**
 * With a secret, the client authenticates the way the provider says it takes (HTTP Basic, the default of
 * the standard, or the secret in the form); without one it is a public client, and PKCE is its proof.
 */
function clientAuth(client: typeof Client, secret: string | undefined): Client.ClientAuth {
  if (!secret) return client.None();
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, c, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const usePost =
      Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
    (usePost ? post : basic)(as, c, body, headers);
  };
}

async function discover(s: Stored, url: URL, timeout: number): Promise<Client.Configuration> {
  const client = await openid();
  return client.discovery(url, s.clientId, s.clientSecret, clientAuth(client, s.clientSecret), {
    timeout,
    // Plain http only for a provider on this machine (checked when saved): development and the tests.
    execute: url.protocol === 'http:' && isLoopback(url.hostname) ? [client.allowInsecureRequests] : [],
  });
}

async function configFor(s: Stored): Promise<Client.Configuration> {
  const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret ?? '']);
  const cached = configs.get(key);
  if (cached && Date.now() - cached.at < CONFIG_TTL_MS) return cached.config;
  let config: Client.Configuration;
  try {
    config = await discover(s, new URL(s.issuer), FLOW_TIMEOUT_S);
  } catch (error) {
    throw providerFailure(error);
  }
  if (configs.size > 20) configs.clear();
  configs.set(key, { config, at: Date.now() });
  return config;
}

/** The same failures, said to the person signing in (who can do little but try again or ask an owner). */
function providerFailure(error: unknown): SsoFailure {
  const code = (error as { code?: string }).code ?? (error as Error).name;
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')
    return new SsoFailure(
      `Single sign-on is misconfigured: the identity provider names a different issuer than Vetted's settings do. ${ASK_OWNER}`,
      'issuer mismatch',
    );
  return new SsoFailure(
    `Vetted could not reach your identity provider just now. Try again in a moment; if it keeps happening, ${ASK_OWNER.toLowerCase()}`,
    `provider unreachable (${code})`,
  );
}

async function enabledSettings(ctx: AppContext): Promise<Stored> {
  const s = await readSetting<Stored>(ctx.store.db, OIDC_SETTING);
  if (!s?.enabled)
    throw new SsoFailure(
      'Single sign-on is turned off on this Vetted: sign in with your email and password, or ask an owner to turn it on.',
      'disabled',
    );
  return s;
}

/* ---------------------------------------------------------------- the flow */

/** Starts a sign-in: where to send the person, and what to keep in their browser until they come back. */
export async function beginSignIn(ctx: AppContext, redirectUri: string): Promise<{ url: string; flow: Flow }> {
  const s = await enabledSettings(ctx);
  const config = await configFor(s);
  const client = await openid();
  const verifier = client.randomPKCECodeVerifier();
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier,
    issuer: s.issuer,
    clientId: s.clientId,
    redirectUri,
    at: nowOf(ctx).getTime(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, flow };
}

export const encodeFlow = (flow: Flow): string => Buffer.from(JSON.stringify(flow)).toString('base64url');

export function decodeFlow(text: string | undefined): Flow | null {
  if (!text) return null;
  try {
    const f = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Flow>;
    const strings = [f.state, f.nonce, f.verifier, f.issuer, f.clientId, f.redirectUri];
    return strings.every((x) => typeof x === 'string' && x.length > 0 && x.length < 2000) && typeof f.at === 'number'
      ? (f as Flow)
      : null;
  } catch {
    return null;
  }
}

export interface SignedIn {
  user: UserRow;
  created: boolean;
  /** The workspace joined by the auto-join rule on this sign-in, if any. */
  joined: { workspace: string; role: Role } | null;
}

/**
 * The person is back from the provider: checks the answer against the flow this browser began (state),
 * exchanges the code (PKCE), checks the ID token (issuer, audience, signature, nonce, times), reads the
 * verified email, then finds or makes the account and applies the auto-join rule.
 */
export async function finishSignIn(ctx: AppContext, flow: Flow | null, query: URLSearchParams): Promise<SignedIn> {
  const s = await enabledSettings(ctx);
  if (!flow)
    throw new SsoFailure(
      `This sign-in could not be matched to your browser: it took more than ${FLOW_MINUTES} minutes, or began in another browser. ${START_AGAIN}`,
      'no flow cookie',
    );
  const age = nowOf(ctx).getTime() - flow.at;
  if (age > FLOW_MINUTES * 60_000 || age < -60_000)
    throw new SsoFailure(
      `This sign-in took more than ${FLOW_MINUTES} minutes and has expired. ${START_AGAIN}`,
      'flow expired',
    );
  if (flow.issuer !== s.issuer || flow.clientId !== s.clientId)
    throw new SsoFailure(
      `The single sign-on settings changed while you were signing in. ${START_AGAIN}`,
      'settings changed',
    );
  if (query.get('state') !== flow.state)
    throw new SsoFailure(
      `The answer from your identity provider does not belong to the sign-in this browser started (its state does not match). ${START_AGAIN}`,
      'state mismatch',
    );
  const config = await configFor(s);
  const client = await openid();
  const back = new URL(flow.redirectUri);
  back.search = query.toString();
  let tokens: Awaited<ReturnType<typeof Client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw exchangeFailure(error);
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoFailure(`Your identity provider sent no ID token. ${ASK_OWNER}`, 'no id token');
  let email = typeof claims.email === 'string' ? claims.email : undefined;
  let verified: unknown = claims.email_verified;
  let name = nameOf(claims);
  if (!email || verified === undefined) {
    // Many providers put these claims in the UserInfo answer only (the ID token then carries `sub`).
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : email;
      verified = info.email_verified ?? verified;
      name = name ?? nameOf(info);
    } catch (error) {
      throw providerFailure(error);
    }
  }
  if (!email)
    throw new SsoFailure(
      `Your identity provider did not tell Vetted your email address. ${ASK_OWNER} (the provider must release the "email" scope to Vetted)`,
      'no email',
    );
  // Some providers send the flag as a string.
  if (verified !== true && verified !== 'true')
    throw new SsoFailure(
      'Your identity provider has not verified your email address, so Vetted cannot tell whose account it is. Verify the address with your provider, then sign in again.',
      'email not verified',
    );
  return account(ctx, s, normalEmail(email), name);
}

function nameOf(c: Record<string, unknown>): string | undefined {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const given = [str(c.given_name), str(c.family_name)].filter(Boolean).join(' ');
  return (str(c.name) ?? (given || undefined) ?? str(c.preferred_username))?.slice(0, 120);
}

/** What went wrong in the code exchange or the ID token checks, said to the person signing in. */
function exchangeFailure(error: unknown): SsoFailure {
  const e = error as { code?: string; error?: string; name?: string };
  if (e.code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR') {
    if (e.error === 'access_denied')
      return new SsoFailure(
        `Your identity provider did not sign you in (it was cancelled or refused there). ${START_AGAIN}`,
        'access denied',
      );
    return new SsoFailure(
      `Your identity provider refused the sign-in${/^[a-z_]{1,40}$/.test(e.error ?? '') ? ` (${e.error})` : ''}. ${START_AGAIN} If it happens again, ${ASK_OWNER.toLowerCase()}`,
      `authorization error ${e.error}`,
    );
  }
  if (e.code === 'OAUTH_RESPONSE_BODY_ERROR') {
    if (e.error === 'invalid_grant')
      return new SsoFailure(
        `The sign-in code from your identity provider has expired or was used already. ${START_AGAIN}`,
        'invalid_grant',
      );
    if (e.error === 'invalid_client' || e.error === 'unauthorized_client')
      return new SsoFailure(
        `Your identity provider did not accept Vetted's client ID or secret. ${ASK_OWNER}`,
        e.error,
      );
    return new SsoFailure(
      `Your identity provider refused to complete the sign-in. ${START_AGAIN} If it happens again, ${ASK_OWNER.toLowerCase()}`,
      `token error ${e.error}`,
    );
  }
  if (
    e.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' ||
    e.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' ||
    e.code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED' ||
    e.code === 'OAUTH_INVALID_RESPONSE' ||
    e.code === 'OAUTH_KEY_SELECTION_FAILED'
  )
    return new SsoFailure(
      `The answer from your identity provider did not pass Vetted's checks (issuer, audience, signature, nonce or time). ${START_AGAIN} If it happens again, ${ASK_OWNER.toLowerCase()}`,
      `id token check ${e.code}`,
    );
  return providerFailure(error);
}

/* ---------------------------------------------------------------- the account */

async function account(ctx: AppContext, s: Stored, email: string, name: string | undefined): Promise<SignedIn> {
  const now = nowOf(ctx);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const rule = s.autoJoin && s.autoJoin.domain.toLowerCase() === domain ? s.autoJoin : null;
  const result = await ctx.store.db.transaction(async (tx) => {
    // Two first sign-ins at once: one inserts, the other finds that row.
    const inserted = await tx
      .insert(users)
      .values({ id: newId(), email, name: name ?? email.slice(0, email.indexOf('@')), createdAt: now })
      .onConflictDoNothing({ target: users.email })
      .returning();
    const user = inserted[0] ?? (await tx.select().from(users).where(eq(users.email, email)))[0]!;
    let joined: { workspace: string; workspaceId: string; memberId: string; role: Role } | null = null;
    if (rule) {
      const [ws] = await tx.select().from(workspaces).where(eq(workspaces.slug, rule.workspace));
      // Any membership counts, a removed one too: auto-join must not undo an owner's removal.
      const [mine] = ws
        ? await tx
            .select({ id: members.id })
            .from(members)
            .where(and(eq(members.workspaceId, ws.id), eq(members.userId, user.id)))
        : [];
      if (ws && !mine) {
        // A member an owner added by this email, not yet signed in as: it becomes theirs, with its role.
        const [named] = await tx
          .select()
          .from(members)
          .where(
            and(
              eq(members.workspaceId, ws.id),
              isNull(members.userId),
              isNull(members.removedAt),
              sql`lower(${members.email}) = ${email}`,
            ),
          );
        if (named) {
          await tx
            .update(members)
            .set({ userId: user.id, version: named.version + 1 })
            .where(eq(members.id, named.id));
          joined = { workspace: ws.slug, workspaceId: ws.id, memberId: named.id, role: named.role };
        } else {
          const memberId = newId();
          await tx.insert(members).values({
            id: memberId,
            workspaceId: ws.id,
            name: await freeName(tx, ws.id, user.name, email),
            email,
            role: rule.role,
            userId: user.id,
            createdAt: now,
          });
          joined = { workspace: ws.slug, workspaceId: ws.id, memberId, role: rule.role };
        }
      }
    }
    return { user, created: inserted.length > 0, joined };
  });
  const { user, created, joined } = result;
  // The callback is a GET, which the audit hook does not record: what it wrote is recorded here.
  const entry = { userId: user.id, actor: user.name, action: 'GET /auth/oidc/callback', status: 302, before: null };
  if (created)
    await recordAudit(ctx, {
      ...entry,
      workspaceId: null,
      memberId: null,
      target: `/users/${user.id}`,
      after: { event: 'account made by single sign-on', email: user.email, name: user.name },
    });
  if (joined)
    await recordAudit(ctx, {
      ...entry,
      workspaceId: joined.workspaceId,
      memberId: joined.memberId,
      target: `/workspaces/${joined.workspace}/members/${joined.memberId}`,
      after: { event: 'joined by email domain', email: user.email, role: joined.role },
    });
  return { user, created, joined: joined && { workspace: joined.workspace, role: joined.role } };
}
