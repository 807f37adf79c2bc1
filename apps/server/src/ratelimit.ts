import { createRequire } from 'node:module';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis, RedisOptions } from 'ioredis';
import type { Metrics } from './metrics.ts';

/**
 * Rate limits and sign-in throttling that survive a Redis outage.
 *
 * While the Redis connection is up, counters live in Redis and every replica shares them. When a Redis
 * command fails or the connection drops, each limiter switches to LOCAL in-memory counters (per instance, so
 * the effective limit is multiplied by the number of replicas, but nothing fails open); when the client
 * reconnects, they switch back. One `RedisAvailability` per Redis client decides, so the HTTP rate limit and
 * the login throttle always agree on the backend; the `aralin_rate_limit_backend` gauge and one log line per
 * switch report it.
 */

/** Client options for the rate-limit Redis connection: fail fast instead of queueing while disconnected. */
export const RATE_LIMIT_REDIS_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  /** A Redis that accepts the connection but does not answer must not hold requests up. */
  commandTimeout: 1000,
  connectTimeout: 2000,
} satisfies RedisOptions;

export type RateLimitBackend = 'redis' | 'memory';
type Listener = (backend: RateLimitBackend, cause: unknown) => void;

/** Statuses of a client that has not connected yet (startup): not an outage, but not usable either. */
const FIRST_CONNECT = new Set(['wait', 'connecting', 'connect']);

export class RedisAvailability {
  readonly redis: Redis;
  #backend: RateLimitBackend;
  #failedAt = 0;
  #everReady: boolean;
  readonly #recheckMs: number;
  readonly #now: () => number;
  readonly #listeners = new Set<Listener>();

