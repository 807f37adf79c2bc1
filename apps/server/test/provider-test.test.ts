import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderStub, startProviderStub } from '../../../packages/tutor/test/stub/provider.ts';
import { probeProvider } from '../src/providerProbe.ts';
import { type Client, expectProblem, makeApp, signedIn } from './helpers.ts';

/**
 * An OpenAI-compatible server as Ollama, vLLM and OpenAI answer the calls a connection test makes: `GET
 * /v1/models` lists its models; `POST /v1/chat/completions` refuses a wrong key (401) and an unknown model
 * (404) with the OpenAI error body, fails for the model `broken` (500) and never answers for `slow`.
 */
async function modelServer(models: string[], key: string) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${key}`)
        return send(401, {
          error: {
            message: 'Incorrect API key provided.',
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        });
      if (req.method === 'GET' && req.url === '/v1/models')
        return send(200, {
          object: 'list',
          data: models.map((id) => ({ id, object: 'model', owned_by: 'me' })),
        });
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { model: string };
      if (body.model === 'slow') return;
      if (body.model === 'broken')
        return send(500, { error: { message: 'out of memory', type: 'server_error' } });
      if (!models.includes(body.model))
        return send(404, {
          error: {
            message: `The model \`${body.model}\` does not exist.`,
            type: 'invalid_request_error',
            code: 'model_not_found',
          },
        });
      send(200, {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1_765_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }],
        usage: { prompt_tokens: 9, completion_tokens: 1, total_tokens: 10 },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A URL nothing listens on. */
async function closedPortURL(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/v1`;
}

describe('POST /admin/provider/test', () => {
  let app: FastifyInstance;
  let admin: Client;
  let models: Awaited<ReturnType<typeof modelServer>>;
  let stub: ProviderStub;
  beforeAll(async () => {
    app = await makeApp();
    admin = await signedIn(app, 'admin');
    models = await modelServer(['llama3.2:3b', 'qwen2.5:7b'], 'right-key');
    stub = await startProviderStub(() => ({ text: 'OK' }));
  });
  afterAll(async () => {
    await models.close();
    await stub.close();
    await app.close();
  });

  const test = (body: Record<string, unknown>) => admin.post('/api/v1/admin/provider/test', body);
  const openai = (body: Record<string, unknown>) =>
    test({
      provider: 'openai-compatible',
      base_url: models.url,
      api_key: 'right-key',
      model: 'llama3.2:3b',
      ...body,
    });

  it('passes with a reachable server, the right key and a listed model, and saves nothing', async () => {
    const res = await openai({});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, model_listed: true });
    expect(res.json().latency_ms).toBeGreaterThanOrEqual(0);
    expect((await admin.get('/api/v1/admin/provider')).json().provider).toBe('embedded');
  });

  it('passes through the AI SDK for Gemini and for a server that lists no models', async () => {
    const gemini = await test({ provider: 'gemini', base_url: stub.geminiURL, api_key: 'k' });
    expect(gemini.json()).toEqual({ ok: true, latency_ms: expect.any(Number) });
    const unlisted = await test({ provider: 'openai-compatible', base_url: stub.openaiURL, model: 'any' });
    expect(unlisted.json()).toEqual({ ok: true, latency_ms: expect.any(Number) });
    expect(stub.requests.map((r) => r.api)).toEqual(['gemini', 'openai']);
    expect(stub.requests[0]?.url).toContain('/models/gemini-2.5-flash:generateContent');
  });

  it('names what is wrong: the key, the model, the URL', async () => {
    const auth = expectProblem(await openai({ api_key: 'wrong-key' }), 502);
    expect(auth).toMatchObject({ reason: 'auth_refused', provider_status: 401 });
    expect(auth.detail).toMatch(/refused the API key/);
    const model = expectProblem(await openai({ model: 'llama9' }), 502);
    expect(model).toMatchObject({ reason: 'model_not_found', provider_status: 404 });
    expect(model.detail).toMatch(/llama9/);
    const refused = expectProblem(await openai({ base_url: await closedPortURL() }), 502);
    expect(refused).toMatchObject({ reason: 'unreachable' });
  });

  it('uses the stored key when none is sent for the same provider', async () => {
    const saved = await admin.request('PUT', '/api/v1/admin/provider', {
      provider: 'openai-compatible',
      base_url: models.url,
      model: 'llama3.2:3b',
      api_key: 'right-key',
    });
    expect(saved.statusCode).toBe(200);
    const res = await test({ provider: 'openai-compatible', base_url: models.url, model: 'qwen2.5:7b' });
    expect(res.json()).toMatchObject({ ok: true, model_listed: true });
  });

  it('refuses an openai-compatible provider without a model or URL, to test or to save', async () => {
    for (const body of [
      { provider: 'openai-compatible', base_url: models.url },
      { provider: 'openai-compatible', model: 'llama3.2:3b' },
    ]) {
      expectProblem(await test(body), 400);
      expectProblem(await admin.request('PUT', '/api/v1/admin/provider', body), 400);
    }
  });

  it('is for admins only', async () => {
    const guro = await signedIn(app, 'guro');
    expectProblem(await guro.post('/api/v1/admin/provider/test', { provider: 'embedded' }), 403);
  });
});

describe('probeProvider', () => {
  it("tells a provider's own failure and a missing Gemini key apart from wrong settings", async () => {
    const models = await modelServer(['broken'], 'k');
    const saved = process.env.GOOGLE_GENERATIVE_AI_API_KEY;
    delete process.env.GOOGLE_GENERATIVE_AI_API_KEY;
    try {
      const broken = await probeProvider({
        provider: 'openai-compatible',
        baseURL: models.url,
        apiKey: 'k',
        model: 'broken',
      });
      expect(broken).toMatchObject({ ok: false, reason: 'provider_error', provider_status: 500 });
      const keyless = await probeProvider({ provider: 'gemini', model: 'gemini-2.5-flash' });
      expect(keyless).toMatchObject({ ok: false, reason: 'auth_refused' });
    } finally {
      if (saved !== undefined) process.env.GOOGLE_GENERATIVE_AI_API_KEY = saved;
      await models.close();
    }
  });

  it('gives up after its timeout on a server that never answers', async () => {
    const models = await modelServer(['slow'], 'k');
    try {
      const result = await probeProvider(
        { provider: 'openai-compatible', baseURL: models.url, apiKey: 'k', model: 'slow' },
        300,
      );
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      expect(result.latency_ms).toBeLessThan(2000);
    } finally {
      await models.close();
    }
  });
});
