import { classOf, EXERCISE_FRAME, foldWord, QUESTION_WORDS, type WordClass } from '../../lexicon/fillers.ts';
import { looksLikeMath, solveMath } from '../../tools/math_solver/engine.ts';

/**
 * The exercise inside a message: whether there is one (the math engine's call) and the exercise without the
 * request around it.
 */

/** What the math engine makes of a text: its kind of exercise and answer; "" when it cannot read it. */
function engineReading(text: string): string {
  const r = solveMath(text);
  return r.kind === 'unsupported' ? '' : `${r.kind}:${r.answer}`;
}

/** Classes a request around an exercise is made of ("can you please", "ako", "ngayon", "this"). */
const REQUEST_CLASSES: (WordClass | null)[] = [
  'request',
  'particle',
  'person',
  'you',
  'modal',
  'understanding',
  'feeling',
  'time',
  'reference',
];

const keyOf = (token: string) => foldWord(token).replace(/[^\p{L}-]/gu, '');

/** A word and its stem without a Filipino request prefix ("paki-compute", "pasolve" → "compute", "solve"). */
const formsOf = (key: string) => [key, key.replace(/^(?:paki|pa|i)-?/, '')];

/** A word of the request: of a request class or an exercise's frame ("solve", "hint", "paki-compute"). */
const requestWord = (key: string) =>
  key === '' || formsOf(key).some((k) => EXERCISE_FRAME.has(k) || REQUEST_CLASSES.includes(classOf(k)));

/**
 * A word of the request before an exercise: of a request class, a frame word ("solve", "hint"), a question
 * word before a linker, a particle or the math ("what is", "ano ang", "paano ba"), or — once the request is cut — a linker or the
 * unknown it names ("what is THE gcf", "solve FOR X: …").
 */
function leadingFrame(token: string, next: string, afterCut: boolean): boolean {
  if (/\d/.test(token)) return false;
  const key = keyOf(token);
  const nextKey = keyOf(next);
  if (QUESTION_WORDS.has(key))
    return (
      /\d/.test(next) ||
      ['function', 'particle'].includes(classOf(nextKey) ?? '') ||
      EXERCISE_FRAME.has(nextKey)
    );
  if (requestWord(key)) return true;
  return afterCut && (classOf(key) === 'function' || key.length === 1);
}

/**
 * Where the request after an exercise begins: every word after its last number when they are all words of
 * a request ("… = 30 for me", "… = 0 for w"), else its closing particles and request words ("… decimal
 * places please"); a speaker's word inside the sentence stays ("… ang sukli ko?").
 */
function trailingRequest(words: string[], end: number): number {
  let at = end;
  while (at > 0 && !/\d/.test(words[at - 1] as string)) {
    const key = keyOf(words[at - 1] as string);
    if (!(requestWord(key) || classOf(key) === 'function' || key.length === 1)) break;
    at--;
  }
  if (at === 0 || /\d/.test(words[at - 1] as string)) return at;
  let closing = end;
  while (closing > 0 && !['person', 'you'].includes(classOf(keyOf(words[closing - 1] as string)) ?? '')) {
    if (!requestWord(keyOf(words[closing - 1] as string))) break;
    closing--;
  }
  return closing;
}

/** A clause after a comma with no number and only request words (", don't tell me the answer", ", patulong"). */
function requestClause(clause: string): boolean {
  const words = clause.split(/\s+/).map(keyOf).filter(Boolean);
  const asking = (w: string) =>
    requestWord(w) || QUESTION_WORDS.has(w) || classOf(w) !== null || w.length === 1;
  return words.length > 0 && !/\d/.test(clause) && words.every(asking);
}

/**
 * The exercise without the request around it ("solve this for me please: 5x - 4 = 21" → "5x - 4 = 21"):
 * request words are cut from either end for as long as the math engine reads the rest as the same
 * exercise, so an operation it needs stays ("round … to 2 decimal places", "GCF ng 12 at 18").
 */
export function exerciseOf(message: string): string | null {
  // "ok, another one: 4x = 28": words before a colon, without a number, frame the exercise after it.
  const framed = /^([^:\d]*):\s*(.*\d.*)$/.exec(message.trim());
  if (framed?.[2] && engineReading(framed[2])) return exerciseOf(framed[2]);
  const clauses = message.trim().split(/(?<=,)\s+/);
  while (clauses.length > 1 && requestClause(clauses[clauses.length - 1] as string)) clauses.pop();
  const words = clauses.join(' ').split(/\s+/).filter(Boolean);
  const same = engineReading(message);
  const keeps = (from: number, to: number) =>
    !same || engineReading(words.slice(from, to).join(' ')) === same;
  let start = 0;
  let end = words.length;
  while (start < end - 1 && leadingFrame(words[start] as string, words[start + 1] as string, start > 0)) {
    if (!keeps(start + 1, end)) break;
    start++;
  }
  const tail = trailingRequest(words, end);
  if (tail > start && keeps(start, tail)) end = tail;
  const text = words
    .slice(start, end)
    .join(' ')
    .replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '');
  return text.length > 0 ? text : null;
}

/**
 * The math engine decides what is an exercise: one it can solve, or one that looks like math and is not a
 * request for a number of items ("5 computation problems on percent").
 */
export function isExercise(message: string, asksForItems: boolean): boolean {
  if (!/\d/.test(message)) return !asksForItems && looksLikeMath(message);
  return solveMath(message).kind !== 'unsupported' || (!asksForItems && looksLikeMath(message));
}
