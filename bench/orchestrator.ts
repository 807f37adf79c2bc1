/**
 * Embedded planner and orchestrator micro-benchmark, on one core: `npm exec -- node bench/orchestrator.ts`
 * (`BENCH_SECONDS` per row, default 3). Prints a table and writes bench/results/orchestrator.json.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { loadContentLibrary } from '@aralin/content';
import { createTutor, embeddedPlanner, readStudentState, ToolRegistry, type TutorEvent } from '@aralin/tutor';
import { loadCases } from '../packages/tutor/eval/run.ts';
import { percentile, runOnOneCore, writeResult } from './lib/common.ts';

async function measure(name: string, seconds: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn(i);
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < deadline) {
    const t = performance.now();
    await fn(i++);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  return {
    name,
    runs: times.length,
    per_second: Math.round(times.length / (total / 1000)),
    p50_us: Math.round(percentile(times, 0.5) * 1000),
    p99_us: Math.round(percentile(times, 0.99) * 1000),
  };
}

export async function runOrchestratorBench(seconds = Number(process.env.BENCH_SECONDS ?? 3)) {
  const cases = loadCases();
  const content = loadContentLibrary();
  const tools = new ToolRegistry();
  const tutor = createTutor({ content, tools });
  const plan = (i: number) => {
    const c = cases[i % cases.length] as (typeof cases)[number];
    const req = c.request as {
      message: string;
      chat_history: never[];
      user_info: { user_id: string; name: string };
    };
    return embeddedPlanner.plan({
      message: req.message,
      history: req.chat_history,
      user: req.user_info,
      state: readStudentState(req.user_info).state,
      locale: 'en',
      tools,
      content,
    });
  };
  // The server consumes every event the turn emits and frames it as JSON for the stream; so does the bench.
  const onEvent = (event: TutorEvent) => void JSON.stringify(event);
  const turn = (i: number) =>
    tutor.orchestrate((cases[i % cases.length] as (typeof cases)[number]).request, { onEvent });
  return {
    seconds,
    cores_used: availableParallelism(),
    rows: [
      await measure('embedded planner decision', seconds, plan),
      await measure('full orchestrate turn (plan + tool + reply, events framed)', seconds, turn),
    ],
  };
}

export function printOrchestratorBench(r: Awaited<ReturnType<typeof runOrchestratorBench>>): void {
  console.log(
    `\nOrchestrator micro-benchmark — ${cpus()[0]?.model ?? 'cpu'}, running on ${r.cores_used} of ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${r.seconds}s each\n`,
  );
  console.log('| benchmark | runs | per second | p50 | p99 |\n|---|---:|---:|---:|---:|');
  for (const row of r.rows)
    console.log(`| ${row.name} | ${row.runs} | ${row.per_second} | ${row.p50_us} µs | ${row.p99_us} µs |`);
}

if (import.meta.main) {
  runOnOneCore(import.meta.url);
  const r = await runOrchestratorBench();
  printOrchestratorBench(r);
  writeResult('orchestrator', r);
}
