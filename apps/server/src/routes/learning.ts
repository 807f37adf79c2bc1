import type { Topic } from '@aralin/content';
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lte, max } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/session.ts';
import { loadPractice, storedQuestions } from '../chat.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import {
  flashcardDecks,
  flashcardReviews,
  flashcards,
  mastery,
  messages,
  quizAnswers,
  quizzes,
  type StoredQuestion,
  toolResults,
} from '../db/schema.ts';
import {
  activeMinutes,
  type CardState,
  checkAnswer,
  masteryLabel,
  masteryLevel,
  RATINGS,
  recommendNext,
  reviewCard,
} from '../learning.ts';
import { labelsFor, recordEvidence } from '../mastery.ts';
import { assertOwner } from '../policy.ts';
import { conflict, notFound } from '../problem.ts';
import { IdParams, requireActor, typed } from './util.ts';

type AnswerRow = typeof quizAnswers.$inferSelect;

/**
 * A quiz as its student may see it: the questions without their answers, and each answer already given with
 * its verdict, expected answer and explanation (as the answer route returned them), so that a reload or
 * another device shows the quiz where the student left it.
 */
function publicQuiz(q: typeof quizzes.$inferSelect, answers: AnswerRow[] = []) {
  const byId = new Map(q.questions.map((x) => [x.id, x]));
  return {
    id: q.id,
    topic_id: q.topicId,
    difficulty: q.difficulty,
    questions: q.questions.map((x) => ({
      id: x.id,
      type: x.type,
      question: x.question,
      ...(x.choices.length ? { choices: x.choices } : {}),
    })),
    answers: answers.flatMap((a) => {
      const question = byId.get(a.questionId);
      return question
        ? [
            {
              question_id: a.questionId,
              answer: a.answer,
              correct: a.correct,
              expected: question.answer,
              explanation: question.explanation,
            },
          ]
        : [];
    }),
    score: q.score,
    total: q.questions.length,
    finished_at: q.finishedAt?.toISOString() ?? null,
    created_at: q.createdAt.toISOString(),
  };
}

/** Questions from the curriculum pack, when the quiz tool cannot make them. */
function packQuestions(topic: Topic, n: number, difficulty: string | undefined): StoredQuestion[] {
  const items = [...topic.quiz].sort(
    (a, b) => Number(b.difficulty === difficulty) - Number(a.difficulty === difficulty),
  );
  return items.slice(0, n).map((q) => ({
    id: q.id,
    type: q.type,
    question: q.question,
    choices: q.choices?.map((c) => c.text) ?? (q.type === 'true_false' ? ['True', 'False'] : []),
    answer: q.answer,
    accepted: q.accepted,
    ...(q.tolerance !== undefined ? { tolerance: q.tolerance } : {}),
    explanation: q.explanation,
  }));
}

async function makeQuestions(
  ctx: AppContext,
  actor: Actor,
  topic: Topic,
  n: number,
  difficulty: 'easy' | 'medium' | 'hard' | undefined,
): Promise<StoredQuestion[]> {
  const tool = ctx.tutor.registry.get('quiz_generator');
  if (tool) {
    try {
      const input = tool.input.parse({
        topic: topic.title.en,
        subject: topic.subject,
        num_questions: n,
        ...(difficulty ? { difficulty } : {}),
      });
      const output = tool.output.parse(
        await tool.run(input, {
          locale: actor.user.locale,
          user: { user_id: actor.id, name: actor.user.displayName },
          history: [],
          content: ctx.content,
          now: ctx.clock,
          practice: await loadPractice(ctx.db, actor.id, ctx.clock()),
        }),
      ) as Record<string, unknown>;
      const questions = storedQuestions(output);
      if (questions.length > 0) return questions;
    } catch {
      // fall through to the pack's own items
    }
  }
  return packQuestions(topic, n, difficulty);
}

async function streakAndTime(ctx: AppContext, userId: string) {
  const since = new Date(ctx.clock().getTime() - 60 * 86_400_000);
  const [msgs, answers, reviews] = await Promise.all([
    ctx.db
      .select({ at: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.userId, userId), eq(messages.role, 'user'), gte(messages.createdAt, since))),
    ctx.db
      .select({ at: quizAnswers.createdAt })
      .from(quizAnswers)
      .where(and(eq(quizAnswers.userId, userId), gte(quizAnswers.createdAt, since))),
    ctx.db
      .select({ at: flashcardReviews.createdAt })
      .from(flashcardReviews)
      .where(and(eq(flashcardReviews.userId, userId), gte(flashcardReviews.createdAt, since))),
  ]);
  const times = [...msgs, ...answers, ...reviews].map((r) => r.at.getTime()).sort((a, b) => a - b);
  // Streak: consecutive days (Asia/Manila) with activity, ending today or yesterday.
  const day = (t: number) => Math.floor((t + 8 * 3_600_000) / 86_400_000);
  const days = new Set(times.map(day));
  let cursor = day(ctx.clock().getTime());
  if (!days.has(cursor)) cursor--;
  let streak = 0;
  while (days.has(cursor)) {
    streak++;
    cursor--;
  }
  return { streak_days: streak, time_on_task_minutes: activeMinutes(times) };
}

