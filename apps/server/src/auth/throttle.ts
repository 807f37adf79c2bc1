import type { Redis } from 'ioredis';
import { redisAvailability } from '../ratelimit.ts';

/**
 * Counts failures per key in a fixed window. Redis-backed when a client is given, so replicas share the count;
 * while Redis is unavailable the counts are kept in local memory (per instance) instead of being skipped.
 */
export interface FailureThrottle {
  failures(key: string): Promise<{ count: number; retryAfterSeconds: number }>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function createThrottle(
  windowSeconds: number,
  redis: Redis | undefined,
  prefix: string,
  now: () => number = Date.now,
): FailureThrottle {
  const local = memoryThrottle(windowSeconds, now);
  if (!redis) return local;
  const availability = redisAvailability(redis);
  return {
    failures: (key) =>
      availability.run(
        async () => {
          const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.ttl(prefix + key)]);
          return { count: Number(count ?? 0), retryAfterSeconds: Math.max(1, ttl) };
        },
        () => local.failures(key),
      ),
    fail: (key) =>
      availability.run(
        async () => {
          const k = prefix + key;
          // One transaction: a counter left without an expiry (INCR landed, EXPIRE did not) would lock the
          // username out for good. NX keeps the window fixed from the first failure.
          const replies = await redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec();
          const failed = replies?.find(([error]) => error)?.[0];
          if (!replies || failed) throw failed ?? new Error('the Redis transaction was discarded');
        },
        () => local.fail(key),
      ),
    async reset(key) {
      // Local counts from an earlier outage must not come back at the next one.
      await local.reset(key);
      await availability.run(
        async () => {
          await redis.del(prefix + key);
        },
        () => undefined,
      );
    },
  };
}

function memoryThrottle(windowSeconds: number, now: () => number): FailureThrottle {
  const entries = new Map<string, { count: number; until: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.until <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async failures(key) {
      const entry = live(key);
      return {
        count: entry?.count ?? 0,
        retryAfterSeconds: entry ? Math.max(1, Math.ceil((entry.until - now()) / 1000)) : 0,
      };
    },
    async fail(key) {
      const entry = live(key);
      if (entry) entry.count++;
      else {
        if (entries.size > 100_000) entries.clear();
        entries.set(key, { count: 1, until: now() + windowSeconds * 1000 });
      }
    },
    async reset(key) {
      entries.delete(key);
    },
  };
}
