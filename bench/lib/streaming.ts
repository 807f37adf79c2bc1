/**
 * Streaming benchmark: the server uses the loopback LLM stub (bench/llm-stub.ts, 300 ms to first token, 30
 * tokens/s) through the admin provider settings (openai-compatible). Opens many concurrent SSE chat turns and
 * measures the time Aralin adds between the provider's first token and the client's first text delta, and
 * the server's memory per open stream. Run alone: `npm exec -- node bench/run.ts --only streaming [--full]`.
 */
import { startLlmStub } from '../llm-stub.ts';
import {
  createBenchDatabase,
  FULL,
  type ServerProcess,
  Session,
  signUpStudents,
  sleep,
  startServer,
  streamTurn,
  summarise,
  table,
  writeResult,
} from './common.ts';

export async function runStreaming(full = FULL) {
  const streams = full ? 2000 : 200;
  // The planner's LLM timeout (8 s) covers the whole reply stream, so a reply must end within it.
  const streamSeconds = 6;
  const rampPerSecond = full ? 300 : 100;
  const studentCount = full ? 50 : 20;
  const stub = await startLlmStub({ firstTokenMs: 300, tokensPerSecond: 30, tokens: streamSeconds * 30 });
  const db = await createBenchDatabase();
  let server: ServerProcess | undefined;
  try {
    server = await startServer({ DATABASE_URL: db.url });
    const admin = new Session(server.url);
    await admin.signIn('admin', 'aralin-admin');
    const put = await admin.call('PUT', '/api/v1/admin/provider', {
      provider: 'openai-compatible',
      model: 'stub',
      base_url: stub.url,
    });
    if (put.status !== 200) throw new Error(`provider: ${put.status} ${put.body}`);
    const students = await signUpStudents(server.url, studentCount, 'streamkid');
    const convs = await Promise.all(students.map((s) => s.newConversation()));

    const added: number[] = [];
    const e2e: number[] = [];
    let open = 0;
    let peakOpen = 0;
    let failures = 0;
    let llmAnswered = 0;
    const samples: string[] = [];
    const one = async (i: number) => {
      const k = ((i % students.length) + students.length) % students.length;
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
            const now = performance.now();
            const at = stub.firstTokenAt.get(id);
            if (at !== undefined) added.push(now - at);
            e2e.push(now - sent);
          }
        });
        if (out.status !== 200 || !out.finished) {
          failures++;
          if (samples.length < 3) samples.push(`${out.status} ${out.body.slice(0, 160)}`);
        }
        if (out.text.includes('Stubtoken')) llmAnswered++;
      } catch (error) {
        failures++;
        if (samples.length < 3) samples.push((error as Error).message);
      } finally {
        open--;
      }
    };
    // Warm up (JIT, pools, the school's tutor), then read the idle memory.
    await Promise.all(Array.from({ length: 5 }, (_, i) => one(-1 - i)));
    added.length = 0;
    e2e.length = 0;
    llmAnswered = 0;
    await sleep(500);
    const before = server.stats();
    const all: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < streams; i++) {
      all.push(one(i));
      const due = t0 + ((i + 1) * 1000) / rampPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
    }
    const rampSeconds = (performance.now() - t0) / 1000;
    // All opened: sample memory while (nearly) all are still streaming.
    await sleep(500);
    const openAtSample = open;
    const during = server.stats();
    await Promise.all(all);
    const perStreamKiB =
      openAtSample > 0 ? Math.round(((during.rssMiB - before.rssMiB) * 1024) / openAtSample) : Number.NaN;
    const a = summarise(added);
    const e = summarise(e2e);
    const result = {
      full,
      streams,
      ramp_seconds: Math.round(rampSeconds),
      stream_seconds: streamSeconds,
      peak_open_streams: peakOpen,
      open_at_memory_sample: openAtSample,
      failures,
      failure_samples: samples,
      llm_answered: llmAnswered,
      added_ttft_ms: a,
      end_to_end_ttft_ms: e,
      rss_before_mib: Math.round(before.rssMiB),
      rss_during_mib: Math.round(during.rssMiB),
      memory_per_stream_kib: perStreamKiB,
      stub_calls: stub.counts,
      targets: {
        added_ttft_p95_under_10ms: a.p95 < 10,
        memory_per_stream_under_50kib: perStreamKiB < 50,
        streams_held: peakOpen,
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

export function printStreaming(r: Awaited<ReturnType<typeof runStreaming>>): void {
  console.log(
    table(
      [
        'streams',
        'peak open',
        'failures',
        'added TTFT p50/p95/p99 ms',
        'end-to-end TTFT p50/p95 ms',
        'KiB/stream',
      ],
      [
        [
          r.streams,
          r.peak_open_streams,
          r.failures,
          `${r.added_ttft_ms.p50} / ${r.added_ttft_ms.p95} / ${r.added_ttft_ms.p99}`,
          `${r.end_to_end_ttft_ms.p50} / ${r.end_to_end_ttft_ms.p95}`,
          r.memory_per_stream_kib,
        ],
      ],
    ),
  );
  if (r.failure_samples.length) console.log(`stream failures: ${r.failure_samples.join(' | ')}`);
}
