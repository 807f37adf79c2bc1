import { ONE, type Q, q, ZERO } from '../num.ts';
import { fmt, WHY } from './explain.ts';
import {
  CALENDAR_WORDS,
  EACH_WORDS,
  LESS_WORDS,
  MORE_WORDS,
  RATE_WORDS,
  STOP_WORDS,
  TARGETS,
  type Target,
  THAN_WORDS,
  TIME_UNITS,
  UNIT_WORDS,
} from './lexicon.ts';
import { hasWord, head, lastAction, lemma, type Quantity, type Story, secondsIn } from './read.ts';
import type { Op, Reading } from './schemas.ts';

/**
 * Products in a chain, read by their units the way a teacher does dimensional analysis: "2 buildings with 12
 * floors each, 6 apartments on each floor, 7 doors for each apartment" is buildings × floors/building ×
 * apartments/floor × doors/apartment. Each quantity counts a unit (`num`) for one of another unit (`den`); a
 * count (no `den`) starts a chain, and each link whose `den` is the chain's unit multiplies it on.
 */
interface Link {
  x: Quantity;
  num: string;
  /** The unit it is "for each" of; null for a plain count. */
  den: string | null;
  /** "12 floors each", "each costing $3": the one count it is for, named by its place in the clause. */
  of: Quantity | null;
  /** How many of `den` one of the chain's unit before it makes, when a time is converted ("1 hour = 60 minutes"). */
  k?: Q;
}

/** "each apartment needs", "in each browser,", "for every postcard sold": an "each" before a number ("each of" counts). */
const EACH_BEFORE = /\b(?:each|every|per|bawat|kada)\s+(?!of\b)([\p{L}-]+(?:\s+[\p{L}-]+){0,2})[^\d]*$/u;

/** The words that make a number "for each": "each", "per box", "each to", after its noun. */
const OWN_EACH = /^\s*(?:[\p{L}-]+\s+){0,3}?(?:each|apiece|per|every|a|an|bawat|kada)(?:\s+[\p{L}-]+)?/u;

/**
 * The head of the words after "each": "each bicycle wheel has" → wheel, "each with" → with; "" when the "each"
 * closes words before a comma ("on Monday and Saturday each week, for 4 hours") rather than opening the clause.
 */
function eachHead(since: string): string | undefined {
  const m = EACH_BEFORE.exec(since);
  if (!m) return undefined;
  const opens = /^[\s,;]*(?:(?:and|at|then)\s+)?(?:(?:in|on|for|at|to|sa)\s+)?$/.test(
    since.slice(0, m.index),
  );
  if (!opens && since.slice(m.index).includes(',')) return '';
  const words = m[1]?.split(/\s+/) ?? [];
  const end = words.findIndex((w, i) => i > 0 && (STOP_WORDS.has(w) || lastAction(w) !== null));
  return (end < 0 ? words : words.slice(0, end)).at(-1);
}

/**
 * The count a bare "each" refers to: the next one in the clause when "each" leads to it ("4 stickers each to 3
 * friends", "2 roses from each of her 10 friends"), else the nearest before it ("12 floors each"), else the next.
 */
function countOf(x: Quantity, qs: Quantity[]): Quantity | null {
  const counts = qs.filter(
    (y) => y !== x && y.clause === x.clause && !y.currency && !(y.each && !y.weak) && head(y),
  );
  const at = qs.indexOf(x);
  const next = counts.find((y) => qs.indexOf(y) > at) ?? null;
  if (next && EACH_TO.test(x.after)) return next;
  return counts.filter((y) => qs.indexOf(y) < at).at(-1) ?? next;
}
const EACH_TO = /^\s*(?:[\p{L}-]+\s+){0,3}?each\s+(?:to|of|for|from)\b/u;

/** "4 bags for $9 per bag, 3 bags for $5 per bag": the count of the unit just before, in the same clause. */
function countNamed(x: Quantity, unit: string, qs: Quantity[]): Quantity | null {
  const before = qs.slice(0, qs.indexOf(x)).filter((y) => y.clause === x.clause && !y.currency);
  const last = before.at(-1);
  return last && head(last) === unit ? last : null;
}

