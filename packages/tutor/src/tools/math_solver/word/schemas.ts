import { fmtNumber, type Q } from '../num.ts';
import {
  type Action,
  EACH_WORDS,
  LESS_WORDS,
  MORE_WORDS,
  SHARE_WORDS,
  STOP_WORDS,
  THAN_WORDS,
  UNREAD_WORDS,
} from './lexicon.ts';
import { hasWord, lastAction, type Quantity, type Story } from './read.ts';

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
  text: string;
  qs: Quantity[];
  action: Action | null;
  currency: string;
  noun: string[];
  nounText: string;
  owner: string | null;
  clause: string;
  /** "5 more than", "3 fewer": the amount compares with another one. */
  compare: 'more' | 'less' | null;
  product?: Op;
}

const fmt = (x: Q): string => fmtNumber(x, true);

/** Two amounts count the same thing: same currency, or the head noun of one is among the other's words. */
function sameThing(a: Item, b: Item): boolean {
  if (a.currency || b.currency) return a.currency === b.currency;
  if (a.noun.length === 0 || b.noun.length === 0) return true;
  return a.noun.includes(b.noun.at(-1) as string) || b.noun.includes(a.noun.at(-1) as string);
}

/** The groups of a story multiplied out: an "each" quantity with the count in its clause (or question). */
function items(story: Story): Item[] | null {
  const out: Item[] = [];
  const used = new Set<Quantity>();
  for (const e of story.quantities.filter((x) => x.each)) {
    const partners = story.quantities.filter((x) => x.clause === e.clause && !x.each && !used.has(x));
    if (partners.length !== 1) return null;
    const n = partners[0] as Quantity;
    used.add(n).add(e);
    const value = n.value.mul(e.value);
    const thing = e.currency ? e : { ...e, noun: e.noun.length > 0 ? e.noun : n.noun };
    out.push({
      ...toItem(n, story),
      value,
      text: fmt(value),
      qs: [n, e],
      currency: e.currency,
      noun: thing.noun,
      nounText: e.nounText || n.nounText,
      product: {
        op: '×',
        why: [
          `${n.text} equal groups of ${e.text}: multiply`,
          `${n.text} na pangkat na tig-${e.text}: i-multiply`,
        ],
        expr: `${n.text} × ${e.text} = ${e.currency}${fmt(value)}`,
        value,
      },
    });
  }
  for (const x of story.quantities) if (!used.has(x)) out.push(toItem(x, story));
  return out.sort(
    (a, b) => story.quantities.indexOf(a.qs[0] as Quantity) - story.quantities.indexOf(b.qs[0] as Quantity),
  );
}

/** "more"/"fewer" within the few words after a number marks a comparison. */
function comparison(after: string): 'more' | 'less' | null {
  const near = after.split(/\s+/).slice(0, 5).join(' ');
  if (MORE_WORDS.some((w) => hasWord(near, w))) return 'more';
  if (LESS_WORDS.some((w) => hasWord(near, w))) return 'less';
  return null;
}

