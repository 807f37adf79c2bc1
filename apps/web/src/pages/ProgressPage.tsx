import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { FlashcardSession, toSessionCard } from '../cards/FlashcardDeck.tsx';
import { subjectName } from '../cards/util.ts';
import { BarChart, MasteryRow, Ring } from '../components/Charts.tsx';
import { ErrorNote } from '../components/Field.tsx';
import { errorMessage, get, post } from '../lib/api.ts';
import type { Conversation, DueCard, Progress } from '../lib/types.ts';

export default function ProgressPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [due, setDue] = useState<DueCard[] | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [p, d] = await Promise.all([
        get<Progress>('/progress'),
        get<{ cards: DueCard[] }>('/flashcards/due'),
      ]);
      setProgress(p);
      setDue(d.cards);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }, [t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function study(title: string) {
    try {
      const r = await post<{ conversation: Conversation }>('/conversations', { title });
      navigate(
        `/chat/${r.conversation.id}?ask=${encodeURIComponent(t('followups.explain', { topic: title }))}`,
      );
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  if (!progress) {
    return (
      <section className="page">
        <h1>{t('progress.title')}</h1>
        {error ? <ErrorNote message={error} /> : <p role="status">{t('common.loading')}</p>}
      </section>
    );
  }

  const overall =
    progress.by_subject.length > 0
      ? progress.by_subject.reduce((a, s) => a + s.average, 0) / progress.by_subject.length
      : 0;
  const subjects = [...new Set(progress.mastery.map((m) => m.subject))];

  return (
    <section className="page">
      <h1>{t('progress.title')}</h1>
      <ErrorNote message={error} />
      <div className="stats">
        <div className="stat card">
          <Ring value={overall} label={t('progress.overall')} />
          <span>{t('progress.overall')}</span>
        </div>
        <div className="stat card">
          <strong className="big">{progress.streak_days}</strong>
          <span>{t('progress.streak', { count: progress.streak_days })}</span>
        </div>
        <div className="stat card">
          <strong className="big">{progress.time_on_task_minutes}</strong>
          <span>{t('progress.minutes')}</span>
        </div>
        <div className="stat card">
          <strong className="big">{due?.length ?? progress.due_flashcards}</strong>
          <span>{t('progress.due')}</span>
        </div>
      </div>

      <div className="grid2">
        <section className="card" aria-labelledby="due-h">
          <h2 id="due-h">{t('progress.dueTitle')}</h2>
          {due && due.length > 0 ? (
            reviewing ? (
              <FlashcardSession cards={due.map(toSessionCard)} />
            ) : (
              <>
                <p>{t('progress.dueBody', { count: due.length })}</p>
                <button type="button" className="btn primary" onClick={() => setReviewing(true)}>
                  {t('progress.reviewNow')}
                </button>
              </>
            )
          ) : (
            <p className="muted">{t('progress.noneDue')}</p>
          )}
        </section>

        <section className="card" aria-labelledby="rec-h">
          <h2 id="rec-h">{t('progress.recommended')}</h2>
          {progress.recommended.length === 0 ? (
            <p className="muted">{t('progress.noRecommendation')}</p>
          ) : (
            <ul className="rec-list">
              {progress.recommended.map((r) => (
                <li key={r.topic_id}>
                  <div>
                    <strong>{r.title}</strong>
                    <p className="muted">{r.reason}</p>
                  </div>
                  <button type="button" className="btn small" onClick={() => void study(r.title)}>
                    {t('progress.study')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="subj-h">
        <h2 id="subj-h">{t('progress.bySubject')}</h2>
        {progress.by_subject.length === 0 ? (
          <p className="muted">{t('progress.empty')}</p>
        ) : (
          <BarChart
            label={t('progress.bySubject')}
            data={progress.by_subject.map((s) => ({ label: subjectName(s.subject, t), value: s.average }))}
          />
        )}
      </section>

      {subjects.map((subject) => (
        <section className="card" key={subject} aria-label={subjectName(subject, t)}>
          <h2>{subjectName(subject, t)}</h2>
          <ul className="topic-list">
            {progress.mastery
              .filter((m) => m.subject === subject)
              .map((m) => (
                <MasteryRow key={m.topic_id} title={m.title} pKnown={m.p_known} level={m.level} />
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