/** What "each" names, none for a function word ("4 stickers each to 3 friends"). */
const perOf = (x: Quantity): string => (STOP_WORDS.has(x.per) ? '' : x.per);

/** The unit of what a quantity counts and what it is for; undefined when "each" names nothing the story counts. */
function linkOf(x: Quantity, qs: Quantity[], units: Set<string>): Link | undefined {
  const num = x.currency || head(x);
  if (!num || x.percent || x.attribute) return undefined;
  // "A school has 3 buildings": a container read from the sentence's shape, when nothing counts it, is a count
  const container = x.weak && !units.has(x.per);
  if (x.each && perOf(x) !== '' && !container) {
    // "each of her 10 dancer friends": "each" names the first word, the count's unit is its last
    const whole = units.has(x.per)
      ? null
      : qs.find((y) => y !== x && y.noun.length > 1 && y.noun[0] === x.per);
    const den = whole ? head(whole) : x.per;
    return { x, num, den, of: whole ?? countNamed(x, den, qs) };
  }
  const prev = qs.filter((y) => y.clause === x.clause && qs.indexOf(y) < qs.indexOf(x)).at(-1);
  const after = prev ? x.before.slice(x.before.lastIndexOf(prev.text) + prev.text.length) : x.before;
  // "at $6 each box and 10 boxes", "4 stickers each to 3 friends": the "each" right after a number is its own
  const since = prev?.each ? after.replace(OWN_EACH, '') : after;
  const word = eachHead(since);
  const named = word ? lemma(word) : null;
  if (named && units.has(named)) return { x, num, den: named, of: countNamed(x, named, qs) };
  const bare = (x.each && !container) || (word !== undefined && (STOP_WORDS.has(word) || /ing$/.test(word)));
  // "On each day Jade drove 8 hours and Krista 6 hours": a count after an "each" may be for each too
  const under = EACH_BEFORE.test(x.before.slice(0, x.before.length - after.length) + since);
  if (!bare) return word === undefined && !under ? { x, num, den: null, of: null } : undefined;
  const of = countOf(x, qs);
  return of ? { x, num, den: head(of), of } : undefined;
}

/** "in a week", "per day", "this month": the one unit the question counts the rate in, when no count is given. */
function askedPer(question: string, dens: string[]): string | null {
  const found = dens.filter((d) =>
    new RegExp(`\\b(?:per|a|an|each|every|this|one|1|isang|bawat|kada)\\s+${d}\\b`).test(question),
  );
  return found.length === 1 ? (found[0] as string) : null;
}

/** Units a question may ask a rate in ("per week", "bawat araw"); any other "each" in the question is not read. */
const RATE_ASKED = Object.keys(TIME_UNITS);
const PER_UNIT = new RegExp(`\\b(?:per|each|every|bawat|kada)\\s+(?:${RATE_ASKED.join('|')})s?\\b`, 'g');
const EACH_ASKED = /\b(?:per|each|every|bawat|kada|bawat isa)\b/;

/** Follows each count through the links for its unit; null when a link fits two places or none. */
function follow(links: Link[], convert: boolean): Link[][] | null {
  const used = new Set<Link>();
  const chains: Link[][] = [];
  const bases = links.filter((l) => l.den === null);
  for (const base of bases) {
    const chain = [base];
    used.add(base);
    const fan = bases.length === 1 ? fanOut(base, links) : null;
    if (fan) {
      for (const l of fan) {
        used.add(l);
        chains.push([base, l]);
      }
      continue;
    }
    for (let tail = base; ; ) {
      const free = links.filter((l) => !used.has(l));
      const bound = free.filter((l) => l.of === tail.x);
      const same = free.filter((l) => !l.of && l.den === tail.num);
      // a week into days, not into hours, when a link counts the hours of each day
      const reached = (l: Link) => free.some((m) => m.num === l.den);
      const time = convert
        ? free.filter((l) => !l.of && timeIn(tail.num, l.den) !== null && !reached(l))
        : [];
      const next = [bound, same, time].find((xs) => xs.length > 0) ?? [];
      if (next.length > 1) return null;
      if (next.length === 0) break;
      tail = next[0] as Link;
      const k = next === time ? timeIn(chain.at(-1)?.num ?? '', tail.den) : null;
      chain.push(k ? { ...tail, k } : tail);
      used.add(tail);
    }
    chains.push(chain);
  }
  return used.size === links.length ? chains : null;
}

