import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ChatView } from '../chat/ChatView.tsx';
import { ConversationList } from '../chat/ConversationList.tsx';
import { ErrorNote } from '../components/Field.tsx';
import { CONVERSATION_CACHE_PREFIX as CACHE_PREFIX } from '../lib/account.ts';
import { errorMessage, get, post } from '../lib/api.ts';
import { toUIMessages } from '../lib/convert.ts';
import type { AralinMessage, Conversation, StoredMessage } from '../lib/types.ts';

function cached<T>(key: string): T | null {
  try {
    const v = localStorage.getItem(CACHE_PREFIX + key);
    return v ? (JSON.parse(v) as T) : null;
  } catch {
    return null;
  }
}
function remember(key: string, value: unknown): void {
  try {
    localStorage.setItem(CACHE_PREFIX + key, JSON.stringify(value));
  } catch {
    // full: the cache is only a convenience for offline reading
  }
}

export function ChatPage({ conversationId }: { conversationId: string | null }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [conversations, setConversations] = useState<Conversation[] | null>(() => cached('list'));
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const r = await get<{ conversations: Conversation[] }>('/conversations');
      setConversations(r.conversations);
      remember('list', r.conversations);
      setError(null);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }, [t]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const create = useCallback(async () => {
    try {
      const r = await post<{ conversation: Conversation }>('/conversations', {});
      setConversations((cs) => [r.conversation, ...(cs ?? [])]);
      navigate(`/chat/${r.conversation.id}`);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }, [navigate, t]);

  return (
    <div className={`chat-layout ${conversationId ? 'has-conv' : 'no-conv'}`}>
      <aside className="chat-sidebar" aria-label={t('chat.conversations')}>
        <ConversationList
          conversations={conversations}
          activeId={conversationId}
          onCreate={create}
          onChanged={reload}
          onDeleted={(id) => {
            setConversations((cs) => (cs ?? []).filter((c) => c.id !== id));
            if (id === conversationId) navigate('/chat');
          }}
        />
        <ErrorNote message={error} />
      </aside>
      <section className="chat-main">
        {conversationId ? (
          <ConversationLoader key={conversationId} id={conversationId} onActivity={reload} />
        ) : (
          <div className="empty-chat">
            <h1>{t('chat.welcomeTitle')}</h1>
            <p>{t('chat.welcomeBody')}</p>
            <button type="button" className="btn primary" onClick={() => void create()}>
              {t('chat.new')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

function ConversationLoader({ id, onActivity }: { id: string; onActivity: () => void }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<AralinMessage[] | null>(() => {
    const c = cached<StoredMessage[]>(id);
    return c ? toUIMessages(c) : null;
  });
  const [fresh, setFresh] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const sent = useRef(false);
  const draft = useMemo(() => ({ text, setText, sent }), [text]);

  useEffect(() => {
    let cancelled = false;
    get<{ messages: StoredMessage[] }>(`/conversations/${id}/messages`)
      .then((r) => {
        if (cancelled) return;
        remember(id, r.messages.slice(-60));
        // A message sent from the cached view is newer than this copy: that view stays, with its stream.
        if (sent.current) return;
        setMessages(toUIMessages(r.messages));
        setFresh(true);
      })
      .catch((e: unknown) => !cancelled && setError(errorMessage(e, t)));
    return () => {
      cancelled = true;
    };
  }, [id, t]);

  if (!messages) {
    return error ? (
      <ErrorNote message={error} />
    ) : (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  // Remount once fresh server messages arrive so useChat starts from the stored history.
  return (
    <ChatView
      key={fresh ? 'fresh' : 'cached'}
      conversationId={id}
      initialMessages={messages}
      onActivity={onActivity}
      draft={draft}
    />
  );
}
