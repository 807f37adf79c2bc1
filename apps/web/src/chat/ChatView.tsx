import { useChat } from '@ai-sdk/react';
import {
  type FormEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { type BusyState, newIdempotencyKey } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { messageText } from '../lib/convert.ts';
import { useOnline } from '../lib/online.ts';
import { outbox, type QueuedMessage } from '../lib/queue.ts';
import type { AralinMessage, PlanData, ToolResultData } from '../lib/types.ts';
import { useOutbox } from './ConnectionStatus.tsx';
import { followUps } from './followups.ts';
import { Markdown } from './Markdown.tsx';
import { setActiveConversation } from './OutboxFlusher.tsx';
import { useStickToBottom } from './stickToBottom.ts';
import { createTransport } from './transport.ts';

const MAX_CHARS = 8000;
const ToolCard = lazy(() => import('../cards/ToolCard.tsx').then((m) => ({ default: m.ToolCard })));

export interface Draft {
  text: string;
  setText: (text: string) => void;
  /** Set once the view sends a message: a newer copy of the history from the server is then older than the view's. */
  sent: { current: boolean };
}

export function ChatView({
  conversationId,
  initialMessages,
  onActivity,
  draft,
}: {
  conversationId: string;
  initialMessages: AralinMessage[];
  onActivity: () => void;
  /** The composer's text and what this view sent, kept by the parent: they outlive a remount of the view. */
  draft: Draft;
}) {
  const { t } = useTranslation();
  const userId = useAuth().user?.id;
  const online = useOnline();
  const keys = useRef(new Map<string, string>());
  const [serverBusy, setServerBusy] = useState<BusyState>(null);
  const transport = useMemo(
    () => createTransport(conversationId, keys.current, setServerBusy),
    [conversationId],
  );
  const { messages, sendMessage, status, error, regenerate, clearError } = useChat<AralinMessage>({
    id: conversationId,
    messages: initialMessages,
    transport,
    onFinish: () => onActivity(),
  });
  const { text: input, setText: setInput, sent } = draft;
  const listRef = useRef<HTMLOListElement>(null);
  const toEnd = useStickToBottom(listRef);
  const busy = status === 'submitted' || status === 'streaming';
  const pending = useOutbox();
  const queued = useMemo(
    () => pending.filter((m) => m.conversationId === conversationId),
    [pending, conversationId],
  );

  const send = useCallback(
    async (text: string, idempotencyKey?: string) => {
      clearError();
      sent.current = true;
      await sendMessage({ text }, { headers: { 'Idempotency-Key': idempotencyKey ?? newIdempotencyKey() } });
    },
    [sendMessage, clearError, sent],
  );

  const ask = useCallback(
    (text: string) => {
      const trimmed = text.trim();
      if (!trimmed) return;
      toEnd();
      if (!navigator.onLine) {
        outbox.add(conversationId, trimmed, newIdempotencyKey, userId);
        return;
      }
      void send(trimmed);
    },
    [conversationId, send, userId, toEnd],
  );

  // This view sends its own conversation's queued messages (streamed); others go through OutboxFlusher.
  useEffect(() => {
    setActiveConversation(conversationId);
    return () => setActiveConversation(null);
  }, [conversationId]);
  const flushing = useRef(false);
  useEffect(() => {
    if (!online || busy || flushing.current) return;
    const next: QueuedMessage | undefined = outbox.forConversation(conversationId)[0];
    if (!next) return;
    flushing.current = true;
    outbox.remove(next.id);
    void send(next.text, next.idempotencyKey).finally(() => {
      flushing.current = false;
    });
  }, [online, busy, conversationId, send]);

  // `?ask=` starts the conversation with a question (from the progress page's recommendations).
  const search = useSearch();
  const [, navigate] = useLocation();
  const asked = useRef(false);
  useEffect(() => {
    const q = new URLSearchParams(search).get('ask');
    if (q && !asked.current) {
      asked.current = true;
      navigate(`/chat/${conversationId}`, { replace: true });
      ask(q);
    }
  }, [search, ask, navigate, conversationId]);

  /** A paste past the limit is kept whole and the student told, never cut silently. */
  const tooLong = input.trim().length > MAX_CHARS;

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy && navigator.onLine) return;
    const text = input.trim();
    if (!text || text.length > MAX_CHARS) return;
    setInput('');
    ask(text);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  }

  const last = messages.at(-1);
  const chips = !busy && last?.role === 'assistant' ? followUps(last, t) : [];
  const lastUserFailed =
    !busy && last?.role === 'user' && (last.metadata as { status?: string } | undefined)?.status === 'failed';

  return (
    <div className="chat">
      <ol className="messages" aria-label={t('chat.messages')} ref={listRef}>
        {messages.length === 0 && queued.length === 0 && (
          <li className="msg assistant intro">
            <div className="bubble">
              <p>{t('chat.intro')}</p>
              <div className="chips">
                {(['chat.starter1', 'chat.starter2', 'chat.starter3'] as const).map((k) => (
                  <button key={k} type="button" className="chip" onClick={() => ask(t(k))}>
                    {t(k)}
                  </button>
                ))}
              </div>
            </div>
          </li>
        )}
        {messages.map((m) => (
          <MessageItem key={m.id} message={m} ask={ask} />
        ))}
        {queued.map((q) => (
          <li key={q.id} className="msg user queued">
            <div className="bubble">
              <p>{q.text}</p>
              <small className="queued-note">{t('chat.queued')}</small>
            </div>
          </li>
        ))}
      </ol>
      <div aria-live="polite" className="chat-status">
        {status === 'submitted' && (
          <p className="typing">
            {serverBusy && serverBusy !== 'gave-up'
              ? t('chat.busyRetrying', { seconds: Math.round(serverBusy.retryIn) })
              : t('chat.thinking')}
          </p>
        )}
      </div>
      {(error || lastUserFailed) && (
        <div className="turn-error" role="alert">
          <p>
            {!online
              ? t('chat.failedOffline')
              : serverBusy === 'gave-up'
                ? t('chat.busyFailed')
                : t('chat.failed')}
          </p>
          <button type="button" className="btn small" onClick={() => void regenerate()} disabled={!online}>
            {t('chat.retry')}
          </button>
        </div>
      )}
      {chips.length > 0 && (
        <nav className="chips followups" aria-label={t('chat.suggestions')}>
          {chips.map((c) => (
            <button key={c} type="button" className="chip" onClick={() => ask(c)}>
              {c}
            </button>
          ))}
        </nav>
      )}
      {tooLong && (
        <p id="composer-too-long" className="composer-limit" role="alert">
          {t('chat.tooLong', {
            length: input.trim().length.toLocaleString(),
            max: MAX_CHARS.toLocaleString(),
          })}
        </p>
      )}
      <form className="composer" onSubmit={submit}>
        <label htmlFor="composer-input" className="sr-only">
          {t('chat.inputLabel')}
        </label>
        <textarea
          id="composer-input"
          rows={1}
          placeholder={t('chat.placeholder')}
          value={input}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong ? 'composer-too-long' : undefined}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn primary" disabled={!input.trim() || tooLong || (busy && online)}>
          {online ? t('chat.send') : t('chat.queue')}
        </button>
      </form>
    </div>
  );
}

