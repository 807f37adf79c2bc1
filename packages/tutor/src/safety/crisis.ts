import { foldWords, squeeze } from '../lexicon/fold.ts';
import { LEXICON, type WordClass } from './lexicon.ts';
import { type CrisisCategory, type Guard, RULES, type Rule, type Sign } from './rules.ts';

export type { CrisisCategory } from './rules.ts';

/**
 * The crisis check: does the student say they want to die, harm themselves or say goodbye, or that someone
 * hurts them? It reads folded words (lexicon/fold.ts) clause by clause and applies the rules of rules.ts over
 * the word classes of lexicon.ts: "someone who wants" + "dying", a method near "me", a goodbye to everyone,
 * never having been born, following a dead grandparent, being a burden, "binubugbog ako". Each rule is guarded
 * against negation, someone else as the subject, figures of speech, quoted songs and stories, and accidents.
 * Warning signs (signs.ts) count when two kinds meet. Said laughing about an everyday thing ("mamatay na ako sa
 * traffic haha"), a reading is hyperbole: low severity, unless it names a method or a plan. Denying the act
 * itself ("I'm not going to kill myself, I promise") is low too: a note for the teacher, not a hotline.
 */

export interface Reading {
  category: CrisisCategory;
  /** High: a crisis. Low: hyperbole worth a note, not a hotline. */
  severity: 'high' | 'low';
  /** The rule and the words it read ("wants to die: gusto ko nang mamatay"). */
  reading: string;
}

/** Words written apart that the lexicon reads as one ("self harm", "my self"). */
const JOINED: [string, string, string][] = [
  ['my', 'self', 'myself'],
  ['no', 'one', 'noone'],
  ['jump', 'rope', 'jumprope'],
  ['sewer', 'slide', 'sewerslide'],
  ['un', 'alive', 'unalive'],
];

const VOWELS = /[aeiou]/g;
const skeleton = (word: string) => squeeze(word.replace(VOWELS, ''));
const vowelCount = (word: string) => word.match(VOWELS)?.length ?? 0;

interface WordSet {
  words: Set<string>;
  /** Squeezed spellings, for stretched or doubled letters ("diee" → "die"). */
  keys: Set<string>;
  /** Consonant skeletons for text-speak without vowels ("mmtay" → "mamatay"). */
  skeletons: Map<string, number>;
}

/** Classes whose words text-speak writes without vowels ("gsto", "mmtay"). */
const DEVOWELLED = new Set<WordClass>(['WANT', 'DIE', 'ACT_INFINITIVE', 'ACT_DONE', 'LIVE']);

function wordSet(list: readonly string[], devowelled: boolean): WordSet {
  const skeletons = new Map<string, number>();
  for (const w of devowelled ? list : []) {
    const s = skeleton(w);
    if (s.length >= 3) skeletons.set(s, Math.max(skeletons.get(s) ?? 0, vowelCount(w)));
  }
  return { words: new Set(list), keys: new Set(list.map(squeeze)), skeletons };
}

const CLASSES = Object.fromEntries(
  Object.entries(LEXICON).map(([name, list]) => [name, wordSet(list, DEVOWELLED.has(name as WordClass))]),
) as Record<WordClass, WordSet>;

const LEXICON_WORDS = new Set(Object.values(LEXICON).flat());

/** The classes of each word seen, computed once per word (the lexicon is fixed). */
const memo = new Map<string, Set<WordClass>>();

export function classesOf(word: string): Set<WordClass> {
  let classes = memo.get(word);
  if (!classes) {
    if (memo.size > 50_000) memo.clear();
    // A word of the lexicon is read as written ("feel" is not "fell"); others by squeezed or skeleton spelling.
    const exact = LEXICON_WORDS.has(word);
    const key = squeeze(word);
    const vowels = vowelCount(word);
    const bones = vowels <= 1 && word.length >= 4 ? skeleton(word) : null;
    const inSet = ({ words, keys, skeletons }: WordSet) =>
      exact ? words.has(word) : keys.has(key) || (bones !== null && (skeletons.get(bones) ?? 0) > vowels + 1);
    classes = new Set((Object.keys(CLASSES) as WordClass[]).filter((c) => inSet(CLASSES[c])));
    const stem = classes.size ? undefined : stems(word).find((s) => LEXICON_WORDS.has(s));
    if (stem) classes = classesOf(stem);
    memo.set(word, classes);
  }
  return classes;
}

