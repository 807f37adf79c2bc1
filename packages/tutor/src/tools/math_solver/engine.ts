import { solveEquation, solveEvaluate, solveExpand, solveFactor, solveInequality } from './algebra.ts';
import { solveExpression, solveWordArithmetic } from './arithmetic.ts';
import { solveDerivative } from './calculus.ts';
import {
  solveGeometry,
  solveNumberForms,
  solvePurchase,
  solveStatistics,
  solveUnitRate,
} from './everyday.ts';
import { normalizeText } from './expr.ts';
import { solveConversion, solveTime } from './measurement.ts';
import { type Q, q } from './num.ts';
import { solveGcdLcm, solvePrimes, solveRemainder, solveRounding } from './numbers.ts';
import { solvePercent } from './percent.ts';
import { Poly } from './poly.ts';
import { solveProbabilitySequence } from './probability.ts';
import { solveSequence } from './sequences.ts';
import {
  type FamilySolver,
  type HintLevel,
  type MathLocale,
  type MathSolution,
  type MathStep,
  makeCtx,
  type Solved,
  step,
} from './types.ts';

/** Families in the order they are tried: the most specific wording first, bare expressions last. */
const FAMILIES: FamilySolver[] = [
  solveProbabilitySequence,
  solveSequence,
  solveTime,
  solveConversion,
  solveStatistics,
  solveNumberForms,
  solveGeometry,
  solvePurchase,
  solveUnitRate,
  solvePercent,
  solveGcdLcm,
  solveRemainder,
  solvePrimes,
  solveRounding,
  solveDerivative,
  solveEvaluate,
  solveFactor,
  solveInequality,
  solveEquation,
  solveWordArithmetic,
  solveExpand,
  solveExpression,
];

export interface SolveOptions {
  locale?: MathLocale;
  hintLevel?: HintLevel;
  showSteps?: boolean;
}

/** Runs the families on a problem; null when none recognises it. Never throws. */
function solveRaw(problem: string, locale: MathLocale = 'en'): Solved | null {
  const c = makeCtx(locale);
  let norm: string;
  try {
    norm = normalizeText(problem);
  } catch {
    return null;
  }
  const lower = norm.toLowerCase();
  for (const f of FAMILIES) {
    try {
      const r = f(norm, lower, c);
      if (r) return r;
    } catch {
      // a family that trips over odd input just passes; the next one may understand it
    }
  }
  return null;
}

/** Would this step show the final answer? (the answer alone, or as either side of an equation). */
function revealsAnswer(s: MathStep, answer: string): boolean {
  const norm = (x: string) => x.replace(/\s+/g, '').replace(/[✓]/g, '').toLowerCase();
  const a = norm(answer);
  if (!a) return false;
  const sides = s.expression.split(/=|≈|→|;|,|\bor\b|\bo\b/).map(norm);
  if (sides.some((x) => x === a)) return true;
  const parts = answer.split(/,\s*/).map(norm);
  if (parts.length > 1 && parts.every((p) => sides.includes(p))) return true;
  const ex = norm(s.expression);
  if (ex.endsWith(`=${a}`) || ex === a) return true;
  return norm(s.description).includes(`=${a}`);
}

