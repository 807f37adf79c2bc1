import { hasDecimal } from './expr.ts';
import { everyNumberUsed } from './guards.ts';
import { fmtNumber, type Q, q } from './num.ts';
import { Poly } from './poly.ts';
import { type FamilySolver, type MathStep, type Solved, step } from './types.ts';

const LIST_RE = /(-?\d+(?:\.\d+)?(?:\/\d+)?(?:\s*[,;]\s*-?\d+(?:\.\d+)?(?:\/\d+)?){2,})/;

const ORDINALS_EN = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];
const ORDINALS_FIL = [
  'una',
  'ikalawa',
  'ikatlo',
  'ikaapat',
  'ikalima',
  'ikaanim',
  'ikapito',
  'ikawalo',
  'ikasiyam',
  'ikasampu',
];
const ORDINAL_WORD = new RegExp(
  String.raw`\b(${[...ORDINALS_EN, ...ORDINALS_FIL].join('|')})(?:ng)?\s+(?:na\s+)?(?:term|termino)\b`,
);

/** The position of one term the text asks for ("the 10th term", "ika-10 na termino", "ikalimang termino"). */
function position(lower: string): number | null {
  const digits =
    /\b(\d+)\s*(?:st|nd|rd|th)\s+term\b/.exec(lower) ??
    /\bika-?\s*(\d+)\s+(?:na\s+)?(?:term|termino)\b/.exec(lower) ??
    /\bterm\s+(?:number\s+|no\.\s*)?(\d+)\b/.exec(lower);
  if (digits?.[1]) return Number(digits[1]);
  const word = ORDINAL_WORD.exec(lower)?.[1];
  if (!word) return null;
  const en = ORDINALS_EN.indexOf(word);
  return (en >= 0 ? en : ORDINALS_FIL.indexOf(word)) + 1;
}

export const solveSequence: FamilySolver = everyNumberUsed((norm, lower, c) => {
  if (
    !/\bnext\b|susunod|kasunod|sunod|sumunod|\bsequence\b|pattern|missing|th\s+term|\bnth\b|ika-?[a-z]\s+na\s+term|general\s+term|\bterm\b|termino/.test(
      lower,
    )
  )
    return null;
  if (/without replacement|picked|prob/.test(lower)) return null;
  const m = LIST_RE.exec(norm);
  if (!m?.[1]) return null;
  const dec = hasDecimal(m[1]);
  const terms: Q[] = m[1].split(/\s*[,;]\s*/).map((s) => q(s));
  if (terms.length < 3) return null;
  const f = (x: Q) => fmtNumber(x, dec);
  const steps: MathStep[] = [];
  // difference table
  const rows: Q[][] = [terms];
  while (true) {
    const last = rows[rows.length - 1] as Q[];
    if (last.length <= 1) break;
    if (last.every((x) => x.equals(last[0] as Q)) && rows.length > 1) break;
    const diff = last.slice(1).map((x, i) => x.sub(last[i] as Q));
    rows.push(diff);
  }
  const lastRow = rows[rows.length - 1] as Q[];
  const constant = lastRow.length >= 2 && lastRow.every((x) => x.equals(lastRow[0] as Q));
  // geometric sequence check when differences do not settle quickly
  const ratioOk =
    terms.every((x) => !x.equals(0)) &&
    terms.slice(1).every((x, i) => x.div(terms[i] as Q).equals((terms[1] as Q).div(terms[0] as Q))) &&
    !(terms[1] as Q).div(terms[0] as Q).equals(1);
  const k = position(lower);
  if (k !== null && k >= 1 && k <= 10_000 && (constant || ratioOk))
    return termAt(k, terms, rows, constant, f, c);
  if (ratioOk && !(constant && rows.length === 2)) {
    const r = (terms[1] as Q).div(terms[0] as Q);
    const next = (terms[terms.length - 1] as Q).mul(r);
    steps.push(
      step(
        c.tr(
          'Each term is the previous one times the same number (common ratio)',
          'Ang bawat term ay ang nauna na pinarami sa iisang numero (common ratio)',
        ),
        `r = ${f(r)}`,
      ),
    );
    steps.push(
      step(
        c.tr('Multiply the last term by the ratio', 'I-multiply ang huling term sa ratio'),
        `${f(terms[terms.length - 1] as Q)} × ${f(r)} = ${f(next)}`,
      ),
    );
    return { kind: 'sequence_next_term', answer: f(next), steps, concept: seqConcept(c) };
  }
  // Each term the sum of the two before it (Fibonacci-like): the differences never settle.
  const sumOfTwo =
    terms.length >= 4 && terms.slice(2).every((x, i) => x.equals((terms[i] as Q).add(terms[i + 1] as Q)));
  if (sumOfTwo && !constant) {
    const [p, l] = terms.slice(-2) as [Q, Q];
    const next = p.add(l);
    return {
      kind: 'sequence_next_term',
      answer: f(next),
      steps: [
        step(
          c.tr(
            'Each term is the sum of the two terms before it',
            'Ang bawat term ay ang kabuuan ng dalawang term bago nito',
          ),
          terms
            .slice(2, 4)
            .map((x, i) => `${f(terms[i] as Q)} + ${f(terms[i + 1] as Q)} = ${f(x)}`)
            .join('; '),
        ),
        step(
          c.tr('Add the last two terms', 'Pagsamahin ang huling dalawang term'),
          `${f(p)} + ${f(l)} = ${f(next)}`,
        ),
      ],
      concept: seqConcept(c),
    };
  }
  // No level of differences is constant: any next term would be a guess, not the pattern.
  if (!constant) return null;
  rows.forEach((row, i) => {
    if (i === 0) return;
    steps.push(
      step(
        i === 1
          ? c.tr(
              'Find the differences between consecutive terms',
              'Kunin ang pagitan (difference) ng magkakasunod na term',
            )
          : c.tr(`Differences of the differences (level ${i})`, `Difference ng mga difference (antas ${i})`),
        row.map(f).join(', '),
      ),
    );
  });
  steps.push(
    step(
      c.tr(
        rows.length === 2
          ? 'The difference is constant, so it is an arithmetic sequence'
          : `Level ${rows.length - 1} is constant: extend it`,
        rows.length === 2
          ? 'Pare-pareho ang difference kaya arithmetic sequence ito'
          : `Pare-pareho ang antas ${rows.length - 1}: ituloy ito`,
      ),
      f(lastRow[0] as Q),
    ),
  );
  const nth =
    /\b([a-z])(?:'|’)?th\s+term|\bnth\b|ika-?([a-z])\s+na\s+term|general\s+term|formula|pangkalahatang/.exec(
      lower,
    );
  if (nth && constant) {
    const v = nth[1] ?? nth[2] ?? 'n';
    const poly = newtonPoly(rows, v);
    steps.push(
      step(
        c.tr(
          `Level ${rows.length - 1} differences are constant, so the rule is a polynomial of degree ${rows.length - 1}`,
          `Pare-pareho ang difference sa antas ${rows.length - 1}, kaya polynomial na degree ${rows.length - 1} ang tuntunin`,
        ),
        `${v}: ${poly.pretty()}`,
      ),
    );
    return { kind: 'sequence_nth_term', answer: poly.toString(), steps, concept: seqConcept(c) };
  }
  // extend from the bottom row up
  let add = lastRow[lastRow.length - 1] as Q;
  for (let i = rows.length - 2; i >= 0; i--) {
    const row = rows[i] as Q[];
    const nextVal = (row[row.length - 1] as Q).add(add);
    if (i > 0)
      steps.push(
        step(
          c.tr(`Next value at level ${i}`, `Susunod na value sa antas ${i}`),
          `${f(row[row.length - 1] as Q)} + ${add.s < 0n ? `(${f(add)})` : f(add)} = ${f(nextVal)}`,
        ),
      );
    else
      steps.push(
        step(
          c.tr('Add it to the last term', 'Idagdag sa huling term'),
          `${f(row[row.length - 1] as Q)} + ${add.s < 0n ? `(${f(add)})` : f(add)} = ${f(nextVal)}`,
        ),
      );
    add = nextVal;
  }
  return { kind: 'sequence_next_term', answer: f(add), steps, concept: seqConcept(c) };
});

