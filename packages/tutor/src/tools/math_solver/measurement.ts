import {
  asksForDifference,
  countNumbers,
  everyNumberUsedAnywhere,
  questionOf,
  repeatsUnasked,
} from './guards.ts';
import {
  fmtDecimal,
  fmtFrac,
  fmtNumber,
  parseNumber,
  type Q,
  q,
  wordsToFraction,
  wordsToNumber,
} from './num.ts';
import { type FamilySolver, type MathStep, type SolveCtx, type Solved, step } from './types.ts';

interface Unit {
  id: string;
  dim: 'length' | 'mass' | 'volume' | 'time' | 'calendar';
  /** size in the dimension's base unit (m, g, l, s, month) */
  f: Q;
  en: string;
  fil: string;
}

const U = (id: string, dim: Unit['dim'], f: Q, en: string, fil: string): Unit => ({ id, dim, f, en, fil });
const P = (e: number) => (e >= 0 ? q(10n ** BigInt(e)) : q(1, 10n ** BigInt(-e)));

const UNITS: Unit[] = [
  U('nm', 'length', P(-9), 'nanometers', 'nanometro'),
  U('um', 'length', P(-6), 'micrometers', 'micrometro'),
  U('mm', 'length', P(-3), 'millimeters', 'milimetro'),
  U('cm', 'length', P(-2), 'centimeters', 'sentimetro'),
  U('dm', 'length', P(-1), 'decimeters', 'desimetro'),
  U('m', 'length', P(0), 'meters', 'metro'),
  U('km', 'length', P(3), 'kilometers', 'kilometro'),
  U('in', 'length', q('0.0254'), 'inches', 'pulgada'),
  U('ft', 'length', q('0.3048'), 'feet', 'talampakan'),
  U('yd', 'length', q('0.9144'), 'yards', 'yarda'),
  U('mi', 'length', q('1609.344'), 'miles', 'milya'),
  U('ng', 'mass', P(-9), 'nanograms', 'nanogramo'),
  U('ug', 'mass', P(-6), 'micrograms', 'microgramo'),
  U('mg', 'mass', P(-3), 'milligrams', 'miligramo'),
  U('g', 'mass', P(0), 'grams', 'gramo'),
  U('kg', 'mass', P(3), 'kilograms', 'kilo'),
  U('t', 'mass', P(6), 'tonnes', 'tonelada'),
  U('lb', 'mass', q('453.59237'), 'pounds', 'libra'),
  U('oz', 'mass', q('28.349523125'), 'ounces', 'onsa'),
  U('ml', 'volume', P(-3), 'millilitres', 'mililitro'),
  U('cl', 'volume', P(-2), 'centilitres', 'sentilitro'),
  U('l', 'volume', P(0), 'litres', 'litro'),
  U('kl', 'volume', P(3), 'kilolitres', 'kilolitro'),
  U('ns', 'time', P(-9), 'nanoseconds', 'nanosegundo'),
  U('us', 'time', P(-6), 'microseconds', 'microsegundo'),
  U('ms', 'time', P(-3), 'milliseconds', 'milisegundo'),
  U('s', 'time', P(0), 'seconds', 'segundo'),
  U('min', 'time', q(60), 'minutes', 'minuto'),
  U('h', 'time', q(3600), 'hours', 'oras'),
  U('day', 'time', q(86400), 'days', 'araw'),
  U('week', 'time', q(604800), 'weeks', 'linggo'),
  U('month', 'calendar', q(1), 'months', 'buwan'),
  U('year', 'calendar', q(12), 'years', 'taon'),
  U('decade', 'calendar', q(120), 'decades', 'dekada'),
  U('century', 'calendar', q(1200), 'centuries', 'siglo'),
  U('millennium', 'calendar', q(12000), 'millennia', 'milenyo'),
];

const BY_ID = new Map(UNITS.map((u) => [u.id, u]));

