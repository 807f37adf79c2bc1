import { afterEach, describe, expect, it } from 'vitest';
import { createGenerator } from '../src/generate/index.ts';
import { createTutor, type OrchestrateResponse } from '../src/index.ts';
import { CircuitBreaker, createLanguageModel, createLlmPlanner } from '../src/planner/llm.ts';
import { type ProviderStub, type StubAnswer, scripted, startProviderStub } from './stub/provider.ts';

const user = { user_id: 'wire', name: 'Ana', grade_level: 'Grade 7' };
let stub: ProviderStub | undefined;

afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** A tutor whose planner and generator talk to the stub over HTTP, as `api` speaks. */
async function tutorOver(api: 'openai' | 'gemini', answers: StubAnswer[], timeoutMs = 5000) {
  stub = await startProviderStub(scripted(answers));
  const model = createLanguageModel(
    api === 'openai'
      ? { provider: 'openai-compatible', model: 'stub', baseURL: stub.openaiURL }
      : { provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'test-key', baseURL: stub.geminiURL },
  );
  const circuit = new CircuitBreaker({});
  const checks: string[] = [];
  const llm = createLlmPlanner({ model, provider: api, breaker: circuit, maxRetries: 0 });
  const generator = createGenerator({
    model,
    provider: api,
    circuit,
    timeoutMs,
    maxRetries: 0,
    partialEveryMs: 0,
    observer: { check: (e) => checks.push(`${e.tool}:${e.check}`) },
  });
  return { tutor: createTutor({ llm, generator }), checks, stub };
}

const plans = {
  quiz: {
    tool: 'quiz_generator',
    args: {
      topic: 'photosynthesis',
      subject: 'Science',
      num_questions: 2,
      question_types: ['multiple_choice', 'true_false'],
    },
  },
  explain: {
    tool: 'concept_explainer',
    args: { concept_to_explain: 'photosynthesis', current_topic: 'photosynthesis' },
  },
  notes: {
    tool: 'note_maker',
    args: {
      topic: 'photosynthesis',
      subject: 'Science',
      note_taking_style: 'outline',
      include_examples: false,
    },
  },
  cards: { tool: 'flashcard_generator', args: { topic: 'photosynthesis', subject: 'Science', count: 2 } },
  math: {
    tool: 'math_solver',
    args: {
      problem:
        'A jeepney ride costs 13 pesos. Ana rides it 2 times a day for 5 days. How much does she spend?',
    },
  },
} satisfies Record<string, StubAnswer>;

const drafts = {
  quiz: {
    topic: 'Photosynthesis',
    questions: [
      {
        type: 'multiple_choice',
        question: 'Which gas do plants take in?',
        choices: ['Oxygen', 'Carbon dioxide', 'Nitrogen'],
        answer: 'Carbon dioxide',
        accepted: [],
        tolerance: null,
        explanation: 'Plants take in CO2.',
      },
      {
        type: 'true_false',
        question: 'Photosynthesis happens in the chloroplast.',
        choices: [],
        answer: 'True',
        accepted: [],
        tolerance: null,
        explanation: 'Chloroplasts hold chlorophyll.',
      },
    ],
    adaptation_details: 'Two medium questions.',
    used_topic_ids: ['sci-photosynthesis'],
  },
  explain: {
    explanation: 'Plants turn light, water and carbon dioxide into sugar and oxygen.',
    examples: ['Palay leaves make sugar in the sun.'],
    related_concepts: [],
    practice_questions: ['Where does the oxygen come from?'],
    key_terms: [],
    misconceptions: [],
    used_topic_ids: ['sci-photosynthesis'],
  },
  notes: {
    title: 'Photosynthesis',
    summary: 'How plants make food.',
    note_sections: [
      {
        title: '1. Ideas',
        content: '1. Light is captured\n1.1 by chlorophyll',
        key_points: [],
        examples: [],
        analogies: [],
      },
    ],
    key_concepts: ['chlorophyll'],
    connections_to_prior_learning: [],
    practice_suggestions: [],
    used_topic_ids: ['sci-photosynthesis'],
  },
  cards: {
    topic: 'Photosynthesis',
    flashcards: [
      {
        title: 'Gas in',
        question: 'Which gas do leaves take in?',
        answer: 'Carbon dioxide.',
        example: 'A mango tree in the barangay.',
      },
      {
        title: 'Gas out',
        question: 'Which gas do leaves give off?',
        answer: 'Oxygen.',
        example: 'The air near a rice field.',
      },
    ],
    adaptation_details: 'Two cards.',
    used_topic_ids: ['sci-photosynthesis'],
  },
  math: {
    readable: true,
    knowns: [
      { name: 'fare', value: 13, unit: 'pesos' },
      { name: 'rides', value: 2, unit: '' },
      { name: 'days', value: 5, unit: '' },
    ],
    unknown: { name: 'total', unit: 'pesos', description: 'the total fare' },
    equation: null,
    expression: 'fare*rides*days',
  },
};

