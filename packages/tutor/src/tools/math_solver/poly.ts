import { absBig, gcdBig, isZero, lcmBig, ONE, type Q, q, ZERO } from './num.ts';

/** A monomial: variable → exponent (only positive exponents are stored). */
export type Mono = Record<string, number>;

export interface Term {
  c: Q;
  m: Mono;
}

function monoKey(m: Mono): string {
  return Object.keys(m)
    .sort()
    .map((v) => `${v}^${m[v]}`)
    .join('*');
}

function monoMul(a: Mono, b: Mono): Mono {
  const out: Mono = { ...a };
  for (const [v, e] of Object.entries(b)) out[v] = (out[v] ?? 0) + e;
  return out;
}

/** Multivariate polynomial with exact rational coefficients. Immutable. */
export class Poly {
  readonly terms: Map<string, Term>;

  constructor(terms?: Map<string, Term>) {
    this.terms = terms ?? new Map();
  }

  static const(c: Q): Poly {
    const p = new Poly();
    if (!isZero(c)) p.terms.set('', { c, m: {} });
    return p;
  }

  static variable(v: string): Poly {
    const p = new Poly();
    p.terms.set(`${v}^1`, { c: ONE, m: { [v]: 1 } });
    return p;
  }

  static fromUni(coeffs: Q[], v: string): Poly {
    // coeffs[i] is the coefficient of v^i
    const p = new Poly();
    coeffs.forEach((c, i) => {
      if (!isZero(c)) {
        const m: Mono = i === 0 ? {} : { [v]: i };
        p.terms.set(monoKey(m), { c, m });
      }
    });
    return p;
  }

  private addTerm(t: Term): void {
    const k = monoKey(t.m);
    const cur = this.terms.get(k);
    const c = cur ? cur.c.add(t.c) : t.c;
    if (isZero(c)) this.terms.delete(k);
    else this.terms.set(k, { c, m: t.m });
  }

  add(o: Poly): Poly {
    const p = new Poly(new Map(this.terms));
    for (const t of o.terms.values()) p.addTerm(t);
    return p;
  }

