/**
 * Word problems typed in chat register ("c mama may 50php tapos nag-buy xa ng 3 lapis tig 8 magkano sukli")
 * read as the textbook sentences the reader knows ("si Mama may ₱50 pagkatapos nag-buy siya ng 3 lapis tig-8.
 * magkano sukli?"): chat spellings by a table and by the vowels they drop, amounts in their textbook forms,
 * and the question and the clauses of a run-on set apart as sentences when the student typed no punctuation.
 * Only a Filipino or Taglish text without sentence breaks is read so; English and exercises pass unchanged.
 */
import { detectLocale } from '../../../language.ts';
import { SHORTHAND } from '../../../lexicon/fold.ts';
import { FRACTION_WORDS, MULTIPLIER_WORDS } from '../../../lexicon/numbers.ts';
import {
  ACTIONS,
  FILIPINO_ROOTS,
  filipinoForms,
  QUESTION_STARTS,
  SHARE_WORDS,
  STOP_WORDS,
  TARGETS,
} from './lexicon.ts';

/** Chat spellings of the words of story problems, beside the general ones of the fold (SHORTHAND). */
const CHAT_WORDS: Record<string, string> = {
  c: 'si',
  q: 'ko',
  ky: 'kay',
  cna: 'sina',
  ung: 'ang',
  yung: 'ang',
  un: 'iyon',
  yun: 'iyon',
  nung: 'noong',
  nun: 'niyon',
  cya: 'siya',
  knya: 'kanya',
  kesa: 'kaysa',
  kesya: 'kaysa',
  tas: 'pagkatapos',
  tapos: 'pagkatapos',
  hm: 'magkano',
  hmn: 'magkano',
  mins: 'minutes',
  min: 'minutes',
  hrs: 'hours',
  hr: 'hour',
  secs: 'seconds',
  yrs: 'years',
  yr: 'year',
  pcs: 'pieces',
};

/**
 * Words a chat spelling may stand for when it drops only vowels of exactly one of them: the words of the
 * questions, the function words and the Filipino verbs made from their roots (those opening with a consonant:
 * "ian" is a name, not "iaani"). English verb forms and Taglish ones are left out ("pad" is not "paid").
 */
const SPELLED = new Set(
  [
    ...QUESTION_STARTS,
    ...Object.values(TARGETS).flat(),
    ...Object.values(FILIPINO_ROOTS)
      .flat()
      .flatMap(filipinoForms)
      .filter((w) => !/^[aeiou]/.test(w)),
    ...SHARE_WORDS,
    ...STOP_WORDS,
    ...Object.values(CHAT_WORDS),
    'kanya',
    'natin',
    'namin',
    'naman',
    'tapos',
    'bawat',
    'ngayon',
    'niya',
  ].filter((w) => /^\p{L}{3,}$/u.test(w)),
);

/** Words the reader knows as they are written: never read as another word's chat spelling. */
const KNOWN = new Set([...SPELLED, ...Object.values(ACTIONS).flat()]);

const VOWEL = /[aeiou]/;
const skeleton = (w: string): string => w.replace(/[aeiou]/g, '');

/** The known words by their consonants: a spelling that only drops vowels has the same ones. */
const BY_SKELETON = new Map<string, string[]>();
for (const w of SPELLED) BY_SKELETON.set(skeleton(w), [...(BY_SKELETON.get(skeleton(w)) ?? []), w]);

/** "lht" → "lahat", "magkno" → "magkano": the word has the letters in order and only vowels besides. */
function dropsVowelsOf(short: string, word: string): boolean {
  if (short.length >= word.length || short[0] !== word[0]) return false;
  let i = 0;
  for (const c of word) {
    if (c === short[i]) i++;
    else if (!VOWEL.test(c)) return false;
  }
  return i === short.length;
}

/** A known word this chat spelling stands for, by the table or by the vowels it drops; the word itself otherwise. */
export function chatWord(word: string): string {
  const lower = word.toLowerCase();
  const listed = CHAT_WORDS[lower] ?? (lower.length > 1 ? SHORTHAND[lower] : undefined);
  if (listed) return listed;
  if (lower.length < 3 || KNOWN.has(lower) || !/^\p{L}+$/u.test(lower)) return word;
  const full = (BY_SKELETON.get(skeleton(lower)) ?? []).filter((w) => dropsVowelsOf(lower, w));
  return full[0] !== undefined && full.length === 1 ? (CHAT_WORDS[full[0]] ?? full[0]) : word;
}

