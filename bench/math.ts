/**
 * Math solver benchmark, on one core: accuracy per module and overall on the DeepMind Mathematics Dataset dev
 * sample, solves per second, and median and p95 solve time. Run: `npm exec -- node bench/math.ts`. Writes
 * bench/results/math.json.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { solveMath } from '../packages/tutor/src/tools/math_solver/index.ts';
import { percentile, ROOT, runOnOneCore, writeResult } from './lib/common.ts';

const file = join(ROOT, 'packages/tutor/test/fixtures/mathematics_dataset/dev.jsonl');

interface Row {
  module: string;
  question: string;
  answer: string;
}

export function runMathBench() {
  const rows: Row[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);

  // warm-up pass (JIT, lazy tables) — not timed
  for (const r of rows.slice(0, 300)) solveMath(r.question);

  const perModule = new Map<string, { correct: number; total: number }>();
  const times: number[] = [];
  const failures: { module: string; question: string; expected: string; got: string | null }[] = [];
  for (const r of rows) {
    const t0 = performance.now();
    const s = solveMath(r.question);
    times.push(performance.now() - t0);
    const ok = s.answer === r.answer;
    const m = perModule.get(r.module) ?? { correct: 0, total: 0 };
    m.total++;
    if (ok) m.correct++;
    else failures.push({ module: r.module, question: r.question, expected: r.answer, got: s.answer });
    perModule.set(r.module, m);
  }

  const solveSeconds = times.reduce((a, b) => a + b, 0) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p: number) => percentile(times, p);
  const correct = [...perModule.values()].reduce((a, m) => a + m.correct, 0);
  const modules = [...perModule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([module, m]) => ({ module, correct: m.correct, total: m.total, accuracy: m.correct / m.total }));
  return {
    dataset:
      'DeepMind Mathematics Dataset dev sample (packages/tutor/test/fixtures/mathematics_dataset/dev.jsonl)',
    node: process.version,
    cores: cpus().length,
    cores_used: availableParallelism(),
    overall: { correct, total: rows.length, accuracy: correct / rows.length },
    modules,
    solves_per_s: Math.round(rows.length / solveSeconds),
    timing_ms: { median: pct(0.5), p95: pct(0.95), max: pct(1) },
    /** ≥ 97 % overall, ≥ 90 % in every module, median solve < 2 ms (docs/benchmarks.md). */
    targets_met: correct / rows.length >= 0.97 && modules.every((m) => m.accuracy >= 0.9) && pct(0.5) < 2,
    failures,
  };
}

export function printMathBench(r: ReturnType<typeof runMathBench>): void {
  const w = Math.max(...r.modules.map((m) => m.module.length), 7);
  console.log(`| ${'module'.padEnd(w)} | correct | accuracy |`);
  console.log(`| ${'-'.repeat(w)} | ------: | -------: |`);
  for (const m of r.modules)
    console.log(
      `| ${m.module.padEnd(w)} | ${`${m.correct}/${m.total}`.padStart(7)} | ${(m.accuracy * 100).toFixed(1).padStart(7)}% |`,
    );
  console.log(
    `| ${'overall'.padEnd(w)} | ${`${r.overall.correct}/${r.overall.total}`.padStart(7)} | ${(r.overall.accuracy * 100).toFixed(1).padStart(7)}% |`,
  );
  const t = r.timing_ms;
  console.log(
    `\n${r.solves_per_s} solves/s; solve time: median ${t.median.toFixed(3)} ms, p95 ${t.p95.toFixed(3)} ms, max ${t.max.toFixed(3)} ms`,
  );
  console.log(
    `machine: running on ${r.cores_used} of ${r.cores} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${r.node}`,
  );
  if (r.failures.length)
    console.log(
      `\nfirst failures:\n${r.failures
        .slice(0, 10)
        .map((f) => `  [${f.module}] ${f.question} → ${f.got} (expected ${f.expected})`)
        .join('\n')}`,
    );
}

if (import.meta.main) {
  runOnOneCore(import.meta.url);
  const r = runMathBench();
  printMathBench(r);
  writeResult('math', r);
}
