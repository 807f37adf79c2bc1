import {
  CORRECTING,
  classOf,
  contentWords,
  foldWord,
  GOING_ON,
  joinPairs,
  readReference,
  SMALL_TALK_WORDS,
  type WordClass,
} from '../../lexicon/fillers.ts';
import { SUBJECT_ONLY, subjectOfPhrase } from '../../lexicon/subjects.ts';
import type { ToolRegistry } from '../../registry.ts';
import type { PlanRequest } from '../types.ts';
import type { Analysis } from './analyze.ts';
import { NaiveBayes } from './classifier.ts';
import { lastList, type Previous } from './context.ts';
import { GREETING } from './cues.ts';
import { CHIT_CHAT } from './intents.ts';
import { feelingReply, greetingReply, ownWorkReply, tutorReply, unsureReply } from './replies.ts';

/**
 * Tool selection: an ordered list of named rules, the first that speaks decides. Each rule reads one turn
 * (the message's analysis and the previous request) and returns a tool with how it relates to the
 * conversation, a reply without a tool, or nothing. test/planner-rules.test.ts has a table per rule.
 */

export interface Turn {
  request: PlanRequest;
  a: Analysis;
  /** The latest earlier request for a tool. */
  prev: Previous | null;
}

/**
 * How the chosen tool relates to the conversation: a new request, a follow-up that adjusts the previous one,
 * the previous tool on a new topic ("what about friction?"), or the answer to the tutor's question.
 */
export type Mode = 'new' | 'follow_up' | 'switch' | 'answer';

export type Selection =
  | { kind: 'tool'; tool: string; mode: Mode; confidence: number; reason: string }
  | { kind: 'no_tool'; reply: string; confidence: number; reason: string };

export interface SelectionRule {
  name: string;
  select(t: Turn): Selection | null;
}

const NONE = 'none';
const classifiers = new WeakMap<ToolRegistry, NaiveBayes>();

/** Trains (once per registry) on every tool's own examples plus small talk: a new tool brings its own data. */
function classifierFor(tools: ToolRegistry): NaiveBayes {
  let model = classifiers.get(tools);
  if (!model) {
    const examples = tools
      .list()
      .flatMap((tool) =>
        [...tool.examples.en, ...tool.examples.fil].map((text) => ({ text, label: tool.name })),
      );
    examples.push(...CHIT_CHAT.map((text) => ({ text, label: NONE })));
    model = new NaiveBayes(examples);
    classifiers.set(tools, model);
  }
  return model;
}

