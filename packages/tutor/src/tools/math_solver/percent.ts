import { asksForAnotherPart, everyNumberUsedAnywhere } from './guards.ts';
import { fmtDecimal, fmtFrac, type Q, q } from './num.ts';
import { type FamilySolver, type MathStep, type SolveCtx, type Solved, step } from './types.ts';

const N = String.raw`(-?\d+(?:\.\d+)?)`;
const PCT = String.raw`\s*(?:%|percent|per\s+cent|porsyento|porsiyento|bahagdan)`;

const fmt = (x: Q) => fmtDecimal(x) ?? fmtFrac(x);

/** "What percent of the whole is the part": part/whole × 100; null for a whole of zero. */
function partOfWhole(part: string, whole: string, concept: string, c: SolveCtx): Solved | null {
  const w = q(whole);
  if (w.equals(0)) return null;
  const v = q(part).div(w).mul(100);
  return {
    kind: 'percentage',
    answer: fmt(v),
    steps: [
      step(
        c.tr('Write the part over the whole', 'Isulat ang bahagi sa ibabaw ng kabuuan'),
        `${part}/${whole}`,
      ),
      step(
        c.tr('Multiply by 100 to get a percent', 'I-multiply sa 100 para maging porsyento'),
        `${part}/${whole} × 100 = ${fmt(v)}%`,
      ),
    ],
    concept,
  };
}

export const solvePercent: FamilySolver = everyNumberUsedAnywhere((_norm, lower, c) => {
  if (!/%|percent|porsyento|porsiyento|bahagdan/.test(lower)) return null;
  // "Sold 80% of 150 kilos. How many are left?" asks for the rest, not the part this family computes.
  if (asksForAnotherPart(lower)) return null;
  let m: RegExpExecArray | null;
  const concept = c.tr(
    'Percent means "per hundred": p% of a number is p/100 times that number.',
    'Ang porsyento ay "bawat sandaan": ang p% ng isang numero ay p/100 na pinarami sa numerong iyon.',
  );
  // X is what percent of Y / what percent of Y is X / ilang porsyento ng Y ang X
  m = new RegExp(String.raw`${N}\s+(?:is|ay)\s+(?:what|ilang|anong)${PCT}\s+(?:of|ng)\s+${N}`).exec(lower);
  let part: string | undefined;
  let whole: string | undefined;
  if (m) [part, whole] = [m[1], m[2]];
  else {
    m = new RegExp(String.raw`(?:what|ilang|anong)${PCT}\s+(?:of|ng)\s+${N}\s+(?:is|ang|ay)\s+${N}`).exec(
      lower,
    );
    if (m) [whole, part] = [m[1], m[2]];
  }
  if (part && whole) return partOfWhole(part, whole, concept, c);
  // X is P% of what number / P% ng anong numero ay X
  m = new RegExp(String.raw`${N}\s+(?:is|ay)\s+${N}${PCT}\s+(?:of|ng)\s+(?:what|anong|aling)`).exec(lower);
  let known: string | undefined;
  let pct: string | undefined;
  if (m) [known, pct] = [m[1], m[2]];
  else {
    m = new RegExp(
      String.raw`${N}${PCT}\s+(?:of|ng)\s+(?:what|anong|aling)\s+(?:number|numero|bilang)\s+(?:is|ay|ang)\s+${N}`,
    ).exec(lower);
    if (m) [pct, known] = [m[1], m[2]];
  }
  if (known && pct) {
    const p = q(pct);
    if (p.equals(0)) return null;
    const v = q(known).mul(100).div(p);
    return {
      kind: 'percentage',
      answer: fmt(v),
      steps: [
        step(
          c.tr(
            'Let n be the number: p% of n is the known part',
            'Hayaang n ang numero: ang p% ng n ay ang alam na bahagi',
          ),
          `${pct}/100 × n = ${known}`,
        ),
        step(
          c.tr('Divide by the percent as a fraction', 'Hatiin sa porsyento bilang fraction'),
          `n = ${known} × 100 ÷ ${pct} = ${fmt(v)}`,
        ),
      ],
      concept,
    };
  }
  // increase / decrease X by P%
  m = new RegExp(
    String.raw`(increase|decrease|reduce|dagdagan|bawasan|taasan|ibaba)\s+(?:ang\s+)?${N}\s+(?:by|nang|ng)\s+${N}${PCT}`,
  ).exec(lower);
  if (m?.[1] && m[2] && m[3]) {
    const up = /increase|dagdagan|taasan/.test(m[1]);
    const base = q(m[2]);
    const change = base.mul(q(m[3])).div(100);
    const v = up ? base.add(change) : base.sub(change);
    return {
      kind: 'percentage',
      answer: fmt(v),
      steps: [
        step(
          c.tr(`Find ${m[3]}% of ${m[2]}`, `Kunin ang ${m[3]}% ng ${m[2]}`),
          `${m[3]}/100 × ${m[2]} = ${fmt(change)}`,
        ),
        step(
          up
            ? c.tr('Add it to the original', 'Idagdag sa orihinal')
            : c.tr('Subtract it from the original', 'Ibawas sa orihinal'),
          `${m[2]} ${up ? '+' : '-'} ${fmt(change)} = ${fmt(v)}`,
        ),
      ],
      concept,
    };
  }
  // 45 out of 50 as a percent
  m = new RegExp(String.raw`${N}\s+(?:out\s+of|sa|mula\s+sa)\s+${N}`).exec(lower);
  if (m?.[1] && m[2] && /what|ilang|anong|ano/.test(lower) && !new RegExp(`${N}${PCT}`).test(lower))
    return partOfWhole(m[1], m[2], concept, c);
  // P% of X
  m = new RegExp(String.raw`${N}${PCT}\s+(?:of|ng|sa|off)\s+(?:₱|php|p)?\s*${N}`).exec(lower);
  if (m?.[1] && m[2]) {
    const v = q(m[1]).mul(q(m[2])).div(100);
    const isOff = /\boff\b|discount|diskwento/.test(lower);
    const steps: MathStep[] = [
      step(
        c.tr('Write the percent as a fraction of 100', 'Isulat ang porsyento bilang fraction ng 100'),
        `${m[1]}% = ${m[1]}/100`,
      ),
      step(c.tr('Multiply by the number', 'I-multiply sa numero'), `${m[1]}/100 × ${m[2]} = ${fmt(v)}`),
    ];
    if (isOff) {
      const rest = q(m[2]).sub(v);
      steps.push(
        step(
          c.tr('Subtract the discount from the price', 'Ibawas ang diskwento sa presyo'),
          `${m[2]} - ${fmt(v)} = ${fmt(rest)}`,
        ),
      );
      return { kind: 'percentage', answer: fmt(rest), steps, concept };
    }
    return { kind: 'percentage', answer: fmt(v), steps, concept };
  }
  return null;
});
