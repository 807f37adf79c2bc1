import { countNumbers, everyNumberUsed, everyNumberUsedAnywhere } from './guards.ts';
import {
  absBig,
  fmtDecimal,
  fmtFrac,
  gcdBig,
  lcmBig,
  parseNumber,
  type Q,
  q,
  roundTo,
  wordsToNumber,
} from './num.ts';
import { type FamilySolver, type MathStep, step } from './types.ts';

function ints(text: string): bigint[] {
  return [...text.matchAll(/(?<![\d.])-?\d+(?![\d.]*\d)(?!\.\d)/g)].map((m) => BigInt(m[0]));
}

function primeFactors(n: bigint): Map<bigint, number> | null {
  const out = new Map<bigint, number>();
  let x = absBig(n);
  if (x < 2n) return out;
  for (const p of [2n, 3n, 5n]) {
    while (x % p === 0n) {
      out.set(p, (out.get(p) ?? 0) + 1);
      x /= p;
    }
  }
  let i = 7n;
  const inc = [4n, 2n, 4n, 2n, 4n, 6n, 2n, 6n];
  let k = 0;
  let iter = 0;
  while (i * i <= x) {
    if (++iter > 1_000_000) return null;
    while (x % i === 0n) {
      out.set(i, (out.get(i) ?? 0) + 1);
      x /= i;
    }
    i += inc[k] as bigint;
    k = (k + 1) % 8;
  }
  if (x > 1n) out.set(x, (out.get(x) ?? 0) + 1);
  return out;
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  let x = b % m;
  let y = e;
  while (y > 0n) {
    if (y & 1n) r = (r * x) % m;
    x = (x * x) % m;
    y >>= 1n;
  }
  return r;
}

/** Deterministic Miller–Rabin for n < 3.3e24; returns a factor witness when small. */
function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n]) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    s++;
  }
  for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n]) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let comp = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        comp = false;
        break;
      }
    }
    if (comp) return false;
  }
  return true;
}

function smallestFactor(n: bigint): bigint | null {
  if (n % 2n === 0n) return 2n;
  for (let i = 3n; i * i <= n && i < 2_000_000n; i += 2n) if (n % i === 0n) return i;
  return null;
}

const COMMON = '(?:common|karaniwang|komon|magkaparehong)';
const GCD_RE = new RegExp(
  String.raw`\b(gcd|gcf|hcf|greatest\s+common|highest\s+common|(?:pinakamalaki|pinakamataas)(?:ng|\s+na)\s+(?:${COMMON}\s+)?(?:divisor|factor|pamahagi|salik|panghati|kadahilanan))`,
);
const LCM_RE = new RegExp(
  String.raw`\b(lcm|lcd|least\s+common|smallest\s+common|lowest\s+common|common\s+denominator|(?:pinakamaliit|pinakamababa)(?:ng|\s+na)\s+(?:${COMMON}\s+)?(?:multiple|denominator|denominador|maramihan)|${COMMON}\s+(?:denominator|denominador))`,
);

