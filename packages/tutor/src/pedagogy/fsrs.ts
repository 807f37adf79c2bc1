import { type Card, createEmptyCard, fsrs, type Grade, Rating, State } from 'ts-fsrs';

export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';
export const REVIEW_RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

const STATES = ['new', 'learning', 'review', 'relearning'] as const;
export type CardPhase = (typeof STATES)[number];

/** A flashcard's FSRS memory state as plain JSON (ISO dates), safe to store in a database column. */
export interface CardState {
  due: string;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  phase: CardPhase;
  last_review: string | null;
}

/** Fuzz off: the same review history always gives the same schedule. */
const scheduler = fsrs({ enable_fuzz: false });

const GRADES: Record<ReviewRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

function toState(card: Card): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: STATES[card.state] ?? 'new',
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

function toCard(state: CardState): Card {
  const phase = STATES.indexOf(state.phase);
  const card: Card = {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduled_days,
    learning_steps: state.learning_steps,
    reps: state.reps,
    lapses: state.lapses,
    state: (phase < 0 ? State.New : phase) as State,
  };
  if (state.last_review) card.last_review = new Date(state.last_review);
  return card;
}

export function isReviewRating(value: unknown): value is ReviewRating {
  return typeof value === 'string' && (REVIEW_RATINGS as readonly string[]).includes(value);
}

/** A card never reviewed, due now. */
export function newCardState(now: Date): CardState {
  return toState(createEmptyCard(now));
}

/** Schedules the next review after the student rates a card. */
export function reviewCard(
  state: CardState,
  rating: ReviewRating,
  now: Date,
): { state: CardState; due: Date } {
  if (!isReviewRating(rating))
    throw new RangeError(`unknown rating ${String(rating)}; use again|hard|good|easy`);
  const { card } = scheduler.next(toCard(state), now, GRADES[rating]);
  return { state: toState(card), due: card.due };
}

export function isDue(state: CardState, now: Date): boolean {
  return new Date(state.due).getTime() <= now.getTime();
}
