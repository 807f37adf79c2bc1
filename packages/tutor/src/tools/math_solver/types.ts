export type MathLocale = 'en' | 'fil';
export type HintLevel = 0 | 1 | 2 | 3;

export interface MathStep {
  description: string;
  expression: string;
}

/** What `solveMath` returns; mirrors the tool's output schema. */
export interface MathSolution {
  problem: string;
  /** Recognised problem family, e.g. linear_equation, gcd, derivative; `unsupported` when none. */
  kind: string;
  /** Canonical answer string (dataset conventions); null while a hint is given or when unsupported. */
  answer: string | null;
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