  /**
   * `recheckMs`: after a failed command on a connection that stayed up (an error reply, a timeout), how long
   * to keep local counters before trying Redis again.
   */
  constructor(redis: Redis, options: { recheckMs?: number; now?: () => number } = {}) {
    this.redis = redis;
    this.#recheckMs = options.recheckMs ?? 5000;
    this.#now = options.now ?? Date.now;
    this.#everReady = redis.status === 'ready';
    this.#backend = redis.status === 'ready' || FIRST_CONNECT.has(redis.status) ? 'redis' : 'memory';
    redis.on('ready', () => {
      this.#everReady = true;
      this.#set('redis', undefined);
    });
    redis.on('reconnecting', () => this.#set('memory', new Error('the Redis connection was lost')));
    redis.on('end', () => this.#set('memory', new Error('the Redis connection was closed')));
  }

  get backend(): RateLimitBackend {
    return this.#backend;
  }

  /** Calls `listener` now with the current backend, then on every switch. Returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    listener(this.#backend, undefined);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Runs `shared` against Redis when it is usable; otherwise, or when it fails, runs `local`. */
  async run<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    if (this.redis.status !== 'ready') {
      if (this.#everReady || !FIRST_CONNECT.has(this.redis.status))
        this.#set('memory', new Error(`the Redis connection is ${this.redis.status}`));
      return local();
    }
    if (this.#backend === 'memory') {
      if (this.#now() - this.#failedAt < this.#recheckMs) return local();
      // One request probes Redis; the ones arriving meanwhile stay local.
      this.#failedAt = this.#now();
    }
    try {
      const result = await shared();
      this.#set('redis', undefined);
      return result;
    } catch (error) {
      this.#set('memory', error);
      return local();
    }
  }

  #set(backend: RateLimitBackend, cause: unknown): void {
    if (backend === 'memory') this.#failedAt = this.#now();
    if (backend === this.#backend) return;
    this.#backend = backend;
    for (const listener of this.#listeners) listener(backend, cause);
  }
}

const availabilityByClient = new WeakMap<Redis, RedisAvailability>();

/** The one availability tracker of a Redis client, shared by every limiter that uses the client. */
export function redisAvailability(redis: Redis): RedisAvailability {
  let availability = availabilityByClient.get(redis);
  if (!availability) {
    availability = new RedisAvailability(redis);
    availabilityByClient.set(redis, availability);
  }
  return availability;
}

/**
 * Keeps the `aralin_rate_limit_backend` gauge on the backend in use and logs each switch once: a warning when
 * the limits fall back to local memory, an info line when Redis is back. Returns the unsubscribe function.
 */
export function reportRateLimitBackend(
  redis: Redis | undefined,
  gauge: Metrics['rateLimitBackend'],
  log: FastifyBaseLogger,
): () => void {
  const show = (backend: RateLimitBackend) => {
    gauge.set({ backend: 'redis' }, backend === 'redis' ? 1 : 0);
    gauge.set({ backend: 'memory' }, backend === 'memory' ? 1 : 0);
  };
  if (!redis) {
    show('memory');
    return () => {};
  }
  let first = true;
  return redisAvailability(redis).subscribe((backend, cause) => {
    show(backend);
    if (backend === 'memory')
      log.warn(
        { err: cause },
        'Redis is unavailable: rate limits and sign-in throttling use local in-memory counters on this instance until it is back',
      );
    else if (!first)
      log.info('Redis is back: rate limits and sign-in throttling are shared through Redis again');
    first = false;
  });
}

// ------------------------------------------------------------------ store for @fastify/rate-limit

type Counter = { current: number; ttl: number };
type IncrCallback = (error: Error | null, result?: Counter) => void;
interface BuiltinStore {
  incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void;
  read(key: string, callback: IncrCallback, timeWindow: number, max: number): void;
  child(routeOptions: unknown): BuiltinStore;
}
/** What the plugin passes to a store's constructor (its global settings, resolved). */
interface StoreSettings {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
}

// @fastify/rate-limit ships its two stores without type declarations; they are typed by `BuiltinStore`.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  key: string,
) => BuiltinStore;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => BuiltinStore;

const promised = (op: (cb: IncrCallback) => void) =>
  new Promise<Counter>((resolve, reject) =>
    op((error, result) => (error || !result ? reject(error ?? new Error('no result')) : resolve(result))),
  );

/** A store that counts in Redis (the plugin's own Lua script) and in local memory while Redis is away. */
class FallbackStore {
  readonly #availability: RedisAvailability;
  readonly #shared: BuiltinStore;
  readonly #local: BuiltinStore;
  constructor(availability: RedisAvailability, shared: BuiltinStore, local: BuiltinStore) {
    this.#availability = availability;
    this.#shared = shared;
    this.#local = local;
  }

  #call(method: 'incr' | 'read', key: string, callback: IncrCallback, timeWindow: number, max: number) {
    this.#availability
      .run(
        () => promised((cb) => this.#shared[method](key, cb, timeWindow, max)),
        () => promised((cb) => this.#local[method](key, cb, timeWindow, max)),
      )
      .then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
  }

  incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void {
    this.#call('incr', key, callback, timeWindow, max);
  }

  read(key: string, callback: IncrCallback, timeWindow: number, max: number): void {
    this.#call('read', key, callback, timeWindow, max);
  }

  /** Per-route limits (`config.rateLimit`) get their own keys in both backends. */
  child(routeOptions: unknown): FallbackStore {
    return new FallbackStore(
      this.#availability,
      this.#shared.child(routeOptions),
      this.#local.child(routeOptions),
    );
  }
}

/** The `store` option of @fastify/rate-limit: Redis with a local fallback. */
export function fallbackStore(redis: Redis, nameSpace: string) {
  const availability = redisAvailability(redis);
  return class extends FallbackStore {
    constructor(settings: StoreSettings) {
      const continueExceeding = settings.continueExceeding ?? false;
      const exponentialBackoff = settings.exponentialBackoff ?? false;
      super(
        availability,
        new RedisStore(continueExceeding, exponentialBackoff, redis, nameSpace),
        new LocalStore(continueExceeding, exponentialBackoff),
      );
    }
  };
}
