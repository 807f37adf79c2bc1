import { parse as mathParse } from 'mathjs';
import { normalizeText, parseExpr, toPoly } from './tools/math_solver/expr.ts';
import { parseNumber, type Q, q } from './tools/math_solver/num.ts';
import type { Poly } from './tools/math_solver/poly.ts';

export type AnswerType = 'numeric' | 'short_answer' | 'multiple_choice' | 'true_false' | 'expression';

export interface CheckOptions {
  type?: AnswerType;
  /** Absolute tolerance for numeric answers (default: exact, or 1e-9 for decimals that are not exact). */
  tolerance?: number;
  /** Other answers that count as correct (synonyms, alternative spellings). */
  accepted?: string[];
}

export interface CheckResult {
  correct: boolean;
  normalized_given: string;
  reason: string;
}

const TRUE_WORDS = new Set(['true', 't', 'tama', 'oo', 'yes', 'totoo', 'y', 'opo', 'correct', 'tumpak']);
const FALSE_WORDS = new Set(['false', 'f', 'mali', 'hindi', 'no', 'n', 'hindi totoo', 'incorrect', 'wrong']);

/** Case-, accent-, whitespace- and punctuation-insensitive form of a text answer. */
function normalizeAnswerText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s./%-]/gu, ' ')
    .replace(/(?<!\d)[.](?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(the|a|an|ang|si|ang mga)\s+/, '');
}

