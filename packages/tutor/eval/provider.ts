/**
 * The eval through a model: `npm run eval -- --provider [--limit N] [--split S] [--json]` with ARALIN_LLM_*
 * set (docs/orchestrator.md). Runs the orchestrator cases and two math sets (the DeepMind sample of
 * test/fixtures, GSM8K word problems from ../shared/data when present) through the model — it plans, writes
 * tool results, replies — and prints the same scores plus tokens and latency per turn. Math counts correct,
 * abstained (no answer: a hint or an honest "cannot") and wrong apart: abstaining beats a wrong answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkAnswer } from '../src/checker.ts';
import { LlmSettingsError, llmTutorFromEnv } from '../src/generate/env.ts';
import type { OrchestrateResponse, Tutor } from '../src/index.ts';
import { type EvalReport, evaluate, formatReport, loadCases } from './run.ts';

export interface TurnStats {
  turns: number;
  tokens: { total: number; mean: number; p50: number; p95: number };
  latency_ms: { mean: number; p50: number; p95: number };
  /** Turns whose tool result the model wrote (and the checks passed). */
  generated: number;
  /** Turns the embedded engine answered in the model's place. */
  degraded: number;
}

export interface MathReport {
  set: string;
  cases: number;
  correct: number;
  abstained: number;
  wrong: number;
  accuracy: number;
  turns: TurnStats;
}

interface Turn {
  ms: number;
  tokens: number;
  response: OrchestrateResponse;
}

/** The model's tutor with a meter: the tokens of every call a turn makes, and its wall time. */
export function meteredTutor(env: Record<string, string | undefined>) {
  let tokens = 0;
  const tutor = llmTutorFromEnv(env, {
    call: (e) => {
      tokens += e.inputTokens + e.outputTokens;
    },
  });
  if (!tutor) throw new LlmSettingsError('--provider needs ARALIN_LLM_PROVIDER (gemini | openai-compatible)');
  return {
    tutor: tutor as Tutor,
    async turn(request: unknown): Promise<Turn> {
      tokens = 0;
      const started = performance.now();
      const response = await tutor.orchestrate(request);
      return { ms: performance.now() - started, tokens, response };
    },
  };
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export function turnStats(turns: Turn[]): TurnStats {
  const tokens = turns.map((t) => t.tokens).sort((a, b) => a - b);
  const ms = turns.map((t) => t.ms).sort((a, b) => a - b);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const n = Math.max(1, turns.length);
  return {
    turns: turns.length,
    tokens: {
      total: sum(tokens),
      mean: sum(tokens) / n,
      p50: quantile(tokens, 0.5),
      p95: quantile(tokens, 0.95),
    },
    latency_ms: { mean: sum(ms) / n, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) },
    generated: turns.filter((t) =>
      t.response.trace.some((s) => s.step === 'generate' && s.detail.includes('written by the model')),
    ).length,
    degraded: turns.filter((t) => t.response.degraded).length,
  };
}

interface MathCase {
  question: string;
  answer: string;
}

