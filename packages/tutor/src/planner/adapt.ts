import type { Locale } from '../contract.ts';
import { inferEmotionalState, type StudentState } from '../pedagogy/profile.ts';
import type { SlotKind } from '../tool.ts';
import type { Depth, Level, NoteStyle } from './embedded/cues.ts';

/**
 * How the student's state shapes each tool's parameters and the reply: one table, read top to bottom. For a
 * slot, the first matching row that sets it wins, so mood outranks teaching style, which outranks learning
 * style, which outranks mastery. What the student states in the message outranks the whole table (the
 * planner asks the table only for what the message and the conversation leave open). docs/orchestrator.md
 * shows the table; test/adapt.test.ts checks it row by row.
 */

/** Values a row may set, by slot kind. */
export interface Settings {
  difficulty?: Level;
  depth?: Depth;
  count?: number;
  include_examples?: boolean;
  include_analogies?: boolean;
  note_style?: NoteStyle;
  hint_level?: number;
}

/** What the table reads: the typed state, with the mastery that applies to this request's topic. */
export interface Reading {
  state: StudentState;
  /** The topic's own level when the state has one, else the overall level. */
  mastery: number | null;
}

type Words = Record<Locale, string>;

export interface AdaptationRow {
  /** The condition, as the trace and the docs name it: "emotional_state=tired", "mastery 7–9". */
  name: string;
  when(r: Reading): boolean;
  sets: Settings;
  /** A sentence before the tool's reply (warmth, an invitation to try first). */
  opening?: Words;
  /** A sentence after it (a question back to the student). */
  closing?: Words;
  /** Adds a text diagram of the result (a table of key terms, or the key points as step arrows). */
  diagram?: true;
}

const mood =
  (...moods: NonNullable<StudentState['emotional_state']>[]) =>
  (r: Reading) =>
    r.state.emotional_state !== null && moods.includes(r.state.emotional_state);
const band = (from: number, to: number) => (r: Reading) =>
  r.mastery !== null && r.mastery >= from && r.mastery <= to;

export const ADAPTATIONS: AdaptationRow[] = [
  {
    name: 'emotional_state=anxious',
    when: mood('anxious'),
    sets: { difficulty: 'easy', depth: 'basic', count: 3, include_examples: true },
    opening: {
      en: "No pressure — we'll go one small step at a time.",
      fil: 'Walang pressure — paisa-isang maliit na hakbang lang tayo.',
    },
  },
  {
    name: 'emotional_state=tired',
    when: mood('tired'),
    sets: { difficulty: 'easy', depth: 'basic', count: 3, note_style: 'bullet_points' },
    opening: { en: "Let's keep this short.", fil: 'Maikli lang muna ito.' },
  },
  {
    name: 'emotional_state=frustrated or confused',
    when: mood('frustrated', 'confused'),
    sets: { difficulty: 'easy', depth: 'basic', include_examples: true, include_analogies: true },
    opening: {
      en: "It's okay to find this hard — let's make it simpler.",
      fil: 'Ayos lang mahirapan — gawin nating mas simple.',
    },
  },
  {
    name: 'emotional_state=confident or bored',
    when: mood('confident', 'bored'),
    sets: { difficulty: 'hard', include_examples: false },
  },
  {
    name: 'teaching_style=socratic',
    when: (r) => r.state.teaching_style === 'socratic',
    sets: { hint_level: 1 },
    closing: {
      en: 'Your turn: in your own words, what is the key idea here, and why does it work?',
      fil: 'Ikaw naman: sa sarili mong salita, ano ang pangunahing ideya rito, at bakit ito gumagana?',
    },
  },
  {
    name: 'teaching_style=flipped',
    when: (r) => r.state.teaching_style === 'flipped',
    sets: { hint_level: 1, include_examples: false },
    opening: {
      en: 'Try it first: before you read on, write down what you already know or your first step.',
      fil: 'Subukan mo muna: bago magbasa, isulat kung ano na ang alam mo o ang unang hakbang mo.',
    },
  },
  {
    name: 'teaching_style=visual',
    when: (r) => r.state.teaching_style === 'visual',
    sets: { include_analogies: true, note_style: 'outline' },
    diagram: true,
  },
  {
    name: 'teaching_style=direct',
    when: (r) => r.state.teaching_style === 'direct',
    sets: { hint_level: 0, include_examples: true },
  },
  {
    name: 'learning_style=visual',
    when: (r) => r.state.learning_style === 'visual',
    sets: { include_analogies: true, note_style: 'outline' },
    diagram: true,
  },
  {
    name: 'learning_style=auditory',
    when: (r) => r.state.learning_style === 'auditory',
    sets: { include_analogies: true, note_style: 'narrative' },
  },
  {
    name: 'learning_style=reading_writing',
    when: (r) => r.state.learning_style === 'reading_writing',
    sets: { include_examples: true, note_style: 'narrative' },
  },
  {
    name: 'learning_style=kinesthetic',
    when: (r) => r.state.learning_style === 'kinesthetic',
    sets: { include_examples: true, note_style: 'outline' },
  },
  {
    name: 'mastery 1–3',
    when: band(1, 3),
    sets: { difficulty: 'easy', depth: 'basic', include_examples: true },
  },
  {
    name: 'mastery 4–6',
    when: band(4, 6),
    sets: { difficulty: 'medium', depth: 'intermediate', include_examples: true },
  },
  {
    name: 'mastery 7–9',
    when: band(7, 9),
    sets: { difficulty: 'hard', depth: 'advanced', include_examples: false },
  },
  {
    name: 'mastery 10',
    when: band(10, 10),
    sets: { difficulty: 'hard', depth: 'comprehensive', include_examples: false, count: 10 },
  },
];