/** Spellings → unit id. Single letters only count right after a number (see below). */
const NAMES: [string, string][] = [];
function names(id: string, ...ns: string[]) {
  for (const n of ns) NAMES.push([n, id]);
}
names('nm', 'nanometers', 'nanometer', 'nanometres', 'nanometre', 'nanometro', 'nm');
names(
  'um',
  'micrometers',
  'micrometer',
  'micrometres',
  'micrometre',
  'micrometro',
  'microns',
  'micron',
  'um',
  'µm',
  'μm',
);
names('mm', 'millimeters', 'millimeter', 'millimetres', 'millimetre', 'milimetro', 'mm');
names('cm', 'centimeters', 'centimeter', 'centimetres', 'centimetre', 'sentimetro', 'sentimeters', 'cm');
names('dm', 'decimeters', 'decimeter', 'decimetres', 'decimetre', 'desimetro', 'dm');
names('m', 'meters', 'meter', 'metres', 'metre', 'metro', 'm');
names('km', 'kilometers', 'kilometer', 'kilometres', 'kilometre', 'kilometro', 'km');
names('in', 'inches', 'inch', 'pulgada');
names('ft', 'feet', 'foot', 'talampakan', 'ft');
names('yd', 'yards', 'yard', 'yarda', 'yd');
names('mi', 'miles', 'mile', 'milya');
names('ng', 'nanograms', 'nanogram', 'nanogramo', 'ng');
names('ug', 'micrograms', 'microgram', 'microgramo', 'mikrogramo', 'ug', 'µg', 'μg', 'mcg');
names('mg', 'milligrams', 'milligram', 'miligramo', 'mg');
names('g', 'grams', 'gram', 'gramo', 'g');
names('kg', 'kilograms', 'kilogram', 'kilogramo', 'kilos', 'kilo', 'kg');
names('t', 'tonnes', 'tonne', 'tons', 'ton', 'tonelada', 't');
names('lb', 'pounds', 'pound', 'libra', 'lbs', 'lb');
names('oz', 'ounces', 'ounce', 'onsa', 'oz');
names('ml', 'millilitres', 'millilitre', 'milliliters', 'milliliter', 'mililitro', 'ml');
names('cl', 'centilitres', 'centilitre', 'centiliters', 'centiliter', 'cl');
names('l', 'litres', 'litre', 'liters', 'liter', 'litro', 'l');
names('kl', 'kilolitres', 'kilolitre', 'kiloliters', 'kiloliter', 'kl');
names('ns', 'nanoseconds', 'nanosecond', 'nanosegundo', 'ns');
names('us', 'microseconds', 'microsecond', 'microsegundo', 'us', 'µs', 'μs');
names('ms', 'milliseconds', 'millisecond', 'milisegundo', 'ms');
names('s', 'seconds', 'second', 'segundo', 'secs', 'sec', 's');
names('min', 'minutes', 'minute', 'minuto', 'mins', 'min');
names('h', 'hours', 'hour', 'oras', 'hrs', 'hr', 'h');
names('day', 'days', 'day', 'araw');
names('week', 'weeks', 'week', 'linggo');
names('month', 'months', 'month', 'buwan');
names('year', 'years', 'year', 'taon', 'yrs', 'yr');
names('decade', 'decades', 'decade', 'dekada');
names('century', 'centuries', 'century', 'siglo');
names('millennium', 'millennia', 'millenniums', 'millennium', 'milenyo', 'milenya');

const NAME_MAP = new Map(NAMES);
const NAME_RE = new RegExp(
  String.raw`(?<![\p{L}])(${[...NAME_MAP.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\p{L}])`,
  'gu',
);

interface Mention {
  id: string;
  index: number;
  end: number;
  text: string;
}

function mentions(lower: string): Mention[] {
  const out: Mention[] = [];
  for (const m of lower.matchAll(NAME_RE)) {
    const text = m[1] ?? '';
    const id = NAME_MAP.get(text);
    if (!id) continue;
    const before = lower.slice(0, m.index);
    // short abbreviations must follow a number or a conversion word, so "a", "in", "s" in prose don't count
    if (
      text.length <= 2 &&
      !/\d\s?$/.test(before) &&
      !/\b(to|in|into|sa|ng|of|na|a|an|isang|many|much|ilang|ilan)\s+$/.test(before)
    )
      continue;
    // Filipino "ng" is a particle, not nanograms, unless glued to a number ("5ng")
    if (text === 'ng' && !/\d$/.test(before)) continue;
    if (text.length === 1 && !/\d\s?$/.test(before) && !/\b(to|into|sa)\s+$/.test(before)) continue;
    out.push({ id, index: m.index ?? 0, end: (m.index ?? 0) + text.length, text });
  }
  return out;
}

