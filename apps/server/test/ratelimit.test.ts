import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
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
    for (const app of [a, b, a, b, a]) expect((await signin(app)).statusCode).toBe(401);
    expect(expectProblem(await signin(b), 429).detail).toContain('failed sign-ins');
  });
});
