import {
  type EmotionalState,
  type LearningStyle,
  type Locale,
  type TeachingStyle,
  type TraceStep,
  UserInfo,
} from '../contract.ts';
import { type EmotionalCue, FEELING_CUES, namedState } from '../lexicon/feelings.ts';
import { fold } from '../lexicon/fold.ts';
import { masteryLevel, masterySummary, parseMasteryLevel } from './bkt.ts';

export type { EmotionalCue };

const CUE_TEXT: Record<EmotionalCue, { en: string; fil: string }> = {
  frustrated: { en: 'frustrated', fil: 'naiinis o nahihirapan' },
  anxious: { en: 'anxious', fil: 'kinakabahan' },
  tired: { en: 'tired', fil: 'pagod' },
  confused: { en: 'confused', fil: 'nalilito' },
  confident: { en: 'confident', fil: 'kumpiyansa' },
};

/**
 * How the student seems to feel, from their most recent messages (latest last). Only the last five messages
 * count, so a mood the student has moved past fades. Cues are reported most recent first.
 */
export function inferEmotionalState(
  recentStudentMessages: readonly string[],
  locale: Locale = 'en',
): { summary: string; cues: EmotionalCue[] } {
  const recent = recentStudentMessages.slice(-5).map((m) => fold(m));
  const found: { cue: EmotionalCue; at: number; phrase: string }[] = [];
  recent.forEach((text, at) => {
    for (const [cue, patterns] of Object.entries(FEELING_CUES) as [EmotionalCue, RegExp[]][]) {
      const hit = patterns.map((p) => text.match(p)).find((m) => m);
      if (hit) found.push({ cue, at, phrase: hit[0] });
    }
  });
  // A confident latest message outweighs older distress; older confidence does not hide new distress.
  const latest = new Map<EmotionalCue, { at: number; phrase: string }>();
  for (const f of found) latest.set(f.cue, { at: f.at, phrase: f.phrase });
  const confidentAt = latest.get('confident')?.at ?? -1;
  const cues = [...latest.entries()]
    .filter(([cue, f]) => cue === 'confident' || f.at >= confidentAt)
    .sort((a, b) => b[1].at - a[1].at)
    .map(([cue]) => cue);
  if (cues.length === 0)
    return {
      summary:
        locale === 'fil'
          ? 'Walang palatandaan ng hirap o pagkabalisa sa mga huling mensahe.'
          : 'No signs of distress in recent messages.',
      cues,
    };
  const words = cues.map((c) => CUE_TEXT[c][locale]);
  const evidence = cues.map((c) => `"${latest.get(c)?.phrase}"`).join(', ');
  const summary =
    locale === 'fil'
      ? `Mukhang ${words.join(' at ')} ang estudyante (${evidence}).`
      : `The student seems ${words.join(' and ')} (${evidence}).`;
  return { summary, cues };
}

/**
 * A mastery summary for `UserInfo.mastery_level_summary`, overall level first so planners can read it:
 * "Level 4 — developing (3 topics; strongest: Nouns L8; weakest: Photosynthesis L2)".
 */
export function masterySummaryFrom(
  pKnowns: Record<string, number>,
  options: { titles?: Record<string, string>; locale?: Locale } = {},
): string {
  const locale = options.locale ?? 'en';
  const entries = Object.entries(pKnowns).filter(([, p]) => Number.isFinite(p));
  if (entries.length === 0)
    return locale === 'fil'
      ? 'Antas 1 — nagsisimula pa lang (wala pang naitalang pagsasanay)'
      : 'Level 1 — just starting (no practice recorded yet)';
  const mean = entries.reduce((sum, [, p]) => sum + p, 0) / entries.length;
  const name = (id: string) => options.titles?.[id] ?? id;
  const sorted = [...entries].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const strongest = sorted[0];
  const weakest = sorted[sorted.length - 1];
  const head = masterySummary(mean, locale);
  const parts = [locale === 'fil' ? `${entries.length} aralin` : `${entries.length} topic(s)`];
  if (strongest)
    parts.push(
      `${locale === 'fil' ? 'pinakamalakas' : 'strongest'}: ${name(strongest[0])} L${masteryLevel(strongest[1])}`,
    );
  if (weakest && entries.length > 1)
    parts.push(
      `${locale === 'fil' ? 'pinakamahina' : 'weakest'}: ${name(weakest[0])} L${masteryLevel(weakest[1])}`,
    );
  return `${head} (${parts.join('; ')})`.slice(0, 1000);
}

/** The student as the planners read them: the typed fields, each filled once from a summary when absent. */
export interface StudentState {
  learning_style: LearningStyle | null;
  teaching_style: TeachingStyle | null;
  emotional_state: EmotionalState | null;
  /** Overall mastery, 1–10. */
  mastery_level: number | null;
  /** Mastery per topic (curriculum id or topic phrase, as given), 1–10. */
  topic_mastery: Record<string, number>;
}

