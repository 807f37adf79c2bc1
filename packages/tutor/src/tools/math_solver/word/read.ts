import { DENOMINATORS, FRACTION_WORDS, findNumberWords, MULTIPLIER_WORDS } from '../../../lexicon/numbers.ts';
import { type Q, q, ZERO } from '../num.ts';
import {
  ACTIONS,
  type Action,
  AGE_WORDS,
  AS_FACTORS,
  CURRENCY_WORDS,
  DAILY_WORDS,
  EACH_WORDS,
  KIN_TITLES,
  KIN_WORDS,
  LESS_WORDS,
  MORE_WORDS,
  QUESTION_STARTS,
  STOP_WORDS,
  TARGETS,
  type Target,
  TIME_UNITS,
  UNIT_WORDS,
} from './lexicon.ts';

/** One quantity of a story: its value, what it counts, and the clause it sits in. */
export interface Quantity {
  value: Q;
  /** As written, e.g. "₱54", "24", "3/4". */
  text: string;
  /** "₱", "$" or "" (not money). */
  currency: string;
  /** Price or amount for each one: "₱5 each", "tig-5", "3 per box", "a pack has 10 pieces". */
  each: boolean;
  /** What "each" refers to ("box" in "12 per box", "pack" in "a pack has 10"); "" when not named. */
  per: string;
  /** Read as "each" only from the sentence shape ("a pack has 10"): plain when nothing pairs with it. */
  weak: boolean;
  /** Written as a percent ("20%", "20 percent"). */
  percent: boolean;
  /** Describes a thing rather than counting it ("a 3-page letter", "six-sided dice"), or a fraction "of". */
  attribute: boolean;
  /** The person the clause is about (a name, or the last one named before a pronoun); null when none. */
  owner: string | null;
  /** The words after the number that name what it counts (lemmas), empty for "5 to Ben". */
  noun: string[];
  /** The noun as written after the number, for the answer's unit ("apples", "pahina"). */
  nounText: string;
  clause: number;
  /** Lower-cased clause text before the number (the action that moves it is read there). */
  before: string;
  /** Lower-cased clause text after the number. */
  after: string;
}

/** The head noun of what an amount counts ("apples" of "green apples"); "" when it names none. */
export const head = (x: { noun: string[] }): string => x.noun.at(-1) ?? '';

/** A story problem read into clauses, quantities and the question. */
export interface Story {
  clauses: string[];
  /** The question (or request), lower-cased; `shown` is as the student wrote it. */
  question: string;
  shown: string;
  /** The last sentence asks the question, so the schemas may read the story. */
  readable: boolean;
  quantities: Quantity[];
  /** Quantities written in the question itself. */
  asked: Quantity[];
  targets: Target[];
  /** Numbers recognised as not needed: dates, clock times, ordinals, grades. */
  ignored: string[];
  /** Names of people in the story, lower-cased. */
  names: string[];
}

/** Capitalised words that are not names. */
const NOT_NAMES = new Set(
  (
    'the if how what when she he they it his her their there in on a an each after then find i we you my our ' +
    'tig ito iyon dito doon si ang ilan ilang magkano kung may mayroon sa nang noong ano siya sila kami tayo ako ng mga ni kay ' +
    "mr mrs ms dr gng g bb aling mang lola lolo tita tito ate kuya nanay tatay teacher ma'am sir " +
    'monday tuesday wednesday thursday friday saturday sunday lunes martes miyerkules huwebes biyernes sabado linggo ' +
    'last yesterday today tomorrow tonight once note kahapon ngayon bukas'
  ).split(' '),
);

