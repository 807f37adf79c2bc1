import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createGenerator, memoryLedger } from '../src/generate/index.ts';
import { createTutor } from '../src/index.ts';
import { CircuitBreaker, createLlmPlanner } from '../src/planner/llm.ts';

const user = { user_id: 's1', name: 'Ana', grade_level: 'Grade 7' };
const usage = {
  inputTokens: { total: 900, noCache: 900, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 300, text: 300, reasoning: 0 },
};

function toolCall(toolName: string, input: unknown): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'tool-call', toolCallId: 'call-1', toolName, input: JSON.stringify(input) }],
    finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
    usage,
    warnings: [],
  };
}

function json(value: unknown): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
  };
}

/** A model that plans `plan`, then answers each generation call with the next of `drafts`. */
function scripted(plan: LanguageModelV3GenerateResult, drafts: LanguageModelV3GenerateResult[]) {
  const queue = [plan, ...drafts];
  return new MockLanguageModelV3({
    doGenerate: async () => {
      const next = queue.shift();
      if (!next) throw new Error('no more scripted answers');
      return next;
    },
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          controller.enqueue({ type: 'text-start', id: 't' });
          controller.enqueue({ type: 'text-delta', id: 't', delta: 'Here it is.' });
          controller.enqueue({ type: 'text-end', id: 't' });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
          controller.close();
        },
      }),
    }),
  });
}

function tutorWith(model: MockLanguageModelV3, extra: Partial<Parameters<typeof createGenerator>[0]> = {}) {
  const circuit = new CircuitBreaker({});
  const llm = createLlmPlanner({ model, provider: 'mock', breaker: circuit });
  const checks: string[] = [];
  const generator = createGenerator({
    model,
    provider: 'mock',
    circuit,
    observer: { check: (e) => checks.push(`${e.tool}:${e.check}`) },
    ...extra,
  });
  return { tutor: createTutor({ llm, generator }), checks };
}

const explanation = {
  explanation: 'Photosynthesis is how plants make food from light, water and carbon dioxide.',
  examples: ['The palay in a rice field makes sugar from sunlight.'],
  related_concepts: ['Cellular respiration'],
  practice_questions: ['What gas do plants take in?'],
  key_terms: [],
  misconceptions: [],
};

describe('generated tool results', () => {
  it('explains with the model, grounded on the pack topic it was given', async () => {
    const model = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [json({ ...explanation, used_topic_ids: ['sci-photosynthesis'] })],
    );
    const { tutor } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(r.status).toBe('completed');
    expect(r.degraded).toBe(false);
    expect(r.result).toMatchObject({
      explanation: explanation.explanation,
      grounding: { topic_id: 'sci-photosynthesis' },
    });
    const prompt = JSON.stringify(model.doGenerateCalls[1]?.prompt);
    expect(prompt).toContain('concept explainer of Aralin');
    expect(prompt).toContain('<topic id=\\"sci-photosynthesis\\"');
    expect(r.trace.map((t) => t.step)).toContain('generate');
  });
});
