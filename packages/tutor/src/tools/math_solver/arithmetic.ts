import {
  evalNumeric,
  hasDecimal,
  hasVars,
  MathInputError,
  mainExpression,
  type Node,
  parseExpr,
  printNode,
} from './expr.ts';
import {
  asksForAnotherPart,
  countNumbers,
  everyNumberUsed,
  everyNumberUsedAnywhere,
  proseWords,
} from './guards.ts';
import { fmtApprox, fmtNumber, isInt, lcmBig, type Q, q } from './num.ts';
import { type FamilySolver, type MathStep, type SolveCtx, type Solved, step } from './types.ts';

const N = String.raw`(-?\d+(?:\.\d+)?(?:/\d+)?|-?\.\d+)`;

function lit(s: string): Node {
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  if (m?.[1] && m[2])
    return { t: 'bin', op: '/', a: { t: 'num', v: q(m[1]) }, b: { t: 'num', v: q(m[2]) }, paren: true };
  return { t: 'num', v: q(s) };
}

function bin(op: '+' | '-' | '*' | '/', a: string, b: string): Node {
  return { t: 'bin', op, a: lit(a), b: lit(b) };
}

type Tpl = { re: RegExp; build: (a: string, b: string) => Node; kind: string };

const absDiff = (a: string, b: string): Node => ({ t: 'call', name: 'abs', args: [bin('-', a, b)] });

/** Word forms of the four operations, English and Filipino. Order matters (specific first). */
const TEMPLATES: Tpl[] = [
  // The verb first: "hatiin ang 3/4 sa 1/2" divides (the fraction-of form below would read "3/4 of 1/2").
  {
    re: new RegExp(String.raw`(?:divide|hatiin|i-divide|idivide)\s+(?:ang\s+)?${N}\s+(?:by|sa|ng)\s+${N}`),
    build: (a, b) => bin('/', a, b),
    kind: 'division',
  },
  {
    re: new RegExp(String.raw`(-?\d+/\d+)\s+(?:of|ng|sa)\s+${N}(?!\s*/)`),
    build: (a, b) => bin('*', a, b),
    kind: 'fractions',
  },
  {
    re: new RegExp(String.raw`subtract\s+${N}\s+from\s+${N}`),
    build: (a, b) => bin('-', b, a),
    kind: 'subtraction',
  },
  {
    re: new RegExp(String.raw`(?:ibawas|bawasin|alisin)\s+(?:ang\s+)?${N}\s+(?:sa|mula\s+sa)\s+${N}`),
    build: (a, b) => bin('-', b, a),
    kind: 'subtraction',
  },
  {
    re: new RegExp(String.raw`${N}\s+less\s+than\s+${N}`),
    build: (a, b) => bin('-', b, a),
    kind: 'subtraction',
  },
  {
    re: new RegExp(
      String.raw`${N}\s+(?:na\s+)?(?:mas\s+)?(?:kaunti|mababa|maliit|kulang)\s+(?:kaysa\s+)?(?:sa)\s+${N}`,
    ),
    build: (a, b) => bin('-', b, a),
    kind: 'subtraction',
  },
  {
    re: new RegExp(String.raw`${N}\s+more\s+than\s+${N}`),
    build: (a, b) => bin('+', b, a),
    kind: 'addition',
  },
  {
    re: new RegExp(
      String.raw`(?:distance|difference|pagkakaiba|diperensya|diperensiya|distansya|distansiya|layo|agwat)\s+(?:between|ng|sa\s+pagitan\s+ng|ng\s+pagitan\s+ng)\s+${N}\s+(?:and|at)\s+${N}`,
    ),
    build: absDiff,
    kind: 'subtraction',
  },
  {
    re: new RegExp(
      String.raw`(?:add\s+together|add|sum|total\s+of|put\s+together|sum\s+of|pagsamahin|pagsamahin\s+ang|idagdag|i-add|kabuuan\s+ng|suma\s+ng|sum\s+ng)\s+(?:ang\s+)?${N}\s+(?:and|to|at|sa|with)\s+${N}`,
    ),
    build: (a, b) => bin('+', a, b),
    kind: 'addition',
  },
  {
    re: new RegExp(
      String.raw`(?:product\s+of|multiply|produkto\s+ng|i-multiply|imultiply|paramihin)\s+(?:ang\s+)?${N}\s+(?:and|by|at|sa|with)\s+${N}`,
    ),
    build: (a, b) => bin('*', a, b),
    kind: 'multiplication',
  },
  {
    re: new RegExp(String.raw`(?:quotient\s+of|quotient\s+ng)\s+${N}\s+(?:and|at)\s+${N}`),
    build: (a, b) => bin('/', a, b),
    kind: 'division',
  },
  {
    re: new RegExp(
      String.raw`${N}\s+(?:na\s+)?(?:divided\s+by|hinati\s+sa|hinati\s+ng|hatiin\s+sa|over)\s+${N}`,
    ),
    build: (a, b) => bin('/', a, b),
    kind: 'division',
  },
  {
    re: new RegExp(
      String.raw`${N}\s+(?:na\s+)?(?:times|multiplied\s+by|beses|ulit|na\s+beses|pinarami\s+(?:sa|ng)|minultiply\s+sa|i-multiply\s+sa)\s+(?:ng\s+)?${N}`,
    ),
    build: (a, b) => bin('*', a, b),
    kind: 'multiplication',
  },
  {
    re: new RegExp(String.raw`${N}\s+(?:plus|dagdag|at\s+dagdag\s+ang)\s+${N}`),
    build: (a, b) => bin('+', a, b),
    kind: 'addition',
  },
  {
    re: new RegExp(String.raw`${N}\s+(?:minus|take\s+away|bawas|bawasan\s+ng|binawasan\s+ng|less)\s+${N}`),
    build: (a, b) => bin('-', a, b),
    kind: 'subtraction',
  },
];