export const solveGcdLcm: FamilySolver = everyNumberUsed((_norm, lower, c) => {
  const isG = GCD_RE.test(lower);
  const isL = !isG && LCM_RE.test(lower);
  if (!isG && !isL) return null;
  let nums: bigint[];
  const denomMode = isL && /denominator|denominador|lcd/.test(lower);
  if (denomMode) {
    const fr = [...lower.matchAll(/(-?\d+)\s*\/\s*(\d+)/g)].map((m) => BigInt(m[2] ?? '1'));
    const rest = lower.replace(/(-?\d+)\s*\/\s*(\d+)/g, ' ');
    nums = [...fr, ...ints(rest).map(() => 1n)];
    if (fr.length === 0) nums = ints(lower);
  } else nums = ints(lower);
  nums = nums.map(absBig);
  if (nums.length < 2) return null;
  const steps: MathStep[] = [];
  if (isG) {
    // Euclid's algorithm on the first two, then fold
    let g = nums[0] as bigint;
    for (const n of nums.slice(1)) {
      let a = g > n ? g : n;
      let b = g > n ? n : g;
      while (b !== 0n) {
        const r = a % b;
        steps.push(
          step(
            c.tr('Divide and keep the remainder (Euclid)', 'Hatiin at kunin ang remainder (Euclid)'),
            `${a} = ${a / b} × ${b} + ${r}`,
          ),
        );
        a = b;
        b = r;
      }
      g = a;
    }
    steps.push(
      step(
        c.tr('The last non-zero remainder is the GCD', 'Ang huling remainder na hindi zero ang GCD'),
        `GCD(${nums.join(', ')}) = ${g}`,
      ),
    );
    return {
      kind: 'gcd',
      answer: g.toString(),
      steps,
      concept: c.tr(
        'The GCD is the largest number that divides all of them; Euclid: GCD(a, b) = GCD(b, a mod b).',
        'Ang GCD (GCF) ay ang pinakamalaking bilang na humahati sa lahat; Euclid: GCD(a, b) = GCD(b, a mod b).',
      ),
    };
  }
  let l = 1n;
  for (const n of nums) {
    const g = gcdBig(l, n);
    const nl = lcmBig(l, n);
    if (l !== 1n)
      steps.push(
        step(
          c.tr('LCM(a, b) = a × b ÷ GCD(a, b)', 'LCM(a, b) = a × b ÷ GCD(a, b)'),
          `LCM(${l}, ${n}) = ${l} × ${n} ÷ ${g} = ${nl}`,
        ),
      );
    l = nl;
  }
  if (denomMode)
    steps.unshift(step(c.tr('Take the denominators', 'Kunin ang mga denominator'), nums.join(', ')));
  if (nums.every((n) => n === 0n)) return null;
  return {
    kind: denomMode ? 'common_denominator' : 'lcm',
    answer: l.toString(),
    steps,
    concept: c.tr(
      'The LCM is the smallest number that every one of them divides; you can get it from LCM(a, b) = a × b ÷ GCD(a, b).',
      'Ang LCM ay ang pinakamaliit na bilang na nahahati ng lahat; makukuha ito sa LCM(a, b) = a × b ÷ GCD(a, b).',
    ),
  };
});

export const solveRemainder: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  // "What is left" in Filipino (natitira, natira, sobra) asks for a remainder only when a division is named;
  // otherwise it is a subtraction word problem ("Pumutok ang 5. Ilan ang natira?").
  // "The remainder" of a story is the rest of something ("sells the remainder for $2"): a division remainder
  // names the division, and its two numbers are all the numbers of the problem.
  const division = /hinati|hatiin|divided|divisible|division|÷|\bmod\b|modulo/.test(lower);
  const leftOver = /natitira|natira|matitira|sobra|labis/.test(lower) && division;
  if (!(/remainder/.test(lower) && division) && !/\bmod\b|modulo/.test(lower) && !leftOver) return null;
  const ns = ints(lower);
  if (ns.length !== 2 || countNumbers(lower) !== 2) return null;
  let [a, b] = ns as [bigint, bigint];
  // the divisor is the number after "divided by" / "hinati sa", wherever the sentence puts it
  const div = /(?:divided\s+by|divisible\s+by|hinati\s+sa|hatiin\s+sa|\bby|\bsa)\s+(-?\d+)(?![\d.])/.exec(
    lower,
  );
  if (div?.[1] && ns.length === 2 && BigInt(div[1]) === a && a !== b) [a, b] = [b, a];
  if (b === 0n) return null;
  const bb = absBig(b);
  let r = a % bb;
  if (r < 0n) r += bb;
  const qt = (a - r) / bb;
  return {
    kind: 'remainder',
    answer: r.toString(),
    steps: [
      step(
        c.tr(`How many whole times does ${bb} go into ${a}?`, `Ilang buong beses kasya ang ${bb} sa ${a}?`),
        `${a} ÷ ${bb} = ${qt} r ${r}`,
      ),
      step(
        c.tr('Check: quotient × divisor + remainder', 'Suriin: quotient × divisor + remainder'),
        `${qt} × ${bb} + ${r} = ${a}`,
      ),
    ],
    concept: c.tr(
      'The remainder is what is left after taking away as many whole groups of the divisor as possible.',
      'Ang remainder ay ang natitira matapos kunin ang pinakamaraming buong grupo ng divisor.',
    ),
    next: c.tr(
      'First find how many whole times the divisor fits into the number.',
      'Hanapin muna kung ilang buong beses kasya ang divisor sa bilang.',
    ),
  };
});

