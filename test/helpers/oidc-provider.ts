/**
 * A real OpenID Provider for the single sign-on tests: oidc-provider (certified), in this process, on
 * 127.0.0.1, with one confidential client that must use PKCE. Its login page is a plain form that takes an
 * email address and signs that person in (and consents for them); the account's email is verified unless
 * the test says otherwise.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// @ts-expect-error: oidc-provider ships no types (its DefinitelyTyped package would bring in Koa's as well)
import Provider from 'oidc-provider';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Emails the provider has not verified: it says `email_verified: false` for them. */
  unverified: Set<string>;
  /** How long an authorization code lives, in seconds (60 unless a test shortens it). */
  codeTtl: number;
  /** The email of every sign-in completed on the login page, in order. */
  logins: string[];
  close(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const htmlText = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the provider; `redirectUri` is the one client's only registered redirect URI. */
export async function startProvider(redirectUri: string): Promise<TestProvider> {
  const server = createServer();
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state: TestProvider = {
    issuer,
    clientId: 'vetted-test',
    clientSecret: `secret-${Math.random().toString(36).slice(2)}${Date.now()}`,
    unverified: new Set(),
    codeTtl: 60,
    logins: [],
    close: () => close(server),
  };
  const codeTtl = () => state.codeTtl;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({
        sub: id,
        email: id,
        email_verified: !state.unverified.has(id),
        name: id
          .split('@')[0]!
          .split(/[._-]/)
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join(' '),
      }),
    }),
    ttl: {
      AuthorizationCode: codeTtl,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });
  const handle = provider.callback();

  /** The login page, then its form: signs the person in and grants what the client asked for. */
  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, submit: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (!submit) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider: sign in</h1>
<p>Signing in to ${htmlText(String(details.params.client_id))}</p>
<form method="post" action="/interaction/${htmlText(uid)}/login">
<label>Email <input name="email" type="email" autocomplete="off" required></label>
<button type="submit">Continue</button></form></main></body></html>`);
      return;
    }
    const email = (await formOf(req)).get('email')?.trim() ?? '';
    const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    state.logins.push(email);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: email }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/login)?$/.exec((req.url ?? '').split('?')[0]!);
    if (!m) return handle(req, res);
    interaction(req, res, m[1]!, req.method === 'POST' && !!m[2]).catch((error: Error) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`interaction failed: ${error.message}`);
    });
  });
  return state;
}

/**
 * A server that answers discovery with another provider's document: its address is not the issuer that
 * document names, as when the issuer is set to a proxy's or a mistyped address.
 */
export async function startMirror(of: TestProvider): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (_req, res) => {
    const doc = await fetch(`${of.issuer}/.well-known/openid-configuration`).then((r) => r.text());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(doc);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => close(server) };
}

/** A browser's cookies and redirects, by hand: enough to walk the sign-in between Vetted and the provider. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects from `url` until one leads to `stopAt` (an origin), and returns that address. */
  async follow(url: string, stopAt: string, form?: Record<string, string>): Promise<string> {
    let res = await this.request(url, form ? { method: 'POST', form } : {});
    let at = url;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location');
      if (!location) throw new Error(`${res.status} at ${at} without a redirect: ${(await res.text()).slice(0, 300)}`);
      const next = new URL(location, at).href;
      if (next.startsWith(stopAt)) return next;
      at = next;
      res = await this.request(next);
    }
    throw new Error('too many redirects');
  }
}
