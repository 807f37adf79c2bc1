import { DefaultChatTransport } from 'ai';
import {
  API,
  type BusyState,
  csrfToken,
  newIdempotencyKey,
  sendUntilAdmitted,
  sendWithSession,
} from '../lib/api.ts';
import { messageText } from '../lib/convert.ts';
import type { AralinMessage } from '../lib/types.ts';

/**
 * fetch that recovers once from an expired session and once from a refused CSRF token (`sendWithSession`: the
 * sends after a renewal carry the new token), and when the server is too busy to take the turn (503 `overloaded`
 * or `draining`, nothing stored), waits its `Retry-After` and sends the same request again
 * (`sendUntilAdmitted`), telling `onBusy` while it waits.
 */
export function chatFetch(
  input: RequestInfo | URL,
  init?: RequestInit,
  onBusy?: (state: BusyState) => void,
): Promise<Response> {
  const send = async (tokenRenewed: boolean) => {
    if (!tokenRenewed) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('x-csrf-token', await csrfToken());
    return fetch(input, { ...init, headers });
  };
  return sendUntilAdmitted(() => sendWithSession(send, true), init?.signal, onBusy);
}

function headersToRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  new Headers(h).forEach((v, k) => {
    out[k] = v;
  });
  return out;
}

/**
 * The AI SDK transport for one conversation. It sends only `{ text }` (the server keeps the history), an
 * Idempotency-Key that stays the same for every retry of the same user message, and the CSRF header.
 * `onBusy` hears when a busy server makes a send wait (see `chatFetch`).
 */
export function createTransport(
  conversationId: string,
  keys: Map<string, string>,
  onBusy?: (state: BusyState) => void,
) {
  return new DefaultChatTransport<AralinMessage>({
    api: `${API}/conversations/${encodeURIComponent(conversationId)}/messages`,
    credentials: 'same-origin',
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => chatFetch(input, init, onBusy)) as typeof fetch,
    prepareSendMessagesRequest: async ({ messages, headers }) => {
      const last = messages.findLast((m) => m.role === 'user');
      const record = headersToRecord(headers);
      const meta = last?.metadata as { status?: string; serverId?: string } | undefined;
      if (last && meta?.status === 'failed' && meta.serverId && !keys.has(last.id)) {
        // A turn that failed before this page loaded: the server re-runs the stored message.
        keys.set(last.id, 'retry');
        return {
          api: `${API}/messages/${encodeURIComponent(meta.serverId)}/retry`,
          body: {},
          headers: { ...record, accept: 'text/event-stream', 'x-csrf-token': await csrfToken() },
        };
      }
      const given = record['idempotency-key'];
      delete record['idempotency-key'];
      const known = last ? keys.get(last.id) : undefined;
      const key = (known !== 'retry' ? known : undefined) ?? given ?? newIdempotencyKey();
      if (last) keys.set(last.id, key);
      return {
        body: { text: last ? messageText(last) : '' },
        headers: {
          ...record,
          accept: 'text/event-stream',
          'Idempotency-Key': key,
          'x-csrf-token': await csrfToken(),
        },
      };
    },
  });
}
