/**
 * What the LLM reply's streaming layer costs per open stream: the AI SDK's `streamText` (read through
 * `fullStream`, as the reply did before) against the model's own `doStream` (as `planner/llm.ts` reads it
 * now), on the SDK's in-process mock model, so that only the layer itself is measured. Then what a token
 * costs end to end on the client side of a real provider: `doStream` of the OpenAI-compatible provider
 * reading the loopback stub (bench/llm-stub.ts, in its own process) over HTTP — `fetch`, the SSE parser,
 * JSON and zod validation of every chunk, and the socket reads — and, as the floor it stands on, the same
 * replies read with `fetch` alone (bytes, no parsing) and with Node's own `http` client, `eventsource-parser`
 * and `JSON.parse` (the least a Node process does to take in a token over HTTP).
 *
 *   npm exec -- node bench/reply-stream.ts
 *
 * CPU: 1,000 replies of 180 tokens each, one after another, after a warm-up (µs per token); over HTTP, 200
 * replies of 180 tokens at 30 tokens/s at once, the process's CPU time (user + system) per token received.
 * Memory: live heap + external memory after a full collection, minus the same before, per open reply — on
 * the mock model 500 replies held open after 90 tokens; over HTTP the 200 replies once each has 30 tokens
 * (a 22-character prompt, so the figure is the reading layer's own). Each layer runs in its own child
 * process. Writes bench/results/reply-stream.json.
 */
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { createLanguageModel } from '@aralin/tutor';
import { streamText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createParser } from 'eventsource-parser';
import { table, writeResult } from './lib/common.ts';
import { startStubProcess } from './lib/streaming.ts';

const HTTP_LAYERS = [
  'doStream over HTTP',
  'fetch over HTTP, bytes only',
  'node:http + eventsource-parser',
] as const;
type HttpLayer = (typeof HTTP_LAYERS)[number];
type Layer = 'streamText' | 'doStream' | HttpLayer;
const LAYERS: Layer[] = ['streamText', 'doStream', ...HTTP_LAYERS];
const HTTP_REPLIES = 200;
const TOKENS = 180;
const RUNS = 1000;
const OPEN = 500;
const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: TOKENS, text: TOKENS, reasoning: 0 },
};

/** A model whose reply streams `tokens` deltas, then waits for `hold` (if given) before it finishes. */
function model(tokens: number, hold?: () => Promise<void>) {
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          controller.enqueue({ type: 'stream-start', warnings: [] });
          controller.enqueue({ type: 'text-start', id: 't' });
          for (let i = 0; i < tokens; i++)
            controller.enqueue({ type: 'text-delta', id: 't', delta: ` tok${i}` });
          if (hold) await hold();
          controller.enqueue({ type: 'text-end', id: 't' });
          controller.enqueue({ type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage });
          controller.close();
        },
      }),
    }),
  });
}

/** One reply read to its end through `layer`; returns its text. */
async function reply(layer: Layer, m: MockLanguageModelV3): Promise<string> {
  let text = '';
  const prompt = `Explain photosynthesis ${Math.random()}`;
  if (layer === 'streamText') {
    const s = streamText({ model: m, prompt, maxRetries: 0 });
    for await (const part of s.fullStream) if (part.type === 'text-delta') text += part.text;
    await s.usage;
  } else {
    const { stream } = await m.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
    });
    for await (const part of stream) if (part.type === 'text-delta') text += part.delta;
  }
  return text;
}

/** Reads one reply of the stub over loopback HTTP to its end, telling `seen` each token's count; returns the count. */
type HttpReader = (seen: (tokens: number) => void) => Promise<number>;

const STUB_PROMPT = 'Explain photosynthesis';