/** Filipino prefixes an English verb takes in Taglish: "mag-give up", "nag-cut", "ma-stress". */
const TAGLISH_PREFIXES = ['mag', 'nag', 'ma', 'na', 'i'];

/**
 * The forms a word of the lexicon may take that the lexicon does not list: English inflections ("cares",
 * "disappeared", "jumped", "hurting", "tries"), an English verb behind a Filipino prefix ("maggive", "nagcut")
 * and a Filipino word with its linker ("sinubukang"). Read only for words the lexicon does not hold as written.
 */
function stems(word: string): string[] {
  if (word.length < 4) return [];
  const inflected = [
    [/ies$/, 'y'],
    [/ied$/, 'y'],
    [/es$/, ''],
    [/s$/, ''],
    [/ed$/, ''],
    [/ed$/, 'e'],
    [/([^aeiou])\1ed$/, '$1'],
    [/ing$/, ''],
    [/ing$/, 'e'],
    [/([^aeiou])\1ing$/, '$1'],
  ] as const;
  const english = inflected.flatMap(([suffix, base]) =>
    suffix.test(word) ? [word.replace(suffix, base)] : [],
  );
  const prefixed = TAGLISH_PREFIXES.flatMap((p) =>
    word.startsWith(p) && word.length - p.length >= 3 ? [word.slice(p.length)] : [],
  );
  // The linker joins a Filipino word to the next: "-ng" after a vowel ("balak kong"), "-g" after n ("sinubukang").
  const linked = word.endsWith('ng') ? [word.slice(0, -2), word.slice(0, -1)] : [];
  return [...english, ...prefixed, ...linked].filter((s) => s.length >= 3);
}

const squeezed = new Map<string, string>();

function squeezeOnce(word: string): string {
  let key = squeezed.get(word);
  if (key === undefined) {
    if (squeezed.size > 50_000) squeezed.clear();
    key = squeeze(word);
    squeezed.set(word, key);
  }
  return key;
}

export const is = (word: string | undefined, cls: WordClass) => !!word && classesOf(word).has(cls);

type Slot =
  | {
      kind: 'word';
      test: (w: string) => boolean;
      optional: boolean;
      /** The classes or `=literal` words any one of which the message must hold for the slot to match. */
      keys: string[];
    }
  | { kind: 'gap'; max: number; fillerOnly: boolean };

function compile(pattern: string): Slot[] {
  return pattern.split(' ').map((part): Slot => {
    const gap = /^~(\d*)$/.exec(part);
    if (gap) return { kind: 'gap', max: gap[1] ? Number(gap[1]) : 5, fillerOnly: !gap[1] };
    const optional = part.endsWith('?');
    const alternatives = part.replace(/\?$/, '').split('|');
    const tests = alternatives.map((a) => {
      const literal = squeeze(a);
      return a in LEXICON ? (w: string) => is(w, a as WordClass) : (w: string) => squeezeOnce(w) === literal;
    });
    const keys = alternatives.map((a) => (a in LEXICON ? a : `=${squeeze(a)}`));
    return { kind: 'word', test: (w) => tests.some((t) => t(w)), optional, keys };
  });
}

/** The end of a match of `slots` starting at `at` (a clause boundary is an empty word), or -1. */
function matchAt(words: string[], slots: Slot[], at: number, i = 0): number {
  const slot = slots[i];
  if (!slot) return at;
  if (slot.kind === 'gap') {
    for (let skip = 0; skip <= slot.max; skip++) {
      if (skip > 0) {
        const w = words[at + skip - 1];
        if (!w || (slot.fillerOnly && !is(w, 'FILLER'))) break;
      }
      const end = matchAt(words, slots, at + skip, i + 1);
      if (end >= 0) return end;
    }
    return -1;
  }
  const w = words[at];
  if (w && slot.test(w)) {
    const end = matchAt(words, slots, at + 1, i + 1);
    if (end >= 0) return end;
  }
  return slot.optional ? matchAt(words, slots, at, i + 1) : -1;
}

export interface CompiledRule extends Rule {
  compiled: Slot[][];
  /** Per required word of every part, the keys one of which the message must hold. */
  required: string[][];
}

