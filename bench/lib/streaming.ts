/**
 * Streaming benchmark: the server uses the loopback LLM stub (bench/llm-stub.ts, 300 ms to first token, 30
 * tokens/s) through the admin provider settings (openai-compatible). Opens many concurrent SSE chat turns and
 * measures the time Aralin adds between the provider's first token and the client's first text delta, and
 * the server's memory per open stream. Run alone: `npm exec -- node bench/run.ts --only streaming [--full]`.
 *
 * Memory is measured in a second pass at each level, so that its forced garbage collections do not delay the
 * first pass's tokens: once every open turn has its reply streaming (or once the count of streaming replies
 * falls, at most 3 s after the last turn was opened), the live memory after a full collection
 * (bench/lib/inspector.ts) minus the same before the level, divided by the open turns. The first pass's RSS
 * growth is reported too.
 *
 * The server runs with its default admission limit (MAX_ACTIVE_TURNS, 250 turns at once): turns over it are
 * answered 503 `overloaded` and counted as refused, not failed. `MAX_ACTIVE_TURNS=0 npm exec -- node
 * bench/run.ts --only streaming --full` measures the server without the limit.
 *
 * The stub runs in its own process and stamps first tokens on the machine's monotonic clock, so the clients'
 * event loop (busy parsing every stream) does not delay the provider. That loop's own lag still inflates the
 * "added" time as the client sees it; it is reported beside it (client loop delay p99).
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { monotonicMs } from '../llm-stub.ts';
import {
  checkRedis,
  createBenchDatabase,
  FULL,
  ROOT,
  request,
  type ServerProcess,
  type Session,
  signUpStudents,
  sleep,
  startServer,
  streamTurn,
  summarise,
  table,
  useOpenAiCompatibleProvider,
  writeResult,
} from './common.ts';
import { INSPECT_OPTION, type LiveMemory, liveMemory } from './inspector.ts';

interface StubProcess {
  url: string;
  /** First-token times by bench id, on the monotonic clock, and the stub's call counts. */
  report(): Promise<{ first_tokens: Record<string, number>; counts: { plan: number; stream: number } }>;
  close(): Promise<void>;
}

