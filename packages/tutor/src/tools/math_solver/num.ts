import { Fraction } from 'mathjs';
import { DENOMINATORS, parseNumberWords } from '../../lexicon/numbers.ts';

/** Exact rational number (mathjs' Fraction, backed by bigint). */
export type Q = Fraction;

export const ZERO: Q = new Fraction(0);
export const ONE: Q = new Fraction(1);

export function q(n: number | bigint | string, d?: number | bigint): Q {
  if (d !== undefined) return new Fraction(BigInt(n), BigInt(d));
  return new Fraction(typeof n === 'string' ? n.replace(/,/g, '') : n);
}

export function isInt(x: Q): boolean {
  return x.d === 1n;
}

export function isZero(x: Q): boolean {
  return x.n === 0n;
}

export function num(x: Q): bigint {
  return x.s * x.n;
}

export function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}

export function gcdBig(a: bigint, b: bigint): bigint {
  let x = absBig(a);
  let y = absBig(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function lcmBig(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return absBig((a / gcdBig(a, b)) * b);
}

/** `a/b` (or an integer) — the dataset's fraction convention. */
export function fmtFrac(x: Q): string {
  const n = x.s * x.n;
  return x.d === 1n ? n.toString() : `${n}/${x.d}`;
}

/** True when the fraction has a finite decimal expansion. */
function terminates(x: Q): boolean {
  let d = x.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** Exact decimal string for a terminating fraction (no exponent, no trailing zeros); null otherwise. */
export function fmtDecimal(x: Q): string | null {
  if (!terminates(x)) return null;
  // find smallest k with 10^k divisible by x.d
  let k = 0;
  let p = 1n;
  while (p % x.d !== 0n) {
    p *= 10n;
    k++;
  }
  const scaled = (x.n * p) / x.d;
  let digits = scaled.toString();
  if (k > 0) {
    digits = digits.padStart(k + 1, '0');
    const intPart = digits.slice(0, digits.length - k);
    const frac = digits.slice(digits.length - k).replace(/0+$/, '');
    digits = frac ? `${intPart}.${frac}` : intPart;
  }
  return (x.s < 0n && x.n !== 0n ? '-' : '') + digits;
}

/** Decimal when it terminates, otherwise `a/b`. */
export function fmtNumber(x: Q, preferDecimal: boolean): string {
  if (preferDecimal) return fmtDecimal(x) ?? fmtFrac(x);
  return fmtFrac(x);
}

/** Approximate decimal for display (up to `digits` significant digits). */
export function fmtApprox(x: number, digits = 10): string {
  if (!Number.isFinite(x)) return String(x);
  const s = Number(x.toPrecision(digits));
  return Object.is(s, -0) ? '0' : String(s);
}

/** Round half away from zero to a multiple of `step` (a positive rational). */
export function roundTo(x: Q, step: Q): Q {
  const k = x.div(step);
  const a = k.abs();
  const fl = a.floor();
  const frac = a.sub(fl);
  let r = frac.compare(q(1, 2)) >= 0 ? fl.add(1) : fl;
  if (k.s < 0n) r = r.neg();
  const out = r.mul(step);
  return out.n === 0n ? ZERO : out;
}

/**
 * Parses a cardinal number written in words ("forty-five", "a hundred", "dalawa"); null if not one. The words
 * are the shared lexicon's (`lexicon/numbers.ts`); "a"/"an" before a scale word counts one.
 */
export function wordsToNumber(text: string): number | null {
  const words = text
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'and' && w !== 'at');
  if (words.length === 0) return null;
  if (words[0] === 'a' || words[0] === 'an') words[0] = 'one';
  return parseNumberWords(words.join(' '));
}

/** The shared lexicon's fraction denominators, and the longer ordinals a DeepMind exercise names. */
const ORDINAL_DENOM: Record<string, number> = {
  ...DENOMINATORS,
  halves: 2,
  thirds: 3,
  quarters: 4,
  fourths: 4,
  eleventh: 11,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
  thousandth: 1000,
  millionth: 1_000_000,
  ikalawa: 2,
  ikatlo: 3,
  ikaapat: 4,
  ikalima: 5,
  ikaanim: 6,
  ikapito: 7,
  ikawalo: 8,
  ikasiyam: 9,
  ikasampu: 10,
  ikadalawampu: 20,
};

/** "seven quarters", "one twentieth", "fourty-five eighths" → exact fraction; null if not such a phrase. */
export function wordsToFraction(text: string): Q | null {
  const words = text
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .filter((w) => w !== 'na' && w !== 'mga' && w !== 'bahagi');
  if (words.length === 1 && /^(kalahati|half)$/.test(words[0] ?? '')) return q(1, 2);
  if (words.length === 1 && /^(sangkapat|quarter)$/.test(words[0] ?? '')) return q(1, 4);
  if (words.length < 2) return null;
  let last = (words[words.length - 1] ?? '').replace(/^(ika\p{L}+?)ng$/u, '$1');
  let denom = ORDINAL_DENOM[last];
  if (denom === undefined && last.endsWith('s')) {
    last = last.slice(0, -1);
    denom = ORDINAL_DENOM[last];
  }
  if (denom === undefined) {
    const parts = last.split('-');
    const tail = parts.pop() ?? '';
    const base = ORDINAL_DENOM[tail] ?? ORDINAL_DENOM[tail.replace(/s$/, '')];
    const head = wordsToNumber(parts.join(' '));
    if (base === undefined || head === null) return null;
    denom = head + base;
  }
  const n = wordsToNumber(words.slice(0, -1).join(' '));
  if (n === null) return null;
  return q(n, denom);
}

/** A numeric literal ("-3", "0.25", "3/4", "1,250") → exact value; null if not numeric. */
export function parseNumber(text: string): Q | null {
  const t = text.trim().replace(/−/g, '-');
  if (/^[-+]?\d[\d,]*(\.\d+)?$/.test(t) || /^[-+]?\.\d+$/.test(t)) {
    if (t.includes(',') && !/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return null;
    return q(t.replace(/^\+/, ''));
  }
  const m = /^([-+]?\d+)\s*\/\s*(\d+)$/.exec(t);
  if (m?.[1] && m[2] && m[2] !== '0') return q(BigInt(m[1]), BigInt(m[2]));
  return null;
}
