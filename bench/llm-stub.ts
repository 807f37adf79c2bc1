/**
 * A simulated OpenAI-compatible LLM on loopback for the streaming and fault benchmarks.
 *
 * - `POST /v1/chat/completions` with `tools` (the planner's call) answers after `firstTokenMs` with one
 *   `concept_explainer` tool call;
 * - with `stream: true` (the reply) sends the first token after `firstTokenMs`, then `tokensPerSecond`
 *   tokens until `tokens` are sent, as OpenAI chat-completion chunks.
 * - `mode` injects faults: `timeout` (never answers), `500`, `malformed` (tool call with broken arguments),
 *   `stall` (the stream stops after 3 tokens and never ends).
 *
 * A message containing `[bench:<id>]` is tracked: the stub records the monotonic clock (`monotonicMs()`, the
 * same in every process on the machine) at which its reply's first token was written, so a client can measure
 * the time Aralin adds. `GET /bench/first-tokens` returns them, and the call counts, as JSON.
 * Run alone (the streaming benchmark runs it so, in its own process):
 * `npm exec -- node bench/llm-stub.ts [port] [--first-token-ms N] [--tokens-per-second N] [--tokens N]`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

/** Milliseconds on the system's monotonic clock: comparable between processes on one machine. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export type StubMode = 'ok' | 'timeout' | '500' | 'malformed' | 'stall';

export interface StubOptions {
  firstTokenMs: number;
  tokensPerSecond: number;
  tokens: number;
  mode: StubMode;
}

export interface LlmStub {
  url: string;
  options: StubOptions;
  close(): Promise<void>;
}

interface ChatBody {
  stream?: boolean;
  tools?: unknown[];
  messages?: { role: string; content: unknown }[];
}

function benchId(body: ChatBody): string | null {
  const text = JSON.stringify(body.messages ?? []);
  // The newest message's id: the history repeats earlier turns' ids.
  return [...text.matchAll(/\[bench:([\w-]+)\]/g)].at(-1)?.[1] ?? null;
}

export async function startLlmStub(options: Partial<StubOptions> = {}, port = 0): Promise<LlmStub> {
  const opts: StubOptions = { firstTokenMs: 300, tokensPerSecond: 30, tokens: 60, mode: 'ok', ...options };
  const firstTokenAt = new Map<string, number>();
  const counts = { plan: 0, stream: 0 };
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/bench/first-tokens') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ first_tokens: Object.fromEntries(firstTokenAt), counts }));
        return;
      }
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      let body: ChatBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString()) as ChatBody;
      } catch {
        res.writeHead(400).end();
        return;
      }
      open.add(res);
      res.once('close', () => open.delete(res));
      const mode = opts.mode;
      if (mode === 'timeout') return; // never answers; the client's timeout ends it
      if (mode === '500') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'simulated outage', type: 'server_error' } }));
        return;
      }
      const created = Math.floor(Date.now() / 1000);
      if (!body.stream) {
        counts.plan++;
        const args =
          mode === 'malformed'
            ? '{"concept_to_explain": "photo'
            : JSON.stringify({ concept_to_explain: 'photosynthesis', current_topic: 'photosynthesis' });
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              id: `chatcmpl-${created}`,
              object: 'chat.completion',
              created,
              model: 'stub',
              choices: [
                {
                  index: 0,
                  message: {
                    role: 'assistant',
                    content: null,
                    tool_calls: [
                      {
                        id: 'call_1',
                        type: 'function',
                        function: { name: 'concept_explainer', arguments: args },
                      },
                    ],
                  },
                  finish_reason: 'tool_calls',
                },
              ],
              usage: { prompt_tokens: 200, completion_tokens: 20, total_tokens: 220 },
            }),
          );
        }, opts.firstTokenMs);
        return;
      }
      counts.stream++;
      const id = benchId(body);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: unknown) =>
        `data: ${JSON.stringify({
          id: `chatcmpl-${created}`,
          object: 'chat.completion.chunk',
          created,
          model: 'stub',
          choices: [{ index: 0, delta, finish_reason: finish }],
          ...(usage ? { usage } : {}),
        })}\n\n`;
      let sent = 0;
      const total = mode === 'stall' ? 3 : opts.tokens;
      const tick = () => {
        if (res.destroyed) return;
        if (sent === 0 && id) firstTokenAt.set(id, monotonicMs());
        res.write(
          chunk(sent === 0 ? { role: 'assistant', content: 'Stubtoken ' } : { content: `tok${sent} ` }, null),
        );
        sent++;
        if (sent < total) setTimeout(tick, 1000 / opts.tokensPerSecond);
        else if (mode !== 'stall') {
          res.write(
            chunk({}, 'stop', { prompt_tokens: 300, completion_tokens: total, total_tokens: 300 + total }),
          );
          res.end('data: [DONE]\n\n');
        }
      };
      setTimeout(tick, opts.firstTokenMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/v1`,
    options: opts,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'first-token-ms': { type: 'string' },
      'tokens-per-second': { type: 'string' },
      tokens: { type: 'string' },
    },
  });
  const stub = await startLlmStub(
    {
      ...(values['first-token-ms'] ? { firstTokenMs: Number(values['first-token-ms']) } : {}),
      ...(values['tokens-per-second'] ? { tokensPerSecond: Number(values['tokens-per-second']) } : {}),
      ...(values.tokens ? { tokens: Number(values.tokens) } : {}),
    },
    Number(positionals[0] ?? 0),
  );
  console.log(`LLM stub at ${stub.url} (Ctrl-C stops it)`);
}
