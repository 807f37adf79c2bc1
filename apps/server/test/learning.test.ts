import { loadContentLibrary } from '@aralin/content';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flashcards, mastery } from '../src/db/schema.ts';
import { type Client, expectProblem, makeApp, parseSse, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();

describe('quizzes, flashcards and mastery', () => {
  let app: FastifyInstance;
  let ana: Client;
  let anaId: string;
  let conversation: string;
  const now = { t: new Date('2026-11-23T01:00:00Z') };
  beforeAll(async () => {
    app = await makeApp({ tutor: scriptedTutor(content), clock: () => new Date(now.t) });
    ana = await signedIn(app, 'ana');
    anaId = (await ana.get('/api/v1/me')).json().user.id;
    conversation = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
  });
  afterAll(() => app.close());

  const masteryRow = async (topic: string) =>
    (
      await app.ctx.db
        .select()
        .from(mastery)
        .where(and(eq(mastery.userId, anaId), eq(mastery.topicId, topic)))
    )[0];

  it('chat alone does not change mastery', async () => {
    await ana.post(`/api/v1/conversations/${conversation}/messages`, { text: 'explain photosynthesis' });
    expect(await masteryRow('sci-photosynthesis')).toBeUndefined();
    // ... but what the student asked about comes first in what to study next.
    const recommended = (await ana.get('/api/v1/progress')).json().recommended;
    expect(recommended[0]).toMatchObject({ topic_id: 'sci-photosynthesis', kind: 'explored' });
    expect(recommended[0].reason).toBe('You asked about it — a short quiz shows what you know');
  });

  it('a checked quiz answer moves mastery (server-side answer check)', async () => {
    const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, { text: 'quiz me' });
    const part = parseSse(res.body).find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { quiz_id: string };
    };
    const quizId = part.data.quiz_id;
    const right = await ana.post(`/api/v1/quizzes/${quizId}/answers`, {
      question_id: 'q1',
      answer: 'carbon dioxide',
    });
    expect(right.statusCode).toBe(200);
    const body = right.json();
    expect(body).toMatchObject({ correct: true, expected: 'Carbon dioxide' });
    expect(body.explanation).toContain('stomata');
    expect(body.mastery.topic_id).toBe('sci-photosynthesis');
    const first = await masteryRow('sci-photosynthesis');
    expect(first?.pKnown).toBeCloseTo(body.mastery.p_known, 10);
    expect(first?.pKnown).toBeGreaterThan(0.2);
    // Answering twice is refused; nothing changes.
    expectProblem(
      await ana.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'q1', answer: 'Oxygen' }),
      409,
    );
    expect((await masteryRow('sci-photosynthesis'))?.pKnown).toBe(first?.pKnown);
    const wrong = await ana.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'q2', answer: '5' });
    expect(wrong.json()).toMatchObject({ correct: false, expected: '6' });
    expect(wrong.json().mastery.p_known).toBeLessThan(first?.pKnown as number);
    expectProblem(
      await ana.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'nope', answer: 'x' }),
      404,
    );
    const finish = await ana.post(`/api/v1/quizzes/${quizId}/finish`);
    expect(finish.json()).toEqual({ score: 1, total: 2 });
    const progress = (await ana.get('/api/v1/progress')).json();
    expect(progress.mastery[0]).toMatchObject({ topic_id: 'sci-photosynthesis', subject: 'Science' });
    expect(progress.by_subject[0].subject).toBe('Science');
    expect(progress.streak_days).toBe(1);
    // Every event at one instant (the test clock stands still): one session, worth its one minute.
    expect(progress.time_on_task_minutes).toBe(1);
    expect(Array.isArray(progress.recommended)).toBe(true);
  });

  it('POST /quizzes builds a quiz for a pack topic without exposing answers', async () => {
    const topic = content.topics[0];
    if (!topic) throw new Error('the content pack is empty');
    const res = await ana.post('/api/v1/quizzes', { topic_id: topic.id, num_questions: 3 });
    expect(res.statusCode).toBe(201);
    const quiz = res.json().quiz;
    expect(quiz.topic_id).toBe(topic.id);
    expect(quiz.questions.length).toBeGreaterThan(0);
    for (const q of quiz.questions) expect(q).not.toHaveProperty('answer');
    expectProblem(await ana.post('/api/v1/quizzes', { topic_id: 'no-such-topic' }), 404);
  });

  it('a flashcard review schedules with FSRS and feeds mastery', async () => {
    const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, {
      text: 'flashcards please',
    });
    const part = parseSse(res.body).find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { deck_id: string };
    };
    expect(part.data.deck_id).toBeTruthy();
    const due = (await ana.get('/api/v1/flashcards/due')).json().cards;
    expect(due).toHaveLength(2);
    expect(due[0]).toMatchObject({ deck_id: part.data.deck_id, topic_id: 'sci-photosynthesis' });
    const before = (await masteryRow('sci-photosynthesis'))?.pKnown as number;
    const review = await ana.post(`/api/v1/flashcards/${due[0].id}/review`, { rating: 'good' });
    expect(review.statusCode).toBe(200);
    const card = review.json().card;
    expect(card.state).not.toBe('new');
    expect(card.stability).toBeGreaterThan(0);
    expect(new Date(card.due).getTime()).toBeGreaterThan(now.t.getTime());
    expect(review.json().mastery.p_known).toBeGreaterThan(before);
    const [row] = await app.ctx.db.select().from(flashcards).where(eq(flashcards.id, due[0].id));
    expect(row?.reps).toBe(1);
    const remaining = (await ana.get('/api/v1/flashcards/due')).json().cards;
    expect(remaining.map((c: { id: string }) => c.id)).not.toContain(due[0].id);
    const easy = await ana.post(`/api/v1/flashcards/${due[1].id}/review`, { rating: 'easy' });
    expect(new Date(easy.json().card.due).getTime()).toBeGreaterThan(new Date(card.due).getTime());
    expectProblem(await ana.post(`/api/v1/flashcards/${due[1].id}/review`, { rating: 'meh' }), 400);
  });

  it('the server is the truth for cards: answers, score and reviews come back on reload; finish is idempotent', async () => {
    const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, { text: 'quiz me again' });
    const part = parseSse(res.body).find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { quiz_id: string };
    };
    const quizId = part.data.quiz_id;
    await ana.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'q1', answer: 'Oxygen' });
    // Another device (a second session of the same student) sees the answer with its verdict.
    const other = await signedIn(app, 'ana');
    const restored = (await other.get(`/api/v1/quizzes/${quizId}`)).json().quiz;
    expect(restored.answers).toEqual([
      {
        question_id: 'q1',
        answer: 'Oxygen',
        correct: false,
        expected: 'Carbon dioxide',
        explanation: 'Plants take in CO2 through the stomata.',
      },
    ]);
    expect(restored).toMatchObject({ score: null, total: 2, finished_at: null });
    await other.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'q2', answer: '6' });
    const [first, second] = await Promise.all([
      ana.post(`/api/v1/quizzes/${quizId}/finish`),
      other.post(`/api/v1/quizzes/${quizId}/finish`),
    ]);
    expect(first.json()).toEqual({ score: 1, total: 2 });
    expect(second.json()).toEqual({ score: 1, total: 2 });
    expect((await ana.get(`/api/v1/quizzes/${quizId}`)).json().quiz).toMatchObject({ score: 1, total: 2 });
    // A late answer is refused with a code the app words in the student's language.
    const late = await ana.post(`/api/v1/quizzes/${quizId}/answers`, { question_id: 'q2', answer: '6' });
    expect(expectProblem(late, 409)).toMatchObject({
      code: 'quiz_finished',
      detail: 'This quiz is finished.',
    });

    const deckRes = await ana.post(`/api/v1/conversations/${conversation}/messages`, {
      text: 'flashcards please',
    });
    const deckPart = parseSse(deckRes.body).find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { deck_id: string };
    };
    const deck = (await ana.get(`/api/v1/flashcards/decks/${deckPart.data.deck_id}`)).json().deck;
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards.every((c: { reviewed_at: string | null }) => c.reviewed_at === null)).toBe(true);
    await ana.post(`/api/v1/flashcards/${deck.cards[1].id}/review`, { rating: 'good' });
    const again = (await other.get(`/api/v1/flashcards/decks/${deckPart.data.deck_id}`)).json().deck;
    expect(again.cards.map((c: { reviewed_at: string | null }) => c.reviewed_at !== null)).toEqual([
      false,
      true,
    ]);
    expectProblem(await (await signedIn(app, 'ben')).get(`/api/v1/flashcards/decks/${deck.id}`), 404);
  });

  it('draws each quiz for its student and attempt', async () => {
    const ids = async (client: Client) =>
      (
        (await client.post('/api/v1/quizzes', { topic_id: 'math-gcf', num_questions: 5 })).json().quiz
          .questions as { id: string }[]
      ).map((q) => q.id);
    const first = await ids(ana);
    const second = await ids(ana);
    const ben = await ids(await signedIn(app, 'ben'));
    expect(second).not.toEqual(first);
    expect(ben).not.toEqual(first);
    expect(new Set([...first, ...second, ...ben]).size).toBeGreaterThan(first.length);
  });

  it("another student cannot touch ana's quiz or cards", async () => {
    const ben = await signedIn(app, 'ben');
    const quiz = (await ana.post('/api/v1/quizzes', { topic_id: content.topics[0]?.id })).json().quiz;
    expectProblem(await ben.get(`/api/v1/quizzes/${quiz.id}`), 404);
    expectProblem(
      await ben.post(`/api/v1/quizzes/${quiz.id}/answers`, {
        question_id: quiz.questions[0].id,
        answer: 'x',
      }),
      404,
    );
    const [card] = await app.ctx.db.select().from(flashcards).where(eq(flashcards.userId, anaId));
    expectProblem(await ben.post(`/api/v1/flashcards/${card?.id}/review`, { rating: 'good' }), 404);
  });
});
