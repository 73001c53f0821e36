import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the app (VETTED_WEB_DIR may point elsewhere). */
export const webRoot = () =>
  resolve(process.env.VETTED_WEB_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web'));

const hidden = { schema: { hide: true } };

/** Paths that belong to the server, never to the app: they keep the API's problem+json 404. */
const serverPath = (path: string) =>
  path === '/api' ||
  path.startsWith('/api/') ||
  path.startsWith('/docs') ||
  path.startsWith('/assets/') ||
  // A file name (favicon.ico, robots.txt…) that was not built: a 404, not the app.
  /\.[a-z0-9]+$/i.test(path);

const MISSING_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b2330}
code{background:#eef0f4;padding:.1rem .3rem;border-radius:4px}`;
/** The page below has no script and one inline style sheet, allowed by its hash: no 'unsafe-inline'. */
const MISSING_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(MISSING_STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const MISSING = (root: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vetted: the web app is not built</title>
<style>${MISSING_STYLE}</style></head>
<body><main><h1>The web app is not built yet</h1>
<p>The server and its API are running, but there is no built web app in <code>${root.replace(/[<&>]/g, '')}</code>.</p>
<p>Build it with <code>npm run build:web</code> and reload this page (<code>npm start</code> builds it before serving).</p>
<p>Meanwhile the API works: see the <a href="/docs">API reference</a> and <a href="/openapi.json">OpenAPI document</a>.</p>
</main></body></html>`;

/**
 * Serves the built web app at /: hashed assets with a long cache life, and index.html (never cached) for
 * every other path that is not the API's, so the app's own addresses survive a reload. Files are looked up
 * per request, so a rebuild needs no restart. When the build is missing, a page says how to make it.
 */
export async function webPlugin(app: FastifyInstance) {
  const root = webRoot();
  const index = join(root, 'index.html');
  const assets = join(root, 'assets') + sep;

  await app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    suppressWarning: true,
    // sendFile of index.html and top-level files goes through this same instance, so the rule must look
    // at the file: only the hashed assets are immutable; HTML must be revalidated after an upgrade.
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const sendIndex = (reply: FastifyReply) =>
    existsSync(index)
      ? reply.header('cache-control', 'no-cache').sendFile('index.html', root)
      : reply
          .status(503)
          .header('cache-control', 'no-store')
          .header('content-security-policy', MISSING_CSP)
          .type('text/html; charset=utf-8')
          .send(MISSING(root));

  app.get('/', hidden, async (_req, reply) => sendIndex(reply));
  app.get('/*', hidden, async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    // A top-level file of the build (none today but index.html; a favicon or robots.txt tomorrow).
    const file = /^\/([\w-]+(?:\.[\w-]+)*\.[a-z0-9]+)$/i.exec(path)?.[1];
    if (file && existsSync(join(root, file))) return reply.header('cache-control', 'no-cache').sendFile(file, root);
    return serverPath(path) ? reply.callNotFound() : sendIndex(reply);
  });
}