function httpReaders(baseURL: string): Record<HttpLayer, HttpReader> {
  const provider = createLanguageModel({ provider: 'openai-compatible', model: 'stub', baseURL });
  const url = `${baseURL}/chat/completions`;
  const body = JSON.stringify({
    model: 'stub',
    stream: true,
    messages: [{ role: 'user', content: STUB_PROMPT }],
  });
  return {
    'doStream over HTTP': async (seen) => {
      let tokens = 0;
      const { stream } = await provider.doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: STUB_PROMPT }] }],
      });
      for await (const part of stream) if (part.type === 'text-delta') seen(++tokens);
      return tokens;
    },
    'fetch over HTTP, bytes only': async (seen) => {
      let tokens = 0;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (!response.body) throw new Error('no body');
      const decoder = new TextDecoder();
      const mark = '"content":"';
      // A mark cut in two by a chunk boundary is found in the next chunk, which starts with this one's tail.
      let tail = '';
      for await (const bytes of response.body) {
        const text = tail + decoder.decode(bytes, { stream: true });
        for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) seen(++tokens);
        tail = text.slice(1 - mark.length);
      }
      return tokens;
    },
    'node:http + eventsource-parser': (seen) =>
      new Promise((resolve, reject) => {
        let tokens = 0;
        type Chunk = { choices?: { delta?: { content?: unknown } }[] };
        const parser = createParser({
          onEvent: ({ data }) => {
            if (data !== '[DONE]' && (JSON.parse(data) as Chunk).choices?.[0]?.delta?.content) seen(++tokens);
          },
        });
        const request = http.request(
          url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            response.setEncoding('utf8');
            response.on('data', (text: string) => parser.feed(text));
            response.on('end', () => resolve(tokens));
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
  };
}

/**
 * `HTTP_REPLIES` replies at once from the stub over loopback HTTP, read through `layer`: CPU time per token
 * received; then the same again, and the live memory per open reply once every reply has 30 tokens.
 */
async function overHttp(layer: HttpLayer) {
  const gc = exposedGc();
  const stub = await startStubProcess({ firstTokenMs: 50, tokensPerSecond: 30, tokens: TOKENS });
  try {
    const read = httpReaders(stub.url)[layer];
    const ignore = () => {};
    await Promise.all(Array.from({ length: 20 }, () => read(ignore)));
    const cpu0 = process.cpuUsage();
    const counts = await Promise.all(Array.from({ length: HTTP_REPLIES }, () => read(ignore)));
    const cpu = process.cpuUsage(cpu0);
    const tokens = counts.reduce((a, b) => a + b, 0);
    if (tokens !== HTTP_REPLIES * TOKENS) throw new Error(`${layer}: received ${tokens} tokens`);

    const before = liveBytes(gc);
    let ready = 0;
    const open = Array.from({ length: HTTP_REPLIES }, () =>
      read((n) => {
        if (n === 30) ready++;
      }),
    );
    const deadline = performance.now() + 10_000;
    while (ready < HTTP_REPLIES && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    if (ready < HTTP_REPLIES) throw new Error(`${layer}: only ${ready} replies reached 30 tokens`);
    const during = liveBytes(gc);
    await Promise.all(open);
    return {
      layer,
      us_per_token: Number(((cpu.user + cpu.system) / tokens).toFixed(2)),
      system_us_per_token: Number((cpu.system / tokens).toFixed(2)),
      kib_per_open_reply: Math.round((during - before) / 1024 / HTTP_REPLIES),
    };
  } finally {
    await stub.close();
  }
}

function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Live heap + external memory after a full collection. */
function liveBytes(gc: () => void): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

async function child(layer: Layer) {
  if ((HTTP_LAYERS as readonly Layer[]).includes(layer)) return overHttp(layer as HttpLayer);
  const gc = exposedGc();
  const fast = model(TOKENS);
  for (let i = 0; i < 200; i++) await reply(layer, fast);
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) await reply(layer, fast);
  const perToken = ((performance.now() - t0) * 1000) / (RUNS * TOKENS);

  const releases: (() => void)[] = [];
  const held = model(TOKENS / 2, () => new Promise<void>((r) => releases.push(r)));
  const before = liveBytes(gc);
  const open = Array.from({ length: OPEN }, () => reply(layer, held));
  while (releases.length < OPEN) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 100));
  const during = liveBytes(gc);
  for (const release of releases) release();
  await Promise.all(open);
  return {
    layer,
    us_per_token: Number(perToken.toFixed(2)),
    kib_per_open_reply: Math.round((during - before) / 1024 / OPEN),
  };
}

const layerArg = process.argv.indexOf('--layer');
if (layerArg >= 0) {
  console.log(JSON.stringify(await child(process.argv[layerArg + 1] as Layer)));
} else {
  const results = LAYERS.map((layer) => {
    const run = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--layer', layer], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${layer}: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Awaited<ReturnType<typeof child>>;
  });
  console.log(
    table(
      ['layer', 'µs per token (CPU)', 'KiB per open reply (live)'],
      results.map((r) => [
        r.layer,
        'system_us_per_token' in r ? `${r.us_per_token} (system ${r.system_us_per_token})` : r.us_per_token,
        r.kib_per_open_reply ?? '—',
      ]),
    ),
  );
  writeResult('reply-stream', {
    cpu: cpus()[0]?.model,
    tokens: TOKENS,
    runs: RUNS,
    open: OPEN,
    http_replies: HTTP_REPLIES,
    results,
  });
}
