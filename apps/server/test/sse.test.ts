import { DefaultChatTransport, type UIMessageChunk } from 'ai';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emit, sendUiMessageStream } from '../src/sse.ts';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Serves one stream from `produce` and reads it back through the AI SDK's own client transport (useChat's). */
async function roundTrip(
  produce: (emit: Emit) => Promise<unknown>,
  options: { onClose?: () => void; heartbeatMs?: number; coalesceMs?: number } = {},
  /** Receives what the server wrote to the response, one entry per write. */
  writes: string[] = [],
) {
  const errors: unknown[] = [];
  app = Fastify();
  app.post('/stream', (_request, reply) => {
    const write = reply.raw.write.bind(reply.raw) as (chunk: unknown) => boolean;
    reply.raw.write = ((chunk: unknown) => {
      writes.push(String(chunk));
      return write(chunk);
    }) as typeof reply.raw.write;
    return sendUiMessageStream(reply, produce, {
      onError: (error) => {
        errors.push(error);
        return 'The tutor could not answer just now.';
      },
      ...options,
    });
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const transport = new DefaultChatTransport({ api: `${base}/stream` });
  const stream = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'c1',
    messageId: undefined,
    messages: [],
    abortSignal: undefined,
  });
  const chunks: UIMessageChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, errors, writes };
}

