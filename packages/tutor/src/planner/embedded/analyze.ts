import { type EmotionalCue, feelingsIn } from '../../lexicon/feelings.ts';
import {
  classOf,
  contentWords,
  EXERCISE_FRAME,
  foldWord,
  QUESTION_WORDS,
  type WordClass,
} from '../../lexicon/fillers.ts';
import { expandShorthand, fold, foldCase } from '../../lexicon/fold.ts';
import { replaceNumberWords } from '../../lexicon/numbers.ts';
import { looksLikeMath, solveMath } from '../../tools/math_solver/engine.ts';
import {
  ANALOGIES_OFF,
  ANALOGIES_ON,
  COUNT_NOUNS,
  DEPTH_CUES,
  type Depth,
  DIFFICULTY_CUES,
  DO_MY_WORK,
  DONT_KNOW,
  EXAMPLES_OFF,
  EXAMPLES_ON,
  FOLLOW_UP,
  GIVING_UP,
  GREETING,
  HINT,
  LEVEL_WORDS,
  type Level,
  NOT_A_COUNT,
  type NoteStyle,
  QUESTION_TYPE_CUES,
  type QuestionType,
  SCORE,
  SHOW_STEPS,
  STYLE_CUES,
  SWITCH_TOPIC,
} from './cues.ts';
import { ARTIFACT_TOOLS, PRACTICE, TOOL_CUES } from './intents.ts';
import { extractTopicPhrase } from './topic.ts';

export interface Stated<T> {
  value: T;
  reason: string;
}

/** What one message states on its own, before context, profile or defaults are consulted. */
export interface Analysis {
  text: string;
  tool: Stated<string> | null;
  exercise: boolean;
  /** The message without the request around it: the exercise when there is one. */
  problem: string | null;
  topic: string | null;
  /** "what about friction?", "and adjectives?", "paano naman ang friction?": the last request, a new topic. */
  switchTopic: boolean;
  count: Stated<number> | null;
  difficulty: Stated<Level> | null;
  depth: Stated<Depth> | null;
  style: Stated<NoteStyle> | null;
  examples: Stated<boolean> | null;
  analogies: Stated<boolean> | null;
  questionTypes: Stated<QuestionType[]> | null;
  hint: 'nudge' | 'next' | 'similar' | null;
  answerOnly: boolean;
  /** "show the steps again", "step by step": the worked steps of a solution. */
  showSteps: boolean;
  struggling: boolean;
  tired: boolean;
  /** "ayoko na", "I give up", "I hate math": the student wants to stop. */
  givingUp: boolean;
  /** "do my homework", "sagutan mo na lang ang exam ko": graded work the student asks the tutor to do. */
  doMyWork: boolean;
  confident: boolean;
  /** Every feeling the message states (`lexicon/feelings.ts`), in the table's order. */
  feelings: EmotionalCue[];
  followUp: 'harder' | 'easier' | 'more' | null;
  greeting: boolean;
}

/** What the math engine makes of a text: its kind of exercise and answer; "" when it cannot read it. */
function engineReading(text: string): string {
  const r = solveMath(text);
  return r.kind === 'unsupported' ? '' : `${r.kind}:${r.answer}`;
}

/** Classes a request around an exercise is made of ("can you please", "ako", "ngayon", "this"). */
const REQUEST_CLASSES: (WordClass | null)[] = [
  'request',
  'particle',
  'person',
  'you',
  'modal',
  'understanding',
  'feeling',
  'time',
  'reference',
];

const keyOf = (token: string) => foldWord(token).replace(/[^\p{L}-]/gu, '');

/** A word and its stem without a Filipino request prefix ("paki-compute", "pasolve" → "compute", "solve"). */
const formsOf = (key: string) => [key, key.replace(/^(?:paki|pa|i)-?/, '')];

