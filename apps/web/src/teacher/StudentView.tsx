import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { Markdown } from '../chat/Markdown.tsx';
import { ErrorNote } from '../components/Field.tsx';
import { errorMessage, get } from '../lib/api.ts';
import type { Conversation, StoredMessage } from '../lib/types.ts';

/** A teacher's read-only view of one student's conversations. */
export function StudentConversations({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [selected, setSelected] = useState<string | null>(search.get('c'));
  const [messages, setMessages] = useState<StoredMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ conversations: Conversation[] }>(`/students/${studentId}/conversations`)
      .then((r) => {
        setConversations(r.conversations);
        setSelected((s) => s ?? r.conversations[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [studentId, t]);

  useEffect(() => {
    if (!selected) return;
    setMessages(null);
    get<{ messages: StoredMessage[] }>(`/students/${studentId}/conversations/${selected}/messages`)
      .then((r) => setMessages(r.messages))
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [studentId, selected, t]);

  return (
    <>
      <p>
        <Link href="/">← {t('teacher.classes')}</Link>
      </p>
      <h1>{t('teacher.studentConversations')}</h1>
      <p className="muted">{t('teacher.readOnly')}</p>
      <ErrorNote message={error} />
      <div className="split">
        <nav aria-label={t('chat.conversations')}>
          {conversations?.length === 0 && <p className="muted">{t('chat.none')}</p>}
          <ul className="plain-list">
            {conversations?.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`list-btn ${c.id === selected ? 'active' : ''}`}
                  aria-current={c.id === selected ? 'true' : undefined}
                  onClick={() => setSelected(c.id)}
                >
                  {c.title || t('chat.untitled')}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <ol className="messages readonly" aria-label={t('chat.messages')}>
          {messages?.map((m) => (
            <li key={m.id} className={`msg ${m.role}`}>
              <h3 className="sr-only">{m.role === 'user' ? t('teacher.student') : t('chat.tutor')}</h3>
              <div className="bubble">
                {m.tool && <p className="tool-badge">{t(`tools.${m.tool}`, { defaultValue: m.tool })}</p>}
                {m.role === 'user' ? <p>{m.content}</p> : <Markdown>{m.content}</Markdown>}
              </div>
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}
