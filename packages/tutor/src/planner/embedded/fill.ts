import type { Subject, TopicMatch } from '@aralin/content';
import { classOf, joinPairs, readReference } from '../../lexicon/fillers.ts';
import { FILIPINO_TERMS, SUBJECT_ONLY, SUBJECT_WORDS, subjectOfPhrase } from '../../lexicon/subjects.ts';
import type { AnyTool, SlotKind } from '../../tool.ts';
import { adapted, type Reading } from '../adapt.ts';
import type { PlanRequest } from '../types.ts';
import { conversationTopic, conversationTopics, lastList } from './context.ts';
import { DEEPER, type Depth, type Level, type NoteStyle, ONE_STEP } from './cues.ts';
import type { Mode, Turn } from './select.ts';

/**
 * Slot filling: one filler per slot kind, each trying the layers in order — what the message states, the
 * conversation, the student's state (the adaptation table), then a default — and saying which decided.
 * test/planner-fillers.test.ts has a table per filler.
 */

export type Layer = 'stated' | 'context' | 'state' | 'profile' | 'default';

export interface Filled {
  value: unknown;
  layer: Layer;
  reason: string;
}

export interface Fill {
  turn: Turn;
  mode: Mode;
  tool: AnyTool;
  topic: { value: string; layer: Layer } | null;
  /** The curriculum topic the topic names, when the pack has it. */
  match: TopicMatch | undefined;
  /** The previous request's parameters when it used the same tool. */
  before: Record<string, unknown> | null;
  reading: Reading;
  /** Why the mood is what it is: the message or the profile. */
  moodWhy: string;
}

const LEVELS: Level[] = ['easy', 'medium', 'hard'];
const DEPTHS: Depth[] = ['basic', 'intermediate', 'advanced', 'comprehensive'];
const ALL_TYPES = ['multiple_choice', 'true_false', 'short_answer', 'numeric'];

function shift<T>(scale: T[], value: unknown, by: number): T | null {
  const i = scale.indexOf(value as T);
  if (i < 0) return null;
  return scale[Math.max(0, Math.min(scale.length - 1, i + by))] as T;
}

const filled = (value: unknown, layer: Layer, reason: string): Filled => ({ value, layer, reason });

/** The adaptation table's value for a slot kind, traced with the row that set it. */
function fromState(kind: SlotKind, f: Fill): Filled | null {
  const hit = adapted(kind, f.reading);
  if (!hit) return null;
  const mood = hit.row.startsWith('emotional');
  return filled(
    hit.value,
    hit.row.startsWith('mastery') ? 'profile' : 'state',
    mood ? `${hit.row}, ${f.moodWhy}` : hit.row,
  );
}

/** The turn remakes the last request on its topic: a follow-up, or its tool named again with no new topic. */
const remade = (f: Fill) => f.mode === 'follow_up' || (f.before !== null && f.topic?.layer === 'context');

/** The previous value of a field when this turn adjusts the previous request. */
function carried(field: string, f: Fill, type: 'string' | 'number' | 'boolean' | 'array'): Filled | null {
  if (f.mode !== 'follow_up' && f.mode !== 'answer') return null;
  const value = f.before?.[field];
  const ok = type === 'array' ? Array.isArray(value) : typeof value === type;
  return ok ? filled(value, 'context', 'same as before') : null;
}

/** The subject of the newest topic of the conversation that gives one away. */
function conversationSubject(request: PlanRequest): Subject | null {
  for (const topic of conversationTopics(request.history, request.content).reverse()) {
    const found = request.content.search(topic, { limit: 1 })[0];
    const subject = found?.strong ? found.topic.subject : subjectOfPhrase(topic);
    if (subject) return subject;
  }
  return null;
}

/** A place in the conversation ("yung pangalawa", "the 3rd one"): an item of the tutor's last list, or a topic. */
function atPosition(index: number, request: PlanRequest): string | undefined {
  const list = lastList(request.history);
  if (index < list.length && index >= -list.length) return list.at(index);
  return conversationTopics(request.history, request.content).at(index);
}