const COMPILED: CompiledRule[] = RULES.map((r) => {
  const compiled = r.parts.map(compile);
  const required = compiled.flatMap((slots) =>
    slots.flatMap((slot) => (slot.kind === 'word' && !slot.optional ? [slot.keys] : [])),
  );
  return { ...r, compiled, required };
});

/** The words of the clause around `index`, `before` words back and `after` words on. */
function around(words: string[], start: number, end: number, before: number, after: number): string[] {
  const out: string[] = [];
  for (let i = start - 1; i >= Math.max(0, start - before) && words[i]; i--) out.push(words[i] as string);
  for (let i = end; i < Math.min(words.length, end + after) && words[i]; i++) out.push(words[i] as string);
  return out;
}

/** The word after a match, past particles ("mamatay na lang ang …" → "ang", "disappear muna sa …" → "sa"). */
function nextContent(words: string[], end: number): string | undefined {
  let i = end;
  while (['na', 'nang', 'lang', 'talaga', 'pa', 'naman', 'muna'].includes(words[i] ?? '')) i++;
  return words[i];
}

/** Who share a last day with the student: a class ending, not one life. */
const SHARED = new Set(['namin', 'natin', 'our', 'we', 'kami', 'tayo']);
const CONDITIONS = new Set(['than', 'kaysa', 'if', 'kung', 'kapag', 'pag']);
/** Where one disappears to hide, not to die: "into a book", "under my blanket". */
const HIDING = new Set(['into', 'under', 'inside', 'behind', 'ilalim', 'loob']);
/** Words that give a cause: "mamatay sa hiya", "die of", "because of the readings". */
const CAUSE = new Set(['sa', 'of', 'from', 'because', 'dahil', 'due', 'over']);

/**
 * Said laughing, with a cause that is not life itself ("i wanna die sa dami ng readings haha", "mamatay na
 * ako sa traffic lol") or an everyday thing anywhere: hyperbole.
 */
function hyperbolic(words: string[], present: Set<string>): boolean {
  if (!present.has('LAUGHING')) return false;
  if (present.has('EVERYDAY')) return true;
  return words.some((w, i) => {
    if (!is(w, 'DIE') || !CAUSE.has(words[i + 1] ?? '')) return false;
    const cause = words.slice(i + 2, i + 5).filter((x) => x && !is(x, 'FILLER'));
    return cause.length > 0 && !cause.some((x) => is(x, 'LIVING') || is(x, 'EVERYTHING') || is(x, 'FIRST'));
  });
}
/** Words that start another clause, not name a thing: "they don't feed me when …". */
const CONNECTORS = new Set([
  ...CONDITIONS,
  'when',
  'since',
  'for',
  'because',
  'kasi',
  'and',
  'at',
  'tapos',
  'ilang',
]);

/** Up to `n` words before `start`, in the same clause. */
function clauseBefore(words: string[], start: number, n: number): string[] {
  const out: string[] = [];
  for (let i = start - 1; i >= Math.max(0, start - n) && words[i]; i--) out.push(words[i] as string);
  return out;
}