function MessageItem({ message, ask }: { message: AralinMessage; ask: (text: string) => void }) {
  const { t } = useTranslation();
  if (message.role === 'user') {
    return (
      <li className="msg user">
        <h3 className="sr-only">{t('chat.you')}</h3>
        <div className="bubble">
          <p>{messageText(message)}</p>
        </div>
      </li>
    );
  }
  const plan = message.parts.find((p) => p.type === 'data-plan')?.data as PlanData | undefined;
  return (
    <li className="msg assistant">
      <h3 className="sr-only">{t('chat.tutor')}</h3>
      <div className="bubble">
        {plan?.tool && (
          <p className="tool-badge">
            {t(`tools.${plan.tool}`, { defaultValue: plan.tool })}
            {plan.planner === 'llm' ? '' : ` · ${t('chat.offlineEngine')}`}
          </p>
        )}
        <ReplyText
          text={messageText(message)}
          hasCard={message.parts.some((p) => p.type === 'data-tool-result')}
        />
        {message.parts.map((p, i) =>
          p.type === 'data-tool-result' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list from one tool result; items never reorder
            <Suspense key={`${message.id}-${i}`} fallback={<p className="muted">{t('common.loading')}</p>}>
              <ToolCard data={p.data as ToolResultData} params={plan?.parameters} ask={ask} />
            </Suspense>
          ) : null,
        )}
      </div>
    </li>
  );
}

/**
 * The tutor's words. When an interactive card follows, the reply's text version of the same content
 * (e.g. the quiz questions) is folded away after its first paragraph to keep the chat short on phones.
 */
function ReplyText({ text, hasCard }: { text: string; hasCard: boolean }) {
  const { t } = useTranslation();
  if (!text) return null;
  const split = text.indexOf('\n\n');
  if (!hasCard || split < 0) return <Markdown>{text}</Markdown>;
  return (
    <>
      <Markdown>{text.slice(0, split)}</Markdown>
      <details className="text-version">
        <summary>{t('chat.textVersion')}</summary>
        <Markdown>{text.slice(split + 2)}</Markdown>
      </details>
    </>
  );
}
