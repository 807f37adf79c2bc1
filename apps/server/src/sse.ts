import { PassThrough } from 'node:stream';
import { UI_MESSAGE_STREAM_HEADERS, type UIMessageChunk } from 'ai';
import type { FastifyReply } from 'fastify';

export type Emit = (chunk: UIMessageChunk) => void;

export interface UiStreamOptions {
  /** Turns an error thrown by `produce` into the text of the stream's `error` chunk (and logs it). */
  onError: (error: unknown) => string;
  /** Called once when the response is closed, finished or cut off. */
  onClose?: () => void;
  /**
   * How often a quiet stream gets an SSE comment line (ignored by clients), so that the server's idle-socket
   * timeout and proxies between do not cut a turn that waits on a slow model. Default 15 s.
   */
  heartbeatMs?: number;
  /**
   * Deltas after a stream's first one are sent at most this often, several to a write; every other chunk (and
   * the first delta, so the time to first token is not delayed) is sent at once. Default 50 ms.
   */
  coalesceMs?: number;
}

/** The chunks that a model sends many times a second; their writes are coalesced. */
const DELTAS = new Set<UIMessageChunk['type']>(['text-delta', 'reasoning-delta', 'tool-input-delta']);

type TextDelta = Extract<UIMessageChunk, { type: 'text-delta' | 'reasoning-delta' }>;

/** A text or reasoning delta that a following delta of the same part may be appended to. */
function joinable(chunk: UIMessageChunk): chunk is TextDelta {
  return (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta') && !chunk.providerMetadata;
}

const frame = (chunk: UIMessageChunk) => `data: ${JSON.stringify(chunk)}\n\n`;

/**
 * Sends the AI SDK's UI message stream protocol — the same headers, `data: <chunk JSON>` events and closing
 * `data: [DONE]` that `createUIMessageStreamResponse` writes and `useChat` reads — from a Node stream.
 *
 * The SDK's helper passes every chunk through four web-stream stages (writer, transform, JSON-to-SSE,
 * text encoder) before Fastify adapts the result back to a Node stream. With thousands of token deltas a
 * second on one instance those stages cost more CPU and memory than the tutor itself (docs/benchmarks.md),
 * so chunks are framed here and written once. Each write is a system call and a chunk of the response's
 * chunked encoding, so chunks emitted together are written together and a model's token deltas are
 * coalesced (`coalesceMs`). Consecutive text (or reasoning) deltas of one part that go out in the same write
 * are sent as one delta with their text joined: a model's tokens coalesced over 50 ms are one event, not one
 * per token, which costs both ends less. Fastify still sends the response: its hooks (security headers,
 * request metrics, logs) run as for any other route.
 */
export function sendUiMessageStream(
  reply: FastifyReply,
  produce: (emit: Emit) => Promise<unknown>,
  options: UiStreamOptions,
): FastifyReply {
  const coalesceMs = options.coalesceMs ?? 50;
  const body = new PassThrough();
  let closed = false;
  let quiet = true;
  let pending = '';
  /** The last delta waiting to be written, still open to the deltas of its part that follow it. */
  let open: TextDelta | null = null;
  const closeOpen = () => {
    if (open) pending += frame(open);
    open = null;
  };
  let flushQueued = false;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let sentDelta = false;
  const flush = () => {
    flushQueued = false;
    clearTimeout(timer);
    timer = undefined;
    closeOpen();
    if (pending && !body.writableEnded) body.write(pending);
    pending = '';
    lastWrite = performance.now();
  };
  const heartbeat = setInterval(() => {
    if (quiet && !body.writableEnded) body.write(': keep-alive\n\n');
    quiet = true;
  }, options.heartbeatMs ?? 15_000);
  const close = () => {
    clearInterval(heartbeat);
    clearTimeout(timer);
    if (closed) return;
    closed = true;
    options.onClose?.();
  };
  reply.raw.once('close', close);
  const emit: Emit = (chunk) => {
    quiet = false;
    if (body.writableEnded) return;
    if (open && joinable(chunk) && chunk.type === open.type && chunk.id === open.id)
      open.delta += chunk.delta;
    else {
      closeOpen();
      if (joinable(chunk)) open = { ...chunk };
      else pending += frame(chunk);
    }
    if (DELTAS.has(chunk.type)) {
      const wait = sentDelta ? lastWrite + coalesceMs - performance.now() : 0;
      sentDelta = true;
      if (wait > 0) {
        timer ??= setTimeout(flush, wait);
        return;
      }
    }
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  };
  produce(emit)
    .catch((error: unknown) => emit({ type: 'error', errorText: options.onError(error) }))
    .finally(() => {
      clearInterval(heartbeat);
      clearTimeout(timer);
      closeOpen();
      if (!body.writableEnded) body.end(`${pending}data: [DONE]\n\n`);
      pending = '';
    });
  reply.code(200);
  for (const [key, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) reply.header(key, value);
  return reply.send(body);
}
