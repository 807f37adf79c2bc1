import type { QuizItem, Topic } from './schema.ts';

/** Quoted passages a question asks about ("Identify the adverb in 'The typhoon was extremely strong.'"). */
const QUOTED = /"[^"]*"|“[^”]*”|'[^']*'(?=[\s.,?!:;)]|$)/g;

/** A number as written, without its sign: "14", "1,250", "0.75", "7/9". */
const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?(?:\/\d+)?/g;

/** A number as read, with a sign when the minus is not a subtraction: "−2", "17/12", "1 5/12", "x − 2" → 2. */
const VALUE = /(?<![\p{L}\p{N})])(-?)(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s+(\d+)\/(\d+)|\/(\d+))?/gu;
const SOLE_VALUE = new RegExp(`^${VALUE.source}$`, 'u');

/** Folds case, accents, minus signs and fractions ("4¼" → "4 1/4", "2⅔" → "2 2/3", superscripts to digits). */
function fold(text: string): string {
  return text
    .replace(/(\d)(?=[\u00BC-\u00BE\u2150-\u215E])/g, '$1 ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[−–]/g, '-')
    .replace(/⁄/g, '/');
}

/** The numbers a folded text states, in order, with where each ends. */
function numberTokens(folded: string): { number: string; end: number }[] {
  return [...folded.matchAll(NUMBER)].map((m) => ({
    number: m[0].replace(/,/g, ''),
    end: m.index + m[0].length,
  }));
}

/** The numbers a text states as written, without their sign ("−14" → "14", "7/9", "1,250" → "1250"). */
function numbersIn(text: string): string[] {
  return numberTokens(fold(text)).map((t) => t.number);
}

/** The values of the numbers a text states ("x ≤ −2" → −2, "1 5/12" → 17/12, "81/16 m ≈ 5.06 m" → 5.0625, 5.06). */
function valuesIn(text: string): number[] {
  return [...fold(text).matchAll(VALUE)].map(([, minus, whole = '', numerator, denominator, under]) => {
    const value = Number(whole.replace(/,/g, ''));
    const part = numerator ? Number(numerator) / Number(denominator) : 0;
    const exact = under ? value / Number(under) : value + part;
    return minus ? -exact : exact;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The answer as a whole phrase of the text, outside quoted passages and not as one of several listed options. */
function statesAnswer(text: string, answer: string): boolean {
  const escaped = escapeRegExp(fold(answer).trim());
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

/** The item's answer when it is a single number ("9", "−5", "17/12"), read as a value. */
function numericAnswer(item: QuizItem): number | undefined {
  return item.type === 'numeric' || SOLE_VALUE.test(fold(item.answer).trim())
    ? valuesIn(item.answer)[0]
    : undefined;
}

/** Whether a lesson text shows the item's answer: the same value for a numeric answer, else the same phrase. */
function showsAnswer(text: string, item: QuizItem): boolean {
  const answer = numericAnswer(item);
  if (answer !== undefined)
    return valuesIn(text).some((value) => Math.abs(value - answer) <= (item.tolerance ?? 0) + 1e-9);
  const phrase = escapeRegExp(fold(item.answer).replace(/\s+/g, ''));
  return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'u').test(
    fold(text).replace(/\s+/g, ''),
  );
}

function sameNumbers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join(' ') === [...b].sort().join(' ');
}

/** A worked example whose problem states the question's numbers and whose answer or steps show the item's. */
function solvedByExample(
  item: QuizItem,
  questions: string[],
  example: Topic['worked_examples'][number],
): boolean {
  const restated = questions.some((q) => {
    const asked = numbersIn(q);
    return (
      asked.length >= 2 &&
      [example.problem.en, example.problem.fil].some((p) => sameNumbers(asked, numbersIn(p)))
    );
  });
  const shown = [example.answer, ...example.steps.flatMap((s) => [s.en, s.fil])];
  return restated && shown.some((text) => showsAnswer(text, item));
}

/** A short lesson text that states the question's numbers in order, one after another, then the answer. */
function solvedInPassage(item: QuizItem, question: string, passage: string): boolean {
  const asked = numbersIn(question);
  const [written] = numericAnswer(item) === undefined ? [] : numbersIn(item.answer);
  if (asked.length < 2 || (written !== undefined && asked.includes(written))) return false;
  const folded = fold(passage);
  const tokens = numberTokens(folded);
  return tokens.some((_, start) => {
    const run = asked.every((n, i) => tokens[start + i]?.number === n);
    const end = tokens[start + asked.length - 1]?.end;
    return run && end !== undefined && showsAnswer(folded.slice(end), item);
  });
}

/** The parts of a topic that teach before its quiz asks. */
export type LessonParts = Pick<
  Topic,
  'summary' | 'explanation' | 'extension' | 'worked_examples' | 'flashcards' | 'misconceptions'
>;

/** Where a sentence of prose ends. */
const SENTENCE_END = /(?<=[.!?])\s+/;

/** The short passages of a lesson that can work a problem: prose sentences, steps, flashcards, misconceptions. */
function lessonPassages(topic: LessonParts): string[] {
  return [
    ...[topic.summary, topic.explanation, topic.extension].flatMap((b) =>
      [b.en, b.fil].flatMap((text) => text.split(SENTENCE_END)),
    ),
    ...topic.worked_examples.flatMap((e) => e.steps.flatMap((s) => [s.en, s.fil])),
    ...topic.flashcards.flatMap((c) => [
      [c.front, c.back, c.example ?? ''].join(' | '),
      [c.front_fil ?? c.front, c.back_fil ?? c.back, c.example_fil ?? c.example ?? ''].join(' | '),
    ]),
    ...topic.misconceptions.flatMap((m) => [
      `${m.misconception.en} | ${m.correction.en}`,
      `${m.misconception.fil} | ${m.correction.fil}`,
    ]),
  ];
}

/**
 * Whether a quiz item asks a problem its own lesson has already solved (either language), so the lesson shows
 * the answer before the quiz asks it:
 * - a worked example whose problem states the same numbers as the question (as a multiset, at least two) and
 *   whose answer or steps show the item's answer;
 * - a sentence of the summary, explanation or extension, a worked-example step, a flashcard (front, back and
 *   example) or a misconception with its correction that states the question's numbers in the question's
 *   order, one after another, and the item's answer after them ("2/3 × 4/5 = 8/15"). A numeric answer the
 *   question itself states is not evidence here, so such items are left to the worked-example test.
 * Answers match by value when they are a number ("17/12" is shown by "1 5/12", "9" by "9 m"), else as a phrase
 * ignoring spaces ("x + 1" is shown by "(x + 1)(x + 3)"). Limits: only answers that state a number are read (a
 * name, an event or a classification is recall the lesson is meant to teach), and not true/false items;
 * problems need at least two numbers; a problem restated in other units or words ("1.5 L" as "1 500 mL") or
 * with its numbers reordered outside a worked example is missed; digits of exponents and subscripts count as
 * numbers, as written ("x²" states 2).
 */
export function repeatsWorkedExample(item: QuizItem, topic: LessonParts): boolean {
  if (item.type === 'true_false' || numbersIn(item.answer).length === 0) return false;
  const questions = [item.question, item.question_fil ?? ''].filter(Boolean);
  return (
    topic.worked_examples.some((example) => solvedByExample(item, questions, example)) ||
    lessonPassages(topic).some((passage) => questions.some((q) => solvedInPassage(item, q, passage)))
  );
}