interface Reducible {
  node: Node;
  cls: number;
}

function isNum(n: Node): n is Extract<Node, { t: 'num' }> {
  return n.t === 'num';
}

/** Fold sign-only nodes and integer fractions that are operands of + / - (they are numbers, not steps). */
function fold(n: Node, parentOp?: string): Node {
  switch (n.t) {
    case 'neg': {
      const a = fold(n.a, 'neg');
      if (isNum(a)) return { t: 'num', v: a.v.neg(), paren: n.paren };
      return { ...n, a };
    }
    case 'bin': {
      const a = fold(n.a, n.op);
      const b = fold(n.b, n.op);
      if (
        n.op === '/' &&
        !n.paren &&
        isNum(a) &&
        isNum(b) &&
        isInt(a.v) &&
        isInt(b.v) &&
        !b.v.equals(0) &&
        (parentOp === '+' || parentOp === '-') &&
        !a.paren &&
        !b.paren
      )
        return { t: 'num', v: a.v.div(b.v) };
      return { ...n, a, b };
    }
    case 'call':
      return { ...n, args: n.args.map((x) => fold(x)) };
    default:
      return n;
  }
}

function collect(n: Node, out: Reducible[], inParen: boolean): void {
  if (n.t === 'bin') {
    if (isNum(n.a) && isNum(n.b)) {
      const base = n.op === '^' ? 3 : n.op === '*' || n.op === '/' ? 2 : 1;
      out.push({ node: n, cls: base + (n.paren || inParen ? 10 : 0) });
      return;
    }
    const p = inParen || !!n.paren;
    collect(n.a, out, p || !!n.a.paren);
    collect(n.b, out, p || !!n.b.paren);
  } else if (n.t === 'call') {
    if (n.args.every(isNum)) out.push({ node: n, cls: 20 });
    else for (const a of n.args) collect(a, out, true);
  } else if (n.t === 'neg') collect(n.a, out, inParen);
}

class NonExact extends Error {}

