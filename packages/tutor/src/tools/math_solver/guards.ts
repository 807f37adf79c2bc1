/**
 * Precision guards shared by the families: a family that read only part of a story must not answer it.
 * A number of the story — written in digits or as a word ("three", "twice", "dalawang", "kalahati") — that
 * no step of the solution mentions is data the family ignored, so its answer would be a guess.
 */
import type { FamilySolver, Solved } from './types.ts';

/** Quantity words and the values a solution that used them shows (half → 1/2 or ÷ 2). */
const QUANTITY_WORDS: Record<string, number[]> = {
  one: [1],
  two: [2],
  three: [3],
  four: [4],
  five: [5],
  six: [6],
  seven: [7],
  eight: [8],
  nine: [9],
  ten: [10],
  eleven: [11],
  twelve: [12],
  thirteen: [13],
  fourteen: [14],
  fifteen: [15],
  sixteen: [16],
  seventeen: [17],
  eighteen: [18],
  nineteen: [19],
  twenty: [20],
  thirty: [30],
  forty: [40],
  fourty: [40],
  fifty: [50],
  sixty: [60],
  seventy: [70],
  eighty: [80],
  ninety: [90],
  hundred: [100],
  thousand: [1000],
  million: [1000000],
  half: [0.5, 2],
  twice: [2],
  double: [2],
  doubled: [2],
  doubles: [2],
  triple: [3],
  tripled: [3],
  triples: [3],
  halved: [0.5, 2],
  halves: [0.5, 2],
  thrice: [3],
  quarter: [0.25, 4],
  dozen: [12],
  dozens: [12],
  isa: [1],
  dalawa: [2],
  dalawang: [2],
  tatlo: [3],
  tatlong: [3],
  apat: [4],
  lima: [5],
  limang: [5],
  anim: [6],
  pito: [7],
  pitong: [7],
  walo: [8],
  walong: [8],
  siyam: [9],
  sampu: [10],
  sampung: [10],
  kalahati: [0.5, 2],
  kalahating: [0.5, 2],
  doble: [2],
  dinoble: [2],
  doblehin: [2],
  dosena: [12],
  dosenang: [12],
};

/** Filipino number words built from parts ("labindalawa", "dalawampu't lima", "limang daan"): any of them. */
const FILIPINO_COMPOUND = /^(?:labi|labing|[a-z]+(?:pu|pung)|[a-z]*daan|[a-z]*raan|libo|libong)$/;

const NUMBER = /\d+(?:\.\d+)?/g;

/** The values a solution's steps mention. */
function stepValues(solved: Solved): Set<number> {
  const text = solved.steps.map((s) => `${s.description} ${s.expression}`).join(' ');
  return new Set((text.replace(/(\d),(?=\d{3}\b)/g, '$1').match(NUMBER) ?? []).map(Number));
}

const MULTIPLIERS: Record<string, number> = { hundred: 100, thousand: 1000, million: 1000000 };

/** English cardinal words read together: "twenty-one" is 21, "one hundred thousand" is 100000. */
function cardinal(words: string[]): number {
  let total = 0;
  let current = 0;
  for (const w of words) {
    const m = MULTIPLIERS[w];
    if (m === 100) current = (current || 1) * 100;
    else if (m) {
      total += (current || 1) * m;
      current = 0;
    } else current += QUANTITY_WORDS[w]?.[0] ?? 0;
  }
  return total + current;
}

/** Cardinal words that join into one number; the others (half, twice, dozen, Filipino words) stand alone. */
const JOINS =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)$/;