/** A word of the request: of a request class or an exercise's frame ("solve", "hint", "paki-compute"). */
const requestWord = (key: string) =>
  key === '' || formsOf(key).some((k) => EXERCISE_FRAME.has(k) || REQUEST_CLASSES.includes(classOf(k)));

/**
 * A word of the request before an exercise: of a request class, a frame word ("solve", "hint"), a question
 * word before a linker or the math ("what is", "ano ang"), or — once the request is cut — a linker or the
 * unknown it names ("what is THE gcf", "solve FOR X: …").
 */
function leadingFrame(token: string, next: string, afterCut: boolean): boolean {
  if (/\d/.test(token)) return false;
  const key = keyOf(token);
  const nextKey = keyOf(next);
  if (QUESTION_WORDS.has(key))
    return /\d/.test(next) || classOf(nextKey) === 'function' || EXERCISE_FRAME.has(nextKey);
  if (requestWord(key)) return true;
  return afterCut && (classOf(key) === 'function' || key.length === 1);
}

/**
 * Where the request after an exercise begins: every word after its last number when they are all words of
 * a request ("… = 30 for me", "… = 0 for w"), else its closing particles and request words ("… decimal
 * places please"); a speaker's word inside the sentence stays ("… ang sukli ko?").
 */
function trailingRequest(words: string[], end: number): number {
  let at = end;
  while (at > 0 && !/\d/.test(words[at - 1] as string)) {
    const key = keyOf(words[at - 1] as string);
    if (!(requestWord(key) || classOf(key) === 'function' || key.length === 1)) break;
    at--;
  }
  if (at === 0 || /\d/.test(words[at - 1] as string)) return at;
  let closing = end;
  while (closing > 0 && !['person', 'you'].includes(classOf(keyOf(words[closing - 1] as string)) ?? '')) {
    if (!requestWord(keyOf(words[closing - 1] as string))) break;
    closing--;
  }
  return closing;
}

/** A clause after a comma with no number and only request words (", don't tell me the answer", ", patulong"). */
function requestClause(clause: string): boolean {
  const words = clause.split(/\s+/).map(keyOf).filter(Boolean);
  return words.length > 0 && !/\d/.test(clause) && words.every((w) => requestWord(w) || classOf(w) !== null);
}

/**
 * The exercise without the request around it ("solve this for me please: 5x - 4 = 21" → "5x - 4 = 21"):
 * request words are cut from either end for as long as the math engine reads the rest as the same
 * exercise, so an operation it needs stays ("round … to 2 decimal places", "GCF ng 12 at 18").
 */
function exerciseOf(message: string): string | null {
  const clauses = message.trim().split(/(?<=,)\s+/);
  while (clauses.length > 1 && requestClause(clauses[clauses.length - 1] as string)) clauses.pop();
  const words = clauses.join(' ').split(/\s+/).filter(Boolean);
  const same = engineReading(message);
  const keeps = (from: number, to: number) =>
    !same || engineReading(words.slice(from, to).join(' ')) === same;
  let start = 0;
  let end = words.length;
  while (start < end - 1 && leadingFrame(words[start] as string, words[start + 1] as string, start > 0)) {
    if (!keeps(start + 1, end)) break;
    start++;
  }
  const tail = trailingRequest(words, end);
  if (tail > start && keeps(start, tail)) end = tail;
  const text = words
    .slice(start, end)
    .join(' ')
    .replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '');
  return text.length > 0 ? text : null;
}

/**
 * The math engine decides what is an exercise: one it can solve, or one that looks like math and is not a
 * request for a number of items ("5 computation problems on percent").
 */
function isExercise(message: string, asksForItems: boolean): boolean {
  if (!/\d/.test(message)) return !asksForItems && looksLikeMath(message);
  return solveMath(message).kind !== 'unsupported' || (!asksForItems && looksLikeMath(message));
}