function factorBetween(from: Unit, to: Unit): { f: Q; note?: string } | null {
  if (from.dim === to.dim) return { f: from.f.div(to.f) };
  const time = new Set(['time', 'calendar']);
  if (time.has(from.dim) && time.has(to.dim)) {
    // calendar ↔ clock: 1 month = 30 days (when months are involved), 1 year = 365 days
    const monthSec = from.id === 'month' || to.id === 'month' ? q(30 * 86400) : q(365 * 86400).div(12);
    const fs = from.dim === 'time' ? from.f : from.f.mul(monthSec);
    const ts = to.dim === 'time' ? to.f : to.f.mul(monthSec);
    return { f: fs.div(ts), note: 'calendar' };
  }
  return null;
}

/** "seven quarters of a millennium", "6/5 of a litre", "2224.838ml", "3 metro" */
function quantityBefore(lower: string, m: Mention): { value: Q; text: string } | null {
  const before = lower.slice(0, m.index);
  let r = /(-?\d+(?:\.\d+)?)\s*\/\s*(\d+)\s+(?:of\s+an?|ng\s+isang|ng)\s+$/.exec(before);
  if (r?.[1] && r[2]) return { value: q(BigInt(r[1]), BigInt(r[2])), text: `${r[1]}/${r[2]}` };
  r = /((?:[a-z]+[\s-])*[a-z]+)\s+(?:of\s+an?|ng\s+isang)\s+$/.exec(before);
  if (r?.[1]) {
    const words = r[1].split(/\s+/);
    for (let k = Math.min(words.length, 4); k >= 1; k--) {
      const phrase = words.slice(-k).join(' ');
      const v = wordsToFraction(phrase);
      if (v) return { value: v, text: phrase };
    }
    const last = words[words.length - 1] ?? '';
    const v = wordsToFraction(`one ${last}`);
    if (v && /^(half|third|quarter|fourth|fifth|tenth)$/.test(last)) return { value: v, text: last };
  }
  r = /(-?\d+(?:\.\d+)?(?:\s*\/\s*\d+)?)\s*$/.exec(before);
  if (r?.[1]) {
    const v = parseNumber(r[1].replace(/\s+/g, ''));
    if (v) return { value: v, text: r[1] };
  }
  r = /([a-z]+(?:[\s-][a-z]+)*)\s+$/.exec(before);
  if (r?.[1]) {
    const words = r[1].split(/\s+/);
    for (let k = Math.min(words.length, 3); k >= 1; k--) {
      const n = wordsToNumber(words.slice(-k).join(' '));
      if (n !== null && !/^(a|an|isang|na)$/.test(words.slice(-k).join(' ')))
        return { value: q(n), text: words.slice(-k).join(' ') };
    }
  }
  return null;
}

type Quantity = { value: Q; text: string } | null;

/** "2 hours 30 minutes in minutes": every quantity converted to the one unit without a number, then added. */
function compoundConversion(ms: Mention[], quantities: Map<Mention, Quantity>, c: SolveCtx): Solved | null {
  const parts = ms.flatMap((m) => {
    const v = quantities.get(m);
    const unit = BY_ID.get(m.id);
    return v && unit ? [{ v, unit }] : [];
  });
  const targets = ms.filter((m) => !quantities.get(m));
  const to = targets.length === 1 && targets[0] ? BY_ID.get(targets[0].id) : undefined;
  if (parts.length < 2 || !to || new Set(parts.map((p) => p.unit.id)).size !== parts.length) return null;
  const converted = parts.flatMap((p) => {
    const fb = factorBetween(p.unit, to);
    return fb && !fb.note ? [{ ...p, f: fb.f }] : [];
  });
  if (converted.length !== parts.length) return null;
  const show = (x: Q) => fmtNumber(x, true);
  let total = q(0);
  const steps: MathStep[] = converted.map((p) => {
    const value = p.v.value.mul(p.f);
    total = total.add(value);
    return step(
      c.tr(`Write ${p.v.text} ${p.unit.id} in ${to.id}`, `Isulat ang ${p.v.text} ${p.unit.id} sa ${to.id}`),
      `${show(p.v.value)} ${p.unit.id} = ${show(value)} ${to.id}`,
    );
  });
  steps.push(step(c.tr('Add the parts', 'Pagsamahin ang mga bahagi'), `${show(total)} ${to.id}`));
  return {
    kind: 'unit_conversion',
    answer: show(total),
    steps,
    concept: c.tr(
      'Write every part in the same unit, then add.',
      'Isulat ang bawat bahagi sa iisang unit, saka pagsamahin.',
    ),
  };
}

