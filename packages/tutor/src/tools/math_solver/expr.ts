import { all, create, evaluate as evaluateFloat, type FactoryFunctionMap, type MathNode } from 'mathjs';
import { DENOMINATORS, FRACTION_WORDS, replaceNumberWords } from '../../lexicon/numbers.ts';
import { fmtNumber, isInt, type Q, q } from './num.ts';
import { Poly } from './poly.ts';

/** A mathjs instance whose parser reads every literal as an exact Fraction. */
const math = create(all as FactoryFunctionMap, { number: 'Fraction' });

export type Op = '+' | '-' | '*' | '/' | '^';

export type Node =
  | { t: 'num'; v: Q; paren?: boolean }
  | { t: 'var'; name: string; paren?: boolean }
  | { t: 'bin'; op: Op; a: Node; b: Node; paren?: boolean }
  | { t: 'neg'; a: Node; paren?: boolean }
  | { t: 'call'; name: string; args: Node[]; paren?: boolean };

export class MathInputError extends Error {}

const FUNCS = new Set(['sqrt', 'abs', 'sin', 'cos', 'tan', 'log', 'ln', 'exp', 'factorial', 'cbrt']);

/** "3 x 45" means times when x is not used as a variable anywhere else (and there is no equation). */
function timesX(s: string): string {
  if (s.includes('=')) return s;
  const re = /(\d)\s*[xX]\s*(?=\d)/g;
  if (!re.test(s)) return s;
  if (/\b[xX]\b|\d[xX]\b|[xX]\s*\^/.test(s.replace(re, '$1 '))) return s;
  return s.replace(re, '$1*');
}

/** Unicode and student notation → parser notation. Keeps the text otherwise intact. */
export function normalizeText(text: string): string {
  return timesX(normalizeRaw(text));
}

function normalizeRaw(text: string): string {
  return (
    text
      .replace(/[\u00d7\u22c5\u00b7\u2217]/g, '*')
      .replace(/\u00f7/g, '/')
      .replace(/[\u2212\u2013\u2014]/g, '-')
      .replace(/\u00b2/g, '^2')
      .replace(/\u00b3/g, '^3')
      .replace(/\u2074/g, '^4')
      .replace(/\u221a\s*(\d+(?:\.\d+)?)/g, 'sqrt($1)')
      .replace(/\b(?:the\s+)?square\s+root\s+(?:of|ng)\s+(\d+(?:\.\d+)?(?:\/\d+)?)/gi, 'sqrt($1)')
      .replace(/\u221a/g, 'sqrt')
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\*\*/g, '^')
      .replace(/(\d)\s*:\s*(\d\d)\b/g, '$1:$2')
      .replace(/\b(\d{1,3}(?:,\d{3})+)(?![\d,])/g, (m) => (/,\s/.test(m) ? m : m.replace(/,/g, '')))
      .replace(/\s*\bto\s+the\s+(\d+)(?:st|nd|rd|th)(?:\s+power)?\b/gi, '^$1')
      .replace(/\s*\b(?:to\s+the\s+power\s+of|raised\s+to(?:\s+the\s+power\s+of)?|itinaas\s+sa)\s*/gi, '^')
      .replace(/\b(?:negative|negatibong)\s+(?=\d)/gi, '-')
      .replace(/\s+squared\b/gi, '^2')
      .replace(/\s+cubed\b/gi, '^3')
      // A word operator between two numbers is the operator: "3^2 plus 4^2" is 3^2 + 4^2, not "2 plus 4".
      .replace(/(?<=[\d)])\s+(plus|minus|times|multiplied\s+by)\s+(?=[-(]?\d)/gi, (_m, w: string) =>
        /^p/i.test(w) ? ' + ' : /^mi/i.test(w) ? ' - ' : ' * ',
      )
      .replace(/\s+/g, ' ')
      .trim()
  );
}

const FRACTION_OF = new RegExp(
  String.raw`\b(?:(\d+|an?)[\s-]+)?(${[...Object.keys(FRACTION_WORDS), ...Object.keys(DENOMINATORS)].join('|')})s?\s+(?=(?:of|ng)\b)`,
  'gi',
);

/**
 * An exercise with its numbers in words, written in digits: "twelve plus five" → "12 plus 5", "half of 10" →
 * "1/2 of 10", "three fourths of 20" → "3/4 of 20", "kalahati ng 50" → "1/2 ng 50".
 */
