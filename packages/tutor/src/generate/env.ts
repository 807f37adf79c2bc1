import { createTutor, type Tutor } from '../orchestrator.ts';
import { createLanguageModel, createLlmPlanner, createProviderBreaker, LlmConfig } from '../planner/llm.ts';
import { createGenerator, type GenerationObserver } from './index.ts';

export class LlmSettingsError extends Error {
  override name = 'LlmSettingsError';
}

/**
 * The tutor a command-line tool (the CLI, the eval) uses when ARALIN_LLM_PROVIDER (gemini | openai-compatible),
 * ARALIN_LLM_MODEL and, as needed, ARALIN_LLM_BASE_URL / ARALIN_LLM_API_KEY are set: the model plans, writes the
 * tool results and replies, one circuit breaker for all three. Null when no provider is set (or `embedded`).
 */
export function llmTutorFromEnv(
  env: Record<string, string | undefined>,
  observer?: GenerationObserver,
): Tutor | null {
  const provider = env.ARALIN_LLM_PROVIDER;
  if (!provider || provider === 'embedded') return null;
  const parsed = LlmConfig.safeParse({
    provider,
    model: env.ARALIN_LLM_MODEL,
    apiKey: env.ARALIN_LLM_API_KEY,
    baseURL: env.ARALIN_LLM_BASE_URL,
  });
  if (!parsed.success)
    throw new LlmSettingsError(
      `invalid LLM settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const model = createLanguageModel(parsed.data);
  const circuit = createProviderBreaker(parsed.data, (state) => observer?.circuit?.(provider, state));
  const label = parsed.data.provider;
  return createTutor({
    llm: createLlmPlanner({ model, provider: label, breaker: circuit, ...(observer ? { observer } : {}) }),
    generator: createGenerator({ model, provider: label, circuit, ...(observer ? { observer } : {}) }),
  });
}