const generated = (r: OrchestrateResponse) =>
  r.trace.some((t) => t.step === 'generate' && t.detail.includes('written by the model'));

describe.each(['openai', 'gemini'] as const)('generation over the %s wire', (api) => {
  it.each(Object.keys(plans) as (keyof typeof plans)[])(
    'writes a %s result through structured output',
    async (name) => {
      const { tutor, stub } = await tutorOver(api, [plans[name], { json: drafts[name] }]);
      const r = await tutor.orchestrate({ user_info: user, message: `please: ${name}` });
      expect(r.status).toBe('completed');
      expect(r.degraded).toBe(false);
      expect(generated(r)).toBe(true);
      expect(r.reply).toBe('Here you go!');
      const generation = stub.requests.find((q) => q.kind === 'generate');
      if (api === 'openai')
        expect(generation?.body.response_format).toMatchObject({
          type: 'json_schema',
          json_schema: { strict: true },
        });
      else
        expect(generation?.body.generationConfig).toMatchObject({
          responseMimeType: 'application/json',
          responseSchema: { type: 'object' },
        });
      expect(stub.requests.map((q) => q.kind)).toEqual(['plan', 'generate', 'reply']);
      expect(r.trace.find((t) => t.step === 'tokens')?.detail).toMatch(/^[1-9]\d* token/);
    },
  );

  it('repairs a malformed object in one round', async () => {
    const { tutor, checks } = await tutorOver(api, [
      plans.explain,
      { json: '{"explanation": "Plants' },
      { json: drafts.explain },
    ]);
    const r = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(checks).toEqual(['concept_explainer:schema']);
    expect(generated(r)).toBe(true);
  });

  it('catches a quiz with two correct choices and answers with the embedded quiz', async () => {
    const two = structuredClone(drafts.quiz);
    (two.questions[0] as { choices: string[] }).choices = ['Carbon dioxide', 'Carbon Dioxide!', 'Nitrogen'];
    const { tutor, checks } = await tutorOver(api, [plans.quiz, { json: two }, { json: two }]);
    const r = await tutor.orchestrate({ user_info: user, message: 'quiz on photosynthesis' });
    expect(checks.filter((c) => c === 'quiz_generator:one_correct')).toHaveLength(2);
    expect(r.degraded).toBe(true);
    expect(
      (r.result as { questions: { source: string }[] }).questions.every((q) => q.source !== 'generated'),
    ).toBe(true);
  });

  it.each(['stall', 'timeout', '500'] as const)(
    'falls back to the embedded engine on a %s',
    async (fault) => {
      const { tutor } = await tutorOver(api, [plans.cards, { fault }], 400);
      const r = await tutor.orchestrate({ user_info: user, message: 'flashcards on photosynthesis' });
      expect(r.status).toBe('completed');
      expect(r.degraded).toBe(true);
      expect(r.trace.find((t) => t.step === 'fallback')?.detail).toContain(
        'generating flashcard_generator failed',
      );
      expect((r.result as { flashcards: unknown[] }).flashcards).toHaveLength(2);
    },
  );

  it('streams an explanation as it is written, over SSE, then replaces it with the checked result', async () => {
    const { tutor, stub } = await tutorOver(api, [plans.explain, { json: drafts.explain }]);
    const partials: string[] = [];
    const r = await tutor.orchestrate(
      { user_info: user, message: 'explain photosynthesis' },
      { onEvent: (e) => e.type === 'tool-partial' && partials.push(String(e.partial.explanation ?? '')) },
    );
    expect(stub.requests.find((q) => q.kind === 'generate')?.stream).toBe(true);
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toBe(drafts.explain.explanation);
    expect(generated(r)).toBe(true);
  });

  it('falls back to the embedded notes when a streamed draft stalls midway', async () => {
    const { tutor } = await tutorOver(api, [plans.notes, { fault: 'stall' }], 400);
    const r = await tutor.orchestrate({ user_info: user, message: 'notes on photosynthesis' });
    expect(r.degraded).toBe(true);
    expect(r.trace.find((t) => t.step === 'fallback')?.detail).toContain('generating note_maker failed');
    expect(r.result).toMatchObject({ grounding: { topic_id: 'sci-photosynthesis' } });
  });
});
