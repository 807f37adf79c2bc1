import type { Redis } from 'ioredis';

/** Counts failures per key in a fixed window; Redis-backed when available so replicas share the count. */
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
  if (redis) {
    return {
      async failures(key) {
        const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.ttl(prefix + key)]);
        return { count: Number(count ?? 0), retryAfterSeconds: Math.max(1, ttl) };
      },
      async fail(key) {
        const k = prefix + key;
        const count = await redis.incr(k);
        if (count === 1) await redis.expire(k, windowSeconds);
      },
      async reset(key) {
        await redis.del(prefix + key);
      },
    };
  }
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
