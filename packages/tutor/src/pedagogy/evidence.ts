import type { AnswerType } from '../checker.ts';
import { type BktParams, DEFAULT_BKT } from './bkt.ts';
import type { ReviewRating } from './fsrs.ts';

/**
 * One piece of evidence about a student's knowledge of a topic. Each kind speaks with its own strength: a
 * checked answer is strong, a self-rating weak, a hint a small sign of not knowing yet.
 */
export type Evidence =
  /** A quiz answer checked by the server; the answer type and choice count set how easy it is to guess. */
  | {
      kind: 'quiz_answer';
      correct: boolean;
      answer_type?: AnswerType | undefined;
      choices?: number | undefined;
    }
  /** The student's own answer to an exercise in chat, checked against the solver's answer. */
  | { kind: 'exercise_attempt'; correct: boolean }
  /** The student climbed a rung of the hint ladder. */
  | { kind: 'hint_used' }
  /** The student's own rating of a flashcard. */
  | { kind: 'self_rating'; rating: ReviewRating };

export type EvidenceKind = Evidence['kind'];

/** P(observation | known), P(observation | not known), and the share of the topic's learning rate it gives. */
export interface Likelihood {
  known: number;
  unknown: number;
  learn: number;
}

/**
 * How likely each self-rating is for a student who knows the card's topic and for one who does not (each
 * column sums to 1). The ratio is at most 4 and usually 2: a rating is the student's word, not checked work.
 */
export const SELF_RATING: Readonly<Record<ReviewRating, { known: number; unknown: number }>> = {
  again: { known: 0.1, unknown: 0.45 },
  hard: { known: 0.25, unknown: 0.3 },
  good: { known: 0.45, unknown: 0.2 },
  easy: { known: 0.2, unknown: 0.05 },
};

/** Self-ratings never raise P(known) above this: only checked work can mark a topic mastered. */
export const SELF_RATING_CEILING = 0.7;

/** A student who knows the topic still asks for a hint now and then; one who does not, usually. */
export const HINT_USED = { known: 0.3, unknown: 0.7 } as const;

/** Guessing a choice after ruling out the clearly wrong ones: 1/k plus this. */
const ELIMINATION = 0.1;

/** The chance that a student who does not know the topic still answers right. */
function guessOf(e: Extract<Evidence, { correct: boolean }>, params: BktParams): number {
  if (e.kind === 'exercise_attempt') return params.p_guess / 2;
  if (e.answer_type === 'true_false') return Math.max(params.p_guess, 0.5 + ELIMINATION);
  if (e.answer_type === 'multiple_choice' && e.choices && e.choices > 1)
    return Math.max(params.p_guess, Math.min(0.5, 1 / e.choices + ELIMINATION));
  return params.p_guess;
}

/** The observation model of one piece of evidence for a topic with parameters `params`. */
export function likelihood(e: Evidence, params: BktParams = DEFAULT_BKT): Likelihood {
  switch (e.kind) {
    case 'quiz_answer':
    case 'exercise_attempt': {
      const guess = guessOf(e, params);
      return e.correct
        ? { known: 1 - params.p_slip, unknown: guess, learn: 1 }
        : { known: params.p_slip, unknown: 1 - guess, learn: 1 };
    }
    case 'hint_used':
      return { ...HINT_USED, learn: 0.5 };
    case 'self_rating':
      return { ...SELF_RATING[e.rating], learn: 0.5 };
  }
}

function clamp01(p: number): number {
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

/**
 * P(known) after one piece of evidence: Bayes' rule with the evidence's likelihoods, then the chance of
 * learning at this opportunity (the topic's p_transit times the evidence's share). Self-ratings stop at
 * `SELF_RATING_CEILING`.
 */
export function observe(pKnown: number, e: Evidence, params: BktParams = DEFAULT_BKT): number {
  const p = clamp01(pKnown);
  const l = likelihood(e, params);
  const known = p * l.known;
  const total = known + (1 - p) * l.unknown;
  const posterior = total === 0 ? p : known / total;
  const after = clamp01(posterior + (1 - posterior) * params.p_transit * l.learn);
  if (e.kind === 'self_rating' && after > p) return Math.max(p, Math.min(after, SELF_RATING_CEILING));
  return after;
}

/** P(known) after a sequence of evidence, starting from the topic's `p_init`. */
export function observeAll(evidence: readonly Evidence[], params: BktParams = DEFAULT_BKT): number {
  return evidence.reduce((p, e) => observe(p, e, params), params.p_init);
}