/** Stricter than revealsAnswer: the answer appears anywhere in the step as a whole token. */
function mentionsAnswer(s: MathStep, answer: string): boolean {
  if (revealsAnswer(s, answer)) return true;
  const esc = answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[^\\d./])${esc}($|[^\\d./])`);
  return re.test(s.expression) || re.test(s.description);
}

function perturb(problem: string, k: number): string {
  // shift the i-th free-standing number by k·i, keeping exponents and clock hours intact
  let i = 0;
  return problem.replace(
    /(\^|\*\*|:)?(-?)(\d+)(\.\d+)?/g,
    (
      whole,
      pre: string | undefined,
      sign: string,
      int: string,
      frac: string | undefined,
      offset: number,
      str: string,
    ) => {
      if (pre) return whole;
      if (str[offset + whole.length] === ':') return whole;
      const n = BigInt(`${sign}${int}`) + BigInt(k * ++i);
      return `${n}${frac ?? ''}`;
    },
  );
}

/** For root-finding and factoring, shift the roots so the similar problem still factors nicely. */
function shiftedRootsProblem(original: Solved, k: number, locale: MathLocale): string | null {
  if (!['quadratic_equation', 'polynomial_roots', 'factoring'].includes(original.kind)) return null;
  const roots: Q[] = [];
  if (original.kind === 'factoring') {
    for (const m of original.answer.matchAll(/\((\d*)\*?([a-z]) ([-+]) (\d+)\)(?:\*\*(\d+))?/g)) {
      const a = BigInt(m[1] || '1');
      const b = BigInt(m[4] ?? '0');
      const r = q(m[3] === '-' ? b : -b, a);
      for (let i = 0; i < Number(m[5] ?? '1'); i++) roots.push(r);
    }
  } else {
    for (const part of original.answer.split(/,\s*/)) {
      if (!/^-?\d+(\/\d+)?$/.test(part)) return null;
      roots.push(q(part));
    }
  }
  if (roots.length === 0) return null;
  if (roots.length === 1 && original.kind !== 'factoring') roots.push((roots[0] as Q).add(k + 3));
  let poly = Poly.const(q(1));
  for (const r of roots) {
    const shifted = r.add(k);
    poly = poly.mul(
      Poly.variable('x')
        .scale(q(shifted.d))
        .sub(Poly.const(q(shifted.s * shifted.n))),
    );
  }
  const text = poly.pretty();
  if (original.kind === 'factoring') return locale === 'fil' ? `I-factor ang ${text}` : `Factor ${text}`;
  return locale === 'fil' ? `Lutasin ang ${text} = 0` : `Solve ${text} = 0`;
}

function similarProblem(
  problem: string,
  original: Solved,
  locale: MathLocale,
): { problem: string; solved: Solved } | null {
  const offsets = [1, 2, 3, -1, 4, 5, 6, 7, -2, 9, 11, 13, -3, 17, 20];
  let fallback: { problem: string; solved: Solved } | null = null;
  for (const k of offsets) {
    const p = shiftedRootsProblem(original, k, locale) ?? perturb(problem, k);
    if (p === problem) continue;
    const s = solveRaw(p, locale);
    const family = (kind: string) => (kind === 'quadratic_equation' ? 'polynomial_roots' : kind);
    if (!s || family(s.kind) !== family(original.kind) || s.answer === original.answer) continue;
    if (s.steps.some((st) => revealsAnswer(st, original.answer))) continue;
    const cand = { problem: p, solved: s };
    const niceOriginal = /^-?\d+$/.test(original.answer);
    const trivial = /^(0|1|-1)$/.test(s.answer) && !/^(0|1|-1)$/.test(original.answer);
    if (!trivial && (!niceOriginal || /^-?\d+(, -?\d+)*$/.test(s.answer) || /:/.test(s.answer))) return cand;
    fallback ??= cand;
  }
  return fallback;
}

/** Solves a student's math problem and shapes the output for the requested hint level. Never throws. */
export function solveMath(problem: string, opts: SolveOptions = {}): MathSolution {
  const locale: MathLocale = opts.locale === 'fil' ? 'fil' : 'en';
  const hintLevel = opts.hintLevel ?? 0;
  const showSteps = opts.showSteps ?? true;
  const c = makeCtx(locale);
  let solved: Solved | null = null;
  try {
    solved = solveRaw(problem, locale);
  } catch {
    solved = null;
  }
  if (!solved || solved.kind === 'unsupported') {
    return {
      problem,
      kind: 'unsupported',
      answer: null,
      steps: [],
      hint: null,
      message:
        solved?.message ??
        c.tr(
          "I couldn't recognise a math exercise I can solve step by step here. I handle arithmetic, fractions, percentages, GCD/LCM, primes, rounding, units and time, polynomials, equations and systems, derivatives, sequences and probability — try writing the exercise as an expression, e.g. 2x + 3 = 7.",
          'Hindi ko nakilala ang math exercise na kaya kong lutasin nang hakbang-hakbang dito. Kaya ko ang arithmetic, fractions, porsyento, GCD/LCM, prime, rounding, units at oras, polynomial, equation at system, derivative, sequence at probability — subukang isulat ang exercise bilang expression, hal. 2x + 3 = 7.',
        ),
    };
  }
  const message = solved.message ?? null;
  if (hintLevel === 0) {
    return {
      problem,
      kind: solved.kind,
      answer: solved.answer,
      steps: showSteps ? solved.steps : [],
      hint: null,
      message,
    };
  }
  const ans = solved.answer;
  if (hintLevel === 1) {
    return { problem, kind: solved.kind, answer: null, steps: [], hint: solved.concept, message: null };
  }
  if (hintLevel === 2) {
    const first = solved.steps.find(
      (s, i) =>
        i < solved.steps.length - 1 && !revealsAnswer(s, ans) && !/^(Write|Isulat)/.test(s.description),
    );
    const desc = solved.next ?? first?.description ?? solved.concept;
    const hint = c.tr(`Next step: ${desc}`, `Susunod na hakbang: ${desc}`);
    const steps = first && showSteps && !mentionsAnswer(first, ans) ? [first] : [];
    return { problem, kind: solved.kind, answer: null, steps, hint, message: null };
  }
  // hint level 3: a worked example with different numbers
  const sim = similarProblem(problem, solved, locale);
  if (!sim) {
    return {
      problem,
      kind: solved.kind,
      answer: null,
      steps: [],
      hint: c.tr(`Think about it this way: ${solved.concept}`, `Isipin ito nang ganito: ${solved.concept}`),
      message: null,
    };
  }
  const steps = showSteps
    ? [
        step(
          c.tr('A similar problem (different numbers)', 'Katulad na problema (ibang numero)'),
          sim.problem,
        ),
        ...sim.solved.steps,
        step(c.tr('Answer to the similar problem', 'Sagot sa katulad na problema'), sim.solved.answer),
      ].filter((s) => !revealsAnswer(s, ans))
    : [];
  return {
    problem,
    kind: solved.kind,
    answer: null,
    steps,
    hint: c.tr(
      `Here is a worked example of a similar problem: "${sim.problem}" (answer: ${sim.solved.answer}). Now use the same steps on your problem.`,
      `Narito ang halimbawang nalutas na katulad na problema: "${sim.problem}" (sagot: ${sim.solved.answer}). Gamitin ang parehong mga hakbang sa problema mo.`,
    ),
    message: null,
  };
}

const MATH_WORDS =
  /\b(solve|calculate|compute|evaluate|simplify|expand|factor|differentiate|derivative|round|convert|remainder|gcd|gcf|hcf|lcm|lcd|prime|percent|lutasin|kalkulahin|hanapin|i-?solve|i-?compute|ilan|magkano|porsyento|i-?round|i-?convert|natitira|mean|average|median|area|perimeter|lawak|perimetro|decimal|fraction|square\s+root|how\s+much|sukli|tig-\s*\d)\b/i;

/**
 * A fast check for a concrete exercise in a message (no solving), for library users. The embedded planner
 * does not call it: it has its own detector (`planner/embedded/analyze.ts`, `MATH_EXPRESSION`).
 */
export function looksLikeMath(text: string): boolean {
  if (!text || text.length > 4000) return false;
  const t = normalizeText(text);
  if (/\d\s*[-+*/^=×÷]\s*\(?-?\d/.test(t)) return true;
  if (/\d\s*[a-z]\b\s*[-+=]|[a-z]\s*\^\s*\d|\b[a-z]\s*[-+*/]\s*\d+\s*=|=\s*-?\d/i.test(t) && /\d/.test(t))
    return true;
  if (/\d+(\.\d+)?\s*%/.test(t)) return true;
  if (/\d{1,2}:\d{2}\s*(am|pm)/i.test(t)) return true;
  if (MATH_WORDS.test(t) && /\d/.test(t)) return true;
  if (/\b(derivative|differentiate|factor|expand|simplify)\b/i.test(t) && /[a-z]\s*(\^|\*\*)\s*\d/.test(t))
    return true;
  if (/(-?\d+\s*,\s*){3,}-?\d+/.test(t) && /next|susunod|kasunod/i.test(t)) return true;
  if (/(-?\d+(\.\d+)?\s*(,|and|at)\s*){2,}-?\d+/.test(t) && /\b(mode|moda|range)\b/i.test(t)) return true;
  return false;
}