  neg(): Poly {
    const p = new Poly();
    for (const [k, t] of this.terms) p.terms.set(k, { c: t.c.neg(), m: t.m });
    return p;
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  scale(c: Q): Poly {
    if (isZero(c)) return new Poly();
    const p = new Poly();
    for (const [k, t] of this.terms) p.terms.set(k, { c: t.c.mul(c), m: t.m });
    return p;
  }

  mul(o: Poly): Poly {
    const p = new Poly();
    for (const a of this.terms.values())
      for (const b of o.terms.values()) p.addTerm({ c: a.c.mul(b.c), m: monoMul(a.m, b.m) });
    return p;
  }

  pow(n: number): Poly {
    let r = Poly.const(ONE);
    for (let i = 0; i < n; i++) r = r.mul(this);
    return r;
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  isConst(): boolean {
    return this.terms.size === 0 || (this.terms.size === 1 && this.terms.has(''));
  }

  constValue(): Q {
    return this.terms.get('')?.c ?? ZERO;
  }

  vars(): string[] {
    const s = new Set<string>();
    for (const t of this.terms.values()) for (const v of Object.keys(t.m)) s.add(v);
    return [...s].sort();
  }

  degree(v?: string): number {
    let d = 0;
    for (const t of this.terms.values()) {
      const e = v ? (t.m[v] ?? 0) : Object.values(t.m).reduce((a, b) => a + b, 0);
      if (e > d) d = e;
    }
    return this.isZero() ? -1 : d;
  }

  /** Coefficient of v^i as a polynomial in the other variables. */
  coeffOf(v: string, i: number): Poly {
    const p = new Poly();
    for (const t of this.terms.values()) {
      if ((t.m[v] ?? 0) === i) {
        const m = { ...t.m };
        delete m[v];
        p.terms.set(monoKey(m), { c: t.c, m });
      }
    }
    return p;
  }

  /** Univariate coefficient list (index = power); requires all coefficients constant. */
  uniCoeffs(v: string): Q[] | null {
    const n = this.degree(v);
    const out: Q[] = [];
    for (let i = 0; i <= Math.max(n, 0); i++) {
      const c = this.coeffOf(v, i);
      if (!c.isConst()) return null;
      out.push(c.constValue());
    }
    return out;
  }

  derivative(v: string): Poly {
    const p = new Poly();
    for (const t of this.terms.values()) {
      const e = t.m[v] ?? 0;
      if (e === 0) continue;
      const m = { ...t.m };
      if (e === 1) delete m[v];
      else m[v] = e - 1;
      p.addTerm({ c: t.c.mul(e), m });
    }
    return p;
  }

  substitute(v: string, value: Q): Poly {
    const p = new Poly();
    for (const t of this.terms.values()) {
      const e = t.m[v] ?? 0;
      if (e === 0) {
        p.addTerm(t);
        continue;
      }
      const m = { ...t.m };
      delete m[v];
      p.addTerm({ c: t.c.mul(value.pow(e)), m });
    }
    return p;
  }

  equals(o: Poly): boolean {
    return this.sub(o).isZero();
  }

  /** Terms in sympy's default print order (lex, variables alphabetical, highest first). */
  orderedTerms(): Term[] {
    const vars = this.vars();
    const vec = (t: Term) => vars.map((v) => t.m[v] ?? 0);
    return [...this.terms.values()].sort((a, b) => {
      const va = vec(a);
      const vb = vec(b);
      for (let i = 0; i < va.length; i++) {
        const d = (vb[i] ?? 0) - (va[i] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    });
  }

  /** sympy-style string: `546*a**2 - 108*a - 118`, `1 - x`, `3*t**2/4`. */
  toString(): string {
    return termsToString(this.orderedTerms(), 'sympy');
  }

  /** Student-friendly: `3x^2 - 2x + 1`. */
  pretty(): string {
    return termsToString(this.orderedTerms(), 'pretty');
  }
}

function monoString(m: Mono, style: 'sympy' | 'pretty'): string {
  return Object.keys(m)
    .sort()
    .map((v) => {
      const e = m[v] ?? 1;
      if (e === 1) return v;
      return style === 'sympy' ? `${v}**${e}` : `${v}^${e}`;
    })
    .join(style === 'sympy' ? '*' : '');
}

/** One term without its sign. */
function absTermString(c: Q, m: Mono, style: 'sympy' | 'pretty'): string {
  const ms = monoString(m, style);
  const n = c.n;
  const d = c.d;
  if (!ms) return d === 1n ? n.toString() : `${n}/${d}`;
  if (style === 'pretty') {
    const coef = d === 1n ? (n === 1n ? '' : n.toString()) : `(${n}/${d})`;
    return `${coef}${ms}`;
  }
  const head = n === 1n ? ms : `${n}*${ms}`;
  return d === 1n ? head : `${head}/${d}`;
}

function termsToString(terms: Term[], style: 'sympy' | 'pretty'): string {
  if (terms.length === 0) return '0';
  let ts = terms;
  // sympy prints `-a*x**n + c` (one variable, c > 0) as `c - a*x**n`
  const [first, second] = terms;
  if (
    style === 'sympy' &&
    terms.length === 2 &&
    first &&
    second &&
    first.c.s < 0n &&
    Object.keys(first.m).length === 1 &&
    Object.keys(second.m).length === 0 &&
    second.c.s > 0n
  )
    ts = [second, first];
  let out = '';
  ts.forEach((t, i) => {
    const neg = t.c.s < 0n;
    const body = absTermString(t.c, t.m, style);
    if (i === 0) out = neg ? `-${body}` : body;
    else out += neg ? ` - ${body}` : ` + ${body}`;
  });
  return out;
}

// ---------- univariate helpers (coefficient arrays, index = power) ----------

export function trimCoeffs(c: Q[]): Q[] {
  const out = [...c];
  while (out.length > 1 && isZero(out[out.length - 1] as Q)) out.pop();
  return out;
}

function evalUni(c: Q[], x: Q): Q {
  let r = ZERO;
  for (let i = c.length - 1; i >= 0; i--) r = r.mul(x).add(c[i] as Q);
  return r;
}

/** Divide by (x - r); returns quotient (assumes r is a root). */
function deflate(c: Q[], r: Q): Q[] {
  const n = c.length - 1;
  const out: Q[] = new Array(n);
  let carry = ZERO;
  for (let i = n; i >= 1; i--) {
    carry = carry.mul(r).add(c[i] as Q);
    out[i - 1] = carry;
  }
  return out;
}

/** Integer coefficients (scaled by the LCM of denominators, divided by content). */
export function primitive(c: Q[]): bigint[] {
  let l = 1n;
  for (const x of c) l = lcmBig(l, x.d);
  const ints = c.map((x) => (x.s * x.n * l) / x.d);
  let g = 0n;
  for (const x of ints) g = gcdBig(g, x);
  if (g === 0n) return ints;
  return ints.map((x) => x / g);
}

function divisors(n: bigint, limit = 200000n): bigint[] | null {
  const a = absBig(n);
  if (a === 0n) return [0n];
  const small: bigint[] = [];
  const large: bigint[] = [];
  for (let i = 1n; i * i <= a; i++) {
    if (i > limit) return null;
    if (a % i === 0n) {
      small.push(i);
      if (i * i !== a) large.push(a / i);
    }
  }
  return [...small, ...large.reverse()];
}

export interface RootMult {
  root: Q;
  mult: number;
}

/** Rational roots with multiplicity (rational-root theorem), plus the leftover factor without rational roots. */
export function rationalRoots(coeffs: Q[]): { roots: RootMult[]; rest: Q[] } {
  let c = trimCoeffs(coeffs);
  const roots: RootMult[] = [];
  // zero roots
  let z = 0;
  while (c.length > 1 && isZero(c[0] as Q)) {
    c = c.slice(1);
    z++;
  }
  if (z > 0) roots.push({ root: ZERO, mult: z });
  if (c.length <= 1) return { roots, rest: c };
  const ints = primitive(c);
  const a0 = ints[0] as bigint;
  const an = ints[ints.length - 1] as bigint;
  const ps = divisors(a0);
  const qs = divisors(an);
  const cands = new Map<string, Q>();
  if (ps && qs) {
    for (const p of ps)
      for (const d of qs) {
        const r = q(p, d);
        cands.set(r.toFraction(), r);
        cands.set(r.neg().toFraction(), r.neg());
      }
  }
  const sorted = [...cands.values()].sort((a, b) => a.compare(b));
  for (const r of sorted) {
    if (c.length <= 1) break;
    let m = 0;
    while (c.length > 1 && isZero(evalUni(c, r))) {
      c = deflate(c, r);
      m++;
    }
    if (m > 0) roots.push({ root: r, mult: m });
  }
  roots.sort((a, b) => a.root.compare(b.root));
  return { roots, rest: c };
}

// ---------- sympy-style factor() output for univariate polynomials ----------

interface Factor {
  /** integer coefficients, index = power, leading coefficient positive */
  coeffs: bigint[];
  mult: number;
}

function factorTermKeys(f: bigint[]): (number | bigint)[][] {
  const keys: (number | bigint)[][] = [];
  for (let i = f.length - 1; i >= 0; i--) {
    const c = f[i] as bigint;
    if (c === 0n) continue;
    keys.push(i === 0 ? [0, 0, c] : [1, i, c]);
  }
  return keys;
}

function compareFactors(a: Factor, b: Factor): number {
  const ka = factorTermKeys(a.coeffs);
  const kb = factorTermKeys(b.coeffs);
  const aMono = ka.length === 1;
  const bMono = kb.length === 1;
  if (aMono !== bMono) return aMono ? -1 : 1;
  if (ka.length !== kb.length) return ka.length - kb.length;
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] as (number | bigint)[];
    const y = kb[i] as (number | bigint)[];
    for (let j = 0; j < 3; j++) {
      const u = x[j] as number | bigint;
      const w = y[j] as number | bigint;
      if (u < w) return -1;
      if (u > w) return 1;
    }
  }
  return a.mult - b.mult;
}

function factorString(f: Factor, v: string): string {
  const terms: string[] = [];
  const c = f.coeffs;
  const nz = c.filter((x) => x !== 0n).length;
  for (let i = c.length - 1; i >= 0; i--) {
    const k = c[i] as bigint;
    if (k === 0n) continue;
    const a = absBig(k);
    const mono = i === 0 ? '' : i === 1 ? v : `${v}**${i}`;
    const body = mono ? (a === 1n ? mono : `${a}*${mono}`) : a.toString();
    if (terms.length === 0) terms.push(k < 0n ? `-${body}` : body);
    else terms.push(k < 0n ? `- ${body}` : `+ ${body}`);
  }
  const inner = terms.join(' ');
  if (nz === 1) {
    // monomial v**k
    const deg = c.length - 1;
    const e = deg * f.mult;
    return e === 1 ? v : `${v}**${e}`;
  }
  return f.mult === 1 ? `(${inner})` : `(${inner})**${f.mult}`;
}

/** Factor a univariate polynomial over the rationals, printed like sympy's `factor`. Null when no factoring. */
export function factorUni(coeffs: Q[], v: string): { text: string; factors: number } | null {
  const c = trimCoeffs(coeffs);
  if (c.length <= 1) return null;
  const { roots, rest } = rationalRoots(c);
  const factors: Factor[] = [];
  // leading coefficient bookkeeping: poly = content * prod(factors)
  for (const { root, mult } of roots) {
    if (isZero(root)) factors.push({ coeffs: [0n, 1n], mult });
    else factors.push({ coeffs: [-(root.s * root.n), root.d], mult });
  }
  if (rest.length > 1) {
    let ints = primitive(rest);
    if ((ints[ints.length - 1] as bigint) < 0n) ints = ints.map((x) => -x);
    factors.push({ coeffs: ints, mult: 1 });
  }
  // content = leading coeff of poly / product of factor leading coeffs
  let lead = ONE;
  for (const f of factors) lead = lead.mul(q(f.coeffs[f.coeffs.length - 1] as bigint).pow(f.mult));
  const content = (c[c.length - 1] as Q).div(lead);
  factors.sort(compareFactors);
  const body = factors.map((f) => factorString(f, v)).join('*');
  const n = content.n;
  const d = content.d;
  let text = '';
  if (content.s < 0n) text += '-';
  if (n !== 1n) text += `${n}*`;
  text += body;
  if (d !== 1n) text += `/${d}`;
  return { text, factors: factors.reduce((a, f) => a + f.mult, 0) };
}
