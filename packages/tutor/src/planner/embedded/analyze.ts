import { type EmotionalCue, feelingsIn } from '../../lexicon/feelings.ts';
import { CHOOSING, classOf, contentWords, foldWord, joinPairs, NEGATORS } from '../../lexicon/fillers.ts';
import { expandShorthand, fold, foldCase } from '../../lexicon/fold.ts';
import { type CountChange, countChange, statedCount } from './count.ts';
import {
  ANALOGIES_OFF,
  ANALOGIES_ON,
  COMPARED,
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
  type NoteStyle,
  QUESTION_TYPE_CUES,
  type QuestionType,
  SCORE,
  SHOW_STEPS,
  SOLVED_FORM,
  STYLE_CUES,
  SUPERLATIVES,
  SWITCH_TOPIC,
} from './cues.ts';
import { exerciseOf, isExercise } from './exercise.ts';
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
  /** A score the student reports ("got 5/5", "3/5 lang ako"): how a quiz went. */
  score: boolean;
  /** The message without the request around it: the exercise when there is one. */
  problem: string | null;
  topic: string | null;
  /** "what about friction?", "and adjectives?", "paano naman ang friction?": the last request, a new topic. */
  switchTopic: boolean;
  count: Stated<number> | null;
  /** "add 5 more", "bawasan ng 2", "doblehin mo": a change to the last count, not a count of its own. */
  countChange: Stated<CountChange> | null;
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
  /** "so x is 30? why?": an answer restated, about the last exercise rather than a new one. */
  restatesAnswer: boolean;
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
  /** "kahit ano, ikaw bahala", "anything, you pick": only class words, one leaving the choice to the tutor. */
  leavesChoice: boolean;
  greeting: boolean;
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
/**
 * A level alone in a later clause of a request ("gawa ka ng quiz sa fractions, mahirap", "same but easy"): a level word among
 * words of a request's classes. A first clause alone ("mahirap") is a feeling, not a setting.
 */
function loneLevel(text: string): Stated<Level> | null {
  for (const clause of text.split(/[,;]|\b(?:but|pero|tapos)\b/).slice(1)) {
    const words = clause.trim().split(/\s+/).filter(Boolean);
    const level = (Object.keys(LEVEL_WORDS) as Level[]).find((l) =>
      words.some((w) => LEVEL_WORDS[l].includes(w)),
    );
    // A count may stand with it ("same but 8 and easy").
    const rest = words.filter((w) => !/^\d+$/.test(w) && (!level || !LEVEL_WORDS[level].includes(w)));
    if (level && contentWords(rest).every((w) => classOf(w) !== null))
      return { value: level, reason: `the student asks for ${level} ("${clause.trim()}")` };
  }
  return null;
}

function superlative(text: string): Stated<Level> | null {
  const words = text.split(/[^\p{L}]+/u);
  for (const level of ['easy', 'hard'] as const) {
    const word = SUPERLATIVES[level].find((w) => words.includes(w));
    if (word) return { value: level, reason: `the student asks for the ${level} end ("${word}")` };
  }
  return null;
}

/**
 * The clause around a position says how the student felt about something and asks for nothing ("ang hirap
 * nung quiz, …", "the quiz was hard, …"): a tool named there is the last result, not a request.
 */
function feltAbout(text: string, at: number): boolean {
  const start = Math.max(...[',', ';', '.', '!', '?'].map((p) => text.lastIndexOf(p, at))) + 1;
  const ends = [',', ';', '.', '!', '?'].map((p) => text.indexOf(p, at)).filter((i) => i >= 0);
  const clause = text.slice(start, ends.length ? Math.min(...ends) : text.length);
  const asks = clause.split(/\s+/).some((w) => ['request', 'modal', 'you'].includes(classOf(w) ?? ''));
  return feelingsIn(fold(clause)).length > 0 && !asks;
}

