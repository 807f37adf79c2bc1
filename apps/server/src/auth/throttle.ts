import type { Redis } from 'ioredis';
import { tooManyRequests } from '../problem.ts';
import { redisAvailability } from '../ratelimit.ts';

/**
 * Sign-in throttling by progressive delay, never by lock-out. Failed sign-ins are counted per username and
 * per client address; past a few free failures each one makes the next attempt on that key wait longer
 * (doubling up to a cap). The right password passes as soon as the wait is over, so nobody — a classmate
 * behind the same school NAT, or an attacker who knows a username — can keep an account shut for long, while
 * guessing slows to one try per cap. An attempt refused for waiting is not checked and not counted.
 */

/** Failed sign-ins on one key: how many, and when the last one was (ms since the epoch). */
export interface FailureRecord {
  count: number;
  lastAt: number;
}

/** Failure counts, kept for `windowSeconds` after the last failure; Redis-backed so replicas share them. */
export interface FailureStore {
  read(key: string): Promise<FailureRecord>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export interface DelayPolicy {
  /** Failures that cost nothing (typos). */
  free: number;
  baseSeconds: number;
  capSeconds: number;
}

/**
 * Per username: after 3 failures the wait doubles from 2 s up to a minute. Per address: a class behind one NAT
 * shares it, so 100 failures are free (forty students mistyping, one student trying classmates' names) before
 * a wait of at most 15 s slows a password spray down.
 */
export const SIGN_IN_DELAYS = {
  username: { free: 3, baseSeconds: 2, capSeconds: 60 },
  address: { free: 100, baseSeconds: 1, capSeconds: 15 },
} satisfies Record<string, DelayPolicy>;

/** Failures are forgotten this long after the last one. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;

/** The wait after `count` failures under `policy`, in seconds. */
export function delaySeconds(count: number, policy: DelayPolicy): number {
  if (count < policy.free) return 0;
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (count - policy.free));
}

/** Seconds still to wait at `now` (whole seconds, rounded up; 0 when an attempt may go ahead). */
export function remainingSeconds(record: FailureRecord, policy: DelayPolicy, now: number): number {
  const until = record.lastAt + delaySeconds(record.count, policy) * 1000;
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

export class SignInThrottle {
  readonly #store: FailureStore;
  readonly #now: () => number;
  constructor(store: FailureStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  /** Throws 429 with Retry-After while the username or the address must still wait. */
  async check(username: string, address: string): Promise<void> {
    const [user, client] = await Promise.all([
      this.#store.read(`user:${username}`),
      this.#store.read(`ip:${address}`),
    ]);
    const now = this.#now();
    const wait = Math.max(
      remainingSeconds(user, SIGN_IN_DELAYS.username, now),
      remainingSeconds(client, SIGN_IN_DELAYS.address, now),
    );
    if (wait > 0)
      throw tooManyRequests('sign_in_throttled', `Too many failed sign-ins; try again in ${wait} s.`, wait);
  }

  async failed(username: string, address: string): Promise<void> {
    await Promise.all([this.#store.fail(`user:${username}`), this.#store.fail(`ip:${address}`)]);
  }

  /** The username's count starts again; the address's does not (one success would hide a spray). */
  async succeeded(username: string): Promise<void> {
    await this.#store.reset(`user:${username}`);
  }
}

export function createFailureStore(
  windowSeconds: number,
  redis: Redis | undefined,
  prefix: string,
  now: () => number = Date.now,
): FailureStore {
  const local = memoryStore(windowSeconds, now);
  if (!redis) return local;
  const availability = redisAvailability(redis);
  return {
    read: (key) =>
      availability.run(
        async () => {
          const [count, lastAt] = await redis.hmget(prefix + key, 'count', 'last');
          return { count: Number(count ?? 0), lastAt: Number(lastAt ?? 0) };
        },
        () => local.read(key),
      ),
    fail: (key) =>
      availability.run(
        async () => {
          const k = prefix + key;
          // One transaction: a count left without an expiry would never be forgotten.
          const replies = await redis
            .multi()
            .hincrby(k, 'count', 1)
            .hset(k, 'last', now())
            .expire(k, windowSeconds)
            .exec();
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

const MEMORY_KEYS_MAX = 100_000;

function memoryStore(windowSeconds: number, now: () => number): FailureStore {
  const entries = new Map<string, FailureRecord>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.lastAt + windowSeconds * 1000 <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async read(key) {
      const entry = live(key);
      return entry ? { ...entry } : { count: 0, lastAt: 0 };
    },
    async fail(key) {
      const entry = live(key);
      if (entry) {
        entry.count++;
        entry.lastAt = now();
        return;
      }
      // Oldest first out: a Map iterates in insertion order.
      if (entries.size >= MEMORY_KEYS_MAX) entries.delete(entries.keys().next().value as string);
      entries.set(key, { count: 1, lastAt: now() });
    },
    async reset(key) {
      entries.delete(key);
    },
  };
}
