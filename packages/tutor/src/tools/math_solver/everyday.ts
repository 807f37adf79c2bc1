/**
 * Everyday school forms that name their operation in words: statistics of a list (mean, median, mode,
 * range), conversions between fractions, decimals and percents, the area and perimeter of rectangles,
 * squares and triangles, buying several items at one price (with change), and unit rates. English and
 * Filipino. Each family answers only when the text says which numbers play which part; a word problem it
 * cannot read that way is left to the others, and finally to the honest "unsupported" answer.
 */
import { asksForDifference, everyNumberUsedAnywhere } from './guards.ts';
import { fmtFrac, fmtNumber, type Q, q } from './num.ts';
import { type FamilySolver, type MathStep, type Solved, step } from './types.ts';

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const MONEY = String.raw`(?:₱|php\s*|p\s*)?`;

/** A value with a finite decimal expansion as a decimal (or a whole number), any other as a/b. */
const show = (x: Q) => fmtNumber(x, true);

// ---------------------------------------------------------------------------------------------- statistics

const STAT =
  /\b(mean|average|arithmetic\s+mean|karaniwang\s+halaga|karaniwan|median|panggitnang\s+halaga|panggitna|mode|moda|range)\b/;

/** Only a list after the word: numbers separated by commas, "and" or "at" (not a sentence with numbers). */
const LIST = new RegExp(
  String.raw`^[^\d-]*${NUM}(?:\s*(?:,|;|and|at|&)\s*(?:and\s+|at\s+)?${NUM})+\s*[?.!]?\s*$`,
);

const NUMBERS = new RegExp(NUM, 'g');

/** Mean, median, mode or range of the numbers listed after the word that asks for it. */
export const solveStatistics: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  const m = STAT.exec(lower);
  if (!m?.[1]) return null;
  const after = lower.slice(m.index + m[0].length);
  if (!LIST.test(after)) return null;
  const values = [...after.matchAll(NUMBERS)].map((x) => x[0]);
  const nums = values.map((v) => q(v));
  const word = m[1].replace(/\s+/g, ' ');
  const sorted = [...nums].sort((a, b) => a.compare(b));
  const ordered = step(
    c.tr(
      'Order the values from least to greatest',
      'Ayusin ang mga halaga mula pinakamaliit hanggang pinakamalaki',
    ),
    sorted.map(show).join(', '),
  );
  if (/mean|average|karaniwan/.test(word)) {
    const sum = nums.reduce((a, b) => a.add(b), q(0));
    const mean = sum.div(nums.length);
    return {
      kind: 'mean',
      answer: show(mean),
      steps: [
        step(
          c.tr('Add all the values', 'Pagsamahin ang lahat ng halaga'),
          `${values.join(' + ')} = ${show(sum)}`,
        ),
        step(
          c.tr(
            `Divide by how many values there are (${nums.length})`,
            `Hatiin sa dami ng halaga (${nums.length})`,
          ),
          `${show(sum)} ÷ ${nums.length} = ${show(mean)}`,
        ),
      ],
      concept: c.tr(
        'The mean (average) shares the total equally: add the values, then divide by how many there are.',
        'Pinaghahati-hati nang pantay ng mean (average) ang kabuuan: pagsamahin ang mga halaga, saka hatiin sa dami nila.',
      ),
    };
  }
  if (/median|panggitna/.test(word)) {
    const mid = Math.floor(sorted.length / 2);
    const odd = sorted.length % 2 === 1;
    const a = sorted[mid - 1] as Q;
    const b = sorted[mid] as Q;
    const median = odd ? b : a.add(b).div(2);
    const steps: MathStep[] = [
      ordered,
      odd
        ? step(c.tr('Take the middle value', 'Kunin ang nasa gitna'), show(median))
        : step(
            c.tr(
              'There are two middle values: take their average',
              'Dalawa ang nasa gitna: kunin ang average nila',
            ),
            `(${show(a)} + ${show(b)}) ÷ 2 = ${show(median)}`,
          ),
    ];
    return {
      kind: 'median',
      answer: show(median),
      steps,
      concept: c.tr(
        'The median is the middle value once the values are in order (the average of the two middle ones when the count is even).',
        'Ang median ang nasa gitna kapag nakaayos na ang mga halaga (ang average ng dalawang nasa gitna kapag even ang dami).',
      ),
    };
  }
  if (/mode|moda/.test(word)) {
    const counts = new Map<string, number>();
    for (const v of sorted) counts.set(show(v), (counts.get(show(v)) ?? 0) + 1);
    const most = Math.max(...counts.values());
    const modes = [...counts].filter(([, n]) => n === most).map(([v]) => v);
    const tally = step(
      c.tr('Count how often each value appears', 'Bilangin kung ilang beses lumabas ang bawat halaga'),
      [...counts].map(([v, n]) => `${v}: ${n}`).join(', '),
    );
    const concept = c.tr(
      'The mode is the value that appears most often.',
      'Ang mode ang halagang pinakamadalas lumabas.',
    );
    if (most === 1)
      return {
        kind: 'mode',
        answer: c.tr('no mode', 'walang mode'),
        steps: [tally],
        concept,
        message: c.tr(
          'Every value appears once, so there is no mode.',
          'Isang beses lang lumabas ang bawat halaga, kaya walang mode.',
        ),
      };
    return {
      kind: 'mode',
      answer: modes.join(', '),
      steps: [
        tally,
        step(
          c.tr(
            `Take the value(s) that appear most often (${most} times)`,
            `Kunin ang pinakamadalas lumabas (${most} beses)`,
          ),
          modes.join(', '),
        ),
      ],
      concept,
    };
  }
  const min = sorted[0] as Q;
  const max = sorted[sorted.length - 1] as Q;
  const range = max.sub(min);
  return {
    kind: 'range',
    answer: show(range),
    steps: [
      ordered,
      step(
        c.tr('Subtract the least from the greatest', 'Ibawas ang pinakamaliit sa pinakamalaki'),
        `${show(max)} - ${show(min)} = ${show(range)}`,
      ),
    ],
    concept: c.tr(
      'The range is how far apart the greatest and least values are.',
      'Ang range ang layo ng pinakamalaki at pinakamaliit na halaga.',
    ),
  };
});