export const solvePrimes: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/prime|composite|pinagsama|primo|pangunahing/.test(lower)) return null;
  const ns = ints(lower);
  if (ns.length !== 1) return null;
  const n = ns[0] as bigint;
  const factorsAsked = /factor|factori[sz]ation|salik|paktor|kadahilanan/.test(lower);
  if (factorsAsked) {
    if (n < 2n) return null;
    const f = primeFactors(n);
    if (!f) return null;
    const steps: MathStep[] = [];
    let x = n;
    for (const [p, e] of f) {
      for (let i = 0; i < e; i++) {
        steps.push(
          step(c.tr(`Divide by the prime ${p}`, `Hatiin sa prime na ${p}`), `${x} ÷ ${p} = ${x / p}`),
        );
        x /= p;
      }
    }
    const factorization = [...f].map(([p, e]) => (e === 1 ? `${p}` : `${p}^${e}`)).join(' × ');
    steps.push(
      step(
        c.tr('Write the prime factorisation', 'Isulat ang prime factorization'),
        `${n} = ${factorization}`,
      ),
    );
    const wantsFactorization = /factori[sz]ation|factor tree/.test(lower) && !/prime factors\b/.test(lower);
    return {
      kind: wantsFactorization ? 'prime_factorization' : 'prime_factors',
      answer: wantsFactorization
        ? factorization.replace(/ × /g, '*').replace(/\^/g, '**')
        : [...f.keys()].join(', '),
      steps,
      concept: c.tr(
        'Keep dividing by the smallest prime that divides the number (2, 3, 5, 7, …) until you reach 1.',
        'Paulit-ulit na hatiin sa pinakamaliit na prime na humahati sa bilang (2, 3, 5, 7, …) hanggang 1.',
      ),
    };
  }
  const askComposite =
    /composite|pinagsama/.test(lower) && !/\bprime\b/.test(lower.replace(/prime factor/g, ''));
  const prime = isPrime(n);
  const steps: MathStep[] = [];
  if (n < 2n)
    steps.push(
      step(
        c.tr('Primes are whole numbers greater than 1', 'Ang prime ay buong bilang na higit sa 1'),
        `${n} < 2`,
      ),
    );
  else if (prime) {
    const root = BigInt(Math.floor(Math.sqrt(Number(n))));
    steps.push(
      step(
        c.tr(
          `Try dividing by every prime up to √${n} ≈ ${root}`,
          `Subukang hatiin sa bawat prime hanggang √${n} ≈ ${root}`,
        ),
        c.tr('none divides evenly', 'walang humahati nang eksakto'),
      ),
    );
  } else {
    const f = smallestFactor(n);
    steps.push(
      step(
        c.tr(
          'Look for a divisor other than 1 and itself',
          'Maghanap ng divisor bukod sa 1 at sa sarili nito',
        ),
        f
          ? `${n} = ${f} × ${n / f}`
          : c.tr(`${n} fails a primality test`, `${n} ay bagsak sa primality test`),
      ),
    );
  }
  const truth = askComposite ? n >= 2n && !prime : prime;
  steps.push(
    step(
      c.tr('Conclusion', 'Konklusyon'),
      prime ? c.tr(`${n} is prime`, `${n} ay prime`) : c.tr(`${n} is not prime`, `${n} ay hindi prime`),
    ),
  );
  return {
    kind: 'is_prime',
    answer: truth ? 'True' : 'False',
    steps,
    concept: c.tr(
      'A prime has exactly two divisors, 1 and itself; you only need to test divisors up to the square root.',
      'Ang prime ay may eksaktong dalawang divisor, 1 at ang sarili nito; sapat nang subukan ang mga divisor hanggang square root.',
    ),
  };
});

const PLACE_WORDS: Record<string, string> = {
  integer: '1',
  'whole number': '1',
  'buong bilang': '1',
  one: '1',
  unit: '1',
  ones: '1',
  isa: '1',
  ten: '10',
  tens: '10',
  sampu: '10',
  hundred: '100',
  hundreds: '100',
  daan: '100',
  raan: '100',
  thousand: '1000',
  thousands: '1000',
  libo: '1000',
  tenth: '0.1',
  tenths: '0.1',
  ikasampu: '0.1',
  hundredth: '0.01',
  hundredths: '0.01',
  thousandth: '0.001',
  thousandths: '0.001',
};

function wordOrDigit(w: string): number | null {
  if (/^\d+$/.test(w)) return Number(w);
  return wordsToNumber(w);
}

