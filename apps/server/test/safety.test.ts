import { loadContentLibrary } from '@aralin/content';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages, safetyFlags } from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, scriptedTutor, signedIn } from './helpers.ts';

const CRISIS = 'parang gusto ko na lang mag-suicide';

/** Sends `text` in a new conversation, then leaves it failed (as a crash mid-reply would): its retry URL. */
async function failedMessage(app: FastifyInstance, client: Client, text: string): Promise<string> {
  const id = (await client.post('/api/v1/conversations', {})).json().conversation.id;
  const sent = await client.post(
    `/api/v1/conversations/${id}/messages`,
    { text },
    { accept: 'application/json' },
  );
  const message: string = sent.json().user_message.id;
  await app.ctx.db.delete(messages).where(eq(messages.replyTo, message));
  await app.ctx.db.update(messages).set({ status: 'failed' }).where(eq(messages.id, message));
  return `/api/v1/messages/${message}/retry`;
}

describe('a student in crisis is never rate-limited', () => {
  let app: FastifyInstance;
  let ana: Client;
  const calls: string[] = [];
  beforeAll(async () => {
    app = await makeApp(
      { tutor: scriptedTutor(loadContentLibrary(), { calls }) },
      { CHAT_RATE_LIMIT_PER_MINUTE: '30' },
    );
    ana = await signedIn(app, 'ana');
  });
  afterAll(() => app.close());

  it('after 30 messages in a minute: 429 for the next question, the hotline reply and a flag for a crisis', async () => {
    const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const send = (text: string) =>
      ana.post(`/api/v1/conversations/${id}/messages`, { text }, { accept: 'application/json' });
    for (let i = 0; i < 30; i++) expect((await send(`explain photosynthesis ${i}`)).statusCode).toBe(200);
    expectProblem(await send('explain photosynthesis again'), 429);

    const crisis = await send('parang gusto ko na lang mag-suicide');
    expect(crisis.statusCode).toBe(200);
    expect(crisis.json().assistant_message.content).toContain('1553');
    expect(calls).not.toContain('parang gusto ko na lang mag-suicide');
    const flags = await app.ctx.db.select().from(safetyFlags).where(eq(safetyFlags.conversationId, id));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ category: 'self_harm', severity: 'high', status: 'open' });

    // The bypass is for a crisis only: the limit still holds for everything else.
    expectProblem(await send('ok, quiz me'), 429);
  });

  it('retrying a crisis message goes through once retries are rate-limited; other retries do not', async () => {
    const ben = await signedIn(app, 'ben');
    const crisisRetry = await failedMessage(app, ben, CRISIS);
    const otherRetry = await failedMessage(app, ben, 'explain fractions');
    let status = 0;
    for (let i = 0; i < 31 && status !== 429; i++)
      status = (await ben.post(otherRetry, undefined, { accept: 'application/json' })).statusCode;
    expect(status).toBe(429);

    const retried = await ben.post(crisisRetry, undefined, { accept: 'application/json' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().assistant_message.content).toContain('1553');
    expectProblem(await ben.post(otherRetry, undefined, { accept: 'application/json' }), 429);
  });
});

describe('a student in crisis is admitted over MAX_ACTIVE_TURNS', () => {
  let app: FastifyInstance;
  let ana: Client;
  let release: () => void = () => {};
  let started: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const turnStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  beforeAll(async () => {
    const before = async (message: string) => {
      if (!message.includes('slow')) return;
      started();
      await gate;
    };
    app = await makeApp(
      { tutor: scriptedTutor(loadContentLibrary(), { before }) },
      { MAX_ACTIVE_TURNS: '1' },
    );
    ana = await signedIn(app, 'ana');
  });
  afterAll(() => app.close());

  it('a crisis message and a crisis retry get the hotline while the only place is taken; others get 503', async () => {
    const crisisRetry = await failedMessage(app, ana, CRISIS);
    const id = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const send = (text: string) =>
      ana.post(`/api/v1/conversations/${id}/messages`, { text }, { accept: 'application/json' });
    const held = send('explain something slow');
    await turnStarted;
    expect(app.ctx.turns.active).toBe(1);

    expect(expectProblem(await send('explain photosynthesis'), 503).type).toContain('overloaded');
    const crisis = await send('gusto ko nang mamatay');
    expect(crisis.statusCode).toBe(200);
    expect(crisis.json().assistant_message.content).toContain('1553');
    const retried = await ana.post(crisisRetry, undefined, { accept: 'application/json' });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().assistant_message.content).toContain('1553');
    expect(app.ctx.turns.active).toBe(1);

    release();
    expect((await held).statusCode).toBe(200);
    expect(app.ctx.turns.active).toBe(0);
  });
});

describe('POST /api/v1/orchestrate reports safety', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await makeApp();
  });
  afterAll(() => app.close());

  const orchestrate = (message: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/orchestrate',
      payload: { user_info: { user_id: 'u1', name: 'Ana' }, message },
      headers: { 'x-api-key': 'aralin-demo-key' },
    });

  it('answers a crisis with the hotlines and no tool', async () => {
    const res = await orchestrate('gusto ko nang mamatay');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'no_tool', tool: null, locale: 'fil' });
    expect(body.safety).toMatchObject({ category: 'self_harm', severity: 'high', crisis: true });
    expect(body.safety.hotlines[0]).toMatchObject({ name: 'NCMH Crisis Hotline', hours: '24/7' });
    expect(body.reply).toContain('1553');
  });

  it('is null for an ordinary request', async () => {
    const body = (await orchestrate('Explain photosynthesis')).json();
    expect(body.safety).toBeNull();
    expect(body.tool).toBe('concept_explainer');
  });
});