// --------------------------------------------------------------------------------------------- conversions

const FRACTION = String.raw`-?\d+\/\d+`;
const DECIMAL = String.raw`-?\d*\.\d+`;
const AS = String.raw`\s+(?:as|to|into|in|bilang|sa|(?:na\s+)?(?:ginawang|ginawa\s+na|gawing)|na)\s+(?:a\s+|an\s+|isang\s+)?`;
const MAKE =
  '(?:convert|change|write|express|rewrite|gawing|gawin|isulat|i-convert|iconvert|ipahayag|palitan)';

/** The target of "X as a T" or "gawing T ang X" / "convert X to T", with X matching `value`. */
function conversion(lower: string, value: string, target: string): string | null {
  const m =
    new RegExp(String.raw`(${value})${AS}(?:${target})\b`).exec(lower) ??
    new RegExp(String.raw`${MAKE}\s+(?:na\s+|bilang\s+)?(?:${target})\s+(?:ang\s+)?(${value})`).exec(lower);
  return m?.[1] ?? null;
}

/** Decimal digits of a fraction by long division: the repeating part marked with a bar (0.1\u03056 = 0.1666…). */
function longDivision(x: Q): string {
  const sign = x.s < 0n ? '-' : '';
  const whole = x.n / x.d;
  let r = x.n % x.d;
  const digits: string[] = [];
  const seen = new Map<bigint, number>();
  while (r !== 0n && !seen.has(r) && digits.length < 60) {
    seen.set(r, digits.length);
    r *= 10n;
    digits.push((r / x.d).toString());
    r %= x.d;
  }
  if (r === 0n) return `${sign}${whole}${digits.length ? `.${digits.join('')}` : ''}`;
  const start = seen.get(r) ?? digits.length;
  const repeat = digits
    .slice(start)
    .map((d) => `${d}\u0305`)
    .join('');
  return `${sign}${whole}.${digits.slice(0, start).join('')}${repeat}`;
}

