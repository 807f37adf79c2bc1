import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../src/checker.ts';

describe('checkAnswer', () => {
  it('equivalent fractions and decimals', () => {
    for (const g of ['0.5', '1/2', '2/4', '.5', '50%', ' 1 / 2 ', 'x = 1/2'])
      expect(checkAnswer(g, '1/2').correct, g).toBe(true);
    expect(checkAnswer('0.5', '2/4').correct).toBe(true);
    expect(checkAnswer('0.3', '1/3').correct).toBe(false);
    expect(checkAnswer('1 1/2', '3/2').correct).toBe(true);
    expect(checkAnswer('-3/5', '-0.6').correct).toBe(true);
    expect(checkAnswer('1,250', '1250').correct).toBe(true);
  });

  it('numeric tolerance', () => {
    expect(checkAnswer('3.14', '3.14159', { type: 'numeric', tolerance: 0.01 }).correct).toBe(true);
    expect(checkAnswer('3.1', '3.14159', { type: 'numeric', tolerance: 0.01 }).correct).toBe(false);
    expect(checkAnswer('3.14', '3.14159').correct).toBe(false);
    expect(checkAnswer('0.333333333333', '1/3', { tolerance: 1e-6 }).correct).toBe(true);
  });

  it('percentages', () => {
    expect(checkAnswer('25%', '0.25').correct).toBe(true);
    expect(checkAnswer('25', '25%').correct).toBe(true);
    expect(checkAnswer('0.25', '25%').correct).toBe(true);
    expect(checkAnswer('20%', '25%').correct).toBe(false);
  });

  it('algebraic equivalence', () => {
    expect(checkAnswer('2(x+1)', '2x+2').correct).toBe(true);
    expect(checkAnswer('2*x + 2', '2*(x + 1)', { type: 'expression' }).correct).toBe(true);
    expect(checkAnswer('(x+1)^2', 'x**2 + 2*x + 1').correct).toBe(true);
    expect(checkAnswer('x^2 + 1', 'x**2 + 2*x + 1').correct).toBe(false);
    expect(checkAnswer('-(n + 32)*(6*n + 1)', '-6*n**2 - 193*n - 32').correct).toBe(true);
    expect(checkAnswer('sqrt(x)*sqrt(x)', 'x', { type: 'expression' }).correct).toBe(true);
    expect(checkAnswer('1/x + 1/x', '2/x', { type: 'expression' }).correct).toBe(true);
    expect(checkAnswer('1/x', '2/x', { type: 'expression' }).correct).toBe(false);
  });

  it('root lists in any order', () => {
    expect(checkAnswer('3, -2', '-2, 3').correct).toBe(true);
    expect(checkAnswer('x = 3 or x = -2', '-2, 3').correct).toBe(true);
    expect(checkAnswer('x = 3 o x = -2', '-2, 3').correct).toBe(true);
    expect(checkAnswer('1/2, -43', '-43, 0.5').correct).toBe(true);
    expect(checkAnswer('3', '-2, 3').correct).toBe(false);
    expect(checkAnswer('3, -2, 5', '-2, 3').correct).toBe(false);
  });

  it('text answers ignore case, spacing and punctuation, and accept synonyms', () => {
    expect(checkAnswer('  Photosynthesis. ', 'photosynthesis').correct).toBe(true);
    expect(checkAnswer('the mitochondria', 'Mitochondria', { type: 'short_answer' }).correct).toBe(true);
    expect(checkAnswer('potosintesis', 'photosynthesis', { accepted: ['Potosintesis'] }).correct).toBe(true);
    expect(checkAnswer('chlorophyll', 'photosynthesis').correct).toBe(false);
    expect(checkAnswer('Manila', 'Maynila', { accepted: ['Manila'] }).correct).toBe(true);
  });

  it('true/false in English and Filipino', () => {
    for (const g of ['True', 'true', 'T', 'Tama', 'tama!', 'oo', 'Totoo'])
      expect(checkAnswer(g, 'True').correct, g).toBe(true);
    for (const g of ['False', 'mali', 'Mali.', 'hindi', 'F'])
      expect(checkAnswer(g, 'False').correct, g).toBe(true);
    expect(checkAnswer('Mali', 'Tama').correct).toBe(false);
    expect(checkAnswer('Tama', 'true', { type: 'true_false' }).correct).toBe(true);
  });

  it('multiple choice by letter or by text', () => {
    expect(checkAnswer('b', 'B', { type: 'multiple_choice' }).correct).toBe(true);
    expect(checkAnswer('(b)', 'B) Chlorophyll', { type: 'multiple_choice' }).correct).toBe(true);
    expect(checkAnswer('chlorophyll', 'B) Chlorophyll', { type: 'multiple_choice' }).correct).toBe(true);
    expect(checkAnswer('a', 'B', { type: 'multiple_choice' }).correct).toBe(false);
  });

  it('reports a normalized form and a reason, and never throws', () => {
    const r = checkAnswer('2/4', '0.5');
    expect(r).toEqual({ correct: true, normalized_given: '1/2', reason: 'numerically equal' });
    const bad = checkAnswer('abc', '5', { type: 'numeric' });
    expect(bad.correct).toBe(false);
    expect(bad.reason).toMatch(/not a number/);
    for (const [g, e] of [
      ['', '5'],
      ['((((', 'x+1'],
      ['1/0', '1'],
      ['x = = 2', '2'],
      [null as unknown as string, '3'],
      ['5', undefined as unknown as string],
      ['9'.repeat(5000), '1'],
    ] as const)
      expect(() => checkAnswer(g, e)).not.toThrow();
    expect(checkAnswer('', '5').correct).toBe(false);
  });

  it('agrees with the solver on dataset answers', () => {
    expect(checkAnswer('-4*z + 546*a**2', '546*a**2 - 4*z').correct).toBe(true);
    expect(checkAnswer('1:54 PM', '1:54 PM').correct).toBe(true);
    expect(checkAnswer('2, 3, 7', '2, 3, 7').correct).toBe(true);
    expect(checkAnswer('0.0035', '35/10000').correct).toBe(true);
  });
});
