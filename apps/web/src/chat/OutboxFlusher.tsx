import { useEffect } from 'react';
import { useAuth } from '../lib/auth.tsx';
import { useOnline } from '../lib/online.ts';
import { outbox } from '../lib/queue.ts';
import { flushOutbox } from './flushOutbox.ts';

let active: string | null = null;

/** The conversation currently open in a ChatView, which streams its own queued messages. */
export function setActiveConversation(id: string | null): void {
  active = id;
}

/**
 * Sends messages queued offline for conversations that are not open, once the browser is back online. Only
 * the signed-in account's messages are sent: another student's wait for them on a shared computer.
 */
export function OutboxFlusher() {
  const online = useOnline();
  const { user } = useAuth();
  useEffect(() => {
    if (!online || !user) return;
    let cancelled = false;
    void flushOutbox(outbox, user.id, { skip: active, cancelled: () => cancelled });
    return () => {
      cancelled = true;
    };
  }, [online, user]);
  return null;
}
