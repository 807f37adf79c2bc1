/**
 * Text folding shared by every reader of the students' language (planner, profile, safety): one canonical
 * spelling of a message as lower-case words separated by single spaces.
 *
 * - case, diacritics ("mamatáy", "ñ") and apostrophes ("don't" → "dont", "'wag" → "wag") folded;
 * - punctuation and symbols become spaces; spaced-out words ("K I L L  M Y S E L F") are joined back;
 * - a letter repeated 3+ times is cut to one vowel or two consonants ("gustoooo" → "gusto", "killlll" → "kill");
 *   `squeeze` cuts every double for fuzzy keys ("kill" → "kil");
 * - a Filipino prefix joins its stem however it is written: "mag-suicide", "mag suicide" and "magsuicide" all
 *   fold to "magsuicide", "na-kill" to "nakill", "nagsu-suicide" to "nagsusuicide"; other hyphens are spaces
 *   ("self-harm" → "self harm", "araw-araw" → "araw araw");
 * - optionally leetspeak ("k1ll mys3lf" → "kill myself") and text-speak ("gusto q n lng" → "gusto ko na lang").
 */

export interface FoldOptions {
  /** Read digits and symbols inside words as letters ("k1ll", "$uicide"). Off for math text ("x1", "2x"). */
  leet?: boolean;
  /** Expand chat shorthand and Taglish spellings ("q" → "ko", "lng" → "lang", "d2" → "dito"). */
  shorthand?: boolean;
}

/** Filipino prefixes joined to the stem after a hyphen ("na-kill", "i-explain", "pa-send", "nakaka-stress"). */
const PREFIXES = new Set(
  `i ma na pa ka mag nag pag mang nang pang man nan pam mam nam maka naka paka pinaka maki naki paki ipa ipag ika
  taga tag magpa nagpa pagpa magpaka nagpaka makipag nakipag pakiki makapag nakapag pinag ipinag nakaka makaka
  mapa napa naga maga mas um in`
    .split(/\s+/)
    .filter(Boolean),
);

/** Prefixes that are never words of their own, so they join a stem after a space too ("mag suicide"). */
const BOUND_PREFIXES = new Set(
  'mag nag magpa nagpa magpaka nagpaka makipag nakipag makapag nakapag pinag ipinag nakaka makaka'.split(' '),
);

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

/** Chat shorthand and Taglish spellings, word → canonical words. */
export const SHORTHAND: Record<string, string> = {
  q: 'ko',
  ku: 'ko',
  aq: 'ako',
  aqu: 'ako',
  aku: 'ako',
  ak: 'ako',
  n: 'na',
  nq: 'nang',
  lng: 'lang',
  lang: 'lang',
  nlng: 'na lang',
  nlang: 'na lang',
  nalang: 'na lang',
  nman: 'naman',
  nmn: 'naman',
  tlga: 'talaga',
  tlaga: 'talaga',
  sna: 'sana',
  gsto: 'gusto',
  gstu: 'gusto',
  gustu: 'gusto',
  gs2: 'gusto',
  g2: 'gusto',
  ayoq: 'ayoko',
  ayko: 'ayoko',
  d: 'hindi',
  di: 'hindi',
  hnd: 'hindi',
  hndi: 'hindi',
  hinde: 'hindi',
  wla: 'wala',
  wlang: 'walang',
  kya: 'kaya',
  pra: 'para',
  xa: 'siya',
  sya: 'siya',
  nya: 'niya',
  nyo: 'ninyo',
  niyo: 'ninyo',
  cla: 'sila',
  kc: 'kasi',
  kse: 'kasi',
  bkt: 'bakit',
  pno: 'paano',
  pano: 'paano',
  ung: 'yung',
  un: 'yun',
  d2: 'dito',
  dn: 'din',
  rn: 'right now',
  u: 'you',
  ur: 'your',
  r: 'are',
  y: 'why',
  im: 'im',
  ima: 'im going to',
  imma: 'im going to',
  gonna: 'going to',
  wanna: 'want to',
  tryna: 'trying to',
  gotta: 'got to',
  pls: 'please',
  plz: 'please',
  ppl: 'people',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  bcoz: 'because',
  idk: 'i dont know',
  idc: 'i dont care',
  tbh: 'to be honest',
  srsly: 'seriously',
  ty: 'thank you',
  kona: 'ko na',
  gustoko: 'gusto ko',
  gustokona: 'gusto ko na',
  ayokona: 'ayoko na',
  sakin: 'sa akin',
  dko: 'hindi ko',
  dna: 'hindi na',
};

