import { loadContentLibrary } from '@aralin/content';
import type { Tutor } from '@aralin/tutor';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, safetyFlags } from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, parseSse, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();

describe('chat', () => {
  let app: FastifyInstance;
  let ana: Client;
  const calls: string[] = [];
  let failNext = false;
  beforeAll(async () => {
    app = await makeApp({
      tutor: scriptedTutor(content, {
        calls,
        before: () => {
          if (failNext) {
            failNext = false;
            throw new Error('planner exploded');
          }
        },
      }),
    });
    ana = await signedIn(app, 'ana');
  });
  afterAll(() => app.close());

  async function newConversation(client: Client = ana): Promise<string> {
    const res = await client.post('/api/v1/conversations', {});
    expect(res.statusCode).toBe(201);
    return res.json().conversation.id;
  }

  it('withdraws text from a reply that broke off: a reset part, then the stored reply as a new text part', async () => {
    const id = await newConversation();
    const res = await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'Please interrupt yourself' });
    expect(res.statusCode).toBe(200);
    const parts = parseSse(res.body).filter((p) => p !== '[DONE]') as {
      type: string;
      id?: string;
      delta?: string;
      data?: unknown;
    }[];
    expect(parts.map((p) => p.type)).toEqual([
      'start',
      'data-plan',
      'text-start',
      'text-delta',
      'text-end',
      'data-text-reset',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    const [first, second] = parts.filter((p) => p.type === 'text-start').map((p) => p.id);
    expect(first).not.toBe(second);
    const reset = parts.findIndex((p) => p.type === 'data-text-reset');
    expect(parts[reset]?.data).toEqual({ reason: 'reply-interrupted' });
    const after = parts.slice(reset).flatMap((p) => (p.type === 'text-delta' ? [p.delta] : []));
    expect(after.join('')).toBe('The whole reply.');
    const stored = (await ana.get(`/api/v1/conversations/${id}/messages`)).json().messages;
    expect(stored[1].content).toBe('The whole reply.');
  });

  it('streams a turn as AI SDK UI message stream parts, in order', async () => {
    const id = await newConversation();
    const res = await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'Explain photosynthesis' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.headers['x-vercel-ai-ui-message-stream']).toBe('v1');
    const parts = parseSse(res.body);
    const types = parts.map((p) => (p === '[DONE]' ? p : p.type));
    expect(types).toEqual([
      'start',
      'data-plan',
      'data-tool-result',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
      '[DONE]',
    ]);
    const start = parts[0] as { messageId: string };
    const plan = parts[1] as { data: Record<string, unknown> };
    expect(plan.data).toMatchObject({ tool: 'concept_explainer', status: 'completed', planner: 'embedded' });
    const result = parts[2] as { data: { message_id: string; tool: string } };
    expect(result.data.message_id).toBe(start.messageId);
    const list = await ana.get(`/api/v1/conversations/${id}/messages`);
    const stored = list.json().messages;
    expect(stored.map((m: { role: string; status: string }) => [m.role, m.status])).toEqual([
      ['user', 'completed'],
      ['assistant', 'completed'],
    ]);
    expect(stored[1].id).toBe(start.messageId);
    expect(stored[1].content).toBe('Here you go.');
    const convs = (await ana.get('/api/v1/conversations')).json().conversations;
    expect(convs[0]).toMatchObject({
      id,
      title: 'Explain photosynthesis',
      last_message_preview: 'Here you go.',
    });
  });

  it('answers JSON on Accept: application/json', async () => {
    const id = await newConversation();
    const res = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'hello' },
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user_message).toMatchObject({ role: 'user', status: 'completed', content: 'hello' });
    expect(body.assistant_message).toMatchObject({ role: 'assistant', content: 'Hello there!', tool: null });
  });

  it('never sends quiz answers to the client and stores the quiz server-side', async () => {
    const id = await newConversation();
    const res = await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'quiz me please' });
    const parts = parseSse(res.body);
    const toolResult = parts.find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { quiz_id: string; result: { questions: Record<string, unknown>[] } };
    };
    expect(toolResult.data.quiz_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toContain('"answer":"Carbon dioxide"');
    expect(toolResult.data.result.questions).toHaveLength(2);
    for (const q of toolResult.data.result.questions) {
      expect(q).not.toHaveProperty('answer');
      expect(q).not.toHaveProperty('explanation');
      expect(q).not.toHaveProperty('checker');
    }
    const history = await ana.get(`/api/v1/conversations/${id}/messages`);
    expect(history.body).not.toContain('Plants take in CO2 through the stomata');
    const quiz = await ana.get(`/api/v1/quizzes/${toolResult.data.quiz_id}`);
    expect(quiz.statusCode).toBe(200);
    expect(quiz.json().quiz.questions).toHaveLength(2);
    expect(quiz.body).not.toContain('"answer"');
  });

  it('same Idempotency-Key → the same turn, never a second one', async () => {
    const id = await newConversation();
    const key = '6c0f7e4e-2d55-4a53-9d4f-5a1c1b0d6a01';
    const before = calls.length;
    const first = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'explain cells' },
      { 'idempotency-key': key, accept: 'application/json' },
    );
    const second = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'explain cells' },
      { 'idempotency-key': key, accept: 'application/json' },
    );
    const streamed = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'explain cells' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json().assistant_message.id).toBe(first.json().assistant_message.id);
    expect(second.json().user_message.id).toBe(first.json().user_message.id);
    const replay = parseSse(streamed.body);
    expect((replay[0] as { messageId: string }).messageId).toBe(first.json().assistant_message.id);
    expect(calls.length - before).toBe(1);
    const stored = (await ana.get(`/api/v1/conversations/${id}/messages`)).json().messages;
    expect(stored).toHaveLength(2);
  });

  it('an Idempotency-Key already used in another conversation is refused and stores nothing', async () => {
    const first = await newConversation();
    const other = await newConversation();
    const key = 'key-used-in-two-conversations';
    const headers = { 'idempotency-key': key, accept: 'application/json' };
    expect(
      (await ana.post(`/api/v1/conversations/${first}/messages`, { text: 'explain cells' }, headers))
        .statusCode,
    ).toBe(200);
    const before = calls.length;
    const reused = await ana.post(
      `/api/v1/conversations/${other}/messages`,
      { text: 'explain atoms' },
      headers,
    );
    expect(expectProblem(reused, 409).detail).toContain('already used for another message');
    expect(calls.length).toBe(before);
    expect((await ana.get(`/api/v1/conversations/${other}/messages`)).json().messages).toHaveLength(0);
  });

  it('stores the message before the planner runs; a failure leaves it failed and retryable', async () => {
    const id = await newConversation();
    failNext = true;
    const res = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'explain fractions' },
      { accept: 'application/json', 'idempotency-key': 'retry-key-0001' },
    );
    const problem = expectProblem(res, 503);
    const messageId = problem.message_id as string;
    const db = app.ctx.db;
    const [row] = await db.select().from(messages).where(eq(messages.id, messageId));
    expect(row).toMatchObject({ role: 'user', status: 'failed', content: 'explain fractions' });
    const all = await db.select().from(messages).where(eq(messages.conversationId, id));
    expect(all).toHaveLength(1);

    // SSE failure path too: the stream reports an error part and the message is failed.
    failNext = true;
    const sse = await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'explain decimals' });
    const parts = parseSse(sse.body);
    expect(parts.some((p) => p !== '[DONE]' && p.type === 'error')).toBe(true);

    const retry = await ana.post(`/api/v1/messages/${messageId}/retry`, undefined, {
      accept: 'application/json',
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().user_message).toMatchObject({ id: messageId, status: 'completed' });
    const again = await ana.post(`/api/v1/messages/${messageId}/retry`, undefined, {
      accept: 'application/json',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().assistant_message.id).toBe(retry.json().assistant_message.id);
  });

  it('moderation runs first: self-harm gets the 1553 hotline and a high-severity flag, no tutor call', async () => {
    const id = await newConversation();
    const before = calls.length;
    const res = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'I want to kill myself' },
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().assistant_message.content).toContain('1553');
    expect(calls.length).toBe(before);
    const flags = await app.ctx.db.select().from(safetyFlags).where(eq(safetyFlags.conversationId, id));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ category: 'self_harm', severity: 'high', status: 'open' });
    const guro = await signedIn(app, 'guro');
    const list = (await guro.get('/api/v1/flags?status=open')).json().flags;
    expect(list.some((f: { conversation_id: string }) => f.conversation_id === id)).toBe(true);
    // The class page names why a student needs attention as codes, worded in the teacher's language by the app.
    const [klass] = (await guro.get('/api/v1/classes')).json().classes;
    const { attention } = (await guro.get(`/api/v1/classes/${klass.id}/analytics`)).json();
    const reasons = (name: string) =>
      attention.find((a: { display_name: string }) => a.display_name.startsWith(name))?.reasons;
    expect(reasons('Ana')).toEqual([{ code: 'high_severity_flag' }]);
    expect(reasons('Ben')).toEqual([{ code: 'never_active' }]);
  });

  it('rejects bad input with problem+json and writes nothing', async () => {
    const id = await newConversation();
    expectProblem(await ana.post(`/api/v1/conversations/${id}/messages`, { text: '   ' }), 400);
    expectProblem(await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'x'.repeat(8001) }), 400);
    const stored = (await ana.get(`/api/v1/conversations/${id}/messages`)).json().messages;
    expect(stored).toHaveLength(0);
  });
});