/** Words that put the unit asked for right before it: "how many minutes", "in minutes", "to grams", "ilang gramo". */
const UNIT_ASKED =
  /(?:\bhow\s+many|\bhow\s+much|\bilang|\bilan|\bin|\bto|\binto|\bsa|\bas)\s+(?:na\s+|mga\s+|the\s+)?$/;

/**
 * A conversion answers only the question it is asked: the quantities converted are every number of the text
 * and stand together ("2 hours 30 minutes"), and the unit asked for is what the question counts. So "Tom reads
 * 2 books a day. How many in one week?", "12 months in a year … in 8 years" and "5 minutes … 45 seconds. How
 * many seconds remained?" are not conversions.
 */
function asksConversion(
  lower: string,
  parts: Mention[],
  quantities: Map<Mention, Quantity>,
  to: Mention,
): boolean {
  let rest = lower;
  let previousEnd = -1;
  for (const m of [...parts].sort((a, b) => a.index - b.index)) {
    const qty = quantities.get(m);
    const at = qty ? lower.lastIndexOf(qty.text, m.index) : -1;
    if (at < 0) return false;
    if (previousEnd >= 0 && !/^[\s,]*(?:and|at)?\s*$/.test(lower.slice(previousEnd, at))) return false;
    rest = `${rest.slice(0, at)}${' '.repeat(m.end - at)}${rest.slice(m.end)}`;
    previousEnd = m.end;
  }
  return (
    countNumbers(rest) === 0 &&
    UNIT_ASKED.test(lower.slice(0, to.index)) &&
    !repeatsUnasked(lower) &&
    !asksForDifference(lower)
  );
}

export const solveConversion: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  const ms = mentions(lower);
  if (ms.length < 2) return null;
  const quantities = new Map(ms.map((m) => [m, quantityBefore(lower, m)]));
  const compound = compoundConversion(ms, quantities, c);
  const target = ms.find((m) => !quantities.get(m));
  // A unit the conversion does not use ("… in a week" after "90 minutes … how many hours") is another
  // quantity of the problem: not a conversion.
  if (ms.filter((m) => !quantities.get(m)).length > 1) return null;
  if (compound && target)
    return asksConversion(
      lower,
      ms.filter((m) => quantities.get(m)),
      quantities,
      target,
    )
      ? compound
      : null;
  let found: {
    from: Unit;
    to: Unit;
    qty: { value: Q; text: string };
    fb: { f: Q; note?: string };
    asked: boolean;
  } | null = null;
  for (const m of ms) {
    const v = quantities.get(m);
    const from = BY_ID.get(m.id);
    if (!v || !from) continue;
    for (const d of ms) {
      const to = BY_ID.get(d.id);
      // A unit with a number of its own is another quantity, not the unit asked for.
      if (d === m || !to || d.id === m.id || quantities.get(d)) continue;
      const fb = factorBetween(from, to);
      if (fb) {
        found = { from, to, qty: v, fb, asked: asksConversion(lower, [m], quantities, d) };
        break;
      }
    }
    if (found) break;
  }
  if (!found?.asked) return null;
  const { from, to, qty, fb } = found;
  const value = qty.value.mul(fb.f);
  const answer = fmtDecimal(value) ?? fmtFrac(value);
  const name = (u: Unit) => (c.loc === 'fil' ? u.fil : u.en);
  const qv = fmtDecimal(qty.value) ?? fmtFrac(qty.value);
  const fStr = fmtDecimal(fb.f) ?? fmtFrac(fb.f);
  const steps: MathStep[] = [];
  if (qty.text.replace(/\s+/g, '') !== qv)
    steps.push(
      step(
        c.tr(`Write "${qty.text}" as a number`, `Isulat ang "${qty.text}" bilang numero`),
        `${qty.text} = ${/^-?\d/.test(qty.text) ? qv : fmtFrac(qty.value)}`,
      ),
    );
  const big = fb.f.compare(1) >= 0;
  steps.push(
    step(
      c.tr(
        `Conversion factor: 1 ${from.id} = ${fStr} ${to.id}${fb.note ? ' (using 1 month = 30 days, 1 year = 365 days)' : ''}`,
        `Conversion factor: 1 ${from.id} = ${fStr} ${to.id}${fb.note ? ' (gamit ang 1 buwan = 30 araw, 1 taon = 365 araw)' : ''}`,
      ),
      `1 ${from.id} = ${fStr} ${to.id}`,
    ),
  );
  steps.push(
    step(
      big
        ? c.tr(
            `Going to a smaller unit, so multiply by ${fStr}`,
            `Papunta sa mas maliit na unit kaya i-multiply sa ${fStr}`,
          )
        : c.tr(
            `Going to a larger unit, so divide by ${fmtDecimal(q(1).div(fb.f)) ?? fmtFrac(q(1).div(fb.f))}`,
            `Papunta sa mas malaking unit kaya hatiin sa ${fmtDecimal(q(1).div(fb.f)) ?? fmtFrac(q(1).div(fb.f))}`,
          ),
      `${qv} ${from.id} × ${fStr} = ${answer} ${to.id}`,
    ),
  );
  return {
    kind: 'unit_conversion',
    answer,
    steps,
    concept: c.tr(
      `Find how many ${name(to)} make one ${from.id === 'millennium' ? 'millennium' : name(from).replace(/s$/, '')}, then scale: bigger unit → smaller unit means multiply.`,
      `Alamin kung ilang ${name(to)} ang isang ${name(from)}, saka i-scale: mula malaking unit papunta sa maliit ay multiply.`,
    ),
    next: c.tr(
      `Write the conversion factor between ${name(from)} and ${name(to)}.`,
      `Isulat ang conversion factor mula ${name(from)} papuntang ${name(to)}.`,
    ),
  };
});

