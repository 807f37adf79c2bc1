/**
 * The benchmarks in one command: the orchestrator and math solver micro-benchmarks (each in its own process,
 * on one core), load ("class in session" + saturation vs a bare Fastify baseline), streaming through a
 * simulated LLM, and the fault scenarios. Prints one summary table.
 *
 *   npm run bench                      short run (< 10 min)
 *   npm run bench -- --full            the complete run
 *   npm run bench -- --only micro,load,streaming,faults
 *
 * Results go to bench/results/{orchestrator,math,load,streaming,faults,summary}.json. Traffic stays on
 * 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { runFaults } from './faults.ts';
import { FULL, ROOT, readResult, table, writeResult } from './lib/common.ts';
import { printStreaming, runStreaming } from './lib/streaming.ts';
import { printLoad, runLoad } from './load.ts';
import type { runMathBench } from './math.ts';
import type { runOrchestratorBench } from './orchestrator.ts';

const onlyArg = process.argv.indexOf('--only');
const only =
  onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : ['micro', 'load', 'streaming', 'faults'];
const rows: (string | number)[][] = [];
const yes = (b: boolean | null | undefined) =>
  b === null || b === undefined ? 'n/a' : b ? 'met' : 'NOT met';
const t0 = performance.now();
const pctOf = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

if (only.includes('micro')) {
  console.error('micro: the embedded planner and the math solver, each on one core…');
  /** Runs a micro-benchmark script in its own process (it pins itself to one core); true when it succeeded. */
  const micro = (script: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [`${ROOT}bench/${script}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    }).status === 0;
  const onCores = (n: number | undefined) => (n === 1 ? 'one core' : `${n ?? '?'} cores`);
  const planner = micro('orchestrator.ts', { BENCH_SECONDS: FULL ? '3' : '1' })
    ? readResult<Awaited<ReturnType<typeof runOrchestratorBench>>>('orchestrator')
    : null;
  if (planner)
    for (const row of planner.rows)
      rows.push([
        `micro: ${row.name} (${onCores(planner.cores_used)})`,
        `${row.per_second}/s (p50 ${row.p50_us} µs, p99 ${row.p99_us} µs)`,
        '',
        '',
      ]);
  else rows.push(['micro: orchestrator', 'the benchmark failed (see its output above)', '', 'NOT met']);
  const math = micro('math.ts') ? readResult<ReturnType<typeof runMathBench>>('math') : null;
  rows.push([
    `micro: math solver (${onCores(math?.cores_used)})`,
    math
      ? `${math.solves_per_s} solves/s (median ${math.timing_ms.median.toFixed(3)} ms); ${math.overall.correct}/${math.overall.total} correct`
      : 'the benchmark failed (see its output above)',
    '≥ 97 % (every module ≥ 90 %), median < 2 ms',
    yes(math?.targets_met ?? false),
  ]);
  if (math)
    rows.push([
      'micro: math word problems (coverage / precision / wrong)',
      math.word_problems.sets
        .filter((x) => !x.set.startsWith('deepmind '))
        .map((x) => `${x.set} ${pctOf(x.coverage)} / ${pctOf(x.precision)} / ${pctOf(x.wrong_share)}`)
        .join('; '),
      'precision ≥ 98 %, wrong ≤ 1 % on every set; coverage ≥ 50 % (ours), ≥ 15 % (GSM8K)',
      yes(math.word_problems.targets_met),
    ]);
}
if (only.includes('load')) {
  console.error('load: signing up students and running the class-in-session levels…');
  const r = await runLoad(FULL);
  printLoad(r);
  for (const l of r.levels)
    rows.push([
      `load: ${l.students} students, turn p50/p95/p99`,
      `${l.turn_p50_ms} / ${l.turn_p95_ms} / ${l.turn_p99_ms} ms (${l.turns_per_s} turns/s, ${l.errors} errors, CPU ${l.server_cpu_pct} %, RSS ${l.server_rss_peak_mib} MiB)`,
      l.students === 200 ? 'p95 < 50 ms' : '',
      l.students === 200 ? yes(r.targets.p95_under_50ms_at_200) : '',
    ]);
  const s = r.saturation;
  rows.push([
    'load: saturation, streamed turns/s',
    `${s.aralin.per_s} (${s.aralin.errors} errors; JSON turns ${s.aralin_json.per_s}/s; CPU per turn: server ${s.aralin.server_cpu_ms_per_request} ms, PostgreSQL ${s.aralin.postgres_cpu_ms_per_request} ms; the bare route: ${s.baseline.per_s}/s, ${s.baseline.server_cpu_ms_per_request} + ${s.baseline.postgres_cpu_ms_per_request} ms; rate limits in ${r.rate_limits})`,
    '≥ 1,000',
    yes(r.targets.saturation_at_least_1000_turns_per_s),
  ]);
  rows.push([
    'load: throughput vs bare Fastify',
    `${s.ratio} (${s.aralin.per_s} / ${s.baseline.per_s})`,
    '≥ 0.5',
    yes(r.targets.overhead_ratio_at_least_0_5),
  ]);
  rows.push([
    'load: errors',
    String(r.levels.reduce((a, l) => a + l.errors, 0) + s.aralin.errors + s.aralin_json.errors),
    '0',
    yes(r.targets.zero_errors),
  ]);
}
if (only.includes('streaming')) {
  console.error('streaming: opening SSE turns through the LLM stub…');
  const r = await runStreaming(FULL);
  printStreaming(r);
  rows.push([
    'streaming: concurrent streams held',
    `${r.streams} opened, ${r.llm_answered} answered by the LLM, ${r.refused} refused with 503 overloaded${r.refused ? ` (answered in p95 ${r.refused_ms.p95} ms)` : ''}, ${r.failures} failed; the same load again in the memory pass: ${r.memory_pass.refused} refused, ${r.memory_pass.failures} failed`,
    'up to 2,000',
    yes(r.targets.all_streams_held),
  ]);
  rows.push([
    'streaming: added TTFT p95',
    `${r.added_ttft_ms.p95} ms (p50 ${r.added_ttft_ms.p50})`,
    '< 10 ms',
    yes(r.targets.added_ttft_p95_under_10ms),
  ]);
  rows.push([
    'streaming: memory per open stream',
    `${r.memory_per_stream_kib} KiB${r.memory_pass.failures || r.memory_pass.refused ? ` over ${r.memory_pass.open_at_sample} open (memory pass: ${r.memory_pass.refused} of ${r.streams} refused, ${r.memory_pass.failures} failed, so not a measure of ${r.streams} streams)` : ''}`,
    '< 50 KB',
    yes(r.targets.memory_per_stream_under_50kib),
  ]);
}
if (only.includes('faults')) {
  console.error('faults: running the fault scenarios…');
  for (const f of await runFaults(FULL)) rows.push([`fault: ${f.scenario}`, f.detail, 'PASS', f.verdict]);
}
if (only.includes('lighthouse')) {
  const { printLighthouse, runLighthouse } = await import('./lighthouse.ts');
  const r = await runLighthouse();
  printLighthouse(r);
  writeResult('lighthouse', r);
  for (const p of r.pages)
    rows.push([
      `lighthouse: ${p.page} via ${p.via}`,
      `score ${p.score}`,
      `≥ ${r.target_score}`,
      p.score >= r.target_score ? 'met' : 'NOT met',
    ]);
}

console.log(
  `\n## Summary (${FULL ? 'full' : 'short'} run, ${Math.round((performance.now() - t0) / 1000)} s)\n`,
);
console.log(table(['benchmark', 'measured', 'target', 'verdict'], rows));
writeResult('summary', { full: FULL, rows });
