import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerEval, runProviderEval } from '../eval/provider.ts';
import { evaluate, loadCases } from '../eval/run.ts';
import { embeddedModel } from './stub/planner.ts';
import { type ProviderStub, startProviderStub } from './stub/provider.ts';

let stub: ProviderStub;
let env: Record<string, string>;

beforeAll(async () => {
  stub = await startProviderStub(embeddedModel);
  env = {
    ARALIN_LLM_PROVIDER: 'openai-compatible',
    ARALIN_LLM_MODEL: 'stub',
    ARALIN_LLM_BASE_URL: stub.openaiURL,
  };
});

afterAll(async () => {
  await stub.close();
});

describe('npm run eval -- --provider', () => {
  it('scores the orchestrator cases and the math sets through the model, with tokens and latency per turn', async () => {
    const report = await providerEval(env, { limit: 12, split: 'dev' });
    const [dev] = report.orchestrator;
    expect(dev?.cases).toBe(12);
    // The stub plans as the embedded planner does: the same cases score the same through the wire.
    const dev12 = loadCases().filter((c) => c.split === 'dev');
    const step = dev12.length / 12;
    const embedded = await evaluate(
      Array.from({ length: 12 }, (_, i) => dev12[Math.floor(i * step)] as (typeof dev12)[number]),
      'dev',
    );
    expect(dev?.tool_accuracy).toBe(embedded.tool_accuracy);
    expect(dev?.turns.turns).toBe(12);
    expect(dev?.turns.tokens.mean).toBeGreaterThan(0);
    expect(dev?.turns.latency_ms.p95).toBeGreaterThan(0);
    const math = report.math.find((m) => m.set === 'mathematics_dataset');
    expect(math?.cases).toBe(12);
    expect((math?.correct ?? 0) + (math?.abstained ?? 0) + (math?.wrong ?? 0)).toBe(12);
    expect(math?.correct).toBeGreaterThan(0);
  });

  it('prints the tables, and refuses to run without a provider', async () => {
    const lines: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (line: string) => lines.push(line);
    console.error = (line: string) => lines.push(line);
    try {
      expect(await runProviderEval(['--provider', '--limit', '3', '--split', 'test'], env)).toBe(0);
      expect(await runProviderEval(['--provider'], {})).toBe(2);
    } finally {
      console.log = log;
      console.error = error;
    }
    const text = lines.join('\n');
    expect(text).toContain('tool selection');
    expect(text).toMatch(/per turn: tokens mean \d+/);
    expect(text).toMatch(/math mathematics_dataset: 3 cases/);
    expect(text).toContain('needs ARALIN_LLM_PROVIDER');
  });
});