const SPACED_WORD = /(?<![\p{L}\p{N}])(?:\p{L} ){2,}\p{L}(?![\p{L}\p{N}])/u;

/**
 * "K I L L  M Y S E L F" → "KILL  MYSELF", "gsto q n mag s u i c i d e" → "gsto q n mag suicide": only when the
 * message spells a word out letter by letter. Runs of two letters ("q n") join only when words are set apart
 * by wider gaps.
 */
function joinSpacedLetters(text: string): string {
  if (!SPACED_WORD.test(text)) return text;
  const shortest = /\S {2,}\S/.test(text) ? 1 : 2;
  const run = new RegExp(`(?<![\\p{L}\\p{N}])(?:\\p{L} ){${shortest},}\\p{L}(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(run, (m) => m.replace(/ /g, ''));
}

function foldLeet(word: string): string {
  if (word.length < 3 || !/\p{L}/u.test(word) || !/[013457@$!|]/.test(word)) return word;
  if (!/^[\p{L}013457@$!|]+$/u.test(word)) return word;
  return [...word].map((c) => LEET[c] ?? c).join('');
}

/** Joins a Filipino prefix to its stem across a hyphen, or a space when the prefix is never a word alone. */
function joinAffixes(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const parts = word.split('-').filter(Boolean);
    let joined = parts[0] ?? '';
    const pieces: string[] = [];
    for (const next of parts.slice(1)) {
      const reduplicated = joined.length > 2 && next.startsWith(joined.slice(-2));
      if (PREFIXES.has(joined) || reduplicated || endsWithPrefixAndSyllable(joined, next)) joined += next;
      else {
        pieces.push(joined);
        joined = next;
      }
    }
    pieces.push(joined);
    for (const piece of pieces) {
      const prev = out[out.length - 1];
      if (prev !== undefined && BOUND_PREFIXES.has(prev)) out[out.length - 1] = prev + piece;
      else out.push(piece);
    }
  }
  return out.filter(Boolean);
}

/** "nagsu-suicide", "magpapa-kill": a prefix plus the stem's first syllable, repeated for aspect. */
function endsWithPrefixAndSyllable(left: string, right: string): boolean {
  for (let cut = 1; cut <= 3 && cut < left.length; cut++) {
    if (PREFIXES.has(left.slice(0, -cut)) && right.startsWith(left.slice(-cut))) return true;
  }
  return false;
}

/** A letter held 3+ times is cut to one vowel ("gustoooo" → "gusto") or two consonants ("killlll" → "kill"). */
function shortenStretched(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, (_, c: string) => (/[aeiou]/.test(c) ? c : c + c));
}

/** Cuts every run of a repeated letter to one ("kill" → "kil", "gustoo" → "gusto"): a key for fuzzy lookup. */
export function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/**
 * The light folding, for readers that need a sentence's punctuation and symbols (the planner reads
 * "quiz on X, 10 items" and "2x + 3 = 7"): lower case, no accents, one kind of quote, single spaces.
 * Canonical decomposition only, so "a²" and "×" stay as written.
 */
export function foldCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Chat spellings of three letters or more read as the words they stand for, punctuation kept ("pano mo
 * nakuha ung 12?" → "paano mo nakuha yung 12?"). Shorter ones ("d", "u", "y") are left: in a sentence with
 * math they are as likely a variable.
 */
export function expandShorthand(text: string): string {
  return text.replace(/\p{L}{3,}/gu, (w) => SHORTHAND[w] ?? w);
}

/** The folded text: lower-case words separated by single spaces (see the module comment). */
export function fold(text: string, options: FoldOptions = {}): string {
  return foldWords(text, options).join(' ');
}

/** The folded text as words. */
export function foldWords(text: string, options: FoldOptions = {}): string[] {
  const symbols = options.leet ? '@$!|' : '';
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`'ʼ]/g, '')
    .replace(/[‐‑‒–—_]/g, '-')
    .replace(new RegExp(`[^\\p{L}\\p{N}\\s\\-${symbols}]|[-${symbols}](?![\\p{L}\\p{N}])`, 'gu'), ' ')
    .replace(/(?<![\p{L}\p{N}])-/gu, ' ');
  const words = joinSpacedLetters(plain.replace(/\s/g, ' '))
    .split(' ')
    .filter(Boolean)
    .map((w) =>
      options.leet
        ? w
            .split('-')
            .map(foldLeet)
            .join('-')
            .replace(/[@$!|]/g, '')
        : w,
    )
    .map(shortenStretched);
  const joined = joinAffixes(words);
  return options.shorthand ? joined.flatMap((w) => (SHORTHAND[w] ?? w).split(' ')) : joined;
}