const NUMBER = String.raw`\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d+\/\d+|\/\d+)?`;
const QTY = new RegExp(
  String.raw`(tig-\s*)?(₱|\$|\bphp\s?|\bp(?=\d))?\s*(${NUMBER})(?![\d:])(\s*(?:%|percent\b|porsyento\b))?`,
  'giu',
);
/** Numbers that label rather than count: ordinals, clock times, years, grades, rooms. */
const LABEL_BEFORE =
  /(?:ika-|grade\s+|baitang\s+|room\s+|silid\s+|section\s+|seksyon\s+|barangay\s+|brgy\.?\s+|purok\s+|apartment\s+|no\.\s*|#|:|(?<!\b(?:this|last|next|every|each|per|a|one)\s)year\s+|noong\s+)$/i;
/** A year after "in", "since", "noong": "built in 1998". */
const YEAR = /^(?:19|20)\d\d$/;
const YEAR_BEFORE = /\b(?:in|since|of|noong|taong|year)\s+$/i;
const LABEL_AFTER = /^(?:st|nd|rd|th|:\d|\s*(?:am|pm|a\.m\.|p\.m\.)\b)/i;
/** Months, English and Filipino, and their short forms: "on May 15", "15 ng Disyembre" are dates ("May 15 na lapis" is not). */
const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|oktubre|nobyembre|disyembre|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const DATE_BEFORE = new RegExp(`\\b(?:on|noong|of|by|since|until|from|to)\\s+(?:${MONTHS})\\s+$`, 'i');
const DATE_AFTER = new RegExp(`^\\s*(?:(?:ng|of)\\s+)?(?:${MONTHS})\\b`, 'i');

/** Whole-word (or whole-phrase) test on lower-case text. */
const WORD_RES = new Map<string, RegExp>();

/** A whole-word (or whole-phrase) regex, compiled once per phrase. */
function wordRe(phrase: string): RegExp {
  let re = WORD_RES.get(phrase);
  if (!re) {
    const esc = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = new RegExp(`(?:^|[^\\p{L}-])${esc}(?=$|[^\\p{L}-])`, 'gu');
    WORD_RES.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Whole-word (or whole-phrase) test on lower-case text. */
export function hasWord(text: string, phrase: string): boolean {
  return wordRe(phrase).test(text);
}

/** Every written form of an action, by its words ("gave away" → lose); the first action listed keeps a shared form. */
const ACTION_OF = new Map<string, Action>();
for (const [a, words] of Object.entries(ACTIONS) as [Action, string[]][])
  for (const w of words) if (!ACTION_OF.has(w)) ACTION_OF.set(w, a);
const LONGEST_ACTION = Math.max(...[...ACTION_OF.keys()].map((w) => w.split(' ').length));

/** "ng ate niya", "si ate": a title of kin after a Filipino case marker names a person ("ate" is no verb there). */
function titled(text: string, at: number, phrase: string): boolean {
  return (
    KIN_TITLES.includes(phrase) && /(?:^|\s)(?:si|ni|kay|ng|ang|sa|sina|nina)\s$/.test(text.slice(0, at))
  );
}

/** The last action named in the text, by the end of its words (the longer phrase when two end together). */
export function lastAction(text: string): Action | null {
  const tokens = [...text.matchAll(/[\p{L}-]+/gu)];
  let best: { a: Action; at: number } | null = null;
  for (const [i, first] of tokens.entries()) {
    let phrase = first[0];
    for (let n = 0; n < LONGEST_ACTION; n++) {
      const last = tokens[i + n];
      if (!last) break;
      if (n > 0) {
        const prev = tokens[i + n - 1] as RegExpExecArray;
        if (text.slice(prev.index + prev[0].length, last.index) !== ' ') break;
        phrase += ` ${last[0]}`;
      }
      const a = titled(text, first.index, phrase) ? undefined : ACTION_OF.get(phrase);
      const at = last.index + last[0].length;
      if (a && (!best || at > best.at)) best = { a, at };
    }
  }
  return best?.a ?? null;
}

/** "one"/"isang" said as an article ("in one hour", "sa isang tray", "a piece of one"): left as a word. */
const ARTICLE_BEFORE =
  /\b(?:sa|in|on|at|of|for|per|a|every|kada|bawat|ng|ang|into|to|from|after|within)\s+$/i;

/** Number words as digits, except "one" said as "each one" ("bawat isa", "tig-isa"). */
function digitsForWords(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findNumberWords(text)) {
    if (m.kind !== 'cardinal') continue;
    if (/(?:bawat|each|tig-|kada)\s*$/i.test(text.slice(0, m.start))) continue;
    if (m.value === 1 && ARTICLE_BEFORE.test(text.slice(0, m.start))) continue;
    out += text.slice(at, m.start) + String(m.value);
    at = m.end;
    const linker = /^\s+na\b/.exec(text.slice(at));
    if (linker) at += linker[0].length;
  }
  return out + text.slice(at);
}

/** "twice as many", "half as long" written as "2 times as many", "0.5 times as long". */
function asFactors(text: string): string {
  // "twice as many", "twice the number of", "thrice that much"; "twice a week" stays a frequency
  return text
    .replace(/\b(\p{L}+)(?=\s+(?:as\s+\p{L}+|the\s+(?:number|amount|price|cost)|that)\b)/gu, (w) => {
      const factor = AS_FACTORS[w.toLowerCase()];
      return factor ? `${factor} times` : w;
    })
    .replace(
      /\b(doble|triple)\s+(?=(?:ng|nito|niyon|kaysa)\b)/giu,
      (_, w: string) => `${MULTIPLIER_WORDS[w.toLowerCase()]} beses `,
    );
}

/** A fraction said in words, as digits: "one-fourth of", "3-fifths", "half of the 36", "kalahati ng", "ikatlong bahagi". */
function fractionWords(text: string): string {
  const denominators = Object.keys(DENOMINATORS).join('|');
  const halves = Object.keys(FRACTION_WORDS).join('|');
  return text
    .replace(
      new RegExp(String.raw`\b(\d+|an?|one)[-\s](${denominators})s?\b`, 'giu'),
      (_, n: string, d: string) => `${/\d/.test(n) ? n : '1'}/${DENOMINATORS[d.toLowerCase()]}`,
    )
    .replace(
      new RegExp(String.raw`\b(?:an?\s+)?(${halves})(?=\s+(?:(?:lang|lamang)\s+)?(?:of|ng|nito)\b)`, 'giu'),
      (_, w: string) => (FRACTION_WORDS[w.toLowerCase()] as [number, number]).join('/'),
    )
    .replace(/\b(ika-?\p{L}+)\s+bahagi\b/giu, (whole, w: string) => {
      const d = findNumberWords(w)[0];
      return d?.kind === 'ordinal' && d.text === w ? `1/${d.value}` : whole;
    });
}

/** Filipino comparatives said before their amount ("mas kaunti ng 17", "higit nang 5"). */
const COMPARED_FIRST = new RegExp(
  String.raw`\b(${[...MORE_WORDS, ...LESS_WORDS].filter((w) => /^(?:mas |higit$|kulang$)/.test(w)).join('|')})\s+(?:ng|nang)\s+(${NUMBER})(?![\d:/])`,
  'giu',
);

/** "mas kaunti ng 17 ang cards ni Lea" read as "17 na mas kaunti ang cards ni Lea": the comparison after its amount. */
function comparedAfter(text: string): string {
  return text.replace(COMPARED_FIRST, (_, word: string, n: string) => `${n} na ${word}`);
}

/** "5 dozen eggs", "12 dosenang lapis" as the count (60, 144); a dozen without a number stays unread. */
function dozens(text: string): string {
  return text.replace(
    /(?<![\d.,/])(\d+)\s+(?:dozens?|dosena|dosenang)(?:\s+(?:of|na|ng)\b)?/giu,
    (_, n: string) => String(Number(n) * 12),
  );
}

/** A noun's singular, enough to match "apples" with "apple" and "boxes" with "box". */
export function lemma(w: string): string {
  const linked = w.slice(0, -2);
  if (w.endsWith('ng') && (UNIT_WORDS.includes(linked) || CURRENCY_WORDS.includes(linked))) return linked;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && /(?:ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** "46 trading cards": an -ing/-ed word before a plain noun describes it rather than acting. */
function modifiesNoun(rest: string): boolean {
  const next = /^\s+([\p{L}-]+)/u.exec(rest)?.[1];
  return (
    next !== undefined && !STOP_WORDS.has(next) && lastAction(next) === null && !/(?:ed|ing|ly)$/.test(next)
  );
}

/** The noun after a number: up to three words, stopping at a function word or punctuation. */
function nounAfter(after: string): { lemmas: string[]; text: string } {
  const lead =
    /^\s*(?:more|fewer|less|pa|pang|times as \p{L}+|(?:na )?beses(?: na dami)? (?:ng|nito|kaysa))\s+/u.exec(
      after,
    );
  if (lead) return nounAfter(after.slice(lead[0].length));
  const words: string[] = [];
  for (const m of after.matchAll(/[\p{L}-]+|[^\s\p{L}-]/gu)) {
    const w = m[0];
    if (w === 'na' && words.length === 1 && /^na\s+[\p{L}-]+/u.test(after.slice(m.index))) continue;
    // "15 students playing" stops at the verb; right after the number "saging" and "trading cards" are nouns
    const first = words.length === 0;
    const verbal = first
      ? /.{3}ed$/.test(w) && !modifiesNoun(after.slice(m.index + w.length))
      : /.{3}(?:ed|ing)$/.test(w);
    if (!/\p{L}/u.test(w) || STOP_WORDS.has(w) || words.length === 3 || verbal || /^tig-/.test(w)) break;
    if (lastAction(w) !== null) break;
    words.push(w);
  }
  const skipLinker = /^\s*(?:na|ng)\s+/.exec(after);
  if (words.length === 0 && skipLinker) return nounAfter(after.slice(skipLinker[0].length));
  return { lemmas: words.map(lemma), text: words.join(' ') };
}

/** "12", "2.5", "3/4", "1 1/2" as an exact number; null for a zero denominator. */
function readNumber(text: string): Q | null {
  const [whole, frac] = text.split(/\s+/) as [string, string | undefined];
  if (/\/0+$/.test(frac ?? whole)) return null;
  return frac ? q(whole).add(q(frac)) : q(whole);
}

/** A container named before its content: "a pack of pandesal has 10", "each tray holds 30", "1 pencil costs 8". */
const CONTAINER =
  /^(?:ang\s+)?(?:a|an|1|each|every|isang|bawat|kada)\s+([\p{L}-]+)(?:\s+(?:of|ng)\s+[\p{L}-]+)?\s+(?:has|have|holds|contains|costs|cost|weighs|weigh|can carry|can hold|carries|may|nagkakahalaga|ay)\b/u;

/** "Each of the 35 pupils brought 3 bottles", "Bawat isa sa 35 na bata ay nagdala ng 3": each of the counted ones. */
const EACH_OF =
  /\b(?:each|every one|bawat isa)\s+(?:of|sa)\s+(?:(?:the|his|her|their|our|my|mga)\s+)?[\d,.]+\s+(?:na\s+)?([\p{L}-]+)\b[^\d]*$/u;

/** "5 books, each of which cost $2": the amount after is for each one. */
const EACH_OF_WHICH =
  /\beach\s+of\s+(?:which|them|these|those)\s+(?:costs?|is|are|was|were|weighs?|has|had|holds?|contains?)\s*$/;

/** Seconds in a unit of time ("minute", "ora" — the lemma of "oras"); null for any other word. */
export function secondsIn(unit: string): number | null {
  return TIME_UNITS[unit] ?? TIME_UNITS[`${unit}s`] ?? null;
}

/** A rate over time after a number: "a day", "isang oras", "daily", "araw-araw" → the unit. */
function timeRate(near: string): string | null {
  const daily = Object.keys(DAILY_WORDS).find((w) => hasWord(near, w));
  if (daily) return DAILY_WORDS[daily] ?? null;
  const unit = /(?:^|\s)(?:a|an|isang|in one|sa loob ng isang)\s+([\p{L}]+)/u.exec(near)?.[1];
  return unit && secondsIn(lemma(unit)) ? lemma(unit) : null;
}

/** "in a week", "sa isang linggo" in the question: a duration of 1 of that unit, written as a number. */
function oneDuration(question: string): string {
  return question.replace(
    /\b(in|for|within|over|sa|ng)\s+(?:a|an|one|isang)\s+(\p{L}+)/gu,
    (whole, by: string, unit: string) => (secondsIn(lemma(unit)) ? `${by} 1 ${unit}` : whole),
  );
}

/** How "each" attaches to a number: after it ("₱5 each", "3 per box", "₱50 a kilo"), or from a container before it. */
function perUnit(
  before: string,
  after: string,
  currency: string,
): { per: string | null; weak: boolean; skipOne: boolean } {
  const near = after.split(/[,.;\d]| and | at /)[0] ?? '';
  const named = /(?:^|\s)(?:each|per|every|bawat|kada|in each|on each|in every)\s+([\p{L}-]+)/u.exec(near);
  if (named?.[1] && !/^(?:of|one|isa)$/.test(named[1]))
    return { per: lemma(named[1]), weak: false, skipOne: false };
  const rate = timeRate(near);
  if (rate) return { per: rate, weak: false, skipOne: false };
  if (EACH_WORDS.some((w) => hasWord(near, w))) return { per: '', weak: false, skipOne: false };
  const article = /^\s*(?:[\p{L}-]+\s+)?(?:an?\s+(\p{L}+)|ang\s+(?:isa|1)\b)/u.exec(after);
  if (currency && article && !article[1]) return { per: '', weak: false, skipOne: false };
  if (currency && article?.[1] && !/^(?:total|lahat|bill|week|month|year)$/.test(article[1]))
    return { per: lemma(article[1]), weak: false, skipOne: false };
  const unit = /^\s*(?:[\p{L}-]+\s+)?ang\s+(\p{L}+)/u.exec(after)?.[1];
  if (currency && unit && UNIT_WORDS.includes(lemma(unit)))
    return { per: lemma(unit), weak: false, skipOne: false };
  const eachOf = EACH_OF.exec(before)?.[1];
  if (eachOf) return { per: lemma(eachOf), weak: false, skipOne: false };
  if (EACH_OF_WHICH.test(before)) return { per: '', weak: false, skipOne: false };
  // "May 5 bags si Mama, at bawat bag ay may 2 kilos": the container opens the last part of the clause
  const part =
    before
      .split(/[,;]\s*(?:(?:and|at)\s+)?|\s(?:and|at)\s/)
      .at(-1)
      ?.trim() ?? '';
  const container = CONTAINER.exec(part);
  if (container?.[1]) return { per: lemma(container[1]), weak: true, skipOne: false };
  const one = CONTAINER.exec(`${before.trim()} 1${after}`.trim());
  return { per: null, weak: false, skipOne: Boolean(one && /^(?:ang)?$/.test(before.trim())) };
}

function readQuantities(clause: string, index: number, ignored: string[]): Quantity[] {
  const out: Quantity[] = [];
  for (const m of clause.matchAll(QTY)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const before = clause.slice(0, m.index);
    const afterAll = clause.slice(m.index + m[0].length);
    const fraction =
      /\b(?:a|an|one|two|three|1|2|3)\s+$/.test(clause.slice(0, start)) &&
      /^(?:st|nd|rd|th)\b/.test(afterAll);
    const label =
      LABEL_BEFORE.test(clause.slice(0, start)) ||
      LABEL_AFTER.test(afterAll) ||
      DATE_BEFORE.test(clause.slice(0, start)) ||
      DATE_AFTER.test(afterAll);
    const year = YEAR.test(m[3] ?? '') && YEAR_BEFORE.test(clause.slice(0, start));
    if (!fraction && (label || year)) {
      ignored.push(m[0].trim());
      continue;
    }
    const sign = (m[2] ?? '').trim();
    // "a 500-peso bill", "a 180-page book": the number counts the unit joined to it
    const joined = /^-(\p{L}+)(?![\p{L}-])/u.exec(afterAll)?.[1];
    const noun = joined ? { lemmas: [lemma(joined)], text: joined } : nounAfter(afterAll);
    const currency =
      sign === '$' || noun.lemmas[0] === 'dollar' || noun.lemmas[0] === 'cent'
        ? '$'
        : sign ||
            CURRENCY_WORDS.includes(noun.text.split(' ')[0] ?? '') ||
            CURRENCY_WORDS.includes(noun.lemmas[0] ?? '')
          ? '₱'
          : '';
    const number = (m[3] as string).replace(/,/g, '');
    const value = readNumber(number);
    // "sa mga tolda na tig-8": the share is for each of the noun before it
    const tigOf = m[1] ? /([\p{L}-]+)\s+na\s*$/u.exec(before)?.[1] : undefined;
    const found = perUnit(before, afterAll, currency);
    const unit = !found.per && tigOf && !STOP_WORDS.has(tigOf) ? { ...found, per: lemma(tigOf) } : found;
    // "one $50 bill": a count of the amount after it; one is an article, more ("two 100-peso bills") is unread
    const counts = /^\s*(?:₱|\$|php)?\s*\d/i.test(afterAll);
    if ((unit.skipOne && value?.equals(1) && !currency) || (counts && value?.equals(1))) {
      ignored.push(m[0].trim());
      continue;
    }
    const each = Boolean(m[1]) || unit.per !== null;
    out.push({
      value: value ?? ZERO,
      text: clause.slice(start, m.index + m[0].length).trim(),
      currency,
      each,
      per: unit.per ?? '',
      weak: !m[1] && unit.weak,
      percent: Boolean(m[4]),
      attribute:
        value === null ||
        counts ||
        fraction ||
        (!joined && /^-\p{L}/u.test(afterAll)) ||
        afterAll.startsWith('/') ||
        /^\s*(?:\p{L}+\s+)?(?:by|x)\s+\d/u.test(afterAll) ||
        /\/\d+$/.test(number) ||
        /^\s*of\b(?!\s+(?:them|these|those|it)\b)/.test(afterAll),
      owner: null,
      noun: currency ? [] : noun.lemmas,
      nounText: currency ? '' : noun.text,
      clause: index,
      before,
      after: afterAll,
    });
  }
  return out;
}

/** Splits a sentence before "and"/"at" when an action follows ("had 20 apples and gave 5 away"). */
function clausesOf(sentence: string): string[] {
  const parts = sentence.split(/(,?\s+(?:and then|then|and|at saka|saka|pagkatapos|at)\s+)(?=[\p{L}\d₱$])/u);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const p = parts[i] as string;
    // "5 got off and 9 got on": an amount with its own verb starts a clause; "… and 9 oranges" does not
    const starts = lastAction(p.split(/\s+/).slice(0, 3).join(' ')) !== null;
    if (out.length > 0 && !starts) out[out.length - 1] += `${parts[i - 1]}${p}`;
    else out.push(p);
  }
  return out;
}

/** "her brother read …", "his sister has …": a relative as the subject is another person, not the pronoun's. */
function kinOf(before: string): string | null {
  const kin = /^(?:his|her|their|my|our)\s+(\p{L}+)\s/u.exec(before);
  if (!kin?.[1] || /\b(?:him|her|them|me|us)\b/.test(before.slice(kin[0].length))) return null;
  return kin[1];
}

/**
 * A quantity that only describes a person and that nothing else mentions: an age when the question asks no
 * age ("Nestor is 35 years old"), or a count of relatives in a clause of its own ("Jose has 2 brothers").
 */
function aside(x: Quantity, all: Quantity[], question: string, text: string): boolean {
  const age =
    AGE_WORDS.some((w) => hasWord(x.after.split(/[,.;]/)[0] ?? '', w)) ||
    (/\bwho\s+(?:is|was|turned)\s*$/.test(x.before) && /^\s*(?:[,.;]|and\b|$)/.test(x.after));
  if (age)
    return !AGE_WORDS.some((w) => hasWord(question, w)) && !/\b(?:old|age|edad|taon|years?)\b/.test(question);
  const kin = KIN_WORDS.includes(x.noun.at(-1) ?? '');
  const alone = all.every((y) => y === x || y.clause !== x.clause);
  // relatives named once in the whole text: "Tickets cost $1 for children" would make them part of the story
  const once = (text.match(/\p{L}+/gu) ?? []).filter((w) => KIN_WORDS.includes(lemma(w))).length === 1;
  return kin && alone && once;
}

/** "Sam's father is 38": the one a name possesses is the one the clause is about. */
function possessed(before: string, names: string[]): string | null {
  const m = /\b(\p{L}+)['’]s\s+(\p{L}+)/u.exec(before);
  return m?.[1] && m[2] && names.includes(m[1]) && !STOP_WORDS.has(m[2]) ? m[2] : null;
}

/**
 * "May 56 na sticker si Lea", "ang 30 lapis ni Ben", "doble nito ang kay Ben": Filipino names the owner after
 * the amount; a name after
 * "kaysa"/"than" is the one compared with ("5 na mas marami kaysa sa holen ni Ben").
 */
function ownerAfter(after: string, names: string[]): string | null {
  const name = /^(?:(?!\b(?:kaysa|than)\b)[^\d.;?])*?\b(?:si|ni|ang\s+kay)\s+(\p{L}+)/u.exec(after)?.[1];
  return name && names.includes(name) ? name : null;
}

function isQuestion(sentence: string): boolean {
  const first = sentence.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return sentence.trim().endsWith('?') || QUESTION_STARTS.includes(first);
}

/**
 * Reads a story, as `readChat` leaves one typed in chat: prose before the last sentence (or an if-clause), or
 * one sentence counting two things ("… a 35oz barrel if the 24oz barrel has 60 servings …"); null for an
 * exercise that is not a story.
 */
export function readStory(raw: string): Story | null {
  // "Tumakbo si Paolo", "Bumili ang …": a Filipino sentence opens with its verb, and the name follows si/ang
  const verbFirst = new Set(
    [...raw.matchAll(/(?:^|[.!?]\s+)(\p{Lu}\p{Ll}+)\s+(?:si|sina|ni|nina|ang|ng|kay)\b/gu)].map((m) =>
      (m[1] as string).toLowerCase(),
    ),
  );
  const names = [
    ...new Set([...raw.matchAll(/\b\p{Lu}\p{Ll}+(?![\p{L}-])/gu)].map((m) => m[0].toLowerCase())),
  ].filter(
    (w) =>
      !NOT_NAMES.has(w) &&
      !STOP_WORDS.has(w) &&
      !verbFirst.has(w) &&
      !lastAction(w) &&
      !QUESTION_STARTS.includes(w),
  );
  const text = comparedAfter(
    dozens(fractionWords(digitsForWords(asFactors(raw.replace(/\s+/g, ' ').trim())))),
  );
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => s.trim());
  let shown = sentences.at(-1) ?? '';
  const body = sentences.slice(0, -1).map((s) => s.toLowerCase());
  const comma = shown.lastIndexOf(', ');
  const clause = shown.slice(0, comma).toLowerCase();
  if (comma > 0 && /\d/.test(clause) && /^(?:if|kung|when|after|pagkatapos)\b/.test(clause)) {
    body.push(
      shown
        .slice(0, comma)
        .toLowerCase()
        .replace(/^(?:if|kung)\s+/, ''),
    );
    shown = shown.slice(comma + 2);
  }
  const inner = /^(.*?\S)\s+(?:if|kung)\s+(.*\d.*?)[?.]?$/i.exec(shown);
  if (inner?.[1] && inner[2] && isQuestion(inner[1])) {
    body.push(inner[2].toLowerCase());
    shown = `${inner[1]}?`;
  }
  const question = oneDuration(shown.toLowerCase());
  const clauses = body.flatMap(clausesOf);
  const ignored: string[] = [];
  const asked = readQuantities(question, -1, ignored);
  const quantities = clauses
    .flatMap((c, i) => readQuantities(c, i, ignored))
    .filter((x, _, all) => !aside(x, all, question, text.toLowerCase()) || !ignored.push(x.text));
  const prose = (body.join(' ').match(/\p{L}{3,}/gu) ?? []).length >= 4;
  const hyphened = asked.filter((x) => /^-\p{L}/u.test(x.after)).length;
  const counted =
    asked.filter((x) => x.noun.length > 0 || x.currency).length + hyphened >= (hyphened > 0 ? 2 : 3);
  const compared = asked.filter((x) => x.noun.length > 0).length >= 2 && /\b(?:than|kaysa)\b/.test(question);
  if (quantities.length === 0 && !prose && !counted && !compared) return null;
  let owner: string | null = null;
  let last: Quantity | null = null;
  for (const qt of quantities) {
    // "gave 17 to his friends", "ginastos niya ang 25": a bare number counts what the one before it counts
    // … but not what a price for each one counts ("turon na tig-15 piso. Nakabenta siya ng 24")
    const factor = /^\s*(?:times|beses|na beses)\b/.test(qt.after);
    if (last && !last.each && !factor && qt.noun.length === 0 && !qt.currency && !qt.each) {
      qt.currency = last.currency;
      qt.noun = last.noun;
      qt.nounText = last.nounText;
    }
    last = qt;
    // the subject of the part of the clause the number is in: "David broke 2, while William broke 4 times …"
    const part = qt.before.split(/[,;]|\s(?:while|but|habang|pero)\s/).at(-1) ?? '';
    const firstName = (text: string) => (text.match(/\p{L}+/gu) ?? []).find((w) => names.includes(w));
    // "… 52 na cards at 17 na mas kaunti ang cards ni Lea": an amount right after "at" names its owner after it
    const joined = /\s(?:and|at)$/.test(qt.before.trimEnd()) ? ownerAfter(qt.after, names) : null;
    const named = joined ?? firstName(part) ?? firstName(qt.before);
    owner = possessed(qt.before, names) ?? named ?? kinOf(qt.before) ?? ownerAfter(qt.after, names) ?? owner;
    qt.owner = owner;
  }
  const targets = (Object.keys(TARGETS) as Target[]).filter((t) =>
    TARGETS[t].some((w) => hasWord(question, w)),
  );
  const comparative = [...MORE_WORDS, ...LESS_WORDS].some((w) => hasWord(question, w));
  if (
    comparative &&
    /\b(?:how much|how many|by how|gaano|ilan|ilang|magkano)\b/.test(question) &&
    !targets.includes('more')
  )
    targets.push('more');
  const readable = isQuestion(shown);
  return { clauses, question, shown, readable, quantities, asked, targets, ignored, names };
}