/** Fractions, decimals and percents written as one another ("3/8 as a decimal", "gawing porsyento ang 0.25"). */
export const solveNumberForms: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/decimal|fraction|percent|porsyento|porsiyento|bahagdan/.test(lower)) return null;
  const percentWord = 'percent|percentage|porsyento|porsiyento|bahagdan';
  // P% as a decimal or a fraction
  const pm =
    new RegExp(String.raw`(?<pct>${NUM})\s*%${AS}(?<target>decimal|fraction)\b`).exec(lower) ??
    new RegExp(
      String.raw`${MAKE}\s+(?:na\s+|bilang\s+)?(?<target>decimal|fraction)\s+(?:ang\s+)?(?<pct>${NUM})\s*%`,
    ).exec(lower);
  const pct = pm?.groups?.pct;
  const target = pm?.groups?.target;
  if (pct && target) {
    const v = q(pct).div(100);
    const asDecimal = target === 'decimal';
    const answer = asDecimal ? longDivision(v) : fmtFrac(v);
    return {
      kind: 'percent_conversion',
      answer,
      steps: [
        step(
          c.tr(
            'Percent means per hundred: write it over 100',
            'Ang porsyento ay bawat sandaan: isulat ito sa ibabaw ng 100',
          ),
          `${pct}% = ${pct}/100`,
        ),
        asDecimal
          ? step(
              c.tr(
                'Divide by 100: move the decimal point two places left',
                'Hatiin sa 100: ilipat ang decimal point nang dalawang puwesto pakaliwa',
              ),
              `${pct} ÷ 100 = ${answer}`,
            )
          : step(
              c.tr('Write the fraction in lowest terms', 'Isulat ang fraction sa pinakapayak na anyo'),
              `${pct}/100 = ${answer}`,
            ),
      ],
      concept: c.tr(
        'p% is p out of 100, that is p ÷ 100.',
        'Ang p% ay p sa bawat 100, ibig sabihin p ÷ 100.',
      ),
    };
  }
  // a fraction or a decimal as a percent
  const toPercent = conversion(lower, `${FRACTION}|${DECIMAL}|${NUM}`, percentWord);
  if (toPercent) {
    const v = q(toPercent).mul(100);
    const answer = longDivision(v);
    return {
      kind: 'percent_conversion',
      answer,
      steps: [
        step(
          c.tr('Multiply by 100 to count hundredths', 'I-multiply sa 100 para mabilang ang bawat sandaan'),
          `${toPercent} × 100 = ${answer}`,
        ),
        step(c.tr('Write it with the percent sign', 'Isulat ito na may tandang porsyento'), `${answer}%`),
      ],
      concept: c.tr(
        'A percent counts hundredths: multiply by 100.',
        'Binibilang ng porsyento ang bawat sandaan: i-multiply sa 100.',
      ),
    };
  }
  // a fraction as a decimal
  const toDecimal = conversion(lower, FRACTION, 'decimal');
  if (toDecimal) {
    const answer = longDivision(q(toDecimal));
    const repeating = answer.includes('\u0305');
    return {
      kind: 'fraction_to_decimal',
      answer,
      steps: [
        step(
          c.tr(
            'A fraction is a division: numerator ÷ denominator',
            'Ang fraction ay paghahati: numerator ÷ denominator',
          ),
          toDecimal.replace('/', ' ÷ '),
        ),
        step(
          repeating
            ? c.tr(
                'Divide; the digits under the bar repeat forever',
                'Hatiin; paulit-ulit magpakailanman ang mga digit na may guhit sa itaas',
              )
            : c.tr('Divide until the remainder is 0', 'Hatiin hanggang 0 ang remainder'),
          `${toDecimal.replace('/', ' ÷ ')} = ${answer}`,
        ),
      ],
      concept: c.tr(
        'The fraction bar means "divided by".',
        'Ang guhit ng fraction ay nangangahulugang "hinati sa".',
      ),
      ...(repeating
        ? {
            message: c.tr(
              'A repeating decimal: the digits with a bar repeat.',
              'Paulit-ulit na decimal: umuulit ang mga digit na may guhit.',
            ),
          }
        : {}),
    };
  }
  // a decimal as a fraction
  const toFraction = conversion(lower, DECIMAL, 'fraction');
  if (toFraction) {
    const places = toFraction.split('.')[1]?.length ?? 0;
    const scale = 10n ** BigInt(places);
    const over = `${toFraction.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1')}/${scale}`;
    const answer = fmtFrac(q(toFraction));
    return {
      kind: 'decimal_to_fraction',
      answer,
      steps: [
        step(
          c.tr(
            `Read the digits as ${places} decimal place(s): over ${scale}`,
            `Basahin ang ${places} decimal place: sa ibabaw ng ${scale}`,
          ),
          `${toFraction} = ${over}`,
        ),
        step(c.tr('Write it in lowest terms', 'Isulat sa pinakapayak na anyo'), `${over} = ${answer}`),
      ],
      concept: c.tr(
        'Each decimal place is a power of ten: tenths, hundredths, thousandths.',
        'Ang bawat decimal place ay power ng sampu: ikasampu, ikasandaan, ikasanlibo.',
      ),
    };
  }
  return null;
});

