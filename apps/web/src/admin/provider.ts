import { ApiError } from '../lib/api.ts';

export type Provider = 'embedded' | 'gemini' | 'openai-compatible';
export interface ProviderConfig {
  provider: Provider;
  model?: string | null;
  base_url?: string | null;
  api_key_set?: boolean;
}

/** POST /admin/provider/test's answer when the provider answered. */
export interface ProviderTestResult {
  ok: true;
  latency_ms: number;
  model_listed?: boolean;
}

/** What the form sends, to test and to save: the same body, so a passed test is for exactly these settings. */
export function providerBody(cfg: ProviderConfig, apiKey: string): Record<string, unknown> {
  const body: Record<string, unknown> = { provider: cfg.provider };
  if (cfg.provider === 'embedded') return body;
  if (cfg.model?.trim()) body.model = cfg.model.trim();
  if (cfg.provider === 'openai-compatible' && cfg.base_url) body.base_url = cfg.base_url;
  if (apiKey) body.api_key = apiKey;
  return body;
}

/** Whether saving `body` waits for a passed test of it (`passed`: the body of the last passed test). */
export function needsTest(body: Record<string, unknown>, passed: Record<string, unknown> | null): boolean {
  return body.provider !== 'embedded' && JSON.stringify(body) !== JSON.stringify(passed);
}

const REASONS = new Set(['unreachable', 'auth_refused', 'model_not_found', 'timeout', 'provider_error']);

/**
 * The test's outcome as a translation key and its values: a passed test, or why the provider failed it; null
 * for any other error (signed out, bad input, network), which the form shows as such.
 */
export function testOutcome(
  outcome: unknown,
  model: string | undefined,
): { ok: boolean; key: string; values?: Record<string, unknown> } | null {
  if (outcome instanceof ApiError) {
    const reason = (outcome.problem as { reason?: unknown }).reason;
    return typeof reason === 'string' && REASONS.has(reason)
      ? { ok: false, key: `admin.test.${reason}` }
      : null;
  }
  const r = outcome as Partial<ProviderTestResult> | undefined;
  if (r?.ok !== true) return null;
  return r.model_listed === false
    ? { ok: true, key: 'admin.test.unlisted', values: { model } }
    : { ok: true, key: 'admin.test.ok', values: { ms: r.latency_ms } };
}