function firstMatch<T>(
  text: string,
  cues: { value: T; pattern: RegExp; reason: string }[],
): Stated<T> | null {
  let best: { index: number; cue: Stated<T> } | null = null;
  for (const cue of cues) {
    const m = cue.pattern.exec(text);
    if (m && (best === null || m.index < best.index))
      best = { index: m.index, cue: { value: cue.value, reason: cue.reason } };
  }
  return best?.cue ?? null;
}

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
  for (const clause of digits.split(/[,;:!?]|\.(?!\d)/)) {
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

/**
 * A level alone in a later clause of a request ("gawa ka ng quiz sa fractions, mahirap"): a level word among
 * words of a request's classes. A first clause alone ("mahirap") is a feeling, not a setting.
 */
function loneLevel(text: string): Stated<Level> | null {
  for (const clause of text.split(/[,;]/).slice(1)) {
    const words = clause.trim().split(/\s+/).filter(Boolean);
    const level = (Object.keys(LEVEL_WORDS) as Level[]).find((l) =>
      words.some((w) => LEVEL_WORDS[l].includes(w)),
    );
    const rest = words.filter((w) => !level || !LEVEL_WORDS[level].includes(w));
    if (level && contentWords(rest).every((w) => classOf(w) !== null))
      return { value: level, reason: `the student asks for ${level} ("${clause.trim()}")` };
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

/**
 * The number of items the message asks for. Number words are read first by the number lexicon
 * ("isang dosenang tanong" → "12 tanong", "sampu" → "10"), so every pattern below reads digits.
 */
function statedCount(text: string): Stated<number> | null {
  const digits = replaceNumberWords(text);
  const after = new RegExp(
    `${COUNT_NOUNS}\\s*(?:[:(=]|x|×|\\bof\\b|\\bna\\b)?\\s*(\\d{1,3})\\b(?!\\s*(?:[-+*/^=]|th|st|nd|rd))`,
  ).exec(digits);
  const ofThem = /(\d{1,3})\s+(?:of them|pieces|piraso|lahat)\b/.exec(digits);
  const given =
    /\b(?:give me|gimme|bigyan mo (?:ako )?ng|gawan mo (?:ako )?ng|make|create|generate|i want|i need|gusto ko ng|pa)\s+(\d{1,3})\b(?!\s*[-+*/^=%.])/.exec(
      digits,
    );
  const small = (m: RegExpExecArray | null) =>
    m?.[1] && Number(m[1]) >= 1 && Number(m[1]) <= 50 ? asked(Number(m[1]), m[0]) : null;
  return (
    countBeforeNoun(digits) ??
    (after?.[1] ? asked(Number(after[1]), after[0]) : null) ??
    small(ofThem) ??
    vagueCount(text) ??
    loneCount(digits) ??
    small(given)
  );
}

function statedTool(text: string, exercise: boolean, topic: string | null): Stated<string> | null {
  const hits = Object.entries(TOOL_CUES)
    .map(([tool, pattern]) => ({ tool, index: pattern.exec(text)?.index ?? -1 }))
    .filter((h) => h.index >= 0);
  const artifact = hits.filter((h) => ARTIFACT_TOOLS.includes(h.tool)).sort((a, b) => a.index - b.index)[0];
  if (artifact)
    return {
      value: artifact.tool,
      reason: `the student names it ("${text.slice(artifact.index, artifact.index + 24).trim()}…")`,
    };
  if (exercise) return { value: 'math_solver', reason: 'the message contains an exercise to work out' };
  if (PRACTICE.test(text)) return { value: 'quiz_generator', reason: 'the student asks for practice' };
  if (hits.some((h) => h.tool === 'math_solver') && (/\d/.test(text) || !topic))
    return { value: 'math_solver', reason: 'the student asks to compute something' };
  if (hits.some((h) => h.tool === 'concept_explainer'))
    return { value: 'concept_explainer', reason: 'the student asks what something is or how it works' };
  return null;
}

/** An include/exclude switch the message may state; "no examples" wins over "examples". */
function toggle(text: string, off: RegExp, on: RegExp, what: string): Stated<boolean> | null {
  if (off.test(text)) return { value: false, reason: `the student asks for no ${what}` };
  if (on.test(text)) return { value: true, reason: `the student asks for ${what}` };
  return null;
}

const analyses = new Map<string, Analysis>();

/**
 * Reads a message, memoised: a turn re-reads the conversation's earlier messages (for the previous request
 * and the context topic), and the same messages come back turn after turn.
 */
export function analyze(message: string): Analysis {
  let known = analyses.get(message);
  if (!known) {
    known = analyzeText(message);
    if (analyses.size >= 2000) analyses.delete(analyses.keys().next().value as string);
    analyses.set(message, known);
  }
  return known;
}

/** A name the student gives ("I'm Carlo", "ako si Juan"), written with a capital: never a topic. */
const INTRODUCED =
  /(?:\b[Ii]'?m|\b[Ii] am|\b[Mm]y name is|\b[Cc]all me|\b[Aa]ko (?:ay )?si|\b[Pp]angalan ko ay)\s+(\p{Lu}\p{Ll}+)/u;

function analyzeText(message: string): Analysis {
  const text = expandShorthand(foldCase(message))
    .replace(/\bpaki-?(?=[a-z]{3})/g, '')
    .replace(/\b(?:pa|i)-?(?=(?:quiz|solve|explain|summari[sz]e|flash\s*cards?|review|round)\b)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const count = statedCount(text);
  const feelings = feelingsIn(fold(message));
  const exercise = !SCORE.test(text) && isExercise(message, count !== null);
  const name = INTRODUCED.exec(message)?.[1]?.toLowerCase();
  const topic = extractTopicPhrase(name ? text.replace(new RegExp(`\\b${name}\\b`, 'g'), ' ') : text);
  const types = QUESTION_TYPE_CUES.filter((c) => c.pattern.test(text)).map((c) => c.value);
  const hint = HINT.similar.test(text)
    ? 'similar'
    : HINT.next.test(text)
      ? 'next'
      : HINT.nudge.test(text)
        ? 'nudge'
        : null;
  // "too easy", "gets ko na", "I already know this": asking for harder.
  const greeting = GREETING.test(text);
  // "too easy", "gets ko na": asking for harder — unless it closes a thank-you ("thank you! gets ko na").
  const ready = feelings.includes('confident') && !greeting && !FOLLOW_UP.easier.test(text);
  const followUp =
    FOLLOW_UP.harder.test(text) || ready
      ? 'harder'
      : FOLLOW_UP.easier.test(text)
        ? 'easier'
        : FOLLOW_UP.more.test(text)
          ? 'more'
          : null;
  return {
    text,
    tool: statedTool(text, exercise, topic),
    exercise,
    problem: exerciseOf(message),
    topic,
    switchTopic: SWITCH_TOPIC.test(text),
    count,
    difficulty: firstMatch(text, DIFFICULTY_CUES) ?? loneLevel(text),
    depth: firstMatch(text, DEPTH_CUES),
    style: firstMatch(text, STYLE_CUES),
    examples: toggle(text, EXAMPLES_OFF, EXAMPLES_ON, 'examples'),
    analogies: toggle(text, ANALOGIES_OFF, ANALOGIES_ON, 'analogies'),
    questionTypes:
      types.length > 0 ? { value: types, reason: `the student asks for ${types.join(' and ')}` } : null,
    hint,
    answerOnly: HINT.answerOnly.test(text),
    showSteps: SHOW_STEPS.test(text),
    struggling: feelings.some((f) => f !== 'tired' && f !== 'confident') || DONT_KNOW.test(text),
    tired: feelings.includes('tired'),
    givingUp: GIVING_UP.test(text),
    doMyWork: DO_MY_WORK.test(text),
    confident: feelings.includes('confident'),
    feelings,
    followUp,
    greeting,
  };
}
