import type { ChatMessage, Locale } from '../contract.ts';

export type HintLevel = 0 | 1 | 2 | 3;

/**
 * The hint ladder, from the least to the most given away, and the exercise tool's `hint_level` for each rung:
 * a conceptual nudge, the method on a similar exercise with other numbers, the next step of the student's own
 * exercise, then the worked solution.
 */
export const LADDER = [
  { stage: 'nudge', hint_level: 1 },
  { stage: 'method', hint_level: 3 },
  { stage: 'next_step', hint_level: 2 },
  { stage: 'solution', hint_level: 0 },
] as const satisfies readonly { stage: string; hint_level: HintLevel }[];

export type Stage = (typeof LADDER)[number]['stage'];

const SOLUTION = LADDER.length - 1;
/** The highest rung a hints-only class (an assessment) reaches: the ladder stops before the solution. */
const HINTS_ONLY_TOP = SOLUTION - 1;

export interface SocraticInput {
  /** The student's latest message. */
  message: string;
  /** Earlier turns, oldest first. */
  history: readonly ChatMessage[];
  /** A hint level the student or planner asked for explicitly (1–3); 0 or absent means "solve it". */
  requestedHintLevel?: number | undefined;
  /** The class is in an assessment: hints only, never the worked solution. */
  hintsOnly?: boolean | undefined;
}

