/**
 * Number words in English and Filipino (with the Spanish-derived words of Taglish): cardinals
 * ("twenty-five", "dalawampu't lima", "labindalawa", "isang daan at lima", "bente singko"), dozens,
 * ordinals ("third", "ikatlo", "pangalawa"), fractions ("half", "kalahati") and multipliers ("twice", "doble").
 * To add a word, put it in the table of its kind; the reader below combines the tables, never the phrasings.
 */

/** Words for 0–9 (the Filipino ones also take the linker: "dalawang", "limang"). */
const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  wala: 0,
  isa: 1,
  dalawa: 2,
  tatlo: 3,
  apat: 4,
  lima: 5,
  anim: 6,
  pito: 7,
  walo: 8,
  siyam: 9,
  uno: 1,
  dos: 2,
  tres: 3,
  kwatro: 4,
  kuwatro: 4,
  singko: 5,
  sais: 6,
  siyete: 7,
  otso: 8,
  nuwebe: 9,
  nwebe: 9,
};

/** Words for 10–19. Filipino teens are also built as labing-/labin-/labim- + a unit ("labing-anim"). */
const TEENS: Record<string, number> = {
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
  sampu: 10,
  diyes: 10,
  onse: 11,
  trese: 13,
  katorse: 14,
  kinse: 15,
};

/** Multiples of ten. */
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dalawampu: 20,
  tatlumpu: 30,
  apatnapu: 40,
  limampu: 50,
  animnapu: 60,
  pitumpu: 70,
  walumpu: 80,
  siyamnapu: 90,
  bente: 20,
  beinte: 20,
  trenta: 30,
  treinta: 30,
  kwarenta: 40,
  kuwarenta: 40,
  singkwenta: 50,
  sisenta: 60,
  sitenta: 70,
  otsenta: 80,
  nobenta: 90,
};

/** Hundred multiplies the number before it; the larger scales close a group ("dalawang libo't limang daan"). */
const SCALES: Record<string, number> = {
  hundred: 100,
  daan: 100,
  raan: 100,
  siyento: 100,
  thousand: 1000,
  libo: 1000,
  mil: 1000,
  million: 1_000_000,
  milyon: 1_000_000,
};

/** A counted group: "a dozen eggs", "dalawang dosena". */
const GROUPS: Record<string, number> = { dozen: 12, dosena: 12, score: 20 };

/** "one" said as an article before a scale or group: "a hundred", "a dozen". */
const ONE_PREFIX = new Set(['a', 'an']);

/** Words that join two parts of one number ("one hundred and five", "isang daan at lima"). */
const JOINERS = new Set(['and', 'at', 't']);

/** Ordinals: the position in a list, never a quantity. Filipino ordinals are also ika-/pang- + a cardinal. */
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  una: 1,
  unang: 1,
  ikalawa: 2,
  pangalawa: 2,
  ikatlo: 3,
  pangatlo: 3,
};

/** Fractions named by a word ("half of", "kalahati ng", "sangkapat"). */
export const FRACTION_WORDS: Record<string, [number, number]> = {
  half: [1, 2],
  third: [1, 3],
  quarter: [1, 4],
  kalahati: [1, 2],
  sangkatlo: [1, 3],
  sangkapat: [1, 4],
};

/** Ordinals that name a fraction's parts after a count ("three-fourths", "two fifths", "one-half"). */
export const DENOMINATORS: Record<string, number> = {
  half: 2,
  halve: 2,
  third: 3,
  fourth: 4,
  quarter: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  twelfth: 12,
};

/** Multipliers named by a word ("twice as many", "doble ng", "triple"). */
export const MULTIPLIER_WORDS: Record<string, number> = {
  twice: 2,
  double: 2,
  doble: 2,
  thrice: 3,
  triple: 3,
  tripled: 3,
  doubled: 2,
  quadruple: 4,
};

export type NumberKind = 'cardinal' | 'ordinal';

/** One number read from words: the character span it covers in the text and its value. */
export interface NumberMatch {
  value: number;
  kind: NumberKind;
  start: number;
  end: number;
  text: string;
}

interface Word {
  w: string;
  start: number;
  end: number;
}

