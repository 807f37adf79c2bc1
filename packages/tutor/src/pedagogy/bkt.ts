import type { Locale } from '../contract.ts';

/** Bayesian Knowledge Tracing parameters (Corbett & Anderson, 1995). */
export interface BktParams {
  /** Probability the student knows the skill before any practice. */
  p_init: number;
  /** Probability of learning the skill at each practice opportunity. */
  p_transit: number;
  /** Probability of a wrong answer although the skill is known. */
  p_slip: number;
  /** Probability of a right answer although the skill is not known. */
  p_guess: number;
}

export const DEFAULT_BKT: Readonly<BktParams> = Object.freeze({
  p_init: 0.2,
  p_transit: 0.1,
  p_slip: 0.1,
  p_guess: 0.2,
});

/** The topic's own parameters (`topic.bkt` in the pack) over the defaults. */
export function bktParams(topic?: { bkt?: Partial<BktParams> | undefined } | null): BktParams {
  return { ...DEFAULT_BKT, ...(topic?.bkt ?? {}) };
}

function clamp01(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.min(1, Math.max(0, p));
}

/**
 * One BKT step: the posterior that the skill is known given the observation, then the chance of learning it
 * at this opportunity. P(L|correct) = P(L)(1−S) / (P(L)(1−S) + (1−P(L))G);
 * P(L|wrong) = P(L)S / (P(L)S + (1−P(L))(1−G)); P(L') = P(L|obs) + (1 − P(L|obs))T.
 */
export function bktUpdate(pKnown: number, correct: boolean, params: BktParams = DEFAULT_BKT): number {
  const p = clamp01(pKnown);
  const { p_slip: s, p_guess: g, p_transit: t } = params;
  const known = correct ? p * (1 - s) : p * s;
  const unknown = correct ? (1 - p) * g : (1 - p) * (1 - g);
  const posterior = known + unknown === 0 ? p : known / (known + unknown);
  return clamp01(posterior + (1 - posterior) * t);
}

/** P(known) after a sequence of observations, starting from `p_init`. */
export function bktTrace(observations: readonly boolean[], params: BktParams = DEFAULT_BKT): number {
  return observations.reduce((p, correct) => bktUpdate(p, correct, params), params.p_init);
}

/** Probability the next answer is correct: P(L)(1−S) + (1−P(L))G. */
export function pCorrect(pKnown: number, params: BktParams = DEFAULT_BKT): number {
  const p = clamp01(pKnown);
  return p * (1 - params.p_slip) + (1 - p) * params.p_guess;
}

/** Mastery on a 1..10 scale: 1 + ⌊10·p⌋, capped (p ≥ 0.9 is level 10). */
export function masteryLevel(pKnown: number): number {
  return Math.min(10, Math.max(1, 1 + Math.floor(clamp01(pKnown) * 10 + 1e-9)));
}

const LABELS: Record<Locale, readonly string[]> = {
  en: [
    'just starting',
    'getting started',
    'building foundations',
    'developing',
    'developing',
    'getting steady',
    'proficient',
    'proficient',
    'nearly mastered',
    'mastered',
  ],
  fil: [
    'nagsisimula pa lang',
    'nagsisimula pa lang',
    'binubuo ang pundasyon',
    'umuunlad',
    'umuunlad',
    'tumatatag na',
    'bihasa na',
    'bihasa na',
    'halos dalubhasa na',
    'dalubhasa na',
  ],
};

export function masteryLabel(level: number, locale: Locale = 'en'): string {
  const index = Math.min(10, Math.max(1, Math.round(level))) - 1;
  return LABELS[locale][index] ?? LABELS.en[index] ?? '';
}

/** "Level 3 — building foundations" (or "Antas 3 — …" in Filipino). */
export function masterySummary(pKnown: number, locale: Locale = 'en'): string {
  const level = masteryLevel(pKnown);
  return `${locale === 'fil' ? 'Antas' : 'Level'} ${level} — ${masteryLabel(level, locale)}`;
}

/** Reads the level back from a summary ("Level 7 — proficient", "Antas 7 — …"); undefined when absent. */
export function parseMasteryLevel(summary: string | undefined): number | undefined {
  const match = summary?.match(/\b(?:level|antas)\s*(\d{1,2})\b/i);
  const level = match ? Number(match[1]) : Number.NaN;
  return level >= 1 && level <= 10 ? level : undefined;
}

/** How mastery shapes the tools: 1–3 easy/basic, 4–6 medium/intermediate, 7–9 hard/advanced, 10 hard/comprehensive. */
export function difficultyForMastery(level: number): {
  difficulty: 'easy' | 'medium' | 'hard';
  depth: 'basic' | 'intermediate' | 'advanced' | 'comprehensive';
} {
  if (level <= 3) return { difficulty: 'easy', depth: 'basic' };
  if (level <= 6) return { difficulty: 'medium', depth: 'intermediate' };
  if (level <= 9) return { difficulty: 'hard', depth: 'advanced' };
  return { difficulty: 'hard', depth: 'comprehensive' };
}
