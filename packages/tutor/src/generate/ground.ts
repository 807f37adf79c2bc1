import type { ContentLibrary, Topic } from '@aralin/content';
import type { Locale } from '../contract.ts';
import type { GeneratedGrounding } from '../tool.ts';
import { type Grounding, pick, resolveTopic, sourceReferences, workedExampleText } from '../tools/shared.ts';

/** How much pack text one prompt carries: a topic's notes fit; a long one is cut, never the whole pack. */
export const NOTES_MAX_CHARS = 6_000;

export interface References {
  /** False for a tool that uses no pack notes (the math reader): no notes section, no grounding. */
  searched: boolean;
  /** The pack topics given to the model as reference notes (none: the pack does not cover the request). */
  topics: Topic[];
  /** The closest topics, named in the result when none is given. */
  closest: Grounding['closest'];
  /** The notes as the prompt carries them. */
  notes: string;
}

/** The pack topic the request names, as reference notes in the student's language. */
export function references(
  content: ContentLibrary,
  request: { phrase: string; subject?: string } | null,
  locale: Locale,
): References {
  if (!request) return { searched: false, topics: [], closest: [], notes: '' };
  const { topic, grounding } = resolveTopic(content, request.phrase, { subject: request.subject });
  const topics = topic ? [topic] : [];
  return {
    searched: true,
    topics,
    closest: grounding.closest,
    notes: topics.map((t) => topicNotes(t, locale)).join('\n'),
  };
}

function topicNotes(topic: Topic, locale: Locale): string {
  const list = (label: string, items: string[]) =>
    items.length ? `${label}:\n${items.map((i) => `- ${i}`).join('\n')}` : '';
  const body = [
    `<topic id="${topic.id}" subject="${topic.subject}" grades="${topic.grade_band.from}-${topic.grade_band.to}">`,
    `Title: ${pick(topic.title, locale)}`,
    `Summary: ${pick(topic.summary, locale)}`,
    `Explanation: ${pick(topic.explanation, locale)}`,
    `Going further: ${pick(topic.extension, locale)}`,
    list(
      'Key terms',
      topic.key_terms.map((k) => `${pick(k.term, locale)}: ${pick(k.definition, locale)}`),
    ),
    list(
      'Worked examples',
      topic.worked_examples.map((w) => workedExampleText(w, locale)),
    ),
    list(
      'Misconceptions',
      topic.misconceptions.map((m) => `${pick(m.misconception, locale)} → ${pick(m.correction, locale)}`),
    ),
    list(
      'Analogies',
      topic.analogies.map((a) => pick(a, locale)),
    ),
  ]
    .filter(Boolean)
    .join('\n');
  return `${body.slice(0, NOTES_MAX_CHARS)}\n</topic>`;
}

/**
 * What the result says about its sources: the given topics the model says it used. None used (or none given)
 * means the model answered from its own knowledge, which the result marks.
 */
export function groundingOf(refs: References, used: readonly string[]): GeneratedGrounding {
  const topics = refs.topics.filter((t) => used.includes(t.id));
  const first = topics[0];
  if (!first)
    return {
      grounding: { topic_id: null, closest: refs.closest, model_knowledge: true },
      source_references: [],
    };
  return {
    grounding: { topic_id: first.id, closest: [] },
    source_references: topics.flatMap(sourceReferences),
  };
}