/** Lower-case words with their spans; "dalawampu't" gives "dalawampu" and the joiner "t". */
function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[a-zñ]+/giu)) {
    out.push({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A Filipino word without its linker ("limang" → "lima", "sampung" → "sampu", "daang" → "daan"). */
function unlink(w: string): string {
  if (w.endsWith('ng') && w.length > 3) {
    const base = w.slice(0, -2);
    if (base in UNITS || base in TENS || base in TEENS || base in SCALES || base in GROUPS) return base;
    const baseN = `${base}n`;
    if (baseN in UNITS || baseN in SCALES) return baseN;
  }
  return w;
}

/** The value of one number word, or a compound written as one word ("labindalawa", "limandaan"). */
type Role = 'digit' | 'teen' | 'ten' | 'hundreds' | 'scale' | 'group';

function wordValue(raw: string): { v: number; role: Role } | null {
  const w = unlink(raw);
  if (w in UNITS) return { v: UNITS[w] as number, role: 'digit' };
  if (w in TEENS) return { v: TEENS[w] as number, role: 'teen' };
  if (w in TENS) return { v: TENS[w] as number, role: 'ten' };
  if (w in SCALES) return { v: SCALES[w] as number, role: 'scale' };
  if (w in GROUPS) return { v: GROUPS[w] as number, role: 'group' };
  const teen = /^labi(?:ng|n|m)(.+)$/.exec(w);
  const unit = teen?.[1] ? UNITS[unlink(teen[1])] : undefined;
  if (unit !== undefined && unit > 0) return { v: 10 + unit, role: 'teen' };
  const hundreds = /^(.+?)(?:n|na|ng)?[dr]aan$/.exec(w);
  if (hundreds?.[1]) {
    const u = hundreds[1] === 'san' ? 1 : UNITS[hundreds[1]];
    if (u !== undefined && u > 0) return { v: u * 100, role: 'hundreds' };
  }
  if (w === 'sandaan') return { v: 100, role: 'hundreds' };
  if (w === 'sanlibo') return { v: 1000, role: 'hundreds' };
  return null;
}

/** A Filipino teen written in two words: "labing" + a unit ("labing isa"). */
function splitTeen(ws: Word[], i: number): number | null {
  const a = ws[i]?.w;
  const b = ws[i + 1]?.w;
  if (!a || !b || !/^labi(ng|n|m)$/.test(a)) return null;
  const u = UNITS[unlink(b)];
  return u !== undefined && u > 0 ? 10 + u : null;
}

/** Reads the number that starts at word i; returns its value and the index after it, or null. */
function readAt(ws: Word[], i: number): { value: number; next: number } | null {
  let total = 0;
  let current = 0;
  let last: Role | null = null;
  let j = i;
  const first = ws[i]?.w;
  if (first && ONE_PREFIX.has(first)) {
    const after = ws[i + 1] ? wordValue(ws[i + 1]?.w as string) : null;
    if (!after || (after.role !== 'scale' && after.role !== 'group')) return null;
    current = 1;
    last = 'digit';
    j = i + 1;
  }
  for (; j < ws.length; j++) {
    const word = ws[j] as Word;
    const gap = j > i ? ws[j - 1] : undefined;
    if (gap && word.start - gap.end > 2) break;
    if (JOINERS.has(word.w) && last) {
      const after = valueAt(ws, j + 1);
      if (after && placeable(after.role, after.v, last, current)) continue;
      break;
    }
    const val = valueAt(ws, j);
    if (!val || !placeable(val.role, val.v, last, current)) break;
    if (val.role === 'scale' && val.v === 100) current = (current || 1) * 100;
    else if (val.role === 'scale' || val.role === 'group') {
      total += (current || 1) * val.v;
      current = 0;
    } else current += val.v;
    last = val.role === 'hundreds' ? 'scale' : val.role;
    j += val.words - 1;
  }
  if (last === null) return null;
  return { value: total + current, next: j };
}

/** May a word of this role follow what was read so far? ("twenty five" yes, "five twenty" no). */
function placeable(role: Role, v: number, last: Role | null, current: number): boolean {
  if (last === null) return role !== 'scale' && role !== 'group';
  const below100 = current % 100;
  if (role === 'digit') return last === 'ten' || (last === 'scale' && below100 === 0);
  if (role === 'teen' || role === 'ten') return below100 === 0 && (last === 'scale' || last === 'group');
  if (role === 'hundreds') return last === 'scale' && current === 0;
  if (role === 'scale') return last !== 'scale' || (v > 100 && current > 0);
  return last !== 'group';
}

/** The number word at index i (a two-word teen "labing isa" counts as one), with how many words it takes. */
function valueAt(ws: Word[], i: number): { v: number; role: Role; words: number } | null {
  const teen = splitTeen(ws, i);
  if (teen !== null) return { v: teen, role: 'teen', words: 2 };
  const w = ws[i]?.w;
  const val = w ? wordValue(w) : null;
  return val ? { ...val, words: 1 } : null;
}

/** An ordinal word: "third", "twenty-first" (read as its last word), "ikatlo", "ika-5"-style words, "pang-apat". */
function ordinalValue(w: string): number | null {
  if (w in ORDINALS) return ORDINALS[w] as number;
  // "ikatlong bahagi": the linker -ng on an ordinal of the table
  if (w.endsWith('ng') && w.slice(0, -2) in ORDINALS) return ORDINALS[w.slice(0, -2)] as number;
  const fil = /^(?:ika|pang|pan|pam)-?(.+)$/.exec(w);
  if (fil?.[1]) {
    const v = wordValue(fil[1]);
    if (v && v.role !== 'scale' && v.role !== 'group') return v.v;
  }
  const en = /^(.+?)(?:th|ieth)$/.exec(w);
  if (en?.[1]) {
    const base = en[1] in TENS ? en[1] : `${en[1]}y` in TENS ? `${en[1]}y` : en[1];
    const v = wordValue(base);
    if (v && v.role !== 'scale' && v.role !== 'group') return v.v;
  }
  return null;
}

/** "ika-apat", "pang-lima": a Filipino ordinal prefix joined by a hyphen to a cardinal word. */
function hyphenOrdinal(text: string, ws: Word[], i: number): number | null {
  const a = ws[i];
  const b = ws[i + 1];
  if (!a || !b || !/^(ika|pang|pan|pam)$/.test(a.w) || text.slice(a.end, b.start) !== '-') return null;
  const v = wordValue(b.w);
  return v && (v.role === 'digit' || v.role === 'teen' || v.role === 'ten') ? v.v : null;
}

/** Every number written in words in the text, cardinals and ordinals, left to right. */
export function findNumberWords(text: string): NumberMatch[] {
  const ws = words(text);
  const out: NumberMatch[] = [];
  for (let i = 0; i < ws.length; ) {
    const r = readAt(ws, i);
    if (r) {
      const start = (ws[i] as Word).start;
      const end = (ws[r.next - 1] as Word).end;
      out.push({ value: r.value, kind: 'cardinal', start, end, text: text.slice(start, end) });
      i = r.next;
      continue;
    }
    const hyphened = hyphenOrdinal(text, ws, i);
    const o = hyphened ?? ordinalValue((ws[i] as Word).w);
    if (o !== null) {
      const start = (ws[i] as Word).start;
      const end = (ws[hyphened !== null ? i + 1 : i] as Word).end;
      out.push({ value: o, kind: 'ordinal', start, end, text: text.slice(start, end) });
    }
    i += hyphened !== null ? 2 : 1;
  }
  return out;
}

/** The value of a phrase that is exactly one cardinal number in words ("dalawampu't lima" → 25), else null. */
export function parseNumberWords(phrase: string): number | null {
  const trimmed = phrase.trim();
  const found = findNumberWords(trimmed);
  const only = found[0];
  if (found.length !== 1 || !only || only.kind !== 'cardinal') return null;
  return only.start === 0 && only.end === trimmed.length ? only.value : null;
}

/** The text with every cardinal in words replaced by its digits; a Filipino linker goes ("apat na lapis" → "4 lapis"). */
export function replaceNumberWords(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findNumberWords(text)) {
    if (m.kind !== 'cardinal') continue;
    out += text.slice(at, m.start) + String(m.value);
    at = m.end;
    const linker = /^\s+na\b/.exec(text.slice(at));
    if (linker) at += linker[0].length;
  }
  return out + text.slice(at);
}