describe('chat with the real embedded tutor', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  it('streams a full turn from the embedded engine', async () => {
    const ana = await signedIn(app, 'ana');
    const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const res = await ana.post(`/api/v1/conversations/${id}/messages`, { text: 'Explain photosynthesis' });
    const parts = parseSse(res.body);
    expect(parts.at(-1)).toBe('[DONE]');
    const plan = parts.find((p) => p !== '[DONE]' && p.type === 'data-plan') as { data: { planner: string } };
    expect(plan.data.planner).toBe('embedded');
    const text = parts
      .filter((p): p is Record<string, unknown> => p !== '[DONE]' && p.type === 'text-delta')
      .map((p) => p.delta)
      .join('');
    expect(text.length).toBeGreaterThan(0);
    const tutor: Tutor = app.ctx.tutor;
    expect(tutor.registry.names()).toContain('quiz_generator');
  });

  it('replies in the language the student writes in, whatever the profile language', async () => {
    const ana = await signedIn(app, 'ana');
    const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const res = await ana.post(
      `/api/v1/conversations/${id}/messages`,
      { text: 'Gawan mo ako ng limang flashcards tungkol sa fotosintesis' },
      { accept: 'application/json' },
    );
    expect(res.statusCode).toBe(200);
    expect((await ana.get('/api/v1/me')).json().user.locale).toBe('en');
    expect(res.json().assistant_message.content).toMatch(/\b(?:ang|mga|ng)\b/);
  });
});
