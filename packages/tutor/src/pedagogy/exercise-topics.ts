import type { SocraticOutcome } from '../contract.ts';
import type { Evidence } from './evidence.ts';

/** The pack topic an exercise of each kind (the math solver's `kind`) practises. */
export const EXERCISE_TOPICS: Readonly<Record<string, string>> = {
  arithmetic: 'math-order-of-operations',
  addition: 'math-whole-number-operations',
  subtraction: 'math-whole-number-operations',
  multiplication: 'math-whole-number-operations',
  division: 'math-whole-number-operations',
  word_problem: 'math-whole-number-operations',
  remainder: 'math-whole-number-operations',
  fractions: 'math-adding-subtracting-fractions',
  fraction_to_decimal: 'math-decimals',
  decimal_to_fraction: 'math-decimals',
  percentage: 'math-percent',
  percent_conversion: 'math-percent',
  gcd: 'math-gcf',
  lcm: 'math-lcm',
  common_denominator: 'math-lcm',
  prime_factors: 'math-prime-factorization',
  is_prime: 'math-factors-multiples',
  rounding: 'math-place-value-rounding',
  unit_conversion: 'math-metric-unit-conversion',
  unit_rate: 'math-ratio-proportion',
  time_difference: 'math-time-elapsed-time',
  clock_arithmetic: 'math-time-elapsed-time',
  evaluate: 'math-evaluating-expressions',
  expand: 'math-polynomial-operations',
  factoring: 'math-factoring-polynomials',
  linear_equation: 'math-linear-equations-one-variable',
  linear_inequality: 'math-linear-inequalities',
  linear_system: 'math-systems-linear-equations',
  quadratic_equation: 'math-quadratic-equations',
  polynomial_roots: 'math-polynomial-functions',
  derivative: 'math-derivatives',
  partial_derivative: 'math-derivatives',
  sequence_next_term: 'math-arithmetic-sequences',
  sequence_nth_term: 'math-arithmetic-sequences',
  probability_sequence: 'math-probability-compound-events',
  mean: 'math-statistics-central-tendency',
  median: 'math-statistics-central-tendency',
  mode: 'math-statistics-central-tendency',
  range: 'math-statistics-central-tendency',
  area: 'math-perimeter-area',
  perimeter: 'math-perimeter-area',
};

/**
 * What a Socratic exercise turn says about the student's mastery: their checked attempt, or a hint they
 * asked for (the first nudge is the tutor's and says nothing). Null when there is no evidence or the
 * exercise's kind has no topic.
 */
export function exerciseEvidence(
  outcome: SocraticOutcome,
  kind: unknown,
): { topic_id: string; evidence: Evidence } | null {
  const topic = typeof kind === 'string' ? EXERCISE_TOPICS[kind] : undefined;
  if (!topic) return null;
  if (outcome.attempt)
    return { topic_id: topic, evidence: { kind: 'exercise_attempt', correct: outcome.attempt.correct } };
  if (outcome.hint_requested) return { topic_id: topic, evidence: { kind: 'hint_used' } };
  return null;
}