/** The table as one line of text, for the LLM planner's prompt: "emotional_state=tired → difficulty easy, …". */
export function describeAdaptations(): string {
  return ADAPTATIONS.map(
    (row) =>
      `${row.name} → ${Object.entries(row.sets)
        .map(([key, value]) => `${key} ${String(value)}`)
        .join(', ')}`,
  ).join('; ');
}

/** Which `Settings` key a slot kind reads. */
const SETTING_OF: Partial<Record<SlotKind, keyof Settings>> = {
  difficulty: 'difficulty',
  depth: 'depth',
  count: 'count',
  include_examples: 'include_examples',
  include_analogies: 'include_analogies',
  note_style: 'note_style',
  hint_level: 'hint_level',
};

/** The table's value for one slot kind, with the row that set it; null when no row speaks to it. */
export function adapted(kind: SlotKind, r: Reading): { value: unknown; row: string } | null {
  const key = SETTING_OF[kind];
  if (!key) return null;
  for (const row of ADAPTATIONS)
    if (row.sets[key] !== undefined && row.when(r)) return { value: row.sets[key], row: row.name };
  return null;
}

/** The mastery that applies: the topic's own level (by curriculum id, title or phrase), else the overall one. */
export function masteryFor(state: StudentState, keys: string[]): number | null {
  const wanted = keys.map((k) => k.toLowerCase());
  for (const [topic, level] of Object.entries(state.topic_mastery))
    if (wanted.includes(topic.toLowerCase())) return level;
  return state.mastery_level;
}

/**
 * What the table reads for one request: a feeling the message states outranks the profile's mood, and the
 * topic's own mastery outranks the overall level.
 */
export function readingFor(state: StudentState, message: string, topicKeys: unknown[]): Reading {
  const said = inferEmotionalState([message]).cues[0];
  const keys = topicKeys.filter((k): k is string => typeof k === 'string');
  return {
    state: said ? { ...state, emotional_state: said } : state,
    mastery: masteryFor(state, keys),
  };
}

/** A text diagram of a result: its key terms as a table, else its key points as step arrows. */
function diagramOf(result: Record<string, unknown>, locale: Locale): string | null {
  const terms = Array.isArray(result.key_terms)
    ? (result.key_terms as { term?: unknown; definition?: unknown }[])
    : [];
  const rows = terms
    .filter((t) => typeof t.term === 'string' && typeof t.definition === 'string')
    .slice(0, 6);
  if (rows.length >= 2) {
    const head = locale === 'fil' ? '| Termino | Kahulugan |' : '| Term | Meaning |';
    const cell = (s: unknown) => String(s).replace(/\|/g, '/').replace(/\s+/g, ' ');
    return [head, '| --- | --- |', ...rows.map((t) => `| ${cell(t.term)} | ${cell(t.definition)} |`)].join(
      '\n',
    );
  }
  const points = Array.isArray(result.key_points)
    ? result.key_points.filter((p) => typeof p === 'string')
    : [];
  if (points.length >= 2) return points.slice(0, 5).join(' → ');
  return null;
}

/**
 * The reply, shaped by the table: the first matching row's opening before it, its closing after it, and a text
 * diagram of the result when a visual row matches. The tool's own reply stays whole in the middle.
 */
export function frameReply(
  draft: string,
  r: Reading,
  result: Record<string, unknown>,
  locale: Locale,
): string {
  const rows = ADAPTATIONS.filter((row) => row.when(r));
  const opening = rows.find((row) => row.opening)?.opening?.[locale];
  const closing = rows.find((row) => row.closing)?.closing?.[locale];
  const diagram = rows.some((row) => row.diagram) ? diagramOf(result, locale) : null;
  return [opening, draft, diagram, closing].filter((part): part is string => Boolean(part)).join('\n\n');
}
