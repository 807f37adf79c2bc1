import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { loadContentLibrary } from '@aralin/content';
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages, quizAnswers, users } from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();
const METRICS_AUTH = { authorization: 'Bearer test-metrics-token-0123456789' };

describe('problem+json, OpenAPI, health, metrics', () => {
  let app: FastifyInstance;
  let ana: Client;
  beforeAll(async () => {
    app = await makeApp(
      { tutor: scriptedTutor(content) },
      { BODY_LIMIT_BYTES: '4096', RATE_LIMIT_PER_MINUTE: '10000' },
    );
    ana = await signedIn(app, 'ana');
  });
  afterAll(() => app.close());

  it('404s, validation errors, bad JSON, body too large and 401s are RFC 9457 problems', async () => {
    const notFound = expectProblem(await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404);
    expect(notFound.instance).toBe('/api/v1/nothing-here');
    const invalid = expectProblem(await ana.post('/api/v1/conversations', { title: 42 }), 400);
    expect(Array.isArray(invalid.errors)).toBe(true);
    expect((invalid.errors as { path: string }[])[0]?.path).toContain('title');
    expectProblem(await ana.get('/api/v1/conversations/not-a-uuid/messages'), 400);
    expectProblem(
      await ana.request('POST', '/api/v1/conversations', '{"title":', { 'content-type': 'application/json' }),
      400,
    );
    const big = expectProblem(await ana.post('/api/v1/conversations', { title: 'x'.repeat(10_000) }), 413);
    expect(big.type).toContain('body-too-large');
    const anon = expectProblem(await app.inject({ method: 'GET', url: '/api/v1/me' }), 401);
    expect(typeof anon.request_id).toBe('string');
    const nul = expectProblem(await ana.post('/api/v1/conversations', { title: 'a\u0000b' }), 400);
    expect(nul.detail).toMatch(/NUL/);
  });

  it('request ids are echoed', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(res.headers['x-request-id']).toBe('req-12345678');
  });

  it('serves OpenAPI 3.1 and the docs UI, and security headers', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\.1/);
    expect(Object.keys(spec.paths)).toContain('/api/v1/conversations/{id}/messages');
    expect(spec.paths['/api/v1/auth/signin'].post.requestBody).toBeDefined();
    const docs = await app.inject({ method: 'GET', url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
    const live = await app.inject({ method: 'GET', url: '/health/live' });
    expect(live.headers['x-content-type-options']).toBe('nosniff');
    expect(live.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('health: live and ready', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({ status: 'ready' });
  });

  it('/metrics needs the bearer token and moves under traffic', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/metrics' }), 401);
    const read = async () =>
      (await app.inject({ method: 'GET', url: '/metrics', headers: METRICS_AUTH })).body;
    const value = (text: string, prefix: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith(prefix))
        .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    const before = await read();
    const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'explain photosynthesis' });
    await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'I want to kill myself' },
      { accept: 'application/json' },
    );
    const quiz = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'quiz' },
      { accept: 'application/json' },
    );
    await ana.post(`/api/v1/quizzes/${quiz.json().assistant_message.quiz_id}/answers`, {
      question_id: 'q1',
      answer: 'Carbon dioxide',
    });
    await ana.get('/api/v1/me');
    const after = await read();
    const route =
      'http_requests_total{method="POST",route="/api/v1/conversations/:id/messages",status_code="200"}';
    expect(value(after, route)).toBe(value(before, route) + 3);
    expect(value(after, 'aralin_chat_turns_total{outcome="completed"')).toBe(
      value(before, 'aralin_chat_turns_total{outcome="completed"') + 2,
    );
    expect(value(after, 'aralin_chat_turns_total{outcome="moderated"')).toBeGreaterThan(
      value(before, 'aralin_chat_turns_total{outcome="moderated"'),
    );
    expect(value(after, 'aralin_chat_turn_duration_seconds_count')).toBe(
      value(before, 'aralin_chat_turn_duration_seconds_count') + 3,
    );
    expect(value(after, 'aralin_orchestrator_decisions_total{tool="concept_explainer"')).toBeGreaterThan(0);
    expect(value(after, 'aralin_orchestrator_confidence_count')).toBeGreaterThan(0);
    expect(value(after, 'aralin_safety_flags_total{category="self_harm",severity="high"}')).toBe(
      value(before, 'aralin_safety_flags_total{category="self_harm",severity="high"}') + 1,
    );
    expect(value(after, 'aralin_quiz_answers_total{subject="Science",grade="7",correct="true"}')).toBe(1);
    expect(value(after, 'aralin_mastery_transitions_total')).toBeGreaterThan(0);
    expect(value(after, 'aralin_db_query_duration_seconds_count')).toBeGreaterThan(
      value(before, 'aralin_db_query_duration_seconds_count'),
    );
    expect(after).toContain('aralin_ready 1');
    expect(after).toContain('aralin_rate_limit_backend{backend="memory"} 1');
    expect(after).toContain('aralin_db_pool_connections{state="total"}');
    expect(after).toContain('aralin_sse_streams_active 0');
    expect(after).toContain('process_cpu_seconds_total');
    expect(after).toMatch(
      /http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/api\/v1\/me"/,
    );
  });

  it('fuzz: arbitrary route inputs never cause a 5xx and a rejected request writes nothing', async () => {
    const tables = [users, conversations, messages, quizAnswers];
    const counts = async () =>
      Promise.all(tables.map(async (t) => (await app.ctx.db.select({ n: count() }).from(t))[0]?.n));
    const conv = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const routes: [string, string][] = [
      ['POST', '/api/v1/auth/signup'],
      ['POST', '/api/v1/auth/signin'],
      ['POST', '/api/v1/conversations'],
      ['PATCH', `/api/v1/conversations/${conv}`],
      ['POST', `/api/v1/conversations/${conv}/messages`],
      ['POST', '/api/v1/quizzes'],
      ['POST', '/api/v1/quizzes/00000000-0000-4000-8000-000000000000/answers'],
      ['PATCH', '/api/v1/me'],
      ['POST', '/api/v1/orchestrate'],
      ['POST', '/api/v1/flashcards/abc/review'],
      ['POST', '/api/v1/classes'],
    ];
    const jsonValue = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.double(),
    );
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'text',
          'title',
          'username',
          'password',
          'class_code',
          'display_name',
          'topic_id',
          'rating',
          'locale',
          'grade_level',
          'message',
          'user_info',
          'question_id',
          'answer',
          'name',
        ),
        jsonValue,
        { maxKeys: 5 },
      ),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, url], payload) => {
        const before = await counts();
        const res = await ana.request(method as 'POST', url, JSON.stringify(payload), {
          'content-type': 'application/json',
          accept: 'application/json',
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 120, seed: 20261123 },
    );
  });
});

describe('the built web app', () => {
  let app: FastifyInstance;
  const script = `console.log(${JSON.stringify('Mabuhay! '.repeat(400))});`;
  beforeAll(async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'aralin-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Aralin</title>');
    const file = path.join(dist, 'assets', 'app.js');
    writeFileSync(file, script);
    writeFileSync(`${file}.br`, brotliCompressSync(script));
    writeFileSync(`${file}.gz`, gzipSync(script));
    app = await makeApp({ tutor: scriptedTutor(content) }, { WEB_DIST: dist });
  });
  afterAll(() => app.close());

  it('sends the precompressed copy the browser accepts, and the plain file otherwise', async () => {
    const get = (encoding?: string) =>
      app.inject({
        method: 'GET',
        url: '/assets/app.js',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const br = await get('br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('serves the app shell for client-side routes, and problems for unknown API routes', async () => {
    const page = await app.inject({ method: 'GET', url: '/chat/abc', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Aralin</title>');
    expectProblem(
      await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { accept: 'text/html' } }),
      404,
    );
  });
});
