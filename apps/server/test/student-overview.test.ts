import { loadContentLibrary } from '@aralin/content';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/db/schema.ts';
import { answerTrend } from '../src/studentOverview.ts';
import { type Client, expectProblem, makeApp, parseSse, scriptedTutor, signedIn } from './helpers.ts';

const content = loadContentLibrary();

describe("a teacher's page for one student", () => {
  let app: FastifyInstance;
  let ana: Client;
  let anaId: string;
  beforeAll(async () => {
    app = await makeApp({ tutor: scriptedTutor(content) });
    ana = await signedIn(app, 'ana');
    anaId = (await ana.get('/api/v1/me')).json().user.id;
    const conversation = (await ana.post('/api/v1/conversations', {})).json().conversation.id;
    const res = await ana.post(`/api/v1/conversations/${conversation}/messages`, { text: 'quiz me' });
    const part = parseSse(res.body).find((p) => p !== '[DONE]' && p.type === 'data-tool-result') as {
      data: { quiz_id: string };
    };
    await ana.post(`/api/v1/quizzes/${part.data.quiz_id}/answers`, { question_id: 'q1', answer: 'oxygen' });
  });
  afterAll(() => app.close());

  it('shows the name, mastery per topic, the recent answers with their keys, and records the read', async () => {
    const guro = await signedIn(app, 'guro');
    const res = await guro.get(`/api/v1/students/${anaId}/overview`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.student).toMatchObject({ id: anaId, display_name: 'Ana Reyes', username: 'ana' });
    expect(body.mastery[0]).toMatchObject({ topic_id: 'sci-photosynthesis', attempts: 1, trend: null });
    expect(body.mastery[0].level).toBeGreaterThanOrEqual(1);
    expect(body.recent_answers[0]).toMatchObject({
      answer: 'oxygen',
      expected: 'Carbon dioxide',
      correct: false,
    });
    expect(body.recent_answers[0].question).not.toBe('');
    const reads = await app.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'student.overview.read'), eq(auditLog.target, anaId)));
    expect(reads).toHaveLength(1);
  });

  it('is not for students, not even their own', async () => {
    expectProblem(await ana.get(`/api/v1/students/${anaId}/overview`), 403);
  });
});

describe('answerTrend', () => {
  it.each([
    [[true, true, true, true, false, false, false, true], 'up'],
    [[false, false, true, false, true, true, true, true], 'down'],
    [[true, false, true, false, false, true, false, true], 'steady'],
    [[true, true, true], null],
  ] as const)('%j → %s', (answers, trend) => {
    expect(answerTrend([...answers])).toBe(trend);
  });
});
