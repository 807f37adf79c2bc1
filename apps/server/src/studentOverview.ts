import { desc, eq } from 'drizzle-orm';
import type { AppContext } from './context.ts';
import { mastery, quizAnswers, quizzes, safetyFlags, type users } from './db/schema.ts';
import { masteryLevel } from './learning.ts';

/** How many recent answers a topic's trend compares: the newest window against the one before it. */
const TREND_WINDOW = 4;
const RECENT_ANSWERS = 20;

export type Trend = 'up' | 'down' | 'steady';

/**
 * Which way a topic is going, from the student's checked answers on it (newest first): the share right in the
 * newest `TREND_WINDOW` answers against the window before. Null until both windows are full.
 */
export function answerTrend(correctNewestFirst: boolean[]): Trend | null {
  if (correctNewestFirst.length < 2 * TREND_WINDOW) return null;
  const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
  const recent = share(correctNewestFirst.slice(0, TREND_WINDOW));
  const before = share(correctNewestFirst.slice(TREND_WINDOW, 2 * TREND_WINDOW));
  if (recent - before >= 0.25) return 'up';
  if (before - recent >= 0.25) return 'down';
  return 'steady';
}

/**
 * What a teacher sees of one student: who they are, mastery per topic with its trend, their recent quiz answers
 * (question, their answer, the key) and their safety flags. Titles are in the teacher's language.
 */
export async function studentOverview(
  ctx: AppContext,
  student: typeof users.$inferSelect,
  locale: 'en' | 'fil',
) {
  const [masteryRows, answerRows, flagRows] = await Promise.all([
    ctx.db.select().from(mastery).where(eq(mastery.userId, student.id)).orderBy(desc(mastery.updatedAt)),
    ctx.db
      .select({
        answer: quizAnswers.answer,
        correct: quizAnswers.correct,
        questionId: quizAnswers.questionId,
        at: quizAnswers.createdAt,
        topicId: quizzes.topicId,
        questions: quizzes.questions,
      })
      .from(quizAnswers)
      .innerJoin(quizzes, eq(quizzes.id, quizAnswers.quizId))
      .where(eq(quizAnswers.userId, student.id))
      .orderBy(desc(quizAnswers.createdAt))
      .limit(500),
    ctx.db
      .select()
      .from(safetyFlags)
      .where(eq(safetyFlags.studentId, student.id))
      .orderBy(desc(safetyFlags.createdAt))
      .limit(20),
  ]);
  const title = (id: string | null) => (id ? (ctx.content.get(id)?.title[locale] ?? id) : null);
  const byTopic = new Map<string, boolean[]>();
  for (const a of answerRows)
    if (a.topicId) byTopic.set(a.topicId, [...(byTopic.get(a.topicId) ?? []), a.correct]);
  return {
    student: {
      id: student.id,
      display_name: student.displayName,
      username: student.username,
      grade_level: student.gradeLevel,
      last_active_at: student.lastActiveAt?.toISOString() ?? null,
    },
    mastery: masteryRows.map((m) => ({
      topic_id: m.topicId,
      title: title(m.topicId) ?? m.topicId,
      p_known: m.pKnown,
      level: masteryLevel(m.pKnown),
      attempts: m.attempts,
      correct: m.correct,
      trend: answerTrend(byTopic.get(m.topicId) ?? []),
      updated_at: m.updatedAt.toISOString(),
    })),
    recent_answers: answerRows.slice(0, RECENT_ANSWERS).map((a) => {
      const q = a.questions.find((x) => x.id === a.questionId);
      return {
        topic: title(a.topicId),
        type: q?.type ?? null,
        question: q?.question ?? '',
        answer: a.answer,
        expected: q?.answer ?? null,
        correct: a.correct,
        at: a.at.toISOString(),
      };
    }),
    flags: flagRows.map((f) => ({
      id: f.id,
      category: f.category,
      severity: f.severity,
      excerpt: f.excerpt,
      status: f.status,
      conversation_id: f.conversationId,
      created_at: f.createdAt.toISOString(),
    })),
  };
}