function toItem(x: Quantity, story: Story): Item {
  return {
    value: x.value,
    text: x.text,
    qs: [x],
    action: lastAction(x.before),
    currency: x.currency,
    noun: x.noun,
    nounText: x.nounText,
    owner: x.owner,
    clause: story.clauses[x.clause] ?? '',
    compare: comparison(x.after),
  };
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

const WHY: Record<'+' | '−', [string, string]> = {
  '+': ['more is added, so add', 'may nadagdag, kaya mag-add'],
  '−': ['some is taken away, so subtract', 'may nabawas, kaya mag-subtract'],
};

/** Change (join/separate) and combine: a start, then amounts added or taken away in order. */
function change(story: Story, its: Item[]): Reading | null {
  const t = story.targets;
  const signs = its.map(sign);
  if (signs.some((s) => s === null) || signs[0] !== 'set') return null;
  const first = its[0] as Item;
  if (!its.every((x) => sameThing(first, x))) return null;
  const owners = new Set(its.map((x) => x.owner).filter(Boolean));
  const allSet = signs.every((s) => s === 'set');
  if (allSet && (its.length < 2 || !t.includes('total'))) return null;
  if (!allSet && (owners.size > 1 || signs.slice(1).includes('set'))) return null;
  const hasMinus = signs.includes('−');
  const wants = t.includes('left') ? hasMinus : t.includes('now') || (t.includes('total') && !hasMinus);
  if (!wants && !(allSet && t.includes('total'))) return null;
  if (t.includes('more') || t.includes('each') || t.includes('change')) return null;
  const ops: Op[] = its.flatMap((x) => (x.product ? [x.product] : []));
  let value = first.value;
  its.slice(1).forEach((x, i) => {
    const s = allSet ? '+' : (signs[i + 1] as '+' | '−');
    const next = s === '+' ? value.add(x.value) : value.sub(x.value);
    const why: [string, string] = allSet
      ? ['put the parts together, so add', 'pagsasamahin, kaya mag-add']
      : WHY[s];
    ops.push({ op: s, why, expr: `${fmt(value)} ${s} ${fmt(x.value)} = ${fmt(next)}`, value: next });
    value = next;
  });
  if (value.s < 0n) return null;
  return reading(allSet ? 'combine' : 'change', ops, value, first);
}

/** "How much did she spend in all?": the amounts of the action the question names, added up. */
function actionSum(story: Story, its: Item[]): Reading | null {
  const asked = lastAction(story.question);
  if (asked === null || asked === 'has' || asked === 'need') return null;
  if (!its.every((x) => x.action === asked && sameThing(its[0] as Item, x))) return null;
  if (its.length > 1 && !story.targets.includes('total')) return null;
  if (story.targets.some((t) => t === 'left' || t === 'more' || t === 'each' || t === 'change')) return null;
  const ops: Op[] = its.flatMap((x) => (x.product ? [x.product] : []));
  let value = (its[0] as Item).value;
  for (const x of its.slice(1)) {
    const next = value.add(x.value);
    ops.push({
      op: '+',
      why: ['put the amounts together, so add', 'pagsasamahin, kaya mag-add'],
      expr: `${fmt(value)} + ${fmt(x.value)} = ${fmt(next)}`,
      value: next,
    });
    value = next;
  }
  if (ops.length === 0) return null;
  return reading('combine', ops, value, its[0] as Item);
}

/** Paying for a purchase: change = amount paid − total cost. */
function changeBack(story: Story, its: Item[]): Reading | null {
  if (!story.targets.includes('change') || its.length !== 2) return null;
  const paid = its.find((x) => !x.product && (x.action === 'spend' || x.action === 'lose'));
  const cost = its.find((x) => x !== paid);
  if (!paid || !cost || !paid.currency || cost.currency !== paid.currency) return null;
  const value = paid.value.sub(cost.value);
  if (value.s < 0n) return null;
  const ops: Op[] = cost.product ? [cost.product] : [];
  ops.push({
    op: '−',
    why: ['change = amount paid − cost', 'sukli = ibinayad − halaga'],
    expr: `${fmt(paid.value)} − ${fmt(cost.value)} = ${fmt(value)}`,
    value,
  });
  return reading('change_money', ops, value, paid);
}

/** Compare: "Ben has 5 more apples than Ana" (either order) — the other amount, or both together. */
function compare(story: Story, its: Item[]): Reading | null {
  if (its.length !== 2) return null;
  const b = its.find((x) => x.compare !== null);
  const a = its.find((x) => x !== b);
  if (!a || !b || a.compare !== null || sign(a) !== 'set' || sign(b) !== 'set' || !sameThing(a, b))
    return null;
  if (!a.owner || !b.owner || a.owner === b.owner) return null;
  const rel = b.qs[0]?.after ?? '';
  const names = story.names.filter((n) => hasWord(rel, n));
  if (names.length > 0 && !(names.length === 1 && names[0] === a.owner)) return null;
  if (names.length === 0 && THAN_WORDS.some((w) => hasWord(rel, w))) return null;
  const more = b.compare === 'more';
  const bValue = more ? a.value.add(b.value) : a.value.sub(b.value);
  if (bValue.s < 0n) return null;
  const op = more ? '+' : '−';
  const why: [string, string] = more
    ? ['"more than" means add to the other amount', 'ang "higit kaysa" ay dagdag sa kabila']
    : ['"fewer than" means take from the other amount', 'ang "kulang kaysa" ay bawas sa kabila'];
  const ops: Op[] = [
    { op, why, expr: `${fmt(a.value)} ${op} ${fmt(b.value)} = ${fmt(bValue)}`, value: bValue },
  ];
  const t = story.targets;
  const q = story.question;
  if (t.includes('total') && t.length === 1) {
    const all = a.value.add(bValue);
    const both: [string, string] = [
      'put both amounts together, so add',
      'pagsamahin ang dalawa, kaya mag-add',
    ];
    ops.push({ op: '+', why: both, expr: `${fmt(a.value)} + ${fmt(bValue)} = ${fmt(all)}`, value: all });
    return reading('compare', ops, all, a);
  }
  if (!hasWord(q, b.owner) || hasWord(q, a.owner) || t.some((x) => x !== 'money')) return null;
  return reading('compare', ops, bValue, a);
}

/** Difference: "how many more does Ben have than Ana", or what is still needed ("ilan pa ang kailangan"). */
function difference(story: Story, its: Item[]): Reading | null {
  if (!story.targets.includes('more') || its.length !== 2) return null;
  const [a, b] = its as [Item, Item];
  if (!sameThing(a, b) || a.compare || b.compare) return null;
  const need = its.find((x) => x.action === 'need');
  const have = its.find((x) => x !== need);
  const bothSet = sign(a) === 'set' && sign(b) === 'set' && a.owner !== b.owner && a.owner && b.owner;
  if (!bothSet && !(need && have && sign(have) === 'set')) return null;
  const big = need ?? (a.value.compare(b.value) >= 0 ? a : b);
  const small = big === a ? b : a;
  const value = big.value.sub(small.value);
  if (value.s < 0n || value.n === 0n) return null;
  const why: [string, string] = need
    ? ['what is still needed = what is needed − what is there', 'kulang pa = kailangan − mayroon na']
    : [
        'to compare, subtract the smaller from the larger',
        'para maghambing, ibawas ang mas maliit sa mas malaki',
      ];
  return reading(
    'compare',
    [{ op: '−', why, expr: `${fmt(big.value)} − ${fmt(small.value)} = ${fmt(value)}`, value }],
    value,
    a,
  );
}

/** Equal sharing: a whole "shared equally among 4" / "hinati sa 4", the question asking for each share. */
function share(story: Story, its: Item[]): Reading | null {
  if (!story.targets.includes('each') || its.length !== 2 || its.some((x) => x.product)) return null;
  const [whole, parts] = its as [Item, Item];
  if (!SHARE_WORDS.some((w) => hasWord(parts.qs[0]?.before ?? '', w) || hasWord(story.clauses.join(' '), w)))
    return null;
  if (parts.currency || !parts.value.d || parts.value.n === 0n || parts.value.d !== 1n) return null;
  const value = whole.value.div(parts.value);
  if (value.d !== 1n && !whole.currency) return null;
  return reading(
    'equal_groups',
    [
      {
        op: '÷',
        why: ['sharing equally means dividing', 'ang paghahati nang pantay ay division'],
        expr: `${fmt(whole.value)} ÷ ${fmt(parts.value)} = ${fmt(value)}`,
        value,
      },
    ],
    value,
    whole,
  );
}

function reading(schema: string, ops: Op[], value: Q, unit: Item): Reading {
  return { schema, ops, value, currency: unit.currency, noun: unit.nounText };
}

/** Schemas tried in order; the first that reads every quantity of the story answers. */
const SCHEMAS = [changeBack, compare, difference, share, actionSum, change];

/** The thing the question counts ("how many marbles", "ilang pahina") is one the story counts. */
function namesItsThing(story: Story, its: Item[]): boolean {
  const m = /\b(?:how many|number of|ilang)\s+([\p{L}-]+)/u.exec(story.question);
  const word = m?.[1];
  if (!word || STOP_WORDS.has(word) || /^(?:are|is|do|does|did|will|were|was|can|pa|na|ang)$/.test(word))
    return true;
  const lem = word.replace(/(?:ies)$/, 'y').replace(/(?:es|s)$/, '');
  return its.every(
    (x) => x.currency !== '' || x.noun.length === 0 || x.noun.some((n) => n === word || n.startsWith(lem)),
  );
}

/** "each"/"bawat" in a clause where no quantity is read as "each": the groups are not read, so abstain. */
function looseEach(story: Story, clause: string, i: number): boolean {
  if (!EACH_WORDS.some((w) => hasWord(clause, w))) return false;
  return !story.quantities.some((x) => x.clause === i && x.each);
}

/** Reads the story with the school schemas; null when no schema accounts for every quantity. */
export function readSchemas(story: Story): Reading | null {
  const all = `${story.clauses.join(' ')} ${story.question}`;
  if (!story.readable || UNREAD_WORDS.some((w) => hasWord(all, w))) return null;
  if (story.asked.length > 0 || story.quantities.some((x) => x.percent || x.attribute)) return null;
  const asksCount = /\b(?:how many|ilan|ilang)\b/.test(story.question);
  if (story.targets.length === 0 && !asksCount) return null;
  const its = items(story);
  if (!its || its.length < 1 || its.length > 4) return null;
  if (!namesItsThing(story, its) || story.clauses.some((c, i) => looseEach(story, c, i))) return null;
  const comparing = its.some((x) => x.compare) || THAN_WORDS.some((w) => hasWord(all, w));
  for (const schema of comparing ? [compare, difference] : SCHEMAS) {
    const r = schema(story, its);
    if (r && !(story.targets.includes('money') && !r.currency)) return r;
  }
  return null;
}