function compute(n: Node, dec: boolean, c: SolveCtx): { v: Q; detail: string } {
  const p = (x: Q) => fmtNumber(x, dec);
  if (n.t === 'bin' && isNum(n.a) && isNum(n.b)) {
    const a = n.a.v;
    const b = n.b.v;
    const pb = b.s < 0n ? `(${p(b)})` : p(b);
    switch (n.op) {
      case '+':
      case '-': {
        const v = n.op === '+' ? a.add(b) : a.sub(b);
        if (!dec && (!isInt(a) || !isInt(b)) && a.d !== b.d) {
          const l = lcmBig(a.d, b.d);
          const an = (a.s * a.n * l) / a.d;
          const bn = (b.s * b.n * l) / b.d;
          const raw = `${n.op === '+' ? an + bn : an - bn}/${l}`;
          const body = `${an}/${l} ${n.op} ${bn < 0n ? `(${bn})` : bn}/${l} = ${raw}${raw === p(v) ? '' : ` = ${p(v)}`}`;
          return { v, detail: c.tr(`LCD is ${l}: ${body}`, `Ang LCD ay ${l}: ${body}`) };
        }
        return { v, detail: `${p(a)} ${n.op} ${pb} = ${p(v)}` };
      }
      case '*': {
        const v = a.mul(b);
        return { v, detail: `${p(a)} × ${pb} = ${p(v)}` };
      }
      case '/': {
        if (b.equals(0)) throw new MathInputError('division by zero');
        const v = a.div(b);
        if (!dec && (!isInt(a) || !isInt(b)))
          return {
            v,
            detail: c.tr(
              `${p(a)} ÷ ${pb} = ${p(a)} × ${fmtNumber(q(1).div(b), false)} = ${p(v)} (multiply by the reciprocal)`,
              `${p(a)} ÷ ${pb} = ${p(a)} × ${fmtNumber(q(1).div(b), false)} = ${p(v)} (i-multiply sa reciprocal)`,
            ),
          };
        return { v, detail: `${p(a)} ÷ ${pb} = ${p(v)}` };
      }
      case '^': {
        if (!isInt(b) || b.n > 4096n || (a.equals(0) && b.s < 0n)) throw new NonExact('exponent');
        const v = a.pow(b);
        return { v, detail: `${a.s < 0n ? `(${p(a)})` : p(a)}^${p(b)} = ${p(v)}` };
      }
    }
  }
  if (n.t === 'call' && n.args.every(isNum)) {
    const [x] = n.args as Extract<Node, { t: 'num' }>[];
    if (n.name === 'abs' && x) {
      const v = x.v.abs();
      return { v, detail: `|${p(x.v)}| = ${p(v)}` };
    }
    if (n.name === 'factorial' && x && isInt(x.v) && x.v.s >= 0n && x.v.n <= 1000n) {
      let f = 1n;
      for (let i = 2n; i <= x.v.n; i++) f *= i;
      return { v: q(f), detail: `${p(x.v)}! = ${f}` };
    }
    if (n.name === 'sqrt' && x && x.v.s >= 0n) {
      const rn = bigSqrt(x.v.n);
      const rd = bigSqrt(x.v.d);
      if (rn * rn === x.v.n && rd * rd === x.v.d) {
        const v = q(rn, rd);
        return { v, detail: `√${p(x.v)} = ${p(v)}` };
      }
    }
  }
  throw new NonExact('not exact');
}

function bigSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function replace(n: Node, target: Node, v: Q): Node {
  if (n === target) return { t: 'num', v, paren: false };
  switch (n.t) {
    case 'bin': {
      const a = replace(n.a, target, v);
      const b = replace(n.b, target, v);
      return a === n.a && b === n.b ? n : { ...n, a, b };
    }
    case 'neg': {
      const a = replace(n.a, target, v);
      return a === n.a ? n : { ...n, a };
    }
    case 'call': {
      const args = n.args.map((x) => replace(x, target, v));
      return args.every((x, i) => x === n.args[i]) ? n : { ...n, args };
    }
    default:
      return n;
  }
}

const CLASS_TEXT: Record<number, [string, string]> = {
  1: ['Add and subtract from left to right', 'Mag-add at mag-subtract mula kaliwa pakanan'],
  2: ['Multiply and divide from left to right', 'Mag-multiply at mag-divide mula kaliwa pakanan'],
  3: ['Evaluate the powers', 'Kalkulahin ang mga exponent'],
};

/** Evaluates an arithmetic AST exactly, one order-of-operations stage per step, like at the board. */
export function evalWithSteps(root: Node, dec: boolean, c: SolveCtx): { value: Q; steps: MathStep[] } {
  let n = fold(root);
  const steps: MathStep[] = [];
  const po = { decimal: dec, pretty: true };
  for (let guard = 0; guard < 200; guard++) {
    if (isNum(n)) return { value: n.v, steps };
    const red: Reducible[] = [];
    collect(n, red, false);
    if (red.length === 0) throw new MathInputError('cannot evaluate');
    const top = Math.max(...red.map((r) => r.cls));
    const chosen = red.filter((r) => r.cls === top);
    // left-to-right for same-precedence chains: only the first of a chain is reduced when ops mix
    const details: string[] = [];
    let next: Node = n;
    for (const r of top === 1 || top === 2 ? chosen.slice(0, 1) : chosen) {
      const { v, detail } = compute(r.node, dec, c);
      details.push(detail);
      next = replace(next, r.node, v);
    }
    next = fold(next);
    const paren = top >= 10 && top < 20;
    const base = CLASS_TEXT[top % 10] ?? CLASS_TEXT[1];
    let desc =
      top === 20
        ? c.tr('Evaluate the function', 'Kalkulahin ang function')
        : paren
          ? c.tr('Work inside the parentheses first', 'Unahin ang nasa loob ng panaklong')
          : c.tr(base?.[0] ?? '', base?.[1] ?? '');
    desc += `: ${details.join('; ')}`;
    steps.push(step(desc, printNode(next, po)));
    n = next;
  }
  throw new MathInputError('too many steps');
}

