import { everyNumberUsed } from './guards.ts';
import { fmtFrac, type Q, q } from './num.ts';
import { type FamilySolver, type MathStep, step } from './types.ts';

export const solveProbabilitySequence: FamilySolver = everyNumberUsed((norm, lower, c) => {
  if (
    !/without\s+replacement|walang\s+(?:pagbabalik|pagpapalit|ibinabalik|kapalit|pagsasauli|ibinalik)|hindi\s+ibinabalik/.test(
      lower,
    )
  )
    return null;
  const counts = new Map<string, number>();
  const set = /\{([^}]*)\}/.exec(norm);
  if (set?.[1]) {
    for (const m of set[1].matchAll(/([a-zA-Z])\s*:\s*(\d+)/g)) counts.set(m[1] ?? '', Number(m[2]));
  } else {
    const bag = /\b(?:from|mula\s+sa|sa)\s+([a-zA-Z]{2,})\b/.exec(norm);
    if (!bag?.[1]) return null;
    for (const ch of bag[1]) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  // the sequence: the first word after "sequence" made only of letters from the bag
  const kw = /(?:sequence|pagkakasunod(?:-sunod)?|sunod-sunod|pagkakasunud-sunod|order)\b/.exec(norm);
  if (!kw || counts.size === 0) return null;
  const after = norm.slice(kw.index + kw[0].length);
  const seq = [...after.matchAll(/\b([a-zA-Z]+)\b/g)]
    .map((m) => m[1] ?? '')
    .find((w) => w.length > 0 && [...w].every((ch) => counts.has(ch)) && !/^(na|ng)$/.test(w));
  if (!seq) return null;
  let total = [...counts.values()].reduce((a, b) => a + b, 0);
  const left = new Map(counts);
  let p: Q = q(1);
  const parts: string[] = [];
  const steps: MathStep[] = [
    step(
      c.tr(
        `${seq.length} letters are picked in order: count each letter and the total`,
        `${seq.length} titik ang pinipili nang sunod-sunod: bilangin ang bawat titik at ang kabuuan`,
      ),
      `${[...counts].map(([k, v]) => `${k}: ${v}`).join(', ')}; ${c.tr('total', 'kabuuan')} ${total}`,
    ),
  ];
  for (const ch of seq) {
    const have = left.get(ch) ?? 0;
    const frac = q(have, total || 1);
    parts.push(`${have}/${total}`);
    steps.push(
      step(
        c.tr(
          `Pick "${ch}": ${have} of the ${total} letters left`,
          `Pumili ng "${ch}": ${have} sa natitirang ${total} na titik`,
        ),
        `${have}/${total}`,
      ),
    );
    p = p.mul(frac);
    if (have > 0) left.set(ch, have - 1);
    total -= 1;
    if (total < 0) return null;
  }
  const answer = fmtFrac(p);
  steps.push(
    step(
      c.tr('Multiply the probabilities and simplify', 'I-multiply ang mga probability at pasimplehin'),
      `${parts.join(' × ')} = ${answer}`,
    ),
  );
  return {
    kind: 'probability_sequence',
    answer,
    steps,
    concept: c.tr(
      'Without replacement, each pick changes what is left: multiply the chance of each pick, using the reduced counts each time.',
      'Kapag walang pagbabalik, nagbabago ang natitira sa bawat pili: i-multiply ang probability ng bawat pili gamit ang nabawasang bilang.',
    ),
  };
});