/**
 * "Her friend pays her $5 per day, her brother $8 per day … after 7 days": the one count with several rates for
 * its unit, each ending a chain of its own in the same unit; null unless every other link is one of them.
 */
function fanOut(base: Link, links: Link[]): Link[] | null {
  const rates = links.filter((l) => l !== base && !l.of && l.den === base.num);
  const one = new Set(rates.map((l) => l.num)).size === 1;
  return rates.length > 1 && one && rates.length === links.length - 1 ? rates : null;
}

/** How many of a unit of time one of another makes (hours → minutes: 60); null when either is not time. */
function timeIn(from: string, to: string | null): Q | null {
  const [a, b] = [secondsIn(from), to === null ? null : secondsIn(to)];
  return a && b && a !== b ? q(a, b) : null;
}

/** A unit as written: "oras" for the lemma "ora" (the Filipino word ends in s). */
const shown = (u: string | null): string =>
  u && !TIME_UNITS[u] && TIME_UNITS[`${u}s`] ? `${u}s` : (u ?? '');

/** One chain multiplied out, a step for each link: "2 buildings × 12 floors each = 24 floors". */
function multiply(chain: Link[]): { value: Q; ops: Op[] } {
  let value = (chain[0] as Link).x.value;
  const ops: Op[] = [];
  chain.slice(1).forEach((l, i) => {
    if (l.k) {
      const from = (chain[i] as Link).num;
      const changed = value.mul(l.k);
      const why: [string, string] = [
        `1 ${from} = ${fmt(l.k)} ${l.den}, so multiply`,
        `1 ${from} = ${fmt(l.k)} na ${l.den}, kaya i-multiply`,
      ];
      ops.push({ op: '×', why, expr: `${fmt(value)} × ${fmt(l.k)} = ${fmt(changed)}`, value: changed });
      value = changed;
    }
    const next = value.mul(l.x.value);
    const what = (!l.k && (chain[i] as Link).x.nounText) || l.den;
    const unit = l.x.currency ? `${l.x.currency}${fmt(l.x.value)}` : `${fmt(l.x.value)} ${l.x.nounText}`;
    const total = l.x.currency ? `${l.x.currency}${fmt(next)}` : `${fmt(next)} ${l.x.nounText}`;
    ops.push({
      op: '×',
      why: [
        `${fmt(value)} ${what}, ${unit} for each ${shown(l.den)}: multiply`,
        `${fmt(value)} na ${what}, tig-${unit} bawat ${shown(l.den)}: i-multiply`,
      ],
      expr: `${fmt(value)} × ${unit} = ${total}`,
      value: next,
    });
    value = next;
  });
  return { value, ops };
}

/** The word or its plural in the question. */
function names(question: string, unit: string): boolean {
  return [unit, `${unit}s`, `${unit}es`, unit.replace(/y$/, 'ies')].some((w) => hasWord(question, w));
}

/** Actions that move a chain alike: buying is spending; making, selling and earning bring something in. */
const ALIKE: Record<string, string> = {
  buy: 'spend',
  spend: 'spend',
  gain: 'earn',
  sell: 'earn',
  earn: 'earn',
};

/** The action that moves a chain ("bought", "sold"), by its family in ALIKE; null when none is said. */
function actionOf(chain: Link[]): string | null {
  return family((chain[0] as Link).x.before);
}
function family(text: string): string | null {
  const a = lastAction(text);
  return a === null || a === 'has' ? null : (ALIKE[a] ?? a);
}

/** "how many ducks and ducklings": the question asks another unit of the story beside the chain's own. */
function asksBoth(question: string, unit: string, units: Set<string>): boolean {
  const other = [...units].filter((u) => u !== unit && names(question, u));
  return other.some((u) =>
    new RegExp(`\\b(?:${u}\\w*\\s+(?:and|at)|(?:and|at)\\s+(?:(?:the|mga)\\s+)?${u})`).test(question),
  );
}

