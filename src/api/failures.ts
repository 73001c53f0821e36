import type { FastifyReply } from 'fastify';
import { AppError } from '../app/errors.ts';

/**
 * Failed attempts at a secret (a password, an API token), counted per key in a fixed window. Only failures
 * count: a person who signs in often is never slowed, a guesser is stopped after `max` misses. In memory,
 * per process, bounded (the table is emptied if it ever holds 10,000 keys: a flood of keys cannot grow it).
 */
export function failureLimiter(max: number, windowMs = 60_000) {
  const counts = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string, now: number) => {
    const c = counts.get(key);
    return c && c.resetAt > now ? c : undefined;
  };
  return {
    /** Refuses with 429 and Retry-After while the key has used up its misses. */
    check(key: string, reply: FastifyReply) {
      const now = Date.now();
      const c = current(key, now);
      if (!c || c.count < max) return;
      const wait = Math.max(1, Math.ceil((c.resetAt - now) / 1000));
      reply.header('retry-after', String(wait));
      throw new AppError(429, 'Too many requests', `Too many failed attempts: wait ${wait} seconds and try again.`);
    },
    fail(key: string) {
      const now = Date.now();
      const c = current(key, now);
      if (c) c.count++;
      else {
        if (counts.size >= 10_000) counts.clear();
        counts.set(key, { count: 1, resetAt: now + windowMs });
      }
    },
  };
}
