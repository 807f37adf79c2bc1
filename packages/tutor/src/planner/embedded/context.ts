import type { ContentLibrary } from '@aralin/content';
import type { ChatMessage } from '../../contract.ts';
import { readReference } from '../../lexicon/fillers.ts';
import type { ToolRegistry } from '../../registry.ts';
import { analyze } from './analyze.ts';

/** What the conversation says before the latest message: the tool asked for last, and what it is about. */

/** The latest earlier request for a tool, as the tutor answered it. */
export interface Previous {
  tool: string;
  parameters: Record<string, unknown>;
  /** Values the tutor asked for in its last turn and has not got yet: the next message may answer them. */
  missing: string[];
  /** Where it comes from: the assistant turn's stored tool, or the earlier request planned again. */
  source: 'stored' | 'replanned';
}

/** How many messages back a follow-up may reach. */
const REACH = 12;

/** The fields a tool still needs given some parameters: its required ones and those without a default. */
export function unfilled(tools: ToolRegistry, tool: string, parameters: Record<string, unknown>): string[] {
  const definition = tools.get(tool);
  if (!definition) return [];
  return Object.entries(definition.input.shape)
    .filter(
      ([field, schema]) =>
        parameters[field] === undefined &&
        (definition.required.includes(field) || !schema.safeParse(undefined).success),
    )
    .map(([field]) => field);
}

/**
 * The previous request from the assistant turns' stored tool and parameters (what the server sends), or
 * undefined when the history carries none (an outside caller's text-only history: the caller re-plans).
 * A clarifying question is pending only when it is the tutor's last turn.
 */
export function storedPrevious(history: ChatMessage[], tools: ToolRegistry): Previous | null | undefined {
  let sawStored = false;
  let lastAssistant = true;
  for (let i = history.length - 1; i >= 0 && history.length - i <= REACH; i--) {
    const m = history[i] as ChatMessage;
    if (m.role !== 'assistant') continue;
    if (m.tool !== undefined) sawStored = true;
    if (m.tool && tools.get(m.tool)) {
      const parameters = m.parameters ?? {};
      const pending = lastAssistant && m.status === 'needs_clarification';
      return {
        tool: m.tool,
        parameters,
        missing: pending ? unfilled(tools, m.tool, parameters) : [],
        source: 'stored',
      };
    }
    lastAssistant = false;
  }
  return sawStored ? null : undefined;
}

/** A bold phrase in the tutor's text that names a curriculum topic ("You could review **fractions** next"). */
function topicInReply(text: string, content: ContentLibrary): string | null {
  for (const m of text.matchAll(/\*\*([^*\n]{3,60})\*\*/g)) {
    const phrase = (m[1] as string).trim().replace(/[:.]$/, '');
    if (content.search(phrase, { limit: 1 })[0]?.strong) return phrase.toLowerCase();
  }
  return null;
}

/** A numbered or bulleted line: "1. **Igneous** — formed when magma cools", "- crust", "2) Decimals". */
const LIST_ITEM = /^\s*(?:\d{1,2}[.)]|[-•*])\s+(.+)$/;

/**
 * The items of the list in the tutor's last reply, in order, each read to its bold words or up to a dash or
 * colon ("1. **Igneous** — formed…" → "igneous"), or without list lines its bold phrases ("start with **cell
 * structure**, then **mitosis**"); empty when that reply holds fewer than two. "yung pangalawa", "the 3rd
 * one" pick from these before the topics of the conversation.
 */
export function lastList(history: ChatMessage[]): string[] {
  const reply = history.findLast((m) => m.role === 'assistant')?.content ?? '';
  const lines = listLines(reply);
  const items =
    lines.length > 0 ? lines : [...reply.matchAll(/\*\*([^*\n]+)\*\*/g)].map((m) => m[1] as string);
  const read = items
    .map((item) =>
      item
        .trim()
        .replace(/[.:;,]$/, '')
        .toLowerCase(),
    )
    .filter(Boolean);
  return read.length >= 2 ? read : [];
}

function listLines(reply: string): string[] {
  const items: string[] = [];
  for (const line of reply.split('\n')) {
    const body = LIST_ITEM.exec(line)?.[1];
    if (!body) continue;
    const head = /\*\*([^*]+)\*\*/.exec(body)?.[1] ?? body.split(/\s+[—–-]\s+|:/)[0];
    if (head) items.push(head);
  }
  return items;
}

/** The topic one turn names: an assistant turn's stored topic or bold curriculum topic, a student's phrase. */
function topicOfTurn(m: ChatMessage, content: ContentLibrary): string | null {
  if (m.role === 'assistant') {
    const stored = m.parameters?.topic ?? m.parameters?.concept_to_explain;
    if (typeof stored === 'string' && stored.trim()) return stored;
    return topicInReply(m.content, content);
  }
  // An exercise ("solve x^2 - 5x + 6 = 0") is not a topic.
  const { topic: phrase, exercise } = analyze(m.content);
  return phrase && !exercise && !readReference(phrase) ? phrase : null;
}

/**
 * The topics the conversation named, in the order they were first named ("the water cycle" and the tutor's
 * "Water cycle" are one): "the first one", "yung pangalawa" and "yung huli" pick from these.
 */
export function conversationTopics(history: ChatMessage[], content: ContentLibrary): string[] {
  const topics: string[] = [];
  for (const m of history.slice(-REACH)) {
    const topic = topicOfTurn(m, content);
    const key = topic?.toLowerCase() ?? '';
    const seen = topics.some((t) => t.toLowerCase().includes(key) || key.includes(t.toLowerCase()));
    if (topic && !seen) topics.push(topic);
  }
  return topics;
}

/**
 * The topic the conversation is about, newest first: an assistant turn's stored topic, a curriculum topic
 * the tutor named in bold, or the topic a student message named. "It", "that", "iyon" resolve to this.
 */
export function conversationTopic(history: ChatMessage[], content: ContentLibrary): string | null {
  for (let i = history.length - 1; i >= 0 && history.length - i <= REACH; i--) {
    const topic = topicOfTurn(history[i] as ChatMessage, content);
    if (topic) return topic;
  }
  return null;
}