/** Words in a learning-style summary, most telling first: "read like spoken language" is auditory. */
const STYLE_WORDS: [LearningStyle, string[]][] = [
  [
    'auditory',
    ['auditory', 'listen', 'listening', 'spoken', 'hearing', 'audio', 'mnemonics', 'pakikinig', 'pakinig'],
  ],
  ['kinesthetic', ['kinesthetic', 'hands on', 'activities', 'activity', 'doing', 'gawain', 'ginagawa']],
  [
    'visual',
    [
      'visual',
      'diagram',
      'diagrams',
      'picture',
      'pictures',
      'chart',
      'charts',
      'images',
      'larawan',
      'biswal',
    ],
  ],
  ['reading_writing', ['reading', 'writing', 'notes', 'lists', 'definitions', 'pagbasa', 'pagsulat']],
];

/** Words a mastery summary may use instead of a level. */
const MASTERY_WORDS: [string[], number][] = [
  [['beginner', 'novice', 'just starting', 'nagsisimula'], 2],
  [['building foundations', 'developing', 'emerging'], 3],
  [['approaching proficiency', 'progressing', 'intermediate'], 5],
  [['proficient', 'solid', 'good grasp'], 7],
  [['advanced', 'strong'], 8],
  [['mastered', 'expert', 'mastery achieved'], 10],
];

const hasWord = (folded: string, word: string) => new RegExp(`\\b${word}\\b`).test(folded);

function styleFrom(summary: string): LearningStyle | null {
  const folded = fold(summary);
  return STYLE_WORDS.find(([, words]) => words.some((w) => hasWord(folded, w)))?.[0] ?? null;
}

function masteryFrom(summary: string): number | null {
  const named = parseMasteryLevel(summary);
  if (named !== undefined) return named;
  const folded = fold(summary.replace(/(\d)\s*\/\s*10\b/, '$1 of 10'));
  const outOfTen = /\b(\d{1,2}) of 10\b/.exec(folded);
  if (outOfTen?.[1]) return Math.min(10, Math.max(1, Number(outOfTen[1])));
  return MASTERY_WORDS.find(([words]) => words.some((w) => hasWord(folded, w)))?.[1] ?? null;
}

/** "strongest: Nouns L8; weakest: Photosynthesis L2" (what `masterySummaryFrom` writes) → per-topic levels. */
function topicMasteryFrom(summary: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of summary.matchAll(/:\s*([^;:()]+?)\s+L(\d{1,2})\b/g)) {
    const level = Number(m[2]);
    if (m[1] && level >= 1 && level <= 10) out[m[1].trim()] = level;
  }
  return out;
}

/**
 * Reads the student once, at the edge: typed fields as given, free-text summaries into the same fields
 * when the typed one is absent, and fields the contract does not know named in the trace (they are ignored).
 */
export function readStudentState(user: UserInfo): { state: StudentState; trace: TraceStep[] } {
  const trace: TraceStep[] = [];
  const fromSummary = <T>(
    field: string,
    typed: T | undefined,
    summary: string | undefined,
    read: (s: string) => T | null,
  ) => {
    if (typed !== undefined) return typed;
    const value = summary ? read(summary) : null;
    if (value !== null)
      trace.push({ step: 'profile', detail: `${field}=${String(value)} read from its summary` });
    return value;
  };
  const state: StudentState = {
    learning_style: fromSummary(
      'learning_style',
      user.learning_style,
      user.learning_style_summary,
      styleFrom,
    ),
    teaching_style: user.teaching_style ?? null,
    emotional_state: fromSummary(
      'emotional_state',
      user.emotional_state,
      user.emotional_state_summary,
      (s) => namedState(fold(s)) ?? inferEmotionalState([s]).cues[0] ?? null,
    ),
    mastery_level: fromSummary('mastery_level', user.mastery_level, user.mastery_level_summary, masteryFrom),
    topic_mastery: {
      ...(user.mastery_level_summary ? topicMasteryFrom(user.mastery_level_summary) : {}),
      ...user.topic_mastery,
    },
  };
  const unknown = Object.keys(user).filter((k) => !(k in UserInfo.shape));
  if (unknown.length > 0)
    trace.push({ step: 'profile', detail: `unknown user_info field(s) ignored: ${unknown.join(', ')}` });
  return { state, trace };
}

/** The user with the typed fields the state holds filled in: what tools see (`learnerTraits` reads them). */
export function withStudentState(user: UserInfo, state: StudentState): UserInfo {
  const typed: Partial<UserInfo> = {};
  if (state.learning_style) typed.learning_style = state.learning_style;
  if (state.teaching_style) typed.teaching_style = state.teaching_style;
  if (state.emotional_state) typed.emotional_state = state.emotional_state;
  if (state.mastery_level !== null) typed.mastery_level = state.mastery_level;
  if (Object.keys(state.topic_mastery).length > 0) typed.topic_mastery = state.topic_mastery;
  return { ...user, ...typed };
}
