import type { QuizItem } from './schema.ts';

/** Quoted passages a question asks about ("Identify the adverb in 'The typhoon was extremely strong.'"). */
const QUOTED = /"[^"]*"|“[^”]*”|'[^']*'(?=[\s.,?!:;)]|$)/g;

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[−–]/g, '-');
}

/** The numbers a text states as written, without their sign ("−14" → "14", "7/9", "1,250" → "1250"). */
function numbersIn(text: string): string[] {
  return (fold(text).match(/\d+(?:,\d{3})*(?:\.\d+)?(?:\/\d+)?/g) ?? []).map((n) => n.replace(/,/g, ''));
}

/** The answer as a whole phrase of the text, outside quoted passages and not as one of several listed options. */
function statesAnswer(text: string, answer: string): boolean {
  const escaped = fold(answer)
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!escaped) return false;
  const outside = fold(text).replace(QUOTED, ' ');
  const listed = new RegExp(`(?:,|\\bor|\\bo)\\s+${escaped}\\b|\\b${escaped}\\s*(?:,|\\bor\\b|\\bo\\b)`, 'u');
  return (
    new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(outside) && !listed.test(outside)
  );
}

/**
 * Whether a quiz item gives its answer away in its question (either language): a short answer the question
 * states outright, or a numeric answer the question states when it states at most two numbers (the student
 * copies it or picks one of two). Questions that ask to identify a word in a quoted sentence, and questions
 * that list the answer among options, are not flagged.
 */
export function givesAnswerAway(item: QuizItem): boolean {
  const questions = [item.question, item.question_fil ?? ''].filter(Boolean);
  if (item.type === 'short_answer') return questions.some((q) => statesAnswer(q, item.answer));
  if (item.type !== 'numeric') return false;
  const [answer] = numbersIn(item.answer);
  if (answer === undefined) return false;
  return questions.some((q) => {
    const stated = numbersIn(q);
    return stated.length <= 2 && stated.includes(answer);
  });
}
