import { loadContentLibrary } from '@aralin/content';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { shutdown } from '../src/lifecycle.ts';
import { Client, makeApp, parseSse, scriptedTutor, signedIn } from './helpers.ts';

describe('config', () => {
  it('applies defaults and validates values with clear messages', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      dataDir: './data',
      env: 'development',
      databaseUrl: undefined,
    });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses to start in production without a real SESSION_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required in production/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: 'aralin-dev-session-secret-change-me-0123456789',
      }),
    ).toThrow(/refused/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(/at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(48) }).sessionSecret).toBe(
      'x'.repeat(48),
    );
  });
});

describe('stateless tutor API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('GET /tools lists the registry as JSON Schemas', async () => {
    const tools = (await app.inject({ method: 'GET', url: '/api/v1/tools' })).json().tools;
    expect(tools.map((t: { name: string }) => t.name)).toContain('quiz_generator');
    expect(tools[0].input_schema.type).toBe('object');
  });

  it('POST /orchestrate needs an API key; the demo key works outside production', async () => {
    const body = { user_info: { user_id: 'u1', name: 'Ana' }, message: 'Explain photosynthesis' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/orchestrate', payload: body })).statusCode).toBe(
      401,
    );
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/orchestrate',
          payload: body,
          headers: { 'x-api-key': 'wrong' },
        })
      ).statusCode,
    ).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/orchestrate',
      payload: body,
      headers: { 'x-api-key': 'aralin-demo-key' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ planner: 'embedded', locale: 'en' });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/orchestrate',
      payload: { message: '' },
      headers: { 'x-api-key': 'aralin-demo-key' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('admin-created API keys work; provider settings never return the api key', async () => {
    const admin = await signedIn(app, 'admin');
    const created = await admin.post('/api/v1/admin/api-keys', { name: 'lms' });
    const key = created.json().api_key;
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/orchestrate',
      payload: { user_info: { user_id: 'u1', name: 'Ana' }, message: 'hello' },
      headers: { 'x-api-key': key },
    });
    expect(ok.statusCode).toBe(200);
    const put = await admin.request('PUT', '/api/v1/admin/provider', {
      provider: 'gemini',
      model: 'gemini-2.5-flash',
      api_key: 'secret-key-value',
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain('secret-key-value');
    const got = await admin.get('/api/v1/admin/provider');
    expect(got.json()).toEqual({ provider: 'gemini', model: 'gemini-2.5-flash', api_key_set: true });
  });
});

describe('LLM provider settings', () => {
  it('a school with an unreachable LLM still gets answers (embedded fallback) and LLM errors are counted', {
    timeout: 120_000,
  }, async () => {
    const app = await makeApp({}, {}, { perSchoolTutors: true });
    try {
      const admin = await signedIn(app, 'admin');
      const put = await admin.request('PUT', '/api/v1/admin/provider', {
        provider: 'openai-compatible',
        model: 'test-model',
        base_url: 'http://127.0.0.1:9/v1',
        api_key: 'unused',
      });
      expect(put.statusCode).toBe(200);
      const ana = await signedIn(app, 'ana');
      const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
      const res = await ana.post(
        `/api/v1/conversations/${id}/messages`,
        { text: 'Explain photosynthesis' },
        { accept: 'application/json' },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().assistant_message.planner).toBe('embedded');
      const metrics = (await ana.get('/metrics', { authorization: 'Bearer test-metrics-token-0123456789' }))
        .body;
      expect(metrics).toMatch(
        /aralin_llm_errors_total\{provider="openai-compatible",reason="[a-z]+"\} [1-9]/,
      );
      expect(metrics).toMatch(/aralin_chat_turns_total\{outcome="[a-z_]+",degraded="true"\} 1/);
      expect(metrics).toContain('aralin_llm_circuit_state{provider="openai-compatible"}');
    } finally {
      await app.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('readiness goes false and an open SSE stream finishes before the server closes', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const turnStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const app = await makeApp({
      tutor: scriptedTutor(loadContentLibrary(), {
        before: async (message) => {
          if (message.includes('slow')) {
            started();
            await gate;
          }
        },
      }),
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const ana = await signedIn(app, 'ana');
    const conv = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const cookie = [...ana.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = fetch(`${address}/api/v1/conversations/${conv}/messages`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': ana.csrf as string, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'explain something slow' }),
    });
    await turnStarted;
    const res = await response;
    expect(res.status).toBe(200);
    const bodyText = res.text();
    const metricsBefore = await new Client(app).get('/metrics', {
      authorization: 'Bearer test-metrics-token-0123456789',
    });
    expect(metricsBefore.body).toContain('aralin_sse_streams_active 1');

    const stopping = shutdown(app, 30_000);
    expect(app.ctx.state.ready).toBe(false);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    release();
    const parts = parseSse(await bodyText);
    expect(parts.at(-1)).toBe('[DONE]');
    expect(parts.some((p) => p !== '[DONE]' && p.type === 'finish')).toBe(true);
    const { forced } = await stopping;
    expect(forced).toBe(false);
  });
});
