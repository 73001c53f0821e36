import type { FastifyInstance } from 'fastify';

const MAX_ENTRIES = 500;

/**
 * Answers repeated GETs from memory. Only safe when this process is the database's only writer, which
 * the embedded engine guarantees (its lock): every write passes through this server, and any write
 * empties the cache before its response leaves. With PostgreSQL other servers may write, so it is off.
 */
export function readCache(app: FastifyInstance) {
  const entries = new Map<string, { type: string; body: string }>();
  const keyOf = (url: string, actor: unknown) => `${actor ?? ''} ${url}`;

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/')) return;
    const hit = entries.get(keyOf(req.url, req.headers['vetted-actor']));
    if (hit) return reply.header('x-cache', 'hit').type(hit.type).send(hit.body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET') {
      entries.clear();
      return payload;
    }
    if (reply.statusCode !== 200 || typeof payload !== 'string' || !req.url.startsWith('/api/')) return payload;
    if (reply.getHeader('x-cache') === 'hit') return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(keyOf(req.url, req.headers['vetted-actor']), {
      type: String(reply.getHeader('content-type')),
      body: payload,
    });
    return payload;
  });
}
