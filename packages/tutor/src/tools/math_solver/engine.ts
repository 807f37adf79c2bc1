import { detectLocale } from '../../language.ts';
import { FRACTION_WORDS, findNumberWords, MULTIPLIER_WORDS } from '../../lexicon/numbers.ts';
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
import { normalizeText, spelledOut } from './expr.ts';
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
  type Opening,
  type SolveCtx,
  type Solved,
  step,
} from './types.ts';
import { readChat } from './word/chat.ts';
import { solveStory } from './word/index.ts';
import { readStory, type Story } from './word/read.ts';

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

/** Runs the template families on a problem; null when none recognises it. Never throws. */
function runFamilies(norm: string, c: SolveCtx): Solved | null {
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

/** An exercise no family reads as written, read again with its numbers in digits ("half of 10"). */
function runSpelledOut(norm: string, c: SolveCtx): Solved | null {
  const digits = normalizeText(spelledOut(norm));
  return digits === norm ? null : runFamilies(digits, c);
}

/** A question counting or pricing something: what a part-of-a-whole family computes, if it names that part. */
const COUNT_ASKED = /\b(?:how many|how much|ilan|ilang|magkano)\b/;

/**
 * The kinds a template family may answer for a story, with what the story's question must ask for it; the
 * family's own guards (guards.ts) refuse another part or a repeated interval. Any other kind (units,
 * algebra, keyword operations read from part of the text) stays silent.
 */
const STORY_KINDS: Record<string, RegExp> = {
  percentage: new RegExp(`%|\\bpercent|porsyento|${COUNT_ASKED.source}`),
  fractions: COUNT_ASKED,
  time_difference: /\b(?:how long|how many (?:hours|minutes)|gaano katagal|ilang (?:oras|minuto))\b/,
  mean: /\b(?:average|mean|karaniwan|promedyo)\b/,
  median: /\bmediana?\b/,
  mode: /\bmod[ea]\b/,
  range: /\brange\b/,
  area: /\b(?:area|lawak)\b/,
  perimeter: /\b(?:perimeter|perimetro)\b/,
  gcd: /\b(?:gcf|gcd|hcf|greatest common)\b/,
  lcm: /\b(?:lcm|lcd|least common)\b/,
  rounding: /\bround|i-?round/,
  remainder: /\bremainder\b/,
  unit_conversion: /\b(?:convert|i-?convert|how many|ilang|ilan)\b/,
  word_problem: /\b(?:how much|magkano|change|sukli)\b/,
  probability_sequence: /\bprob/,
  unit_rate: /\b(?:how much|magkano)\b/,
};

/** Kinds whose family reads every number of the text itself (a list, the letters drawn): no accounting. */
const WHOLE_TEXT_KINDS = new Set(['probability_sequence']);

/** Words that scale a quantity ("half the length", "twice as many"): a family reading only the digits misses them. */
const SCALING_WORDS = [
  ...Object.keys(FRACTION_WORDS),
  ...Object.keys(MULTIPLIER_WORDS),
  'times',
  'beses',
  'ulit',
];

/** Prose before the question, not formulas ("Let f(x) = …", "Suppose 3*x = 5"): a story. */
function storyOf(problem: string): Story | null {
  if (/[=^]|\*\*|\b(?:let|suppose)\s+[a-z]\b\s*(?:\(|be\b|=)/i.test(problem)) return null;
  return readStory(problem);
}

/** Every number of the story shows in the family's steps: none was dropped on the way. */
function accountsFor(story: Story, s: Solved): boolean {
  const shown = new Set<string>();
  for (const st of s.steps)
    for (const m of `${st.expression} ${st.description}`.matchAll(/\d+(?:\.\d+)?(?:\/\d+)?/g))
      shown.add(q(m[0]).toString());
  return [...story.quantities, ...story.asked].every((x) => shown.has(x.value.toString()));
}

/** The student wrote the computation after the story ("… Magkano ang natira? 250 - 85"): it is what is asked. */
function asksExpression(story: Story): boolean {
  return /\d/.test(story.question) && !/\p{L}/u.test(story.question);
}

/** A family's answer to a story counts only when the question asks for exactly that and nothing was dropped. */
function familyFits(story: Story, s: Solved): boolean {
  const cue = STORY_KINDS[s.kind];
  const text = `${story.clauses.join(' ')} ${story.question}`;
  if (SCALING_WORDS.some((w) => new RegExp(`\\b${w}\\b`).test(text))) return false;
  const asked = asksExpression(story) || cue?.test(story.question) === true;
  return asked && (WHOLE_TEXT_KINDS.has(s.kind) || accountsFor(story, s));
}

/**
 * Solves a problem: a story goes to the word engine first, then to a template family that fits it, and
 * otherwise gets an opening; any other text goes to the families. Null when nothing recognises it.
 */
function solveRaw(problem: string, locale: MathLocale = 'en'): Solved | Opening | null {
  const c = makeCtx(locale);
  let chat: string;
  let norm: string;
  try {
    chat = readChat(problem);
    norm = normalizeText(chat);
  } catch {
    return null;
  }
  let story: Story | null = null;
  let word: Solved | Opening | null = null;
  try {
    story = storyOf(chat);
    word = story && solveStory(story, locale === 'fil' ? 'fil' : detectLocale(problem).locale);
  } catch {
    // a story the reader trips over (e.g. "3/0 of the cake") is left to the families, as any other text
    story = null;
  }
  if (!story) return runFamilies(norm, c) ?? runSpelledOut(norm, c);
  if (!word) return runFamilies(norm, c);
  if (!isOpening(word)) return word;
  const family = runFamilies(norm, c);
  return family && familyFits(story, family) ? family : word;
}

function isOpening(r: Solved | Opening): r is Opening {
  return r.kind === 'opening';
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
    const raw = solveRaw(p, locale);
    const s = raw && !isOpening(raw) ? raw : null;
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

/** Confidence of each status: a worked answer, a hint about one, an opening (no answer), nothing. */
const CONFIDENCE = { solved: 0.95, hint: 0.9, opening: 0.2, unsupported: 0 } as const;

/** The answer as a student writes it: with its unit, or each root of an equation named by its variable. */
function written(solved: Solved, c: SolveCtx): string | null {
  if (solved.unit) return solved.unit;
  if (!solved.variable) return null;
  const v = solved.variable;
  return solved.answer
    .split(', ')
    .map((root) => `${v} = ${root}`)
    .join(c.tr(' or ', ' o '));
}

/** Solves a student's math problem and shapes the output for the requested hint level. Never throws. */
export function solveMath(problem: string, opts: SolveOptions = {}): MathSolution {
  const locale: MathLocale = opts.locale === 'fil' ? 'fil' : 'en';
  const hintLevel = opts.hintLevel ?? 0;
  const showSteps = opts.showSteps ?? true;
  const c = makeCtx(locale);
  let raw: Solved | Opening | null = null;
  try {
    raw = solveRaw(problem, locale);
  } catch {
    raw = null;
  }
  if (raw && isOpening(raw)) {
    return {
      problem,
      status: 'opening',
      confidence: CONFIDENCE.opening,
      unit: null,
      kind: 'word_problem',
      answer: null,
      written: null,
      steps: showSteps ? raw.steps : [],
      hint: hintLevel === 1 ? raw.concept : raw.message,
      message: null,
    };
  }
  const solved = raw;
  if (!solved || solved.kind === 'unsupported') {
    return {
      problem,
      status: 'unsupported',
      confidence: CONFIDENCE.unsupported,
      unit: null,
      kind: 'unsupported',
      answer: null,
      written: null,
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
      status: 'solved',
      confidence: CONFIDENCE.solved,
      unit: solved.unit ?? null,
      kind: solved.kind,
      answer: solved.answer,
      written: written(solved, c),
      steps: showSteps ? solved.steps : [],
      hint: null,
      message,
    };
  }
  const ans = solved.answer;
  const hinted = {
    problem,
    status: 'hint',
    confidence: CONFIDENCE.hint,
    unit: null,
    written: null,
    kind: solved.kind,
  } as const;
  if (hintLevel === 1) {
    return { ...hinted, answer: null, steps: [], hint: solved.concept, message: null };
  }
  if (hintLevel === 2) {
    const first = solved.steps.find(
      (s, i) =>
        i < solved.steps.length - 1 && !revealsAnswer(s, ans) && !/^(Write|Isulat)/.test(s.description),
    );
    const desc = solved.next ?? first?.description ?? solved.concept;
    const hint = c.tr(`Next step: ${desc}`, `Susunod na hakbang: ${desc}`);
    const steps = first && showSteps && !mentionsAnswer(first, ans) ? [first] : [];
    return { ...hinted, answer: null, steps, hint, message: null };
  }
  // hint level 3: a worked example with different numbers
  const sim = similarProblem(problem, solved, locale);
  if (!sim) {
    return {
      ...hinted,
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
    ...hinted,
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
 * A fast check for a concrete exercise in a message (no solving): an expression, a math request with a
 * number, or a story problem (a quantity, in digits or words, and a question such as "how many … left",
 * "ilan lahat", "magkano ang sukli"). The planner may route what it accepts to the math solver.
 */
export function looksLikeMath(text: string): boolean {
  if (!text || text.length > 4000) return false;
  const t = normalizeText(text);
  if (OPERATION.test(t)) return true;
  // numbers in words: "twelve plus five", "half of 10", "kalahati ng 50"
  const digits = normalizeText(spelledOut(t));
  if (digits !== t && (OPERATION.test(digits) || /\d\/\d+ (?:of|ng) \d/.test(digits))) return true;
  if (/\d\s*[a-z]\b\s*[-+=]|[a-z]\s*\^\s*\d|\b[a-z]\s*[-+*/]\s*\d+\s*=|=\s*-?\d/i.test(t) && /\d/.test(t))
    return true;
  if (/\d+(\.\d+)?\s*%/.test(t)) return true;
  if (/\d{1,2}:\d{2}\s*(am|pm)/i.test(t)) return true;
  if (MATH_WORDS.test(t) && /\d/.test(t)) return true;
  if (/\b(derivative|differentiate|factor|expand|simplify)\b/i.test(t) && /[a-z]\s*(\^|\*\*)\s*\d/.test(t))
    return true;
  if (/(-?\d+\s*,\s*){3,}-?\d+/.test(t) && /next|susunod|kasunod/i.test(t)) return true;
  if (/(-?\d+(\.\d+)?\s*(,|and|at)\s*){2,}-?\d+/.test(t) && /\b(mode|moda|range)\b/i.test(t)) return true;
  return STORY_QUESTION.test(t) && (/\d/.test(t) || findNumberWords(t).some((m) => m.kind === 'cardinal'));
}

/** Two numbers joined by an operator: "3 + 4", "2*(5", "x = -3". */
const OPERATION = /\d\s*[-+*/^=×÷]\s*\(?-?\d/;

/** A story problem's question or request, English and Filipino: with a quantity in the text, it is math. */
const STORY_QUESTION =
  /\b(?:how (?:many|much|long|far|old)|ilan|ilang|magkano|gaano|natira|natitira|sukli|altogether|in all|left|lahat)\b/i;