function answerOf(v: Q, dec: boolean): string {
  return fmtNumber(v, dec);
}

function solveArithmeticNode(node: Node, exprText: string, kind: string, c: SolveCtx): Solved | null {
  const dec = hasDecimal(exprText);
  try {
    const { value, steps } = evalWithSteps(node, dec, c);
    const answer = answerOf(value, dec);
    const first = printNode(fold(node), { decimal: dec, pretty: true });
    const all = [step(c.tr('Write the expression', 'Isulat ang expression'), first), ...steps];
    if (!dec && !isInt(value))
      all.push(
        step(
          c.tr(
            'Write the result as a fraction in lowest terms',
            'Isulat ang sagot bilang fraction sa pinakapayak na anyo',
          ),
          answer,
        ),
      );
    return {
      kind,
      answer,
      steps: all,
      concept: conceptFor(kind, dec, c),
    };
  } catch (e) {
    if (e instanceof MathInputError && /division by zero/.test(e.message)) {
      return {
        kind,
        answer: 'undefined',
        steps: [
          step(c.tr('Write the expression', 'Isulat ang expression'), exprText),
          step(
            c.tr(
              'Division by zero is not defined: no number times 0 gives a non-zero number',
              'Walang kahulugan ang paghahati sa zero: walang numerong pinarami sa 0 na magbibigay ng hindi zero',
            ),
            c.tr('undefined', 'undefined (walang katuturan)'),
          ),
        ],
        concept: c.tr(
          'Ask: what number times 0 gives this? There is none, so dividing by 0 is undefined.',
          'Itanong: anong numero ang pinarami sa 0 para makuha ito? Wala, kaya undefined ang paghahati sa 0.',
        ),
        message: c.tr('Division by zero is undefined.', 'Undefined ang paghahati sa zero.'),
      };
    }
    if (e instanceof NonExact) {
      const v = evalNumeric(exprText);
      if (v === null) return null;
      const answer = fmtApprox(v);
      return {
        kind,
        answer,
        steps: [
          step(c.tr('Write the expression', 'Isulat ang expression'), exprText),
          step(
            c.tr(
              'Evaluate (the result is irrational, so it is rounded)',
              'Kalkulahin (irrational ang sagot kaya ni-round)',
            ),
            `≈ ${answer}`,
          ),
        ],
        concept: conceptFor(kind, true, c),
        message: c.tr('The answer is approximate.', 'Tinantiya ang sagot.'),
      };
    }
    return null;
  }
}

function conceptFor(kind: string, dec: boolean, c: SolveCtx): string {
  switch (kind) {
    case 'addition':
    case 'subtraction':
      return dec
        ? c.tr(
            'Line up the decimal points, then add or subtract place by place.',
            'Ihanay ang mga decimal point, saka mag-add o mag-subtract ayon sa place value.',
          )
        : c.tr(
            'Think of the number line: adding moves right, subtracting moves left; subtracting a negative is adding.',
            'Isipin ang number line: pakanan kapag nag-add, pakaliwa kapag nag-subtract; ang pagbawas ng negatibo ay pagdagdag.',
          );
    case 'multiplication':
      return c.tr(
        'Multiply as if there were no signs or decimal points, then fix the sign (same signs → positive) and count the decimal places.',
        'Mag-multiply na parang walang sign o decimal point, saka ayusin ang sign (magkapareho → positibo) at bilangin ang decimal places.',
      );
    case 'division':
      return c.tr(
        'Division asks "how many times does the divisor fit?"; if it does not divide evenly, write the result as a fraction in lowest terms.',
        'Ang division ay "ilang beses kasya ang divisor?"; kung hindi eksakto, isulat bilang fraction sa pinakapayak na anyo.',
      );
    case 'fractions':
      return c.tr(
        'To add or subtract fractions, first rewrite them with a common denominator (the LCD).',
        'Para mag-add o mag-subtract ng fractions, gawing magkapareho muna ang denominator (ang LCD).',
      );
    default:
      return c.tr(
        'Use the order of operations: parentheses first, then powers, then × and ÷ from left to right, then + and − from left to right.',
        'Sundin ang order of operations: una ang panaklong, saka exponent, saka × at ÷ mula kaliwa, saka + at − mula kaliwa.',
      );
  }
}