/** The links of a story, with a count of 1 of the unit the question names when no count is given ("in a week"). */
function linksOf(story: Story, qs: Quantity[], units: Set<string>): Link[] | null {
  const links = qs.map((x) => linkOf(x, qs, units));
  if (links.some((l) => l === undefined)) return null;
  const all = links as Link[];
  // "each", "every" in a clause must be read beside one of its quantities
  const loose = story.clauses.some(
    (c, i) =>
      [...EACH_WORDS, ...RATE_WORDS].some((w) => hasWord(c, w)) &&
      !all.some((l) => l.x.clause === i && l.den !== null),
  );
  if (loose) return null;
  if (all.some((l) => l.den === null)) return all;
  const per = askedPer(story.question, [...new Set(all.map((l) => l.den as string))]);
  if (!per) return null;
  const one = { ...(all[0] as Link).x, value: ONE, text: '1', currency: '', noun: [per], nounText: per };
  return [{ x: { ...one, before: '' }, num: per, den: null, of: null }, ...all];
}

/** Money handed over to pay: "pays with a $20 bill", "paid $200", "nagbayad siya ng ₱500". */
const PAID_BEFORE =
  /\b(?:with|using|from|pays?|paid|gave the cashier|hands? over|handed over|gamit ang|nagbayad(?: siya| sila)? ng|ibinayad(?: niya| nila)? ang)(?:\s+(?:a|an|one|isang))?\s*$/;

/** The amount a leftover or change is taken from: one plain amount, paid or held first; null when none fits. */
function startOf(story: Story, chains: Link[][]): Link[] | null {
  if (story.targets.includes('change')) {
    const paid = chains.filter((c) => c.length === 1 && PAID_BEFORE.test((c[0] as Link).x.before));
    return paid.length === 1 ? (paid[0] as Link[]) : null;
  }
  const first = chains.find((c) => (c[0] as Link).x === story.quantities[0]);
  return first && first.length === 1 && actionOf(first) === null ? first : null;
}

/**
 * Whether a chain is taken from the start or added to it: spent or given away, or bought, earned, received;
 * for change, anything not earned, or priced ("a hamburger for $4"); null when its action says neither.
 */
function signOf(story: Story, chain: Link[]): '+' | '−' | null {
  const a = lastAction((chain[0] as Link).x.before);
  const priced = /\bfor\s*$/.test((chain[0] as Link).x.before);
  if (story.targets.includes('change'))
    return !(a === 'earn' || a === 'sell' || a === 'gain') || priced ? '−' : null;
  const money = (chain.at(-1) as Link).x.currency !== '';
  const [minus, plus] = money
    ? [
        ['spend', 'buy', 'lose'],
        ['earn', 'gain', 'sell'],
      ]
    : [
        ['lose', 'sell'],
        ['buy', 'gain', 'earn'],
      ];
  return a && minus.includes(a) ? '−' : a && plus.includes(a) ? '+' : null;
}

/** The question asks the chains' unit: money "how much", or the thing named; never a second thing or one kind of it. */
function asksUnit(story: Story, unit: string, units: Set<string>, parts: number): boolean {
  if (asksBoth(story.question, unit, units)) return false;
  // "how many slices of bread" when bread and ham are both sliced: one kind of the unit is asked
  if (parts > 1 && new RegExp(`\\b${unit}\\w*\\s+(?:of|ng)\\s`).test(story.question)) return false;
  const money = unit === '$' || unit === '₱';
  return money
    ? story.targets.includes('money') && !/\bhow many\b/.test(story.question)
    : names(story.question, unit);
}

/**
 * A link "for each" of a unit that counts two kinds ("each silver coin" when gold and silver coins are both
 * counted), or "each of the legs" naming no number: which amount it is for is not read.
 */
function unclearEach(text: string, links: Link[]): boolean {
  const kinds = (u: string) => new Set(links.filter((l) => l.num === u).map((l) => l.x.nounText)).size;
  return links.some((l) => l.den !== null && kinds(l.den) > 1) || EACH_OF_WORDS.test(text);
}
const EACH_OF_WORDS =
  /\b(?:each|every one|bawat isa) (?:of|sa) (?!(?:(?:the|his|her|their|its|our|my|mga) )?\d)/u;

