import { createHash } from 'node:crypto';

/**
 * What a student has practised, for the tools that draw items (quizzes, flashcards): draws are seeded per
 * student and attempt, so two students or two attempts get different items, and the same attempt the same.
 */
export interface Practice {
  /** The student and their attempt, e.g. "<user id>:<quizzes and decks made so far>". */
  seed: string;
  /** Ids of items (quiz questions) the student has answered right: drawn much less often. */
  right?: ReadonlySet<string> | undefined;
  /** Fronts of the student's flashcards due for review (FSRS): drawn first. */
  due?: ReadonlySet<string> | undefined;
}

/** How much less often an item answered right is drawn, and how much more often a due card. */
export const RIGHT_WEIGHT = 0.15;
export const DUE_WEIGHT = 8;

/** A uniform number in (0, 1) from the seed and an item id: the same pair always gives the same number. */
function uniform(seed: string, id: string): number {
  const bytes = createHash('sha256').update(`${seed}\u0000${id}`).digest();
  return (bytes.readUIntBE(0, 6) + 1) / (2 ** 48 + 2);
}

/**
 * How much an item at the requested difficulty, a neighbouring one and the far one weighs in a draw, and an
 * item built from the topic's key terms, misconceptions or worked examples rather than written for the pack.
 */
export const DIFFICULTY_WEIGHT = [1, 0.3, 0.08] as const;
export const BUILT_WEIGHT = 0.5;

/**
 * The items in a seeded, weighted random order (Efraimidis–Spirakis: each item's key is u^(1/weight), largest
 * first): an item's own weight (its difficulty's distance), times less for items answered right, more for due
 * cards.
 */
export function draw<T>(
  items: readonly T[],
  keys: (item: T) => { id: string; front?: string; weight?: number },
  practice: Practice,
): T[] {
  const weighted = items.map((item) => {
    const { id, front, weight: base = 1 } = keys(item);
    const weight =
      base *
      (practice.right?.has(id) ? RIGHT_WEIGHT : 1) *
      (front && practice.due?.has(front) ? DUE_WEIGHT : 1);
    return { item, key: uniform(practice.seed, id) ** (1 / weight) };
  });
  return weighted.sort((a, b) => b.key - a.key).map((w) => w.item);
}