function kindOf(node: Node): string {
  let hasFrac = false;
  const ops = new Set<string>();
  const walk = (n: Node): void => {
    if (n.t === 'bin') {
      ops.add(n.op);
      if (n.op === '/' && n.a.t === 'num' && n.b.t === 'num') hasFrac = true;
      walk(n.a);
      walk(n.b);
    } else if (n.t === 'neg') walk(n.a);
    else if (n.t === 'call') {
      ops.add('f');
      n.args.forEach(walk);
    }
  };
  walk(node);
  if (hasFrac && (ops.has('+') || ops.has('-')) && ops.size <= 3 && !ops.has('*')) return 'fractions';
  if (ops.size === 1) {
    const [o] = [...ops];
    return (
      (
        {
          '+': 'addition',
          '-': 'subtraction',
          '*': 'multiplication',
          '/': 'division',
          '^': 'powers',
        } as Record<string, string>
      )[o ?? ''] ?? 'arithmetic'
    );
  }
  if (ops.size === 2 && ops.has('+') && ops.has('-')) return 'addition';
  return 'arithmetic';
}

/** Word-form binary operations ("Subtract 3 from 7", "5 times -8", "hatiin ang 6 sa 10"). */
export const solveWordArithmetic: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  for (const t of TEMPLATES) {
    const m = t.re.exec(lower);
    // The phrase must be the whole problem: no other number beside it, and its second number not a factor
    // ("13 less than 4 times as many" is not 4 − 13).
    const rest = m ? `${lower.slice(0, m.index)} ${lower.slice(m.index + m[0].length)}` : '';
    if (
      m &&
      (countNumbers(rest) > 0 ||
        /^\s*(?:times|beses|ulit|[x×*])/.test(lower.slice(m.index + m[0].length)) ||
        (t.kind === 'fractions' && asksForAnotherPart(lower)))
    )
      return null;
    if (m?.[1] && m[2]) {
      const node = t.build(m[1], m[2]);
      return solveArithmeticNode(node, `${m[1]} ${m[2]}`, t.kind, c);
    }
  }
  return null;
});

/** A plain numeric expression somewhere in the text ("What is -6 + (16/(-6))/4*-3?"). */
export const solveExpression: FamilySolver = everyNumberUsed((norm, lower, c) => {
  if (/[<>≤≥]/.test(norm)) return null;
  let text = norm;
  // "3 x 4" meaning times, only when no variable x is in play
  if (!/=/.test(text)) text = text.replace(/(\d)\s*[xX]\s*(?=\d)/g, '$1*');
  const expr = mainExpression(text, false);
  // A fraction alone among words of prose ("6/5 of a liter", "3/4 of them are girls") is a quantity, not an
  // exercise; asked "as a percent" or "as a decimal", it is a form this family does not write.
  if (
    !expr ||
    (/^\(?-?[\d.]+\s*\/\s*[\d.]+\)?$/.test(expr) &&
      (proseWords(lower) > 0 || /\b(?:percent|porsyento|porsiyento|decimal|desimal)\b/.test(lower)))
  )
    return null;
  // A number of the text that the expression leaves out is data it ignores (a word problem read only in
  // part): answering would be a guess, so leave it to an honest "unsupported". Numbers the student wrote
  // out again in the expression ("… gumastos ng 85. 250 - 85") are not left out.
  const used = new Set(expr.match(/\d+(?:\.\d+)?/g));
  if ((text.replace(expr, ' ').match(/\d+(?:\.\d+)?/g) ?? []).some((n) => !used.has(n))) return null;
  let node: Node;
  try {
    node = parseExpr(expr);
  } catch {
    return null;
  }
  if (hasVars(node)) return null;
  if (node.t === 'num') return null;
  return solveArithmeticNode(node, expr, kindOf(node), c);
});