/** A unit of time or measure in the story that no link counts ("4 novels … in a month … in a year"). */
function unreadUnit(text: string, links: Link[]): boolean {
  const used = new Set(links.flatMap((l) => [l.num, l.den ?? '']));
  return UNIT_WORDS.some((u) => names(text, u) && !used.has(u) && !used.has(lemma(u)));
}

/** Words that cut a rate in parts: "for the first 40 hours … after that", "overtime", "an extra 2 hours". */
const THRESHOLD_WORDS = [
  'first',
  'after that',
  'thereafter',
  'beyond',
  'up to',
  'extra',
  'additional',
  'overtime',
  'una',
  'unang',
  'dagdag',
];

/**
 * A clause without a number that may change what the chains count: a negation or an order ("the last floor is
 * closed"), an action that moves something ("he lost a box"), or one more of a unit the chains count ("also a pencil").
 */
function changes(story: Story, units: Set<string>): boolean {
  return story.clauses.some((c, i) => {
    if (/\d/.test(c) || story.quantities.some((x) => x.clause === i)) return false;
    const a = lastAction(c);
    const unit = [...units].some((u) =>
      new RegExp(`\\b(?:a|an|another|isang)\\s+(?:[\\p{L}-]+\\s+)?${u}`, 'u').test(c),
    );
    return (
      /\b(?:not|no|never|last|first|hindi|wala|huli|una)\b|n't\b/.test(c) ||
      (a !== null && a !== 'has') ||
      unit
    );
  });
}

/** Words a product chain does not read: a comparison ("3 times as many", "4 more than"), a rate cut in parts. */
const COMPARING = [
  ...MORE_WORDS,
  ...LESS_WORDS,
  ...THAN_WORDS,
  ...THRESHOLD_WORDS,
  'times',
  'beses',
  'as many',
  'as much',
];
const TARGETS_READ: Target[] = ['total', 'money', 'left', 'change', 'now', 'more'];

/** The story's chains when every quantity lands in one and all end in the unit the question asks; null otherwise. */
function chainsOf(story: Story): { chains: Link[][]; unit: string } | null {
  const t = story.targets;
  const text = `${story.clauses.join(' ')} ${story.question}`;
  // "how much more … than" compares the chains; any other comparison is not read
  const compared = t.includes('more') ? story.clauses.join(' ') : text;
  if (COMPARING.some((w) => hasWord(compared, w))) return null;
  if (story.clauses.some((c) => TARGETS.total.some((w) => hasWord(c, w)))) return null;
  const qs = [...story.quantities, ...story.asked];
  const units = new Set(qs.map((x) => x.currency || head(x)).filter(Boolean));
  const links = linksOf(story, qs, units);
  if (!links || unreadUnit(text, links) || unclearEach(text, links) || changes(story, units)) return null;
  const chains = follow(links, !CALENDAR_WORDS.some((w) => hasWord(text, w)));
  if (!chains?.some((c) => c.length > 1)) return null;
  const unit = ((chains[0] as Link[]).at(-1) as Link).num;
  if (chains.some((c) => (c.at(-1) as Link).num !== unit)) return null;
  return asksUnit(story, unit, units, t.includes('more') ? 1 : chains.length) ? { chains, unit } : null;
}

/**
 * The story read as products chained by their units: added when the question asks a total ("2 shirts at $12
 * and 3 pairs of socks at $2"), taken from a start when it asks what is left or the change ("pays with $100"),
 * or two owners' chains compared ("how much more did Ms. Cruz make than Mr. Banks").
 */
