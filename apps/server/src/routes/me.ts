import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { verifyPassword } from '../auth/crypto.ts';
import { publicUser } from '../auth/session.ts';
import { publicMessage } from '../chat.ts';
import type { AppContext } from '../context.ts';
import {
  auditLog,
  conversations,
  enrolments,
  flashcardDecks,
  flashcardReviews,
  flashcards,
  mastery,
  messages,
  quizAnswers,
  quizzes,
  safetyFlags,
  toolResults,
  users,
} from '../db/schema.ts';
import { HttpProblem } from '../problem.ts';
import { DisplayName, GradeLevel, LocaleSchema } from './auth.ts';
import { requireActor, typed } from './util.ts';

export const LearningStyle = z.enum(['visual', 'auditory', 'reading_writing', 'kinesthetic']);

export function meRoutes(ctx: AppContext) {
  return async (base: FastifyInstance) => {
    const app = typed(base);
    const tags = ['me'];

    app.get('/me', { schema: { tags } }, async (request) => ({
      user: publicUser(requireActor(request).user),
    }));

    app.patch(
      '/me',
      {
        schema: {
          tags,
          body: z
            .object({
              display_name: DisplayName.optional(),
              locale: LocaleSchema.optional(),
              grade_level: GradeLevel.nullable().optional(),
              learning_style: LearningStyle.nullable().optional(),
            })
            .strict(),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const b = request.body;
        const patch = {
          ...(b.display_name !== undefined ? { displayName: b.display_name } : {}),
          ...(b.locale !== undefined ? { locale: b.locale } : {}),
          ...(b.grade_level !== undefined ? { gradeLevel: b.grade_level } : {}),
          ...(b.learning_style !== undefined ? { learningStyle: b.learning_style } : {}),
        };
        if (Object.keys(patch).length === 0) return { user: publicUser(actor.user) };
        const [user] = await ctx.db.update(users).set(patch).where(eq(users.id, actor.id)).returning();
        return { user: publicUser(user ?? actor.user) };
      },
    );

    app.get('/me/export', { schema: { tags } }, async (request, reply) => {
      const actor = requireActor(request);
      const id = actor.id;
      const [convs, msgs, results, qs, answers, decks, cards, reviews, masteryRows, flags, classesRows] =
        await Promise.all([
          ctx.db.select().from(conversations).where(eq(conversations.userId, id)),
          ctx.db.select().from(messages).where(eq(messages.userId, id)).orderBy(messages.createdAt),
          ctx.db.select().from(toolResults).where(eq(toolResults.userId, id)),
          ctx.db.select().from(quizzes).where(eq(quizzes.userId, id)),
          ctx.db.select().from(quizAnswers).where(eq(quizAnswers.userId, id)),
          ctx.db.select().from(flashcardDecks).where(eq(flashcardDecks.userId, id)),
          ctx.db.select().from(flashcards).where(eq(flashcards.userId, id)),
          ctx.db.select().from(flashcardReviews).where(eq(flashcardReviews.userId, id)),
          ctx.db.select().from(mastery).where(eq(mastery.userId, id)),
          ctx.db.select().from(safetyFlags).where(eq(safetyFlags.studentId, id)),
          ctx.db.select().from(enrolments).where(eq(enrolments.studentId, id)),
        ]);
      const resultBy = new Map(results.map((r) => [r.messageId, r.result]));
      const answered = new Set(answers.map((a) => a.quizId));
      reply.header('content-disposition', `attachment; filename="aralin-export-${actor.user.username}.json"`);
      return {
        exported_at: ctx.clock().toISOString(),
        user: publicUser(actor.user),
        enrolments: classesRows.map((e) => ({ class_id: e.classId, joined_at: e.createdAt })),
        conversations: convs.map((c) => ({
          id: c.id,
          title: c.title,
          created_at: c.createdAt,
          messages: msgs
            .filter((m) => m.conversationId === c.id)
            .map((m) => publicMessage(ctx.tutor.registry, m, resultBy.get(m.id) ?? null)),
        })),
        quizzes: qs.map((q) => ({
          id: q.id,
          topic_id: q.topicId,
          score: q.score,
          created_at: q.createdAt,
          finished_at: q.finishedAt,
          // A quiz's answers are the student's own once they have answered or finished it.
          questions:
            q.finishedAt || answered.has(q.id)
              ? q.questions
              : q.questions.map(({ id: qid, question }) => ({ id: qid, question })),
          answers: answers
            .filter((a) => a.quizId === q.id)
            .map((a) => ({
              question_id: a.questionId,
              answer: a.answer,
              correct: a.correct,
              at: a.createdAt,
            })),
        })),
        flashcard_decks: decks.map((d) => ({
          id: d.id,
          title: d.title,
          topic_id: d.topicId,
          cards: cards.filter((c) => c.deckId === d.id),
        })),
        flashcard_reviews: reviews,
        mastery: masteryRows,
        safety_flags: flags.map((f) => ({ id: f.id, category: f.category, created_at: f.createdAt })),
      };
    });

    app.delete(
      '/me',
      { schema: { tags, body: z.object({ password: z.string().max(200) }) } },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!(await verifyPassword(actor.user.passwordHash, request.body.password)))
          throw new HttpProblem(403, 'wrong-password', 'wrong_password', 'The password is wrong.');
        await ctx.db.transaction(async (tx) => {
          if (actor.role === 'admin') {
            // Locks every admin row of the school, in one order, so that two admins deleting themselves at once
            // are serialised (the second then sees the first gone) instead of both passing or deadlocking.
            const admins = await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.schoolId, actor.schoolId), eq(users.role, 'admin')))
              .orderBy(users.id)
              .for('update');
            if (!admins.some((a) => a.id !== actor.id))
              throw new HttpProblem(
                409,
                'last-admin',
                'last_admin',
                "This is the school's only admin account: without it nobody could manage the school. Another admin must exist before it can be deleted.",
              );
          }
          await tx.insert(auditLog).values({
            schoolId: actor.schoolId,
            actorId: null,
            action: 'user.delete_self',
            target: actor.id,
            details: { role: actor.role },
          });
          // Every row of the user's data cascades from the user row.
          await tx.delete(users).where(eq(users.id, actor.id));
        });
        ctx.sessions.clear(reply);
        return reply.code(204).send();
      },
    );
  };
}
