import type { Flashcard, QuizItem } from './schema.ts';

export type PackLanguage = 'en' | 'fil';

/** A quiz item as a student of one language reads and answers it. */
export interface LocalQuizItem {
  question: string;
  choices?: string[];
  answer: string;
  accepted: string[];
  explanation: string;
}

/**
 * The item in the student's language: the Filipino wording where the pack has it, the English one otherwise.
 * A Filipino answer still accepts the English one, so a student who answers in English is not marked wrong.
 */
export function quizItemIn(item: QuizItem, language: PackLanguage): LocalQuizItem {
  const fil = language === 'fil';
  const correct = item.choices?.find((c) => c.text === item.answer);
  const answer = (fil && (correct?.text_fil ?? item.answer_fil)) || item.answer;
  const accepted = answer === item.answer ? item.accepted : [...new Set([item.answer, ...item.accepted])];
  const local: LocalQuizItem = {
    question: (fil && item.question_fil) || item.question,
    answer,
    accepted,
    explanation: (fil && item.explanation_fil) || item.explanation,
  };
  if (item.choices) local.choices = item.choices.map((c) => (fil && c.text_fil) || c.text);
  return local;
}

/** A flashcard in the student's language, falling back to the English card as a whole. */
export function flashcardIn(
  card: Flashcard,
  language: PackLanguage,
): Pick<Flashcard, 'front' | 'back' | 'example'> {
  if (language !== 'fil' || card.front_fil === undefined || card.back_fil === undefined)
    return { front: card.front, back: card.back, ...(card.example ? { example: card.example } : {}) };
  return {
    front: card.front_fil,
    back: card.back_fil,
    ...(card.example_fil ? { example: card.example_fil } : {}),
  };
}