describe('sendUiMessageStream', () => {
  it('speaks the UI message stream protocol that the AI SDK client parses', async () => {
    const sent: UIMessageChunk[] = [
      { type: 'start', messageId: 'm1' },
      { type: 'data-plan', data: { tool: 'quiz_generator', planner: 'embedded' } },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Mabuhay! "quotes", newlines\n\nand data: lines' },
      { type: 'text-end', id: 't1' },
      { type: 'finish' },
    ];
    const { chunks, errors } = await roundTrip(async (emit) => {
      for (const chunk of sent) emit(chunk);
    });
    expect(errors).toEqual([]);
    expect(chunks).toEqual(sent);
  });

  it('ends a failed turn with an error chunk carrying the safe message, not the exception', async () => {
    const { chunks, errors } = await roundTrip(async (emit) => {
      emit({ type: 'start', messageId: 'm2' });
      throw new Error('database password is hunter2');
    });
    expect(errors).toHaveLength(1);
    expect(chunks).toEqual([
      { type: 'start', messageId: 'm2' },
      { type: 'error', errorText: 'The tutor could not answer just now.' },
    ]);
  });

  it('reports the close once; a write after the stream ended is ignored', async () => {
    let closes = 0;
    let emitLater: Emit = () => {};
    const { chunks } = await roundTrip(
      async (emit) => {
        emitLater = emit;
        emit({ type: 'start', messageId: 'm3' });
      },
      { onClose: () => closes++ },
    );
    expect(chunks).toEqual([{ type: 'start', messageId: 'm3' }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(closes).toBe(1);
    expect(() => emitLater({ type: 'finish' })).not.toThrow();
  });

  it('keeps a quiet stream alive with comment lines that the client ignores', async () => {
    const { chunks } = await roundTrip(
      async (emit) => {
        emit({ type: 'start', messageId: 'm4' });
        // A slow model: nothing to send for several heartbeats.
        await new Promise((r) => setTimeout(r, 120));
        emit({ type: 'finish' });
      },
      { heartbeatMs: 20 },
    );
    expect(chunks).toEqual([{ type: 'start', messageId: 'm4' }, { type: 'finish' }]);
    const raw = await app?.inject({ method: 'POST', url: '/stream' });
    expect(raw?.body).toMatch(
      /^data: \{"type":"start".*\n\n(: keep-alive\n\n)+data: \{"type":"finish"\}\n\ndata: \[DONE\]\n\n$/s,
    );
  });

  it('sends the first delta at once and coalesces the later ones; other chunks are never held back', async () => {
    const tick = () => new Promise((r) => setImmediate(r));
    const writes: string[] = [];
    const written = (text: string) => writes.some((w) => w.includes(text));
    const delta = (text: string): UIMessageChunk => ({ type: 'text-delta', id: 't1', delta: text });
    const sent: UIMessageChunk[] = [
      { type: 'start', messageId: 'm5' },
      { type: 'text-start', id: 't1' },
      delta('Isa'),
      delta(' dalawa'),
      delta(' tatlo'),
      delta(' apat'),
      delta(' lima'),
      { type: 'text-end', id: 't1' },
      { type: 'finish' },
    ];
    const seen: boolean[] = [];
    const { chunks } = await roundTrip(
      async (emit) => {
        /** Emits the chunks `sent[from]` up to, not including, `sent[to]`, in one go. */
        const emitSent = (from: number, to: number) => {
          for (const chunk of sent.slice(from, to)) emit(chunk);
        };
        emitSent(0, 3);
        await tick();
        seen.push(written('Isa'));
        emitSent(3, 5);
        await tick();
        seen.push(written(' dalawa'));
        // Nothing else arrives: the held deltas go out when the window ends.
        await new Promise((r) => setTimeout(r, 400));
        seen.push(written(' tatlo'));
        emitSent(5, 8);
        await tick();
        seen.push(written(' lima'));
        emitSent(8, 9);
      },
      { coalesceMs: 300 },
      writes,
    );
    expect(seen).toEqual([true, false, true, true]);
    // The deltas held together went out as one delta with their text joined; nothing else changed.
    expect(chunks).toEqual([
      ...sent.slice(0, 3),
      delta(' dalawa tatlo'),
      delta(' apat lima'),
      ...sent.slice(7),
    ]);
    // start, text-start and the first delta were emitted together: one write.
    expect(writes[0]).toMatch(/"type":"start".*"type":"text-start".*"delta":"Isa"/s);
    // A chunk that is not a delta takes the held deltas with it at once, in order.
    expect(writes.find((w) => w.includes(' lima'))).toMatch(/"delta":" apat lima".*"text-end"/s);
  });

  it('joins only the deltas of one part, in order, and keeps a delta that carries provider metadata apart', async () => {
    const words = Array.from({ length: 300 }, (_, i) => `salita${i} `);
    const meta = { openai: { note: 'kept' } };
    const writes: string[] = [];
    const { chunks } = await roundTrip(
      async (emit) => {
        emit({ type: 'start', messageId: 'm6' });
        emit({ type: 'reasoning-start', id: 'r1' });
        emit({ type: 'reasoning-delta', id: 'r1', delta: 'iniisip ' });
        emit({ type: 'reasoning-delta', id: 'r1', delta: 'ko' });
        emit({ type: 'reasoning-end', id: 'r1' });
        emit({ type: 'text-start', id: 't1' });
        emit({ type: 'text-start', id: 't2' });
        for (const w of words) emit({ type: 'text-delta', id: 't1', delta: w });
        emit({ type: 'text-delta', id: 't2', delta: 'iba' });
        emit({ type: 'text-delta', id: 't2', delta: ' pa', providerMetadata: meta });
        emit({ type: 'text-delta', id: 't2', delta: ' rin' });
        emit({ type: 'text-end', id: 't1' });
        emit({ type: 'text-end', id: 't2' });
        emit({ type: 'finish' });
      },
      {},
      writes,
    );
    expect(chunks).toEqual([
      { type: 'start', messageId: 'm6' },
      { type: 'reasoning-start', id: 'r1' },
      { type: 'reasoning-delta', id: 'r1', delta: 'iniisip ko' },
      { type: 'reasoning-end', id: 'r1' },
      { type: 'text-start', id: 't1' },
      { type: 'text-start', id: 't2' },
      { type: 'text-delta', id: 't1', delta: words.join('') },
      { type: 'text-delta', id: 't2', delta: 'iba' },
      { type: 'text-delta', id: 't2', delta: ' pa', providerMetadata: meta },
      { type: 'text-delta', id: 't2', delta: ' rin' },
      { type: 'text-end', id: 't1' },
      { type: 'text-end', id: 't2' },
      { type: 'finish' },
    ]);
    expect(writes.join('').match(/^data: /gm)).toHaveLength(14);
  });
});
