import type { Topic } from '@aralin/content';
import type { Evidence } from '@aralin/tutor';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from './auth/session.ts';
import type { AppContext } from './context.ts';
import type { Db } from './db/client.ts';
import { mastery } from './db/schema.ts';
import { bktParams, bktUpdate, masteryLabel, masteryLevel, transition } from './learning.ts';

export function labelsFor(topic: Topic | undefined, actor: Actor) {
  return { subject: topic?.subject ?? 'unknown', grade: actor.user.gradeLevel ?? 'unknown' };
}

/**
 * Applies one piece of evidence (a checked quiz answer or exercise attempt, a hint used, a flashcard rating)
 * to a student's mastery of a topic. The only writer of the mastery table, which the progress page and the
 * teacher's heat-map both read.
 */
export async function recordEvidence(
  ctx: AppContext,
  tx: Db,
  actor: Actor,
  topicId: string,
  evidence: Evidence,
): Promise<{ topic_id: string; p_known: number; level: number; label: string }> {
  const topic = ctx.content.get(topicId);
  const [row] = await tx
    .select()
    .from(mastery)
    .where(and(eq(mastery.userId, actor.id), eq(mastery.topicId, topicId)))
    .for('update');
  const before = row?.pKnown ?? bktParams(topic).p_init;
  const after = bktUpdate(before, evidence, topic);
  const correct = 'correct' in evidence ? evidence.correct : false;
  // Checked answers are attempts; a hint or a self-rating changes P(known) but is no attempt.
  const attempt = evidence.kind === 'quiz_answer' || evidence.kind === 'exercise_attempt' ? 1 : 0;
  const now = ctx.clock();
  await tx
    .insert(mastery)
    .values({
      userId: actor.id,
      topicId,
      pKnown: after,
      attempts: attempt,
      correct: correct ? 1 : 0,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [mastery.userId, mastery.topicId],
      set: {
        pKnown: after,
        attempts: sql`${mastery.attempts} + ${attempt}`,
        correct: sql`${mastery.correct} + ${correct ? 1 : 0}`,
        updatedAt: now,
      },
    });
  const direction = transition(before, after);
  if (direction) ctx.metrics.masteryTransitions.inc({ ...labelsFor(topic, actor), direction });
  return {
    topic_id: topicId,
    p_known: after,
    level: masteryLevel(after),
    label: masteryLabel(after, actor.user.locale),
  };
}