// ---------------- clock arithmetic ----------------

const TIME_RE =
  /\b(\d{1,2}):(\d{2})\s*(a\.?m\.?|p\.?m\.?|n\.?u\.?|n\.?h\.?|n\.?t\.?|ng\s+umaga|ng\s+hapon|ng\s+gabi|ng\s+tanghali|ng\s+madaling[-\s]araw)?/gi;

interface Clock {
  minutes: number;
  twelve: boolean;
}

function parseTimes(lower: string): Clock[] {
  const out: Clock[] = [];
  for (const m of lower.matchAll(TIME_RE)) {
    let h = Number(m[1]);
    const min = Number(m[2]);
    const suf = (m[3] ?? '').replace(/[.\s]/g, '');
    if (min > 59) continue;
    if (suf) {
      if (h < 1 || h > 12) continue;
      const pm =
        /^(pm|nh|nggabi|nghapon)$/.test(suf) ||
        (suf === 'nt' && h === 12) ||
        (suf === 'ngtanghali' && h === 12);
      h = h % 12;
      if (pm) h += 12;
      out.push({ minutes: h * 60 + min, twelve: true });
    } else {
      if (h > 23) continue;
      out.push({ minutes: h * 60 + min, twelve: false });
    }
  }
  return out;
}

function fmtClock(total: number, twelve: boolean): string {
  const t = ((total % 1440) + 1440) % 1440;
  const h = Math.floor(t / 60);
  const m = t % 60;
  const mm = m.toString().padStart(2, '0');
  if (!twelve) return `${h.toString().padStart(2, '0')}:${mm}`;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The question asks how long: "how long", "how many minutes", "ilang oras", "gaano katagal". */
const DURATION_ASKED =
  /\bhow\s+long|\bhow\s+many\s+(?:minutes|hours|seconds)|\bhow\s+much\s+time|\bgaano\s+katagal|\bilang\s+(?:minuto|oras|segundo|minutes|hours|seconds)\b|\bbetween\b|\bpagitan\b/;

export const solveTime: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  const times = parseTimes(lower);
  if (times.length === 0 || repeatsUnasked(lower)) return null;
  const [t1, t2] = times;
  if (!t1) return null;
  // Clock times and the duration are all the numbers: "the bus leaves at 7:00 AM … 20 miles per hour" is not
  // a clock problem.
  const rest = (...read: RegExp[]) => read.reduce((text, re) => text.replace(re, ' '), lower);
  if (t2) {
    if (times.length > 2 || countNumbers(rest(TIME_RE)) > 0 || !DURATION_ASKED.test(questionOf(lower)))
      return null;
    let diff = t2.minutes - t1.minutes;
    if (diff < 0) diff += 1440;
    const hoursAsked = /\bhours?\b|\boras\b/.test(lower) && !/\bminutes?\b|\bminuto\b/.test(lower);
    const h = Math.floor(diff / 60);
    const m = diff % 60;
    const answer = hoursAsked ? (fmtDecimal(q(diff, 60)) ?? fmtFrac(q(diff, 60))) : String(diff);
    const steps: MathStep[] = [
      step(
        c.tr('From the first time to the second', 'Mula sa unang oras hanggang sa pangalawa'),
        `${fmtClock(t1.minutes, t1.twelve)} → ${fmtClock(t2.minutes, t2.twelve)}`,
      ),
    ];
    if (t2.minutes < t1.minutes)
      steps.push(
        step(
          c.tr(
            'The end time is on the next day, so count past midnight',
            'Ang huling oras ay sa susunod na araw, kaya lampas ng hatinggabi',
          ),
          `${fmtClock(t1.minutes, t1.twelve)} → 12:00 AM → ${fmtClock(t2.minutes, t2.twelve)}`,
        ),
      );
    steps.push(
      step(
        c.tr(
          'Count the whole hours, then the leftover minutes',
          'Bilangin ang buong oras, saka ang natirang minuto',
        ),
        c.tr(`${h} h ${m} min`, `${h} oras ${m} minuto`),
      ),
    );
    steps.push(step(c.tr('Convert to minutes', 'Gawing minuto'), `${h} × 60 + ${m} = ${diff}`));
    if (hoursAsked) steps.push(step(c.tr('Convert to hours', 'Gawing oras'), `${diff} ÷ 60 = ${answer}`));
    return {
      kind: 'time_difference',
      answer,
      steps,
      concept: c.tr(
        'Count forward from the first time: first to the next whole hour, then whole hours, then the remaining minutes.',
        'Magbilang pasulong mula sa unang oras: hanggang sa susunod na buong oras, saka buong oras, saka ang natirang minuto.',
      ),
    };
  }
  const DM = /(\d+)\s*(?:minutes?|mins?|minuto)/;
  const DH = /(\d+)\s*(?:hours?|hrs?|oras)/;
  const dm = DM.exec(lower);
  const dh = DH.exec(lower);
  if ((!dm && !dh) || countNumbers(rest(TIME_RE, DM, DH)) > 0) return null;
  const dur = (dh ? Number(dh[1]) * 60 : 0) + (dm ? Number(dm[1]) : 0);
  const before = /\bbefore\b|\bearlier\b|\bago\b|\bbago\b|nakaraan|nakalipas\s+na|\bprior\b/.test(lower);
  const after = /\bafter\b|\blater\b|from now|pagkatapos|makalipas|matapos|lumipas/.test(lower);
  if (!before && !after) return null;
  const sign = before && !after ? -1 : 1;
  const res = t1.minutes + sign * dur;
  const answer = fmtClock(res, t1.twelve);
  const h = Math.floor(dur / 60);
  const m = dur % 60;
  return {
    kind: 'clock_arithmetic',
    answer,
    steps: [
      step(
        c.tr(`Split ${dur} minutes into hours and minutes`, `Hatiin ang ${dur} minuto sa oras at minuto`),
        `${dur} min = ${h} h ${m} min`,
      ),
      step(
        sign > 0
          ? c.tr(`Move the clock forward ${h} h`, `Iabante ang orasan nang ${h} oras`)
          : c.tr(`Move the clock back ${h} h`, `Iatras ang orasan nang ${h} oras`),
        `${fmtClock(t1.minutes, t1.twelve)} → ${fmtClock(t1.minutes + sign * h * 60, t1.twelve)}`,
      ),
      step(
        sign > 0
          ? c.tr(
              `Then forward ${m} min (carry into the next hour past :59)`,
              `Saka iabante nang ${m} minuto (lampas :59 ay susunod na oras)`,
            )
          : c.tr(
              `Then back ${m} min (borrow an hour below :00)`,
              `Saka iatras nang ${m} minuto (manghiram ng oras kapag kulang)`,
            ),
        `${fmtClock(t1.minutes + sign * h * 60, t1.twelve)} → ${answer}`,
      ),
    ].filter((_, i) => h > 0 || i !== 1),
    concept: c.tr(
      'Add or subtract the hours first, then the minutes; 60 minutes make an hour and the clock restarts after 12 (AM ↔ PM).',
      'Unahin ang oras, saka ang minuto; 60 minuto ay isang oras at umuulit ang orasan pagkatapos ng 12 (AM ↔ PM).',
    ),
  };
});
