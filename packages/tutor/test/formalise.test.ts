import type { LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { createGenerator } from '../src/generate/index.ts';
import { createTutor } from '../src/index.ts';
import { CircuitBreaker } from '../src/planner/llm.ts';

const user = { user_id: 's1', name: 'Ana', grade_level: 'Grade 5' };
const usage = {
  inputTokens: { total: 400, noCache: 400, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 80, text: 80, reasoning: 0 },
};

function json(value: unknown): LanguageModelV3GenerateResult {
  return {
    content: [{ type: 'text', text: JSON.stringify(value) }],
    finishReason: { unified: 'stop', raw: 'stop' },
    usage,
    warnings: [],
  };
}

/** The embedded planner picks the math tool; the model only formalises, answering with `drafts` in turn. */
function tutorWith(drafts: unknown[]) {
  const queue = drafts.map(json);
  const model = new MockLanguageModelV3({
    doGenerate: async () => {
      const next = queue.shift();
      if (!next) throw new Error('no more scripted answers');
      return next;
    },
  });
  const checks: string[] = [];
  const generator = createGenerator({
    model,
    provider: 'mock',
    circuit: new CircuitBreaker({}),
    observer: { check: (e) => checks.push(e.check) },
  });
  return { tutor: createTutor({ generator }), model, checks };
}

const JEEPNEY =
  'A jeepney ride costs 13 pesos. Ana rides it 2 times a day for 5 days. How much does she spend on fare?';
const fare = {
  readable: true,
  knowns: [
    { name: 'fare', value: 13, unit: 'pesos' },
    { name: 'rides', value: 2, unit: '' },
    { name: 'days', value: 5, unit: '' },
  ],
  unknown: { name: 'total', unit: 'pesos', description: 'the total fare' },
  equation: null,
  expression: 'fare*rides*days',
};

const NOTEBOOKS =
  'Maria bought 3 notebooks at 45 pesos each and paid with 200 pesos. How much change did she get?';
const change = (formula: string) => ({
  readable: true,
  knowns: [
    { name: 'count', value: 3, unit: '' },
    { name: 'price', value: 45, unit: 'pesos' },
    { name: 'paid', value: 200, unit: 'pesos' },
  ],
  unknown: { name: 'change', unit: 'pesos', description: 'the change' },
  equation: formula.includes('=') ? formula : null,
  expression: formula.includes('=') ? null : formula,
});

describe('math with a model: formalise, then compute', () => {
  it('solves a problem only the model reads, with the engine, and checks the answer by substitution', async () => {
    const { tutor, model } = tutorWith([fare]);
    const r = await tutor.orchestrate({ user_info: user, message: JEEPNEY });
    expect(r.tool).toBe('math_solver');
    const result = r.result as {
      answer: string;
      kind: string;
      steps: { description: string; expression: string }[];
    };
    expect(result).toMatchObject({ answer: '130', kind: 'word_problem' });
    expect(result.steps[2]?.expression).toBe('total = fare*rides*days');
    expect(result.steps.some((s) => s.expression.includes('✓'))).toBe(true);
    const prompt = JSON.stringify(model.doGenerateCalls[0]?.prompt);
    expect(prompt).toContain('You never compute its answer');
    const turn = model.doGenerateCalls[0]?.prompt.find((m) => m.role === 'user');
    expect(JSON.stringify(turn)).not.toContain('[reference notes]');
    expect(r.degraded).toBe(false);
  });

  it('solves an equation formulation and substitutes the answer back', async () => {
    const { tutor } = tutorWith([change('count*price + change = paid')]);
    const r = await tutor.orchestrate({
      user_info: user,
      message: 'Bumili si Maria ng ilang kuwaderno; paano kung ang sukli niya mula 200 ay hindi ko alam?',
    });
    if (r.tool !== 'math_solver') return expect(r.tool).toBe('math_solver');
    expect(r.result).toMatchObject({ answer: '65' });
  });

  it('keeps the engine’s own solution when both read the problem and agree', async () => {
    const { tutor } = tutorWith([change('paid - count*price')]);
    const r = await tutor.orchestrate({ user_info: user, message: NOTEBOOKS });
    expect(r.result).toMatchObject({ answer: '65' });
    expect(r.trace.some((t) => t.detail.includes('agree on 65'))).toBe(true);
  });

  it('gives the Socratic opening, never a guess, when the engine and the formulation disagree', async () => {
    const { tutor } = tutorWith([change('paid + count*price')]);
    const r = await tutor.orchestrate({ user_info: user, message: NOTEBOOKS });
    expect(r.result).toMatchObject({ answer: null, kind: 'word_problem' });
    expect((r.result as { hint: string }).hint).toContain('What does it ask you to find');
    expect(r.reply).not.toContain('65');
    expect(r.reply).not.toContain('335');
  });

  it('refuses a formulation that is the final number, and asks once for the computation', async () => {
    const { tutor, checks } = tutorWith([{ ...fare, expression: '130' }, fare]);
    const r = await tutor.orchestrate({ user_info: user, message: JEEPNEY });
    expect(checks).toEqual(['formulation']);
    expect(r.result).toMatchObject({ answer: '130' });
  });

  it('climbs the hint ladder on the formulation in Socratic mode, never showing the answer', async () => {
    const { tutor } = tutorWith([fare]);
    const r = await tutor.orchestrate({ user_info: user, message: JEEPNEY }, { socratic: true });
    expect(r.parameters).toMatchObject({ hint_level: 1 });
    expect(r.result).toMatchObject({ answer: null, kind: 'word_problem' });
    expect((r.result as { hint: string | null }).hint).toBeTruthy();
    expect(JSON.stringify(r.result)).not.toContain('130');
  });

  it('falls back to the engine’s honest answer when the formulation names quantities it does not know', async () => {
    const bad = { ...fare, expression: 'fare*rides*weeks' };
    const { tutor, checks } = tutorWith([bad, bad]);
    const r = await tutor.orchestrate({ user_info: user, message: JEEPNEY });
    expect(checks).toEqual(['formulation', 'formulation']);
    expect(r.degraded).toBe(true);
    expect(r.result).toMatchObject({ answer: null });
  });

  it('makes no model call for an exercise that tells no story: the engine reads it alone', async () => {
    const { tutor, model } = tutorWith([]);
    const r = await tutor.orchestrate({ user_info: user, message: 'Solve 2x + 3 = 7' });
    expect(r.result).toMatchObject({ answer: '2', kind: 'linear_equation' });
    expect(model.doGenerateCalls).toHaveLength(0);
    expect(r.degraded).toBe(false);
    expect(r.trace.find((t) => t.detail.startsWith('no model call'))).toBeDefined();
  });

  it('turns a malformed formulation into failed checks, never a crash', async () => {
    const noEquals = { ...fare, expression: null, equation: 'fare*rides*days' };
    const oddFunction = { ...fare, expression: 'total(fare)*rides' };
    const { tutor, checks } = tutorWith([noEquals, oddFunction]);
    const r = await tutor.orchestrate({ user_info: user, message: JEEPNEY });
    expect(r.status).toBe('completed');
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c === 'formulation' || c === 'unsolvable')).toBe(true);
    expect(r.result).toMatchObject({ answer: null });
  });
});
