import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../lib/online.ts';
import { outbox } from '../lib/queue.ts';

export function useOutboxCount(conversationId?: string): number {
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => (conversationId ? outbox.forConversation(conversationId).length : outbox.all().length),
    () => 0,
  );
}

/** A small always-visible pill: online, offline (with how many messages wait), or sending. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const online = useOnline();
  const queued = useOutboxCount();
  const label = online
    ? queued > 0
      ? t('connection.sending', { count: queued })
      : t('connection.online')
    : queued > 0
      ? t('connection.offlineQueued', { count: queued })
      : t('connection.offline');
  return (
    <output className={`conn ${online ? 'on' : 'off'}`} aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {label}
    </output>
  );
}
