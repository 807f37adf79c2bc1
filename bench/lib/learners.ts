/**
 * Simulated learners for the mastery calibration: each learner's knowledge is known (drawn from the topic's
 * p_init, learnt with its p_transit), their answers are drawn from the evidence's likelihoods, and the tutor's
 * estimate (`observe`) is compared with the truth after every event.
 */
import { type BktParams, type Evidence, likelihood, observe } from '@aralin/tutor';

/** A small seeded generator (mulberry32), so that every run of the simulation gives the same figures. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The evidence a learner produces: a checked answer drawn from its likelihoods given what they know. */
export type EvidenceSource = (known: boolean, random: () => number, truth: BktParams) => Evidence;

export const checkedQuiz =
  (choices: number): EvidenceSource =>
  (known, random, truth) => {
    const l = likelihood(
      { kind: 'quiz_answer', correct: true, answer_type: 'multiple_choice', choices },
      truth,
    );
    return {
      kind: 'quiz_answer',
      correct: random() < (known ? l.known : l.unknown),
      answer_type: 'multiple_choice',
      choices,
    };
  };

export const checkedExercise: EvidenceSource = (known, random, truth) => {
  const l = likelihood({ kind: 'exercise_attempt', correct: true }, truth);
  return { kind: 'exercise_attempt', correct: random() < (known ? l.known : l.unknown) };
};

export interface Calibration {
  events: number;
  /** Expected calibration error: |mean estimate − share that knows|, over 10 bins, weighted by bin size. */
  calibration_error: number;
  /** Mean |estimate − truth (0 or 1)| over the learners. */
  mean_abs_error: number;
  /** Mean estimate for the learners who know the topic, and for those who do not. */
  mean_if_known: number;
  mean_if_unknown: number;
}

/**
 * Runs `learners` simulated learners for `events` events each; one row per event count. The learners behave
 * as `truth` says (the tutor's `params` by default): give another truth to see how a wrong guess of slip,
 * guess or learning rate costs calibration.
 */
export function simulate(
  params: BktParams,
  source: EvidenceSource,
  options: { learners?: number; events?: number; seed?: number; truth?: BktParams } = {},
): Calibration[] {
  const truth = options.truth ?? params;
  const n = options.learners ?? 5000;
  const events = options.events ?? 10;
  const random = rng(options.seed ?? 1);
  const known = Array.from({ length: n }, () => random() < truth.p_init);
  const estimate = Array.from({ length: n }, () => params.p_init);
  const rows: Calibration[] = [];
  for (let k = 1; k <= events; k++) {
    for (let i = 0; i < n; i++) {
      const evidence = source(known[i] as boolean, random, truth);
      estimate[i] = observe(estimate[i] as number, evidence, params);
      if (!known[i] && random() < truth.p_transit * likelihood(evidence, truth).learn) known[i] = true;
    }
    rows.push(measure(k, known, estimate));
  }
  return rows;
}

function measure(events: number, known: boolean[], estimate: number[]): Calibration {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, sum: 0, known: 0 }));
  let abs = 0;
  const sums = { known: 0, nKnown: 0, unknown: 0, nUnknown: 0 };
  estimate.forEach((p, i) => {
    const bin = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number];
    bin.n++;
    bin.sum += p;
    if (known[i]) {
      bin.known++;
      sums.known += p;
      sums.nKnown++;
    } else {
      sums.unknown += p;
      sums.nUnknown++;
    }
    abs += Math.abs(p - (known[i] ? 1 : 0));
  });
  const total = estimate.length;
  const calibration = bins.reduce(
    (e, b) => e + (b.n ? (b.n / total) * Math.abs(b.sum / b.n - b.known / b.n) : 0),
    0,
  );
  return {
    events,
    calibration_error: calibration,
    mean_abs_error: abs / total,
    mean_if_known: sums.nKnown ? sums.known / sums.nKnown : Number.NaN,
    mean_if_unknown: sums.nUnknown ? sums.unknown / sums.nUnknown : Number.NaN,
  };
}