const GUARDS: Record<Guard, (words: string[], start: number, end: number) => boolean> = {
  negated: (w, s) => clauseBefore(w, s, 3).some((x) => is(x, 'NEG')),
  reported: (w, s) => {
    const before = clauseBefore(w, s, 2);
    return before.some((x) => is(x, 'OTHER')) && !before.some((x) => is(x, 'FIRST'));
  },
  /** "mamatay sa kakatawa", "die of boredom", "disappear from this group chat", "disappear into a book". */
  figurative: (w, _s, e) => {
    const next = nextContent(w, e);
    const after = around(w, e, e, 0, 4);
    if (is(next, 'IDIOM') || HIDING.has(next ?? '')) return true;
    return (
      ['sa', 'of', 'from', 'with', 'in'].includes(next ?? '') &&
      after.some((x) => is(x, 'IDIOM') || is(x, 'ONLINE'))
    );
  },
  otherSubject: (w, _s, e) => {
    const next = nextContent(w, e);
    return is(next, 'SUBJECT_MARKER') || is(next, 'OTHER');
  },
  accident: (w) => w.some((x) => is(x, 'ACCIDENT')),
  place: (w, _s, e) => is(w[e], 'PLACE'),
  count: (w, s) => /^\d/.test(w[s - 1] ?? ''),
  seeYou: (w) => w.some((x) => is(x, 'SEE_YOU')),
  livingThings: (w, _s, e) => is(w[e], 'LIVING_THINGS'),
  /** "lahat ng requirements": all of something, not everything. */
  ofSomething: (w, _s, e) =>
    (w[e] === 'ng' || w[e] === 'of') && !['ito', 'to', 'iyan', 'yan', 'this', 'it'].includes(w[e + 1] ?? ''),
  purpose: (w, _s, e) => ['so', 'para', 'tapos', 'then'].includes(w[e] ?? ''),
  somewhere: (w, _s, e) => ['sa', 'in', 'at'].includes(w[e] ?? ''),
  openEnded: (w, _s, e) => {
    let i = e;
    while (is(w[i], 'FILLER')) i++;
    return !!w[i] && !is(w[i], 'LIVING');
  },
  laughing: (w) => w.some((x) => is(x, 'LAUGHING')),
  dose: (w) =>
    w.some((x, i) => is(x, 'DOSE') && (x !== 'much' || w[i - 1] === 'how')) ||
    w.join(' ').includes('how many'),
  timed: (w, _s, e) => around(w, e, e, 0, 4).some((x) => is(x, 'TIME_OF_DAY')),
  /**
   * "sorry I was late", "sorry po, late ako": the next words, up to "and", say more than who ("sorry for
   * everything" says nothing more: it is a farewell's apology).
   */
  explained: (w, _s, e) => {
    const next = w.slice(e, e + 6);
    const stop = next.findIndex((x) => ['and', 'at', 'but', 'pero'].includes(x));
    return next
      .slice(0, stop < 0 ? undefined : stop)
      .some((x) => x && !is(x, 'FILLER') && !is(x, 'OTHER') && !is(x, 'FIRST') && !is(x, 'EVERYTHING'));
  },
  /** "a rope for PE", not "a blade for when it gets bad". */
  forSomething: (w, _s, e) => {
    const after = around(w, e, e, 0, 8);
    return after.some(
      (x, i) => is(x, 'FOR') && !CONNECTORS.has(after[i + 1] ?? '') && after[i + 1] !== 'kung',
    );
  },
  /** "hindi ko na kaya ang math", "im done with my homework": the words after name what. */
  object: (w, _s, e) => {
    let i = e;
    while (is(w[i], 'FILLER') && !['sa', 'ang', 'of', 'my'].includes(w[i] as string)) i++;
    const next = w[i];
    if (!next || is(next, 'LIVING') || is(next, 'EVERYTHING') || is(next, 'FIRST')) return false;
    return ['with', 'sa', 'ng', 'of', 'my', 'the', 'yung', 'ang', 'this', 'ito', 'to'].includes(next);
  },
  forNow: (w, _s, e) => around(w, e, e, 0, 5).some((x) => is(x, 'FOR_NOW')),
  schoolEnding: (w) => w.some((x) => is(x, 'SCHOOL_ENDING')),
  named: (w, _s, e) => {
    let i = e;
    while (is(w[i], 'FILLER')) i++;
    return !!w[i] && !CONNECTORS.has(w[i] as string);
  },
  backSoon: (w, _s, e) => around(w, e, e, 0, 4).some((x) => is(x, 'BACK_SOON')),
  replaced: (w) => w.some((x) => is(x, 'REPLACED')),
  /** "he works in Dubai": the one missed is alive. */
  livesOn: (w) => w.some((x) => is(x, 'LIVES_ON')),
  /** "mawawala ako sa klase", "I won't be here at school": a place that is not life. */
  elsewhere: (w, _s, e) => {
    const at = w[e] === 'dito' || w[e] === 'here' ? e + 1 : e;
    return (
      ['sa', 'in', 'at', 'from'].includes(w[at] ?? '') &&
      !around(w, at + 1, at + 1, 0, 3).some((x) => is(x, 'LIVING') || is(x, 'EVERYTHING'))
    );
  },
  away: (w, s, e) => is(w[e - 1], 'ABSENT') && (GUARDS.backSoon(w, s, e) || GUARDS.trip(w, s, e)),
  trip: (w) => w.some((x) => is(x, 'TRIP')),
  occasion: (w) => w.some((x) => is(x, 'OCCASION')),
  /** An occasion other than a gift: a gift alone is how a groomer courts a child. */
  celebration: (w) => w.some((x) => is(x, 'OCCASION') && !is(x, 'GROOMING')),
  scenery: (w) => w.some((x) => is(x, 'SCENERY') || is(x, 'TRIP')),
  outThere: (w) => w.some((x) => is(x, 'OUT_THERE')),
  continues: (w, _s, e) => !!w[e],
  past: (w) => w.some((x) => is(x, 'PAST')),
  ours: (w, _s, e) => around(w, e, e, 0, 3).some((x) => SHARED.has(x)),
  destination: (w, _s, e) => ['papunta', 'papuntang', 'to', 'sa', 'in', 'at'].includes(w[e] ?? ''),
  music: (w) => w.some((x) => is(x, 'MUSIC')),
  group: (w) => w.some((x) => is(x, 'GROUP')),
  excused: (w) => w.some((x) => is(x, 'EXCUSE')),
  moving: (w) => w.some((x) => is(x, 'MOVING')),
  /** "we set the date, the reunion is after christmas": a gathering in the clause of the date. */
  gathering: (w, s, e) => around(w, s, e, 4, 6).some((x) => is(x, 'GATHERING')),
  returning: (w) => w.some((x) => is(x, 'RETURNING')),
  schoolwork: (w) => w.some((x) => is(x, 'WORK') || is(x, 'EVERYDAY')),
  /** "picked the date for the party", "napili ang araw ng defense": the day of something named. */
  dateOf: (w, _s, e) =>
    ['for', 'of', 'ng', 'para', 'sa', 'nung', 'to', 'on', 'in'].includes(w[e] ?? '') && !is(w[e + 1], 'NEG'),
  /** "I'd rather die than eat ampalaya haha", "I'll die if I fail lol": a comparison or a condition, laughing. */
  joke: (w, _s, e) =>
    w.some((x) => is(x, 'LAUGHING')) && around(w, e, e, 0, 8).some((x) => CONDITIONS.has(x)),
};