export const solveRounding: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/\bround|rounded|i-round|iround|bilugan|ibilog|i-?rounded/.test(lower)) return null;
  let stepQ: Q | null = null;
  let how = '';
  const dp = /(\w+)\s+(?:na\s+)?(?:decimal\s+places?|decimals?|dps?|d\.p\.)\b/.exec(lower);
  const sf = /(\w+)\s+(?:significant\s+(?:figures?|digits?)|sig\.?\s*figs?|s\.f\.|sf)\b/.exec(lower);
  const near =
    /(?:nearest|pinakamalapit\s+na)\s+(\d+(?:\.\d+)?|(?:one\s+|isang\s+)?[\w\s]+?)(?:[?!,]|\.(?!\d)|$|\s+(?:place|na\s+place|digit))/.exec(
      lower,
    );
  // the number to round is the one outside the "to N places / nearest N" phrase
  let rest = lower;
  for (const m of [dp, sf, near]) if (m) rest = rest.replace(m[0], ' ');
  const numM = /(-?\d*\.?\d+(?:e-?\d+)?)/.exec(rest);
  if (!numM?.[1]) return null;
  const x = parseNumber(numM[1]);
  if (!x) return null;
  if (dp?.[1] && wordOrDigit(dp[1]) !== null) {
    const k = wordOrDigit(dp[1]) as number;
    stepQ = q(1, 10n ** BigInt(k));
    how = c.tr(`${k} decimal place${k === 1 ? '' : 's'}`, `${k} decimal place`);
  } else if (sf?.[1] && wordOrDigit(sf[1]) !== null) {
    const k = wordOrDigit(sf[1]) as number;
    if (k < 1 || x.n === 0n) return null;
    // exponent of the leading digit
    const a = x.abs();
    let e = 0;
    let t = q(1);
    if (a.compare(1) >= 0) {
      while (t.mul(10).compare(a) <= 0) {
        t = t.mul(10);
        e++;
      }
    } else {
      while (t.compare(a) > 0) {
        t = t.div(10);
        e--;
      }
    }
    const p = e - k + 1;
    stepQ = p >= 0 ? q(10n ** BigInt(p)) : q(1, 10n ** BigInt(-p));
    how = c.tr(`${k} significant figure${k === 1 ? '' : 's'}`, `${k} significant figure`);
  } else if (near?.[1]) {
    const w = near[1].trim();
    const digits = /^(\d+(?:\.\d+)?)/.exec(w);
    if (digits?.[1]) stepQ = q(digits[1]);
    else if (PLACE_WORDS[w]) stepQ = q(PLACE_WORDS[w]);
    else {
      const n = wordsToNumber(w.replace(/^isang\s+/, 'one '));
      if (n !== null && n > 0) stepQ = q(n);
      else {
        const lastWord = w.split(/\s+/).pop() ?? '';
        if (PLACE_WORDS[lastWord]) stepQ = q(PLACE_WORDS[lastWord]);
      }
    }
    how = c.tr(`the nearest ${w}`, `pinakamalapit na ${w}`);
  }
  if (!stepQ || stepQ.n === 0n) return null;
  const r = roundTo(x, stepQ);
  const answer = fmtDecimal(r) ?? fmtFrac(r);
  const stepStr = fmtDecimal(stepQ) ?? fmtFrac(stepQ);
  const lowQ = x.div(stepQ).floor().mul(stepQ);
  const highQ = lowQ.add(stepQ);
  return {
    kind: 'rounding',
    answer,
    steps: [
      step(
        c.tr(
          `Round ${fmtDecimal(x)} to ${how}: it lies between these multiples of ${stepStr}`,
          `I-round ang ${fmtDecimal(x)} sa ${how}: nasa pagitan ito ng mga multiple ng ${stepStr}`,
        ),
        `${fmtDecimal(lowQ)} ≤ ${fmtDecimal(x)} ≤ ${fmtDecimal(highQ)}`,
      ),
      step(
        c.tr(
          'Look at the digit just after the rounding place: 5 or more rounds away from zero, less than 5 keeps it',
          'Tingnan ang digit pagkatapos ng rounding place: 5 pataas ay ni-round palayo sa zero, kulang sa 5 ay nananatili',
        ),
        `${fmtDecimal(x)} ≈ ${answer}`,
      ),
    ],
    concept: c.tr(
      'Find the place you are rounding to, then look only at the next digit to the right: 5 or more rounds up, otherwise round down.',
      'Hanapin ang place na pagra-roundan, saka tingnan lang ang kasunod na digit sa kanan: 5 pataas ay round up, kung hindi ay round down.',
    ),
    next: c.tr(
      'Underline the digit in the rounding place and look at the digit to its right.',
      'Salungguhitan ang digit sa rounding place at tingnan ang digit sa kanan nito.',
    ),
  };
});
