import { parseNumberWords } from '../../lexicon/numbers.ts';

/**
 * Reads one count written in digits or words: "10", "ten", "twenty-five", "sampu", "limang", "kinse",
 * "labinlimang", "dalawampu't lima", "a dozen" — the words are the shared number lexicon's; a Filipino
 * linker glued to the number ("labinlima-ng") is dropped. Returns null when it is not a positive whole count.
 */
export function parseCountWord(raw: string): number | null {
  const text = raw.toLowerCase().trim().replace(/\s+/g, ' ');
  if (/^\d{1,4}$/.test(text)) return Number(text);
  const unlinked = text.endsWith('ng') ? text.slice(0, -2) : null;
  const n =
    parseNumberWords(text) ?? (unlinked ? parseNumberWords(unlinked) : null) ?? parseNumberWords(`a ${text}`);
  return n !== null && n > 0 && Number.isInteger(n) ? n : null;
}
