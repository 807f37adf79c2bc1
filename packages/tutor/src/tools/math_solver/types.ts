export type MathLocale = 'en' | 'fil';
export type HintLevel = 0 | 1 | 2 | 3;

export interface MathStep {
  description: string;
  expression: string;
}

/**
 * How far the engine got: a worked answer, a hint without it, a Socratic opening for a story it could not
 * read with certainty (no answer), or nothing it can solve.
 */
export type MathStatus = 'solved' | 'hint' | 'opening' | 'unsupported';

/** What `solveMath` returns; mirrors the tool's output schema. */
export interface MathSolution {
  problem: string;
  status: MathStatus;
  /** How sure the engine is of its reading: high for a worked answer, low for an opening, 0 when unsupported. */
  confidence: number;
  /** The answer with its unit, as a teacher writes it ("₱54", "24 na pahina"); null when there is none. */
  unit: string | null;
  /** Recognised problem family, e.g. linear_equation, gcd, derivative; `unsupported` when none. */
  kind: string;
  /** Canonical answer string (dataset conventions); null while a hint is given or when unsupported. */
  answer: string | null;
  /** The answer as a student writes it ("x = 5", "x = 2 or x = 3", "₱54"); null when it is `answer` as is. */
  written: string | null;
  steps: MathStep[];
  hint: string | null;
  /** Honest note for unsupported input or caveats (e.g. an approximation). */
  message: string | null;
}

/** One family's result before hint levels are applied. */
export interface Solved {
  kind: string;
  answer: string;
  steps: MathStep[];
  /** Conceptual nudge (hint level 1): the idea, never the numbers of the answer. */
  concept: string;
  /** Hint about the next step (hint level 2). Defaults to the first step's description. */
  next?: string;
  /** Honest caveat; with kind `unsupported` it replaces the generic unsupported message. */
  message?: string;
  /** The answer with its unit, when the problem counts something ("₱54", "15 apples"). */
  unit?: string;
  /** The unknown an equation's answer gives the value(s) of, each root named by it ("x = 5"). */
  variable?: string;
}

/** A story the engine could not read with certainty: what it found, and a question about the first step. */
export interface Opening {
  kind: 'opening';
  message: string;
  steps: MathStep[];
  concept: string;
}

export interface SolveCtx {
  loc: MathLocale;
  tr(en: string, fil: string): string;
}

/** A family solver: returns null when the text is not its kind of problem. Throw nothing. */
export type FamilySolver = (norm: string, lower: string, c: SolveCtx) => Solved | null;

export function makeCtx(loc: MathLocale): SolveCtx {
  return { loc, tr: (en, fil) => (loc === 'fil' ? fil : en) };
}

export function step(description: string, expression: string): MathStep {
  return { description, expression };
}
