import { fmtNumber, type Q } from '../num.ts';
import type { MathLocale, MathStep } from '../types.ts';
import { step } from '../types.ts';
import type { Target } from './lexicon.ts';
import type { Quantity, Story } from './read.ts';
import type { Reading } from './schemas.ts';

const tr = (loc: MathLocale, en: string, fil: string) => (loc === 'fil' ? fil : en);

/** A number as a story's steps write it: exact, as a fraction or the story's decimals. */
export const fmt = (x: Q): string => fmtNumber(x, true);

/** Why an operation is chosen, in English and Filipino: one wording for every schema and chain. */
export const WHY: Record<'+' | '−' | 'together' | 'change' | 'compare', [string, string]> = {
  '+': ['more is added, so add', 'may nadagdag, kaya mag-add'],
  '−': ['some is taken away, so subtract', 'may nabawas, kaya mag-subtract'],
  together: ['put the parts together, so add', 'pagsasamahin, kaya mag-add'],
  change: ['change = amount paid − cost', 'sukli = ibinayad − halaga'],
  compare: [
    'to compare, subtract the smaller from the larger',
    'para maghambing, ibawas ang mas maliit sa mas malaki',
  ],
};

/** A number with its unit, the way a teacher writes the answer: "₱54", "15 apples", "24 na pahina". */
export function withUnit(n: string, currency: string, noun: string, loc: MathLocale): string {
  if (currency) return `${currency}${n}`;
  if (!noun) return n;
  return loc === 'fil' ? `${n} na ${noun}` : `${n} ${noun}`;
}

function known(qs: Quantity[], loc: MathLocale): string {
  return qs
    .map((x) => (x.currency || !x.nounText ? x.text : withUnit(x.text, '', x.nounText, loc)))
    .map((t, i) => (qs[i]?.each && !t.startsWith('tig-') ? tr(loc, `${t} each`, `tig-${t}`) : t))
    .join('; ');
}

/** The steps of a solved story: what is known, what is asked, each operation and why, the answer. */
export function storySteps(story: Story, r: Reading, answer: string, loc: MathLocale): MathStep[] {
  return [
    step(tr(loc, 'What we know', 'Ano ang alam natin'), known(story.quantities, loc)),
    step(tr(loc, 'What is asked', 'Ano ang tinatanong'), story.shown),
    ...r.ops.map((o) =>
      step(tr(loc, `Operation ${o.op}: ${o.why[0]}`, `Operasyon ${o.op}: ${o.why[1]}`), o.expr),
    ),
    step(tr(loc, 'Answer', 'Sagot'), withUnit(answer, r.currency, r.noun, loc)),
  ];
}

const ASKS: Record<Target, [string, string]> = {
  total: ['how many there are in all', 'kung ilan lahat'],
  left: ['how many are left', 'kung ilan ang natira'],
  more: ['how many more there are', 'kung ilan pa ang kulang o ang lamang'],
  each: ['how much each one gets', 'kung ilan ang para sa bawat isa'],
  change: ['how much change there is', 'kung magkano ang sukli'],
  money: ['how much it is', 'kung magkano ito'],
  now: ['how many there are now', 'kung ilan na ngayon'],
  size: ['how big the measure is', 'kung gaano kalaki ang sukat'],
};

/** What the question asks, in words, for the opening question. */
function asks(story: Story, loc: MathLocale): string {
  const t = story.targets[0];
  return t ? tr(loc, ...ASKS[t]) : tr(loc, 'what the question asks', 'ang hinihingi ng tanong');
}

/** A Socratic opening when the story cannot be read with certainty: the quantities, the question, one question. */
export function opening(story: Story, loc: MathLocale): { message: string; steps: MathStep[] } {
  const facts = known(story.quantities, loc);
  const message = tr(
    loc,
    `Let's work it out together. What do we know? I see these quantities: ${facts}. The question is: "${story.shown}" Which operation do we need first to find ${asks(story, loc)}?`,
    `Sabay nating lutasin. Ano ang alam na natin? Nakita ko ang mga bilang na ito: ${facts}. Ang tanong: "${story.shown}" Anong operasyon ang kailangan para malaman ${asks(story, loc)}?`,
  );
  const steps = [
    step(tr(loc, 'What we know', 'Ano ang alam natin'), facts),
    step(tr(loc, 'What is asked', 'Ano ang tinatanong'), story.shown),
  ];
  return { message, steps };
}
