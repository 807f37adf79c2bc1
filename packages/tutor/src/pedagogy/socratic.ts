import type { ChatMessage } from '../contract.ts';

export type HintLevel = 0 | 1 | 2 | 3;

export interface SocraticInput {
  /** The student's latest message. */
  message: string;
  /** Earlier turns, oldest first. */
  history: readonly ChatMessage[];
  /** A hint level the student or planner asked for explicitly (1–3); 0 or absent means "solve it". */
  requestedHintLevel?: number | undefined;
}

/** "Just give me the answer", "ibigay mo na ang sagot", "sagot na lang po" … */
const INSIST = [
  /\bjust (give|tell|show) me the (answer|solution)\b/,
  /\bjust (give|tell|show) (it )?(to )?me\b/,
  /\b(give|tell|show) me the (full |whole |complete )?(answer|solution) (already|now|please)\b/,
  /\b(i want|i need) the (full |whole |complete )?(answer|solution)( now| already)?\b/,
  /\bno (more )?hints?\b/,
  /\bstop (giving me )?hints?\b/,
  /\bi give up\b/,
  /\bibigay mo na\b/,
  /\bibigay (mo )?na (lang )?(po )?ang sagot\b/,
  /\bsabihin mo na\b/,
  /\bsagot na (lang|po|nga)\b/,
  /\b(yung|ang) sagot na (lang|po)\b/,
  /\bsolution na (lang|po)\b/,
  /\banswer na (lang|po)\b/,
  /\bayoko na ng hint\b/,
  /\bwag na (ng|yung) hint\b/,
  /\bsuko na( ako)?\b/,
];

/** The student shows their own attempt: a result they got, or working with several steps. */
const ATTEMPT = [
  /\bi got\b/,
  /\bmy answer (is|was)\b/,
  /\bi (think|guess) (it'?s|the answer is|x ?=)/,
  /\bis (it|the answer) -?\d/,
  /\bi tried\b/,
  /\bmy (work|solution)\b/,
  /\bhere'?s what i did\b/,
  /\bang sagot ko\b/,
  /\bsagot ko( ay)?\b/,
  /\bnakuha ko\b/,
  /\bsinubukan ko\b/,
  /\bginawa ko\b/,
  /\btama ba\b/,
  /\bam i right\b/,
  /\bis this (right|correct)\b/,
];

/** A short follow-up that asks again about the same exercise. */
const FOLLOW_UP =
  /\b(help|hint|how|again|next|answer|solve|stuck|still|paano|ulit|pa ?rin|sagot|tulong|di ko|hindi ko|gets|next step|susunod)\b|\?/;

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Several lines or equals signs of the student's own working ("2x = 10, x = 5"). */
function showsWorking(text: string): boolean {
  const equals = (text.match(/=/g) ?? []).length;
  return equals >= 2 || /\b(so|then|kaya|tapos)\b[^.?!]*=/.test(text);
}

/** What identifies an exercise: its numbers (with their order) and single-letter variables. */
function signature(text: string): string | null {
  const numbers = text.match(/\d+(?:[.,/]\d+)?/g) ?? [];
  if (numbers.length === 0) return null;
  return numbers.join('|');
}

function sameProblem(a: string, b: string): boolean {
  if (a === b) return true;
  const x = new Set(a.split('|'));
  const y = new Set(b.split('|'));
  const shared = [...x].filter((n) => y.has(n)).length;
  return shared / Math.max(x.size, y.size) >= 0.6;
}

/**
 * Decides how much of an exercise's solution to reveal, Socratically: the first ask gets a conceptual nudge
 * (1), the next a hint on the next step (2), the next a worked similar problem (3); the full solution (0)
 * comes only after the ladder, when the student insists, or when they show their own attempt.
 */
export function socraticHintLevel(input: SocraticInput): { hint_level: HintLevel; reason: string } {
  const text = fold(input.message);
  if (INSIST.some((p) => p.test(text)))
    return { hint_level: 0, reason: 'the student insists on the full solution' };
  if (ATTEMPT.some((p) => p.test(text)) || showsWorking(input.message))
    return { hint_level: 0, reason: 'the student shows an attempt, so the full solution lets them compare' };

  // The problem this message is about: its own numbers, or the latest exercise in the conversation.
  const students = input.history.filter((m) => m.role === 'user').map((m) => m.content);
  let current = signature(input.message);
  if (!current)
    for (let i = students.length - 1; i >= 0 && !current; i--) current = signature(students[i] ?? '');
  // Earlier asks about the same problem: student messages that name it, and the follow-up asks between them
  // ("hindi ko pa rin gets", "another hint?"). A different exercise ends the count.
  let asks = 0;
  let pending = 0;
  for (let i = students.length - 1; i >= 0 && current; i--) {
    const said = students[i] ?? '';
    const sig = signature(said);
    if (!sig) {
      if (FOLLOW_UP.test(fold(said))) pending++;
      continue;
    }
    if (!sameProblem(sig, current)) break;
    asks += pending + 1;
    pending = 0;
  }
  const requested =
    input.requestedHintLevel !== undefined && input.requestedHintLevel >= 1 && input.requestedHintLevel <= 3
      ? (Math.round(input.requestedHintLevel) as 1 | 2 | 3)
      : undefined;
  if (asks >= 3) {
    if (requested) return { hint_level: 3, reason: 'hint ladder done; the student still asked for a hint' };
    return { hint_level: 0, reason: `asked ${asks + 1} times about this problem; the hint ladder is done` };
  }
  const ladder = (asks + 1) as 1 | 2 | 3;
  if (requested && requested > ladder)
    return { hint_level: requested, reason: `the student asked for hint level ${requested}` };
  const names = ['', 'a conceptual nudge', 'a hint on the next step', 'a worked similar problem'];
  return {
    hint_level: ladder,
    reason:
      asks === 0
        ? `first ask about this problem: ${names[ladder]} before the solution`
        : `ask ${asks + 1} about this problem: ${names[ladder]}`,
  };
}
