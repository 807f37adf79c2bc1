import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../lib/auth.tsx';
import { useOnline } from '../lib/online.ts';
import { belongsTo, outbox, type QueuedMessage } from '../lib/queue.ts';

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
  const { user } = useAuth();
  const queued = useOutbox().filter((m) => belongsTo(m, user?.id)).length;
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
      <span className="conn-label">{label}</span>
    </output>
  );
}
