/** Number words students use for counts, in English, Filipino and the Spanish-derived forms of Taglish. */
const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  dozen: 12,
  isa: 1,
  dalawa: 2,
  tatlo: 3,
  apat: 4,
  lima: 5,
  anim: 6,
  pito: 7,
  walo: 8,
  siyam: 9,
  sampu: 10,
  dalawampu: 20,
  tatlumpu: 30,
  apatnapu: 40,
  limampu: 50,
  uno: 1,
  dos: 2,
  tres: 3,
  kuwatro: 4,
  kwatro: 4,
  singko: 5,
  sais: 6,
  siyete: 7,
  syete: 7,
  otso: 8,
  nuwebe: 9,
  diyes: 10,
  dyes: 10,
  onse: 11,
  dose: 12,
  trese: 13,
  katorse: 14,
  kinse: 15,
  disisais: 16,
  disisyete: 17,
  disiotso: 18,
  disinuwebe: 19,
  beinte: 20,
  bente: 20,
  trenta: 30,
};

/** Filipino linkers glue onto numbers: "limang tanong", "sampung flashcards", "apat na tanong". */
function stripLinker(word: string): string {
  if (word in UNITS) return word;
  if (word.endsWith('ng') && word.slice(0, -2) in UNITS) return word.slice(0, -2);
  if (word.endsWith('ng') && `${word.slice(0, -2)}` === 'isa') return 'isa';
  if (word.endsWith("'t")) return word.slice(0, -2);
  return word;
}

/**
 * Reads one number written in digits or words: "10", "ten", "twenty-five", "sampu", "limang",
 * "labinlima", "labing-dalawa", "dalawampu't lima", "a dozen". Returns null when it is not a number.
 */
export function parseCountWord(raw: string): number | null {
  const text = raw.toLowerCase().trim();
  if (/^\d{1,4}$/.test(text)) return Number(text);
  const compact = text.replace(/\s+/g, ' ');
  const teen = /^labi(?:ng|n)[- ]?(\w+?)(?:ng)?$/.exec(compact);
  if (teen?.[1]) {
    const unit = UNITS[stripLinker(teen[1])] ?? UNITS[teen[1]];
    if (unit !== undefined && unit < 10) return 10 + unit;
  }
  const parts = compact.split(/[- ]|'t /).filter(Boolean);
  let total = 0;
  for (const part of parts) {
    if (part === 'a' || part === 'and' || part === 'at') continue;
    const value = UNITS[stripLinker(part)];
    if (value === undefined) return null;
    total += value;
  }
  return parts.length > 0 && total > 0 ? total : null;
}

/** Matches a number token in a sentence (digits or any word form above), for use inside larger patterns. */
export const NUMBER_TOKEN =
  "(\\d{1,4}|(?:a\\s+)?dozen|labi(?:ng|n)[- ]?[a-z]+|(?:dalawampu|tatlumpu|twenty|thirty)(?:'t|[- ])?[a-z]*|[a-z]+)";
