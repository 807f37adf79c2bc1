import { evaluate, type MathNode, parse, SymbolNode } from 'mathjs';
import { z } from 'zod';
import { checkAnswer } from '../../checker.ts';
import type { FailedCheck, ToolGeneration } from '../../tool.ts';
import { solveMath } from './engine.ts';
import type { HintLevel, MathLocale, MathSolution, MathStep } from './types.ts';

/**
 * Math with a model: the model formalises (knowns with units, the unknown, one equation or an expression),
 * never computes; the embedded engine solves the formulation step by step and the answer is checked by
 * substituting it back. When the engine also reads the original text, both must agree; otherwise the student
 * gets a Socratic opening, never a guess.
 */
const Name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,29}$/)
  .describe('an identifier: letters, digits, _');

const draft = z.object({
  readable: z
    .boolean()
    .describe('false when the message is not a concrete exercise with the data to solve it'),
  knowns: z.array(z.object({ name: Name, value: z.number(), unit: z.string().max(30) })).max(12),
  unknown: z.object({ name: Name, unit: z.string().max(30), description: z.string().max(200) }),
  equation: z
    .string()
    .max(300)
    .nullable()
    .describe('one equation relating the unknown and the knowns by name, e.g. "3*x + 12 = 48"; or null'),
  expression: z
    .string()
    .max(300)
    .nullable()
    .describe('or: the unknown as an expression of the knowns by name, e.g. "paid - count*price"; or null'),
});
type Formulation = z.output<typeof draft>;

const OPENING: Record<MathLocale, string> = {
  en: "Let's read this problem together before computing. What does it ask you to find, and which numbers does it give you? Write the equation that connects them, and we'll check it together.",
  fil: 'Basahin muna natin nang sabay ang problema bago magkompyut. Ano ang hinahanap nito, at anong mga numero ang ibinigay? Isulat mo ang equation na nag-uugnay sa mga ito, at susuriin natin nang sabay.',
};

const WORDS: Record<MathLocale, { know: string; find: string; model: string; check: string; so: string }> = {
  en: {
    know: 'What we know',
    find: 'What we look for',
    model: 'The equation',
    check: 'Check by substituting back',
    so: 'So',
  },
  fil: {
    know: 'Ang alam natin',
    find: 'Ang hinahanap',
    model: 'Ang equation',
    check: 'Suriin sa pagpapalit pabalik',
    so: 'Kaya',
  },
};

/** Fewer words than this (of three letters or more) is an exercise, not a story: "Solve 2x + 3 = 7". */
const STORY_WORDS = 4;

/** The names a formula uses (function names such as sqrt are not names of quantities). */
function namesIn(node: MathNode): string[] {
  return node
    .filter(
      (n, _path, parent) =>
        n instanceof SymbolNode &&
        !(parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n),
    )
    .map((n) => (n as SymbolNode).name);
}

/** The formula with each known replaced by its value, and the unknown by `x`. */
function substituted(text: string, f: Formulation): string {
  const values = new Map(f.knowns.map((k) => [k.name, k.value]));
  return parse(text)
    .transform((n) => {
      if (!(n instanceof SymbolNode)) return n;
      if (n.name === f.unknown.name) return new SymbolNode('x');
      const v = values.get(n.name);
      return v === undefined ? n : parse(`(${v})`);
    })
    .toString();
}

interface Solved {
  solution: MathSolution;
  /** The answer as a number, for the substitution check. */
  value: number;
  /** The formulation with the answer substituted back, shown as the check. */
  check: string;
}

/**
 * The formulation as two sides of an equation over named quantities: `lhs = rhs`, or `unknown = expression`.
 * A failed check when it is not one equation or expression over the knowns and the unknown, or gives the
 * final number instead of the computation.
 */
function readFormula(f: Formulation): { sides: [string, string] } | FailedCheck {
  const fail = (detail: string): FailedCheck => ({ check: 'formulation', detail });
  if ((f.equation === null) === (f.expression === null))
    return fail('give exactly one of equation and expression');
  const sides = f.equation?.split('=') ?? [f.unknown.name, f.expression ?? ''];
  const [lhs, rhs] = sides;
  if (sides.length !== 2 || !lhs?.trim() || !rhs?.trim())
    return fail('an equation has one "=" with two sides');
  let names: string[];
  try {
    names = [...namesIn(parse(lhs)), ...namesIn(parse(rhs))];
  } catch (error) {
    return fail(`the formula does not parse (${(error as Error).message})`);
  }
  const known = new Set([...f.knowns.map((k) => k.name), f.unknown.name]);
  const stray = names.filter((n) => !known.has(n) && n !== 'pi' && n !== 'e');
  if (stray.length) return fail(`the formula names unknown quantities: ${stray.join(', ')}`);
  if (f.expression !== null && namesIn(parse(rhs)).length === 0 && f.knowns.length > 0)
    return fail('the expression is a bare number: write the computation from the knowns, not its result');
  return { sides: [lhs.trim(), rhs.trim()] };
}