/** Modal verbs that start a clause without a subject in ordinary prose ("Will die without water"). */
const MODALS = new Set(['will', 'might', 'should', 'could', 'would', 'can']);

/**
 * Whether the student is the subject: a first-person word near the match (within the rule's window), or a
 * clause that starts with the match and names no one else ("thinking of jumping …").
 */
function speaks(words: string[], start: number, end: number, window: number, named: boolean): boolean {
  const from = Math.max(0, start - 5 - window);
  const near = window
    ? words.slice(from, end + 5 + window)
    : around(words, start, end, 5, 5).concat(words.slice(start, end));
  if (near.some((x) => is(x, 'FIRST'))) return true;
  if (named) return false;
  // A clause without a subject of its own: a Filipino verb comes first and its subject after ("uminom ng lason
  // si Simoun"), so any other person nearby is the subject.
  let first = start;
  while (is(words[first - 1], 'FILLER')) first--;
  const clauseStart = !words[first - 1] && !MODALS.has(words[start] ?? '');
  return clauseStart && !near.some((x) => is(x, 'OTHER') || is(x, 'SUBJECT_MARKER'));
}

/** A rule's reading, or its denial ("I'm not going to kill myself") when only a negation dropped it. */
function fires(rule: CompiledRule, words: string[]): { text: string; denied: boolean } | null {
  const [first, ...rest] = rule.compiled;
  if (!first) return null;
  let denial: string | null = null;
  const guards: Guard[] = [
    ...(rule.unguarded ? [] : (['negated', 'reported'] as const)),
    ...(rule.guards ?? []),
  ];
  for (let start = 0; start < words.length; start++) {
    if (!words[start]) continue;
    const end = matchAt(words, first, start);
    if (end < 0) continue;
    const window = rule.window ?? 0;
    const near = (slots: Slot[]) => {
      for (let at = Math.max(0, start - window); at <= Math.min(words.length - 1, end + window); at++)
        if (words[at] && matchAt(words, slots, at) >= 0) return true;
      return false;
    };
    if (!rest.every(near)) continue;
    if (rule.self && !speaks(words, start, end, window, rule.self === 'named')) continue;
    const text = `${rule.id}: ${words.slice(start, end).join(' ')}`;
    const dropped = guards.filter((g) => GUARDS[g](words, start, end));
    if (!dropped.length) return { text, denied: false };
    if (rule.act && dropped.every((g) => g === 'negated')) denial ??= text;
  }
  return denial === null ? null : { text: denial, denied: true };
}

