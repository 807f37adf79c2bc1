import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushOutbox } from '../src/chat/flushOutbox.ts';
import { resetCsrf } from '../src/lib/api.ts';
import { type KeyValueStore, Outbox } from '../src/lib/queue.ts';

function memory(): KeyValueStore {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

/** A stubbed `fetch` answering each message POST with the next status of `statuses`; records the keys sent. */
function stubFetch(statuses: number[]): { url: string; key: string | null }[] {
  const sent: { url: string; key: string | null }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (url.endsWith('/auth/csrf')) return Response.json({ token: 't' });
    sent.push({ url, key: new Headers(init.headers).get('idempotency-key') });
    const status = statuses.shift() ?? 500;
    if (status === 0) throw new TypeError('network down');
    return status < 300
      ? Response.json({ ok: true }, { status })
      : Response.json(
          { status, title: 'no' },
          { status, headers: { 'content-type': 'application/problem+json' } },
        );
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
  resetCsrf();
});

describe('flushOutbox (sign-out on a shared phone sends what waits first)', () => {
  it("sends only the signed-in user's messages, with their keys, skipping the open conversation", async () => {
    const box = new Outbox(memory());
    let n = 0;
    const a1 = box.add('c1', 'ana 1', () => `k${++n}`, 'ana');
    box.add('c2', 'ben', () => `k${++n}`, 'ben');
    box.add('open', 'ana open', () => `k${++n}`, 'ana');
    const sent = stubFetch([200]);
    expect(await flushOutbox(box, 'ana', { skip: 'open' })).toBe(1);
    expect(sent).toEqual([{ url: '/api/v1/conversations/c1/messages', key: a1.idempotencyKey }]);
    expect(box.all().map((m) => m.text)).toEqual(['ben', 'ana open']);
  });

  it('drops a message the server will never take, keeps one that failed for a passing reason', async () => {
    const box = new Outbox(memory());
    let n = 0;
    box.add('gone', 'to a deleted conversation', () => `k${++n}`, 'ana');
    box.add('c1', 'waits for the network', () => `k${++n}`, 'ana');
    stubFetch([404, 0]);
    expect(await flushOutbox(box, 'ana')).toBe(1);
    expect(box.all().map((m) => m.text)).toEqual(['waits for the network']);
  });

  it('stops at a rate limit, and removeFor then drops only that user’s messages', async () => {
    const box = new Outbox(memory());
    let n = 0;
    box.add('c1', 'ana', () => `k${++n}`, 'ana');
    box.add('c1', 'ben', () => `k${++n}`, 'ben');
    stubFetch([429]);
    expect(await flushOutbox(box, 'ana')).toBe(1);
    box.removeFor('ana');
    expect(box.all().map((m) => m.text)).toEqual(['ben']);
  });
});