/**
 * A place in the tutor's last list at the end of a clause that says something of it ("bakit mas makapal
 * yung pang-apat?", "which one is the biggest? yung una ba?"): read only when that reply holds a list.
 */
function trailingPlace(text: string, request: PlanRequest): { index: number } | null {
  if (lastList(request.history).length === 0) return null;
  for (const clause of text.split(/[?.!,;]+/)) {
    const words = clause.trim().split(/\s+/);
    for (let n = Math.min(3, words.length); n >= 1; n--) {
      const reference = readReference(words.slice(-n).join(' '));
      if (reference?.kind === 'position') return reference;
    }
  }
  return null;
}

/**
 * What the request is about: a place in the conversation the message points to, the answer to the tutor's
 * question, the topic the message states (unless it only adjusts the previous request and names nothing the
 * curriculum knows), or the conversation's topic: the latest one for a pronoun ("quiz me on that"), the
 * previous request's for an ellipsis ("mas madali").
 */
export function resolveTopic(turn: Turn, mode: Mode, tool: AnyTool): { value: string; layer: Layer } | null {
  const { a, prev, request } = turn;
  const reference = a.topic ? readReference(a.topic) : null;
  const place = reference?.kind === 'position' ? reference : trailingPlace(a.text, request);
  const placed = place ? atPosition(place.index, request) : undefined;
  if (placed) return { value: placed, layer: 'context' };
  const topicField = Object.entries(tool.slots).find(([, kind]) => kind === 'topic')?.[0];
  if (mode === 'answer' && topicField && prev?.missing.includes(topicField)) {
    // "kahit ano, ikaw bahala": the student does not choose, so the tutor asks again.
    if (a.leavesChoice) return null;
    // "basta math", "Math po": a subject, not yet a topic — the subject is filled and the topic asked again.
    const said = joinPairs(a.text)
      .filter((w) => classOf(w) !== 'particle')
      .join(' ');
    if (SUBJECT_ONLY.test(said.replace(/^(?:basta|kahit|just|any|anything in)\s+/, ''))) return null;
    const answer =
      a.topic ??
      (request.message
        .trim()
        .toLowerCase()
        .replace(/[?.!]+$/, '') ||
        null);
    return answer ? { value: answer, layer: 'stated' } : null;
  }
  const stated = a.topic && !reference ? a.topic : null;
  const strong = stated ? request.content.search(stated, { limit: 1 })[0]?.strong === true : false;
  if (stated && mode !== 'answer' && (mode !== 'follow_up' || strong))
    return { value: stated, layer: 'stated' };
  const stored =
    prev?.tool === tool.name ? (prev.parameters.topic ?? prev.parameters.concept_to_explain) : null;
  const earlier = typeof stored === 'string' ? stored : null;
  const latest = conversationTopic(request.history, request.content);
  const value = reference?.kind === 'latest' ? (latest ?? earlier) : (earlier ?? latest);
  return value ? { value, layer: 'context' } : null;
}