export function unitChain(story: Story): Reading | null {
  // "how much milk per week": "per" asks the rate, read when the question's unit starts the only chain
  const rate = story.targets.includes('each') && askedPer(story.question, [...RATE_ASKED]) !== null;
  const t = story.targets.filter((x) => !(rate && x === 'each'));
  if (t.some((x) => !TARGETS_READ.includes(x)) || (t.includes('left') && t.includes('change'))) return null;
  if (t.includes('more') && t.some((x) => x !== 'more' && x !== 'money')) return null;
  const found = chainsOf(story);
  if (!found) return null;
  const { chains, unit } = found;
  const virtual = !story.quantities.includes(((chains[0] as Link[])[0] as Link).x);
  if (rate && (!virtual || chains.length > 1 || EACH_ASKED.test(story.question.replace(PER_UNIT, ''))))
    return null;
  const currency = unit === '$' || unit === '₱' ? unit : '';
  // "20 black seeds and 20 white seeds" are counted as seeds
  const texts = new Set(chains.map((c) => (c.at(-1) as Link).x.nounText));
  const [one] = [...texts];
  const noun = currency ? '' : texts.size === 1 ? (one ?? '') : (one?.split(' ').at(-1) ?? '');
  const done = (r: { ops: Op[]; value: Q } | null): Reading | null =>
    r && { schema: 'unit_chain', ops: r.ops, value: r.value, currency, noun };
  if (t.includes('more')) return done(difference(story, chains));
  const leftover = t.includes('left') || t.includes('change') || t.includes('now');
  const start = leftover ? startOf(story, chains) : null;
  if (leftover && !start) return null;
  const parts = chains.filter((c) => c !== start);
  if (!start) return sameAction(story, parts) ? done(total(parts.map(multiply))) : null;
  const signs = parts.map((c) => signOf(story, c));
  if (signs.some((x) => x === null) || (t.includes('left') && !signs.includes('−'))) return null;
  return done(fromStart(story, (start[0] as Link).x.value, parts, signs as ('+' | '−')[]));
}

/** The start with each chain's product added or taken away in order: what is left, the change, or what there is now. */
function fromStart(
  story: Story,
  from: Q,
  parts: Link[][],
  signs: ('+' | '−')[],
): { ops: Op[]; value: Q } | null {
  const products = parts.map(multiply);
  const ops = products.flatMap((p) => p.ops);
  const change = story.targets.includes('change');
  let value = from;
  products.forEach((p, i) => {
    const sign = signs[i] as '+' | '−';
    const next = sign === '+' ? value.add(p.value) : value.sub(p.value);
    const why = change ? WHY.change : WHY[sign];
    ops.push({ op: sign, why, expr: `${fmt(value)} ${sign} ${fmt(p.value)} = ${fmt(next)}`, value: next });
    value = next;
  });
  return value.s < 0n ? null : { ops, value };
}

/** Two owners' chains, both named in a question "how much more … than": the larger less the smaller. */
function difference(story: Story, chains: Link[][]): { ops: Op[]; value: Q } | null {
  const owners = chains.map((c) => (c[0] as Link).x.owner);
  const named = owners.filter((o) => o !== null && hasWord(story.question, o));
  if (chains.length !== 2 || new Set(named).size !== 2 || !THAN_WORDS.some((w) => hasWord(story.question, w)))
    return null;
  const [a, b] = chains.map(multiply) as [{ ops: Op[]; value: Q }, { ops: Op[]; value: Q }];
  const [big, small] = a.value.compare(b.value) >= 0 ? [a.value, b.value] : [b.value, a.value];
  const value = big.sub(small);
  if (value.s <= 0n) return null;
  const why = WHY.compare;
  return {
    ops: [...a.ops, ...b.ops, { op: '−', why, expr: `${fmt(big)} − ${fmt(small)} = ${fmt(value)}`, value }],
    value,
  };
}

/** Chains added: one action for all (bought, sold), and the question's, when it names one. */
function sameAction(story: Story, chains: Link[][]): boolean {
  const actions = new Set(chains.map(actionOf));
  const asked = family(story.question);
  const [own] = [...actions];
  // several amounts are added only when the question asks a total, or all were bought alike, or all are products
  const together =
    story.targets.includes('total') ||
    (own !== null && own !== undefined) ||
    chains.every((c) => c.length > 1);
  if (actions.size > 1 || (chains.length > 1 && !together)) return false;
  return !asked || !own || asked === own;
}

/** The products of the chains, then their sum when there are several. */
function total(parts: { value: Q; ops: Op[] }[]): { value: Q; ops: Op[] } {
  const ops = parts.flatMap((p) => p.ops);
  const value = parts.reduce((sum, p) => sum.add(p.value), ZERO);
  if (parts.length > 1) {
    ops.push({
      op: '+',
      why: WHY.together,
      expr: `${parts.map((p) => fmt(p.value)).join(' + ')} = ${fmt(value)}`,
      value,
    });
  }
  return { value, ops };
}
