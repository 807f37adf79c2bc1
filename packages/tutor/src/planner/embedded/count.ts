import { classOf, contentWords, foldWord, stemOf } from '../../lexicon/fillers.ts';
import {
  FRACTION_WORDS,
  findNumberWords,
  MULTIPLIER_WORDS,
  replaceNumberWords,
} from '../../lexicon/numbers.ts';
import type { Stated } from './analyze.ts';
import { COUNT_NOUNS, NOT_A_COUNT } from './cues.ts';

/** The number of items a message asks for, in digits or words, with the phrase that says it. */

const asked = (n: number, phrase: string): Stated<number> => ({
  value: n,
  reason: `the student asks for ${n} ("${phrase.trim()}")`,
});

/** A number followed by what is counted: "12 tanong", "10-question quiz", "5 hard flashcards". */
function countBeforeNoun(digits: string): Stated<number> | null {
  const before = new RegExp(`(?:^|[^\\w-])(\\d{1,3})(?:\\s+|-)(?:[\\p{L}-]+\\s+){0,3}${COUNT_NOUNS}`, 'gu');
  // Matches may overlap ("create 20 flashcards": "create" is tried first), so each is retried one word on.
  for (let m = before.exec(digits); m; m = before.exec(digits)) {
    const token = m[1] as string;
    const at = m.index + m[0].indexOf(token);
    if (!NOT_A_COUNT.test(digits.slice(0, at)) && !another(digits, at, token))
      return asked(Number(token), m[0]);
    before.lastIndex = at + token.length;
  }
  return null;
}

/** "isa pang quiz", "one more set": another one, not a count of one. */
function another(digits: string, at: number, token: string): boolean {
  return token === '1' && /^\s+(?:pa|pang|more)\b/.test(digits.slice(at + token.length));
}

/**
 * A number alone in its clause among words of a request ("15 naman ngayon", "but only 4", ", 10",
 * "make it 7"): the classes of `lexicon/fillers.ts`, so any filler or time word may stand around it.
 */
function loneCount(digits: string): Stated<number> | null {
  // One number in the whole message: "median ng 12, 5, 8" is data, not a count.
  if ((digits.match(/\d+(?:[.,]\d+)*/g) ?? []).length !== 1) return null;
  for (const clause of digits.split(/,(?!\d)|[;:!?]|\.(?!\d)/)) {
    const words = clause.trim().split(/\s+/).filter(Boolean);
    const at = words.findIndex((w) => /^\d{1,3}$/.test(w));
    const token = words[at] as string;
    const n = Number(token);
    const alone = contentWords(words.filter((_, i) => i !== at)).every((w) => classOf(w) !== null);
    if (at < 0 || n < 1 || n > 50 || !alone || another(clause, clause.indexOf(token), token)) continue;
    if (!NOT_A_COUNT.test(words.slice(0, at).join(' '))) return asked(n, clause);
  }
  return null;
}

/** "a few flashcards", "ilang tanong", "several questions": a word for a small or large number. */
function vagueCount(text: string): Stated<number> | null {
  const few =
    /\b(?:a few|few|a couple(?: of)?|ilang|kaunting|konting|several|marami(?:ng)?|lots of|many)\s+(?:\w+\s+)?(?:flash\s*cards?|cards?|questions?|items?|tanong)/.exec(
      text,
    );
  if (!few) return null;
  const word = few[0];
  const n = /couple/.test(word) ? 2 : /several|marami|lots|many/.test(word) ? 10 : 3;
  return { value: n, reason: `"${word}" read as ${n}` };
}

/** "the last one", "another one", "the 2nd one": "one" after a reference, quantity or ordinal names a thing. */
function pronounOne(text: string): string {
  return text.replace(/\b([\p{L}\d]+)\s+one\b/gu, (whole, w: string) =>
    ['reference', 'function', 'quantity'].includes(classOf(w) ?? '') ||
    /\d(?:st|nd|rd|th)$/.test(w) ||
    findNumberWords(w)[0]?.kind === 'ordinal'
      ? `${w} ones`
      : whole,
  );
}

/**
 * The number of items the message asks for. Number words are read first by the number lexicon
 * ("isang dosenang tanong" → "12 tanong", "sampu" → "10"), so every pattern below reads digits.
 */