// ---------------------------------------------------------------------------------------------- geometry

const UNIT = String.raw`(?:\s*(mm|cm|m|km|in|ft|yd|metro|sentimetro|milimetro))?`;

/** The number named by one of `words` ("length 8 cm", "haba na 8", "8 cm ang haba"), with its unit. */
function measure(lower: string, words: string): { value: string; unit: string } | null {
  const m =
    new RegExp(
      String.raw`\b(?:${words})\b\s*(?:of\s+|na\s+|ng\s+|is\s+|are\s+|measures?\s+|equal\s+to\s+|ay\s+|ang\s+|=\s*|:\s*)*(${NUM})${UNIT}`,
    ).exec(lower) ??
    new RegExp(String.raw`(${NUM})${UNIT}\s+(?:ang\s+|na\s+|in\s+)?(?:${words})\b`).exec(lower);
  if (!m?.[1]) return null;
  return { value: m[1], unit: m[2] ?? '' };
}

const SHAPES: [shape: 'rectangle' | 'square' | 'triangle', words: string][] = [
  ['rectangle', 'rectangle|rectangular|parihaba|parihabang|rektanggulo'],
  ['square', 'square|parisukat|kuwadrado'],
  ['triangle', 'triangle|tatsulok|trianggulo'],
];

/** "Square" before a unit, or "kuwadrado" after one, names an area unit, not the shape: "2435 square feet". */
const SQUARE_UNIT =
  /\bsquare\s+(units?|feet|foot|ft|inch(?:es)?|in|yards?|yd|miles?|mi|meters?|metres?|m|centimeters?|centimetres?|cm|millimeters?|mm|kilometers?|km|blocks?)\b|\b(metro|sentimetro|milimetro|kilometro)\s+(?:kuwadrado|kwadrado)\b/g;