/** Solves the formulation with the engine and checks the answer by substituting it back. */
function solveFormulation(f: Formulation, locale: MathLocale): { solved?: Solved; failures: FailedCheck[] } {
  const read = readFormula(f);
  if (!('sides' in read)) return { failures: [read] };
  const [lhs, rhs] = read.sides;
  const problem = f.equation ? `Solve ${substituted(lhs, f)} = ${substituted(rhs, f)}` : substituted(rhs, f);
  const solution = solveMath(problem, { locale });
  try {
    const value = Number(evaluate((solution.answer ?? 'NaN').replace(/^x\s*=\s*/, '')));
    if (solution.kind === 'unsupported' || !Number.isFinite(value))
      throw new Error(`the engine cannot solve the formulation to one number (${problem})`);
    const scope = { ...Object.fromEntries(f.knowns.map((k) => [k.name, k.value])), [f.unknown.name]: value };
    const left = Number(evaluate(lhs, scope));
    const right = Number(evaluate(rhs, scope));
    if (!(Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(left))))
      return {
        failures: [
          { check: 'substitution', detail: `${f.unknown.name} = ${value} does not satisfy ${lhs} = ${rhs}` },
        ],
      };
    return { solved: { solution, value, check: `${lhs} = ${rhs} → ${left} = ${right} ✓` }, failures: [] };
  } catch (error) {
    return { failures: [{ check: 'unsolvable', detail: (error as Error).message }] };
  }
}

/** The Socratic opening: the embedded reader's own (its quantities and question) when it has one. */
function opening(problem: string, locale: MathLocale): MathSolution {
  const embedded = solveMath(problem, { locale });
  if (embedded.status === 'opening') return embedded;
  return {
    problem,
    kind: 'word_problem',
    answer: null,
    steps: [],
    hint: OPENING[locale],
    message: null,
    status: 'opening',
    confidence: 0.2,
    unit: null,
    written: null,
  };
}

/** The solution of the formulation as the student sees it: what is known, what is sought, then the engine's steps. */
function present(
  problem: string,
  f: Formulation,
  s: Solved,
  hint: HintLevel,
  showSteps: boolean,
  locale: MathLocale,
): MathSolution {
  const formula = f.equation ?? `${f.unknown.name} = ${f.expression}`;
  if (hint > 0) {
    const hinted = solveMath(s.solution.problem, { locale, hintLevel: hint, showSteps });
    return { ...hinted, problem, kind: 'word_problem' };
  }
  const w = WORDS[locale];
  const known = f.knowns.map((k) => `${k.name} = ${k.value}${k.unit ? ` ${k.unit}` : ''}`).join(', ');
  const steps: MathStep[] = [
    { description: w.know, expression: known },
    {
      description: `${w.find}: ${f.unknown.description}`,
      expression: `${f.unknown.name}${f.unknown.unit ? ` (${f.unknown.unit})` : ''}`,
    },
    { description: w.model, expression: formula },
    ...s.solution.steps,
    { description: w.check, expression: s.check },
    {
      description: `${w.so} ${f.unknown.description}`,
      expression: `${f.unknown.name} = ${s.solution.answer}${f.unknown.unit ? ` ${f.unknown.unit}` : ''}`,
    },
  ];
  const answer = s.solution.answer;
  const written = answer && f.unknown.unit ? `${answer} ${f.unknown.unit}` : answer;
  return { ...s.solution, problem, kind: 'word_problem', written, steps: showSteps ? steps : [] };
}

interface MathInput {
  problem: string;
  show_steps: boolean;
  hint_level: number;
}

export const formalisation: ToolGeneration<MathInput, MathSolution, typeof draft> = {
  draft,
  grounding: null,
  embeddedSuffices: (args, ctx) => {
    const read = solveMath(args.problem, { locale: ctx.locale });
    const words = args.problem.match(/\p{L}{3,}/gu)?.length ?? 0;
    return read.answer !== null && words < STORY_WORDS
      ? `the engine reads "${read.kind}" and the exercise tells no story to formalise`
      : null;
  },
  request: (args) => `Formalise this exercise (do not solve it):\n${JSON.stringify(args.problem)}`,
  verify: (f, _args, ctx) => (f.readable ? solveFormulation(f, ctx.locale).failures : []),
  build: (f, args, ctx, _ground, note) => {
    const locale = ctx.locale;
    const hint = Math.max(0, Math.min(3, Math.trunc(args.hint_level))) as HintLevel;
    const embedded = solveMath(args.problem, { locale, hintLevel: hint, showSteps: args.show_steps });
    const read = solveMath(args.problem, { locale });
    const solved = f.readable ? solveFormulation(f, locale).solved : undefined;
    if (!solved) {
      note('the model found no exercise to formalise; the engine answers alone');
      return embedded;
    }
    if (read.answer === null || read.kind === 'unsupported') {
      note(`formalised and solved by the engine: ${f.equation ?? f.expression}`);
      return present(args.problem, f, solved, hint, args.show_steps, locale);
    }
    if (checkAnswer(String(solved.value), read.answer, { type: 'numeric' }).correct) {
      note(`the engine and the model's formulation agree on ${read.answer}`);
      return embedded;
    }
    note(
      `the engine reads ${read.answer}, the model's formulation gives ${solved.value}: a Socratic opening instead`,
    );
    return opening(args.problem, locale);
  },
};
