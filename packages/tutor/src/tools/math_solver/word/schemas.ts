import { ONE, type Q, q } from '../num.ts';
import { unitChain } from './chain.ts';
import { fmt, WHY } from './explain.ts';
import {
  type Action,
  AUX_WORDS,
  CALENDAR_WORDS,
  CATEGORY_WORDS,
  EACH_WORDS,
  FIRST_WORDS,
  LESS_WORDS,
  MORE_WORDS,
  NEW_AMOUNT_WORDS,
  PERCENT_DIRECTION,
  PERCENT_NAMES,
  RATE_WORDS,
  REMAINDER_WORDS,
  REST_WORDS,
  RESULT_WORDS,
  SHARE_WORDS,
  SHIFT_WORDS,
  STOP_WORDS,
  TARGETS,
  THAN_WORDS,
  TRANSFER,
  UNIT_WORDS,
  UNREAD_WORDS,
} from './lexicon.ts';
import { hasWord, head, lastAction, lemma, type Quantity, type Story, secondsIn } from './read.ts';

/** Why an operation is done, in both languages, and the computation it writes. */
export interface Op {
  op: '+' | '−' | '×' | '÷';
  why: [en: string, fil: string];
  expr: string;
  value: Q;
}

/** A story read to its end: the operations in order, the answer and what it counts. */
export interface Reading {
  schema: string;
  ops: Op[];
  value: Q;
  currency: string;
  noun: string;
}

/** A quantity of the story after equal groups are multiplied out ("3 pencils at ₱12 each" → ₱36). */
interface Item {
  value: Q;
  qs: Quantity[];
  action: Action | null;
  currency: string;
  noun: string[];
  nounText: string;
  owner: string | null;
  /** "5 more than", "3 fewer": the amount compares with another one. */
  compare: 'more' | 'less' | 'times' | 'unread' | null;
  /** An "each" amount no count multiplies (a quotient's divisor): "each box holds 12". */
  each: boolean;
  per: string;
  product?: Op;
  /** The duration turned into the rate's unit before the product ("2 weeks = 14 days"). */
  convert?: Op;
}

/** Two amounts count the same thing: same currency, or the head noun of one is among the other's words. */
function sameThing(a: Item, b: Item): boolean {
  if (a.currency || b.currency) return a.currency === b.currency;
  if (a.noun.length === 0 || b.noun.length === 0) return true;
  return a.noun.includes(head(b)) || b.noun.includes(head(a));
}

/** "3 times as many … as", "4 na beses ng": a factor comparing with another amount; any other "times" is unread. */
const TIMES_AS =
  /^\s*(?:times\s+(?:as\s+(?:many|much|long|tall|heavy|old|far)|the\s+(?:number|amount|price|cost)(?:\s+of)?|that(?:\s+(?:much|many|number|amount))?)\b|(?:na\s+)?beses\s+(?:ng|na|nito|kaysa)\b)/;

/** "more"/"fewer" within the few words after a number marks a comparison, unless an action moves it ("6 more got on"). */
function comparison(x: Quantity): Item['compare'] {
  const near = x.after.split(/[,.;]/)[0]?.split(/\s+/).slice(0, 6).join(' ') ?? '';
  if (/^\s*(?:times|beses|na beses)\b/.test(x.after)) return TIMES_AS.test(x.after) ? 'times' : 'unread';
  const than = THAN_WORDS.some((w) => hasWord(near, w));
  const moved = lastAction(`${x.before} ${near}`) !== null && lastAction(`${x.before} ${near}`) !== 'has';
  if (moved && !than) return null;
  if (MORE_WORDS.some((w) => hasWord(near, w))) return 'more';
  if (LESS_WORDS.some((w) => hasWord(near, w))) return 'less';
  return null;
}

const GOAL_BEFORE =
  /\b(?:needs|need|wants|aims|plans|hopes)\s+to\s+\p{L}+\s*$|\bkailangang\s+\p{L}+\s+ng\s*$/u;

/** The action that moves a quantity: the last before it, else one right after it ("15 students left"). */
function actionOf(x: Quantity): Action | null {
  // "aims to sell 20", "kailangang magbenta ng 20": a goal, whatever its verb
  if (GOAL_BEFORE.test(x.before)) return 'need';
  const a =
    lastAction(x.before) ??
    lastAction(
      x.after
        .split(/[,.;\d]/)[0]
        ?.split(/\s+/)
        .slice(0, 6)
        .join(' ') ?? '',
    );
  // "her aunt gave her 18": the one the story follows receives
  const toOwner = new RegExp(`\\b(?:her|him|them|me|us${x.owner ? `|${x.owner}` : ''})\\s*$`);
  // "binayaran siya ng kapitbahay ng 180": a giving verb in its -an form with "siya" as its object receives
  const fil = /(\S+)\s+(?:siya|sila)\b[^.]*$/.exec(x.before);
  const verb = fil?.[1] ?? '';
  const givenTo = verb.endsWith('an') && (lastAction(verb) === 'lose' || lastAction(verb) === 'spend');
  return (a === 'lose' && toOwner.test(x.before)) || ((a === 'lose' || a === 'spend') && givenTo)
    ? 'gain'
    : a;
}

function toItem(x: Quantity): Item {
  return {
    value: x.value,
    qs: [x],
    action: actionOf(x),
    currency: x.currency,
    noun: x.noun,
    nounText: x.nounText,
    owner: x.owner,
    compare: comparison(x),
    each: x.each,
    per: x.per,
  };
}

/** The count an "each" amount multiplies: the nearest count before it in its clause, else one naming its container. */
function partnerOf(e: Quantity, pool: Quantity[], used: Set<Quantity>): Quantity | null {
  const free = pool.filter((x) => x !== e && !x.each && !used.has(x) && !x.percent && !x.attribute);
  const sameClause = free.filter((x) => x.clause === e.clause && x.currency === '');
  const before = sameClause.filter((x) => pool.indexOf(x) < pool.indexOf(e)).at(-1);
  if (before && !e.weak) return fitsUnit(before, e) ? before : null;
  const next = sameClause.find((x) => pool.indexOf(x) > pool.indexOf(e));
  const eachOfNext = /\beach of(?:\s+(?:the|his|her|their|our|my))?\s*$/.test(next?.before ?? '');
  // "Tig-3 bayabas ang natanggap ng 14 na bata": Filipino names the count after the share
  if (next && !e.weak && (eachOfNext || e.text.startsWith('tig-'))) return next;
  const named = free.filter((x) => e.per !== '' && x.currency === '' && timesPer(x, e) !== null);
  return named.length === 1 ? (named[0] as Quantity) : null;
}

/**
 * A count multiplies an amount for each only if it counts what "each" names ("144 mangoes … boxes na tig-12" is
 * not 144 boxes), and a time only in the rate's unit or one converted to it ("30 minutes at 20 mph").
 */
function fitsUnit(x: Quantity, e: Quantity): boolean {
  if (e.per !== '') return timesPer(x, e) !== null;
  return secondsIn(head(x)) === null;
}

/** How many of e's unit one of x makes: 1 when x counts the unit itself, 7 for "weeks" at a rate "a day", 1/60 for "minutes" at a rate "an hour". */
function timesPer(x: Quantity, e: Quantity): Q | null {
  // "12 pupils brought …", "3 kilo ng isda na tig-₱120": the count names what each is for, or what it holds
  const holds = new RegExp(`^\\s*(?:na\\s+)?[\\p{L}-]+\\s+(?:of|ng)\\s+(?:\\p{L}+\\s+)?${e.per}\\b`, 'u');
  if (head(x) === e.per || x.noun[0] === e.per || (e.per !== '' && holds.test(x.after))) return ONE;
  const [from, to] = [secondsIn(head(x)), secondsIn(e.per)];
  const someDays = CALENDAR_WORDS.some((w) => hasWord(`${e.before} ${e.after}`, w));
  return from && to && !someDays ? q(from, to) : null;
}

/** A duration in the rate's unit ("2 weeks = 14 days"), as the step that converts it; null when no change. */
function converted(n: Quantity, e: Quantity): Op | null {
  const k = timesPer(n, e);
  if (k === null || k.equals(1)) return null;
  const value = n.value.mul(k);
  const per = fmt(k);
  return {
    op: '×',
    why: [
      `1 ${head(n)} = ${per} ${e.per}, so multiply`,
      `1 ${head(n)} = ${per} na ${e.per}, kaya i-multiply`,
    ],
    expr: `${fmt(n.value)} × ${per} = ${fmt(value)}`,
    value,
  };
}