/** Area and perimeter of a rectangle, a square or a triangle from its named dimensions. */
export const solveGeometry: FamilySolver = everyNumberUsedAnywhere((_norm, text, c) => {
  const lower = text.replace(
    SQUARE_UNIT,
    (_m, en: string | undefined, fil: string | undefined) => en ?? fil ?? '',
  );
  const wantsArea = /\b(?:area|lawak|sukat\s+ng\s+lawak)\b/.test(lower);
  const wantsPerimeter = /\b(?:perimeter|perimetro|paligid|sukat\s+ng\s+paligid)\b/.test(lower);
  if (wantsArea === wantsPerimeter) return null;
  const shape = SHAPES.find(([, words]) => new RegExp(String.raw`\b(?:${words})\b`).test(lower))?.[0];
  if (!shape) return null;
  const kind = wantsArea ? 'area' : 'perimeter';
  const letter = wantsArea ? 'A' : 'P';
  const concept = wantsArea
    ? c.tr(
        'Area counts the unit squares that cover a shape.',
        'Binibilang ng area ang mga unit square na tumatakip sa hugis.',
      )
    : c.tr(
        'Perimeter is the distance around a shape: add its sides.',
        'Ang perimeter ang layo sa paligid ng hugis: pagsamahin ang mga gilid nito.',
      );
  /** The formula with the numbers put in, then the value with its unit (squared for an area). */
  const solved = (rule: string, filled: string, work: string, value: Q, unit: string): Solved => {
    const v = show(value);
    const shown = unit ? `${v} ${unit}${wantsArea ? '²' : ''}` : v;
    return {
      kind,
      answer: v,
      steps: [step(rule, `${letter} = ${filled}`), step(work, `${letter} = ${shown}`)],
      concept,
    };
  };
  const multiply = c.tr('Multiply', 'I-multiply');
  if (shape === 'rectangle') {
    let l = measure(lower, 'length|long|haba|mahaba');
    let w = measure(lower, 'width|wide|breadth|lapad|malapad');
    const by = new RegExp(String.raw`(${NUM})${UNIT}\s*(?:by|x|×|por)\s*(${NUM})${UNIT}`).exec(lower);
    if ((!l || !w) && by?.[1] && by[3]) {
      l = { value: by[1], unit: by[2] ?? '' };
      w = { value: by[3], unit: by[4] ?? '' };
    }
    if (!l || !w) return null;
    const unit = l.unit || w.unit;
    return wantsArea
      ? solved(
          c.tr('Area of a rectangle = length × width', 'Area ng parihaba = haba × lapad'),
          `${l.value} × ${w.value}`,
          multiply,
          q(l.value).mul(q(w.value)),
          unit,
        )
      : solved(
          c.tr(
            'Perimeter of a rectangle = 2 × (length + width)',
            'Perimeter ng parihaba = 2 × (haba + lapad)',
          ),
          `2 × (${l.value} + ${w.value})`,
          c.tr('Add, then double', 'Pagsamahin, saka doblehin'),
          q(l.value).add(q(w.value)).mul(2),
          unit,
        );
  }
  if (shape === 'square') {
    const side = measure(lower, 'side|sides|gilid|panig') ?? measure(lower, 'square|parisukat|kuwadrado');
    if (!side) return null;
    return wantsArea
      ? solved(
          c.tr('Area of a square = side × side', 'Area ng parisukat = gilid × gilid'),
          `${side.value} × ${side.value}`,
          multiply,
          q(side.value).mul(q(side.value)),
          side.unit,
        )
      : solved(
          c.tr(
            'A square has 4 equal sides: perimeter = 4 × side',
            'May 4 na magkakapantay na gilid ang parisukat: perimeter = 4 × gilid',
          ),
          `4 × ${side.value}`,
          multiply,
          q(side.value).mul(4),
          side.unit,
        );
  }
  if (wantsArea) {
    const b = measure(lower, 'base|batayan');
    const h = measure(lower, 'height|altitude|taas|mataas');
    if (!b || !h) return null;
    return solved(
      c.tr('Area of a triangle = base × height ÷ 2', 'Area ng tatsulok = batayan × taas ÷ 2'),
      `${b.value} × ${h.value} ÷ 2`,
      c.tr('Multiply, then halve', 'I-multiply, saka hatiin sa 2'),
      q(b.value).mul(q(h.value)).div(2),
      b.unit || h.unit,
    );
  }
  const sides = new RegExp(
    String.raw`\b(?:sides|gilid|panig)\b[^\d-]*(${NUM})${UNIT}\s*,?\s*(${NUM})${UNIT}\s*,?\s*(?:and|at|&)?\s*(${NUM})${UNIT}`,
  ).exec(lower);
  if (!sides?.[1] || !sides[3] || !sides[5]) return null;
  return solved(
    c.tr(
      'Perimeter of a triangle = the sum of its three sides',
      'Perimeter ng tatsulok = kabuuan ng tatlong gilid nito',
    ),
    `${sides[1]} + ${sides[3]} + ${sides[5]}`,
    c.tr('Add', 'Pagsamahin'),
    q(sides[1]).add(q(sides[3])).add(q(sides[5])),
    sides[2] ?? sides[4] ?? sides[6] ?? '',
  );
});

// ------------------------------------------------------------------------------------- buying and rates

/** "4 na lapis na tig-12 piso" / "3 notebooks at 45 pesos each" → [count, price each]. */
function itemsAtPrice(lower: string): [string, string] | null {
  const items = String.raw`(?:[\p{L}-]+\s+){0,3}?`;
  const fil = new RegExp(
    String.raw`(\d+)\s+(?:na\s+|ng\s+|pirasong\s+|piraso\s+ng\s+)?${items}(?:na\s+)?tig-?\s*${MONEY}(\d+(?:\.\d+)?)`,
    'u',
  ).exec(lower);
  if (fil?.[1] && fil[2]) return [fil[1], fil[2]];
  const en = new RegExp(
    String.raw`(\d+)\s+${items}(?:at|for|@|costing)\s+${MONEY}(\d+(?:\.\d+)?)\s*(?:pesos?|piso)?\s*(?:each|apiece|a\s+piece|per\s+(?:piece|item|[\p{L}]+))`,
    'u',
  ).exec(lower);
  if (en?.[1] && en[2]) return [en[1], en[2]];
  return null;
}

