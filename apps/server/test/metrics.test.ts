import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, makeApp, signedIn } from './helpers.ts';

const METRICS_AUTH = { authorization: 'Bearer test-metrics-token-0123456789' };

/** The value of one sample of the live /metrics, or undefined when the series is not exposed. */
async function sample(app: FastifyInstance, series: string): Promise<number | undefined> {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH });
  expect(res.statusCode).toBe(200);
  const line = res.body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('time to first token and open safety flags', () => {
  let app: FastifyInstance;
  let ana: Client;
  beforeAll(async () => {
    app = await makeApp();
    ana = await signedIn(app, 'ana');
  });
  afterAll(() => app.close());

  async function turn(text: string): Promise<void> {
    const created = await ana.post('/api/v1/conversations', {});
    const res = await ana.post(
      `/api/v1/conversations/${created.json().conversation.id}/messages`,
      { text },
      { accept: 'text/event-stream' },
    );
    expect(res.statusCode).toBe(200);
  }

  it('observes the first text of each streamed reply, before the turn ends', async () => {
    expect(await sample(app, 'aralin_chat_time_to_first_token_seconds_count')).toBe(0);
    await turn('Explain photosynthesis');
    await turn('Ano ang fractions?');
    expect(await sample(app, 'aralin_chat_time_to_first_token_seconds_count')).toBe(2);
    const firstText = (await sample(app, 'aralin_chat_time_to_first_token_seconds_sum')) ?? Number.NaN;
    const turns = await sample(app, 'aralin_chat_turn_duration_seconds_sum{outcome="completed"}');
    expect(firstText).toBeGreaterThan(0);
    expect(firstText).toBeLessThanOrEqual(turns ?? 0);
  });

  it('counts open high-severity flags from the database: up on a crisis message, down when resolved', async () => {
    const open = (severity: string) => sample(app, `aralin_safety_flags_open{severity="${severity}"}`);
    expect(await open('high')).toBe(0);
    expect(await open('low')).toBe(0);
    await turn('I want to kill myself');
    expect(await open('high')).toBe(1);
    // Every scrape counts again: the value does not depend on what Prometheus saw before.
    expect(await open('high')).toBe(1);
    const guro = await signedIn(app, 'guro');
    const [flag] = (await guro.get('/api/v1/flags?status=open')).json().flags;
    expect((await guro.post(`/api/v1/flags/${flag.id}/resolve`, {})).statusCode).toBe(200);
    expect(await open('high')).toBe(0);
  });

  it('keeps the last count and still answers the scrape while the database does not', async () => {
    const db = app.ctx.db;
    await turn('I want to kill myself');
    expect(await sample(app, 'aralin_safety_flags_open{severity="high"}')).toBe(1);
    const broken = new Proxy(db, {
      get: (target, key) =>
        key === 'select'
          ? () => {
              throw new Error('database down');
            }
          : Reflect.get(target, key),
    });
    Object.assign(app.ctx, { db: broken });
    try {
      expect(await sample(app, 'aralin_safety_flags_open{severity="high"}')).toBe(1);
    } finally {
      Object.assign(app.ctx, { db });
    }
  });
});