/**
 * Amounts as the reader expects them: the money sign before the number ("50php", "P 50", "₱ 50" → "₱50"), a
 * price for one ("₱8 isa" → "₱8 bawat isa"), "tig 15" joined, a factor in Taglish ("3x na mas", "3 times na
 * mas" → "3 beses na mas"; "3x more" → "3 times more"), a part of the amount told ("ang 1/3" → "ang 1/3
 * nito"), a clock time ("3 pm" → "3:00 pm"), and a unit of time asked in English after "ilang" read in
 * Filipino ("ilang minutes" → "ilang minuto").
 */
function amountForms(text: string): string {
  return text
    .replace(/(?<![\p{L}\d.,])(\d[\d,]*(?:\.\d+)?)\s*(?:php|₱)(?!\p{L})/giu, '₱$1')
    .replace(/(?<!\p{L})(?:php|p|₱)\s*(?=\d)/giu, '₱')
    .replace(/(₱\d[\d,]*(?:\.\d+)?)\s+(?=isa\b)/giu, '$1 bawat ')
    .replace(/\btig\s+(?=\d|₱)/giu, 'tig-')
    .replace(/\b(\d+)\s*(?:x|times)\s+(?=na\b)/giu, '$1 beses ')
    .replace(/\b(\d+)x(?=\s+(?:as|more)\b)/giu, '$1 times')
    .replace(PART_OF_IT, (part: string, _: string, at: number, whole: string) =>
      /\d\s+\p{L}/u.test(whole.slice(0, at)) ? `${part} nito` : part,
    )
    .replace(/(?<![\d:])(\d{1,2})\s*(am|pm)\b/giu, '$1:00 $2')
    .replace(/\b(ilang?)\s+(\p{L}+)/giu, (whole, ask: string, unit: string) => {
      const fil = FILIPINO_UNITS[unit.toLowerCase()];
      return fil ? `${ask} ${fil}` : whole;
    });
}

/**
 * A part given as an object with no whole after it ("binigay nya ung 1/3", "ung kalahati"): a part of the amount
 * told before it (none told: "hatiin ang 3/4 sa 1/2" is an exercise).
 */
const PART_OF_IT = new RegExp(
  String.raw`\b(ang\s+(?:\d+\/\d+|${Object.keys(FRACTION_WORDS).join('|')}))(?!\s*(?:\/|\d|ng\b|nito\b|nila\b|niyon\b|of\b))`,
  'giu',
);

/** Units of time asked in English after a Filipino question word ("ilang minutes") read in Filipino. */
const FILIPINO_UNITS: Record<string, string> = {
  seconds: 'segundo',
  minutes: 'minuto',
  hours: 'oras',
  days: 'araw',
  weeks: 'linggo',
};

/** Words before a person's name: the name is never read as a chat spelling ("c ben" is not "c been"). */
const PERSON_MARKERS = ['si', 'ni', 'kay', 'sina', 'nina', 'aling', 'mang'];

/** People named after a marker ("si ana", "ni mama", "aling nena"): capitalised, as the reader finds names. */
function capitaliseNames(text: string): string {
  return text.replace(
    new RegExp(`\\b(${PERSON_MARKERS.join('|')})\\s+(\\p{Ll}+)`, 'gu'),
    (whole, marker: string, name: string) =>
      STOP_WORDS.has(name) || KNOWN.has(name)
        ? whole
        : `${marker} ${name.charAt(0).toUpperCase()}${name.slice(1)}`,
  );
}

/** Words that join a run-on to the clause before it: the sentence goes on after them. */
const JOINERS = ['pagkatapos', 'tapos', 'saka', 'then', 'pero', 'kaya', 'kasi'];

/** Verbs of the story (not "has"): one followed by its subject opens a Filipino sentence ("nagbayad ako ng 20"). */
const VERBS = (Object.entries(ACTIONS) as [string, string[]][])
  .filter(([action]) => action !== 'has' && action !== 'need')
  .flatMap(([, forms]) => forms)
  .filter((w) => /^\p{L}[\p{L}-]+$/u.test(w))
  .join('|');