/** Each number of the problem as the values that show it was used; null for one the guard cannot place. */
function problemNumbers(lower: string): (number[] | null)[] {
  const digits = (lower.match(NUMBER) ?? []).map((n) => [Number(n)]);
  const words: (number[] | null)[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) words.push([cardinal(run)]);
    run = [];
  };
  for (const m of lower.matchAll(/\p{L}+|[^\p{L}]+/gu)) {
    const w = m[0];
    if (JOINS.test(w)) run.push(w);
    else if (/^[\s-]+$/.test(w) && run.length) continue;
    else {
      flush();
      if (QUANTITY_WORDS[w]) words.push(QUANTITY_WORDS[w]);
      else if (FILIPINO_COMPOUND.test(w)) words.push(null);
    }
  }
  flush();
  return [...digits, ...words];
}

/** Words of an exercise's instruction and question, in both languages: they do not tell a story. */
const INSTRUCTION_WORDS = new Set(
  (
    'the and what how many much are there for with from into than then that this which when where who let ' +
    'suppose solve calculate compute find give determine evaluate work out express simplify expand factor ' +
    'round nearest decimal places ang ng sa at mga ano ilan ilang magkano na ay kung si ni'
  ).split(' '),
);

/**
 * A story: a problem told in sentences (people, things, what happens to them), not an exercise written as
 * math with a few words of instruction. Six words of prose are more than any instruction has.
 */
export function isStory(lower: string): boolean {
  return proseWords(lower) >= 4;
}

/** How many words of the text tell something: not instruction, not question, not a number. */
export function proseWords(lower: string): number {
  return (lower.match(/\p{L}{3,}/gu) ?? []).filter((w) => !INSTRUCTION_WORDS.has(w) && !QUANTITY_WORDS[w])
    .length;
}

/** How many numbers the text holds, in digits or in words. */
export function countNumbers(lower: string): number {
  return problemNumbers(lower).length;
}

const QUESTION_WORD =
  /\b(?:how|what|which|who|when|where|find|ilan|ilang|magkano|gaano|ano|anong|alin|sino|kailan|saan|hanapin)\b/g;

/**
 * The question of a problem: its last question sentence from the question word on ("If he … misses Friday,
 * how many hours …?" → "how many hours …?"), or the last sentence.
 */
export function questionOf(lower: string): string {
  const sentences = lower.split(/(?<=[.?!])\s+(?=\S)/).filter((x) => x.trim());
  const last = sentences.findLast((x) => x.includes('?')) ?? sentences[sentences.length - 1] ?? lower;
  const from = [...last.matchAll(QUESTION_WORD)].at(-1)?.index ?? 0;
  return last.slice(from);
}

/** Words that make something happen again and again ("every day", "bawat linggo", "tuwing Sabado"). */
const REPEATS =
  /\b(?:every|each|daily|weekly|monthly|yearly|weekdays?|weekends?|per|(?<!\b(?:of|in)\s)a\s+(?:day|week|month|year)|araw-araw|bawat|kada|tuwing|linggo-linggo|buwan-buwan)\b/;
/** A question about one time: "… each day?", "… bawat araw?". */
const ONE_TIME = /\b(?:each|every|per|daily|bawat|kada|tuwing|araw-araw)\b/;
/** A question about a total over a period: "… in a week?", "… sa isang buwan?". */
const OVER_A_PERIOD =
  /\b(?:in|for|over|within)\s+(?:a|an|one|\d+)\s+\w+|\bsa\s+(?:loob\s+ng\s+)?(?:isang|\d+)\s+\w+/;

/**
 * A story that repeats what it tells ("airs from 2:00 to 2:30 pm every weekday") while its question does not
 * ask about one time: one interval or one conversion is not the answer.
 */
export function repeatsUnasked(lower: string): boolean {
  const question = questionOf(lower);
  return isStory(lower) && REPEATS.test(lower) && (!ONE_TIME.test(question) || OVER_A_PERIOD.test(question));
}

/** A question about what is left, about the others or about the whole, in English and Filipino. */
const REST_ASKED =
  /\b(?:left|remain\w*|rest|others?|not|after|all|total|altogether|whole|natira|natitira|matitira|naiwan|hindi|iba|pagkatapos|matapos|lahat|kabuuan)\b/;
