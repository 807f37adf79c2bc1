/**
 * Pedagogy figures: mastery calibration on simulated learners of known mastery (every pack difficulty, checked
 * quiz answers and exercise attempts, with the model's own and with mismatched learner behaviour), the highest
 * P(known) three flashcard self-ratings can reach, and the share of repeated quiz questions across attempts,
 * students and difficulties over the whole pack. `node bench/pedagogy.ts`; results in bench/results/pedagogy.json.
 */
import { loadContentLibrary } from '@aralin/content';
import { type BktParams, bktParams, DEFAULT_BKT, observeAll, REVIEW_RATINGS } from '@aralin/tutor';
import { table, writeResult } from './lib/common.ts';
import { checkedExercise, checkedQuiz, simulate } from './lib/learners.ts';
import { measureRepetition } from './lib/practice.ts';

const content = loadContentLibrary();
const packParams = [
  ...new Map(content.topics.map((t) => [JSON.stringify(bktParams(t)), bktParams(t)])).values(),
];
const sources = { 'quiz answer (4 choices)': checkedQuiz(4), 'exercise attempt': checkedExercise };
const mismatched: BktParams[] = [
  { p_init: 0.2, p_transit: 0.15, p_slip: 0.15, p_guess: 0.25 },
  { p_init: 0.3, p_transit: 0.05, p_slip: 0.05, p_guess: 0.15 },
];
const fmt = (p: BktParams) => `init ${p.p_init}, learn ${p.p_transit}, slip ${p.p_slip}, guess ${p.p_guess}`;

const calibration = [
  ...packParams.flatMap((params) =>
    Object.entries(sources).map(([evidence, source]) => ({ params, truth: params, evidence, source })),
  ),
  ...mismatched.flatMap((truth) =>
    Object.entries(sources).map(([evidence, source]) => ({ params: DEFAULT_BKT, truth, evidence, source })),
  ),
].map(({ params, truth, evidence, source }) => {
  const rows = simulate(params, source, { learners: 5000, events: 10, seed: 7, truth });
  const at = (k: number) => rows[k - 1] as (typeof rows)[number];
  return {
    model: fmt(params),
    learners: truth === params ? 'as modelled' : fmt(truth),
    evidence,
    error_after_1: at(1).calibration_error,
    error_after_5: at(5).calibration_error,
    error_after_10: at(10).calibration_error,
    mean_abs_error_after_10: at(10).mean_abs_error,
  };
});

const worstSelfRatings = Math.max(
  ...packParams.flatMap((params) =>
    REVIEW_RATINGS.flatMap((a) =>
      REVIEW_RATINGS.flatMap((b) =>
        REVIEW_RATINGS.map((c) =>
          observeAll(
            [a, b, c].map((rating) => ({ kind: 'self_rating' as const, rating })),
            params,
          ),
        ),
      ),
    ),
  ),
);
const repetition = measureRepetition(content);

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
console.log(
  '\nMastery calibration (5,000 simulated learners each; expected calibration error over 10 bins)\n',
);
console.log(
  table(
    ['model', 'learners', 'evidence', 'after 1', 'after 5', 'after 10', '|est − truth| after 10'],
    calibration.map((c) => [
      c.model,
      c.learners,
      c.evidence,
      c.error_after_1.toFixed(3),
      c.error_after_5.toFixed(3),
      c.error_after_10.toFixed(3),
      c.mean_abs_error_after_10.toFixed(3),
    ]),
  ),
);
console.log(
  `\nHighest P(known) after any 3 self-ratings, any pack topic: ${worstSelfRatings.toFixed(3)} (mastered ≥ 0.8)`,
);
console.log(`\nRepeated questions (5-question quizzes, ${repetition.topics} topics)\n`);
console.log(
  table(
    ['between', 'varied', 'before'],
    [
      [
        'two attempts of one student (first all right)',
        pct(repetition.second_attempt_after_all_right),
        '100.0 %',
      ],
      ['two attempts of one student (seed only)', pct(repetition.second_attempt_seed_only), '100.0 %'],
      ['two students', pct(repetition.two_students), pct(repetition.unvaried.two_students)],
      ['an easy and a hard quiz', pct(repetition.easy_vs_hard), pct(repetition.unvaried.easy_vs_hard)],
      [
        'questions at the asked difficulty',
        pct(repetition.at_difficulty),
        pct(repetition.unvaried.at_difficulty),
      ],
    ],
  ),
);
const worstError = Math.max(...calibration.map((c) => c.error_after_10));
console.log(`\nworst calibration error after 10 events: ${worstError.toFixed(3)} (target < 0.1)`);
console.log(
  `results: ${writeResult('pedagogy', { calibration, worst_self_ratings: worstSelfRatings, repetition })}`,
);