/** The groups of a story multiplied out; null when an "each" amount has no count to multiply. */
function items(story: Story): Item[] | null {
  const pool = [...story.quantities, ...story.asked];
  const used = new Set<Quantity>();
  const out: Item[] = [];
  for (const e of pool.filter((x) => x.each)) {
    const n = partnerOf(e, pool, used);
    if (!n) continue;
    used.add(n).add(e);
    const convert = converted(n, e);
    const count = convert?.value ?? n.value;
    const value = count.mul(e.value);
    const what = e.currency ? '' : e.nounText || n.nounText;
    const unit = (t: string) => (e.currency && !t.startsWith(e.currency) ? `${e.currency}${t}` : t);
    out.push({
      ...toItem(n.clause < 0 ? e : n),
      value,
      qs: [n, e],
      currency: e.currency,
      noun: e.currency ? [] : e.noun.length > 0 ? e.noun : n.noun,
      nounText: what,
      compare: null,
      each: false,
      ...(convert ? { convert } : {}),
      product: {
        op: '×',
        why: [
          `${fmt(count)} equal groups of ${unit(e.text)}, so multiply`,
          `${fmt(count)} na pangkat na tig-${unit(e.text)}, kaya i-multiply`,
        ],
        expr: `${fmt(count)} × ${unit(e.text)} = ${unit(fmt(value))}`,
        value,
      },
    });
  }
  // "How much change will you get from 200 pesos?": the amount tendered may be written in the question
  const tendered = story.targets.includes('change') ? story.asked.filter((x) => x.currency && tender(x)) : [];
  // "How much did he earn on the two days?": "the two" points back at the story's amounts
  const count = story.quantities.length;
  const pointsBack = (x: Quantity) => /\bthe\s*$/.test(x.before) && x.value.equals(count);
  if (story.asked.some((x) => !used.has(x) && !x.value.equals(1) && !tendered.includes(x) && !pointsBack(x)))
    return null;
  const productClauses = new Set([...used].map((x) => x.clause));
  const joinedAfter = (x: Quantity) =>
    [...used].every(
      (u) =>
        u.clause !== x.clause ||
        (x.before.startsWith(u.before) && JOINED.test(x.before.slice(u.before.length))),
    );
  if (
    story.quantities.some(
      (x) => productClauses.has(x.clause) && x.clause >= 0 && !used.has(x) && !joinedAfter(x),
    )
  )
    return null;
  for (const x of [...story.quantities, ...tendered]) {
    if (used.has(x)) continue;
    if (x.each && !x.weak && !canDivide(story, x)) return null;
    out.push({ ...toItem(x), each: x.each && (!x.weak || canDivide(story, x)) });
  }
  return out.sort((a, b) => pool.indexOf(a.qs[0] as Quantity) - pool.indexOf(b.qs[0] as Quantity));
}

