/**
 * The learning rules the server applies, all from the domain package: server-side answer checking,
 * moderation, Bayesian Knowledge Tracing, FSRS scheduling and recommendations. This module only adapts
 * them to the server's rows.
 */
import type { ContentLibrary, Topic } from '@aralin/content';
import {
  bktParams,
  type EmotionalCue,
  type Evidence,
  inferEmotionalState,
  MASTERED,
  masteryLevel,
  masterySummaryFrom,
  observe,
  type ReviewRating,
  type CardState as TutorCardState,
  checkAnswer as tutorCheckAnswer,
  masteryLabel as tutorMasteryLabel,
  newCardState as tutorNewCardState,
  recommendNext as tutorRecommendNext,
  reviewCard as tutorReviewCard,
} from '@aralin/tutor';
import type { StoredQuestion } from './db/schema.ts';

// Used by the server as the tutor package defines them.
export { activeMinutes, bktParams, MASTERED, masteryLevel, moderate } from '@aralin/tutor';

export function checkAnswer(question: StoredQuestion, given: string) {
  return tutorCheckAnswer(given, question.answer, {
    type: question.type,
    accepted: question.accepted,
    ...(question.tolerance !== undefined ? { tolerance: question.tolerance } : {}),
  });
}

// ---------------------------------------------------------------- knowledge tracing

/** P(known) after one piece of evidence, with the topic's parameters and the evidence's weight. */
export function bktUpdate(pKnown: number, evidence: Evidence, topic: Topic | undefined): number {
  return observe(pKnown, evidence, bktParams(topic));
}

export function masteryLabel(pKnown: number, locale: 'en' | 'fil'): string {
  return tutorMasteryLabel(masteryLevel(pKnown), locale);
}

export function transition(before: number, after: number): 'up' | 'down' | 'mastered' | null {
  if (before < MASTERED && after >= MASTERED) return 'mastered';
  const a = masteryLevel(before);
  const b = masteryLevel(after);
  if (a === b) return null;
  return b > a ? 'up' : 'down';
}

export function masterySummary(
  pKnowns: Record<string, number>,
  titles: Record<string, string>,
  locale: 'en' | 'fil',
): string | undefined {
  if (Object.keys(pKnowns).length === 0) return undefined;
  return masterySummaryFrom(pKnowns, { titles, locale });
}

/** The student's mood from their recent messages (most recent cue), or undefined when none shows. */
export function emotionalState(recentStudentMessages: string[]): EmotionalCue | undefined {
  return inferEmotionalState(recentStudentMessages).cues[0];
}

export function recommendNext(
  mastery: Record<string, number>,
  content: ContentLibrary,
  grade: number | undefined,
  locale: 'en' | 'fil',
  explored: readonly string[] = [],
): { topic_id: string; title: string; reason: string; kind: string }[] {
  return tutorRecommendNext(mastery, content, { grade, limit: 5, explored }).map((r) => ({
    topic_id: r.topic_id,
    title: r.title[locale],
    reason: r.reason[locale],
    kind: r.kind,
  }));
}

// ---------------------------------------------------------------- spaced repetition (FSRS)

/** A flashcard's FSRS state as stored in the `flashcards` row. */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: 'new' | 'learning' | 'review' | 'relearning';
  lastReview: Date | null;
}

function fromTutor(s: TutorCardState): CardState {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    scheduledDays: s.scheduled_days,
    learningSteps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.phase,
    lastReview: s.last_review ? new Date(s.last_review) : null,
  };
}

function toTutor(s: CardState): TutorCardState {
  return {
    due: s.due.toISOString(),
    stability: s.stability,
    difficulty: s.difficulty,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    phase: s.state,
    last_review: s.lastReview?.toISOString() ?? null,
  };
}

export function newCardState(now: Date): CardState {
  return fromTutor(tutorNewCardState(now));
}

/** The tutor's review ratings as a tuple, for the request schema. */
export const RATINGS = ['again', 'hard', 'good', 'easy'] as const satisfies readonly ReviewRating[];

export function reviewCard(state: CardState, rating: ReviewRating, now: Date): CardState {
  return fromTutor(tutorReviewCard(toTutor(state), rating, now).state);
}
