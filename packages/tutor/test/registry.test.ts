import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { builtinTools, createTutor, ToolRegistry } from '../src/index.ts';

describe('tool registry', () => {
  it('has unique names and slots that name real input fields', () => {
    const names = builtinTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const tool of builtinTools) {
      const fields = Object.keys(tool.input.shape);
      for (const field of [...Object.keys(tool.slots), ...tool.required]) expect(fields).toContain(field);
      expect(tool.examples.en.length, tool.name).toBeGreaterThanOrEqual(25);
      expect(tool.examples.fil.length, tool.name).toBeGreaterThanOrEqual(25);
      expect(tool.prompt.length, tool.name).toBeGreaterThan(200);
    }
  });

  it('describes every tool with JSON Schemas derived from zod, keeping the interface field names', () => {
    const described = new ToolRegistry().describe();
    expect(described.map((d) => d.name)).toEqual([
      'concept_explainer',
      'note_maker',
      'flashcard_generator',
      'quiz_generator',
      'math_solver',
    ]);
    const flashcards = described.find((d) => d.name === 'flashcard_generator')?.input_schema as {
      properties: Record<string, { maximum?: number; enum?: string[] }>;
    };
    expect(flashcards.properties.count?.maximum).toBe(20);
    expect(flashcards.properties.difficulty?.enum).toEqual(['easy', 'medium', 'hard']);
    const notes = described.find((d) => d.name === 'note_maker')?.input_schema as {
      properties: Record<string, { enum?: string[] }>;
    };
    expect(notes.properties.note_taking_style?.enum).toEqual([
      'outline',
      'bullet_points',
      'narrative',
      'structured',
    ]);
  });

  it("gives what the student may see of a result: a quiz's answers never, other results whole, a stale quiz nothing", async () => {
    const registry = new ToolRegistry();
    const tutor = createTutor({ tools: registry });
    const quiz = await tutor.orchestrate({
      user_info: { user_id: 's1', name: 'Ana' },
      message: 'quiz me on photosynthesis, 3 questions',
    });
    expect(quiz.tool).toBe('quiz_generator');
    const full = quiz.result as { questions: Record<string, unknown>[] };
    const seen = registry.visible('quiz_generator', full) as typeof full;
    expect(seen.questions.map((q) => q.question)).toEqual(full.questions.map((q) => q.question));
    for (const q of seen.questions)
      for (const secret of ['answer', 'accepted', 'tolerance', 'explanation', 'checker'])
        expect(q).not.toHaveProperty(secret);
    expect(full.questions[0]).toHaveProperty('answer');

    const notes = { explanation: 'Plants make food from light.' };
    expect(registry.visible('concept_explainer', notes)).toBe(notes);
    expect(registry.visible('no_such_tool', notes)).toBe(notes);
    expect(registry.visible(null, null)).toBeNull();
    // A stored quiz from an older schema: nothing of it rather than its answers.
    const stale = { questions: [{ question: 'Which gas?', answer: 'CO2' }] };
    expect(registry.visible('quiz_generator', stale)).toBeNull();
  });
});

describe('remote tools by URL', () => {
  async function toolServer(
    respond: (body: Record<string, unknown>) => { status: number; body: unknown; delayMs?: number },
  ) {
    const received: Record<string, unknown>[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const body = JSON.parse(raw);
        received.push(body);
        const r = respond(body);
        setTimeout(
          () => res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body)),
          r.delayMs ?? 0,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tool`,
      received,
      close: () => server.close(),
    };
  }
  const user = { user_id: 's1', name: 'Ana' };

  it('sends the validated input with user_info and chat_history, and validates the output', async () => {
    const local = await createTutor().orchestrate({
      user_info: user,
      message: 'one easy flashcard on photosynthesis',
    });
    const remote = await toolServer(() => ({
      status: 200,
      body: { ...local.result, adaptation_details: 'remote' },
    }));
    const tools = new ToolRegistry();
    tools.registerRemote('flashcard_generator', remote.url, { timeoutMs: 2000 });
    expect(tools.describe().find((d) => d.name === 'flashcard_generator')?.remote).toBe(true);
    const r = await createTutor({ tools }).orchestrate({
      user_info: user,
      message: 'one easy flashcard on photosynthesis',
    });
    remote.close();
    expect(remote.received[0]).toMatchObject({
      topic: 'photosynthesis',
      count: 1,
      difficulty: 'easy',
      user_info: user,
      chat_history: [],
    });
    expect(r.status).toBe('completed');
    expect((r.result as { adaptation_details: string }).adaptation_details).toBe('remote');
  });

  it('turns a wrong shape, an error status or a timeout into an error response', async () => {
    for (const reply of [
      { status: 200, body: { nope: true } },
      { status: 500, body: {} },
      { status: 200, body: {}, delayMs: 1500 },
    ]) {
      const remote = await toolServer(() => reply);
      const tools = new ToolRegistry();
      tools.registerRemote('quiz_generator', remote.url, { timeoutMs: 500 });
      const r = await createTutor({ tools }).orchestrate({
        user_info: user,
        message: 'quiz me on fractions',
      });
      remote.close();
      expect(r.status).toBe('error');
      expect(r.trace.some((t) => t.step === 'run' && t.detail.includes('tool server'))).toBe(true);
    }
  });

  it('refuses to register a tool it does not know', () => {
    expect(() => new ToolRegistry().registerRemote('teleporter', 'http://127.0.0.1:1/')).toThrow(
      /unknown tool/,
    );
  });
});