export function statedCount(text: string): Stated<number> | null {
  const digits = replaceNumberWords(pronounOne(text));
  const after = new RegExp(
    `${COUNT_NOUNS}\\s*(?:[:(=]|x|×|\\bof\\b|\\bna\\b)?\\s*(\\d{1,3})\\b(?!\\s*(?:[-+*/^=]|th|st|nd|rd))`,
  ).exec(digits);
  const ofThem = /(\d{1,3})\s+(?:of them|pieces|piraso|lahat)\b/.exec(digits);
  const given =
    /\b(?:give me|gimme|bigyan mo (?:ako )?ng|gawan mo (?:ako )?ng|make|create|generate|i want|i need|gusto ko ng|pa)\s+(\d{1,3})\b(?!\s*[-+*/^=%.])/.exec(
      digits,
    );
  const small = (m: RegExpExecArray | null) =>
    m?.[1] &&
    Number(m[1]) >= 1 &&
    Number(m[1]) <= 50 &&
    !another(digits, m.index + m[0].lastIndexOf(m[1]), m[1])
      ? asked(Number(m[1]), m[0])
      : null;
  return (
    countBeforeNoun(digits) ??
    (after?.[1] ? asked(Number(after[1]), after[0]) : null) ??
    small(ofThem) ??
    vagueCount(text) ??
    loneCount(digits) ??
    small(given)
  );
}

/** How a follow-up changes the last count: by a number more or fewer, or a multiple of it. */
export type CountChange = { op: 'add'; by: number } | { op: 'scale'; by: number };

/** Words that add to or take from the last count ("add 5", "5 more", "dagdagan ng 5", "bawasan ng 2"). */
const CHANGING: Record<string, 1 | -1> = {
  more: 1,
  add: 1,
  plus: 1,
  extra: 1,
  dagdag: 1,
  dagdagan: 1,
  pa: 1,
  less: -1,
  fewer: -1,
  cut: -1,
  down: -1,
  reduce: -1,
  minus: -1,
  bawas: -1,
  bawasan: -1,
};

/** A word of the number lexicon's multipliers or fractions, affixed as a verb or not ("doblehin", "half"). */
function factorOf(word: string): number | null {
  for (const [stem, n] of Object.entries(MULTIPLIER_WORDS)) if (word.startsWith(stem)) return n;
  const fraction = FRACTION_WORDS[word];
  return fraction ? fraction[0] / fraction[1] : null;
}

const changed = (change: CountChange, reason: string): Stated<CountChange> => ({ value: change, reason });

/**
 * A change to the last count the message asks for: one number with a word that adds or takes in its
 * clause ("plus 3 pa", "2 less", "lagyan mo pa ng apat"), or a multiplier or fraction and no number
 * ("doblehin mo", "kalahati lang"). "isa pa", "one more" ask for another set, not one more item;
 * "dagdagan mo, walong tanong" states the new count in a clause of its own.
 */
export function countChange(text: string): Stated<CountChange> | null {
  const digits = replaceNumberWords(text);
  const numbers = digits.match(/\b\d{1,3}\b/g) ?? [];
  if (numbers.length === 0) {
    const factor = digits
      .split(/[^\p{L}]+/u)
      .map(foldWord)
      .map(factorOf)
      .find((n) => n !== null);
    return factor ? changed({ op: 'scale', by: factor }, `the last count times ${factor}`) : null;
  }
  const [token] = numbers as [string];
  if (numbers.length > 1 || another(digits, digits.indexOf(token), token)) return null;
  const clause = digits.split(/[,;:!?]/).find((c) => new RegExp(`\\b${token}\\b`).test(c)) ?? '';
  const words = clause
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean)
    .map(foldWord);
  // "more difficult" compares a level, "pa rin" is "still".
  const signOf = (w: string, i: number) =>
    (w === 'more' && classOf(words[i + 1] ?? '') === 'level') ||
    (w === 'pa' && /^[dr]in$/.test(words[i + 1] ?? ''))
      ? undefined
      : CHANGING[stemOf(w)];
  const sign = words.map(signOf).find((s) => s !== undefined);
  return sign
    ? changed({ op: 'add', by: sign * Number(token) }, `${sign * Number(token)} on the last count`)
    : null;
}