/** Starts bench/llm-stub.ts as a child process and waits for the address it prints. */
export async function startStubProcess(options: {
  firstTokenMs: number;
  tokensPerSecond: number;
  tokens: number;
}): Promise<StubProcess> {
  const child = spawn(
    process.execPath,
    [
      `${ROOT}bench/llm-stub.ts`,
      '0',
      '--first-token-ms',
      String(options.firstTokenMs),
      '--tokens-per-second',
      String(options.tokensPerSecond),
      '--tokens',
      String(options.tokens),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the LLM stub did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`the LLM stub exited (${code})`)));
    lines.on('line', (line) => {
      const found = /LLM stub at (\S+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    url,
    async report() {
      const res = await request('GET', `${url.replace(/\/v1$/, '')}/bench/first-tokens`);
      return JSON.parse(res.body);
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

interface Level {
  streams: number;
  ramp_seconds: number;
  peak_open_streams: number;
  open_at_memory_sample: number;
  /** Of those, the turns whose reply was streaming (first token received, not finished). */
  streaming_at_memory_sample: number;
  failures: number;
  failure_samples: string[];
  /** Turns answered 503 `overloaded` (admission control), and how long that answer took. */
  refused: number;
  refused_ms: ReturnType<typeof summarise>;
  llm_answered: number;
  added_ttft_ms: ReturnType<typeof summarise>;
  end_to_end_ttft_ms: ReturnType<typeof summarise>;
  client_loop_delay_p99_ms: number;
  rss_before_mib: number;
  rss_during_mib: number;
  /** RSS growth in the latency pass per open stream (includes garbage not yet collected). */
  rss_per_stream_kib: number;
  /** Live memory (heap + external, after a full collection) per open stream, from the memory pass. */
  memory_per_stream_kib: number;
  memory_pass: {
    open_at_sample: number;
    streaming_at_sample: number;
    failures: number;
    failure_samples: string[];
    refused: number;
    before: LiveMemory;
    during: LiveMemory;
  };
}

type Pass = 'warm-up' | 'latency' | 'memory';

export async function runStreaming(full = FULL) {
  // Few streams first (what one stream costs), then the load the issue names.
  const levels = full ? [20, 200, 2000] : [20, 200];
  // Replies of 180 tokens (6 s at 30 tokens/s): to have 2,000 open at once they are opened at 300/s.
  const streamSeconds = 6;
  const rampPerSecond = full ? 300 : 100;
  const studentCount = full ? 50 : 20;
  const stub = await startStubProcess({ firstTokenMs: 300, tokensPerSecond: 30, tokens: streamSeconds * 30 });
  const db = await createBenchDatabase();
  let server: ServerProcess | undefined;
  try {
    server = await startServer({
      DATABASE_URL: db.url,
      NODE_OPTIONS: [process.env.BENCH_SERVER_NODE_OPTIONS, INSPECT_OPTION].filter(Boolean).join(' '),
      ...(process.env.MAX_ACTIVE_TURNS ? { MAX_ACTIVE_TURNS: process.env.MAX_ACTIVE_TURNS } : {}),
    });
    const srv = server;
    const rateLimits = await checkRedis(srv.url);
    await useOpenAiCompatibleProvider(srv.url, stub.url);
    const students = await signUpStudents(srv.url, studentCount, 'streamkid');
    const convs = await Promise.all(students.map((s) => s.newConversation()));

    let next = 0;
    /** Opens `streams` turns at `rampPerSecond` and measures them. */
    const level = async (streams: number, pass: Pass) => {
      const received = new Map<string, number>();
      const e2e: number[] = [];
      let open = 0;
      let streaming = 0;
      let peakOpen = 0;
      let failures = 0;
      const refusedMs: number[] = [];
      let llmAnswered = 0;
      const samples: string[] = [];
      const one = async () => {
        const i = next++;
        const k = i % students.length;
        const s = students[k] as Session;
        const id = `s${i}`;
        const sent = performance.now();
        let first = true;
        open++;
        peakOpen = Math.max(peakOpen, open);
        try {
          const out = await streamTurn(s, convs[k] as string, `Explain photosynthesis [bench:${id}]`, (d) => {
            if (first && d.includes('Stubtoken')) {
              first = false;
              streaming++;
              received.set(id, monotonicMs());
              e2e.push(performance.now() - sent);
            }
          });
          if (out.status === 503 && out.body.includes('/problems/overloaded')) {
            refusedMs.push(performance.now() - sent);
          } else if (out.status !== 200 || !out.finished) {
            failures++;
            if (samples.length < 3) samples.push(`${out.status} ${out.body.slice(0, 160)}`);
          }
          if (out.text.includes('Stubtoken')) llmAnswered++;
        } catch (error) {
          failures++;
          if (samples.length < 3) samples.push((error as Error).message);
        } finally {
          open--;
          if (!first) streaming--;
        }
      };
      await sleep(500);
      const before = srv.stats();
      const liveBefore = pass === 'memory' ? await liveMemory(srv) : undefined;
      const clientLag = monitorEventLoopDelay({ resolution: 10 });
      clientLag.enable();
      const all: Promise<void>[] = [];
      const t0 = performance.now();
      for (let i = 0; i < streams; i++) {
        all.push(one());
        const due = t0 + ((i + 1) * 1000) / rampPerSecond;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
      }
      const rampSeconds = (performance.now() - t0) / 1000;
      // All opened: sample once every open turn streams its reply, or once that count falls (the first turns
      // of a long ramp finish before the last begin), at most 3 s after the last was opened.
      await sleep(500);
      for (
        let waited = 500, last = 0;
        waited < 3000 && streaming < open && streaming >= last;
        waited += 100
      ) {
        last = streaming;
        await sleep(100);
      }
      const openAtSample = open;
      const streamingAtSample = streaming;
      const during = srv.stats();
      const liveDuring = pass === 'memory' ? await liveMemory(srv) : undefined;
      await Promise.all(all);
      clientLag.disable();
      const firstTokens: Record<string, number> =
        pass === 'latency' ? (await stub.report()).first_tokens : {};
      const added = [...received].flatMap(([id, at]) => {
        const firstToken = firstTokens[id];
        return firstToken === undefined ? [] : [at - firstToken];
      });
      return {
        streams,
        ramp_seconds: Math.round(rampSeconds),
        peak_open_streams: peakOpen,
        open_at_memory_sample: openAtSample,
        streaming_at_memory_sample: streamingAtSample,
        failures,
        failure_samples: samples,
        refused: refusedMs.length,
        refused_ms: summarise(refusedMs),
        llm_answered: llmAnswered,
        added_ttft_ms: summarise(added),
        end_to_end_ttft_ms: summarise(e2e),
        client_loop_delay_p99_ms: Math.round(clientLag.percentile(99) / 1e4) / 100,
        rss_before_mib: Math.round(before.rssMiB),
        rss_during_mib: Math.round(during.rssMiB),
        rss_per_stream_kib: perStreamKiB(during.rssMiB - before.rssMiB, openAtSample),
        live:
          liveBefore && liveDuring
            ? {
                open_at_sample: openAtSample,
                streaming_at_sample: streamingAtSample,
                failures,
                failure_samples: samples,
                refused: refusedMs.length,
                before: liveBefore,
                during: liveDuring,
              }
            : undefined,
      };
    };
    // Warm up (JIT, pools, the school's tutor) before anything is measured.
    await level(5, 'warm-up');
    const results: Level[] = [];
    for (const n of levels) {
      const { live: _, ...latency } = await level(n, 'latency');
      const { live } = await level(n, 'memory');
      if (!live) throw new Error('the memory pass did not sample memory');
      const held = (m: LiveMemory) => m.heapMiB + m.externalMiB;
      results.push({
        ...latency,
        memory_per_stream_kib: perStreamKiB(held(live.during) - held(live.before), live.open_at_sample),
        memory_pass: live,
      });
    }
    const top = results[results.length - 1] as Level;
    const report = await stub.report();
    const result = {
      full,
      rate_limits: rateLimits,
      stream_seconds: streamSeconds,
      ramp_per_second: rampPerSecond,
      levels: results,
      ...top,
      stub_calls: report.counts,
      targets: {
        added_ttft_p95_under_10ms: top.added_ttft_ms.p95 < 10,
        // Failed turns count as open while they wait for their answer but hold no stream: then not a measure.
        // Refused turns leave fewer open streams than the level names: then not a measure at that level.
        memory_per_stream_under_50kib:
          top.memory_pass.failures === 0 && top.memory_pass.refused === 0 && top.memory_per_stream_kib < 50,
        // Every stream of the top level (2,000 in --full) opened at once and answered by the LLM, in both passes.
        all_streams_held:
          top.failures === 0 &&
          top.refused === 0 &&
          top.memory_pass.failures === 0 &&
          top.memory_pass.refused === 0 &&
          top.llm_answered === top.streams &&
          top.peak_open_streams >= 2000,
      },
    };
    writeResult('streaming', result);
    return result;
  } finally {
    await server?.stop();
    await stub.close();
    await db.drop();
  }
}

function perStreamKiB(growthMiB: number, open: number): number {
  return open > 0 ? Math.round((growthMiB * 1024) / open) : Number.NaN;
}

export function printStreaming(r: Awaited<ReturnType<typeof runStreaming>>): void {
  console.log(
    table(
      [
        'streams',
        'peak open',
        'failures',
        'refused (overloaded) / p95 ms',
        'added TTFT p50/p95/p99 ms',
        'end-to-end TTFT p50/p95 ms',
        'client loop delay p99 ms',
        'live KiB/stream (streaming/open at sample)',
        'RSS KiB/stream',
      ],
      r.levels.map((l) => [
        l.streams,
        l.peak_open_streams,
        l.failures,
        l.refused ? `${l.refused} / ${l.refused_ms.p95}` : '0',
        `${l.added_ttft_ms.p50} / ${l.added_ttft_ms.p95} / ${l.added_ttft_ms.p99}`,
        `${l.end_to_end_ttft_ms.p50} / ${l.end_to_end_ttft_ms.p95}`,
        l.client_loop_delay_p99_ms,
        `${l.memory_per_stream_kib} (${l.memory_pass.streaming_at_sample}/${l.memory_pass.open_at_sample})`,
        l.rss_per_stream_kib,
      ]),
    ),
  );
  for (const l of r.levels)
    if (l.memory_pass.refused)
      console.log(`memory pass at ${l.streams} streams: ${l.memory_pass.refused} refused (overloaded)`);
  for (const l of r.levels)
    if (l.memory_pass.failures)
      console.log(
        `memory pass at ${l.streams} streams: ${l.memory_pass.failures} failed (not in the table): ${l.memory_pass.failure_samples.join(' | ')}`,
      );
  for (const l of r.levels)
    if (l.failure_samples.length)
      console.log(`stream failures at ${l.streams}: ${l.failure_samples.join(' | ')}`);
}