/** A question about a difference: how many more, how much is left or still needed. */
const DIFFERENCE_ASKED =
  /\b(?:more|less|fewer|left|remain\w*|rest|needed|pa|natira|natitira|matitira|kulang|kailangan)\b/;

/** Does the question ask how many more, or how much is left ("Ilang minuto pa?")? */
export function asksForDifference(lower: string): boolean {
  return DIFFERENCE_ASKED.test(questionOf(lower));
}
/** The thing a question counts: "how many girls", "ilan ang babae", "ilang mangga". */
const COUNTED =
  /\b(?:how\s+many|ilan|ilang)\s+(?:(?:ang|na|mga|pa|lahat|kaya|are|is|were|was|will|did|does|do|can|of|the|there)\s+)*(\p{L}{3,})/u;

/**
 * Does the question ask for another part than the one a part-of-a-whole family computes? "Sold 80% of 150
 * kilos. How many are left?", "30% ng 200 na mag-aaral ay lalaki. Ilan ang babae?" (the girls are never named
 * before the question).
 */
export function asksForAnotherPart(lower: string): boolean {
  const question = questionOf(lower);
  if (REST_ASKED.test(question)) return true;
  const counted = COUNTED.exec(question)?.[1];
  const before = lower.slice(0, lower.lastIndexOf(question));
  if (!counted || !before.trim() || /^(?:percent|porsyento|porsiyento|bahagdan)$/.test(counted)) return false;
  return !before.includes(counted.replace(/(?:es|s)$/, ''));
}

/** A number in the question and the thing it counts: "magkano ang 10 kuwaderno", "5 kilos of onions". */
const QUESTION_QUANTITY =
  /\d+(?:\.\d+)?\s+(?:(?:na|ng|mga|pang)\s+)?(\p{L}{3,})(?:\s+(?:of|ng)\s+(\p{L}{3,}))?/gu;

/**
 * Does the question count something the story never named? "Kung ang 4 na lapis ay 36 piso, magkano ang 10
 * kuwaderno?" gives the price of pencils, not of notebooks.
 */
export function namesSomethingNew(lower: string): boolean {
  const question = questionOf(lower);
  const before = lower.slice(0, lower.lastIndexOf(question));
  if (!before.trim()) return false;
  return [...question.matchAll(QUESTION_QUANTITY)].some((m) =>
    [m[1], m[2]].some((w) => w && !before.includes(w.replace(/(?:es|s)$/, ''))),
  );
}

/** Does every number of the problem show up in the solution's steps? */
export function usesEveryNumber(lower: string, solved: Solved): boolean {
  const shown = stepValues(solved);
  return problemNumbers(lower).every((values) => values?.some((v) => shown.has(v)) ?? false);
}

/**
 * The family, answering a story only when its solution accounts for every number of the story. With
 * `exercises`, an exercise too must have every number written in digits in its steps ("Round 2,449 to the
 * nearest hundred, then add 50"); families whose steps combine the numbers (equations, sequences, expressions)
 * leave it out.
 */
export function everyNumberUsed(family: FamilySolver, options = { exercises: false }): FamilySolver {
  return (norm, lower, c) => {
    const solved = family(norm, lower, c);
    if (!solved || solved.kind === 'unsupported') return solved;
    if (isStory(lower)) return usesEveryNumber(lower, solved) && !namesSomethingNew(lower) ? solved : null;
    if (!options.exercises) return solved;
    const shown = stepValues(solved);
    const everyDigit = (lower.match(NUMBER) ?? []).every((n) => shown.has(Number(n)));
    return everyDigit && !namesSomethingNew(lower) ? solved : null;
  };
}

/** `everyNumberUsed` for the families whose steps show every number they read: exercises are checked too. */
export const everyNumberUsedAnywhere = (family: FamilySolver) => everyNumberUsed(family, { exercises: true });
