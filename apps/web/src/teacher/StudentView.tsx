import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { Markdown } from '../chat/Markdown.tsx';
import { MasteryRow } from '../components/Charts.tsx';
import { ErrorNote } from '../components/Field.tsx';
import { errorMessage, get } from '../lib/api.ts';
import type { Conversation, StoredMessage } from '../lib/types.ts';

interface Overview {
  student: { id: string; display_name: string; username: string; grade_level: string | null };
  mastery: {
    topic_id: string;
    title: string;
    p_known: number;
    level: number;
    attempts: number;
    trend: 'up' | 'down' | 'steady' | null;
  }[];
  recent_answers: {
    topic: string | null;
    type: string | null;
    question: string;
    answer: string;
    expected: string | null;
    correct: boolean;
    at: string;
  }[];
  flags: {
    id: string;
    category: string;
    severity: string;
    excerpt: string;
    status: string;
    created_at: string;
  }[];
}

const TREND_ARROW = { up: '↑', down: '↓', steady: '→' } as const;

/** Who the student is, how each topic stands and goes, their latest quiz answers and their flags. */
function StudentOverview({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  /** A true-or-false answer in the teacher's language ("Tama"), any other as given. */
  const said = (type: string | null, value: string) =>
    type === 'true_false' && /^(true|false)$/i.test(value.trim())
      ? t(`cards.quiz.${value.trim().toLowerCase()}`)
      : value;
  return (
    <>
      <h1>{overview.student.display_name}</h1>
      <p className="muted">
        {overview.student.username}
        {overview.student.grade_level
          ? ` · ${t('profile.gradeN', { grade: overview.student.grade_level })}`
          : ''}
      </p>
      <section className="card" aria-labelledby="student-mastery-h">
        <h2 id="student-mastery-h">{t('teacher.masteryByTopic')}</h2>
        {overview.mastery.length === 0 ? (
          <p className="muted">{t('teacher.noData')}</p>
        ) : (
          <ul className="topic-list">
            {overview.mastery.map((m) => (
              <MasteryRow key={m.topic_id} title={m.title} pKnown={m.p_known} level={m.level}>
                {m.trend && (
                  <span className={`trend ${m.trend}`} title={t(`teacher.trend.${m.trend}`)}>
                    {' '}
                    <span aria-hidden="true">{TREND_ARROW[m.trend]}</span>
                    <span className="sr-only">{t(`teacher.trend.${m.trend}`)}</span>
                  </span>
                )}
              </MasteryRow>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="student-answers-h">
        <h2 id="student-answers-h">{t('teacher.recentAnswers')}</h2>
        {overview.recent_answers.length === 0 ? (
          <p className="muted">{t('teacher.noData')}</p>
        ) : (
          <ol className="plain-list answers">
            {overview.recent_answers.map((a) => (
              <li key={`${a.at}-${a.question}`}>
                <p className="answer-q">
                  {a.topic ? <span className="muted">{a.topic} · </span> : null}
                  {a.question}
                </p>
                <p className={a.correct ? undefined : 'answer-wrong'}>
                  <span aria-hidden="true">{a.correct ? '✓ ' : '✗ '}</span>
                  {t(a.correct ? 'teacher.answeredRight' : 'teacher.answeredWrong', {
                    answer: said(a.type, a.answer),
                    expected: a.expected === null ? '–' : said(a.type, a.expected),
                  })}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {overview.flags.length > 0 && (
        <section className="card" aria-labelledby="student-flags-h">
          <h2 id="student-flags-h">{t('teacher.flags')}</h2>
          <ul className="plain-list">
            {overview.flags.map((f) => (
              <li key={f.id} className="flag">
                <strong>
                  {t(`flagCategories.${f.category}`, { defaultValue: f.category })} ·{' '}
                  {t(`severity.${f.severity}`, { defaultValue: f.severity })}
                </strong>{' '}
                <span className="muted">
                  {new Date(f.created_at).toLocaleDateString()} · {t(`teacher.status.${f.status}`)}
                </span>
                <p>{f.excerpt}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A teacher's view of one student: the overview, then their conversations, read-only. */
export function StudentConversations({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const search = new URLSearchParams(useSearch());
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [selected, setSelected] = useState<string | null>(search.get('c'));
  const [messages, setMessages] = useState<StoredMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);

  useEffect(() => {
    get<Overview>(`/students/${studentId}/overview`)
      .then(setOverview)
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [studentId, t]);

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
      <ErrorNote message={error} />
      {overview && <StudentOverview overview={overview} />}
      <h2>{t('teacher.studentConversations')}</h2>
      <p className="muted">{t('teacher.readOnly')}</p>
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
