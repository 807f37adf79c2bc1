import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ErrorNote } from '../components/Field.tsx';
import type { Conversation } from '../lib/types.ts';
import { conversationTitle, deleteConversation, renameConversation } from './conversationActions.ts';

function Row({
  c,
  active,
  onChanged,
  onDeleted,
  onError,
}: {
  c: Conversation;
  active: boolean;
  onChanged: () => void;
  onDeleted: (id: string) => void;
  /** The error to show for the list (null clears it). */
  onError: (message: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  const shown = conversationTitle(c, t);
  const [title, setTitle] = useState(c.title ?? '');
  const [confirming, setConfirming] = useState(false);

  async function rename(e: FormEvent) {
    e.preventDefault();
    const failed = await renameConversation(c, title, onChanged, t);
    onError(failed);
    // On failure the form stays open with the typed title, so it can be saved again.
    if (!failed) setEditing(false);
  }

  async function remove() {
    onError(await deleteConversation(c, onDeleted, t));
  }

  if (editing) {
    return (
      <li className="conv-row editing">
        <form onSubmit={(e) => void rename(e)} className="inline-form">
          <label className="sr-only" htmlFor={`rename-${c.id}`}>
            {t('chat.renameLabel')}
          </label>
          <input
            id={`rename-${c.id}`}
            value={title}
            maxLength={200}
            // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this item
            autoFocus
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
          />
          <button type="submit" className="btn small primary">
            {t('common.save')}
          </button>
          <button type="button" className="btn small ghost" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      </li>
    );
  }

  return (
    <li className={active ? 'conv-row active' : 'conv-row'}>
      <Link href={`/chat/${c.id}`} className="conv-link" aria-current={active ? 'page' : undefined}>
        <span className="conv-title">{shown}</span>
        {c.last_message_preview && <span className="conv-preview">{c.last_message_preview}</span>}
        <time className="conv-time" dateTime={c.updated_at}>
          {new Date(c.updated_at).toLocaleDateString(i18n.language === 'fil' ? 'fil-PH' : 'en-PH', {
            month: 'short',
            day: 'numeric',
          })}
        </time>
      </Link>
      {confirming ? (
        <span className="conv-actions">
          <button type="button" className="btn small danger" onClick={() => void remove()}>
            {t('chat.confirmDelete')}
          </button>
          <button type="button" className="btn small ghost" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <span className="conv-actions">
          <button
            type="button"
            className="icon-btn"
            aria-label={t('chat.renameNamed', { title: shown })}
            title={t('chat.rename')}
            onClick={() => setEditing(true)}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <path d="M4 20h4L19 9l-4-4L4 16zM14 6l4 4" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
          <button
            type="button"
            className="icon-btn"
            aria-label={t('chat.deleteNamed', { title: shown })}
            title={t('chat.delete')}
            onClick={() => setConfirming(true)}
          >
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
              <path
                d="M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
              />
            </svg>
          </button>
        </span>
      )}
    </li>
  );
}

export function ConversationList({
  conversations,
  activeId,
  onCreate,
  onChanged,
  onDeleted,
}: {
  conversations: Conversation[] | null;
  activeId: string | null;
  onCreate: () => void;
  onChanged: () => void;
  onDeleted: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="conv-list">
      <div className="conv-head">
        <h2>{t('chat.conversations')}</h2>
        <button type="button" className="btn primary small" onClick={onCreate}>
          {t('chat.new')}
        </button>
      </div>
      <ErrorNote message={error} />
      {conversations === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : conversations.length === 0 ? (
        <p className="muted">{t('chat.none')}</p>
      ) : (
        <ul>
          {conversations.map((c) => (
            <Row
              key={c.id}
              c={c}
              active={c.id === activeId}
              onChanged={onChanged}
              onDeleted={onDeleted}
              onError={setError}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
