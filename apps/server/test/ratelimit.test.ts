import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailureStore } from '../src/auth/throttle.ts';
import { RATE_LIMIT_REDIS_OPTIONS, RedisAvailability, redisAvailability } from '../src/ratelimit.ts';
import { expectProblem, makeApp } from './helpers.ts';

async function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const redisUp = await reachable(6379);
if (!redisUp)
  console.warn('⚠ Redis is not reachable on 127.0.0.1:6379 — SKIPPING the shared rate-limit tests');

describe.skipIf(!redisUp)('rate limits shared through Redis by two app instances', () => {
  const namespace = `aralin-test-${randomUUID()}`;
  let redis: Redis;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', RATE_LIMIT_REDIS_OPTIONS);
    await until('the Redis connection', () => redis.status === 'ready');
    const env = { RATE_LIMIT_PER_MINUTE: '6' };
    [a, b] = await Promise.all([
      makeApp({ redis, rateLimitNamespace: namespace }, env),
      makeApp({ redis, rateLimitNamespace: namespace }, env),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const keys = await redis.keys(`${namespace}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('counts sign-in failures in Redis with the time of the last, forgotten a window after it', async () => {
    let now = 1_000_000;
    const store = createFailureStore(900, redis, `${namespace}:login:`, () => now);
    await store.fail('user:ana');
    now += 5000;
    await store.fail('user:ana');
    expect(await store.read('user:ana')).toEqual({ count: 2, lastAt: 1_005_000 });
    const ttl = await redis.ttl(`${namespace}:login:user:ana`);
    expect(ttl).toBeGreaterThan(890);
    expect(ttl).toBeLessThanOrEqual(900);
    await store.reset('user:ana');
    expect(await store.read('user:ana')).toEqual({ count: 0, lastAt: 0 });
  });

  it('counts requests from one client across both instances and answers 429 problem+json', async () => {
    const hit = (app: FastifyInstance) =>
      app.inject({ method: 'GET', url: '/api/v1/tools', remoteAddress: '203.0.113.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await hit(a)).statusCode);
      statuses.push((await hit(b)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const limited = await hit(a);
    const problem = expectProblem(limited, 429);
    expect(problem.type).toContain('rate-limited');
    expect(limited.headers['retry-after']).toBeDefined();
    expectProblem(await hit(b), 429);
    // Another IP has its own budget; health checks are never limited.
    expect(
      (await a.inject({ method: 'GET', url: '/api/v1/tools', remoteAddress: '203.0.113.10' })).statusCode,
    ).toBe(200);
    expect(
      (await a.inject({ method: 'GET', url: '/health/live', remoteAddress: '203.0.113.9' })).statusCode,
    ).toBe(200);
    const metrics = await a.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer test-metrics-token-0123456789' },
    });
    expect(metrics.body).toContain('aralin_rate_limit_backend{backend="redis"} 1');
    expect(metrics.body).toContain('aralin_rate_limit_backend{backend="memory"} 0');
  });

  it('login failures are counted in Redis too, across instances', async () => {
    const signin = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/signin',
        payload: { username: 'ben', password: 'wrong-password' },
        remoteAddress: '198.51.100.7',
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
    for (const app of [a, b, a]) expect((await signin(app)).statusCode).toBe(401);
    expect(expectProblem(await signin(b), 429).detail).toContain('failed sign-ins');
  });
});

// ------------------------------------------------------------------ Redis away: local limits, not fail-open

interface Captured {
  lines: { level: number; msg: string }[];
  logger: Record<string, unknown>;
}
function captureLogs(): Captured {
  const lines: Captured['lines'] = [];
  return {
    lines,
    logger: {
      level: 'info',
      stream: { write: (line: string) => lines.push(JSON.parse(line) as { level: number; msg: string }) },
    },
  };
}
const WARN = 40;
const INFO = 30;
const fellBack = (c: Captured) =>
  c.lines.filter((l) => l.level === WARN && l.msg.startsWith('Redis is unavailable'));
const cameBack = (c: Captured) =>
  c.lines.filter((l) => l.level === INFO && l.msg.startsWith('Redis is back'));

async function backendGauge(app: FastifyInstance): Promise<{ redis: number; memory: number }> {
  const body = (
    await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer test-metrics-token-0123456789' },
    })
  ).body;
  const value = (backend: string) =>
    Number(
      new RegExp(`aralin_rate_limit_backend\\{backend="${backend}"\\} (\\d+)`).exec(body)?.[1] ?? Number.NaN,
    );
  return { redis: value('redis'), memory: value('memory') };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A TCP forwarder to the real Redis that can be cut (port closed, connections reset) and restored. */
async function redisLink(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const open = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      track(client);
      track(upstream);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => server?.listen(port, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  };
  await open();
  return {
    port: () => port,
    open,
    async cut() {
      const closing = new Promise<void>((r) => server?.close(() => r()));
      for (const s of sockets) s.destroy();
      await closing;
    },
  };
}

const signin = (app: FastifyInstance, ip: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/signin',
    payload: { username: 'ben', password: 'wrong-password' },
    remoteAddress: ip,
  });
const tools = (app: FastifyInstance, ip: string) =>
  app.inject({ method: 'GET', url: '/api/v1/tools', remoteAddress: ip });

describe('Redis at a closed port: limits are enforced locally', () => {
  let redis: Redis;
  let app: FastifyInstance;
  const logs = captureLogs();
  beforeAll(async () => {
    redis = new Redis(`redis://127.0.0.1:${await closedPort()}`, RATE_LIMIT_REDIS_OPTIONS);
    redis.on('error', () => {});
    await until('the first refused connection', () => redis.status === 'reconnecting');
    app = await makeApp(
      { redis, rateLimitNamespace: `aralin-test-${randomUUID()}`, logger: logs.logger },
      { RATE_LIMIT_PER_MINUTE: '6' },
    );
  });
  afterAll(async () => {
    await app?.close();
    redis.disconnect();
  });

  it('answers 429 after the limit, shows the memory backend and warns once', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await tools(app, '203.0.113.20')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const limited = await tools(app, '203.0.113.20');
    expect(expectProblem(limited, 429).type).toContain('rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await tools(app, '203.0.113.21')).statusCode).toBe(200);
    expect(await backendGauge(app)).toEqual({ redis: 0, memory: 1 });
    expect(fellBack(logs)).toHaveLength(1);
    expect(cameBack(logs)).toHaveLength(0);
  });

  it('still throttles failed sign-ins, in local memory', async () => {
    for (let i = 0; i < 3; i++) expect((await signin(app, '198.51.100.30')).statusCode).toBe(401);
    expect(expectProblem(await signin(app, '198.51.100.30'), 429).detail).toContain('failed sign-ins');
    expect(fellBack(logs)).toHaveLength(1);
  });
});

describe.skipIf(!redisUp)('Redis goes away and comes back', () => {
  const namespace = `aralin-test-${randomUUID()}`;
  let link: Awaited<ReturnType<typeof redisLink>>;
  let redis: Redis;
  let direct: Redis;
  let app: FastifyInstance;
  const logs = captureLogs();
  beforeAll(async () => {
    link = await redisLink(6379);
    redis = new Redis(`redis://127.0.0.1:${link.port()}`, RATE_LIMIT_REDIS_OPTIONS);
    redis.on('error', () => {});
    direct = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    await until('the Redis connection', () => redis.status === 'ready');
    app = await makeApp(
      { redis, rateLimitNamespace: namespace, logger: logs.logger },
      { RATE_LIMIT_PER_MINUTE: '6' },
    );
  });
  afterAll(async () => {
    await app?.close();
    redis.disconnect();
    await link.cut();
    const keys = await direct.keys(`${namespace}*`);
    if (keys.length) await direct.del(...keys);
    await direct.quit();
  });

  it('counts in Redis, falls back to local counters while it is away, then counts in Redis again', async () => {
    expect(await backendGauge(app)).toEqual({ redis: 1, memory: 0 });
    expect((await tools(app, '203.0.113.40')).statusCode).toBe(200);
    expect((await tools(app, '203.0.113.40')).statusCode).toBe(200);
    expect(await direct.get(`${namespace}:rl:ip:203.0.113.40`)).toBe('2');

    await link.cut();
    await until('the fallback', async () => (await backendGauge(app)).memory === 1);
    expect(await backendGauge(app)).toEqual({ redis: 0, memory: 1 });
    // A fresh local budget: six requests pass, the seventh is refused; nothing reaches Redis.
    const during: number[] = [];
    for (let i = 0; i < 7; i++) during.push((await tools(app, '203.0.113.41')).statusCode);
    expect(during).toEqual([200, 200, 200, 200, 200, 200, 429]);
    for (let i = 0; i < 3; i++) expect((await signin(app, '198.51.100.41')).statusCode).toBe(401);
    expect(expectProblem(await signin(app, '198.51.100.41'), 429).detail).toContain('failed sign-ins');
    expect(await direct.exists(`${namespace}:rl:ip:203.0.113.41`)).toBe(0);
    expect(fellBack(logs)).toHaveLength(1);

    await link.open();
    await until('the reconnection', async () => (await backendGauge(app)).redis === 1, 15_000);
    expect(await backendGauge(app)).toEqual({ redis: 1, memory: 0 });
    expect(cameBack(logs)).toHaveLength(1);
    // The Redis count from before the outage (2 of 6) applies again.
    const after: number[] = [];
    for (let i = 0; i < 5; i++) after.push((await tools(app, '203.0.113.40')).statusCode);
    expect(after).toEqual([200, 200, 200, 200, 429]);
    expect(await direct.get(`${namespace}:rl:ip:203.0.113.40`)).toBe('7');
    expect(fellBack(logs)).toHaveLength(1);
  }, 30_000);
});

describe.skipIf(!redisUp)('RedisAvailability', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis('redis://127.0.0.1:6379', RATE_LIMIT_REDIS_OPTIONS);
    await until('the Redis connection', () => redis.status === 'ready');
  });
  afterAll(() => redis.quit());

  it('a failing command on a live connection switches to local, and Redis is tried again after recheckMs', async () => {
    let now = 1_000;
    const availability = new RedisAvailability(redis, { recheckMs: 5_000, now: () => now });
    const seen: string[] = [];
    const stop = availability.subscribe((backend) => seen.push(backend));
    let sharedCalls = 0;
    const failing = async () => {
      sharedCalls++;
      throw new Error('READONLY You cannot write against a read only replica.');
    };
    expect(await availability.run(failing, () => 'local')).toBe('local');
    expect(availability.backend).toBe('memory');
    now += 4_999;
    expect(await availability.run(failing, () => 'local')).toBe('local');
    expect(sharedCalls).toBe(1);
    now += 1;
    // One request probes Redis; a request arriving during the probe stays local.
    let answer: (value: string) => void = () => {};
    const probe = availability.run(
      () =>
        new Promise<string>((resolve) => {
          answer = resolve;
        }),
      () => 'local',
    );
    expect(
      await availability.run(
        async () => 'shared',
        () => 'local during the probe',
      ),
    ).toBe('local during the probe');
    answer('shared');
    expect(await probe).toBe('shared');
    expect(availability.backend).toBe('redis');
    expect(seen).toEqual(['redis', 'memory', 'redis']);
    stop();
    await availability.run(failing, () => 'local');
    expect(seen).toHaveLength(3);
  });

  it('is one tracker per client, and local limits apply before a new client has connected', async () => {
    const fresh = new Redis(`redis://127.0.0.1:${await closedPort()}`, {
      ...RATE_LIMIT_REDIS_OPTIONS,
      lazyConnect: true,
    });
    const availability = redisAvailability(fresh);
    expect(redisAvailability(fresh)).toBe(availability);
    expect(fresh.status).toBe('wait');
    let shared = 0;
    expect(
      await availability.run(
        async () => {
          shared++;
          return 'shared';
        },
        () => 'local',
      ),
    ).toBe('local');
    expect(shared).toBe(0);
    // Not connected yet is not an outage: no switch is reported.
    expect(availability.backend).toBe('redis');
    fresh.disconnect();
  });
});
