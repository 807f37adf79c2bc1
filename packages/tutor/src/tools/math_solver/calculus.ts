import { mainExpression, parseExpr, toPoly } from './expr.ts';
import { everyNumberUsed } from './guards.ts';
import type { Poly } from './poly.ts';
import { type FamilySolver, type MathStep, step } from './types.ts';

const ORDER_WORDS: [RegExp, number][] = [
  [/\b(first|1st|una|unang)\b/, 1],
  [/\b(second|2nd|ikalawa|ikalawang|pangalawa|pangalawang|ika-2)\b/, 2],
  [/\b(third|3rd|ikatlo|ikatlong|pangatlo|pangatlong|ika-3)\b/, 3],
  [/\b(fourth|4th|ikaapat|ikaapat na|pang-apat|ika-4)\b/, 4],
  [/\b(fifth|5th|ikalima|panlima|ika-5)\b/, 5],
];

export const solveDerivative: FamilySolver = everyNumberUsed((norm, lower, c) => {
  if (!/derivative|differentiat|derivatibo|deribatibo|hinango|iba-ibahin|d\/d[a-z]|\bderive\b/.test(lower))
    return null;
  let order = 1;
  for (const [re, n] of ORDER_WORDS)
    if (re.test(lower)) {
      order = n;
      break;
    }
  const nth = /\b(\d+)(?:st|nd|rd|th)\b/.exec(lower);
  if (nth?.[1]) order = Number(nth[1]);
  if (order < 1 || order > 20) return null;
  let v: string | null = null;
  const wrt =
    /(?:with\s+respect\s+to|w\.?r\.?t\.?|kaugnay\s+sa|kaugnay\s+ng|with\s+regards?\s+to|patungkol\s+sa|respect\s+sa|(?:na\s+)?may\s+kinalaman\s+sa|tungkol\s+sa|batay\s+sa|ayon\s+sa|(?:na\s+may\s+)?paggalang\s+sa|respeto\s+sa|kay)\s+([a-z])\b/.exec(
      lower,
    );
  if (wrt?.[1]) v = wrt[1];
  const ddx = /d\/d([a-z])/.exec(lower);
  if (!v && ddx?.[1]) v = ddx[1];
  let text = norm.replace(/d\/d[a-zA-Z]/g, ' ');
  if (wrt) text = text.replace(new RegExp(`${wrt[0].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'i'), ' ');
  text = text.replace(/\b[a-zA-Z]\s*\(\s*[a-zA-Z]\s*\)\s*=/g, ' ').replace(/\by\s*=/g, ' ');
  text = text.replace(/\b(\d+)(st|nd|rd|th)\b/g, ' ');
  const expr = mainExpression(text, false);
  if (!expr) return null;
  let p: Poly;
  try {
    p = toPoly(parseExpr(expr));
  } catch {
    return null;
  }
  const vars = p.vars();
  if (!v) v = vars.length === 1 ? (vars[0] ?? null) : vars.includes('x') ? 'x' : null;
  if (!v) return null;
  const steps: MathStep[] = [step(c.tr('Write the function', 'Isulat ang function'), p.pretty())];
  const others = vars.filter((x) => x !== v);
  let cur = p;
  const ordinal = (k: number) =>
    c.tr(
      ['first', 'second', 'third', 'fourth', 'fifth'][k - 1] ?? `${k}th`,
      ['unang', 'ikalawang', 'ikatlong', 'ikaapat na', 'ikalimang'][k - 1] ?? `ika-${k} na`,
    );
  for (let k = 1; k <= order; k++) {
    cur = cur.derivative(v);
    const ruleEn = `power rule d/d${v}(a·${v}ⁿ) = n·a·${v}ⁿ⁻¹${others.length ? `; treat ${others.join(', ')} as constant${others.length > 1 ? 's' : ''}` : ''}`;
    const ruleFil = `power rule d/d${v}(a·${v}ⁿ) = n·a·${v}ⁿ⁻¹${others.length ? `; ituring na constant ang ${others.join(', ')}` : ''}`;
    steps.push(
      step(
        c.tr(
          `Differentiate term by term for the ${ordinal(k)} derivative (${ruleEn}; constants vanish)`,
          `I-differentiate ang bawat term para sa ${ordinal(k)} derivative (${ruleFil}; nawawala ang constant)`,
        ),
        cur.pretty(),
      ),
    );
  }
  return {
    kind: others.length ? 'partial_derivative' : 'derivative',
    answer: cur.toString(),
    steps,
    concept: c.tr(
      `Use the power rule on each term: bring the exponent down as a multiplier and lower the power of ${v} by one; repeat for higher derivatives.`,
      `Gamitin ang power rule sa bawat term: ibaba ang exponent bilang multiplier at bawasan ng isa ang power ng ${v}; ulitin para sa mas mataas na derivative.`,
    ),
  };
});
