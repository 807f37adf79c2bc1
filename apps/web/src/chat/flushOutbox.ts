import { ApiError, newIdempotencyKey, post } from '../lib/api.ts';
import { belongsTo, type Outbox } from '../lib/queue.ts';

/**
 * Sends `userId`'s queued messages as plain JSON turns, oldest first, each with its original Idempotency-Key
 * (a repeat never duplicates a turn). A message the server will never take (its conversation is gone, it is
 * refused) is dropped; a network failure, a 401 or a 429 stops the flush, to be tried again later.
 * `skip` names a conversation whose open ChatView streams its own queued messages. Returns how many of the
 * user's messages are still waiting.
 */
export async function flushOutbox(
  box: Outbox,
  userId: string,
  options: { skip?: string | null; cancelled?: () => boolean } = {},
): Promise<number> {
  for (const item of box.all().filter((m) => belongsTo(m, userId))) {
    if (options.cancelled?.() || (typeof navigator !== 'undefined' && navigator.onLine === false)) break;
    if (item.conversationId === options.skip) continue;
    try {
      await post(
        `/conversations/${encodeURIComponent(item.conversationId)}/messages`,
        { text: item.text },
        { headers: { 'Idempotency-Key': item.idempotencyKey || newIdempotencyKey() } },
      );
      box.remove(item.id);
    } catch (e) {
      const never =
        e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429;
      if (!never) break;
      box.remove(item.id);
    }
  }
  return box.all().filter((m) => belongsTo(m, userId)).length;
}