export function spelledOut(text: string): string {
  return replaceNumberWords(text).replace(FRACTION_OF, (_m, count: string | undefined, word: string) => {
    const w = word.toLowerCase();
    const [top, bottom] = FRACTION_WORDS[w] ?? [1, DENOMINATORS[w] as number];
    const times = count && /^\d+$/.test(count) ? Number(count) : 1;
    return `${top * times}/${bottom} `;
  });
}

/** Does the text (already normalised) hold a decimal literal? Then answers are given as decimals. */
export function hasDecimal(text: string): boolean {
  return /\d\.\d|(^|[^\d])\.\d/.test(text);
}

interface Tok {
  kind: 'num' | 'word' | 'op' | 'ws' | 'other';
  text: string;
}

function tokenize(s: string): Tok[] {
  const re = /(\d+(?:\.\d+)?|\.\d+)|(\p{L}+)|(\^|[-+*/=()[\]]|(?<=[\d)])!)|(\s+)|(.)/gu;
  const out: Tok[] = [];
  for (const m of s.matchAll(re)) {
    if (m[1]) out.push({ kind: 'num', text: m[1] });
    else if (m[2]) out.push({ kind: 'word', text: m[2] });
    else if (m[3]) out.push({ kind: 'op', text: m[3] });
    else if (m[4]) out.push({ kind: 'ws', text: m[4] });
    else out.push({ kind: 'other', text: m[0] });
  }
  return out;
}

/**
 * A lone letter between a number and a word of prose is a unit or an article, not a variable: "needs 159 g
 * more", "$3 a slice", "a 30-second commercial", "I'm 4 times older".
 */
function unitOrArticle(toks: Tok[], i: number): boolean {
  const [p2, p1, n1, n2] = [toks[i - 2], toks[i - 1], toks[i + 1], toks[i + 2]];
  const prose = (t: Tok | undefined) => t?.kind === 'word' && t.text.length > 1 && !FUNCS.has(t.text);
  if (p1?.kind === 'ws' && p2?.kind === 'num') return n1?.kind === 'ws' && prose(n2);
  if (n1?.kind === 'ws' && n2?.kind === 'num')
    return !p1 || p1.kind === 'other' || (p1.kind === 'ws' && (prose(p2) || p2?.kind === 'other'));
  return false;
}

/**
 * Maximal runs of "math" tokens in a sentence: numbers, operators, brackets and single-letter variables
 * (or letters glued to a number like `2x`). Words break a run. Used to find the expression in
 * "Ano ang 3/4 + 1/6?" or "Solve for x: 3(x-2)=12".
 */
export function mathRuns(s: string, allowEquals = true): string[] {
  const toks = tokenize(s);
  const runs: string[] = [];
  let cur = '';
  const flush = () => {
    const r = cur.trim().replace(/[-+*/^=(\s]+$/, (m) => (m.includes('(') ? m : ''));
    if (r) runs.push(r.replace(/^[*/^=)\s]+/, ''));
    cur = '';
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (t.kind === 'num' || t.kind === 'ws') cur += t.text;
    // A hyphen glued to a word is part of it ("tig-12" each, "ika-3" third, "i-solve"), not a minus.
    else if (t.text === '-' && prev?.kind === 'word' && prev.text.length > 1) flush();
    else if (t.kind === 'op') {
      if (t.text === '=' && !allowEquals) flush();
      else cur += t.text;
    } else if (t.kind === 'word') {
      const w = t.text;
      const glued = prev?.kind === 'num' || prev?.text === ')';
      if (FUNCS.has(w.toLowerCase()) && next?.text === '(') cur += w;
      else if (/^[a-zA-Z]$/.test(w) && !unitOrArticle(toks, i)) cur += w;
      else if (
        glued &&
        /^[a-z]{1,3}$/.test(w) &&
        !/^(ml|mg|kg|km|cm|mm|nm|ns|ms|us|ug|hr|am|pm|min|sec|day|yr|st|nd|rd|th)$/i.test(w)
      )
        cur += w;
      else flush();
    } else flush();
  }
  flush();
  return runs.filter((r) => /[\d]/.test(r) || /[a-z].*[-+*/^=]|[-+*/^=].*[a-z]/i.test(r));
}

