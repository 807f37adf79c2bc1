import { foldTerm } from '@aralin/content';

export interface Example {
  text: string;
  label: string;
}

export interface Prediction {
  label: string;
  /** Posterior probability of each label; they sum to 1. */
  probabilities: Record<string, number>;
}

/** Word unigrams and bigrams, spelling-folded so "fotosintesis" and "photosynthesis" share features. */
export function features(text: string): string[] {
  const words = (
    text
      .toLowerCase()
      .replace(/[0-9]+(?:[.,/][0-9]+)*/g, ' 0 ')
      .match(/[\p{L}0-9+=^*/-]+/gu) ?? []
  ).map((w) => foldTerm(w));
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

/**
 * A multinomial naive Bayes text classifier. Small, deterministic and fast (microseconds per call);
 * trained in a few milliseconds on the tools' own labelled examples the first time it is used.
 */
export class NaiveBayes {
  readonly labels: string[];
  readonly #logPrior = new Map<string, number>();
  readonly #logLikelihood = new Map<string, Map<string, number>>();
  readonly #logUnseen = new Map<string, number>();
  readonly #vocabulary: Set<string>;

  constructor(examples: Example[], alpha = 0.3) {
    const counts = new Map<string, Map<string, number>>();
    const totals = new Map<string, number>();
    const docs = new Map<string, number>();
    const vocabulary = new Set<string>();
    for (const { text, label } of examples) {
      docs.set(label, (docs.get(label) ?? 0) + 1);
      const table = counts.get(label) ?? new Map<string, number>();
      counts.set(label, table);
      for (const f of new Set(features(text))) {
        vocabulary.add(f);
        table.set(f, (table.get(f) ?? 0) + 1);
        totals.set(label, (totals.get(label) ?? 0) + 1);
      }
    }
    this.labels = [...docs.keys()].sort();
    this.#vocabulary = vocabulary;
    const v = vocabulary.size;
    for (const label of this.labels) {
      this.#logPrior.set(label, Math.log((docs.get(label) ?? 0) / examples.length));
      const denominator = (totals.get(label) ?? 0) + alpha * v;
      const table = new Map<string, number>();
      for (const [f, c] of counts.get(label) ?? []) table.set(f, Math.log((c + alpha) / denominator));
      this.#logLikelihood.set(label, table);
      this.#logUnseen.set(label, Math.log(alpha / denominator));
    }
  }

  predict(text: string): Prediction {
    const fs = new Set(features(text));
    const scores = this.labels.map((label) => {
      const table = this.#logLikelihood.get(label) as Map<string, number>;
      const unseen = this.#logUnseen.get(label) as number;
      let s = this.#logPrior.get(label) as number;
      // Features unseen by every label carry no evidence; only score what some label knows.
      for (const f of fs) if (this.#vocabulary.has(f)) s += table.get(f) ?? unseen;
      return s;
    });
    const max = Math.max(...scores);
    const exp = scores.map((s) => Math.exp(s - max));
    const sum = exp.reduce((a, b) => a + b, 0);
    const probabilities: Record<string, number> = {};
    let best = 0;
    this.labels.forEach((label, i) => {
      probabilities[label] = (exp[i] as number) / sum;
      if ((exp[i] as number) > (exp[best] as number)) best = i;
    });
    return { label: this.labels[best] as string, probabilities };
  }
}
