/**
 * Trains the crisis classifier (src/safety/classifier.ts) and writes src/safety/classifier.json:
 * `npm exec -- node packages/tutor/scripts/train-safety.ts`. Deterministic: the same phrases give the same
 * weights, which test/safety/classifier.test.ts checks. Trains on the `dev` split of eval/safety.jsonl and
 * the phrases of eval/safety.train.jsonl, never on `test` or the first-contact probes. Logistic regression with
 * an L2 penalty, class-balanced, fitted by full-batch Adam; the penalty and the threshold come from five-fold
 * cross-validation: the threshold is the lowest that keeps out-of-fold false alarms at or below 3 %.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CrisisModel, crisisFeatures, readable, scoreFeatures } from '../src/safety/classifier.ts';
import { readRules } from '../src/safety/crisis.ts';

interface Example {
  features: Map<string, number>;
  crisis: boolean;
  /** Counted when the threshold is chosen: every phrase but the tutoring requests written from a template. */
  calibrates: boolean;
  /** Whether the classifier reads it at all (classifier.ts: enough words, the student speaking). */
  readable: boolean;
}

const FOLDS = 5;
const MAX_FALSE_ALARMS = 0.03;
const LAMBDAS = [3e-6, 1e-5, 3e-5];
const STEPS = 500;
const RATE = 0.05;
/** A feature seen in fewer training messages is left out: it would only memorise. */
const MIN_COUNT = 2;
const OUTPUT = fileURLToPath(new URL('../src/safety/classifier.json', import.meta.url));

function readCases(name: string): { split: string; kind?: string; crisis: boolean; text: string }[] {
  return readFileSync(fileURLToPath(new URL(`../eval/${name}`, import.meta.url)), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/**
 * The training messages: the dev split and the written training phrases, with tutoring requests about each
 * curriculum topic (kind `request`) that teach the model what a lesson sounds like. Those are easy negatives:
 * counted for the threshold, they would lower it without making it any safer.
 */
export function trainingExamples(): Example[] {
  return [...readCases('safety.jsonl'), ...readCases('safety.train.jsonl')]
    .filter((c) => c.split === 'dev' || c.split === 'train')
    .map((c) => {
      const read = readRules(c.text);
      const features = crisisFeatures(read);
      return {
        features,
        crisis: c.crisis,
        calibrates: c.kind !== 'request',
        readable: readable(read),
      };
    });
}

function vocabulary(examples: Example[]): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features.keys()) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= MIN_COUNT).map(([f]) => f);
}

/** Class-balanced logistic regression with an L2 penalty, by full-batch Adam from zero. */
function fit(examples: Example[], lambda: number): Pick<CrisisModel, 'bias' | 'weights'> {
  const vocab = vocabulary(examples);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const rows = examples.map((e) => ({
    terms: [...e.features].flatMap(([f, x]) => (index.has(f) ? [[index.get(f) as number, x] as const] : [])),
    y: e.crisis ? 1 : 0,
  }));
  const positives = rows.filter((r) => r.y).length;
  const weightOf = (y: number) => rows.length / (2 * (y ? positives : rows.length - positives));
  const n = vocab.length + 1; // the last parameter is the bias
  const w = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  for (let step = 1; step <= STEPS; step++) {
    const grad = new Float64Array(n);
    for (const r of rows) {
      let z = w[n - 1] as number;
      for (const [id, x] of r.terms) z += (w[id] as number) * x;
      const err = (weightOf(r.y) * (1 / (1 + Math.exp(-z)) - r.y)) / rows.length;
      for (const [id, x] of r.terms) grad[id] = (grad[id] as number) + err * x;
      grad[n - 1] = (grad[n - 1] as number) + err;
    }
    for (let i = 0; i < n; i++) {
      const g = (grad[i] as number) + (i < n - 1 ? lambda * (w[i] as number) : 0);
      m[i] = 0.9 * (m[i] as number) + 0.1 * g;
      v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
      const mHat = (m[i] as number) / (1 - 0.9 ** step);
      const vHat = (v[i] as number) / (1 - 0.999 ** step);
      w[i] = (w[i] as number) - (RATE * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const weights = Object.fromEntries(
    vocab
      .map((f, i) => [f, round(w[i] as number)] as const)
      .filter(([, x]) => x !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return { bias: round(w[n - 1] as number), weights };
}

/** Out-of-fold probabilities: each message scored by a model trained without its fold (0 if it is not read). */
function outOfFold(examples: Example[], lambda: number): number[] {
  const scores = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < FOLDS; k++) {
    const model = fit(
      examples.filter((_, i) => i % FOLDS !== k),
      lambda,
    );
    examples.forEach((e, i) => {
      if (i % FOLDS === k) scores[i] = e.readable ? scoreFeatures(model, e.features) : 0;
    });
  }
  return scores;
}

/** The lowest threshold (to four places) whose false alarms stay within the limit, and the recall it gives. */
function thresholdFor(examples: Example[], scores: number[]): { threshold: number; recall: number } {
  const negatives = scores
    .filter((_, i) => examples[i]?.calibrates && !examples[i]?.crisis)
    .sort((a, b) => b - a);
  const allowed = Math.floor(negatives.length * MAX_FALSE_ALARMS);
  const threshold = (Math.floor((negatives[allowed] ?? 0) * 1e4) + 1) / 1e4;
  const positives = scores.filter((_, i) => examples[i]?.crisis);
  return { threshold, recall: positives.filter((s) => s >= threshold).length / positives.length };
}

export interface Training {
  model: CrisisModel;
  /** Out-of-fold recall at the threshold, for each penalty tried. */
  recallByLambda: Record<string, number>;
}

/** Trains with each penalty of `lambdas` (by default the grid) and keeps the one of best out-of-fold recall. */
export function train(lambdas = LAMBDAS, examples = trainingExamples()): Training {
  const tried = lambdas.map((lambda) => ({ lambda, ...thresholdFor(examples, outOfFold(examples, lambda)) }));
  const best = tried.reduce((a, b) => (b.recall > a.recall ? b : a));
  return {
    model: { lambda: best.lambda, threshold: best.threshold, ...fit(examples, best.lambda) },
    recallByLambda: Object.fromEntries(tried.map((t) => [String(t.lambda), t.recall])),
  };
}

export const serialise = (model: CrisisModel) => `${JSON.stringify(model, null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { model, recallByLambda } = train();
  writeFileSync(OUTPUT, serialise(model));
  console.log(
    `trained: lambda ${model.lambda}, threshold ${model.threshold}, ${Object.keys(model.weights).length} weights;`,
    `out-of-fold recall at ≤ ${MAX_FALSE_ALARMS * 100} % false alarms by lambda:`,
    recallByLambda,
  );
}