/** The topics a student's tool results were about (what they asked the tutor), newest first. */
async function exploredTopics(ctx: AppContext, userId: string): Promise<string[]> {
  const last = max(toolResults.createdAt);
  const rows = await ctx.db
    .select({ topicId: toolResults.topicId, last })
    .from(toolResults)
    .where(and(eq(toolResults.userId, userId), isNotNull(toolResults.topicId)))
    .groupBy(toolResults.topicId)
    .orderBy(desc(last))
    .limit(10);
  return rows.flatMap((r) => (r.topicId ? [r.topicId] : []));
}

export async function recommend(ctx: AppContext, actor: Actor, rows: { topicId: string; pKnown: number }[]) {
  const grade = Number(actor.user.gradeLevel ?? Number.NaN);
  return recommendNext(
    Object.fromEntries(rows.map((r) => [r.topicId, r.pKnown])),
    ctx.content,
    Number.isFinite(grade) ? grade : undefined,
    actor.user.locale,
    await exploredTopics(ctx, actor.id),
  );
}

export function learningRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['learning'];

    const ownQuiz = async (actor: Actor, id: string) => {
      const [quiz] = await ctx.db.select().from(quizzes).where(eq(quizzes.id, id)).limit(1);
      assertOwner(actor, quiz?.userId, 'quiz');
      return quiz as typeof quizzes.$inferSelect;
    };

    app.post(
      '/quizzes',
      {
        schema: {
          tags,
          body: z.object({
            topic_id: z.string().min(1).max(200),
            num_questions: z.number().int().min(1).max(20).default(5),
            difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
          }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const topic = ctx.content.get(request.body.topic_id);
        if (!topic) throw notFound('topic');
        const questions = await makeQuestions(
          ctx,
          actor,
          topic,
          request.body.num_questions,
          request.body.difficulty,
        );
        const [quiz] = await ctx.db
          .insert(quizzes)
          .values({
            userId: actor.id,
            topicId: topic.id,
            difficulty: request.body.difficulty ?? 'medium',
            questions,
          })
          .returning();
        return reply.code(201).send({ quiz: publicQuiz(quiz as typeof quizzes.$inferSelect) });
      },
    );

    app.get('/quizzes/:id', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const quiz = await ownQuiz(actor, request.params.id);
      const answers = await ctx.db
        .select()
        .from(quizAnswers)
        .where(eq(quizAnswers.quizId, quiz.id))
        .orderBy(asc(quizAnswers.createdAt));
      return { quiz: publicQuiz(quiz, answers) };
    });

    app.post(
      '/quizzes/:id/answers',
      {
        schema: {
          tags,
          params: IdParams,
          body: z.object({ question_id: z.string().min(1).max(200), answer: z.string().max(1000) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const quiz = await ownQuiz(actor, request.params.id);
        const question = quiz.questions.find((q) => q.id === request.body.question_id);
        if (!question) throw notFound('question');
        if (quiz.finishedAt) throw conflict('quiz_finished', 'This quiz is finished.');
        const verdict = checkAnswer(question, request.body.answer);
        const topic = quiz.topicId ? ctx.content.get(quiz.topicId) : undefined;
        const masteryOut = await ctx.db.transaction(async (tx) => {
          const inserted = await tx
            .insert(quizAnswers)
            .values({
              quizId: quiz.id,
              userId: actor.id,
              questionId: question.id,
              answer: request.body.answer,
              correct: verdict.correct,
              createdAt: ctx.clock(),
            })
            .onConflictDoNothing()
            .returning({ id: quizAnswers.id });
          if (inserted.length === 0)
            throw conflict('question_answered', 'This question was already answered.');
          return quiz.topicId
            ? recordEvidence(ctx, tx as unknown as Db, actor, quiz.topicId, {
                kind: 'quiz_answer',
                correct: verdict.correct,
                answer_type: question.type,
                choices: question.choices.length,
              })
            : null;
        });
        ctx.metrics.quizAnswers.inc({ ...labelsFor(topic, actor), correct: String(verdict.correct) });
        return {
          correct: verdict.correct,
          expected: question.answer,
          explanation: question.explanation,
          mastery: masteryOut,
        };
      },
    );

    /** Finishing is idempotent: a finished quiz keeps the score it was finished with. */
    app.post('/quizzes/:id/finish', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const quiz = await ownQuiz(actor, request.params.id);
      const total = quiz.questions.length;
      if (quiz.finishedAt && quiz.score !== null) return { score: quiz.score, total };
      const [row] = await ctx.db
        .select({ n: count() })
        .from(quizAnswers)
        .where(and(eq(quizAnswers.quizId, quiz.id), eq(quizAnswers.correct, true)));
      const score = row?.n ?? 0;
      // Only the first finish writes: a concurrent one finds finished_at set and reads the stored score.
      const [finished] = await ctx.db
        .update(quizzes)
        .set({ score, finishedAt: ctx.clock() })
        .where(and(eq(quizzes.id, quiz.id), isNull(quizzes.finishedAt)))
        .returning({ score: quizzes.score });
      if (finished) return { score: finished.score ?? score, total };
      const [stored] = await ctx.db
        .select({ score: quizzes.score })
        .from(quizzes)
        .where(eq(quizzes.id, quiz.id));
      return { score: stored?.score ?? score, total };
    });

    app.get('/flashcards/decks/:id', { schema: { tags, params: IdParams } }, async (request) => {
      const actor = requireActor(request);
      const [deck] = await ctx.db
        .select()
        .from(flashcardDecks)
        .where(eq(flashcardDecks.id, request.params.id));
      assertOwner(actor, deck?.userId, 'deck');
      const d = deck as typeof flashcardDecks.$inferSelect;
      const cards = await ctx.db
        .select()
        .from(flashcards)
        .where(eq(flashcards.deckId, d.id))
        .orderBy(asc(flashcards.createdAt), asc(flashcards.id));
      return {
        deck: {
          id: d.id,
          title: d.title,
          topic_id: d.topicId,
          cards: cards.map((c) => ({
            id: c.id,
            question: c.question,
            answer: c.answer,
            example: c.example,
            due: c.due.toISOString(),
            reviewed_at: c.lastReview?.toISOString() ?? null,
          })),
        },
      };
    });

    app.get(
      '/flashcards/due',
      {
        schema: {
          tags,
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const rows = await ctx.db
          .select()
          .from(flashcards)
          .where(and(eq(flashcards.userId, actor.id), lte(flashcards.due, ctx.clock())))
          .orderBy(asc(flashcards.due))
          .limit(request.query.limit);
        return {
          cards: rows.map((c) => ({
            id: c.id,
            deck_id: c.deckId,
            topic_id: c.topicId,
            question: c.question,
            answer: c.answer,
            example: c.example,
            due: c.due.toISOString(),
          })),
        };
      },
    );

    app.post(
      '/flashcards/:id/review',
      {
        schema: {
          tags,
          params: IdParams,
          body: z.object({ rating: z.enum(RATINGS) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const now = ctx.clock();
        const rating = request.body.rating;
        const result = await ctx.db.transaction(async (tx) => {
          const [card] = await tx
            .select()
            .from(flashcards)
            .where(eq(flashcards.id, request.params.id))
            .for('update');
          assertOwner(actor, card?.userId, 'flashcard');
          const c = card as typeof flashcards.$inferSelect;
          const next = reviewCard({ ...c, state: c.state as CardState['state'] }, rating, now);
          await tx.update(flashcards).set(next).where(eq(flashcards.id, c.id));
          await tx
            .insert(flashcardReviews)
            .values({ cardId: c.id, userId: actor.id, rating, createdAt: now });
          const m = c.topicId
            ? await recordEvidence(ctx, tx as unknown as Db, actor, c.topicId, {
                kind: 'self_rating',
                rating,
              })
            : null;
          return { card: c, next, mastery: m };
        });
        const topic = result.card.topicId ? ctx.content.get(result.card.topicId) : undefined;
        ctx.metrics.flashcardReviews.inc({ ...labelsFor(topic, actor), rating });
        return {
          card: {
            id: result.card.id,
            due: result.next.due.toISOString(),
            stability: result.next.stability,
            difficulty: result.next.difficulty,
            state: result.next.state,
          },
          mastery: result.mastery,
        };
      },
    );

    app.get('/progress', { schema: { tags } }, async (request) => {
      const actor = requireActor(request);
      const rows = await ctx.db
        .select()
        .from(mastery)
        .where(eq(mastery.userId, actor.id))
        .orderBy(desc(mastery.updatedAt));
      const list = rows.map((r) => {
        const topic = ctx.content.get(r.topicId);
        return {
          topic_id: r.topicId,
          title: topic?.title[actor.user.locale] ?? r.topicId,
          subject: topic?.subject ?? 'unknown',
          p_known: r.pKnown,
          level: masteryLevel(r.pKnown),
          label: masteryLabel(r.pKnown, actor.user.locale),
        };
      });
      const subjects = new Map<string, number[]>();
      for (const m of list) subjects.set(m.subject, [...(subjects.get(m.subject) ?? []), m.p_known]);
      const [due] = await ctx.db
        .select({ n: count() })
        .from(flashcards)
        .where(and(eq(flashcards.userId, actor.id), lte(flashcards.due, ctx.clock())));
      return {
        mastery: list,
        by_subject: [...subjects].map(([subject, values]) => ({
          subject,
          average: values.reduce((a, b) => a + b, 0) / values.length,
        })),
        ...(await streakAndTime(ctx, actor.id)),
        due_flashcards: due?.n ?? 0,
        recommended: await recommend(ctx, actor, rows),
      };
    });
  };
}