/** Buying several items at one price: the total, or the change from what was paid. */
export const solvePurchase: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/tig-|\beach\b|apiece|a\s+piece|\bper\s/.test(lower)) return null;
  const bought = itemsAtPrice(lower);
  if (!bought) return null;
  const [count, price] = bought;
  const total = q(count).mul(q(price));
  const steps: MathStep[] = [
    step(
      c.tr(
        'Total cost = number of items × price of each',
        'Kabuuang halaga = dami ng item × presyo ng bawat isa',
      ),
      `${count} × ${price} = ${show(total)}`,
    ),
  ];
  const concept = c.tr(
    'Buying several of the same item is repeated addition: multiply the count by the price of one.',
    'Ang pagbili ng maraming parehong item ay paulit-ulit na pagdaragdag: i-multiply ang dami sa presyo ng isa.',
  );
  const asksChange = /\b(?:change|sukli)\b/.test(lower);
  const paid = new RegExp(
    String.raw`\b(?:paid|pays|pay|gave|hands?|nagbayad|nagbigay|binayaran|ibinayad|iniabot|nag-abot)\b\s+(?:with\s+|siya\s+ng\s+|ka\s+ng\s+|ng\s+|the\s+cashier\s+|a\s+)*${MONEY}(\d+(?:\.\d+)?)`,
  ).exec(lower);
  if (asksChange) {
    if (!paid?.[1]) return null;
    const change = q(paid[1]).sub(total);
    if (change.s < 0n) return null;
    steps.push(
      step(
        c.tr('Change = amount paid − total cost', 'Sukli = ibinayad − kabuuang halaga'),
        `${paid[1]} - ${show(total)} = ${show(change)}`,
      ),
    );
    return { kind: 'word_problem', answer: show(change), steps, concept };
  }
  if (
    !/\b(?:how\s+much|total|in\s+all|altogether|magkano|kabuuan|lahat|babayaran)\b/.test(lower) ||
    asksForDifference(lower)
  )
    return null;
  return { kind: 'word_problem', answer: show(total), steps, concept };
});

/** "If 3 pens cost 36 pesos, how much do 5 pens cost?" / "Kung ₱36 ang 3 lapis, magkano ang 5?" */
export const solveUnitRate: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/\b(?:if|kung)\b/.test(lower) || !/\b(?:how\s+much|magkano)\b/.test(lower)) return null;
  const known =
    new RegExp(
      String.raw`\b(?:if|kung)\s+(?:ang\s+)?(?<count>\d+(?:\.\d+)?)\s+(?:na\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s+(?:cost|costs|is|are|ay|nagkakahalaga\s+ng|ay\s+nagkakahalaga\s+ng|=)\s+${MONEY}(?<cost>\d+(?:\.\d+)?)`,
      'u',
    ).exec(lower) ??
    new RegExp(
      String.raw`\b(?:if|kung)\s+${MONEY}(?<cost>\d+(?:\.\d+)?)\s*(?:pesos?|piso)?\s+(?:ang|for|is\s+the\s+price\s+of)\s+(?<count>\d+(?:\.\d+)?)\b`,
      'u',
    ).exec(lower);
  const n1 = known?.groups?.count;
  const cost = known?.groups?.cost;
  if (!known || !n1 || !cost) return null;
  const rest = lower.slice(known.index + known[0].length);
  const ask = /\b(?:how\s+much|magkano)\b[^\d]*(\d+(?:\.\d+)?)/.exec(rest);
  if (!ask?.[1]) return null;
  const n2 = ask[1];
  if (q(n1).equals(0)) return null;
  const each = q(cost).div(q(n1));
  const total = each.mul(q(n2));
  return {
    kind: 'unit_rate',
    answer: show(total),
    steps: [
      step(
        c.tr(
          'Find the price of one: divide the cost by the count',
          'Hanapin ang presyo ng isa: hatiin ang halaga sa dami',
        ),
        `${cost} ÷ ${n1} = ${show(each)}`,
      ),
      step(c.tr(`Multiply by ${n2}`, `I-multiply sa ${n2}`), `${show(each)} × ${n2} = ${show(total)}`),
    ],
    concept: c.tr(
      'Find the rate for one (the unit rate), then scale it to the amount asked.',
      'Hanapin ang halaga para sa isa (unit rate), saka palakihin ito sa dami na itinatanong.',
    ),
  };
});
