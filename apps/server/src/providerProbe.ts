import { createLanguageModel, LlmConfig } from '@aralin/tutor';
import { APICallError, generateText } from 'ai';

/**
 * "Test connection" for a school's model provider: one short, real call with the settings an admin is about
 * to save — for an OpenAI-compatible server its model list (is the model there?) and a one-token generation,
 * for Gemini a one-token generation — so that a wrong URL, key or model name is found before students meet
 * the embedded fallback instead of the model.
 */

/** How long the whole test may take. */
export const PROBE_TIMEOUT_MS = 5000;

export type ProbeFailure = 'unreachable' | 'auth_refused' | 'model_not_found' | 'timeout' | 'provider_error';

export type ProbeResult =
  | { ok: true; latency_ms: number; model_listed?: boolean }
  | { ok: false; reason: ProbeFailure; detail: string; provider_status?: number; latency_ms: number };

const WORDING: Record<ProbeFailure, string> = {
  unreachable: 'The provider could not be reached at that URL.',
  auth_refused: 'The provider refused the API key (or none was given).',
  model_not_found: 'The provider does not know that model.',
  timeout: 'The provider did not answer in time.',
  provider_error: 'The provider answered with an error.',
};

/** HTTP statuses of a failed call, by what they say about the settings. */
const BY_STATUS: Record<number, ProbeFailure> = {
  401: 'auth_refused',
  403: 'auth_refused',
  404: 'model_not_found',
};

function classify(error: unknown): { reason: ProbeFailure; status?: number; message: string } {
  const e = error as { name?: string; message?: string };
  const message = String(e?.message ?? error).slice(0, 300);
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { reason: 'timeout', message };
  if (e?.name === 'AI_LoadAPIKeyError') return { reason: 'auth_refused', message };
  // A call error with no HTTP status got no answer at all (refused, no such host, a port fetch will not use).
  if (APICallError.isInstance(error))
    return error.statusCode === undefined
      ? { reason: 'unreachable', message }
      : { reason: BY_STATUS[error.statusCode] ?? 'provider_error', status: error.statusCode, message };
  return { reason: 'provider_error', message };
}

/** Whether an OpenAI-compatible server lists `model` (undefined when it lists none, as some do not). */
async function listed(
  config: LlmConfig,
  signal: AbortSignal,
  send: typeof fetch,
): Promise<boolean | undefined> {
  const url = `${config.baseURL?.replace(/\/+$/, '')}/models`;
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const res = await send(url, { headers, signal, redirect: 'error' }).catch((error: unknown) => {
    if (signal.aborted) throw error;
    return undefined;
  });
  if (!res?.ok) return undefined;
  const body = (await res.json().catch(() => undefined)) as { data?: { id?: unknown }[] } | undefined;
  return Array.isArray(body?.data) ? body.data.some((m) => m?.id === config.model) : undefined;
}

export async function probeProvider(
  config: LlmConfig,
  timeoutMs: number = PROBE_TIMEOUT_MS,
  send: typeof fetch = (input, init) => fetch(input, init),
): Promise<ProbeResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const c = LlmConfig.parse(config);
    const modelListed = c.provider === 'openai-compatible' ? await listed(c, signal, send) : undefined;
    await generateText({
      model: createLanguageModel(c, { fetch: send }),
      prompt: 'Reply with OK.',
      maxOutputTokens: 1,
      maxRetries: 0,
      abortSignal: signal,
    });
    return {
      ok: true,
      latency_ms: latency(),
      ...(modelListed === undefined ? {} : { model_listed: modelListed }),
    };
  } catch (error) {
    const { reason, status, message } = classify(error);
    const detail =
      reason === 'timeout'
        ? `${WORDING.timeout.slice(0, -1)} (${timeoutMs / 1000} s).`
        : `${WORDING[reason]} ${message}`;
    return {
      ok: false,
      reason,
      detail,
      ...(status === undefined ? {} : { provider_status: status }),
      latency_ms: latency(),
    };
  }
}
