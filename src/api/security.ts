import { createHash } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../app/errors.ts';
import { problem } from './problems.ts';

/**
 * The policies below allow no inline script anywhere. The web app is one script, one stylesheet and a data:
 * favicon (dist/web/index.html); React's style props go through the CSSOM, which style-src does not govern.
 */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The one inline style sheet Swagger UI renders: the colours of its logo (an SVG with a <style> in it). */
const SWAGGER_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
/**
 * Swagger UI (/docs) is three scripts and two stylesheets of its own, and draws its icons as data: images.
 * Its logo's style is allowed by hash: 'unsafe-inline' for styles would let injected markup restyle the page.
 */
export const DOCS_CSP = APP_CSP.replace(
  "style-src 'self'",
  `style-src 'self' 'sha256-${createHash('sha256').update(SWAGGER_LOGO_STYLE).digest('base64')}'`,
);
/**
 * Everything else (JSON, problems, exports, generated documents, assets) is never a page: nothing may load
 * or run if a browser is led to render it. A generated HTML document is sent as an attachment and carries
 * its own policy for when it is opened (src/documents/html.ts).
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const isHtml = (reply: FastifyReply) => /^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''));
const isApi = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/openapi.json' || path.startsWith('/openapi.json?');

/**
 * A hand-written onSend hook rather than @fastify/helmet: helmet would send one policy on every response,
 * and the web app, the API reference and the API need different ones; this is the whole of it.
 */
function securityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (reply.hasHeader('content-security-policy')) return payload;
    const path = req.url;
    // A 304 carries no content type, and the browser keeps its headers with the page it revalidated: the
    // app's page must get the app's policy then too, or its next load runs under the API's and is blank.
    if ((isHtml(reply) || reply.statusCode === 304) && !isApi(path)) {
      reply.header('content-security-policy', path.startsWith('/docs') ? DOCS_CSP : APP_CSP);
      reply.header('x-frame-options', 'DENY');
    } else reply.header('content-security-policy', API_CSP);
    return payload;
  });
}

/* ---------------------------------------------------------------- Host check (DNS rebinding) */

interface HostRule {
  name: string;
  /** The ports accepted with this name ('' for a Host without one); any port when absent. */
  ports?: Set<string>;
}

/** A Host header: a DNS name, an IPv4 address or a bracketed IPv6 address, and an optional port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

/** The canonical form of a host name: lower case, no trailing dot, IPv4 and IPv6 written the usual way. */
function canonicalName(name: string): string | null {
  try {
    return new URL(`http://${name.replace(/\.$/, '')}/`).hostname;
  } catch {
    return null;
  }
}

function parseHost(header: string): { name: string; port: string } | null {
  const m = HOST.exec(header.trim());
  const name = m && canonicalName(m[1]!);
  return name ? { name, port: m[2] ?? '' } : null;
}

/** Names a browser only sends when its user typed them: no one else's DNS can point them at this server. */
export const isLoopbackName = (name: string) =>
  name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);

/** The address a request arrived on, as it would appear in a Host header. */
function localName(req: FastifyRequest): string | null {
  const address = req.socket?.localAddress;
  if (!address) return null;
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1];
  return canonicalName(v4 ?? (address.includes(':') ? `[${address}]` : address));
}

export interface HostSettings {
  /** VETTED_PUBLIC_URL: the address people use, e.g. https://vetted.example.com. */
  publicUrl?: string;
  /** VETTED_ALLOWED_HOSTS: more names, comma-separated, each with an optional port (`name:port`). */
  allowedHosts?: string;
}

export function hostRules(settings: HostSettings): HostRule[] {
  const rules: HostRule[] = [];
  if (settings.publicUrl?.trim()) {
    let url: URL;
    try {
      url = new URL(settings.publicUrl.trim());
    } catch {
      throw new Error(
        `VETTED_PUBLIC_URL is not a URL: "${settings.publicUrl}". Write it like https://vetted.example.com`,
      );
    }
    const fallback = url.protocol === 'https:' ? '443' : '80';
    rules.push({ name: url.hostname, ports: new Set(url.port ? [url.port] : ['', fallback]) });
  }
  for (const entry of (settings.allowedHosts ?? '').split(',')) {
    if (!entry.trim()) continue;
    const host = parseHost(entry);
    if (!host) throw new Error(`VETTED_ALLOWED_HOSTS has an entry that is not a host name: "${entry.trim()}"`);
    rules.push(host.port ? { name: host.name, ports: new Set([host.port]) } : { name: host.name });
  }
  return rules;
}

