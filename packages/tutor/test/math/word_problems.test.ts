import { all, create, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadWordProblems, numericValue } from '../../eval/math.ts';

/** The word-problem fixtures (../fixtures/word_problems): well-formed, and every key equals its own arithmetic. */
const exact = create(all as FactoryFunctionMap, { number: 'Fraction' });

const row = z.object({
  id: z.string().regex(/^(en|fil)-\d{3}$/),
  lang: z.enum(['en', 'fil', 'taglish']),
  grade: z.number().int().min(1).max(8),
  question: z.string().min(20),
  answer: z.string().regex(/^-?\d+(\.\d+)?$|^-?\d+\/\d+$/),
  work: z.string().regex(/^[\d.+\-*/() ceil]+$/),
  unit: z.string().min(1).optional(),
  schema: z.enum([
    'combine',
    'change_join',
    'change_separate',
    'compare_more_less',
    'compare_times',
    'equal_groups_multiply',
    'equal_groups_divide',
    'rate',
    'unit_price',
    'fraction_of',
    'percent_of',
    'multi_step',
    'money_change',
    'time_duration',
    'measurement',
  ]),
  distractor: z.literal(true).optional(),
  /** Written before the engine was tuned on the sets: a fresh check inside the test split. */
  fresh: z.literal(true).optional(),
  split: z.enum(['dev', 'test']),
});

describe.each(['en', 'fil'] as const)('word problems %s.jsonl', (file) => {
  const rows = loadWordProblems(file);

  it('has at least 220 well-formed problems with unique ids and questions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(220);
    for (const r of rows) row.parse(r);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.question)).size).toBe(rows.length);
  });

  it('gives every answer as the value of its work', () => {
    for (const r of rows) {
      const value = Number(exact.evaluate(row.parse(r).work));
      expect(numericValue(r.answer), `${r.id}: ${r.question}`).toBeCloseTo(value, 9);
    }
  });

  it('covers every schema in both splits, with distractors and a 60/40 split', () => {
    for (const schema of row.shape.schema.options)
      for (const split of ['dev', 'test'])
        expect(
          rows.some((r) => r.schema === schema && r.split === split),
          `${schema} ${split}`,
        ).toBe(true);
    const test = rows.filter((r) => r.split === 'test').length / rows.length;
    expect(test).toBeGreaterThan(0.35);
    expect(test).toBeLessThan(0.45);
    expect(rows.filter((r) => row.parse(r).distractor).length / rows.length).toBeGreaterThan(0.1);
  });
});

it('writes about a third of the Filipino set in Taglish', () => {
  const rows = loadWordProblems('fil');
  const taglish = rows.filter((r) => r.lang === 'taglish').length / rows.length;
  expect(taglish).toBeGreaterThan(0.28);
  expect(rows.every((r) => r.lang !== 'en')).toBe(true);
});
