import { describe, expect, it } from 'vitest';
import { needsTest, providerBody, testOutcome } from '../src/admin/provider.ts';
import { ApiError } from '../src/lib/api.ts';

describe('admin provider form', () => {
  const ollama = {
    provider: 'openai-compatible' as const,
    model: ' llama3.2:3b ',
    base_url: 'http://127.0.0.1:11434/v1',
  };

  it('tests and saves the same body: the embedded engine alone, a provider with its settings', () => {
    expect(providerBody({ ...ollama, provider: 'embedded' }, 'key')).toEqual({ provider: 'embedded' });
    expect(providerBody(ollama, '')).toEqual({
      provider: 'openai-compatible',
      model: 'llama3.2:3b',
      base_url: 'http://127.0.0.1:11434/v1',
    });
    expect(providerBody({ ...ollama, provider: 'gemini', model: '' }, 'k')).toEqual({
      provider: 'gemini',
      api_key: 'k',
    });
  });

  it('saves a provider only after a passed test of exactly these settings', () => {
    const body = providerBody(ollama, '');
    expect(needsTest(body, null)).toBe(true);
    expect(needsTest(body, { ...body })).toBe(false);
    expect(needsTest(providerBody({ ...ollama, model: 'qwen2.5:7b' }, ''), body)).toBe(true);
    expect(needsTest(providerBody(ollama, 'new-key'), body)).toBe(true);
    expect(needsTest({ provider: 'embedded' }, null)).toBe(false);
  });

  it("words the provider's answer, and leaves any other error to the form", () => {
    expect(testOutcome({ ok: true, latency_ms: 42, model_listed: true }, 'm')).toEqual({
      ok: true,
      key: 'admin.test.ok',
      values: { ms: 42 },
    });
    expect(testOutcome({ ok: true, latency_ms: 42, model_listed: false }, 'm')).toMatchObject({
      ok: true,
      key: 'admin.test.unlisted',
    });
    const failed = new ApiError(502, { status: 502, detail: 'refused', reason: 'auth_refused' } as never);
    expect(testOutcome(failed, 'm')).toEqual({ ok: false, key: 'admin.test.auth_refused' });
    expect(testOutcome(new ApiError(400, { status: 400, detail: 'needs a model' }), 'm')).toBeNull();
    expect(testOutcome(new TypeError('Failed to fetch'), 'm')).toBeNull();
  });
});
