import { evalWithSteps } from './arithmetic.ts';
import {
  type FuncTable,
  hasDecimal,
  MathInputError,
  mainExpression,
  mathRuns,
  type Node,
  parseExpr,
  printNode,
  toPoly,
} from './expr.ts';
import { everyNumberUsed, isStory } from './guards.ts';
import { fmtFrac, fmtNumber, isInt, isZero, type Q, q } from './num.ts';
import { factorUni, Poly, primitive, rationalRoots, trimCoeffs } from './poly.ts';
import { type FamilySolver, type MathStep, type SolveCtx, type Solved, step } from './types.ts';

function safePoly(s: string, funcs?: FuncTable): { node: Node; poly: Poly } | null {
  try {
    const node = parseExpr(s);
    return { node, poly: toPoly(node, funcs) };
  } catch {
    return null;
  }
}

function eq(l: Poly, r: Poly): string {
  return `${l.pretty()} = ${r.pretty()}`;
}

/** Single-letter words outside the equations that name one of the equation's variables. */
function targetVar(text: string, eqRuns: string[], vars: string[], fallback = true): string | null {
  let rest = text;
  for (const r of eqRuns) rest = rest.replace(r, ' ');
  const cands = [...rest.matchAll(/(?<![\p{L}\d^*])([a-zA-Z])(?![\p{L}(])/gu)]
    .map((m) => m[1] ?? '')
    .filter((v) => vars.includes(v));
  const nonArticle = cands.filter((v) => v !== 'a');
  const pool = nonArticle.length ? nonArticle : cands;
  if (pool.length) return pool[pool.length - 1] ?? null;
  if (!fallback) return null;
  if (vars.length === 1) return vars[0] ?? null;
  if (vars.includes('x')) return 'x';
  return null;
}

function fmtQ(x: Q, dec: boolean): string {
  return fmtNumber(x, dec);
}

// ---------------- linear equations ----------------

function solveLinear(
  L: Poly,
  R: Poly,
  v: string,
  original: string,
  dec: boolean,
  c: SolveCtx,
): Solved | null {
  const a1 = L.coeffOf(v, 1);
  const a2 = R.coeffOf(v, 1);
  const b1 = L.coeffOf(v, 0);
  const b2 = R.coeffOf(v, 0);
  if (!a1.isConst() || !a2.isConst()) return null;
  const A1 = a1.constValue();
  const A2 = a2.constValue();
  const steps: MathStep[] = [];
  const vp = Poly.variable(v);
  const simplified = eq(L, R);
  if (simplified.replace(/\s/g, '') !== original.replace(/\s|\*/g, ''))
    steps.push(
      step(
        c.tr(
          'Simplify each side (distribute, combine like terms)',
          'Pasimplehin ang bawat panig (distribute, pagsamahin ang magkatulad na term)',
        ),
        simplified,
      ),
    );
  let left = vp.scale(A1).add(b1);
  let right = vp.scale(A2).add(b2);
  if (!isZero(A2)) {
    const moved = vp.scale(A2);
    left = left.sub(moved);
    right = right.sub(moved);
    const t = Poly.variable(v).scale(A2.abs()).pretty();
    steps.push(
      step(
        A2.s > 0n
          ? c.tr(`Subtract ${t} from both sides`, `Ibawas ang ${t} sa magkabilang panig`)
          : c.tr(`Add ${t} to both sides`, `Idagdag ang ${t} sa magkabilang panig`),
        eq(left, right),
      ),
    );
  }
  const A = A1.sub(A2);
  if (!b1.isZero()) {
    left = left.sub(b1);
    right = right.sub(b1);
    const bb = b1.isConst() ? fmtQ(b1.constValue().abs(), dec) : b1.pretty();
    const pos = !b1.isConst() || b1.constValue().s > 0n;
    steps.push(
      step(
        pos
          ? c.tr(`Subtract ${bb} from both sides`, `Ibawas ang ${bb} sa magkabilang panig`)
          : c.tr(`Add ${bb} to both sides`, `Idagdag ang ${bb} sa magkabilang panig`),
        eq(left, right),
      ),
    );
  }
  if (isZero(A)) {
    const same = right.isZero();
    return {
      kind: 'linear_equation',
      answer: same
        ? c.tr('all real numbers', 'lahat ng real number')
        : c.tr('no solution', 'walang solusyon'),
      steps,
      concept: linearConcept(c),
      message: same
        ? c.tr(
            'Both sides are always equal, so every value works.',
            'Laging magkapantay ang dalawang panig kaya gumagana ang anumang value.',
          )
        : c.tr(
            'The variable cancels and leaves a false statement, so there is no solution.',
            'Nawala ang variable at mali ang natira, kaya walang solusyon.',
          ),
    };
  }
  const sol = right.scale(q(1).div(A));
  if (!A.equals(1)) {
    steps.push(
      step(
        c.tr(`Divide both sides by ${fmtQ(A, dec)}`, `Hatiin ang magkabilang panig sa ${fmtQ(A, dec)}`),
        `${v} = ${sol.isConst() ? fmtQ(sol.constValue(), dec) : sol.pretty()}`,
      ),
    );
  }
  const answer = sol.isConst() ? fmtQ(sol.constValue(), dec) : sol.toString();
  if (sol.isConst()) {
    const val = sol.constValue();
    const lv = L.substitute(v, val);
    const rv = R.substitute(v, val);
    if (lv.isConst() && rv.isConst())
      steps.push(
        step(
          c.tr(`Check by substituting ${v} = ${answer}`, `Suriin: ipalit ang ${v} = ${answer}`),
          `${fmtQ(lv.constValue(), dec)} = ${fmtQ(rv.constValue(), dec)} ✓`,
        ),
      );
  }
  return { kind: 'linear_equation', answer, steps, concept: linearConcept(c), variable: v };
}

function linearConcept(c: SolveCtx): string {
  return c.tr(
    'Get the variable alone: do the same operation to both sides — move the variable terms to one side, the numbers to the other, then divide by the coefficient.',
    'Ihiwalay ang variable: gawin ang parehong operasyon sa magkabilang panig — ilipat ang mga variable term sa isang panig, ang mga numero sa kabila, saka hatiin sa coefficient.',
  );
}

// ---------------- systems ----------------

function solveSystem(eqs: [Poly, Poly][], target: string | null, c: SolveCtx): Solved | null {
  const polys = eqs.map(([l, r]) => l.sub(r));
  const vars = [...new Set(polys.flatMap((p) => p.vars()))].sort();
  if (vars.length !== 2 || polys.some((p) => p.degree() > 1)) return null;
  const [x, y] = vars as [string, string];
  const t = target && vars.includes(target) ? target : null;
  // a*x + b*y = k
  const rows = polys.map((p) => ({
    a: p.coeffOf(x, 1).coeffOf(y, 0).constValue(),
    b: p.coeffOf(y, 1).coeffOf(x, 0).constValue(),
    k: p.coeffOf(x, 0).coeffOf(y, 0).constValue().neg(),
  }));
  const [r1, r2] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const det = r1.a.mul(r2.b).sub(r2.a.mul(r1.b));
  const std = (r: typeof r1) =>
    `${Poly.variable(x).scale(r.a).add(Poly.variable(y).scale(r.b)).pretty()} = ${fmtFrac(r.k)}`;
  const steps: MathStep[] = [
    step(
      c.tr(
        'Write both equations in the form ax + by = c',
        'Isulat ang dalawang equation sa anyong ax + by = c',
      ),
      `(1) ${std(r1)}; (2) ${std(r2)}`,
    ),
  ];
  if (isZero(det))
    return {
      kind: 'linear_system',
      answer: c.tr('no unique solution', 'walang natatanging solusyon'),
      steps,
      concept: systemConcept(c),
      message: c.tr(
        'The two equations are parallel or the same line.',
        'Parallel o iisang linya ang dalawang equation.',
      ),
    };
  // eliminate the variable we are NOT asked for
  const solveFor = t ?? x;
  const elim = solveFor === x ? y : x;
  const ce = (r: typeof r1) => (elim === y ? r.b : r.a);
  const cs = (r: typeof r1) => (elim === y ? r.a : r.b);
  const m1 = ce(r2);
  const m2 = ce(r1);
  const A = cs(r1).mul(m1).sub(cs(r2).mul(m2));
  const K = r1.k.mul(m1).sub(r2.k.mul(m2));
  steps.push(
    step(
      c.tr(
        `Eliminate ${elim}: multiply (1) by ${fmtFrac(m1)} and (2) by ${fmtFrac(m2)}, then subtract`,
        `Alisin ang ${elim}: i-multiply ang (1) sa ${fmtFrac(m1)} at ang (2) sa ${fmtFrac(m2)}, saka ibawas`,
      ),
      `${Poly.variable(solveFor).scale(A).pretty()} = ${fmtFrac(K)}`,
    ),
  );
  const vs = K.div(A);
  steps.push(
    step(c.tr(`Divide by ${fmtFrac(A)}`, `Hatiin sa ${fmtFrac(A)}`), `${solveFor} = ${fmtFrac(vs)}`),
  );
  // back-substitute into an equation with a non-zero coefficient of elim
  const row = !isZero(ce(r1)) ? r1 : r2;
  const ve = row.k.sub(cs(row).mul(vs)).div(ce(row));
  steps.push(
    step(
      c.tr(
        `Substitute ${solveFor} = ${fmtFrac(vs)} back to find ${elim}`,
        `Ipalit ang ${solveFor} = ${fmtFrac(vs)} para makuha ang ${elim}`,
      ),
      `${elim} = ${fmtFrac(ve)}`,
    ),
  );
  const vx = solveFor === x ? vs : ve;
  const vy = solveFor === x ? ve : vs;
  const answer = t ? fmtFrac(vs) : `${x} = ${fmtFrac(vx)}, ${y} = ${fmtFrac(vy)}`;
  return { kind: 'linear_system', answer, steps, concept: systemConcept(c), ...(t ? { variable: t } : {}) };
}

function systemConcept(c: SolveCtx): string {
  return c.tr(
    'Combine the equations so one variable disappears (elimination) or solve one equation for a variable and substitute it into the other.',
    'Pagsamahin ang mga equation para mawala ang isang variable (elimination), o lutasin ang isa para sa isang variable at ipalit sa kabila (substitution).',
  );
}

// ---------------- polynomial equations ----------------

/** Irrational roots of an integer quadratic, sympy-style strings in ascending order; null if complex. */
function quadFormula(a: bigint, b: bigint, cc: bigint): { roots: string[]; disc: bigint } | null {
  const D = b * b - 4n * a * cc;
  if (D < 0n) return { roots: [], disc: D };
  // sqrt(D) = k*sqrt(r)
  let k = 1n;
  let r = D;
  for (let p = 2n; p * p <= r; p++) {
    while (r % (p * p) === 0n) {
      r /= p * p;
      k *= p;
    }
  }
  const den = 2n * a;
  const center = q(-b, den);
  const m = q(k, den < 0n ? -den : den);
  const rad = `${m.n === 1n ? '' : `${m.n}*`}sqrt(${r})${m.d === 1n ? '' : `/${m.d}`}`;
  if (isZero(center)) return { roots: [`-${rad}`, rad], disc: D };
  const cs = fmtFrac(center);
  return { roots: [`${cs} - ${rad}`, `${cs} + ${rad}`], disc: D };
}

function prettyFactor(s: string): string {
  return s
    .replace(/\*\*/g, '^')
    .replace(/(\d)\*([a-z(])/g, '$1$2')
    .replace(/\)\*\(/g, ')(')
    .replace(/([a-z])\*\(/g, '$1(');
}

function solvePolyEq(P: Poly, v: string, c: SolveCtx): Solved | null {
  const coeffs = P.uniCoeffs(v);
  if (!coeffs) return null;
  const co = trimCoeffs(coeffs);
  const deg = co.length - 1;
  if (deg < 2) return null;
  const steps: MathStep[] = [];
  steps.push(
    step(c.tr('Move every term to one side', 'Ilipat ang lahat ng term sa isang panig'), `${P.pretty()} = 0`),
  );
  const ints = primitive(co);
  const primPoly = Poly.fromUni(
    ints.map((x) => q(x)),
    v,
  );
  const lead = co[co.length - 1] as Q;
  const scaleBy = q(ints[ints.length - 1] as bigint).div(lead);
  if (!scaleBy.equals(1))
    steps.push(
      step(
        c.tr(
          `Multiply both sides by ${fmtFrac(scaleBy)} to get whole-number coefficients with no common factor`,
          `I-multiply ang magkabilang panig sa ${fmtFrac(scaleBy)} para maging buong bilang ang mga coefficient`,
        ),
        `${primPoly.pretty()} = 0`,
      ),
    );
  const { roots, rest } = rationalRoots(co);
  const fac = factorUni(co, v);
  const restDeg = rest.length - 1;
  const rootStrs = roots.map((r) => fmtFrac(r.root));
  let extra: string[] = [];
  let complexNote = false;
  if (restDeg === 2) {
    const ri = primitive(rest);
    const [cc, b, a] = ri as [bigint, bigint, bigint];
    const qf = quadFormula(a, b, cc);
    if (qf) {
      if (qf.roots.length === 0) complexNote = true;
      extra = qf.roots;
      steps.push(
        step(
          c.tr(
            'Use the quadratic formula x = (-b ± √(b² - 4ac)) / 2a',
            'Gamitin ang quadratic formula x = (-b ± √(b² - 4ac)) / 2a',
          ),
          `a = ${a}, b = ${b}, c = ${cc}; b² - 4ac = ${qf.disc}`,
        ),
      );
      if (complexNote)
        steps.push(
          step(
            c.tr('The discriminant is negative', 'Negatibo ang discriminant'),
            c.tr('no real roots', 'walang real na ugat'),
          ),
        );
      else
        steps.push(
          step(
            c.tr('Simplify the two roots', 'Pasimplehin ang dalawang ugat'),
            `${v} = ${qf.roots.join(c.tr(' or ', ' o '))}`,
          ),
        );
    }
  } else if (restDeg > 2)
    return {
      kind: 'unsupported',
      answer: '',
      steps: [],
      concept: '',
      message: c.tr(
        `After taking out its rational roots, this equation still has a degree-${restDeg} factor with no rational roots; I can only solve such equations exactly when they factor over the rationals.`,
        `Matapos kunin ang mga rational root, may natitira pang factor na degree ${restDeg} na walang rational root; kaya ko lang itong lutasin nang eksakto kapag nafa-factor ito sa rationals.`,
      ),
    };
  if (roots.length > 0 && fac) {
    if (deg > 2 && restDeg < deg)
      steps.push(
        step(
          c.tr(
            'Try rational roots ±p/q (p divides the constant term, q divides the leading coefficient) and divide them out',
            'Subukan ang rational roots ±p/q (p ay humahati sa constant, q sa leading coefficient) at hatiin ang polynomial',
          ),
          rootStrs.map((r) => `${v} = ${r}`).join(', '),
        ),
      );
    steps.push(step(c.tr('Factor', 'I-factor'), `${prettyFactor(fac.text)} = 0`));
    steps.push(
      step(
        c.tr('Set each factor equal to zero', 'Itakda sa zero ang bawat factor'),
        roots.map((r) => `${v} = ${fmtFrac(r.root)}`).join(c.tr(' or ', ' o ')),
      ),
    );
  }
  const all = [...rootStrs, ...extra];
  if (all.length === 0)
    return {
      kind: deg === 2 ? 'quadratic_equation' : 'polynomial_roots',
      answer: c.tr('no real solution', 'walang real na solusyon'),
      steps,
      concept: rootsConcept(deg, c),
      message: c.tr('The equation has no real roots.', 'Walang real na ugat ang equation.'),
    };
  // order: rational roots and radicals together by numeric value
  const numeric = (s: string) => {
    const m = /^(-?[\d/]+)?\s*([-+])?\s*-?(\d+\*)?sqrt\((\d+)\)(\/(\d+))?$/.exec(s.trim());
    if (!m) {
      const f = q(s);
      return f.valueOf();
    }
    const cen = m[1] ? q(m[1]).valueOf() : 0;
    const k = m[3] ? Number(m[3].slice(0, -1)) : 1;
    const d = m[6] ? Number(m[6]) : 1;
    const sign = m[2] === '-' || (!m[1] && s.trim().startsWith('-')) ? -1 : 1;
    return cen + (sign * k * Math.sqrt(Number(m[4]))) / d;
  };
  const sorted = [...new Set(all)].sort((a, b) => numeric(a) - numeric(b));
  return {
    kind: deg === 2 ? 'quadratic_equation' : 'polynomial_roots',
    answer: sorted.join(', '),
    variable: v,
    steps,
    concept: rootsConcept(deg, c),
  };
}

function rootsConcept(deg: number, c: SolveCtx): string {
  return deg === 2
    ? c.tr(
        'Put it in the form ax² + bx + c = 0; look for two numbers that multiply to a·c and add to b to factor, or use the quadratic formula.',
        'Isulat sa anyong ax² + bx + c = 0; maghanap ng dalawang numerong ang product ay a·c at ang sum ay b para ma-factor, o gamitin ang quadratic formula.',
      )
    : c.tr(
        'Move everything to one side and factor: any rational root p/q has p dividing the constant term and q dividing the leading coefficient.',
        'Ilipat ang lahat sa isang panig at i-factor: ang rational root na p/q ay may p na humahati sa constant at q na humahati sa leading coefficient.',
      );
}

// ---------------- entry points ----------------

const INEQ = /(<=|>=|≤|≥|<|>)/;

function flipIneq(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

/** Linear inequalities in one variable: like an equation, but dividing by a negative flips the sign. */
export const solveInequality: FamilySolver = everyNumberUsed((norm, _lower, c) => {
  const text = norm.replace(/≤/g, '<=').replace(/≥/g, '>=');
  const m = INEQ.exec(text);
  if (!m) return null;
  const op = m[1] as string;
  const left = mathRuns(text.slice(0, m.index), false).pop();
  const right = mathRuns(text.slice(m.index + op.length), false)[0];
  if (!left || !right || INEQ.test(text.slice(m.index + op.length))) return null;
  const L = safePoly(left);
  const R = safePoly(right);
  if (!L || !R) return null;
  const P = L.poly.sub(R.poly);
  const vars = P.vars();
  if (vars.length !== 1) return null;
  const v = vars[0] as string;
  if (P.degree(v) !== 1) return null;
  const a = P.coeffOf(v, 1).constValue();
  const b = P.coeffOf(v, 0).constValue();
  const dec = hasDecimal(`${left} ${right}`);
  const A2 = R.poly.coeffOf(v, 1).constValue();
  const steps: MathStep[] = [];
  const vp = Poly.variable(v);
  if (!isZero(A2))
    steps.push(
      step(
        c.tr('Collect the variable terms on the left', 'Ipunin sa kaliwa ang mga term na may variable'),
        `${vp.scale(a).add(L.poly.coeffOf(v, 0)).pretty()} ${op} ${R.poly.coeffOf(v, 0).pretty()}`,
      ),
    );
  steps.push(
    step(
      c.tr('Move the numbers to the right', 'Ilipat sa kanan ang mga numero'),
      `${vp.scale(a).pretty()} ${op} ${fmtNumber(b.neg(), dec)}`,
    ),
  );
  const bound = b.neg().div(a);
  const finalOp = a.s < 0n ? flipIneq(op) : op;
  steps.push(
    step(
      a.s < 0n
        ? c.tr(
            `Divide both sides by ${fmtNumber(a, dec)}; dividing by a negative number flips the inequality sign`,
            `Hatiin ang magkabilang panig sa ${fmtNumber(a, dec)}; kapag negatibo ang panghati, bumabaligtad ang sign`,
          )
        : c.tr(
            `Divide both sides by ${fmtNumber(a, dec)}`,
            `Hatiin ang magkabilang panig sa ${fmtNumber(a, dec)}`,
          ),
      `${v} ${finalOp} ${fmtNumber(bound, dec)}`,
    ),
  );
  return {
    kind: 'linear_inequality',
    answer: `${v} ${finalOp} ${fmtNumber(bound, dec)}`,
    steps,
    concept: c.tr(
      'Solve it like an equation — but whenever you multiply or divide both sides by a negative number, reverse the inequality sign.',
      'Lutasin na parang equation — pero kapag nag-multiply o nag-divide sa negatibong numero, baligtarin ang sign ng inequality.',
    ),
  };
});

export const solveEquation: FamilySolver = everyNumberUsed((norm, _lower, c) => {
  if (!norm.includes('=')) return null;
  const runs = mathRuns(norm, true).filter(
    (r) => (r.match(/=/g) ?? []).length === 1 && !/=\s*$|^\s*=/.test(r),
  );
  if (runs.length === 0) return null;
  const eqs: { l: Poly; r: Poly; text: string }[] = [];
  for (const r of runs) {
    const [ls, rs] = r.split('=') as [string, string];
    const L = safePoly(ls);
    const R = safePoly(rs);
    if (!L || !R) continue;
    eqs.push({ l: L.poly, r: R.poly, text: r });
  }
  if (eqs.length === 0) return null;
  const vars = [...new Set(eqs.flatMap((e) => [...e.l.vars(), ...e.r.vars()]))].sort();
  if (vars.length === 0) {
    // "Is 2 + 2 = 5?" — check a numeric equation
    const e0 = eqs[0];
    if (!e0 || eqs.length !== 1) return null;
    const lv = e0.l.constValue();
    const rv = e0.r.constValue();
    const dec0 = hasDecimal(e0.text);
    const same = lv.equals(rv);
    return {
      kind: 'equation_check',
      answer: same ? 'True' : 'False',
      steps: [
        step(c.tr('Work out the left side', 'Kalkulahin ang kaliwang panig'), fmtNumber(lv, dec0)),
        step(c.tr('Work out the right side', 'Kalkulahin ang kanang panig'), fmtNumber(rv, dec0)),
        step(
          c.tr('Compare the two sides', 'Ihambing ang dalawang panig'),
          `${fmtNumber(lv, dec0)} ${same ? '=' : '≠'} ${fmtNumber(rv, dec0)}`,
        ),
      ],
      concept: c.tr(
        'An equation is true only when both sides have the same value: work out each side separately, then compare.',
        'Tama lang ang equation kapag magkapareho ang value ng dalawang panig: kalkulahin ang bawat panig, saka ihambing.',
      ),
    };
  }
  const target = targetVar(
    norm,
    eqs.map((e) => e.text),
    vars,
    eqs.length < 2,
  );
  const dec = hasDecimal(eqs.map((e) => e.text).join(' '));
  if (eqs.length >= 2) {
    const sys = solveSystem(
      eqs.slice(0, 2).map((e) => [e.l, e.r]),
      target,
      c,
    );
    if (sys) return sys;
    return null;
  }
  const e = eqs[0];
  if (!e || !target) return null;
  const P = e.l.sub(e.r);
  const d = P.degree(target);
  if (d === 1) return solveLinear(e.l, e.r, target, e.text, dec, c);
  if (d >= 2 && P.vars().length === 1) return solvePolyEq(P, target, c);
  return null;
});

export const solveFactor: FamilySolver = everyNumberUsed((norm, lower, c) => {
  if (
    !/\bfactor(ise|ize)?\b|i-?factor|factorise|factorize|salikin|i-?salik/.test(lower) ||
    /prime|gcf|gcd|common factor/.test(lower)
  )
    return null;
  const expr = mainExpression(norm, false);
  if (!expr) return null;
  const p = safePoly(expr);
  if (!p) return null;
  const vars = p.poly.vars();
  if (vars.length !== 1) return null;
  const v = vars[0] as string;
  const co = p.poly.uniCoeffs(v);
  if (!co) return null;
  const f = factorUni(co, v);
  if (!f) return null;
  const steps: MathStep[] = [
    step(c.tr('Collect like terms', 'Pagsamahin ang magkatulad na term'), p.poly.pretty()),
    step(
      c.tr(
        'Take out the common factor, then find the roots with the rational-root test and write one factor per root',
        'Ilabas ang common factor, hanapin ang mga ugat gamit ang rational-root test, at isulat ang factor ng bawat ugat',
      ),
      prettyFactor(f.text),
    ),
  ];
  return {
    kind: 'factoring',
    answer: f.text,
    steps,
    concept: c.tr(
      'Take out the greatest common factor first; then each root r of the polynomial gives a factor (x − r).',
      'Ilabas muna ang greatest common factor; ang bawat ugat r ng polynomial ay nagbibigay ng factor na (x − r).',
    ),
  };
});

/** For a product of two brackets: every pairwise product, e.g. `(x)(x) + (x)(-1) + (1)(x) + (1)(-1)`. */
function distributeLine(n: Node): { line: string; collected: string | null } | null {
  if (n.t !== 'bin' || n.op !== '*') return null;
  try {
    const A = toPoly(n.a);
    const B = toPoly(n.b);
    const ta = A.orderedTerms();
    const tb = B.orderedTerms();
    if (ta.length * tb.length < 2 || ta.length * tb.length > 12 || (ta.length < 2 && tb.length < 2))
      return null;
    const one = (t: (typeof ta)[number]) => {
      const pp = new Poly();
      pp.terms.set(JSON.stringify(t.m), t);
      return pp.pretty();
    };
    const line = ta.flatMap((a) => tb.map((b) => `(${one(a)})(${one(b)})`)).join(' + ');
    const orig = printNode(n, { decimal: false, pretty: false });
    const collected = `(${A.pretty()})(${B.pretty()})`;
    return {
      line,
      collected: orig.replace(/\s|\*/g, '') === collected.replace(/\s/g, '') ? null : collected,
    };
  } catch {
    return null;
  }
}

export const solveExpand: FamilySolver = everyNumberUsed((norm, lower, c) => {
  const explicit =
    /\b(expand|simplify|collect|multiply out|i-?expand|palawakin|pasimplehin|i-?simplify)\b/.test(lower);
  // In a story, letters next to numbers are things ("3 a slice", "159 g"): expand only when asked to.
  if (!explicit && isStory(lower)) return null;
  const expr = mainExpression(norm, false);
  if (!expr || /[=<>≤≥]/.test(norm)) return null;
  const p = safePoly(expr);
  if (!p || p.poly.vars().length === 0) return null;
  if (!explicit && !/^\s*[\d(a-z][\s\S]*$/.test(expr)) return null;
  const steps: MathStep[] = [
    step(
      c.tr('Write the expression', 'Isulat ang expression'),
      printNode(p.node, { decimal: false, pretty: false }).replace(/\^/g, '^'),
    ),
  ];
  // expand each top-level product separately
  const parts: string[] = [];
  const walk = (n: Node, sign: string) => {
    if (n.t === 'bin' && (n.op === '+' || n.op === '-') && !n.paren) {
      walk(n.a, sign);
      walk(n.b, n.op === '-' ? (sign === '-' ? '+' : '-') : sign);
    } else {
      try {
        const pp = toPoly(n);
        parts.push(`${sign === '-' ? '- ' : parts.length ? '+ ' : ''}(${pp.pretty()})`);
      } catch {
        parts.push('?');
      }
    }
  };
  walk(p.node, '+');
  const foil = distributeLine(p.node);
  if (foil) {
    if (foil.collected)
      steps.push(
        step(
          c.tr('Simplify inside each bracket first', 'Pasimplehin muna ang loob ng bawat panaklong'),
          foil.collected,
        ),
      );
    steps.push(
      step(
        c.tr(
          'Distribute: multiply each term of the first bracket by each term of the second',
          'I-distribute: i-multiply ang bawat term ng unang panaklong sa bawat term ng pangalawa',
        ),
        foil.line,
      ),
    );
  } else if (parts.length > 1 || /\(/.test(expr))
    steps.push(
      step(
        c.tr(
          'Multiply out each product (distribute every term)',
          'I-multiply ang bawat product (i-distribute ang bawat term)',
        ),
        parts.join(' '),
      ),
    );
  steps.push(step(c.tr('Combine like terms', 'Pagsamahin ang magkatulad na term'), p.poly.pretty()));
  return {
    kind: 'expand',
    answer: p.poly.toString(),
    steps,
    concept: c.tr(
      'Multiply every term in one bracket by every term in the other, then add the like terms (same variable and power).',
      'I-multiply ang bawat term ng isang panaklong sa bawat term ng isa, saka pagsamahin ang magkatulad na term (parehong variable at exponent).',
    ),
  };
});

function substitute(n: Node, v: string, val: Q): Node {
  switch (n.t) {
    case 'var':
      return n.name === v ? { t: 'num', v: val, paren: val.s < 0n || !isInt(val) } : n;
    case 'bin':
      return { ...n, a: substitute(n.a, v, val), b: substitute(n.b, v, val) };
    case 'neg':
      return { ...n, a: substitute(n.a, v, val) };
    case 'call':
      return { ...n, args: n.args.map((x) => substitute(x, v, val)) };
    default:
      return n;
  }
}

/** The value of `body` with each variable of `values` replaced by its number. */
function evaluateAt(
  body: Node,
  values: [variable: string, value: Q][],
  head: string,
  dec: boolean,
  c: SolveCtx,
): Solved | null {
  const sub = values.reduce((node, [v, val]) => substitute(node, v, val), body);
  const given = values.map(([v, val]) => `${v} = ${fmtNumber(val, dec)}`).join(', ');
  const vs = values.map(([v]) => v).join(', ');
  const steps: MathStep[] = [
    step(
      c.tr(`Substitute ${given}`, `Ipalit ang ${given}`),
      `${head} = ${printNode(sub, { decimal: dec, pretty: true })}`,
    ),
  ];
  try {
    const r = evalWithSteps(sub, dec, c);
    const answer = fmtNumber(r.value, dec);
    steps.push(...r.steps.slice(0, 12));
    if (r.steps.length > 12)
      steps.push(step(c.tr('Finish the arithmetic', 'Tapusin ang kalkulasyon'), answer));
    return {
      kind: 'evaluate',
      answer,
      steps,
      concept: c.tr(
        `Replace every ${vs} with the given value (in parentheses), then follow the order of operations.`,
        `Palitan ang bawat ${vs} ng ibinigay na value (nasa panaklong), saka sundin ang order of operations.`,
      ),
    };
  } catch (e) {
    if (e instanceof MathInputError) return null;
    return null;
  }
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:\/\d+)?`;
const ASSIGNMENT = new RegExp(String.raw`([a-zA-Z])\s*=\s*(${NUMBER})`, 'g');
/** One or more values given for variables after "when", "if", "kung"…: "when a = 4 and b = 5". */
const ASSIGNMENTS = new RegExp(
  String.raw`\b(?:when|at|if|kung|kapag|for|where|given|sa|na)\s+[a-zA-Z]\s*=\s*${NUMBER}(?:\s*(?:,|and|at|&)\s*[a-zA-Z]\s*=\s*${NUMBER})*`,
  'i',
);

const DEF_RE = /([a-zA-Z])\s*\(\s*([a-zA-Z])\s*\)\s*=\s*((?:[^.?!;,]|\.\d)+)/g;

export const solveEvaluate: FamilySolver = everyNumberUsed((norm, _lower, c) => {
  const dec = hasDecimal(norm);
  const defs = [...norm.matchAll(DEF_RE)];
  if (defs.length > 0) {
    const funcs: FuncTable = new Map();
    const nodes = new Map<string, { param: string; node: Node }>();
    let rest = norm;
    for (const d of defs) {
      const [whole, name, param, body] = d as unknown as [string, string, string, string];
      const bodyText = body
        .replace(/\s+(?:and|at|let|what|determine|calculate|give|find|ano|hanapin)\b.*$/i, '')
        .trim();
      const p = safePoly(bodyText, funcs);
      if (!p) return null;
      funcs.set(name, { param, body: p.poly });
      nodes.set(name, { param, node: p.node });
      rest = rest.replace(whole, ' ');
    }
    const m = /([a-zA-Z])\s*\(\s*(-?\d+(?:\.\d+)?(?:\/\d+)?)\s*\)/.exec(rest);
    const runs = mathRuns(rest, false).filter((r) => /[a-zA-Z]\s*\(/.test(r));
    if (
      m?.[1] &&
      m[2] &&
      nodes.has(m[1]) &&
      runs.length <= 1 &&
      (runs[0] ?? '').replace(/\s/g, '') === m[0].replace(/\s/g, '')
    ) {
      const f = nodes.get(m[1]);
      if (!f) return null;
      return evaluateAt(f.node, [[f.param, q(m[2])]], m[0].replace(/\s/g, ''), dec, c);
    }
    const expr = runs[0];
    if (!expr) return null;
    const p = safePoly(expr, funcs);
    if (!p?.poly.isConst()) return null;
    const v = p.poly.constValue();
    const answer = fmtNumber(v, dec);
    return {
      kind: 'evaluate',
      answer,
      steps: [
        step(
          c.tr(
            'Evaluate the inner function first, then the outer one',
            'Unahin ang panloob na function, saka ang panlabas',
          ),
          `${expr} = ${answer}`,
        ),
      ],
      concept: c.tr(
        'Work from the inside out: evaluate the innermost function call first.',
        'Mula sa loob palabas: unahin ang pinakaloob na function.',
      ),
    };
  }
  // "Evaluate 2x^2 + 3 when x = 2" / "kung x = -1" / "If x = 3, what is 2x + 1?" / "when a = 4 and b = 5"
  const asg = ASSIGNMENTS.exec(norm);
  if (!asg) return null;
  const values = [...asg[0].matchAll(ASSIGNMENT)].map((a): [string, Q] => [
    a[1] as string,
    q(a[2] as string),
  ]);
  const rest = norm.replace(asg[0], ' ');
  const expr = mainExpression(rest, false);
  if (!expr) return null;
  const p = safePoly(expr);
  if (!p) return null;
  const vars = p.poly.vars();
  const given = new Set(values.map(([v]) => v));
  if (vars.length === 0 || given.size !== values.length || vars.some((v) => !given.has(v))) return null;
  return evaluateAt(p.node, values, expr, dec, c);
});
