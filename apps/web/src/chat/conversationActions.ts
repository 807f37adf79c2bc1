import { del, errorMessage, patch } from '../lib/api.ts';
import type { Conversation } from '../lib/types.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A conversation's title as the list shows it: "New chat" (in the user's language) until it has one. */
export function conversationTitle(c: Conversation, t: Translate): string {
  return c.title || t('chat.newTitle');
}

function failure(key: 'chat.renameFailed' | 'chat.deleteFailed', c: Conversation, e: unknown, t: Translate) {
  return t(key, { title: conversationTitle(c, t), reason: errorMessage(e, t) });
}

/**
 * Renames `c` to `title` (trimmed; nothing is sent when it is empty or unchanged) and calls `onChanged` once
 * the server has it. Resolves to the error to show, or null; never rejects.
 */
export async function renameConversation(
  c: Conversation,
  title: string,
  onChanged: () => void,
  t: Translate,
): Promise<string | null> {
  const next = title.trim();
  if (!next || next === c.title) return null;
  try {
    await patch(`/conversations/${encodeURIComponent(c.id)}`, { title: next });
  } catch (e) {
    return failure('chat.renameFailed', c, e, t);
  }
  onChanged();
  return null;
}

/** Deletions under way, by conversation id. */
const deleting = new Map<string, Promise<string | null>>();

/**
 * Deletes `c` and calls `onDeleted` only once the server has deleted it, so a failure leaves the list as it
 * was. Resolves to the error to show, or null; never rejects. A second call while the first is under way (a
 * double click) joins it instead of sending another DELETE, which would answer 404 and report a failure.
 */
export function deleteConversation(
  c: Conversation,
  onDeleted: (id: string) => void,
  t: Translate,
): Promise<string | null> {
  const under = deleting.get(c.id);
  if (under) return under;
  const run = (async () => {
    try {
      await del(`/conversations/${encodeURIComponent(c.id)}`);
    } catch (e) {
      return failure('chat.deleteFailed', c, e, t);
    } finally {
      deleting.delete(c.id);
    }
    onDeleted(c.id);
    return null;
  })();
  deleting.set(c.id, run);
  return run;
}