/** Quoted lines of a song, poem or story the student asks about are not the student speaking. */
function withoutQuotedWork(text: string): string {
  if (!/["“‘']/.test(text) || !foldWords(text).some((w) => is(w, 'WORK'))) return text;
  return text.replace(/"[^"]*"|“[^”]*”|'[^']{6,}'|‘[^’]*’/g, ' ');
}

/** The message as folded words, clauses apart by an empty word, with split words joined ("self harm"). */
export function crisisWords(text: string): string[] {
  const clauses = withoutQuotedWork(text)
    .replace(/[😂🤣😆😹]/gu, ' haha ')
    .split(/[.?;,:!]+(?=\s|$)|[()\n]+/);
  const words = clauses.flatMap((c) => [...foldWords(c, { leet: true, shorthand: true }), '']);
  for (let i = words.length - 2; i >= 0; i--) {
    const [a = '', b] = [words[i], words[i + 1]];
    const joined = JOINED.find(([x, y]) => a === x && b === y);
    if (joined) words.splice(i, 2, joined[2]);
    else if (a.endsWith('self') && b?.startsWith('harm')) words.splice(i, 2, `${a}${b}`);
  }
  return words;
}

/** What the rules read in a message: its words, the rules that fired, denials, and each warning sign's words. */
export interface RuleReading {
  words: string[];
  present: Set<string>;
  found: { rule: CompiledRule; reading: string }[];
  denials: string[];
  signs: Map<Sign, string>;
}

/** Applies every rule to the message (see detectCrisis for what the readings mean). */
export function readRules(text: string): RuleReading {
  const words = crisisWords(text);
  // What the message holds (classes and words), so a rule missing a required word is skipped at once.
  const present = new Set<string>();
  for (const w of words) {
    if (!w) continue;
    present.add(`=${squeezeOnce(w)}`);
    for (const c of classesOf(w)) present.add(c);
  }
  const found: { rule: CompiledRule; reading: string }[] = [];
  const denials: string[] = [];
  const signs = new Map<Sign, string>();
  for (const rule of COMPILED) {
    if (!rule.required.every((keys) => keys.some((k) => present.has(k)))) continue;
    const hit = fires(rule, words);
    if (hit?.denied) denials.push(`denies: ${hit.text}`);
    else if (hit && rule.sign) signs.set(rule.sign, signs.get(rule.sign) ?? hit.text);
    else if (hit) found.push({ rule, reading: hit.text });
  }
  return { words, present, found, denials, signs };
}

/** Signs that only say when: with no act of preparing, farewell or leaving beside them, they do not count. */
const WHEN_ONLY = new Set<Sign>(['soon']);
const ACTS = new Set<Sign>([
  'preparing',
  'farewell',
  'planned',
  'alone',
  'hidden',
  'last time',
  'ending it',
  'unwanted',
  'gone',
  'erasing',
]);

/** The kinds of warning sign that count together (signs.ts). */
function kinds(signs: Map<Sign, string>): number {
  const acted = [...signs.keys()].some((k) => ACTS.has(k));
  return [...signs.keys()].filter((k) => acted || !WHEN_ONLY.has(k)).length;
}

/** The readings of a crisis in the message (self-harm or abuse); empty when there is none. */
export function detectCrisis(text: string, read: RuleReading = readRules(text)): Reading[] {
  const { words, present, found, denials, signs } = read;
  const readings = found.map(({ rule, reading }) => ({ category: rule.category ?? 'self_harm', reading }));
  if (kinds(signs) >= 2)
    readings.push({
      category: 'self_harm',
      reading: `warning signs together: ${[...signs.values()].join(' + ')}`,
    });
  // A denial alone ("hindi ako magpapakamatay, promise") is a note for a person to follow up, not a crisis.
  if (!readings.length)
    return denials.slice(0, 1).map((reading) => ({ category: 'self_harm', reading, severity: 'low' }));
  const hyperbole = hyperbolic(words, present) && !found.some(({ rule }) => rule.plan);
  return readings.map((r) => ({ ...r, severity: hyperbole && r.category === 'self_harm' ? 'low' : 'high' }));
}