function stripLabel(s: string): string {
  // "x = 3", "Answer: 3", "Sagot: 3"
  return s
    .trim()
    .replace(/^(answer|sagot|ans)\s*[:=]\s*/i, '')
    .replace(/^[a-zA-Z]\s*=\s*(?=[-+\d.(])/, '')
    .replace(/[.。]$/, '')
    .trim();
}

interface Num {
  value: Q;
  percent: boolean;
}

/** "1/2", "0.5", "2/4", "1 1/2", "50%", "1,250", "-3" → exact value. */
function parseNumeric(raw: string): Num | null {
  let s = stripLabel(raw)
    .replace(/\u2212/g, '-')
    .replace(/\s+/g, ' ');
  let percent = false;
  if (/%$|\s*percent$|\s*porsyento$/i.test(s)) {
    percent = true;
    s = s.replace(/\s*(%|percent|porsyento)$/i, '').trim();
  }
  const mixed = /^(-?)(\d+)\s+(\d+)\/(\d+)$/.exec(s);
  if (mixed?.[2] && mixed[3] && mixed[4] && mixed[4] !== '0') {
    const v = q(mixed[2]).add(q(BigInt(mixed[3]), BigInt(mixed[4])));
    return { value: mixed[1] ? v.neg() : v, percent };
  }
  const sci = /^(-?\d+(?:\.\d+)?)e(-?\d+)$/i.exec(s);
  if (sci?.[1] && sci[2]) {
    const e = Number(sci[2]);
    const base = q(sci[1]);
    return { value: e >= 0 ? base.mul(10n ** BigInt(e)) : base.div(10n ** BigInt(-e)), percent };
  }
  const n = parseNumber(s);
  if (n) return { value: n, percent };
  const frac = /^(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (frac?.[1] && frac[2]) {
    const d = q(frac[2]);
    if (d.n === 0n) return null;
    return { value: q(frac[1]).div(d), percent };
  }
  return null;
}

function numericEqual(a: Num, b: Num, tol: number | undefined): boolean {
  const candidates: [Q, Q][] = [[a.value, b.value]];
  // 50% vs 0.5, and 50% vs 50 when the expected answer is a percent
  if (a.percent !== b.percent) {
    candidates.push([a.percent ? a.value.div(100) : a.value, b.percent ? b.value.div(100) : b.value]);
  } else if (a.percent && b.percent) candidates.push([a.value, b.value]);
  for (const [x, y] of candidates) {
    if (x.equals(y)) return true;
    if (tol !== undefined && Math.abs(x.valueOf() - y.valueOf()) <= tol) return true;
  }
  return false;
}

function tryPoly(s: string): Poly | null {
  try {
    const norm = normalizeText(stripLabel(s));
    if (!norm || /[=<>]/.test(norm)) return null;
    return toPoly(parseExpr(norm));
  } catch {
    return null;
  }
}

/** Random-point comparison through mathjs, for expressions that are not polynomials (sqrt, 1/x…). */
function numericallyEquivalent(a: string, b: string): boolean | null {
  try {
    const prep = (s: string) => normalizeText(stripLabel(s)).replace(/\bln\(/g, 'log(');
    const fa = mathParse(prep(a)).compile();
    const fb = mathParse(prep(b)).compile();
    const vars = new Set<string>();
    for (const src of [prep(a), prep(b)])
      mathParse(src).traverse((n) => {
        const node = n as unknown as { type: string; name?: string };
        if (
          node.type === 'SymbolNode' &&
          node.name &&
          !['pi', 'e', 'sqrt', 'log', 'sin', 'cos', 'tan', 'abs', 'exp'].includes(node.name)
        )
          vars.add(node.name);
      });
    let compared = 0;
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 12; i++) {
      const scope: Record<string, number> = {};
      for (const v of vars) scope[v] = 0.3 + rnd() * 2.7;
      const x = Number(fa.evaluate(scope));
      const y = Number(fb.evaluate(scope));
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      compared++;
      if (Math.abs(x - y) > 1e-7 * Math.max(1, Math.abs(x), Math.abs(y))) return false;
    }
    return compared >= 3 ? true : null;
  } catch {
    return null;
  }
}

function expressionEqual(a: string, b: string): boolean {
  const pa = tryPoly(a);
  const pb = tryPoly(b);
  if (pa && pb) return pa.equals(pb);
  return numericallyEquivalent(a, b) === true;
}

function splitList(s: string): string[] {
  return stripLabel(s)
    .replace(/\b[a-zA-Z]\s*=\s*/g, '')
    .split(/\s*(?:,|;|\bor\b|\band\b|\bat\b|\bo\b)\s*/i)
    .map((x) => x.trim())
    .filter(Boolean);
}

function itemEqual(a: string, b: string, tol: number | undefined): boolean {
  const na = parseNumeric(a);
  const nb = parseNumeric(b);
  if (na && nb) return numericEqual(na, nb, tol);
  return expressionEqual(a, b);
}

/** Root lists in any order: "3, -2" = "-2, 3" = "x = -2 or x = 3". */
function listEqual(given: string, expected: string, tol: number | undefined): boolean | null {
  const e = splitList(expected);
  const g = splitList(given);
  if (e.length < 2 && g.length < 2) return null;
  if (e.length !== g.length) return false;
  const used = new Set<number>();
  for (const x of e) {
    const idx = g.findIndex((y, i) => !used.has(i) && itemEqual(y, x, tol));
    if (idx < 0) return false;
    used.add(idx);
  }
  return true;
}

function boolOf(s: string): boolean | null {
  const n = normalizeAnswerText(s);
  if (TRUE_WORDS.has(n)) return true;
  if (FALSE_WORDS.has(n)) return false;
  return null;
}

function choiceLetter(s: string): string | null {
  const m = /^\(?([a-h])\)?[.):]?(\s|$)/i.exec(s.trim());
  return m?.[1] ? m[1].toLowerCase() : null;
}

function guessType(expected: string): AnswerType {
  if (boolOf(expected) !== null && !/^\s*[a-z]\s*$/i.test(expected)) return 'true_false';
  if (parseNumeric(expected)) return 'numeric';
  if (/^[\s\d.,/%-]+$/.test(expected) && /,/.test(expected)) return 'numeric';
  if (/[a-z]/i.test(expected) && /[-+*/^()\d]/.test(expected) && tryPoly(expected)) return 'expression';
  if (/^\s*[a-z]\s*$/i.test(expected) || /^\(?[a-h]\)\s/i.test(expected)) return 'multiple_choice';
  return 'short_answer';
}

/** Checks a student's answer against the expected one. Never throws. */
export function checkAnswer(given: string, expected: string, opts: CheckOptions = {}): CheckResult {
  try {
    return check(String(given ?? ''), String(expected ?? ''), opts);
  } catch {
    return {
      correct: false,
      normalized_given: normalizeAnswerText(String(given ?? '')),
      reason: 'could not compare the answers',
    };
  }
}

function check(given: string, expected: string, opts: CheckOptions): CheckResult {
  const normalized = normalizeAnswerText(given);
  if (!given.trim()) return { correct: false, normalized_given: '', reason: 'no answer given' };
  const targets = [expected, ...(opts.accepted ?? [])].filter((t) => t.trim() !== '');
  const type = opts.type ?? guessType(expected);
  const tol = opts.tolerance;
  for (const t of targets) {
    const r = compareOne(given, t, type, tol);
    if (r) return { correct: true, normalized_given: r.normalized ?? normalized, reason: r.reason };
  }
  // a text match with any accepted answer counts whatever the type
  if (targets.some((t) => normalizeAnswerText(t) === normalized && normalized !== ''))
    return { correct: true, normalized_given: normalized, reason: 'matches an accepted answer' };
  const num = parseNumeric(given);
  return {
    correct: false,
    normalized_given: num ? formatNum(num) : normalized,
    reason:
      type === 'numeric' && !num && !/,/.test(given)
        ? 'the answer is not a number'
        : 'does not match the expected answer',
  };
}

function formatNum(n: Num): string {
  const v = n.value;
  const s = v.d === 1n ? (v.s * v.n).toString() : `${v.s * v.n}/${v.d}`;
  return n.percent ? `${s}%` : s;
}

function compareOne(
  given: string,
  expected: string,
  type: AnswerType,
  tol: number | undefined,
): { reason: string; normalized?: string } | null {
  switch (type) {
    case 'true_false': {
      const g = boolOf(given);
      const e = boolOf(expected);
      if (g !== null && e !== null && g === e)
        return { reason: 'same truth value', normalized: g ? 'true' : 'false' };
      return null;
    }
    case 'multiple_choice': {
      const gl = choiceLetter(given);
      const el = choiceLetter(expected);
      if (gl && el && gl === el) return { reason: 'same choice', normalized: gl };
      const strip = (s: string) =>
        normalizeAnswerText(s.replace(/^\s*\(?[a-h]\)[.:]?\s+/i, '').replace(/^\s*[a-h][.:]\s+/i, ''));
      if (strip(given) && strip(given) === strip(expected)) return { reason: 'same choice text' };
      return null;
    }
    case 'numeric': {
      const g = parseNumeric(given);
      const e = parseNumeric(expected);
      if (g && e) {
        return numericEqual(g, e, tol ?? (isExactish(expected) ? undefined : 1e-9))
          ? { reason: 'numerically equal', normalized: formatNum(g) }
          : null;
      }
      const list = listEqual(given, expected, tol);
      if (list !== null) return list ? { reason: 'same values (order does not matter)' } : null;
      if (e && !g) {
        // "2(3) + 1" style arithmetic written by the student
        const p = tryPoly(given);
        if (p?.isConst() && numericEqual({ value: p.constValue(), percent: false }, e, tol))
          return { reason: 'evaluates to the expected value' };
      }
      return null;
    }
    case 'expression': {
      const list = listEqual(given, expected, tol);
      if (list !== null) return list ? { reason: 'same expressions (order does not matter)' } : null;
      if (expressionEqual(given, expected)) return { reason: 'algebraically equivalent' };
      return null;
    }
    default: {
      const g = normalizeAnswerText(given);
      const e = normalizeAnswerText(expected);
      if (g === e) return { reason: 'same text' };
      if (g.replace(/\s/g, '') === e.replace(/\s/g, '')) return { reason: 'same text (spacing ignored)' };
      const gn = parseNumeric(given);
      const en = parseNumeric(expected);
      if (gn && en && numericEqual(gn, en, tol)) return { reason: 'numerically equal' };
      return null;
    }
  }
}

function isExactish(s: string): boolean {
  return /^[\s\d./%,-]+$/.test(s);
}
