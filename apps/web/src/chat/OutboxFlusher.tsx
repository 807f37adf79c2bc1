import { useEffect } from 'react';
import { ApiError, newIdempotencyKey, post } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useOnline } from '../lib/online.ts';
import { belongsTo, outbox } from '../lib/queue.ts';

let active: string | null = null;

/** The conversation currently open in a ChatView, which streams its own queued messages. */
export function setActiveConversation(id: string | null): void {
  active = id;
}

/**
 * Sends messages queued offline for conversations that are not open, as plain JSON turns, once the
 * browser is back online. Each keeps its original Idempotency-Key, so a repeat never duplicates a turn. Only
 * the signed-in account's messages are sent: another student's wait for them on a shared computer.
 */
export function OutboxFlusher() {
  const online = useOnline();
  const { user } = useAuth();
  useEffect(() => {
    if (!online || !user) return;
    let cancelled = false;
    void (async () => {
      for (const item of outbox.all().filter((m) => belongsTo(m, user.id))) {
        if (cancelled || !navigator.onLine) return;
        if (item.conversationId === active) continue;
        try {
          await post(
            `/conversations/${encodeURIComponent(item.conversationId)}/messages`,
            { text: item.text },
            { headers: { 'Idempotency-Key': item.idempotencyKey || newIdempotencyKey() } },
          );
          outbox.remove(item.id);
        } catch (e) {
          // A conversation that no longer exists (or a message the server refuses) will never go through.
          if (
            e instanceof ApiError &&
            e.status >= 400 &&
            e.status < 500 &&
            e.status !== 401 &&
            e.status !== 429
          ) {
            outbox.remove(item.id);
            continue;
          }
          return; // try again on the next online event
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [online, user]);
  return null;
}