/**
 * A web page on someone else's name (evil.example) can have its DNS answer switched to this server's address;
 * the browser then treats our answers as that page's own. Its requests still say `Host: evil.example`, so
 * only names this server is known by are served: loopback names, the address the request came in on (a
 * literal address is never someone else's name), the configured ones, and, with nothing configured, the
 * machine's own host name. Anything else gets 421 before a hook, a cache or a handler sees the request.
 */
function hostCheck(app: FastifyInstance, settings: HostSettings) {
  const rules = hostRules(settings);
  const configured = rules.length > 0;
  if (!configured) {
    const own = canonicalName(osHostname());
    if (own) rules.push({ name: own });
  }
  const allowed = (req: FastifyRequest) => {
    const header = req.headers.host;
    // HTTP/1.0 without a Host: not a browser, so not a rebinding.
    if (header === undefined) return true;
    const host = parseHost(header);
    if (!host) return false;
    if (isLoopbackName(host.name) || host.name === localName(req)) return true;
    return rules.some((r) => r.name === host.name && (!r.ports || r.ports.has(host.port)));
  };

  app.addHook('onRequest', async (req, reply) => {
    if (allowed(req)) return;
    const shown = String(req.headers.host).slice(0, 100);
    return reply
      .status(421)
      .type('application/problem+json')
      .send(
        problem(
          421,
          'Misdirected request',
          `This server does not answer to the host name "${shown}". If that is how people reach it, add it to VETTED_PUBLIC_URL or VETTED_ALLOWED_HOSTS.`,
        ),
      );
  });

  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (configured || !address || typeof address === 'string') return;
    const name = canonicalName(address.address.includes(':') ? `[${address.address}]` : address.address);
    if (name && isLoopbackName(name)) return;
    app.log.warn(
      `Listening on ${address.address} with no VETTED_PUBLIC_URL: only loopback names, this machine's addresses and its host name are answered. Set VETTED_PUBLIC_URL (or VETTED_ALLOWED_HOSTS) to the address people use.`,
    );
  });
}

/* ---------------------------------------------------------------- Rate limits */

/**
 * Named limits, per client address, for routes that take a secret someone could guess by trying: a receipt
 * code now, a password or a token later. In memory, per process. Behind a proxy every client shares the
 * proxy's address unless Fastify's trustProxy is set.
 */
export const LIMITS = {
  guessable: { max: 10, timeWindow: 60_000 },
} satisfies Record<string, RateLimitOptions>;

/** A route's config for a limited route: `app.post(url, { config: rateLimited(), schema }, handler)`. */
export const rateLimited = (limit: RateLimitOptions = LIMITS.guessable) => ({ rateLimit: limit });

/** Routes declared elsewhere that take a guessable secret: limited here so the route files need not know. */
export const LIMITED_ROUTES: Record<string, RateLimitOptions> = {
  'POST /api/receipts/lookup': LIMITS.guessable,
};

async function rateLimits(app: FastifyInstance) {
  // Runs before the plugin's own onRoute hook (added below), which reads config.rateLimit.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limit = methods.map((m) => LIMITED_ROUTES[`${m} ${route.url}`]).find(Boolean);
    if (limit && route.config?.rateLimit === undefined) route.config = { ...route.config, rateLimit: limit };
  });
  await app.register(rateLimit, {
    // Off for every other route: the benchmarks measure throughput, and reads guess nothing.
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        ctx.statusCode,
        'Too many requests',
        `Too many attempts from your address: wait ${Math.max(1, Math.ceil(ctx.ttl / 1000))} seconds and try again.`,
      ),
  });
}

/** Headers on every response, the Host check and the rate limits; before the routes and the read cache. */
export async function security(app: FastifyInstance, settings: HostSettings = fromEnv()) {
  hostCheck(app, settings);
  securityHeaders(app);
  await rateLimits(app);
}

const fromEnv = (): HostSettings => ({
  publicUrl: process.env.VETTED_PUBLIC_URL,
  allowedHosts: process.env.VETTED_ALLOWED_HOSTS,
});
