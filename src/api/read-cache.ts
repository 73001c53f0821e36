import type { FastifyInstance } from 'fastify';

const REPLAYED = ['content-type', 'etag'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a GET route's response may be kept: shared by every caller the policy lets through, per acting
 * member, or never (exports); `writes` marks a GET that changes data (the single sign-on callback makes
 * accounts and memberships): never kept, and it empties the cache like any write.
 */
export type CachePolicy = 'shared' | 'per-actor' | 'never' | 'writes';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Read-cache policy of a GET route (default: shared). */
    readCache?: CachePolicy;
  }
}

export interface ReadCacheOptions {
  /** The most bytes of response bodies kept (VETTED_READ_CACHE_MB, default 64 MB). */
  maxBytes?: number;
  /** A response larger than this is never kept: one export must not evict everything else. */
  maxEntryBytes?: number;
}

export interface ReadCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    readCacheStats?: () => ReadCacheStats;
  }
}

export function cacheBudget(): number {
  const mb = Number(process.env.VETTED_READ_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb >= 0 ? Math.floor(mb * 1024 * 1024) : 64 * 1024 * 1024;
}

/**
 * Answers repeated GETs from memory. Only safe when this process is the database's only writer, which
 * the embedded engine guarantees (its lock): every write passes through this server, and any write
 * empties the cache before its response leaves. A GET that was under way while a write happened is
 * not kept (the generation moved on). With PostgreSQL other servers may write, so it is off.
 *
 * Bounded by bytes, not entries, and keyed only by what changes a response (the URL, and for per-actor
 * routes a well-formed member id): header text a caller makes up can neither grow it nor split it.
 */
export function readCache(app: FastifyInstance, options: ReadCacheOptions = {}): () => ReadCacheStats {
  const maxBytes = options.maxBytes ?? cacheBudget();
  const maxEntryBytes = Math.min(options.maxEntryBytes ?? 1024 * 1024, maxBytes);
  // Insertion order is use order: a hit moves its entry to the end, so eviction takes the least recent.
  const entries = new Map<string, { headers: Record<string, string>; body: string; bytes: number }>();
  const started = new WeakMap<object, { generation: number; key: string }>();
  let generation = 0;
  let bytes = 0;

  const keyOf = (url: string, policy: CachePolicy, actor: string | undefined): string | null => {
    if (policy === 'never' || policy === 'writes') return null;
    if (policy === 'shared') return url;
    if (actor === undefined) return ` ${url}`;
    return UUID.test(actor) ? `${actor.toLowerCase()} ${url}` : null;
  };
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.bytes;
    entries.delete(key);
  };

  // After the route's policy (a preValidation hook), so a remembered answer is never given to a caller the
  // policy would refuse.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'GET' || !req.url.startsWith('/api/')) return;
    // Per-actor answers are keyed by the member the policy resolved (src/api/policies.ts), not by a header.
    const key = keyOf(req.url, req.routeOptions.config?.readCache ?? 'shared', req.actor?.id);
    if (key === null) return;
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key);
      entries.set(key, hit);
      return reply.headers({ ...hit.headers, 'x-cache': 'hit' }).send(hit.body);
    }
    started.set(req, { generation, key });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || req.routeOptions.config?.readCache === 'writes') {
      generation++;
      entries.clear();
      bytes = 0;
      return payload;
    }
    const pending = started.get(req);
    if (!pending || pending.generation !== generation) return payload;
    if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const size = Buffer.byteLength(payload) + pending.key.length;
    if (size > maxEntryBytes) return payload;
    drop(pending.key);
    while (bytes + size > maxBytes && entries.size) drop(entries.keys().next().value!);
    const headers: Record<string, string> = {};
    for (const name of REPLAYED) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    entries.set(pending.key, { headers, body: payload, bytes: size });
    bytes += size;
    return payload;
  });
  return () => ({ entries: entries.size, bytes, maxBytes });
}