const SUBJECTS = 'ako|siya|sila|kami|tayo|niya|nila|ko|namin|si|sina|ni|nina';

/** A clause that tells something: an amount with a verb or "may" ("1000 pesos binigay ni Papa" is one clause). */
const TOLD = new RegExp(String.raw`(?:^|\s)(?:${VERBS}|${ACTIONS.has.join('|')})(?=\s|$)`, 'u');

/**
 * Where a run-on story starts a new sentence, after a clause that told an amount with its verb: the openings a
 * textbook would have put after a full stop ("… 6 na bags si Mama bawat bag" names the owner and goes on).
 */
const OPENINGS = [
  // a new subject with an amount of their own: "si Bea may 27", "si Mia 45 pesos"
  String.raw`(?:si|sina)\s+\p{Lu}\p{L}*\s+(?:may|mayroon|ay|\d|₱)`,
  // a comparative put first: "mas kaunti ng 17"
  String.raw`mas\s+\p{L}+\s+(?:ng|nang)\s+\d`,
  // a subject and its amount, after a joiner or not: "(tapos) ang groceries 864 pesos"
  String.raw`(?:(?:${JOINERS.join('|')})\s+)?ang\s+\p{L}+\s+₱?\d`,
  // a container and its content: "bawat bag may 12"
  String.raw`(?:bawat|kada)\s+\p{L}+\s+(?:ay\s+)?may\b`,
  // a factor of the amount just told: "doble nito ang kay Ben"
  String.raw`(?:${[...Object.keys(MULTIPLIER_WORDS), ...Object.keys(FRACTION_WORDS)].join('|')})\s+(?:nito|niyon)\b`,
  // a verb with its subject: "nagbayad ako ng 20"
  String.raw`(?:${VERBS})\s+(?:${SUBJECTS})\b`,
];
const NEW_SENTENCE = new RegExp(String.raw`\s+(?=${OPENINGS.join('|')})`, 'gu');

/** The run-on story with a full stop at each opening that follows a told clause. */
function newSentences(story: string): string {
  let from = 0;
  return story.replace(NEW_SENTENCE, (gap, at: number) => {
    const clause = story.slice(from, at);
    const last = /\p{L}+$/u.exec(clause)?.[0] ?? '';
    const told = /\d/.test(clause) && TOLD.test(clause) && !STOP_WORDS.has(last) && !JOINERS.includes(last);
    if (told) from = at;
    return told ? '. ' : gap;
  });
}

/** Filipino question words: a run-on story asks from the first one on (English questions keep their shape). */
const ASKING = ['ilan', 'ilang', 'magkano', 'gaano'];

/**
 * No sentence break typed: the question starts at its first question word after the story ("… ilan natira"),
 * and ends with "?"; a story opening with "kung"/"if" is a condition before it.
 */
function splitQuestion(text: string): string {
  const words = text.replace(/[.!?]+$/, '').split(' ');
  const at = words.findIndex((w, i) => i > 0 && ASKING.includes(w.toLowerCase()));
  if (at < 0) return `${words.join(' ')}${ASKING.includes(words[0] ?? '') ? '?' : ''}`;
  const story = newSentences(words.slice(0, at).join(' '));
  const joint = /^(?:kung|if)\b/i.test(story) ? ',' : '.';
  return `${story}${joint} ${words.slice(at).join(' ')}?`;
}

/**
 * A Filipino or Taglish text typed without sentence breaks, as the reader's sentences; any other text (English,
 * an exercise with a formula or an operation, a story already punctuated) comes back as it is.
 */
export function readChat(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (/[.!?]\s+\S|[=*^+×÷()]|\d\s+[-–]\s+\d/.test(text) || detectLocale(text).locale !== 'fil') return text;
  let marker = false;
  const spelled = text
    .split(' ')
    .map((w) => {
      const [, lead = '', core = '', tail = ''] = /^([^\p{L}]*)(\p{L}*)(.*)$/u.exec(w) ?? [];
      const read = core && !marker ? chatWord(core) : core;
      marker = PERSON_MARKERS.includes(read.toLowerCase());
      return `${lead}${read}${tail}`;
    })
    .join(' ');
  return splitQuestion(capitaliseNames(amountForms(spelled)));
}