/** The rule of a difference table whose last level is constant (Newton): a(v) = Σ Δʲa₁ · C(v - 1, j). */
function newtonPoly(rows: Q[][], v: string): Poly {
  let poly = new Poly();
  let binom = Poly.const(q(1));
  rows.forEach((row, j) => {
    if (j > 0) binom = binom.mul(Poly.variable(v).sub(Poly.const(q(j)))).scale(q(1, j));
    poly = poly.add(binom.scale(row[0] as Q));
  });
  return poly;
}

/** Term number k: from the constant differences (Newton's forward differences) or the common ratio. */
function termAt(
  k: number,
  terms: Q[],
  rows: Q[][],
  byDifferences: boolean,
  f: (x: Q) => string,
  c: { tr(en: string, fil: string): string },
): Solved {
  const a1 = terms[0] as Q;
  if (!byDifferences) {
    const r = (terms[1] as Q).div(a1);
    let value = a1;
    for (let i = 1; i < k; i++) value = value.mul(r);
    return {
      kind: 'sequence_nth_term',
      answer: f(value),
      steps: [
        step(
          c.tr(
            'Each term is the previous one times the common ratio',
            'Ang bawat term ay ang nauna na pinarami sa common ratio',
          ),
          `r = ${f(r)}`,
        ),
        step(
          c.tr(`Term ${k} = first term × r^(${k} - 1)`, `Term ${k} = unang term × r^(${k} - 1)`),
          `${f(a1)} × ${f(r)}^${k - 1} = ${f(value)}`,
        ),
      ],
      concept: seqConcept(c),
    };
  }
  const value = newtonPoly(rows, 'n').substitute('n', q(k)).constValue();
  const d = rows[1]?.[0] as Q;
  const arithmetic = rows.length === 2;
  return {
    kind: 'sequence_nth_term',
    answer: f(value),
    steps: arithmetic
      ? [
          step(
            c.tr('The difference between terms is constant', 'Pare-pareho ang pagitan ng mga term'),
            `d = ${f(d)}`,
          ),
          step(
            c.tr(`Term ${k} = first term + (${k} - 1) × d`, `Term ${k} = unang term + (${k} - 1) × d`),
            `${f(a1)} + ${k - 1} × ${d.s < 0n ? `(${f(d)})` : f(d)} = ${f(value)}`,
          ),
        ]
      : [
          step(
            c.tr(
              `Level ${rows.length - 1} differences are constant: build term ${k} from the first term and the first difference of each level`,
              `Pare-pareho ang difference sa antas ${rows.length - 1}: buuin ang term ${k} mula sa unang term at unang difference ng bawat antas`,
            ),
            rows.map((row) => f(row[0] as Q)).join(', '),
          ),
          step(c.tr(`Term ${k}`, `Term ${k}`), f(value)),
        ],
    concept: seqConcept(c),
  };
}

function seqConcept(c: { tr(en: string, fil: string): string }): string {
  return c.tr(
    'Look at how the terms change: find the differences between neighbours (and the differences of those) until the pattern is constant, or check for a common ratio.',
    'Tingnan kung paano nagbabago ang mga term: kunin ang difference ng magkakatabi (at ang difference ng mga iyon) hanggang maging pare-pareho, o tingnan kung may common ratio.',
  );
}