/** The longest run that looks like an expression (has an operator, or is a lone number). */
export function mainExpression(s: string, allowEquals = true): string | null {
  const runs = mathRuns(s, allowEquals);
  let best: string | null = null;
  let score = -1;
  for (const r of runs) {
    const ops = (r.match(/[-+*/^=]/g) ?? []).length;
    const sc = r.replace(/\s/g, '').length + ops * 2;
    if (sc > score) {
      best = r;
      score = sc;
    }
  }
  return best;
}

function fromMath(n: MathNode): Node {
  const anyN = n as unknown as {
    type: string;
    op?: string;
    fn?: string | { name: string };
    args?: MathNode[];
    content?: MathNode;
    value?: unknown;
    name?: string;
    implicit?: boolean;
  };
  switch (anyN.type) {
    case 'ConstantNode': {
      const v = anyN.value;
      if (v && typeof v === 'object' && 'd' in (v as object)) return { t: 'num', v: v as Q };
      if (typeof v === 'number' || typeof v === 'bigint') return { t: 'num', v: q(v) };
      throw new MathInputError('unsupported constant');
    }
    case 'SymbolNode': {
      const name = anyN.name ?? '';
      if (name.length === 1 || name === 'pi') return { t: 'var', name };
      // `ab` → a*b
      const letters = [...name].filter((c) => /[a-zA-Z]/.test(c));
      if (letters.length !== name.length) throw new MathInputError(`unknown symbol ${name}`);
      return letters
        .map((c): Node => ({ t: 'var', name: c }))
        .reduce((acc, x) => ({ t: 'bin', op: '*', a: acc, b: x }));
    }
    case 'ParenthesisNode': {
      const inner = fromMath(anyN.content as MathNode);
      return { ...inner, paren: true };
    }
    case 'OperatorNode': {
      const args = (anyN.args ?? []).map(fromMath);
      const fn = typeof anyN.fn === 'string' ? anyN.fn : anyN.fn?.name;
      const [a, b] = args;
      if (fn === 'unaryMinus' && a) return { t: 'neg', a };
      if (fn === 'unaryPlus' && a) return a;
      if (fn === 'factorial' && a) return { t: 'call', name: 'factorial', args: [a] };
      if (!a || !b) throw new MathInputError(`unsupported operator ${fn}`);
      const op: Op | undefined = (
        { add: '+', subtract: '-', multiply: '*', divide: '/', pow: '^' } as Record<string, Op>
      )[fn ?? ''];
      if (!op) throw new MathInputError(`unsupported operator ${fn}`);
      return { t: 'bin', op, a, b };
    }
    case 'FunctionNode': {
      const fnNode = anyN.fn as unknown as { name?: string };
      const name = fnNode?.name ?? '';
      const args = (anyN.args ?? []).map(fromMath);
      if (!name) throw new MathInputError('unsupported function');
      return { t: 'call', name, args };
    }
    default:
      throw new MathInputError(`unsupported syntax ${anyN.type}`);
  }
}

/** Parse an expression (already normalised) into our AST. Throws MathInputError. */
export function parseExpr(s: string): Node {
  const src = s.replace(/\[/g, '(').replace(/\]/g, ')').replace(/%/g, '/100');
  if (!src.trim()) throw new MathInputError('empty expression');
  let n: MathNode;
  try {
    n = math.parse(src);
  } catch (e) {
    throw new MathInputError(e instanceof Error ? e.message : 'parse error');
  }
  return fromMath(n);
}

// ---------- printing ----------

function prec(n: Node): number {
  if (n.t === 'bin') return n.op === '+' || n.op === '-' ? 1 : n.op === '^' ? 4 : 2;
  if (n.t === 'neg') return 3;
  return 5;
}

function isNegative(n: Node): boolean {
  return n.t === 'neg' || (n.t === 'num' && n.v.s < 0n && n.v.n !== 0n);
}

export interface PrintOpts {
  decimal: boolean;
  /** use × ÷ for students instead of * / */
  pretty?: boolean;
}

