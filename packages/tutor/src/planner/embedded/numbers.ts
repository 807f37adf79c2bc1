import { wordsToNumber } from '../../tools/math_solver/num.ts';

/** Filipino linkers glue onto numbers: "limang tanong", "sampung flashcards", "dalawampu't lima". */
function stripLinker(word: string): string {
  if (wordsToNumber(word) !== null) return word;
  if (word.endsWith("'t")) return word.slice(0, -2);
  if (word.endsWith('ng') && wordsToNumber(word.slice(0, -2)) !== null) return word.slice(0, -2);
  return word;
}

/**
 * Reads one count written in digits or words: "10", "ten", "twenty-five", "sampu", "limang", "kinse",
 * "labinlima", "labing-dalawa", "dalawampu't lima", "a dozen". The word table is the math engine's
 * (`wordsToNumber`); this adds the Filipino teens and "dozen". Returns null when it is not a count.
 */
export function parseCountWord(raw: string): number | null {
  const text = raw.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/^\d{1,4}$/.test(text)) return Number(text);
  const teen = /^labi(?:ng|n)[- ]?(\w+?)(?:ng)?$/.exec(text);
  if (teen?.[1]) {
    const unit = wordsToNumber(stripLinker(teen[1]));
    if (unit !== null && unit > 0 && unit < 10) return 10 + unit;
  }
  let total = 0;
  const words: string[] = [];
  for (const part of text.split(/[- ]|'t /).filter(Boolean)) {
    if (part === 'a' || part === 'an') continue;
    if (part === 'dozen') total += 12;
    else words.push(stripLinker(part));
  }
  if (words.length > 0) {
    const n = wordsToNumber(words.join(' '));
    if (n === null) return null;
    total += n;
  }
  return total > 0 ? total : null;
}

/** Matches a number token in a sentence (digits or any word form above), for use inside larger patterns. */
export const NUMBER_TOKEN =
  "(\\d{1,4}|(?:a\\s+)?dozen|labi(?:ng|n)[- ]?[a-z]+|(?:dalawampu|tatlumpu|twenty|thirty)(?:'t|[- ])?[a-z]*|[a-z]+)";
