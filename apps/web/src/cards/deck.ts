/** A flashcard as the session shows it; `id` is the stored card's, null until the server has given it. */
export interface SessionCard {
  id: string | null;
  title?: string;
  question: string;
  answer: string;
  example?: string | null;
}

/** A stored card as GET /flashcards/decks/:id returns it. */
export interface StoredCard {
  id: string;
  question: string;
  answer: string;
  example: string;
  reviewed_at: string | null;
}

/**
 * The deck as the server has it, in the order the chat showed it: each shown card takes the stored card with
 * its question (else the one at its position), and the positions of the cards already reviewed — here, after
 * a reload, or on another device — come with them.
 */
export function mergeDeck(
  shown: readonly SessionCard[],
  stored: readonly StoredCard[],
): { cards: SessionCard[]; reviewed: Set<number> } {
  const unused = new Set(stored);
  const take = (c: SessionCard, i: number) => {
    const match = stored.find((s) => unused.has(s) && s.question === c.question) ?? stored[i];
    if (match && unused.has(match)) unused.delete(match);
    else return undefined;
    return match;
  };
  const reviewed = new Set<number>();
  const cards = shown.map((c, i) => {
    const match = take(c, i);
    if (!match) return c;
    if (match.reviewed_at) reviewed.add(i);
    return { ...c, id: match.id };
  });
  return { cards, reviewed };
}
