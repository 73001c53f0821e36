import type { FastifyInstance } from 'fastify';

const MAX_ENTRIES = 500;
const REPLAYED = ['content-type', 'etag'] as const;

/**
 * Answers repeated GETs from memory. Only safe when this process is the database's only writer, which
 * the embedded engine guarantees (its lock): every write passes through this server, and any write
 * empties the cache before its response leaves. A GET that was under way while a write happened is
 * not kept (the generation moved on). With PostgreSQL other servers may write, so it is off.
 */
export function readCache(app: FastifyInstance) {
  const entries = new Map<string, { headers: Record<string, string>; body: string }>();
  const started = new WeakMap<object, number>();
  let generation = 0;
  const keyOf = (url: string, actor: unknown) => `${actor ?? ''} ${url}`;

  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/')) return;
    const hit = entries.get(keyOf(req.url, req.headers['vetted-actor']));
    if (hit) return reply.headers({ ...hit.headers, 'x-cache': 'hit' }).send(hit.body);
    started.set(req, generation);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET') {
      generation++;
      entries.clear();
      return payload;
    }
    if (started.get(req) !== generation) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    const headers: Record<string, string> = {};
    for (const name of REPLAYED) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    entries.set(keyOf(req.url, req.headers['vetted-actor']), { headers, body: payload });
    return payload;
  });
}
