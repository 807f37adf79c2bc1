/**
 * A local stand-in for an LLM provider, speaking the wire formats the AI SDK's providers read, as their own
 * test fixtures record them:
 * - OpenAI-compatible `POST …/chat/completions`: a `chat.completion` (message content or `tool_calls`), or with
 *   `stream: true` `chat.completion.chunk` SSE (content deltas, tool-call argument deltas, a usage chunk,
 *   `data: [DONE]`);
 * - Gemini `POST …/models/{model}:generateContent` (candidates with `text` or `functionCall` parts,
 *   `usageMetadata`) and `:streamGenerateContent?alt=sse` (the same objects as SSE, `finishReason` last).
 * Each request is classified (a plan offers tools; a generation asks for JSON through `response_format` or
 * `responseMimeType`; a reply streams text) and answered by `respond`, with faults on demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StubApi = 'openai' | 'gemini';
export type StubKind = 'plan' | 'generate' | 'reply';

export interface StubRequest {
  api: StubApi;
  kind: StubKind;
  stream: boolean;
  url: string;
  body: Record<string, unknown>;
}

/**
 * `tool`: a function call (`args` as a string is sent as is, e.g. broken JSON); `json`: a JSON text answer
 * (a string is sent as is); `text`: a text answer; `fault`: `500`, `timeout` (never answers), `stall` (starts,
 * then goes silent).
 */
export type StubAnswer =
  | { tool: string; args: unknown }
  | { json: unknown }
  | { text: string }
  | { fault: '500' | 'timeout' | 'stall' };

export interface ProviderStub {
  /** Base URL for `openai-compatible` (…/v1) and for `gemini` (…/v1beta). */
  openaiURL: string;
  geminiURL: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

const PROMPT_TOKENS = 500;
const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function classify(api: StubApi, url: string, body: Record<string, unknown>): StubRequest {
  const stream = api === 'openai' ? body.stream === true : url.includes(':streamGenerateContent');
  const config = (body.generationConfig ?? {}) as Record<string, unknown>;
  const tools = Array.isArray(body.tools) && body.tools.length > 0;
  const json =
    api === 'openai' ? body.response_format !== undefined : config.responseMimeType === 'application/json';
  return { api, stream, url, body, kind: tools ? 'plan' : json ? 'generate' : 'reply' };
}

/** The answer's text, or its function call as name and argument text. */
function payload(answer: StubAnswer): { text?: string; call?: { name: string; args: string } } {
  if ('tool' in answer)
    return {
      call: {
        name: answer.tool,
        args: typeof answer.args === 'string' ? answer.args : JSON.stringify(answer.args),
      },
    };
  if ('json' in answer)
    return { text: typeof answer.json === 'string' ? answer.json : JSON.stringify(answer.json) };
  if ('text' in answer) return { text: answer.text };
  return {};
}

/** Pieces a streamed text or argument string is sent in. */
function pieces(text: string, size = 24): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [''];
}

function openaiBody(answer: StubAnswer, stream: boolean): string[] {
  const id = 'chatcmpl-stub';
  const created = 1_765_000_000;
  const { text, call } = payload(answer);
  const completion = tokensOf(text ?? call?.args ?? '');
  const usage = {
    prompt_tokens: PROMPT_TOKENS,
    completion_tokens: completion,
    total_tokens: PROMPT_TOKENS + completion,
  };
  const finish = call ? 'tool_calls' : 'stop';
  if (!stream) {
    const message = call
      ? {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_stub', type: 'function', function: { name: call.name, arguments: call.args } },
          ],
        }
      : { role: 'assistant', content: text };
    return [
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model: 'stub',
        choices: [{ index: 0, message, finish_reason: finish }],
        usage,
      }),
    ];
  }
  const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'stub', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
  const deltas = call
    ? [
        chunk(
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_stub', type: 'function', function: { name: call.name, arguments: '' } },
            ],
          },
          null,
        ),
        ...pieces(call.args).map((a) =>
          chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] }, null),
        ),
      ]
    : pieces(text ?? '').map((t, i) =>
        chunk(i === 0 ? { role: 'assistant', content: t } : { content: t }, null),
      );
  return [
    ...deltas,
    chunk({}, finish),
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'stub', choices: [], usage })}\n\n`,
    'data: [DONE]\n\n',
  ];
}

function geminiBody(answer: StubAnswer, stream: boolean): string[] {
  const { text, call } = payload(answer);
  const completion = tokensOf(text ?? call?.args ?? '');
  const usageMetadata = {
    promptTokenCount: PROMPT_TOKENS,
    candidatesTokenCount: completion,
    totalTokenCount: PROMPT_TOKENS + completion,
  };
  const candidate = (parts: unknown[], finishReason?: string) => ({
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}), index: 0 }],
    usageMetadata,
    modelVersion: 'gemini-2.5-flash',
  });
  const callPart = () => ({ functionCall: { name: call?.name, args: JSON.parse(call?.args ?? '{}') } });
  if (!stream)
    return [JSON.stringify({ ...candidate(call ? [callPart()] : [{ text }], 'STOP'), responseId: 'stub' })];
  const texts = call ? [] : pieces(text ?? '');
  const events = call
    ? [candidate([callPart()], 'STOP')]
    : texts.map((t, i) => candidate([{ text: t }], i === texts.length - 1 ? 'STOP' : undefined));
  return events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`);
}

export async function startProviderStub(
  respond: (request: StubRequest) => StubAnswer | Promise<StubAnswer>,
): Promise<ProviderStub> {
  const requests: StubRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = req.url ?? '';
      const api: StubApi | null = url.endsWith('/chat/completions')
        ? 'openai'
        : /:(stream)?[gG]enerateContent/.test(url)
          ? 'gemini'
          : null;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (req.method !== 'POST' || !api) {
        res.writeHead(404).end();
        return;
      }
      const request = classify(api, url, body);
      requests.push(request);
      open.add(res);
      res.once('close', () => open.delete(res));
      const answer = await respond(request);
      if ('fault' in answer) {
        if (answer.fault === 'timeout') return;
        if (answer.fault === '500') {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'simulated outage', code: 500 } }));
          return;
        }
        res.writeHead(200, { 'content-type': request.stream ? 'text/event-stream' : 'application/json' });
        const body = api === 'openai' ? openaiBody : geminiBody;
        res.write(request.stream ? body({ text: '{"explanation": "Partial' }, true)[0] : '{"candidates": [');
        return;
      }
      const parts =
        api === 'openai' ? openaiBody(answer, request.stream) : geminiBody(answer, request.stream);
      res.writeHead(200, { 'content-type': request.stream ? 'text/event-stream' : 'application/json' });
      for (const part of parts) res.write(part);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    openaiURL: `http://127.0.0.1:${port}/v1`,
    geminiURL: `http://127.0.0.1:${port}/v1beta`,
    requests,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * Answers in the order given (one answer per plan or generation request); replies stream `reply`. A request
 * beyond the script is a 500, so a test sees an unexpected call fail.
 */
export function scripted(
  answers: StubAnswer[],
  reply = 'Here you go!',
): (request: StubRequest) => StubAnswer {
  const queue = [...answers];
  return (request) => (request.kind === 'reply' ? { text: reply } : (queue.shift() ?? { fault: '500' }));
}
