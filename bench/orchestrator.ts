/**
 * Embedded planner and orchestrator micro-benchmark (single core): `npm exec -- node bench/orchestrator.ts`.
 * Prints a table and writes bench/results/orchestrator.json.
 */
import { cpus, totalmem } from 'node:os';
import { loadContentLibrary } from '@aralin/content';
import { createTutor, embeddedPlanner, ToolRegistry } from '@aralin/tutor';
import { loadCases } from '../packages/tutor/eval/run.ts';
import { percentile, writeResult } from './lib/common.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const cases = loadCases();
const content = loadContentLibrary();
const tools = new ToolRegistry();
const tutor = createTutor({ content, tools });

async function measure(name: string, fn: (i: number) => Promise<unknown>) {
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
    locale: 'en',
    tools,
    content,
  });
};
const turn = (i: number) => tutor.orchestrate((cases[i % cases.length] as (typeof cases)[number]).request);

const rows = [
  await measure('embedded planner decision', plan),
  await measure('full orchestrate turn (plan + tool + reply)', turn),
];
console.log(
  `\nOrchestrator micro-benchmark — ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${seconds}s each, single thread\n`,
);
console.log('| benchmark | runs | per second | p50 | p99 |\n|---|---:|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.name} | ${r.runs} | ${r.per_second} | ${r.p50_us} µs | ${r.p99_us} µs |`);
writeResult('orchestrator', { seconds, rows });
