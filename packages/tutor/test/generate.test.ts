import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createGenerator, DEFAULT_BUDGET, memoryLedger } from '../src/generate/index.ts';
import { createTutor, type TutorEvent } from '../src/index.ts';
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

/** The parts of a streamed answer: `text` in a few deltas, then the finish. */
function streamOf(text: string) {
  const parts = [
    { type: 'text-start' as const, id: 't' },
    ...(text.match(/[\s\S]{1,20}/g) ?? []).map((delta) => ({ type: 'text-delta' as const, id: 't', delta })),
    { type: 'text-end' as const, id: 't' },
    { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage },
  ];
  return {
    stream: new ReadableStream({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    }),
  };
}

/**
 * A model that plans `plan`, then answers each generation call with the next of `drafts` (streamed when the
 * tool streams its draft), and streams a short reply.
 */
function scripted(plan: LanguageModelV3GenerateResult, drafts: LanguageModelV3GenerateResult[]) {
  const queue = [plan, ...drafts];
  const next = () => {
    const answer = queue.shift();
    if (!answer) throw new Error('no more scripted answers');
    return answer;
  };
  return new MockLanguageModelV3({
    doGenerate: async () => next(),
    doStream: async (options) => {
      if (options.responseFormat?.type !== 'json') return streamOf('Here it is.');
      const text = next()
        .content.map((c) => (c.type === 'text' ? c.text : ''))
        .join('');
      return streamOf(text);
    },
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
    partialEveryMs: 0,
    ...extra,
  });
  const { ledger } = extra;
  const perStudentPerDay = extra.budget?.perStudentPerDay ?? DEFAULT_BUDGET.perStudentPerDay;
  const budget = ledger ? { budget: { ledger, perStudentPerDay } } : {};
  return { tutor: createTutor({ llm, generator, ...budget }), checks };
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
    const events: TutorEvent[] = [];
    const r = await tutor.orchestrate(
      { user_info: user, message: 'explain photosynthesis' },
      { onEvent: (e) => events.push(e) },
    );
    expect(r.status).toBe('completed');
    expect(r.degraded).toBe(false);
    expect(r.result).toMatchObject({
      explanation: explanation.explanation,
      grounding: { topic_id: 'sci-photosynthesis' },
    });
    // The explanation reaches the student as it is written, then the checked result replaces it.
    const partials = events.flatMap((e) =>
      e.type === 'tool-partial' ? [String(e.partial.explanation ?? '')] : [],
    );
    expect(partials.length).toBeGreaterThan(2);
    expect(explanation.explanation.startsWith(partials[1] ?? 'x')).toBe(true);
    expect(partials.every((p) => !p.includes('used_topic_ids'))).toBe(true);
    const types = events.map((e) => e.type);
    expect(types.lastIndexOf('tool-partial')).toBeLessThan(types.indexOf('tool-result'));
    const prompt = JSON.stringify(model.doStreamCalls[0]?.prompt);
    expect(prompt).toContain('concept explainer of Aralin');
    expect(prompt).toContain('<topic id=\\"sci-photosynthesis\\"');
    expect(r.trace.map((t) => t.step)).toContain('generate');
  });

  it('writes exactly the cards asked for, in Filipino, and says an ungrounded deck is not from the lessons', async () => {
    const cards = ['Ano ang bayanihan?', 'Sino ang tumutulong?', 'Bakit mahalaga ito?'].map((q, i) => ({
      title: `Kard ${i + 1}`,
      question: q,
      answer: 'Pagtutulungan ng magkakapitbahay.',
      example: '',
    }));
    const model = scripted(
      toolCall('flashcard_generator', {
        topic: 'bayanihan sa kultura',
        subject: 'Araling Panlipunan',
        count: 3,
        include_examples: false,
      }),
      [
        json({
          topic: 'Bayanihan',
          flashcards: cards,
          adaptation_details: 'Tatlong madaling kard.',
          used_topic_ids: [],
        }),
      ],
    );
    const { tutor } = tutorWith(model);
    const r = await tutor.orchestrate({
      user_info: user,
      message: 'gawan mo ako ng 3 flashcards tungkol sa bayanihan',
    });
    expect(r.locale).toBe('fil');
    const result = r.result as {
      flashcards: { id: string; source: string }[];
      grounding: Record<string, unknown>;
    };
    expect(result.flashcards).toHaveLength(3);
    expect(result.flashcards.every((c) => c.source === 'generated')).toBe(true);
    expect(new Set(result.flashcards.map((c) => c.id)).size).toBe(3);
    expect(result.grounding).toMatchObject({ topic_id: null, model_knowledge: true });
    const prompt = JSON.stringify(model.doGenerateCalls[1]?.prompt);
    expect(prompt).toContain('Make exactly 3 flashcards');
    expect(prompt).toContain('Write every text field in Filipino');
    expect(prompt).toContain('curriculum pack has no notes');
    expect(r.trace.some((t) => t.detail.includes('ungrounded'))).toBe(true);
  });

  it('catches a wrong arithmetic answer, repairs it once, and shows no answer to the reply', async () => {
    const question = (answer: string) => ({
      type: 'numeric',
      question: 'Aling Nena buys 3 pencils at 12 pesos each. How much does she pay?',
      choices: [],
      answer,
      accepted: [],
      tolerance: null,
      explanation: '3 × 12 = 36',
    });
    const quiz = (answer: string) => ({
      topic: 'Multiplication',
      questions: [question(answer)],
      adaptation_details: 'One numeric item.',
      used_topic_ids: [],
    });
    const model = scripted(
      toolCall('quiz_generator', {
        topic: 'integer operations',
        subject: 'Mathematics',
        num_questions: 1,
        question_types: ['numeric'],
      }),
      [json(quiz('38')), json(quiz('36'))],
    );
    const { tutor, checks } = tutorWith(model);
    const events: Record<string, unknown>[] = [];
    const r = await tutor.orchestrate(
      { user_info: user, message: 'quiz me on integer operations, 1 numeric question' },
      { onEvent: (e) => e.type === 'tool-result' && events.push(e.visible) },
    );
    expect(checks).toEqual(['quiz_generator:arithmetic']);
    const q = (r.result as { questions: { answer: string; checker: { kind: string } }[] }).questions[0];
    expect(q).toMatchObject({ answer: '36', checker: { kind: 'numeric' } });
    expect(r.degraded).toBe(false);
    expect(JSON.stringify(events[0])).not.toContain('"answer"');
    const repair = JSON.stringify(model.doGenerateCalls[2]?.prompt);
    expect(repair).toContain('the math engine computes 36');
  });

  it('falls back to the embedded quiz when the repaired draft still fails, and traces each failed check', async () => {
    const bad = {
      topic: 'Photosynthesis',
      questions: [
        {
          type: 'multiple_choice',
          question: 'What do plants need?',
          choices: ['Light', 'Light', 'Salt'],
          answer: 'Light',
          accepted: [],
          tolerance: null,
          explanation: 'Light powers it.',
        },
      ],
      adaptation_details: '',
      used_topic_ids: ['sci-photosynthesis'],
    };
    const model = scripted(
      toolCall('quiz_generator', { topic: 'photosynthesis', subject: 'Science', num_questions: 2 }),
      [json(bad), json(bad)],
    );
    const { tutor, checks } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'quiz on photosynthesis, 2 items' });
    expect(r.status).toBe('completed');
    expect(r.degraded).toBe(true);
    const result = r.result as { questions: { source: string }[] };
    expect(result.questions).toHaveLength(2);
    expect(result.questions.every((q) => q.source !== 'generated')).toBe(true);
    expect(checks).toEqual(
      expect.arrayContaining([
        'quiz_generator:count',
        'quiz_generator:choices',
        'quiz_generator:one_correct',
      ]),
    );
    expect(r.trace.filter((t) => t.step === 'check').length).toBeGreaterThanOrEqual(6);
    expect(r.trace.some((t) => t.step === 'fallback')).toBe(true);
  });

  it('repairs a draft that is not JSON of the schema', async () => {
    const model = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [
        json('{"explanation": "Plants make fo'),
        json({ ...explanation, used_topic_ids: ['sci-photosynthesis'] }),
      ],
    );
    const { tutor, checks } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(checks).toEqual(['concept_explainer:schema']);
    expect(r.result).toMatchObject({ explanation: explanation.explanation });
    expect(JSON.stringify(model.doStreamCalls[1]?.prompt)).toContain('failed these checks');
  });

  it('checks the note style asked for', async () => {
    const section = (content: string) => ({
      title: 'Ideas',
      content,
      key_points: [],
      examples: ['e'],
      analogies: [],
    });
    const notes = (content: string) => ({
      title: 'Photosynthesis',
      summary: 'Plants make food.',
      note_sections: [section(content)],
      key_concepts: [],
      connections_to_prior_learning: [],
      practice_suggestions: [],
      used_topic_ids: ['sci-photosynthesis'],
    });
    const model = scripted(
      toolCall('note_maker', {
        topic: 'photosynthesis',
        subject: 'Science',
        note_taking_style: 'bullet_points',
      }),
      [json(notes('Plants make food from light.')), json(notes('- light\n- water'))],
    );
    const { tutor, checks } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'bullet notes on photosynthesis' });
    expect(checks).toEqual(['note_maker:style']);
    expect(r.result).toMatchObject({
      note_taking_style: 'bullet_points',
      grounding: { topic_id: 'sci-photosynthesis' },
    });
    expect((r.result as { markdown: string }).markdown).toContain('- light');
  });

  it("counts planning and replying in the day's budget, then answers with the embedded engine", async () => {
    const ledger = memoryLedger();
    const model = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [json({ ...explanation, used_topic_ids: ['sci-photosynthesis'] })],
    );
    const { tutor } = tutorWith(model, { ledger, budget: { perStudentPerDay: 1000 } });
    const first = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    const spent = first.trace.filter((t) => t.step === 'tokens').map((t) => t.detail);
    expect(spent).toEqual([
      '1200 token(s) generating concept_explainer (generated)',
      '2400 token(s) planning and replying',
    ]);
    expect(await ledger.used('s1', new Date().toISOString().slice(0, 10))).toBe(3600);
    const again = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [],
    );
    const second = await tutorWith(again, { ledger, budget: { perStudentPerDay: 1000 } }).tutor.orchestrate({
      user_info: user,
      message: 'explain photosynthesis',
    });
    expect(second.trace.find((t) => t.step === 'budget')?.detail).toContain(
      'embedded engine plans and replies',
    );
    expect(second).toMatchObject({ planner: 'embedded', degraded: true });
    expect(second.result).toMatchObject({ grounding: { topic_id: 'sci-photosynthesis' } });
    expect(again.doGenerateCalls).toHaveLength(0);
    expect(again.doStreamCalls).toHaveLength(0);
  });

  it('answers with the embedded engine when the provider fails, and leaves the embedded path alone', async () => {
    const model = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [],
    );
    const { tutor } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(r.degraded).toBe(true);
    expect(r.trace.find((t) => t.step === 'fallback')?.detail).toContain('no more scripted answers');
    const embedded = await createTutor().orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(r.result).toEqual(embedded.result);
  });

  it('skips the repair round once the turn has spent its budget', async () => {
    const model = scripted(
      toolCall('concept_explainer', {
        concept_to_explain: 'photosynthesis',
        current_topic: 'photosynthesis',
      }),
      [json('not json at all'), json({ ...explanation, used_topic_ids: ['sci-photosynthesis'] })],
    );
    const { tutor } = tutorWith(model, { budget: { perTurn: 1000 } });
    const r = await tutor.orchestrate({ user_info: user, message: 'explain photosynthesis' });
    expect(model.doStreamCalls.filter((c) => c.responseFormat?.type === 'json')).toHaveLength(1);
    expect(r.trace.find((t) => t.step === 'budget')?.detail).toContain("turn's 1000 generation tokens");
    expect(r.degraded).toBe(true);
    expect(r.trace.find((t) => t.step === 'tokens')?.detail).toContain('1200 token(s)');
  });

  it('does not let a multiple-choice question state its own answer', async () => {
    const item = (question: string) => ({
      type: 'multiple_choice',
      question,
      choices: ['Oxygen', 'Carbon dioxide', 'Nitrogen'],
      answer: 'Carbon dioxide',
      accepted: [],
      tolerance: null,
      explanation: 'Leaves take in carbon dioxide.',
    });
    const quiz = (question: string) => ({
      topic: 'Photosynthesis',
      questions: [item(question)],
      adaptation_details: '',
      used_topic_ids: ['sci-photosynthesis'],
    });
    const model = scripted(
      toolCall('quiz_generator', {
        topic: 'photosynthesis',
        subject: 'Science',
        num_questions: 1,
        question_types: ['multiple_choice'],
      }),
      [
        json(quiz('Leaves take in carbon dioxide. Which gas do leaves take in?')),
        json(quiz('Which gas do leaves take in?')),
      ],
    );
    const { tutor, checks } = tutorWith(model);
    const r = await tutor.orchestrate({ user_info: user, message: 'one quiz question on photosynthesis' });
    expect(checks).toEqual(['quiz_generator:leak']);
    expect((r.result as { questions: { question: string }[] }).questions[0]?.question).toBe(
      'Which gas do leaves take in?',
    );
  });
});