export const FILLERS: Record<SlotKind, (f: Fill, field: string, kind: SlotKind) => Filled | null> = {
  topic: (f) =>
    f.topic &&
    filled(
      f.topic.value,
      f.topic.layer,
      f.topic.layer === 'stated' ? 'named in the message' : 'taken from earlier in the conversation',
    ),
  context_topic: (f) => {
    // A new topic ("what about magnetism?") leaves the old lesson behind.
    const lesson =
      f.mode === 'switch' ? null : conversationTopic(f.turn.request.history, f.turn.request.content);
    if (lesson && lesson !== f.topic?.value)
      return filled(lesson, 'context', 'the lesson the conversation is about');
    if (f.match)
      return filled(f.match.topic.title.en, 'profile', 'the curriculum topic the concept belongs to');
    return f.topic ? filled(f.topic.value, 'default', 'no broader lesson is known') : null;
  },
  subject: (f, field) => {
    const topic = f.topic?.value;
    // "in Filipino", "sa English": the language of the reply, not a subject.
    const said = joinPairs(f.turn.a.text)
      .filter((w) => classOf(w) !== 'language')
      .join(' ');
    const explicit = SUBJECT_WORDS.find(([pattern]) => pattern.test(said));
    if (explicit) return filled(explicit[1], 'stated', 'the student names the subject');
    if (topic && FILIPINO_TERMS.test(topic))
      return filled('Filipino', 'profile', `"${topic}" is a Filipino-language lesson`);
    if (f.match)
      return filled(
        f.match.topic.subject,
        'profile',
        `"${topic}" is a ${f.match.topic.subject} topic in the curriculum`,
      );
    // The previous subject holds only for the previous topic: a new topic must not carry the old subject.
    const sameTopic = f.before && (f.before.topic ?? f.before.concept_to_explain) === topic;
    if (sameTopic && typeof f.before?.[field] === 'string')
      return filled(f.before[field], 'context', 'same as the previous request');
    const fromTopic = topic ? subjectOfPhrase(topic) : null;
    if (fromTopic) return filled(fromTopic, 'profile', `"${topic}" belongs to ${fromTopic}`);
    // A topic read back from the conversation ("the second one") or put in place of its topic ("what about
    // evaporation?") is in the subject the conversation is in, when it gives none of its own.
    const stored = f.turn.prev?.parameters.subject;
    const around =
      f.topic?.layer === 'context' || f.mode === 'switch'
        ? (conversationSubject(f.turn.request) ?? (typeof stored === 'string' ? (stored as Subject) : null))
        : null;
    return around ? filled(around, 'context', 'the subject the conversation is in') : null;
  },
  count: (f, field, kind) => {
    const { a } = f.turn;
    // "dagdag ka pa ng 5 tanong" names the tool again: still a change to the last count.
    const last = remade(f) ? f.before?.[field] : undefined;
    if (a.countChange && typeof last === 'number') {
      const { op, by } = a.countChange.value;
      const next = Math.max(1, Math.round(op === 'add' ? last + by : last * by));
      return filled(next, 'context', `${a.countChange.reason}: ${last} → ${next}`);
    }
    if (a.count) return filled(a.count.value, 'stated', a.count.reason);
    return carried(field, f, 'number') ?? fromState(kind, f) ?? filled(5, 'default', 'the usual set size');
  },
  difficulty: (f, field, kind) => {
    const { a } = f.turn;
    const before = f.before?.[field];
    const by = a.followUp === 'harder' ? 1 : a.followUp === 'easier' ? -1 : 0;
    const step = by !== 0 && remade(f) && ONE_STEP.test(a.text) ? shift(LEVELS, before, by) : null;
    if (step) return filled(step, 'context', `one step ${a.followUp} than the last ${before}`);
    if (a.difficulty) return filled(a.difficulty.value, 'stated', a.difficulty.reason);
    if (by !== 0)
      return filled(by > 0 ? 'hard' : 'easy', 'stated', `${a.followUp} than the last ${before ?? 'set'}`);
    return (
      carried(field, f, 'string') ??
      fromState(kind, f) ??
      filled('medium', 'default', 'no cue about difficulty')
    );
  },
  depth: (f, field, kind) => {
    const { a } = f.turn;
    const before = f.before?.[field];
    // "deeper naman" after the basics: one step deeper, where "in detail" or "simply" set the depth.
    const deeper = DEEPER.test(a.text) && f.mode === 'follow_up' ? shift(DEPTHS, before, 1) : null;
    if (deeper) return filled(deeper, 'context', `one step deeper than the last ${before}`);
    if (a.depth) return filled(a.depth.value, 'stated', a.depth.reason);
    if (a.followUp === 'harder' || a.followUp === 'easier') {
      const deeper = a.followUp === 'harder';
      const next = f.mode === 'follow_up' ? shift(DEPTHS, before, deeper ? 1 : -1) : null;
      if (next)
        return filled(next, 'context', `one step ${deeper ? 'deeper' : 'simpler'} than the last ${before}`);
      // "ipaliwanag mo ulit yung una, mas simple": simpler than an explanation not given yet is the basics.
      return filled(deeper ? 'advanced' : 'basic', 'stated', `the student asks for it ${a.followUp}`);
    }
    return fromState(kind, f) ?? filled('intermediate', 'default', 'no cue about depth');
  },
  note_style: (f, field, kind) => {
    const { a } = f.turn;
    if (a.style) return filled(a.style.value, 'stated', a.style.reason);
    return (
      carried(field, f, 'string') ??
      fromState(kind, f) ??
      filled('structured' satisfies NoteStyle, 'default', 'structured notes')
    );
  },
  include_examples: (f, field, kind) => {
    const { a } = f.turn;
    if (a.examples) return filled(a.examples.value, 'stated', a.examples.reason);
    return carried(field, f, 'boolean') ?? fromState(kind, f) ?? filled(true, 'default', 'examples help');
  },
  include_analogies: (f, field, kind) => {
    const { a } = f.turn;
    if (a.analogies) return filled(a.analogies.value, 'stated', a.analogies.reason);
    return (
      carried(field, f, 'boolean') ?? fromState(kind, f) ?? filled(false, 'default', 'no analogies asked for')
    );
  },
  question_types: (f, field) => {
    const { a } = f.turn;
    if (a.questionTypes) return filled(a.questionTypes.value, 'stated', a.questionTypes.reason);
    return carried(field, f, 'array') ?? filled(ALL_TYPES, 'default', 'a mix of question types');
  },
  problem: (f, field) => {
    const { a, request } = f.turn;
    // "so x is 30? why?" after a solution is about that exercise, not a new one.
    const own = a.exercise && !(a.restatesAnswer && f.mode === 'follow_up') ? a.problem : null;
    if (own) return filled(own, 'stated', 'the exercise in the message');
    const earlier = f.before?.[field];
    if (typeof earlier === 'string') return filled(earlier, 'context', 'the exercise from earlier');
    if (a.problem && /\d/.test(a.problem)) return filled(a.problem, 'stated', 'the problem in the message');
    return f.mode === 'answer' && /\d/.test(request.message)
      ? filled(request.message.trim(), 'stated', 'the answer to the question')
      : null;
  },
  show_steps: (f) => {
    const { a } = f.turn;
    if (a.answerOnly) return filled(false, 'stated', 'the student asks for the answer only');
    if (a.showSteps) return filled(true, 'stated', 'the student asks for the steps');
    return filled(true, 'default', 'a teacher shows the work');
  },
  hint_level: (f, field, kind) => {
    const { a } = f.turn;
    const before = typeof f.before?.[field] === 'number' ? (f.before[field] as number) : 0;
    if (a.hint === 'similar') return filled(3, 'stated', 'the student asks for a similar worked example');
    if (a.followUp === 'more' && !a.hint && !a.exercise && f.mode === 'follow_up')
      return filled(3, 'context', 'another like the last exercise: a similar worked example');
    if (a.hint === 'next' || (a.hint === 'nudge' && before > 0 && !a.exercise))
      return filled(Math.min(3, before + 1), 'context', `the next hint after level ${before}`);
    if (a.hint === 'nudge') return filled(1, 'stated', 'the student asks for a hint, not the answer');
    if (a.answerOnly || (a.showSteps && f.mode === 'follow_up'))
      return filled(0, 'stated', 'the student asks for the worked solution');
    return fromState(kind, f) ?? filled(0, 'default', 'a full worked solution');
  },
};