/** "… 3 pens at ₱12 each and a ₱30 notebook": a new amount joined after a product is a part of its own. */
const JOINED = /\s(?:and|at)\s+(?:(?:a|an|isang|one)\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s*(?:na|at|for|of)?\s*$/u;

/** An "each" amount left alone is a divisor only when the question asks how many groups ("how many boxes"). */
function canDivide(story: Story, x: Quantity): boolean {
  return x.per !== '' && new RegExp(`\\b(?:how many|ilang)\\s+${x.per}`).test(story.question);
}

/** The sign an action gives an amount: counted things and money move differently when buying. */
function sign(it: Item): '+' | '−' | 'set' | null {
  const a = it.action;
  if (a === null || a === 'has') return 'set';
  if (a === 'need') return null;
  if (it.currency) return a === 'gain' || a === 'earn' || a === 'sell' ? '+' : '−';
  if (a === 'gain' || a === 'buy' || a === 'earn') return '+';
  if (a === 'lose' || a === 'sell') return '−';
  return null;
}

function productsOf(its: Item[]): Op[] {
  return its.flatMap((x) => [x.convert, x.product].filter((o): o is Op => o !== undefined));
}

/** Adds or subtracts the items in order from the first, with a step for each. */
function run(
  its: Item[],
  signs: ('+' | '−')[],
  why: (s: '+' | '−') => [string, string],
): { ops: Op[]; value: Q } {
  const ops = productsOf(its);
  let value = (its[0] as Item).value;
  its.slice(1).forEach((x, i) => {
    const s = signs[i] as '+' | '−';
    const next = s === '+' ? value.add(x.value) : value.sub(x.value);
    ops.push({ op: s, why: why(s), expr: `${fmt(value)} ${s} ${fmt(x.value)} = ${fmt(next)}`, value: next });
    value = next;
  });
  return { ops, value };
}

const PLURAL_SUBJECT = /\b(?:they|we|sila|nila|kami|namin|tayo|natin)\b/;

const QUESTION_VERBS = /^(?:do|does|did|will|would|can|could|should|lahat|pa|kaya)$/;

/** The head noun of what the question counts: "how many writing items" → items, "ilan lahat ang prutas" → prutas. */
function askedNoun(question: string): string | null {
  const m = /\b(?:how many|ilang)\s+((?:[\p{L}-]+\s*){1,3})/u.exec(question);
  const words = (m?.[1] ?? '').split(/\s+/);
  const stop = words.findIndex(
    (w) => w === '' || STOP_WORDS.has(w) || QUESTION_VERBS.test(w) || lastAction(w) !== null,
  );
  const head = (stop < 0 ? words : words.slice(0, stop)).at(-1);
  return head ?? /\bilan(?:\s+lahat)?\s+ang\s+(?:mga\s+)?([\p{L}-]+)/u.exec(question)?.[1] ?? null;
}

/**
 * "12 pencils, 9 ballpens and 6 crayons … how many writing items in all": a list in one clause of things a
 * word of the question groups (a word of CATEGORY_WORDS, not a part such as legs), each only held.
 */
function category(story: Story, its: Item[]): boolean {
  const nouns = new Set(its.map(head));
  const asked = askedNoun(story.question);
  return (
    asked !== null &&
    (CATEGORY_WORDS.includes(asked) || CATEGORY_WORDS.includes(lemma(asked))) &&
    story.targets.includes('total') &&
    its.length >= 2 &&
    nouns.size === its.length &&
    !nouns.has('') &&
    new Set(its.map((x) => x.qs[0]?.clause)).size === 1 &&
    its.every((x) => !x.currency && !x.each && !x.compare && !x.product && sign(x) === 'set') &&
    !its.some((x) => mentions(story.question, head(x)))
  );
}

/** Does the question name one owner among several ("How many does Ben have?") — then a total is not asked. */
function asksOneOwner(story: Story, its: Item[]): boolean {
  const owners = new Set(its.map((x) => x.owner).filter(Boolean));
  return owners.size > 1 && [...owners].some((o) => hasWord(story.question, o as string));
}

/** Change (join/separate) and combine: a start, then amounts added or taken away in order. */
function change(story: Story, its: Item[]): Reading | null {
  const t = story.targets;
  if (its.length < 2 || t.some((x) => x === 'more' || x === 'each' || x === 'change')) return null;
  const signs = its.map(sign);
  if (signs.some((s) => s === null) || signs[0] === '−') return null;
  const first = its[0] as Item;
  if (its.some((x) => x.each) || !(its.every((x) => sameThing(first, x)) || category(story, its)))
    return null;
  const allSet = signs.every((s) => s === 'set');
  if (allSet) {
    if (asksOneOwner(story, its) || !t.includes('total')) return null;
    const { ops, value } = run(
      its,
      its.slice(1).map(() => '+'),
      () => WHY.together,
    );
    return reading('combine', ops, value, first);
  }
  const owners = new Set(its.map((x) => x.owner).filter(Boolean));
  // "There were 36 cookies. Lea ate 5 and her brother ate 7": a start no one owns changed by several people
  if ((owners.size > 1 && first.owner !== null) || signs.slice(1).includes('set')) return null;
  // "The library had 50 books. Carlo donated 12": whether the start gains or loses depends on who receives
  if (
    its.some((x) => x.owner !== first.owner && x.qs.some((q) => TRANSFER.some((w) => hasWord(q.before, w))))
  )
    return null;
  const hasMinus = signs.includes('−');
  const wants = t.includes('left') ? hasMinus : t.includes('now') || (t.includes('total') && !hasMinus);
  if (!wants) return null;
  const { ops, value } = run(its, signs.slice(1) as ('+' | '−')[], (s) => WHY[s]);
  return value.s < 0n ? null : reading('change', ops, value, first);
}

/** "How much did she spend in all?": the amounts of the action the question names, added up. */
function actionSum(story: Story, its: Item[]): Reading | null {
  const money = (a: Action | null) => (a === 'buy' || a === 'spend' ? 'spend' : a);
  const asked = money(lastAction(story.question));
  if (asked === null || asked === 'has' || asked === 'need') return null;
  if (!its.every((x) => money(x.action) === asked && sameThing(its[0] as Item, x) && !x.each && !x.compare))
    return null;
  if (story.targets.some((t) => t === 'left' || t === 'more' || t === 'each' || t === 'change')) return null;
  // "How many seedlings did they plant?": a plural subject asks the amounts together
  const owners = new Set(its.map((x) => x.owner));
  const eachOwn =
    owners.size === its.length &&
    !owners.has(null) &&
    story.asked.length === 0 &&
    its.every((x) => !x.product) &&
    PLURAL_SUBJECT.test(story.question);
  const together = story.targets.includes('total') || asked === 'spend' || eachOwn;
  if (its.length > 1 && !together) return null;
  const { ops, value } = run(
    its,
    its.slice(1).map(() => '+'),
    () => WHY.together,
  );
  return ops.length === 0 ? null : reading('combine', ops, value, its[0] as Item);
}

/** Money handed over to pay: "with a ₱100 bill", "from 200 pesos", "a 500-peso bill". */
function tender(x: Quantity): boolean {
  return TENDER_BEFORE.test(x.before) || TENDER_AFTER.test(x.after);
}
const TENDER_BEFORE = /\b(?:with|using|from|gamit ang)(?:\s+(?:a|an|one|isang))?\s*$/;
const TENDER_AFTER = /^\s*(?:-\p{L}+\s+)?(?:bills?|perang papel)\b/u;

/** The one amount paid: handed over ("with a ₱100 bill"), else paid ("nagbayad ng 500"), else held first ("May ₱1,000"). */
function paidOf(its: Item[]): Item | null {
  const free = its.filter((x) => !x.product && x.currency);
  const handed = free.filter((x) => x.qs.some(tender));
  const paying = free.filter((x) => x.action === 'spend' || x.action === 'lose');
  const held = its[0] && !its[0].product && sign(its[0]) === 'set' ? [its[0]] : [];
  const found = [handed, paying, held].find((xs) => xs.length > 0) ?? [];
  return found.length === 1 ? (found[0] as Item) : null;
}

/** Paying for a purchase: change = amount paid − the costs. */
function changeBack(story: Story, its: Item[]): Reading | null {
  if (!story.targets.includes('change') || its.length < 2) return null;
  const p = paidOf(its);
  const costs = its.filter((x) => x !== p);
  if (
    !p ||
    !costs.every((x) => x.currency === p.currency && !x.each && x.action !== 'earn' && x.action !== 'gain')
  )
    return null;
  const cost = run(
    costs,
    costs.slice(1).map(() => '+'),
    () => WHY.together,
  );
  const value = p.value.sub(cost.value);
  if (value.s < 0n) return null;
  const why = WHY.change;
  const ops = [
    ...cost.ops,
    { op: '−' as const, why, expr: `${fmt(p.value)} − ${fmt(cost.value)} = ${fmt(value)}`, value },
  ];
  return reading('change_money', ops, value, p);
}

/** Compare: "Ben has 5 more apples than Ana" (either order) — the other amount, or both together. */
function compare(story: Story, its: Item[]): Reading | null {
  if (its.length !== 2) return null;
  const b = its.find((x) => x.compare !== null);
  const a = its.find((x) => x !== b);
  if (
    !a ||
    !b ||
    a.compare !== null ||
    (sign(a) !== 'set' && a.action !== b.action) ||
    !(
      sameThing(a, b) ||
      (b.compare === 'times' && !b.currency && ['', 'time'].includes(head(b))) ||
      kinds(b, a)
    ) ||
    a.each ||
    b.each
  )
    return null;
  const rel = b.qs[0]?.after.split(/[.;]/)[0] ?? '';
  const others = story.names.filter((n) => hasWord(rel, n) && n !== a.owner && n !== b.owner);
  // "Tess has 120, which is 35 more than Lani has": the named one is the unknown.
  // "Tess has 120, which is 35 more than Lani", "Zig wrote 4 times as many as Flo. Zig wrote 60": the named one
  const named =
    others.length === 1 && (a.qs[0]?.clause === b.qs[0]?.clause || (a.owner !== null && a.owner === b.owner));
  // "… 630 mag-aaral. Ito ay 3 beses ng bilang …", "That is 3 times …": the known amount is the one compared
  const pointsBack =
    others.length === 0 && a.qs[0] !== undefined && BACK_REFERENCE.test(b.qs[0]?.before ?? '');
  const inverse = named || pointsBack;
  if (others.length > 0 && !(named && hasWord(story.question, others[0] as string))) return null;
  if (!inverse && !refersTo(rel, a)) return null;
  const { op, why, value } = relate(a.value, b, inverse);
  if (value.s < 0n || (b.compare === 'times' && value.d !== 1n && a.value.d === 1n && !a.currency))
    return null;
  const ops: Op[] = [{ op, why, expr: `${fmt(a.value)} ${op} ${fmt(b.value)} = ${fmt(value)}`, value }];
  const t = story.targets;
  if (t.includes('more') && b.compare === 'times' && !t.includes('total')) {
    // "his dad caught three times as much … how many more did his dad catch": the two amounts compared
    if (!inverse && !identifies(story.question, b, a)) return null;
    const [big, small] = value.compare(a.value) >= 0 ? [value, a.value] : [a.value, value];
    const diff = big.sub(small);
    const why = WHY.compare;
    ops.push({ op: '−', why, expr: `${fmt(big)} − ${fmt(small)} = ${fmt(diff)}`, value: diff });
    return reading('compare', ops, diff, a);
  }
  // "How many lambs do Merry and her brother have?": both owners asked together
  const both =
    a.owner !== null &&
    b.owner !== null &&
    a.owner !== b.owner &&
    hasWord(story.question, a.owner) &&
    hasWord(story.question, b.owner) &&
    /\b(?:and|at)\b/.test(story.question);
  if (kinds(b, a) && !sameThing(a, b)) return ofKinds(story, a, b, ops, value);
  if (t.includes('total') || both) {
    const all = a.value.add(value);
    const both: [string, string] = [
      'put both amounts together, so add',
      'pagsamahin ang dalawa, kaya mag-add',
    ];
    ops.push({ op: '+', why: both, expr: `${fmt(a.value)} + ${fmt(value)} = ${fmt(all)}`, value: all });
    return reading('compare', ops, all, a);
  }
  if (
    t.some((x) => x !== 'money' && x !== 'size') ||
    (a.owner && !inverse && hasWord(story.question, a.owner))
  )
    return null;
  if (!inverse && !identifies(story.question, b, a)) return null;
  return reading('compare', ops, value, a);
}

/** "50 more pens than notebooks": the amount compares a thing of its own with the thing the known one counts. */
function kinds(b: Item, a: Item): boolean {
  const rel = b.qs[0]?.after.split(/[.;,]/)[0] ?? '';
  const than = [...rel.matchAll(/\b(?:than|as|kaysa(?:\s+sa)?)\s+(?:(?:the|mga)\s+)?([\p{L}-]+)/gu)].at(
    -1,
  )?.[1];
  return !b.currency && !a.currency && head(b) !== '' && than !== undefined && lemma(than) === head(a);
}

/** Two kinds compared: the question asks one kind ("how many pens") or both ("notebooks and pens", "altogether"). */
function ofKinds(story: Story, a: Item, b: Item, ops: Op[], value: Q): Reading | null {
  const [asksA, asksB] = [a, b].map((x) => mentions(story.question, head(x)));
  if (asksA && asksB && story.targets.every((t) => t === 'total')) {
    const all = a.value.add(value);
    const why: [string, string] = [
      'put both kinds together, so add',
      'pagsamahin ang dalawang uri, kaya mag-add',
    ];
    ops.push({ op: '+', why, expr: `${fmt(a.value)} + ${fmt(value)} = ${fmt(all)}`, value: all });
    return { schema: 'compare', ops, value: all, currency: '', noun: '' };
  }
  if (!asksB || asksA || story.targets.length > 0) return null;
  return reading('compare', ops, value, b);
}

/**
 * Owners compared in a chain: "Ana has 12. Ben has 5 more than Ana. Carl has twice as many as Ben." Each amount
 * is an owner's own or relates a new owner to one already known; the question asks one owner, the difference
 * of two, or the total of the ones it names (all of them when it names none).
 */
function comparisonChain(story: Story): Reading | null {
  const qs = story.quantities;
  const thing = qs.find((x) => x.currency || head(x) !== '') ?? qs[0];
  if (qs.length < 3 || !thing || story.asked.length > 0) return null;
  const owners = new Set(qs.map((x) => x.owner).filter(Boolean));
  if (owners.size <= 1 && !thing.currency) return kindsChain(story);
  const fits = (x: Quantity, compared: boolean) =>
    x.currency === thing.currency && (head(x) === head(thing) || (compared && head(x) === ''));
  const chain = chainAmounts(qs, { key: (x) => x.owner, other: comparedWith, fits });
  if (!chain) return null;
  const { known, ops } = chain;
  const asked = [...known.keys()].filter((n) => hasWord(story.question, n));
  const noun = askedNoun(story.question);
  // "how many does she need to add to have as many as Bert": the question moves or compares again
  const act = lastAction(story.question);
  if (act !== null && act !== 'has' && act !== 'gain') return null;
  const comparing =
    /\bas\s+\p{L}+\s+as\b/u.test(story.question) || THAN_WORDS.some((w) => hasWord(story.question, w));
  if (ops.length === 0 || (noun !== null && lemma(noun) !== head(thing))) return null;
  const unit = { currency: thing.currency, noun: thing.nounText };
  const t = story.targets.filter((x) => x !== 'money');
  if (t.length === 0 && asked.length === 1 && !comparing) {
    const value = known.get(asked[0] as string) as Q;
    return ops.at(-1)?.value.equals(value) ? { schema: 'compare', ops, value, ...unit } : null;
  }
  if (t.length === 1 && t[0] === 'more' && asked.length === 2) {
    const [a, b] = asked.map((n) => known.get(n) as Q) as [Q, Q];
    const [big, small] = a.compare(b) >= 0 ? [a, b] : [b, a];
    const value = big.sub(small);
    const why = WHY.compare;
    ops.push({ op: '−', why, expr: `${fmt(big)} − ${fmt(small)} = ${fmt(value)}`, value });
    return { schema: 'compare', ops, value, ...unit };
  }
  if (t.length !== 1 || t[0] !== 'total' || asked.length === 1) return null;
  const parts = (asked.length > 0 ? asked : [...known.keys()]).map((n) => known.get(n) as Q);
  const value = parts.reduce((sum, x) => sum.add(x));
  const why: [string, string] = ['put the amounts together, so add', 'pagsamahin ang mga dami, kaya mag-add'];
  ops.push({ op: '+', why, expr: `${parts.map(fmt).join(' + ')} = ${fmt(value)}`, value });
  return { schema: 'compare', ops, value, ...unit };
}

/** Each owner's amount: the ones given, then each relation whose other owner is known, in any order. */
/** How a chain names its amounts: by owner ("than Ana"), or by kind ("than yellow ones") when no one owns them. */
interface Naming {
  key: (x: Quantity) => string | null;
  other: (x: Quantity) => string | null;
  fits: (x: Quantity, compared: boolean) => boolean;
}

function chainAmounts(qs: Quantity[], by: Naming): { known: Map<string, Q>; ops: Op[] } | null {
  const known = new Map<string, Q>();
  const ops: Op[] = [];
  const pending: { x: Quantity; rel: 'more' | 'less' | 'times'; owner: string; other: string }[] = [];
  for (const x of qs) {
    const rel = comparison(x);
    const owner = by.key(x);
    // "A pond has 12 fish": an "each" read only from the sentence's shape is a plain amount here
    const each = x.each && !x.weak;
    if (!owner || known.has(owner) || each || x.percent || x.attribute || rel === 'unread') return null;
    if (!by.fits(x, rel !== null)) return null;
    if (rel !== null) {
      const other = by.other(x);
      if (!other || other === owner) return null;
      pending.push({ x, rel, owner, other });
      continue;
    }
    // "Jose collected 14 fewer": a comparison with no one named; "took 5 from Alix" moves an amount
    const near = x.after.split(/[,.;]/)[0]?.split(/\s+/).slice(0, 4).join(' ') ?? '';
    const act = lastAction(x.before);
    if ([...MORE_WORDS, ...LESS_WORDS].some((w) => hasWord(near, w))) return null;
    if (act !== null && act !== 'has' && act !== 'gain') return null;
    known.set(owner, x.value);
  }
  while (pending.length > 0) {
    const i = pending.findIndex((p) => known.has(p.other));
    const p = pending[i];
    if (!p || known.has(p.owner)) return null;
    pending.splice(i, 1);
    const base = known.get(p.other) as Q;
    const { op, why, value } = relate(base, { compare: p.rel, value: p.x.value }, false);
    if (value.s < 0n) return null;
    ops.push({ op, why, expr: `${fmt(base)} ${op} ${fmt(p.x.value)} = ${fmt(value)}`, value });
    known.set(p.owner, value);
  }
  return { known, ops };
}

/**
 * Kinds compared in a chain, asked in all: "12 yellow fish, twice as many green fish as yellow fish and 3 more
 * red fish than green fish: how many fish in all?" Every kind has its own noun; the total adds them.
 */
function kindsChain(story: Story): Reading | null {
  const than = (x: Quantity) => {
    const w = comparedWith(x);
    return w ? lemma(w) : null;
  };
  const fits = (x: Quantity) => !x.currency && x.noun.length > 0;
  const chain = chainAmounts(story.quantities, { key: (x) => x.noun[0] ?? null, other: than, fits });
  const noun = askedNoun(story.question);
  const t = story.targets;
  if (!chain || chain.ops.length === 0 || t.length !== 1 || t[0] !== 'total' || noun === null) return null;
  // the question's thing is the one word every kind ends with ("yellow fish", "green fish" → fish)
  const last = new Set(story.quantities.map((x) => x.nounText.split(' ').at(-1) ?? ''));
  if (last.size !== 1 || !last.has(noun) || [...chain.known.keys()].some((k) => k === lemma(noun)))
    return null;
  const parts = [...chain.known.values()];
  const value = parts.reduce((sum, x) => sum.add(x));
  const why: [string, string] = ['put the kinds together, so add', 'pagsamahin ang mga uri, kaya mag-add'];
  const ops = [
    ...chain.ops,
    { op: '+' as const, why, expr: `${parts.map(fmt).join(' + ')} = ${fmt(value)}`, value },
  ];
  return { schema: 'compare', ops, value, currency: '', noun };
}

/** A total of several owners: "they sold 180 in total", "both have", "sila ay may 50 lahat". */
const SHARED_WORDS = [
  'they',
  'their',
  'both',
  'together',
  'combined',
  'sila',
  'nila',
  'sina',
  'nina',
  'kapwa',
];

/** The one an amount is compared with: the last word after "than", "as", "kaysa (kay/sa)" in its clause. */
function comparedWith(x: Quantity): string | null {
  const rel = x.after.split(/[.;,?\d]/)[0] ?? '';
  const than = /\b(?:than|as|kaysa(?:\s+(?:kay|sa))?|ni)\s+(?:(?:the|si|ang)\s+)?([\p{L}-]+)/gu;
  return [...rel.matchAll(than)].at(-1)?.[1] ?? null;
}

/**
 * A total and how two owners compare: "Alice sold twice as many as Emily. In total they sold 180. How many did
 * Alice sell?" The one compared with is (total − more) ÷ 2, (total + less) ÷ 2 or total ÷ (times + 1); the
 * other is the rest of the total. Only two owners, both named, one of them asked.
 */
function sumAndRelation(story: Story): Reading | null {
  const [p, r] = story.quantities;
  if (story.quantities.length !== 2 || !p || !r || story.asked.length > 0) return null;
  const total = [p, r].find((x) => TARGETS.total.some((w) => hasWord(story.clauses[x.clause] ?? '', w)));
  const b = total === p ? r : p;
  const rel = comparison(b);
  const [x, y] = [b.owner, comparedWith(b)];
  const plain = (z: Quantity) => !z.each && !z.percent && !z.attribute;
  if (!total || !rel || rel === 'unread' || !plain(b) || !plain(total) || b.clause === total.clause)
    return null;
  if (!x || !y || x === y || !story.names.includes(y) || b.currency !== total.currency) return null;
  // "Ben and Carlo have 50": the subject split off before the verb has no amount of its own
  let from = total.clause;
  while (from > 0 && !story.quantities.some((z) => z.clause === from - 1)) from--;
  const whole = story.clauses.slice(from, total.clause + 1).join(' ');
  const named = [x, y].filter((n) => hasWord(whole, n)).length;
  if (named === 1 || (named === 0 && !SHARED_WORDS.some((w) => hasWord(whole, w)))) return null;
  const asked = [x, y].filter((n) => hasWord(story.question, n));
  if (asked.length !== 1 || story.targets.some((t) => t !== 'money')) return null;
  const [t, d] = [total.value, b.value];
  const base = rel === 'times' ? t.div(d.add(ONE)) : (rel === 'more' ? t.sub(d) : t.add(d)).div(q(2));
  const other = t.sub(base);
  if (base.s <= 0n || other.s <= 0n || (!b.currency && (base.d !== 1n || other.d !== 1n))) return null;
  const expr =
    rel === 'times'
      ? `${fmt(t)} ÷ (${fmt(d)} + 1) = ${fmt(base)}`
      : `(${fmt(t)} ${rel === 'more' ? '−' : '+'} ${fmt(d)}) ÷ 2 = ${fmt(base)}`;
  const why: [string, string] = [
    `the total is ${rel === 'times' ? `${fmt(d)} + 1 equal parts` : 'two equal parts and the difference'}: find ${y}'s part`,
    `ang kabuuan ay ${rel === 'times' ? `${fmt(d)} + 1 na pantay na bahagi` : 'dalawang pantay na bahagi at ang diperensya'}: hanapin ang kay ${y}`,
  ];
  const ops: Op[] = [{ op: '÷', why, expr, value: base }];
  if (asked[0] === x) {
    const rest: [string, string] = [`${x} has the rest of the total`, `ang natitira sa kabuuan ay kay ${x}`];
    ops.push({ op: '−', why: rest, expr: `${fmt(t)} − ${fmt(base)} = ${fmt(other)}`, value: other });
  }
  const value = asked[0] === x ? other : base;
  return { schema: 'compare', ops, value, currency: total.currency, noun: total.nounText };
}

const BACK_REFERENCE = /^\s*(?:ito|iyon|that|this|it)\s+(?:ay|is|was)\s*$/;

/** The other amount from the known one: add or take "more/less", multiply "times as many" (inverse: undo it). */
function relate(
  a: Q,
  b: Pick<Item, 'compare' | 'value'>,
  inverse: boolean,
): { op: Op['op']; why: [string, string]; value: Q } {
  if (b.compare === 'times') {
    const why: [string, string] = inverse
      ? ['it is that many times the other, so divide', 'ilang beses ito ng kabila, kaya hatiin']
      : ['"times as many" means multiply', 'ang "beses" ay multiplication'];
    return inverse ? { op: '÷', why, value: a.div(b.value) } : { op: '×', why, value: a.mul(b.value) };
  }
  const add = (b.compare === 'more') !== inverse;
  const why: [string, string] = add
    ? ['"more than" means add to the other amount', 'ang "higit kaysa" ay dagdag sa kabila']
    : ['"less than" means take from the other amount', 'ang "kulang kaysa" ay bawas sa kabila'];
  return add ? { op: '+', why, value: a.add(b.value) } : { op: '−', why, value: a.sub(b.value) };
}

/** "than Ana", "than the pen": what follows "than" names the other amount (its owner or its noun); none is fine. */
function refersTo(rel: string, a: Item): boolean {
  const than = /\b(?:than|kaysa(?:\s+(?:kay|sa))?|as\s+\p{L}+\s+as|beses\s+(?:ng|na))\s+(.*)$/u.exec(rel);
  if (!than?.[1]) return true;
  const known = `${a.owner ?? ''} ${a.noun.join(' ')} ${a.qs[0]?.before ?? ''}`;
  const words = (than[1].match(/[\p{L}-]+/gu) ?? [])
    .slice(0, 3)
    .filter((w) => !STOP_WORDS.has(w) && !lastAction(w));
  return words.every((w) => hasWord(known, w) || hasWord(known, lemma(w)));
}

/** The content words of the clause before an amount: who or what it is about. */
function subjectOf(x: Item): string[] {
  const before = x.qs[0]?.before ?? '';
  return (before.match(/\p{L}{3,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w) && lastAction(w) === null);
}

/** The question picks out this amount, not the other: its owner, or a word of its noun the other lacks. */
function identifies(question: string, b: Item, a: Item): boolean {
  if (/\b(?:and|at|both|together)\b/.test(question)) return false;
  if (b.owner && b.owner !== a.owner) return hasWord(question, b.owner);
  // "A motorcycle costs 12 times as much. How much does the motorcycle cost?": the subject of its clause
  const [sa, sb] = [subjectOf(a), subjectOf(b)];
  const named = (xs: string[], ys: string[]) => xs.some((w) => !ys.includes(w) && hasWord(question, w));
  if (named(sb, sa)) return !named(sa, sb);
  const own = b.noun.filter((w) => !a.noun.includes(w));
  return (
    own.some((w) => hasWord(question, w) || hasWord(question, `${w}s`)) ||
    (own.length === 0 && b.owner === null)
  );
}

/** Difference: "how many more does Ben have than Ana", "how much heavier", or what is still needed ("ilan pa"). */
function difference(story: Story, its: Item[]): Reading | null {
  if (!story.targets.includes('more')) return null;
  if (its.length > 2) return stillNeeded(its);
  if (its.length !== 2) return null;
  const [a, b] = its as [Item, Item];
  if (!sameThing(a, b) || a.compare || b.compare || a.each || b.each || a.product || b.product) return null;
  const need = its.find((x) => x.action === 'need');
  const have = its.find((x) => x !== need);
  const alike = !need && (a.action === b.action || (sign(a) === 'set' && sign(b) === 'set'));
  const goal = lastAction(need?.qs[0]?.before ?? '');
  const there =
    have && (sign(have) === 'set' || sign(have) === '+' || (goal !== null && have.action === goal));
  if (!alike && !(need && there)) return null;
  const big = need ?? (a.value.compare(b.value) >= 0 ? a : b);
  const small = big === a ? b : a;
  const value = big.value.sub(small.value);
  if (value.s < 0n || value.n === 0n) return null;
  const why: [string, string] = need
    ? ['what is still needed = what is needed − what is there', 'kulang pa = kailangan − mayroon na']
    : WHY.compare;
  return reading(
    'compare',
    [{ op: '−', why, expr: `${fmt(big.value)} − ${fmt(small.value)} = ${fmt(value)}`, value }],
    value,
    a,
  );
}

/** "needs 84 plates … has 21 green plates and 28 red plates … how many more": what is needed − all there is. */
function stillNeeded(its: Item[]): Reading | null {
  const need = its.filter((x) => x.action === 'need');
  const n = need[0];
  const have = its.filter((x) => x !== n);
  if (need.length !== 1 || !n || its.indexOf(n) !== 0) return null;
  const action = have[0]?.action;
  // what is there: held or gained, or done with the goal's own verb ("aims to sell 20 … sells 12")
  const goal = lastAction(n.qs[0]?.before ?? '');
  const counts = (x: Item) => sign(x) === 'set' || sign(x) === '+' || (goal !== null && x.action === goal);
  const plain = (x: Item) => !x.compare && !x.each && !x.product && sameThing(n, x);
  if (!have.every((x) => plain(x) && x.action === action && counts(x))) return null;
  const there = run(
    have,
    have.slice(1).map(() => '+'),
    () => WHY.together,
  );
  const value = n.value.sub(there.value);
  if (value.s <= 0n) return null;
  const why: [string, string] = [
    'what is still needed = what is needed − what is there',
    'kulang pa = kailangan − mayroon na',
  ];
  const ops = [
    ...there.ops,
    { op: '−' as const, why, expr: `${fmt(n.value)} − ${fmt(there.value)} = ${fmt(value)}`, value },
  ];
  return reading('compare', ops, value, n);
}

/** Sharing a whole equally ("shared equally among 4", "hinati sa 4") or a price for one ("₱72 for 24 crayons"). */
function share(story: Story, its: Item[]): Reading | null {
  if (its.length !== 2 || its.some((x) => x.product || x.compare || x.each)) return null;
  const q = story.question;
  const perOne = /\b(?:each|one|1|per|bawat|isang|isa)\b/.test(q);
  const [whole, parts] = (its[1]?.currency && !its[0]?.currency ? [...its].reverse() : its) as [Item, Item];
  const shared = SHARE_WORDS.some((w) => story.clauses.some((c) => hasWord(c, w)));
  const pricePerOne = whole.currency !== '' && perOne && story.targets.includes('money');
  // "Ilang litro ang laman ng bawat baso?": each of the parts, named
  const eachPart = new RegExp(`\\b(?:each|bawat|per|kada)\\s+${head(parts)}`).test(q);
  if (!(shared && (story.targets.includes('each') || eachPart)) && !pricePerOne) return null;
  if (parts.currency || parts.value.d !== 1n || parts.value.n === 0n) return null;
  const value = whole.value.div(parts.value);
  if (value.d !== 1n && !whole.currency && !UNIT_WORDS.includes(head(whole))) return null;
  const why: [string, string] = pricePerOne
    ? ['the price of one = total price ÷ number of items', 'presyo ng isa = kabuuang presyo ÷ dami']
    : ['sharing equally means dividing', 'ang paghahati nang pantay ay division'];
  return reading(
    'equal_groups',
    [{ op: '÷', why, expr: `${fmt(whole.value)} ÷ ${fmt(parts.value)} = ${fmt(value)}`, value }],
    value,
    whole,
  );
}

/** How many groups: a total put in groups of a given size ("96 mangoes, each box holds 12: how many boxes"). */
function groupsOf(story: Story, its: Item[]): Reading | null {
  if (its.length !== 2) return null;
  const size = its.find((x) => x.each);
  const total = its.find((x) => x !== size);
  if (!size || !total || total.each || total.product || total.compare || !sameThing(size, total)) return null;
  if (story.targets.length > 0) return null;
  // "How many vans are needed?": a part group still needs one more
  const needed = NEEDED.test(story.question);
  const exact = total.value.div(size.value);
  const value = exact.d !== 1n && needed ? exact.ceil() : exact;
  if (value.d !== 1n) return null;
  const rounded = value.equals(exact) ? '' : `, so ${fmt(value)}`;
  const why: [string, string] = rounded
    ? [
        'divide; the part left over still needs one more group',
        'hatiin; ang natirang bahagi ay kailangan pa ng isa',
      ]
    : ['how many groups of that size fit: divide', 'ilang pangkat ng ganoong laki ang kasya: hatiin'];
  const expr = `${fmt(total.value)} ÷ ${fmt(size.value)} = ${fmt(exact)}${rounded}`;
  const r = reading('equal_groups', [{ op: '÷', why, expr, value }], value, total);
  return { ...r, currency: '', noun: size.per };
}

const NEEDED = /\b(?:needed|need|kailangan|kakailanganin)\b/;

/** Equal groups alone: the product is the answer ("14 rows with 22 plants in each row: how many plants"). */
function groups(story: Story, its: Item[]): Reading | null {
  const only = its[0];
  if (
    its.length !== 1 ||
    !only?.product ||
    story.targets.some((t) => t === 'left' || t === 'more' || t === 'change' || t === 'each')
  )
    return null;
  return reading('equal_groups', productsOf([only]), only.value, only);
}

function reading(schema: string, ops: Op[], value: Q, unit: Item): Reading {
  return { schema, ops, value, currency: unit.currency, noun: unit.nounText };
}

/** The thing the question counts ("how many marbles", "ilang pahina") is one the story counts. */
function namesItsThing(story: Story, its: Item[]): boolean {
  const m = /\b(?:how many|number of|ilang)\s+((?:[\p{L}-]+\s*){1,3})/u.exec(story.question);
  if (/\b(?:and|at)\b/.test(m?.[1] ?? '')) return asksKinds(story.question, its);
  const words = (m?.[1] ?? '').split(/\s+/).filter((w) => w && !STOP_WORDS.has(w));
  if (
    words.length === 0 ||
    /^(?:are|is|do|does|did|will|were|was|can|pa|na|ang|more|fewer|less)$/.test(words[0] as string)
  )
    return true;
  return its.some((x) =>
    [...x.noun, x.per, ...contentOf(x)].some((n) => n !== '' && words.some((w) => n === lemma(w))),
  );
}

/**
 * "How many kilos of rice" when the story has bags of rice and bags of sugar: the question names one kind of
 * several the amounts are said to be of, so adding them all would answer another question.
 */
function asksOneKind(story: Story, its: Item[]): boolean {
  const kind = /\b(?:how many|how much|ilang|ilan)\s+[\p{L}-]+\s+(?:of|ng)\s+([\p{L}-]+)/u.exec(
    story.question,
  )?.[1];
  if (!kind || STOP_WORDS.has(kind)) return false;
  const own = (x: Item) => x.qs.map((q) => q.after.split(/\d/)[0] ?? '').join(' ');
  const kindOf = (x: Item) => /\b(?:of|ng)\s+([\p{L}-]+)/u.exec(own(x))?.[1];
  const other = (x: Item) => {
    const k = kindOf(x);
    return k !== undefined && k !== kind && !STOP_WORDS.has(k);
  };
  return its.some((x) => hasWord(own(x), kind)) && its.some(other);
}

/** "How many notebooks and pens": each thing listed is the head of an amount of the story, none left out. */
function asksKinds(question: string, its: Item[]): boolean {
  const list = /\b(?:how many|number of|ilang)\s+([\p{L}-]+)\s+(?:and|at)\s+(?:(?:mga)\s+)?([\p{L}-]+)/u.exec(
    question,
  );
  const heads = new Set(its.map(head));
  return list !== null && heads.size === 2 && list.slice(1).every((w) => heads.has(lemma(w)));
}

/** "A pack of pandesal has 10 pieces": a container's content names what its pieces count (not a price's). */
function contentOf(x: Item): string[] {
  const e = x.qs[1];
  if (!x.product || x.currency || !e?.weak) return [];
  const of = /\bof\s+([\p{L}-]+)\s+(?:has|have|holds|contains)\s*$/u.exec(e.before)?.[1];
  return of ? [lemma(of)] : [];
}

/** A clause with no quantity that can still change one: a negation, an ordinal, or an action ("the last floor is closed"). */
function modifies(story: Story, clause: string, i: number): boolean {
  // a clause whose number was set aside ("Jose has 3 sisters", "Rey is 10 years old") states, it does not change
  if (story.quantities.some((x) => x.clause === i) || /\d/.test(clause)) return false;
  return /\b(?:not|no|never|last|first|hindi|wala|huli|una)\b/.test(clause) || lastAction(clause) !== null;
}

/** The word or its plural ("day", "days"; "inch", "inches"). */
function mentions(text: string, w: string): boolean {
  return hasWord(text, w) || hasWord(text, `${w}s`) || hasWord(text, `${w}es`) || hasWord(text, `${w}ng`);
}

/** "each"/"bawat" in a clause where no quantity is read as "each": the groups are not read, so abstain. */
function looseEach(story: Story, clause: string, i: number): boolean {
  if (![...EACH_WORDS, ...RATE_WORDS].some((w) => hasWord(clause, w))) return false;
  return !story.quantities.some((x) => x.clause === i && x.each);
}

/** The whole a fraction or percent is taken of: "of it", "of them", "nito", or the amount right after "of the". */
function takenOf(part: Quantity, whole: Quantity): boolean {
  if (/^\s*(?:of\s+(?:it|them|that|those|these)|nito)\b/.test(part.after)) return whole.clause < part.clause;
  const lead = /^\s*(?:of|ng)\s+(?:(?:the|his|her|their|its|our|my|all|ang|mga)\s+)?/.exec(part.after);
  if (lead !== null && part.after.slice(lead[0].length).startsWith(whole.text)) return true;
  // "Of the 48 eggs, one-sixth were cracked", "In a class of 45, two-fifths walk": the whole opens the clause
  return whole.clause === part.clause && whole.text !== part.text && WHOLE_FIRST.test(whole.before);
}

const WHOLE_FIRST = /^\s*(?:of|out of|sa|in a \p{L}+ of)(?:\s+(?:the|ang|mga))?\s*$/u;

/** The question asks for the part itself: the part's action ("sold 2/5 … how many did he sell") or its words. */
function asksPart(story: Story, part: Quantity, whole: Quantity): boolean {
  const clause = story.clauses[part.clause] ?? '';
  const act = lastAction(clause);
  if (act && act !== 'has' && act === lastAction(story.question)) return true;
  // "2/7 of them were absent last Monday … how many were present last Monday?": only the predicate counts, the
  // first word past the whole's own words — the word it counts when both share a clause ("20% of the 800
  // parents agree": "agree"), else the rest of its clause
  const same = part.clause === whole.clause;
  const wholeWords = same
    ? whole.noun.slice(0, 1)
    : [...whole.noun, ...(whole.after.match(/\p{L}+/gu) ?? [])];
  // … and not inside a place or time phrase ("half of the 36 pupils in the class walk": "walk")
  const inPhrase = (at: number) => PHRASE_BEFORE.test(part.after.slice(0, at));
  const predicate = [...part.after.matchAll(/\p{L}{3,}/gu)].find(
    (m) =>
      !STOP_WORDS.has(m[0]) &&
      !AUX_WORDS.includes(m[0]) &&
      !wholeWords.includes(lemma(m[0])) &&
      !wholeWords.includes(m[0]) &&
      !inPhrase(m.index),
  )?.[0];
  return predicate !== undefined && hasWord(story.question, predicate);
}

const PHRASE_BEFORE = /\b(?:in|on|at|from|into|inside|sa)\s+(?:(?:the|a|an|ang|mga|his|her|their|our)\s+)?$/;

/** A fraction or percent of a quantity ("sold 2/5 of it", "75% of his 240 kilograms"): the part, or the rest. */
function partOf(story: Story): Reading | null {
  const [x, y] = story.quantities;
  if (story.quantities.length !== 2 || story.asked.length > 0 || !x || !y) return null;
  const isPart = (p: Quantity) => p.percent || (p.attribute && p.value.d !== 1n);
  const part = isPart(x) ? x : y;
  const whole = part === x ? y : x;
  if (
    !isPart(part) ||
    isPart(whole) ||
    whole.attribute ||
    (whole.each && !whole.weak) ||
    !takenOf(part, whole)
  )
    return null;
  const frac = part.percent ? part.value.div(100) : part.value;
  if (frac.compare(1) >= 0 || frac.s <= 0n) return null;
  const rest = REST_WORDS.some((w) => hasWord(story.question, w));
  if (!rest && !asksPart(story, part, whole)) return null;
  const value = whole.value.mul(frac);
  const ops: Op[] = [
    {
      op: '×',
      why: [`${part.text} of ${whole.text}: multiply`, `${part.text} ng ${whole.text}: i-multiply`],
      expr: `${fmt(whole.value)} × ${part.percent ? `${fmt(frac)}` : part.text} = ${fmt(value)}`,
      value,
    },
  ];
  if (rest) {
    const left = whole.value.sub(value);
    const why: [string, string] = ['the rest = whole − part', 'ang natitira = kabuuan − bahagi'];
    ops.push({ op: '−', why, expr: `${fmt(whole.value)} − ${fmt(value)} = ${fmt(left)}`, value: left });
  }
  const answer = (ops.at(-1) as Op).value;
  if (answer.d !== 1n && whole.value.d === 1n && !whole.currency) return null;
  return { schema: 'part_of', ops, value: answer, currency: whole.currency, noun: whole.nounText };
}

/** A fraction or percent of what someone has at that point: "of them", "of his CDs", "nito", "of what is left". */
const OF_CURRENT =
  /^\s*(?:of\s+(?:it|them|his|her|their|its|what\s+(?:is|was)\s+left|the\s+rest|the\s+remaining)|ng\s+(?:kanyang|kaniyang|natira)|nito|niya)\b/;

const OF_REMAINDER = /^\s*(?:of\s+(?:what\s+(?:is|was)\s+left|the\s+rest|the\s+remaining)|ng\s+natira)\b/;

/**
 * Change in steps where a step may be a part of the amount at that point: "has 21 CDs, gives away a third of
 * his CDs, then buys 8" — each fraction or percent is taken of the running amount, and every amount is used.
 */
function changeChain(story: Story): Reading | null {
  const [first, ...rest] = story.quantities;
  const t = story.targets;
  if (!first || rest.length < 2 || story.asked.length > 0 || !(t.includes('left') || t.includes('now')))
    return null;
  const start = toItem(first);
  if (sign(start) !== 'set' || first.each || first.attribute || first.percent || start.compare) return null;
  const isPart = (x: Quantity) => x.percent || (x.attribute && x.value.d !== 1n);
  let value = first.value;
  const ops: Op[] = [];
  for (const x of rest) {
    const it = toItem(x);
    const s = sign(it);
    if ((s !== '+' && s !== '−') || x.each || it.compare || x.currency !== first.currency) return null;
    let amount = x.value;
    if (isPart(x)) {
      // after a change, only "of what is left", "of the rest" is the amount at that point ("1/8 of her money"
      // may be the first amount's)
      const changed = !value.equals(first.value);
      if (!OF_CURRENT.test(x.after) || (changed && !OF_REMAINDER.test(x.after))) return null;
      amount = value.mul(x.percent ? x.value.div(100) : x.value);
      const why: [string, string] = [
        `${x.text} of ${fmt(value)}: multiply`,
        `${x.text} ng ${fmt(value)}: i-multiply`,
      ];
      ops.push({ op: '×', why, expr: `${fmt(value)} × ${x.text} = ${fmt(amount)}`, value: amount });
    } else if (x.attribute || !sameThing(start, it)) return null;
    const next = s === '+' ? value.add(amount) : value.sub(amount);
    ops.push({ op: s, why: WHY[s], expr: `${fmt(value)} ${s} ${fmt(amount)} = ${fmt(next)}`, value: next });
    value = next;
  }
  if (value.s < 0n || (value.d !== 1n && !first.currency)) return null;
  return { schema: 'change', ops, value, currency: first.currency, noun: first.nounText };
}

/** What a percent says of the whole, right after it: "35% are children", "30% sa kanila ay may salamin". */
function predicateOf(p: Quantity): string | null {
  const w = PERCENT_PREDICATE.exec(p.after)?.[1] ?? null;
  return w && !STOP_WORDS.has(w) && ![...MORE_WORDS, ...LESS_WORDS].includes(w) ? w : null;
}
const PERCENT_PREDICATE =
  /^\s*(?:(?:sa kanila|nila|of them|of these)\s+)?(?:(?:are|is|were|was|ay|na)\s+)*(?:may\s+)?(\p{L}{3,})/u;

/**
 * A percent of an amount: "20% discount … how much after the discount" (the new amount), "12% VAT … magkano
 * ang VAT" or "35% are children … how many children" (the part). The question must ask one of them.
 */
function percentOf(story: Story): Reading | null {
  const [x, y] = story.quantities;
  if (story.quantities.length !== 2 || story.asked.length > 0 || !x || !y || x.percent === y.percent)
    return null;
  const [p, base] = x.percent ? [x, y] : [y, x];
  if (base.attribute || (base.each && !base.weak) || p.value.compare(100) >= 0 || p.value.s <= 0n)
    return null;
  // "If the discount she received is $40": an amount named apart as the discount is the part, not the whole
  const named = [...PERCENT_NAMES, ...PERCENT_DIRECTION.down, ...PERCENT_DIRECTION.up];
  if (base.clause !== p.clause && named.some((w) => hasWord(base.before, w))) return null;
  const own = story.clauses[p.clause] ?? '';
  const q = story.question;
  const dir = (['down', 'up'] as const).filter((d) => PERCENT_DIRECTION[d].some((w) => hasWord(own, w)));
  const asksNew = NEW_AMOUNT_WORDS.some((w) => hasWord(q, w));
  const predicate = predicateOf(p);
  const asksPart = predicate !== null && hasWord(q, predicate) && !REST_WORDS.some((w) => hasWord(q, w));
  if (asksNew === asksPart || (asksNew && dir.length !== 1)) return null;
  const frac = p.value.div(100);
  const part = base.value.mul(frac);
  const ops: Op[] = [
    {
      op: '×',
      why: [
        `${p.text} of ${base.text}: multiply by ${fmt(frac)}`,
        `${p.text} ng ${base.text}: i-multiply sa ${fmt(frac)}`,
      ],
      expr: `${fmt(base.value)} × ${fmt(frac)} = ${fmt(part)}`,
      value: part,
    },
  ];
  if (asksNew) {
    const down = dir[0] === 'down';
    const value = down ? base.value.sub(part) : base.value.add(part);
    const why: [string, string] = down
      ? ['the new amount = original − decrease', 'ang bagong halaga = orihinal − bawas']
      : ['the new amount = original + increase', 'ang bagong halaga = orihinal + dagdag'];
    const op = down ? '−' : '+';
    ops.push({ op, why, expr: `${fmt(base.value)} ${op} ${fmt(part)} = ${fmt(value)}`, value });
  }
  const answer = (ops.at(-1) as Op).value;
  if (answer.d !== 1n && base.value.d === 1n && !base.currency) return null;
  return { schema: 'percent_of', ops, value: answer, currency: base.currency, noun: base.nounText };
}

/**
 * Change read backwards: "had some marbles, won 14 more and now has 50: how many at first?" — the result
 * minus what was added, or plus what was taken away. Any other unread word, or a third amount, abstains.
 */
function startOf(story: Story): Reading | null {
  const all = `${story.clauses.join(' ')} ${story.question}`;
  const unread = [...UNREAD_WORDS, ...REMAINDER_WORDS].some((w) => w !== 'some' && hasWord(all, w));
  if (unread || story.asked.length > 0) return null;
  const [c, r] = story.quantities;
  if (story.quantities.length !== 2 || !c || !r || c.percent || r.percent || c.attribute || r.attribute)
    return null;
  const between = `${c.after.slice(0, Math.max(0, c.after.indexOf(r.text)))} ${r.before.slice(-20)}`;
  const near = r.after.split(/[,.;]/)[0] ?? '';
  const result = RESULT_WORDS.some(
    (w) => hasWord(c.clause === r.clause ? between : r.before, w) || hasWord(near, w),
  );
  const change = toItem(c);
  const s = sign(change);
  const end = toItem(r);
  if (!result || (s !== '+' && s !== '−') || change.compare || end.compare || c.each || r.each) return null;
  if (!sameThing(change, end)) return null;
  const value = s === '+' ? r.value.sub(c.value) : r.value.add(c.value);
  if (value.s <= 0n) return null;
  const op = s === '+' ? '−' : '+';
  const why: [string, string] =
    s === '+'
      ? ['undo what was added: subtract it from the result', 'alisin ang nadagdag: ibawas sa kinalabasan']
      : ['undo what was taken away: add it back to the result', 'ibalik ang nabawas: idagdag sa kinalabasan'];
  const ops: Op[] = [{ op, why, expr: `${fmt(r.value)} ${op} ${fmt(c.value)} = ${fmt(value)}`, value }];
  return {
    schema: 'change_start',
    ops,
    value,
    currency: r.currency || c.currency,
    noun: r.nounText || c.nounText,
  };
}

/** A rate in the story: "15 pages a day" (one amount for each unit), or "1 liter for every 8 kilometers". */
function rateIn(story: Story): { amount: Quantity; per: string; size: Q; text: string } | null {
  const [a, b] = story.quantities;
  if (story.quantities.length === 1 && a?.each && a.per !== '')
    return { amount: a, per: a.per, size: ONE, text: `${a.text} / 1 ${a.per}` };
  if (story.quantities.length !== 2 || !a || !b || a.clause !== b.clause || a.each || b.percent) return null;
  if (!EVERY_BEFORE.test(b.before) || b.noun.length === 0) return null;
  return { amount: a, per: head(b), size: b.value, text: `${a.text} / ${b.text}` };
}
const EVERY_BEFORE = /\b(?:for every|for each|every|each|per|sa bawat|bawat|kada)\s*$/;

/** How many of the rate's unit one of x is: 1 for the unit itself, 60 for "hours" at a rate "a minute"; null otherwise. */
function inUnit(x: Quantity, per: string, story: Story): Q | null {
  if (head(x) === per) return ONE;
  const [from, to] = [secondsIn(head(x)), secondsIn(per)];
  const someDays = CALENDAR_WORDS.some((w) => story.clauses.some((c) => hasWord(c, w)));
  return from && to && !someDays ? q(from, to) : null;
}

/**
 * Rate and unit rate with the other amount in the question: "60 km in one hour … how far in 4 hours" (multiply),
 * "15 pages a day … how many days for a 180-page book", "20 passengers each … how many jeepneys for 180" (divide).
 */
function rateOf(story: Story): Reading | null {
  const r = rateIn(story);
  const m = story.asked[0];
  if (!r || !m || story.asked.length !== 1 || m.percent || m.attribute || m.each || m.currency) return null;
  const other = (c: string, i: number) =>
    i !== r.amount.clause && (looseEach(story, c, i) || modifies(story, c, i));
  if (story.clauses.some(other)) return null;
  const { amount: a, per } = r;
  const k = inUnit(m, per, story);
  if (k !== null) {
    const thing = head(a);
    const asked =
      (a.currency !== '' && story.targets.includes('money')) ||
      mentions(story.question, thing) ||
      (story.targets.includes('size') && UNIT_WORDS.includes(thing));
    if (!asked) return null;
    const count = m.value.mul(k).div(r.size);
    const value = count.mul(a.value);
    const why: [string, string] = [
      `${r.text}: multiply by the number of ${per}s`,
      `${r.text}: i-multiply sa dami ng ${per}`,
    ];
    const ops: Op[] = [
      {
        op: '×',
        why,
        expr: `${fmt(m.value.mul(k))}${r.size.equals(1) ? '' : ` ÷ ${fmt(r.size)}`} × ${fmt(a.value)} = ${fmt(value)}`,
        value,
      },
    ];
    return { schema: 'rate', ops, value, currency: a.currency, noun: a.nounText };
  }
  if (head(m) !== head(a) || a.currency) return null;
  const time = secondsIn(per) !== null;
  const askedPer =
    new RegExp(`\\b(?:how many|ilang)\\s+${per}`).test(story.question) || mentions(story.question, per);
  if (!(askedPer || (time && /\b(?:how long|gaano katagal)\b/.test(story.question)))) return null;
  const exact = m.value.div(a.value).mul(r.size);
  const value = exact.d !== 1n && !time && NEEDED.test(story.question) ? exact.ceil() : exact;
  if (value.d !== 1n && !time) return null;
  const why: [string, string] = [
    `how many groups of ${a.text} make ${m.text}: divide`,
    `ilang tig-${a.text} ang bubuo sa ${m.text}: hatiin`,
  ];
  const size = r.size.equals(1) ? '' : ` × ${fmt(r.size)}`;
  const rounded = value.equals(exact) ? '' : `, so ${fmt(value)}`;
  const expr = `${fmt(m.value)} ÷ ${fmt(a.value)}${size} = ${fmt(exact)}${rounded}`;
  const ops: Op[] = [{ op: '÷', why, expr, value }];
  return { schema: 'rate', ops, value, currency: '', noun: per };
}

/**
 * One amount for each, then several counts of it: "₱20 for every car he washes … 7 cars on Saturday and 5 on
 * Sunday", "turon na tig-15 piso … nakabenta ng 24 sa umaga at 18 sa hapon": the counts added, then multiplied.
 */
function eachOfSeveral(story: Story): Reading | null {
  const each = story.quantities.filter((x) => x.each);
  const e = each[0];
  const counts = story.quantities.filter((x) => x !== e);
  if (each.length !== 1 || !e || story.asked.length > 0 || counts.length < 2) return null;
  const action = lastAction(counts[0]?.before ?? '');
  const fits = (x: Quantity) =>
    !x.currency &&
    !x.percent &&
    !x.attribute &&
    x.clause !== e.clause &&
    lastAction(x.before) === action &&
    // a factor or a "5 more" is measured against another amount, not counted alone
    !/^\s*(?:times|beses|na beses|more|fewer|less|pa)\b/.test(x.after) &&
    comparison(x) === null &&
    (e.per === '' || e.text.startsWith('tig-') ? x.noun.length === 0 : head(x) === e.per);
  if (!counts.every(fits) || story.targets.some((t) => t !== 'money' && t !== 'total')) return null;
  if (e.currency ? !story.targets.includes('money') : !mentions(story.question, head(e))) return null;
  const sum = run(
    counts.map((x) => ({ ...toItem(x), product: undefined })),
    counts.slice(1).map(() => '+'),
    () => WHY.together,
  );
  const value = sum.value.mul(e.value);
  const why: [string, string] = [
    `${fmt(sum.value)} in all, ${e.text} for each: multiply`,
    `${fmt(sum.value)} lahat, tig-${e.text}: i-multiply`,
  ];
  const ops: Op[] = [
    ...sum.ops,
    { op: '×', why, expr: `${fmt(sum.value)} × ${e.text} = ${fmt(value)}`, value },
  ];
  return { schema: 'equal_groups', ops, value, currency: e.currency, noun: e.nounText };
}

/** Schemas tried in order; the first that reads every quantity of the story answers. */
const SCHEMAS = [changeBack, share, groupsOf, groups, actionSum, change];

/** Reads the story with the school schemas; null when no schema accounts for every quantity. */
export function readSchemas(story: Story): Reading | null {
  const all = `${story.clauses.join(' ')} ${story.question}`;
  if (story.readable && FIRST_WORDS.some((w) => hasWord(story.question, w))) return startOf(story);
  const percent = [...story.quantities, ...story.asked].some((x) => x.percent);
  const unreadWord = (w: string) => hasWord(all, w) && !(percent && PERCENT_NAMES.includes(w));
  if (!story.readable) return null;
  const unread = UNREAD_WORDS.filter(unreadWord);
  if (unread.length > 0) return unread.every((w) => CHAIN_READS.includes(w)) ? chainOf(story) : null;
  if (story.targets.includes('more') && REMAINDER_WORDS.some((w) => hasWord(all, w))) return null;
  if ([...RATE_WORDS, ...SHIFT_WORDS].some((w) => hasWord(story.question, w))) return null;
  if ([...story.quantities, ...story.asked].some((x) => x.percent || x.attribute))
    return partOf(story) ?? percentOf(story) ?? changeChain(story);
  const asksCount = /\b(?:how many|ilan|ilang)\b/.test(story.question);
  if (story.targets.length === 0 && !asksCount) return null;
  return schoolReading(story) ?? chainOf(story);
}

/**
 * Unread words a product chain reads past: it accounts for every quantity by its unit, so a condition ("If he
 * works 8 hours a day") or a rate named "speed" changes nothing it reads.
 */
const CHAIN_READS = ['if', 'kung', 'would', 'speed'];

/** Products chained by their units, when the question asks no other time. */
function chainOf(story: Story): Reading | null {
  if ([...RATE_WORDS, ...SHIFT_WORDS].some((w) => hasWord(story.question, w))) return null;
  return unitChain(story);
}

/** The school schemas on a story past the gates of readSchemas. */
function schoolReading(story: Story): Reading | null {
  const all = `${story.clauses.join(' ')} ${story.question}`;
  const chain = comparisonChain(story);
  if (chain) return chain;
  const rate = rateOf(story);
  if (rate) return rate;
  if (story.clauses.some((c, i) => looseEach(story, c, i) || modifies(story, c, i))) return null;
  if (story.clauses.some((c) => TARGETS.total.some((w) => hasWord(c, w)))) return sumAndRelation(story);
  const timeRate = story.quantities.some((x) => x.each && secondsIn(x.per) !== null);
  // "on the two days" points back at the story's amounts, whatever unit it names
  const back = story.asked.filter((x) => /\bthe\s*$/.test(x.before)).map(head);
  const unread = (u: string) =>
    !(timeRate && secondsIn(u)) && !back.includes(u) && !story.clauses.some((c) => mentions(c, u));
  if (UNIT_WORDS.some((u) => mentions(story.question, u) && unread(u))) return null;
  const several = eachOfSeveral(story);
  if (several) return several;
  const its = items(story);
  if (!its || its.length < 1 || its.length > 4 || story.clauses.length > 4) return null;
  const timeAsked = askedTime(story) !== null && its.some((x) => secondsIn(x.noun[0] ?? '') !== null);
  if (!namesItsThing(story, its) && !category(story, its) && !timeAsked) return null;
  if (asksOneKind(story, its)) return null;
  if (its.some((x) => x.compare === 'unread')) return null;
  // "how much water", "how much heavier": a measured amount when the story names no money
  const hasMoney = story.quantities.some((x) => x.currency);
  const comparing =
    its.some((x) => x.compare) || THAN_WORDS.some((w) => hasWord(all, w)) || story.targets.includes('more');
  // "how tall is his sister": a measure is asked only of a comparison
  const sizeOnly = story.targets.length === 1 && story.targets[0] === 'size';
  for (const schema of comparing ? [compare, difference] : sizeOnly ? [] : SCHEMAS) {
    const r = schema(story, its);
    if (r && !(story.targets.includes('money') && !r.currency && hasMoney)) return inAskedTime(story, r);
  }
  return null;
}

/** The unit of time the question counts ("ilang oras", "how many hours"), when it asks one. */
function askedTime(story: Story): string | null {
  const w = askedNoun(story.question);
  return w && secondsIn(lemma(w)) ? w : null;
}

/** "40 minuto araw-araw sa loob ng 6 na araw … ilang oras": the time found, in the unit the question asks. */
function inAskedTime(story: Story, r: Reading): Reading | null {
  const to = askedTime(story);
  // the unit is the word the number counts, the first of its noun ("minutes every day" counts minutes)
  const unit = r.noun.split(' ')[0] ?? '';
  const from = lemma(unit);
  if (to === null || lemma(to) === from) return r;
  const [a, b] = [secondsIn(from), secondsIn(lemma(to))];
  if (!a || !b || r.currency) return null;
  const value = r.value.mul(q(a, b));
  const why: [string, string] = [`change ${unit} to ${to}`, `gawing ${to} ang ${unit}`];
  const expr = `${fmt(r.value)} ${unit} = ${fmt(value)} ${to}`;
  return { ...r, ops: [...r.ops, { op: a > b ? '×' : '÷', why, expr, value }], value, noun: to };
}
