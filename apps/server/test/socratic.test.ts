import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mastery } from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, parseSse, signedIn } from './helpers.ts';

/** The text a turn streamed, after the last reset. */
function replyOf(body: string): string {
  const parts = parseSse(body).filter((p) => p !== '[DONE]') as { type: string; delta?: string }[];
  return parts.flatMap((p) => (p.type === 'text-delta' && p.delta ? [p.delta] : [])).join('');
}

describe('Socratic tutoring in the student chat', () => {
  let app: FastifyInstance;
  let ana: Client;
  let guro: Client;
  let anaId: string;
  beforeAll(async () => {
    app = await makeApp();
    ana = await signedIn(app, 'ana');
    guro = await signedIn(app, 'guro');
    anaId = (await ana.get('/api/v1/me')).json().user.id;
  });
  afterAll(() => app.close());

  const newChat = async () => (await ana.post('/api/v1/conversations', {})).json().conversation.id as string;
  const say = async (conversation: string, text: string) => {
    const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, { text });
    expect(res.statusCode).toBe(200);
    return replyOf(res.body);
  };
  const linear = async () =>
    (
      await app.ctx.db
        .select()
        .from(mastery)
        .where(and(eq(mastery.userId, anaId), eq(mastery.topicId, 'math-linear-equations-one-variable')))
    )[0];

  it("asks for the student's attempt first, checks it, and counts it as mastery evidence", async () => {
    const c = await newChat();
    const first = await say(c, 'Solve 2x + 3 = 11');
    expect(first).toMatch(/try/i);
    expect(first).not.toMatch(/\*\*Answer:\*\*/);
    expect(await linear()).toBeUndefined();

    const wrong = await say(c, 'I got x = 5');
    expect(wrong).toMatch(/^Not quite/);
    const afterWrong = await linear();
    expect(afterWrong).toMatchObject({ attempts: 1, correct: 0 });

    const right = await say(c, 'is it 4?');
    expect(right).toMatch(/^✅ Yes/);
    expect(right).toMatch(/\*\*Answer:\*\* `x = 4`/);
    const afterRight = await linear();
    expect(afterRight).toMatchObject({ attempts: 2, correct: 1 });
    expect(afterRight?.pKnown).toBeGreaterThan(afterWrong?.pKnown ?? 1);

    // The ladder's rung is stored with the message, so a reload shows the same hint.
    const messages = (await ana.get(`/api/v1/conversations/${c}/messages`)).json().messages as {
      role: string;
      parameters: { hint_level?: number } | null;
    }[];
    expect(messages.filter((m) => m.role === 'assistant').map((m) => m.parameters?.hint_level)).toEqual([
      1, 3, 0,
    ]);
  });

  it('a hint the student asks for is weak evidence; a hints-only class never gets the solution', async () => {
    const classes = (await guro.get('/api/v1/classes')).json().classes as {
      id: string;
      hints_only: boolean;
    }[];
    const klass = classes[0];
    expect(klass?.hints_only).toBe(false);
    const patched = await guro.request('PATCH', `/api/v1/classes/${klass?.id}`, { hints_only: true });
    expect(patched.json().class.hints_only).toBe(true);
    expectProblem(await ana.request('PATCH', `/api/v1/classes/${klass?.id}`, { hints_only: false }), 403);
    expectProblem(await guro.request('PATCH', `/api/v1/classes/${klass?.id}`, { hints_only: 'yes' }), 400);

    const c = await newChat();
    await say(c, 'Lutasin ang 5x - 2 = 18');
    const before = (await linear())?.pKnown ?? 0;
    const hint = await say(c, 'isa pang hint po');
    expect(hint).not.toMatch(/Sagot:\*\* `x = 4`/);
    expect((await linear())?.pKnown).toBeLessThan(before);
    const insist = await say(c, 'ibigay mo na ang sagot');
    expect(insist).toMatch(/assessment/);
    expect(insist).not.toMatch(/\*\*Sagot:\*\*/);

    await guro.request('PATCH', `/api/v1/classes/${klass?.id}`, { hints_only: false });
    expect(await say(c, 'ibigay mo na ang sagot')).toMatch(/\*\*Sagot:\*\* `x = 4`/);
  });
});
