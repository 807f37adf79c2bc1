import { loadContentLibrary } from '@aralin/content';
import { describe, expect, it } from 'vitest';
import { checkedExercise, checkedQuiz, simulate } from '../../../../bench/lib/learners.ts';
import { type BktParams, bktParams, DEFAULT_BKT } from '../../src/pedagogy/bkt.ts';
import { type Evidence, observe, observeAll, SELF_RATING_CEILING } from '../../src/pedagogy/evidence.ts';
import { REVIEW_RATINGS } from '../../src/pedagogy/fsrs.ts';
import { MASTERED } from '../../src/pedagogy/next.ts';

const content = loadContentLibrary();
/** Every distinct parameter set of the pack: its easy, default and hard topics. */
const PACK_PARAMS: BktParams[] = [
  ...new Map(content.topics.map((t) => [JSON.stringify(bktParams(t)), bktParams(t)])).values(),
];

describe('evidence weights', () => {
  const mc = (correct: boolean): Evidence => ({
    kind: 'quiz_answer',
    correct,
    answer_type: 'multiple_choice',
    choices: 4,
  });

  it('weighs a checked exercise over a quiz choice over a self-rating, and a hint as a small minus', () => {
    const p = DEFAULT_BKT.p_init;
    const exercise = observe(p, { kind: 'exercise_attempt', correct: true });
    const quiz = observe(p, mc(true));
    const trueFalse = observe(p, { kind: 'quiz_answer', correct: true, answer_type: 'true_false' });
    const rating = observe(p, { kind: 'self_rating', rating: 'good' });
    expect(exercise).toBeGreaterThan(quiz);
    expect(quiz).toBeGreaterThan(trueFalse);
    expect(quiz).toBeGreaterThan(rating);
    expect(rating).toBeGreaterThan(p);
    expect(observe(0.5, { kind: 'hint_used' })).toBeLessThan(0.5);
    expect(observe(0.5, { kind: 'hint_used' })).toBeGreaterThan(observe(0.5, mc(false)));
    expect(observe(0.5, { kind: 'self_rating', rating: 'again' })).toBeLessThan(0.5);
  });

  it('never marks a topic mastered from 3 self-ratings, whatever they are and whatever the topic', () => {
    for (const params of PACK_PARAMS)
      for (const a of REVIEW_RATINGS)
        for (const b of REVIEW_RATINGS)
          for (const c of REVIEW_RATINGS) {
            const p = observeAll(
              [a, b, c].map((rating) => ({ kind: 'self_rating', rating })),
              params,
            );
            expect(p, `${a} → ${b} → ${c} on ${JSON.stringify(params)}`).toBeLessThan(MASTERED);
          }
    // Again → Hard → Good took Photosynthesis to 88 % before.
    expect(
      observeAll(
        (['again', 'hard', 'good'] as const).map((rating) => ({ kind: 'self_rating', rating })),
        bktParams(content.get('sci-photosynthesis')),
      ),
    ).toBeLessThan(0.4);
  });

  it('lets self-ratings keep but never raise a topic above their ceiling; checked work can', () => {
    let p = DEFAULT_BKT.p_init;
    for (let i = 0; i < 20; i++) p = observe(p, { kind: 'self_rating', rating: 'easy' });
    expect(p).toBe(SELF_RATING_CEILING);
    expect(observe(0.9, { kind: 'self_rating', rating: 'easy' })).toBe(0.9);
    for (let i = 0; i < 3; i++) p = observe(p, { kind: 'exercise_attempt', correct: true });
    expect(p).toBeGreaterThan(MASTERED);
  });

  it('does not call two right multiple-choice answers mastery (they gave 89 % before)', () => {
    // An easy topic (p_init 0.35, p_transit 0.2) starts closer; every other topic stays below mastery.
    for (const params of PACK_PARAMS.filter((p) => p.p_init <= DEFAULT_BKT.p_init))
      expect(observeAll([mc(true), mc(true)], params)).toBeLessThan(MASTERED);
    expect(observeAll([mc(true), mc(true)], bktParams(content.get('sci-photosynthesis')))).toBeLessThan(0.75);
  });
});

describe('calibration with simulated learners of known mastery', () => {
  const sources = { 'quiz (4 choices)': checkedQuiz(4), exercise: checkedExercise };

  it('is calibrated within 0.1 after 10 events, for every pack difficulty and evidence kind', () => {
    for (const params of PACK_PARAMS)
      for (const [name, source] of Object.entries(sources)) {
        const rows = simulate(params, source, { learners: 4000, events: 10, seed: 7 });
        const last = rows.at(-1);
        expect(last?.calibration_error, `${name} ${JSON.stringify(params)}`).toBeLessThan(0.1);
        // The estimate moves towards the truth: learners who know it are told apart from those who do not.
        expect((last?.mean_if_known ?? 0) - (last?.mean_if_unknown ?? 1)).toBeGreaterThan(0.4);
        expect(last?.mean_abs_error).toBeLessThan(rows[0]?.mean_abs_error ?? 0);
      }
  });

  it('stays within 0.1 when the learners slip, guess and learn differently from the model', () => {
    const truths: BktParams[] = [
      { p_init: 0.2, p_transit: 0.15, p_slip: 0.15, p_guess: 0.25 },
      { p_init: 0.3, p_transit: 0.05, p_slip: 0.05, p_guess: 0.15 },
    ];
    for (const truth of truths)
      for (const source of Object.values(sources)) {
        const last = simulate(DEFAULT_BKT, source, { learners: 4000, events: 10, seed: 11, truth }).at(-1);
        expect(last?.calibration_error).toBeLessThan(0.1);
      }
  });
});
