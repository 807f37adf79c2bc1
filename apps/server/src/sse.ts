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
}

/**
 * Sends the AI SDK's UI message stream protocol — the same headers, `data: <chunk JSON>` events and closing
 * `data: [DONE]` that `createUIMessageStreamResponse` writes and `useChat` reads — from a Node stream.
 *
 * The SDK's helper passes every chunk through four web-stream stages (writer, transform, JSON-to-SSE,
 * text encoder) before Fastify adapts the result back to a Node stream. With thousands of token deltas a
 * second on one instance those stages cost more CPU and memory than the tutor itself (docs/benchmarks.md),
 * so chunks are framed here and written once. Fastify still sends the response: its hooks (security
 * headers, request metrics, logs) run as for any other route.
 */
export function sendUiMessageStream(
  reply: FastifyReply,
  produce: (emit: Emit) => Promise<unknown>,
  options: UiStreamOptions,
): FastifyReply {
  const body = new PassThrough();
  let closed = false;
  let quiet = true;
  const heartbeat = setInterval(() => {
    if (quiet && !body.writableEnded) body.write(': keep-alive\n\n');
    quiet = true;
  }, options.heartbeatMs ?? 15_000);
  const close = () => {
    clearInterval(heartbeat);
    if (closed) return;
    closed = true;
    options.onClose?.();
  };
  reply.raw.once('close', close);
  const emit: Emit = (chunk) => {
    quiet = false;
    if (!body.writableEnded) body.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  produce(emit)
    .catch((error: unknown) => emit({ type: 'error', errorText: options.onError(error) }))
    .finally(() => {
      clearInterval(heartbeat);
      if (!body.writableEnded) body.end('data: [DONE]\n\n');
    });
  reply.code(200);
  for (const [key, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) reply.header(key, value);
  return reply.send(body);
}