export function printNode(n: Node, o: PrintOpts): string {
  const mul = o.pretty ? ' × ' : '*';
  const div = o.pretty ? ' ÷ ' : '/';
  switch (n.t) {
    case 'num':
      return fmtNumber(n.v, o.decimal);
    case 'var':
      return n.name;
    case 'neg': {
      const inner = printNode(n.a, o);
      return prec(n.a) <= 3 ? `-(${inner})` : `-${inner}`;
    }
    case 'call': {
      const [arg] = n.args;
      if (n.name === 'factorial' && arg && n.args.length === 1) {
        const inner = printNode(arg, o);
        return arg.t === 'num' && arg.v.s >= 0n && arg.v.d === 1n ? `${inner}!` : `(${inner})!`;
      }
      return `${n.name}(${n.args.map((a) => printNode(a, o)).join(', ')})`;
    }
    case 'bin': {
      const p = prec(n);
      let a = printNode(n.a, o);
      let b = printNode(n.b, o);
      const pa = prec(n.a);
      const pb = prec(n.b);
      const frac = n.op === '/' && n.a.t === 'num' && n.b.t === 'num';
      const isFrac = (x: Node) => x.t === 'num' && !o.decimal && x.v.d !== 1n;
      const tight = n.op === '*' || n.op === '/' || n.op === '^';
      if (pa < p || (n.op === '^' && (pa <= p || isNegative(n.a))) || (isFrac(n.a) && tight)) a = `(${a})`;
      if (
        pb < p ||
        (pb === p && (n.op === '-' || n.op === '/' || n.op === '^')) ||
        isNegative(n.b) ||
        (isFrac(n.b) && tight)
      )
        b = `(${b})`;
      const sym =
        n.op === '*' ? mul : n.op === '/' ? (frac && o.pretty ? '/' : div) : n.op === '^' ? '^' : ` ${n.op} `;
      return `${a}${sym}${b}`;
    }
  }
}

// ---------- conversion to polynomials ----------

export type FuncTable = Map<string, { param: string; body: Poly }>;

/** Converts an AST to a polynomial; throws MathInputError when it is not one (e.g. division by a variable). */
export function toPoly(n: Node, funcs?: FuncTable): Poly {
  switch (n.t) {
    case 'num':
      return Poly.const(n.v);
    case 'var':
      if (n.name === 'pi') throw new MathInputError('pi is not a polynomial variable');
      return Poly.variable(n.name);
    case 'neg':
      return toPoly(n.a, funcs).neg();
    case 'call': {
      const f = funcs?.get(n.name);
      const [arg] = n.args;
      if (f && arg && n.args.length === 1) {
        const x = toPoly(arg, funcs);
        // substitute polynomial argument
        let out = new Poly();
        const coeffs: Poly[] = [];
        for (let i = 0; i <= f.body.degree(f.param); i++) coeffs.push(f.body.coeffOf(f.param, i));
        for (let i = coeffs.length - 1; i >= 0; i--) out = out.mul(x).add(coeffs[i] as Poly);
        return out;
      }
      if (n.name.length === 1 && arg && n.args.length === 1)
        return Poly.variable(n.name).mul(toPoly(arg, funcs));
      throw new MathInputError(`function ${n.name}`);
    }
    case 'bin': {
      const a = toPoly(n.a, funcs);
      const b = toPoly(n.b, funcs);
      if (n.op === '+') return a.add(b);
      if (n.op === '-') return a.sub(b);
      if (n.op === '*') return a.mul(b);
      if (n.op === '/') {
        if (!b.isConst() || b.isZero()) throw new MathInputError('division by a non-constant');
        return a.scale(q(1).div(b.constValue()));
      }
      if (!b.isConst()) throw new MathInputError('variable exponent');
      const e = b.constValue();
      if (!isInt(e) || e.s < 0n || e.n > 64n) {
        if (a.isConst() && isInt(e) && e.n <= 4096n) return Poly.const(a.constValue().pow(e));
        throw new MathInputError('unsupported exponent');
      }
      return a.pow(Number(e.n));
    }
  }
}

export function hasVars(n: Node): boolean {
  switch (n.t) {
    case 'var':
      return true;
    case 'num':
      return false;
    case 'neg':
      return hasVars(n.a);
    case 'call':
      return n.args.some(hasVars) || (n.name.length === 1 && !FUNCS.has(n.name));
    case 'bin':
      return hasVars(n.a) || hasVars(n.b);
  }
}

/** Floating-point evaluation through mathjs for things exact arithmetic cannot do (sqrt(2), sin…). */
export function evalNumeric(expr: string): number | null {
  try {
    const v = evaluateFloat(expr.replace(/\bln\(/g, 'log(').replace(/\^/g, '^'));
    const n = Number(
      typeof v === 'object' && v !== null && 'valueOf' in v ? (v as { valueOf(): unknown }).valueOf() : v,
    );
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

export { math };
