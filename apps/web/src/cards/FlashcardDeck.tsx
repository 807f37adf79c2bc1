import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../components/Field.tsx';
import { errorMessage, get, post } from '../lib/api.ts';
import type { DueCard, Mastery, ToolResultData } from '../lib/types.ts';
import { mergeDeck, type SessionCard, type StoredCard } from './deck.ts';
import { asObjects, asString, percent } from './util.ts';

export type { SessionCard } from './deck.ts';

export type Rating = 'again' | 'hard' | 'good' | 'easy';
export const RATINGS: Rating[] = ['again', 'hard', 'good', 'easy'];

interface ReviewResult {
  card: { id: string; due: string };
  mastery?: Mastery | null;
}

/**
 * Cards of a deck created in chat. The server is the truth: the stored deck gives the cards' ids and which
 * were already reviewed (after a reload or on another device).
 */
export function FlashcardDeck({ data }: { data: ToolResultData }) {
  const raw = asObjects(data.result.flashcards);
  const [deck, setDeck] = useState<{ cards: SessionCard[]; reviewed: ReadonlySet<number> }>(() => ({
    cards: raw.map((c, i) => ({
      // `c.id` is the curriculum pack's card id, not the stored card: only `card_ids` or the deck give those.
      id: data.card_ids?.[i] ?? null,
      title: asString(c.title),
      question: asString(c.question),
      answer: asString(c.answer),
      example: asString(c.example),
    })),
    reviewed: new Set(),
  }));
  useEffect(() => {
    if (!data.deck_id) return;
    let cancelled = false;
    get<{ deck: { cards: StoredCard[] } }>(`/flashcards/decks/${data.deck_id}`)
      .then((r) => {
        if (!cancelled) setDeck((d) => mergeDeck(d.cards, r.deck.cards));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [data.deck_id]);
  return <FlashcardSession cards={deck.cards} reviewed={deck.reviewed} />;
}

const NONE_REVIEWED: ReadonlySet<number> = new Set();

/** Flip-and-rate review of a list of cards (spaced repetition via POST /flashcards/:id/review). */
export function FlashcardSession({
  cards,
  reviewed = NONE_REVIEWED,
}: {
  cards: SessionCard[];
  /** Positions of the cards the server says were reviewed already. */
  reviewed?: ReadonlySet<number>;
}) {
  const { t, i18n } = useTranslation();
  const [index, setIndex] = useState(0);
  const [flipped, setFlipped] = useState(false);
  /** Positions of the cards rated, in this session or before it (the server's reviews join when they arrive). */
  const [rated, setRated] = useState<ReadonlySet<number>>(reviewed);
  useEffect(() => {
    if (reviewed.size > 0) setRated((r) => new Set([...r, ...reviewed]));
  }, [reviewed]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const card = cards[index];
  if (!card) return null;
  const done = rated.size;

  async function rate(rating: Rating) {
    if (!card?.id) return;
    setBusy(true);
    setError(null);
    try {
      const r = await post<ReviewResult>(`/flashcards/${card.id}/review`, { rating });
      setRated((x) => new Set(x).add(index));
      setNotice(
        t('cards.flashcards.nextReview', { date: fmt(r.card.due) }) +
          (r.mastery ? ` · ${t('cards.mastery', { value: percent(r.mastery.p_known) })}` : ''),
      );
      if (index < cards.length - 1) {
        setIndex(index + 1);
        setFlipped(false);
      }
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  function fmt(iso: string) {
    return new Date(iso).toLocaleDateString(i18n.language === 'fil' ? 'fil-PH' : 'en-PH', {
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
  }

  return (
    <section className="tool-card flashcards" aria-label={t('cards.flashcards.title')}>
      <div className="deck-head">
        <h4>{t('cards.flashcards.title')}</h4>
        <span className="muted">
          {t('cards.flashcards.position', { n: index + 1, total: cards.length })} ·{' '}
          {t('cards.flashcards.reviewed', { count: done })}
        </span>
      </div>
      <button
        type="button"
        className={`flashcard ${flipped ? 'flipped' : ''}`}
        aria-pressed={flipped}
        onClick={() => setFlipped(!flipped)}
      >
        <span className="face front" aria-hidden={flipped}>
          {card.title && card.title !== card.question && <span className="card-title">{card.title}</span>}
          <span className="card-text">{card.question}</span>
          <span className="flip-hint">{t('cards.flashcards.tapToFlip')}</span>
        </span>
        <span className="face back" aria-hidden={!flipped}>
          <span className="card-text">{card.answer}</span>
          <span className="flip-hint">{t('cards.flashcards.tapToFlipBack')}</span>
          {card.example && (
            <span className="card-example">{t('cards.flashcards.example', { example: card.example })}</span>
          )}
        </span>
      </button>
      {flipped && !rated.has(index) && (
        <fieldset className="ratings">
          <legend>{t('cards.flashcards.howWell')}</legend>
          <div className="rating-row">
            {RATINGS.map((r) => (
              <button
                key={r}
                type="button"
                className={`btn small rate-${r}`}
                disabled={busy || !card.id}
                onClick={() => void rate(r)}
              >
                {t(`cards.flashcards.${r}`)}
              </button>
            ))}
          </div>
          {!card.id && <p className="muted">{t('cards.flashcards.notSaved')}</p>}
        </fieldset>
      )}
      <p className="success review-notice" role="status">
        {notice}
      </p>
      <ErrorNote message={error} />
      <div className="deck-nav">
        <button
          type="button"
          className="btn small ghost"
          disabled={index === 0}
          onClick={() => {
            setIndex(index - 1);
            setFlipped(false);
          }}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          className="btn small ghost"
          disabled={index >= cards.length - 1}
          onClick={() => {
            setIndex(index + 1);
            setFlipped(false);
          }}
        >
          {t('common.next')}
        </button>
      </div>
      {done === cards.length && (
        <p className="success" role="status">
          {t('cards.flashcards.allDone')}
        </p>
      )}
    </section>
  );
}

export function toSessionCard(c: DueCard): SessionCard {
  return { id: c.id, question: c.question, answer: c.answer, example: c.example };
}