function statedTool(text: string, exercise: boolean, topic: string | null): Stated<string> | null {
  const hits = Object.entries(TOOL_CUES)
    .map(([tool, pattern]) => ({ tool, index: pattern.exec(text)?.index ?? -1 }))
    .filter((h) => h.index >= 0);
  const artifact = hits
    .filter((h) => ARTIFACT_TOOLS.includes(h.tool) && !feltAbout(text, h.index))
    .sort((a, b) => a.index - b.index)[0];
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

/**
 * A negator up to three words before one of the nouns in its clause, linkers and particles not counted:
 * "no need for examples", "hindi na kailangan ng mga halimbawa"; "no, with examples" is not one.
 */
function negatedBefore(text: string, nouns: string[]): boolean {
  return text.split(/[,;.!?]/).some((clause) => {
    const words = clause
      .split(/[^\p{L}'-]+/u)
      .map(foldWord)
      .filter((w) => w && !['function', 'particle'].includes(classOf(w) ?? ''));
    return words.some(
      (w, i) => nouns.includes(w) && words.slice(Math.max(0, i - 3), i).some((n) => NEGATORS.has(n)),
    );
  });
}

/** An include/exclude switch the message may state; "no examples" wins over "examples". */
function toggle(text: string, off: RegExp, on: RegExp, nouns: string[]): Stated<boolean> | null {
  const what = nouns[0] as string;
  if (off.test(text) || negatedBefore(text, nouns))
    return { value: false, reason: `the student asks for no ${what}` };
  if (on.test(text)) return { value: true, reason: `the student asks for ${what}` };
  return null;
}

/** A topic that is wholly a setting ("pa-outline naman", "mahirap"): the setting, not something to learn. */
function settingOnly(topic: string | null): boolean {
  return (
    topic !== null &&
    [...DIFFICULTY_CUES, ...DEPTH_CUES, ...STYLE_CUES].some((cue) => cue.pattern.exec(topic)?.[0] === topic)
  );
}

function leavesChoice(text: string): boolean {
  const words = joinPairs(text);
  return words.every((w) => classOf(w) !== null) && words.some((w) => CHOOSING.has(foldWord(w)));
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

const THANKS_CLOSING = /\b(?:thanks|thank you(?: so much)?|salamat(?: po)?|ty)\W*$/;

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
  const score = SCORE.test(text);
  const exercise = !score && isExercise(message, count !== null);
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
  // A greeting opens the message, or thanks close it ("I think I'm ready for the exam now, thanks!").
  const greeting = GREETING.test(text) || THANKS_CLOSING.test(text);
  // "too easy", "gets ko na": asking for harder — unless it closes a thank-you ("thank you! gets ko na").
  const ready = feelings.includes('confident') && !greeting && !FOLLOW_UP.easier.test(text);
  const followUp =
    FOLLOW_UP.harder.test(text) || COMPARED.harder.test(text) || ready
      ? 'harder'
      : FOLLOW_UP.easier.test(text) || COMPARED.easier.test(text)
        ? 'easier'
        : FOLLOW_UP.more.test(text)
          ? 'more'
          : null;
  return {
    text,
    tool: statedTool(text, exercise, topic),
    exercise,
    score,
    problem: exerciseOf(message),
    topic: settingOnly(topic) ? null : topic,
    switchTopic: SWITCH_TOPIC.test(text),
    count,
    countChange: exercise ? null : countChange(text),
    difficulty: firstMatch(text, DIFFICULTY_CUES) ?? loneLevel(text) ?? superlative(text),
    depth: firstMatch(text, DEPTH_CUES),
    style: firstMatch(text, STYLE_CUES),
    examples: toggle(text, EXAMPLES_OFF, EXAMPLES_ON, ['examples', 'example', 'halimbawa']),
    analogies: toggle(text, ANALOGIES_OFF, ANALOGIES_ON, ['analogies', 'analogy', 'paghahambing']),
    questionTypes:
      types.length > 0 ? { value: types, reason: `the student asks for ${types.join(' and ')}` } : null,
    hint,
    answerOnly: HINT.answerOnly.test(text),
    showSteps: SHOW_STEPS.test(text),
    restatesAnswer: SOLVED_FORM.test(text),
    struggling: feelings.some((f) => f !== 'tired' && f !== 'confident') || DONT_KNOW.test(text),
    tired: feelings.includes('tired'),
    givingUp: GIVING_UP.test(text),
    doMyWork: DO_MY_WORK.test(text),
    confident: feelings.includes('confident'),
    feelings,
    followUp,
    leavesChoice: leavesChoice(text),
    greeting,
  };
}
