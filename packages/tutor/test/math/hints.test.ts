import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../../src/tool.ts';
import { type MathStep, mathSolver, solveMath } from '../../src/tools/math_solver/index.ts';

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** A step gives the answer away when the answer is the whole expression or one side of an (in)equation. */
function leaks(step: MathStep, answer: string): boolean {
  const sides = step.expression.split(/=|≈|→/).map(norm);
  return sides.includes(norm(answer));
}

const rows = readFileSync(join(import.meta.dirname, '../fixtures/mathematics_dataset/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { module: string; question: string; answer: string });

const STUDENT = [
  ['2x + 3 = 7', '2'],
  ['x^2-5x+6=0', '2, 3'],
  ['Ano ang 3/4 + 1/6?', '11/12'],
  ['GCF ng 12 at 18', '6'],
  ['ilan ang 15% ng 240?', '36'],
  ['What is 23 minutes after 11:47 PM?', '12:10 AM'],
  ['derivative of x^3 + 2x', '3*x**2 + 2'],
] as const;

describe('hint levels never leak the answer', () => {
  const sample = [
    ...STUDENT.map(([q, a]) => ({ question: q, answer: a })),
    ...rows.filter((_, i) => i % 15 === 0),
  ];
  for (const level of [1, 2, 3] as const)
    it(`hint_level ${level}`, () => {
      for (const r of sample) {
        for (const locale of ['en', 'fil'] as const) {
          const s = solveMath(r.question, { hintLevel: level, locale });
          expect(s.answer, r.question).toBeNull();
          expect(s.hint, r.question).toBeTruthy();
          for (const st of s.steps)
            expect(leaks(st, r.answer), `${r.question} → ${st.expression}`).toBe(false);
          if (level === 1) expect(s.steps).toEqual([]);
          if (level === 2) expect(s.steps.length).toBeLessThanOrEqual(1);
        }
      }
    });

  it('hint_level 3 works a similar problem with different numbers', () => {
    const s = solveMath('x^2-5x+6=0', { hintLevel: 3 });
    expect(s.steps[0]?.description).toMatch(/similar problem/i);
    const similar = s.steps[0]?.expression ?? '';
    expect(similar).not.toBe('x^2-5x+6=0');
    const solved = solveMath(similar);
    expect(solved.answer).not.toBeNull();
    expect(solved.answer).not.toBe('2, 3');
    expect(s.steps.at(-1)?.expression).toBe(solved.answer);
    expect(s.hint).toContain(similar);
  });

  it('hint_level 3 in Filipino', () => {
    const s = solveMath('Hanapin ang x: 2x + 5 = 11', { hintLevel: 3, locale: 'fil' });
    expect(s.steps[0]?.description).toBe('Katulad na problema (ibang numero)');
    expect(s.hint).toMatch(/^Narito ang halimbawang/);
  });

  it('hint_level 1 is a conceptual nudge without numbers from the answer', () => {
    const s = solveMath('Solve 4y - 7 = 2y + 9', { hintLevel: 1 });
    expect(s.hint).toMatch(/both sides/);
    expect(s.hint).not.toMatch(/\b8\b/);
  });
});

const ctx = (locale: 'en' | 'fil'): ToolContext =>
  ({ locale, user: {}, history: [], content: {}, now: () => new Date() }) as unknown as ToolContext;

describe('math_solver tool definition', () => {
  it('has a real prompt and many varied examples', () => {
    expect(mathSolver.prompt.length).toBeGreaterThan(500);
    expect(mathSolver.prompt).not.toMatch(/TODO/);
    expect(mathSolver.examples.en.length).toBeGreaterThanOrEqual(25);
    expect(mathSolver.examples.fil.length).toBeGreaterThanOrEqual(25);
    expect(new Set(mathSolver.examples.en).size).toBe(mathSolver.examples.en.length);
    expect(new Set(mathSolver.examples.fil).size).toBe(mathSolver.examples.fil.length);
  });

  it('run returns output that matches the schema; reply is in the locale', async () => {
    const input = mathSolver.input.parse({ problem: 'solve for x: 3(x-2)=12' });
    const out = await mathSolver.run(input, ctx('en'));
    expect(mathSolver.output.parse(out)).toEqual(out);
    expect(out.answer).toBe('6');
    const en = mathSolver.reply(out, input, ctx('en'));
    expect(en).toMatch(/\*\*Answer:\*\* `x = 6`/);
    const outFil = await mathSolver.run(input, ctx('fil'));
    const fil = mathSolver.reply(outFil, input, ctx('fil'));
    expect(fil).toMatch(/\*\*Sagot:\*\* `x = 6`/);
    expect(fil).toMatch(/magkabilang panig/);
  });

  it('reply with a hint asks the student to try, and never prints the answer', async () => {
    const input = mathSolver.input.parse({ problem: '2x + 3 = 7', hint_level: 2 });
    const out = await mathSolver.run(input, ctx('fil'));
    expect(out.answer).toBeNull();
    const text = mathSolver.reply(out, input, ctx('fil'));
    expect(text).toMatch(/Subukan mo/);
    expect(text).not.toMatch(/x = 2\b/);
    // A chat shows the first paragraph beside the card, and the card shows the hint: the lead is not the hint.
    const [lead, second] = text.split('\n\n');
    expect(lead).toBe('Heto ang isang pahiwatig para makapagsimula ka.');
    expect(second).toBe(`💡 ${out.hint}`);
  });

  it('reply for unsupported input is the honest message', async () => {
    const input = mathSolver.input.parse({ problem: 'Tell me a joke' });
    const out = await mathSolver.run(input, ctx('en'));
    expect(out.kind).toBe('unsupported');
    expect(mathSolver.reply(out, input, ctx('en'))).toMatch(/couldn't recognise/);
  });

  it('show_steps false through the tool', async () => {
    const input = mathSolver.input.parse({ problem: 'What is 15% of 240?', show_steps: false });
    const out = await mathSolver.run(input, ctx('en'));
    expect(out.steps).toEqual([]);
    expect(out.answer).toBe('36');
  });

  it('examples route to the solver (every example is a recognisable exercise)', () => {
    for (const e of [...mathSolver.examples.en, ...mathSolver.examples.fil]) {
      const s = solveMath(e);
      expect(s.kind, e).not.toBe('unsupported');
    }
  });
});