/** The student introducing themself: "ako si Juan", "my name is Ana", "grade 6 ako", "I'm in grade 7". */
const INTRODUCTION =
  /\b(?:ako si|i'?m|i am|my name is|my name's|call me|pangalan ko ay|ang pangalan ko ay|ako ay si)\s+\p{L}+|\b(?:(?:i'?m |i am )?in )?(?:grade|baitang)\s*\d{1,2}(?:\s+(?:ako|na ako|student))?/gu;

/** True when nothing but greetings, thanks, small talk or the student's own name is said. */
export function smallTalkOnly(text: string, name: string): boolean {
  const own = new Set(name.toLowerCase().split(/\s+/));
  return text
    .replace(GREETING, '')
    .replace(INTRODUCTION, ' ')
    .replace(/[^\p{L}\s']/gu, ' ')
    .split(/\s+/)
    .every((w) => !w || SMALL_TALK_WORDS.has(w) || own.has(w));
}

/** Word classes that change how a result is made, never what it is about: level, language, layout, amount. */
const ADJUSTING: readonly WordClass[] = ['level', 'language', 'form', 'quantity'];

/**
 * The message only changes how the previous result is made ("mas madali", "same but 10", "with examples",
 * "in Filipino please"): a setting it states, or words all of a class, one of them an adjusting one.
 */
function onlyAdjusts(a: Analysis): boolean {
  if (a.topic && readReference(a.topic) === null) return false;
  if (
    a.difficulty ||
    a.count ||
    a.countChange ||
    a.style ||
    a.depth ||
    a.questionTypes ||
    a.examples ||
    a.analogies
  )
    return true;
  const words = joinPairs(a.text).map(classOf);
  return (
    a.feelings.length === 0 &&
    !a.struggling &&
    words.every((c) => c !== null) &&
    words.some((c) => c !== null && ADJUSTING.includes(c))
  );
}

/**
 * Every word is of a class and no setting is stated ("I don't feel like it anymore"): no answer to a question.
 * A place in a list the question offered ("yung huli po") names its item.
 */
function namesNothing(a: Analysis, request: PlanRequest): boolean {
  const reference = a.topic === null ? null : readReference(a.topic);
  const named =
    (a.topic !== null && reference === null) ||
    (reference?.kind === 'position' && lastList(request.history).length > 0);
  return !named && !a.exercise && !a.count && joinPairs(a.text).every((w) => classOf(w) !== null);
}

const strong = (topic: string, request: PlanRequest) =>
  request.content.search(topic, { limit: 1 })[0]?.strong === true;

/**
 * A question about the tutor itself ("what are you, a person or an AI?", "ano ang paborito mong subject?"):
 * it speaks to the tutor (a word of the `you` class), asks for no tool and names no curriculum topic.
 */
function aboutTheTutor(a: Analysis, request: PlanRequest): boolean {
  const words = a.text.split(/[^\p{L}']+/u).filter(Boolean);
  const classes = new Set(words.map(classOf));
  const asking: WordClass[] = ['request', 'tool', 'part'];
  if (!classes.has('you') || asking.some((c) => classes.has(c))) return false;
  // "see you", "thank you": the tutor greeted, not asked about
  if (words.every((w, i) => classOf(w) !== 'you' || GREETED_BY.has(words[i - 1] ?? ''))) return false;
  // "yung sinabi mo", "what you said": the tutor's last reply, not the tutor.
  if (words.some((w, i) => classOf(w) === 'you' && [words[i - 1], words[i + 1]].some(refersBack)))
    return false;
  if (a.exercise || (a.tool && a.tool.value !== 'concept_explainer')) return false;
  if (a.struggling || a.tired || a.givingUp || a.followUp || a.hint || a.showSteps || onlyAdjusts(a))
    return false;
  if (!a.topic) return true;
  if (readReference(a.topic)) return false;
  return !strong(a.topic, request) || heldByYou(words, a.topic);
}

/** Words that greet the one spoken to: "see you", "thank you", "salamat sa iyo". */
const GREETED_BY: ReadonlySet<string> = new Set(['see', 'thank', 'thanks', 'love', 'miss', 'sa']);

const refersBack = (w: string | undefined) => w !== undefined && classOf(w) === 'reference';

/** The topic's words sit next to a `you` word, linkers aside: "ilang TAON ka na", "your FAVORITE subject". */
function heldByYou(words: string[], topic: string): boolean {
  const own = topic.split(/\s+/);
  const linker = (w: string | undefined) =>
    w !== undefined && ['function', 'particle'].includes(classOf(w) ?? '');
  const first = words.indexOf(own[0] as string);
  const last = words.indexOf(own[own.length - 1] as string, first);
  if (first < 0 || last < 0) return false;
  let before = first - 1;
  while (linker(words[before])) before--;
  let after = last + 1;
  while (linker(words[after])) after++;
  return classOf(words[before] ?? '') === 'you' || classOf(words[after] ?? '') === 'you';
}

/** A topic word the student capitalises inside the sentence ("sa Europa naman"): a name, known or not. */
function properName(topic: string, message: string): boolean {
  const own = new Set(topic.split(/\s+/));
  return message
    .split(/[^\p{L}'-]+/u)
    .slice(1)
    .some((w) => /^\p{Lu}/u.test(w) && own.has(w.toLowerCase()));
}

/**
 * A topic and nothing to do ("ok now adverbs", "salamat! next naman, the digestive system") after a request
 * that was answered: the same tool on it. Every other word is of a request's classes, none a request verb
 * unless it only goes on ("let's do the heart now"), remakes the last result ("actually make it about
 * respiration") or the message takes back the last topic ("ay mali, Venus yung gusto ko").
 */
function bareTopic(a: Analysis, prev: Previous, request: PlanRequest): boolean {
  const slots = Object.values(request.tools.get(prev.tool)?.slots ?? {});
  if (prev.missing.length > 0 || !slots.includes('topic') || !a.topic || readReference(a.topic)) return false;
  if (a.tool || a.exercise || a.feelings.length > 0 || a.givingUp || a.doMyWork) return false;
  // The last topic may be named to take it back ("I meant decimals, not fractions", "hindi X, Y pala").
  const last = String(prev.parameters.topic ?? prev.parameters.concept_to_explain ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const said = a.text.split(/[^\p{L}'-]+/u).filter(Boolean);
  const own = new Set([...a.topic.split(/\s+/), ...last]);
  const rest = said.filter((w) => !own.has(w));
  const takesBack = corrects(rest) || (last.length > 0 && last.every((w) => said.includes(w)));
  const known = strong(a.topic, request) || subjectOfPhrase(a.topic) || properName(a.topic, request.message);
  if (!known && !takesBack) return false;
  const asks = rest.some((w) => isRequest(w) && !GOING_ON.has(foldWord(w)));
  return contentWords(rest).every((w) => classOf(w) !== null) && (!asks || remakes(rest) || takesBack);
}

const corrects = (words: string[]) => words.some((w) => CORRECTING.has(foldWord(w)));

const isRequest = (w: string | undefined) => w !== undefined && classOf(w) === 'request';

/** A request whose object is the last result ("make IT about respiration", "gawin mo ITONG …"). */
function remakes(words: string[]): boolean {
  const object = (i: number) =>
    classOf(words[i] ?? '') === 'reference' ||
    (classOf(words[i] ?? '') === 'you' && classOf(words[i + 1] ?? '') === 'reference');
  return words.some((w, i) => isRequest(w) && object(i + 1));
}

const tool = (name: string, mode: Mode, confidence: number, reason: string): Selection => ({
  kind: 'tool',
  tool: name,
  mode,
  confidence,
  reason,
});
const noTool = (reply: string, confidence: number, reason: string): Selection => ({
  kind: 'no_tool',
  reply,
  confidence,
  reason,
});

export const SELECTION_RULES: SelectionRule[] = [
  {
    name: 'small talk',
    select: ({ a, request }) =>
      a.greeting && a.feelings.length === 0 && smallTalkOnly(a.text, request.user.name)
        ? noTool(greetingReply(a, request.user, request.locale), 0.9, 'greeting or small talk')
        : null,
  },
  {
    name: 'graded work',
    select: ({ a, request }) =>
      a.doMyWork && !a.exercise
        ? noTool(
            ownWorkReply(request.user, request.locale),
            0.85,
            'the student asks the tutor to do graded work',
          )
        : null,
  },
  {
    // "Explain that step by step" after a solution: the explanation of an exercise is its worked steps.
    name: 'the solution explained',
    select: ({ a, prev }) =>
      prev?.tool === 'math_solver' &&
      prev.missing.length === 0 &&
      (a.restatesAnswer ||
        (!a.exercise &&
          (a.showSteps || (a.tool?.value === 'concept_explainer' && (!a.topic || readReference(a.topic))))))
        ? tool(prev.tool, 'follow_up', 0.85, 'the student asks how the last exercise was solved')
        : null,
  },
  {
    name: 'about the tutor',
    // "kahit ano, ikaw bahala" to a question leaves the choice to the tutor: the question stands.
    select: ({ a, prev, request }) =>
      aboutTheTutor(a, request) && !(prev?.missing.length && a.leavesChoice)
        ? noTool(tutorReply(request.user, request.locale), 0.8, 'a question about the tutor itself')
        : null,
  },
  {
    name: 'stated tool',
    select: ({ a, request }) =>
      a.tool && request.tools.get(a.tool.value) ? tool(a.tool.value, 'new', 0.95, a.tool.reason) : null,
  },
  {
    name: 'same tool, new topic',
    select: ({ a, prev, request }) =>
      prev && a.topic && (a.switchTopic || bareTopic(a, prev, request))
        ? tool(prev.tool, 'switch', 0.85, `the previous tool on a new topic ("${a.topic}")`)
        : null,
  },
  {
    name: 'follow-up',
    select: ({ a, prev }) =>
      prev && prev.missing.length === 0 && (a.followUp || a.hint || a.showSteps || onlyAdjusts(a))
        ? tool(prev.tool, 'follow_up', 0.85, 'a follow-up to the previous request')
        : null,
  },
  {
    // A feeling and no request: a tutor answers the feeling (and an open question is dropped). A topic the
    // student finds hard is explained again, simply.
    name: 'feeling first',
    select: ({ a, request, prev }) => {
      if (!(a.struggling || a.tired || a.givingUp) || a.exercise) return null;
      // Worry about a test is answered, not taught: only confusion or frustration brings the lesson again.
      const worried = a.feelings.length > 0 && a.feelings.every((f) => f === 'anxious');
      const coping = a.struggling && !a.tired && !a.givingUp && !worried;
      const named =
        a.topic && !SUBJECT_ONLY.test(a.topic) ? request.content.search(a.topic, { limit: 1 })[0] : undefined;
      if (named?.strong && coping && request.tools.get('concept_explainer'))
        return tool(
          'concept_explainer',
          'new',
          0.75,
          `the student finds "${a.topic}" hard: explained simply`,
        );
      if (coping && prev?.tool === 'math_solver' && prev.missing.length === 0)
        return tool(prev.tool, 'follow_up', 0.75, 'the solution was hard to follow: its steps again');
      if (coping && prev && prev.missing.length === 0 && request.tools.get('concept_explainer'))
        return tool(
          'concept_explainer',
          prev.tool === 'concept_explainer' ? 'follow_up' : 'new',
          0.75,
          'the last topic was hard: explained again, simply',
        );
      return noTool(feelingReply(a, request.user, request.locale), 0.8, 'the student says how they feel');
    },
  },
  {
    // A message that names nothing ("I don't feel like it anymore") drops the question instead of answering it.
    name: 'answers the question',
    select: ({ a, prev, request }) => {
      if (!prev || prev.missing.length === 0 || a.greeting) return null;
      return namesNothing(a, request) && !a.leavesChoice
        ? noTool(unsureReply(request.locale), 0.5, 'the message names nothing: the question is dropped')
        : tool(prev.tool, 'answer', 0.85, 'the message answers the clarifying question');
    },
  },
  {
    // A greeting with more words than small talk: still no tool unless they name a curriculum topic.
    name: 'greeting',
    select: ({ a, request }) =>
      a.greeting && !(a.topic && request.content.search(a.topic, { limit: 1 })[0]?.strong)
        ? noTool(greetingReply(a, request.user, request.locale), 0.9, 'greeting or small talk')
        : null,
  },
  {
    name: 'classifier',
    select: ({ a, request }) => {
      // A reported score asks for nothing the classifier could name ("got 5/5, what should I study next?").
      if (a.score) return null;
      const prediction = classifierFor(request.tools).predict(a.text);
      const p = prediction.probabilities[prediction.label] ?? 0;
      return prediction.label !== NONE && p >= 0.45
        ? tool(prediction.label, 'new', Math.min(0.9, p), `by the classifier (p=${p.toFixed(2)})`)
        : null;
    },
  },
  {
    name: 'named topic',
    select: ({ a, request }) =>
      a.topic &&
      request.content.search(a.topic, { limit: 1 })[0]?.strong &&
      request.tools.get('concept_explainer')
        ? tool(
            'concept_explainer',
            'new',
            0.6,
            `the message names a topic ("${a.topic}") and asks nothing else`,
          )
        : null,
  },
];

/** The first rule that speaks, with its name; null when none does (the planner says it is not sure). */
export function selectTool(t: Turn): (Selection & { rule: string }) | null {
  for (const rule of SELECTION_RULES) {
    const selection = rule.select(t);
    if (selection) return { ...selection, rule: rule.name };
  }
  return null;
}