/** `limit` cases spread evenly over the file (every k-th), so a short run still covers its modules. */
function spread<T>(rows: T[], limit: number): T[] {
  if (rows.length <= limit) return rows;
  const step = rows.length / limit;
  return Array.from({ length: limit }, (_, i) => rows[Math.floor(i * step)] as T);
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The math sets present on this machine: the DeepMind sample always, GSM8K when ../shared has it. */
export function mathSets(limit: number): { set: string; cases: MathCase[] }[] {
  const sets = [
    {
      set: 'mathematics_dataset',
      cases: spread(
        readJsonl<MathCase>(`${ROOT}packages/tutor/test/fixtures/mathematics_dataset/dev.jsonl`),
        limit,
      ),
    },
  ];
  const gsm8k = [
    `${ROOT}../shared/data/gsm8k/train.jsonl`,
    `${ROOT}../../shared/data/gsm8k/train.jsonl`,
  ].find(existsSync);
  if (gsm8k)
    sets.push({
      set: 'gsm8k',
      cases: spread(
        readJsonl<MathCase>(gsm8k).map((r) => ({
          question: r.question,
          answer: r.answer.split('####').at(-1)?.trim() ?? '',
        })),
        limit,
      ),
    });
  return sets;
}

export async function evaluateMath(
  metered: ReturnType<typeof meteredTutor>,
  set: string,
  cases: MathCase[],
): Promise<MathReport> {
  const turns: Turn[] = [];
  let correct = 0;
  let abstained = 0;
  for (const c of cases) {
    const turn = await metered.turn({ user_info: { user_id: 'eval', name: 'Eval' }, message: c.question });
    turns.push(turn);
    const answer =
      turn.response.tool === 'math_solver' ? (turn.response.result?.answer as string | null) : null;
    if (answer === null || answer === undefined) abstained++;
    else if (answer === c.answer || checkAnswer(answer, c.answer, { type: 'numeric' }).correct) correct++;
  }
  return {
    set,
    cases: cases.length,
    correct,
    abstained,
    wrong: cases.length - correct - abstained,
    accuracy: cases.length ? correct / cases.length : 0,
    turns: turnStats(turns),
  };
}

export function formatTurns(t: TurnStats): string {
  return `  per turn: tokens mean ${t.tokens.mean.toFixed(0)} p50 ${t.tokens.p50} p95 ${t.tokens.p95} (total ${t.tokens.total}); latency mean ${t.latency_ms.mean.toFixed(0)} ms p50 ${t.latency_ms.p50.toFixed(0)} ms p95 ${t.latency_ms.p95.toFixed(0)} ms; generated ${t.generated}/${t.turns}, degraded ${t.degraded}/${t.turns}`;
}

export interface ProviderEvalReport {
  orchestrator: (EvalReport & { turns: TurnStats })[];
  math: MathReport[];
}

export async function providerEval(
  env: Record<string, string | undefined>,
  options: { limit: number; split?: string },
): Promise<ProviderEvalReport> {
  const metered = meteredTutor(env);
  const all = loadCases();
  const orchestrator: ProviderEvalReport['orchestrator'] = [];
  for (const split of options.split ? [options.split] : ['dev', 'test']) {
    const cases = spread(
      all.filter((c) => split === 'all' || c.split === split),
      options.limit,
    );
    const turns: Turn[] = [];
    const tutor: Tutor = {
      ...metered.tutor,
      orchestrate: async (request) => {
        const turn = await metered.turn(request);
        turns.push(turn);
        return turn.response;
      },
    };
    const report = await evaluate(cases, split, tutor);
    orchestrator.push({ ...report, turns: turnStats(turns) });
  }
  const math: MathReport[] = [];
  for (const { set, cases } of mathSets(options.limit)) math.push(await evaluateMath(metered, set, cases));
  return { orchestrator, math };
}

/** The command: prints the tables (or JSON); returns the exit code. */
export async function runProviderEval(
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      provider: { type: 'boolean' },
      limit: { type: 'string', default: '50' },
      split: { type: 'string' },
      json: { type: 'boolean' },
      errors: { type: 'boolean' },
    },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error('aralin eval: --limit is a whole number of cases per set (1 or more)');
    return 2;
  }
  let report: ProviderEvalReport;
  try {
    report = await providerEval(env, { limit, ...(values.split ? { split: values.split } : {}) });
  } catch (error) {
    if (!(error instanceof LlmSettingsError)) throw error;
    console.error(`aralin eval: ${error.message}`);
    return 2;
  }
  if (values.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  console.log(
    `provider ${env.ARALIN_LLM_PROVIDER} model ${env.ARALIN_LLM_MODEL}, at most ${limit} cases per set`,
  );
  for (const r of report.orchestrator) {
    console.log(formatReport(r));
    console.log(formatTurns(r.turns));
    if (values.errors)
      for (const e of r.errors) console.log(`    ✗ ${e.id} "${e.message}": ${e.problems.join('; ')}`);
  }
  for (const m of report.math) {
    console.log(
      `math ${m.set}: ${m.cases} cases\n  correct ${m.correct} (${(m.accuracy * 100).toFixed(1)}%)  abstained ${m.abstained}  wrong ${m.wrong}`,
    );
    console.log(formatTurns(m.turns));
  }
  return 0;
}