export interface SocraticDecision {
  stage: Stage;
  hint_level: HintLevel;
  reason: string;
  /** The exercise this turn is about: this message, or the latest exercise in the conversation. */
  exercise: string | null;
  /** The student's own answer in this message, to be checked against the exercise's answer. */
  attempt: string | null;
  /** The student climbed to this rung by asking (the first nudge is the tutor's, not theirs). */
  requested: boolean;
  /** The student insists on the solution ("just give me the answer", "suko na"). */
  insists: boolean;
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

/** Words that open a student's answer ("I got …", "ang sagot ko ay …"), longest first. */
const ATTEMPT_OPENERS = [
  'so the answer is',
  'i think the answer is',
  'i think it is',
  "i think it's",
  'my answer is',
  'my answer was',
  'the answer is',
  'is the answer',
  'i got',
  'i get',
  'is it',
  "it's",
  'ang sagot ko ay',
  'ang sagot ko',
  'sagot ko ay',
  'sagot ko',
  'ang nakuha ko ay',
  'ang nakuha ko',
  'nakuha ko ay',
  'nakuha ko',
  'sa tingin ko ay',
  'sa tingin ko',
  'tama ba na',
  'tama ba ang',
  'answer:',
  'sagot:',
].sort((a, b) => b.length - a.length);

/** Words that close a student's answer ("… ba?", "… right?", "… tama ba?"). */
const ATTEMPT_CLOSERS = [
  'is it right',
  'is that right',
  'is this right',
  'is it correct',
  'am i right',
  'right',
  'correct',
  'tama ba ako',
  'tama ba',
  'tama po ba',
  'di ba',
  'diba',
  'ba',
  'po',
  'yata',
].sort((a, b) => b.length - a.length);

/** Particles that soften a sentence anywhere in it ("nakuha ko po ay 6"): dropped before reading the answer. */
const PARTICLES = new Set(['po', 'ho', 'nga', 'naman', 'lang', 'yung']);

/** Words that join a student's working to its result ("2x = 8 so x = 4", "… kaya x = 4"). */
const THEREFORE = /\b(?:so|then|therefore|thus|kaya|tapos|kung gayon)\b/;

/** An answer as a student writes it: a number, a fraction, "x = 4", or a list of them ("x = 2, x = 3"). */
const VALUE = String.raw`(?:[a-z]\s*=\s*)?-?\d+(?:[.,/]\d+)?%?`;
const ANSWER = new RegExp(String.raw`^${VALUE}(?:\s*(?:,|and|at|or|o)\s*${VALUE})*$`);

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

function stripEnds(text: string): { text: string; opened: boolean } {
  let t = text.replace(/[?!.]+$/g, '').trim();
  let opened = false;
  for (const opener of ATTEMPT_OPENERS)
    if (t.startsWith(`${opener} `) || t === opener) {
      t = t.slice(opener.length).trim();
      opened = true;
      break;
    }
  for (let changed = true; changed; ) {
    changed = false;
    t = t.replace(/[\s,?!.]+$/g, '');
    for (const closer of ATTEMPT_CLOSERS)
      if (t.endsWith(` ${closer}`)) {
        t = t.slice(0, -closer.length).trim();
        changed = true;
        break;
      }
  }
  return { text: t.replace(/^(?:ay|is|=)\s+/, '').trim(), opened };
}

/**
 * The student's own answer in a message, or null: "I got x = 4", "ang sagot ko ay 6", "11/12 ba?", "is it
 * 5?", or working that ends in a result ("2x = 8 so x = 4"). A bare value counts only as an answer; a new
 * exercise ("2x + 3 = 11") is not one.
 */
export function attemptOf(message: string): string | null {
  const text = fold(message)
    .split(' ')
    .filter((w) => !PARTICLES.has(w.replace(/[,?!.]+$/, '')))
    .join(' ');
  const clauses = text.split(THEREFORE);
  const last = clauses.length > 1 ? (clauses.at(-1) ?? '') : text;
  const { text: answer, opened } = stripEnds(last.trim());
  if (!answer || answer.length > 60) return null;
  if (ANSWER.test(answer)) return answer;
  // After "I got", "ang sagot ko ay": any short answer with a digit ("x = -3/2", "6 cm").
  if (opened && /\d/.test(answer) && answer.split(' ').length <= 4) return answer;
  return null;
}

/** What identifies an exercise: its numbers, in order. */
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

/** The rung a hint level stands on (a request for "a similar example" is the method rung). */
function rungOf(hintLevel: number): number {
  return LADDER.findIndex((r) => r.hint_level === hintLevel);
}

/**
 * Earlier asks about the exercise `current`: student messages that name it, the follow-ups between them
 * ("hindi ko pa rin gets", "another hint?") and the answers they tried. A different exercise ends the count.
 */
function earlierAsks(students: readonly string[], current: string): number {
  let asks = 0;
  let pending = 0;
  for (let i = students.length - 1; i >= 0; i--) {
    const said = students[i] ?? '';
    if (attemptOf(said) !== null) {
      pending++;
      continue;
    }
    const sig = signature(said);
    if (!sig) {
      if (FOLLOW_UP.test(fold(said))) pending++;
      continue;
    }
    if (!sameProblem(sig, current)) break;
    asks += pending + 1;
    pending = 0;
  }
  return asks;
}

function decide(
  rung: number,
  reason: string,
  extra: Omit<SocraticDecision, 'stage' | 'hint_level' | 'reason'>,
): SocraticDecision {
  const r = LADDER[rung] ?? LADDER[0];
  return { stage: r.stage, hint_level: r.hint_level, reason, ...extra };
}

/**
 * Where on the hint ladder this turn stands. A new exercise gets a nudge and an invitation to try; each ask
 * again, explicit hint request or wrong answer climbs one rung; the worked solution comes after the ladder,
 * when the student insists, or once their attempt is checked and right (`afterAttempt`). A hints-only class never
 * reaches the solution. `attempt` is set when the message holds the student's answer: the caller checks it
 * and calls `afterAttempt`.
 */
export function socraticStep(input: SocraticInput): SocraticDecision {
  const text = fold(input.message);
  const top = input.hintsOnly ? HINTS_ONLY_TOP : SOLUTION;
  const students = input.history.filter((m) => m.role === 'user').map((m) => m.content);
  const attempt = attemptOf(input.message);
  // The exercise: this message's own (unless it is an answer), else the latest one in the conversation.
  let exercise: string | null = attempt === null && signature(input.message) ? input.message : null;
  for (let i = students.length - 1; i >= 0 && !exercise; i--) {
    const said = students[i] ?? '';
    if (attemptOf(said) === null && signature(said)) exercise = said;
  }
  const current = exercise ? signature(exercise) : null;
  const asks = current ? earlierAsks(students, current) : 0;
  const base = { exercise, attempt, requested: false, insists: false };
  if (INSIST.some((p) => p.test(text)))
    return input.hintsOnly
      ? decide(top, 'the student insists, but the class is hints-only', {
          ...base,
          requested: true,
          insists: true,
        })
      : decide(SOLUTION, 'the student insists on the full solution', { ...base, insists: true });
  const ladder = Math.min(asks, top);
  const requested = input.requestedHintLevel ?? 0;
  if (requested >= 1 && requested <= 3 && rungOf(requested) > ladder && rungOf(requested) <= top)
    return decide(rungOf(requested), `the student asked for hint level ${requested}`, {
      ...base,
      requested: true,
    });
  if (asks > top)
    return decide(top, `asked ${asks + 1} times about this exercise; the hint ladder is done`, {
      ...base,
      requested: true,
    });
  return decide(
    ladder,
    asks === 0
      ? `first ask about this exercise: ${LADDER[ladder]?.stage} and an invitation to try`
      : `ask ${asks + 1} about this exercise: ${LADDER[ladder]?.stage}`,
    { ...base, requested: asks > 0 },
  );
}

/**
 * The turn after the student's attempt was checked: a right answer gets the worked solution to compare with;
 * a wrong one stays on the rung the ladder climbed to (the attempt counted as an ask).
 */
export function afterAttempt(decision: SocraticDecision, correct: boolean): SocraticDecision {
  const extra = { exercise: decision.exercise, attempt: decision.attempt, requested: false, insists: false };
  if (correct) return decide(SOLUTION, 'the attempt is right: the worked solution to compare with', extra);
  const rung = rungOf(decision.hint_level);
  return decide(rung, `the attempt is not right yet: ${LADDER[rung]?.stage}`, extra);
}

/** What the tutor says before the tool's reply about an attempt or a withheld solution, per language. */
const SAY: Record<Locale, { right: (a: string) => string; wrong: (a: string) => string; hintsOnly: string }> =
  {
    en: {
      right: (a) => `✅ Yes — **${a}** is right! Here is the full solution to compare with yours.`,
      wrong: (a) => `Not quite: **${a}** is not the answer yet. Here is a hint to help you try again.`,
      hintsOnly: 'Your class is in an assessment, so I can give hints but not the answer.',
    },
    fil: {
      right: (a) => `✅ Tama — **${a}** ang sagot! Narito ang buong solusyon para maikumpara mo sa iyo.`,
      wrong: (a) => `Hindi pa: hindi pa **${a}** ang sagot. Narito ang isang pahiwatig para subukan mo ulit.`,
      hintsOnly: 'May assessment ang klase mo, kaya pahiwatig lang ang maibibigay ko, hindi ang sagot.',
    },
  };

/** The tutor's words before the tool's own reply, or null when there are none. */
export function socraticLead(
  decision: SocraticDecision,
  correct: boolean | null,
  locale: Locale,
  hintsOnly = false,
): string | null {
  const say = SAY[locale];
  if (decision.attempt !== null && correct !== null)
    return correct ? say.right(decision.attempt) : say.wrong(decision.attempt);
  if (hintsOnly && decision.requested && decision.stage !== 'solution') return say.hintsOnly;
  return null;
}
