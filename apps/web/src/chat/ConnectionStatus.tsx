import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../lib/online.ts';
import { outbox, type QueuedMessage } from '../lib/queue.ts';

const NONE: readonly QueuedMessage[] = [];

/** Every message waiting in the offline outbox; `outbox.all()` keeps its identity until the outbox changes. */
export function useOutbox(): readonly QueuedMessage[] {
  return useSyncExternalStore(
    (cb) => outbox.subscribe(cb),
    () => outbox.all(),
    () => NONE,
  );
}

/** A small always-visible pill: online, offline (with how many messages wait), or sending. */
export function ConnectionStatus() {
  const { t } = useTranslation();
  const online = useOnline();
  const queued = useOutbox().length;
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
