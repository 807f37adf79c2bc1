import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Markdown } from '../chat/Markdown.tsx';
import { ErrorNote } from '../components/Field.tsx';
import { errorMessage, get, post } from '../lib/api.ts';
import type { Mastery, ToolResultData } from '../lib/types.ts';
import { expectedLine, QuizAnswers, type Score, shownAnswer } from './quizAnswers.ts';
import { asObjects, asString, asStrings, levelText, percent } from './util.ts';

interface Feedback {
  correct: boolean;
  expected: string;
  explanation: string;
  mastery?: Mastery | null;
}

/** A stored quiz as GET /quizzes/:id returns it: the answers given so far and the score once finished. */
interface StoredQuiz {
  answers: { question_id: string; correct: boolean; expected: string; explanation: string }[];
  score: number | null;
  total: number;
  finished_at: string | null;
}

interface Question {
  id: string;
  type: string;
  question: string;
  choices: string[];
}

function QuestionItem({
  quizId,
  q,
  n,
  feedback,
  onAnswered,
}: {
  quizId: string | undefined;
  q: Question;
  n: number;
  feedback: Feedback | undefined;
  onAnswered: (f: Feedback) => void;
}) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `q-${quizId ?? 'x'}-${q.id}`;
  // True/false in the student's language, whatever choices the quiz spelled out.
  const choices =
    q.type === 'true_false'
      ? [
          { value: 'true', label: t('cards.quiz.true') },
          { value: 'false', label: t('cards.quiz.false') },
        ]
      : q.choices.map((c) => ({ value: c, label: c }));

  async function check(e: FormEvent) {
    e.preventDefault();
    if (!quizId || !answer.trim()) return;
    setBusy(true);
    setError(null);
    try {
      onAnswered(
        await post<Feedback>(`/quizzes/${quizId}/answers`, { question_id: q.id, answer: answer.trim() }),
      );
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  const locked = !!feedback;
  return (
    <li className="quiz-q">
      <form onSubmit={(e) => void check(e)}>
        <fieldset disabled={locked || busy}>
          <legend>
            <span className="qnum">{t('cards.quiz.questionN', { n })}</span>
            <Markdown>{q.question}</Markdown>
          </legend>
          {choices.length > 0 ? (
            <div className="choices">
              {choices.map((c) => (
                <label key={c.value} className="choice">
                  <input
                    type="radio"
                    name={name}
                    value={c.value}
                    checked={answer === c.value}
                    onChange={() => setAnswer(c.value)}
                  />
                  <span>{c.label}</span>
                </label>
              ))}
            </div>
          ) : (
            <>
              <label htmlFor={name} className="sr-only">
                {t('cards.quiz.yourAnswer')}
              </label>
              <input
                id={name}
                className="answer-input"
                inputMode={q.type === 'numeric' ? 'decimal' : 'text'}
                autoComplete="off"
                placeholder={t('cards.quiz.yourAnswer')}
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
              />
            </>
          )}
          {!locked && (
            <button type="submit" className="btn small primary" disabled={!answer.trim() || !quizId}>
              {busy ? t('common.wait') : t('cards.quiz.check')}
            </button>
          )}
        </fieldset>
      </form>
      <ErrorNote message={error} />
      <div aria-live="polite">
        {feedback && (
          <div className={`feedback ${feedback.correct ? 'right' : 'wrong'}`}>
            <p>
              <strong>{feedback.correct ? t('cards.quiz.correct') : t('cards.quiz.incorrect')}</strong>
              {!feedback.correct &&
                feedback.expected &&
                ` ${expectedLine(shownAnswer(q.type, feedback.expected, choices), t)}`}
            </p>
            {feedback.explanation && <Markdown>{feedback.explanation}</Markdown>}
            {feedback.mastery && (
              <p className="mastery-line">
                {t('cards.mastery', { value: percent(feedback.mastery.p_known) })} (
                {levelText(feedback.mastery, t)})
              </p>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

/** A quiz answered inline; every answer is checked by the server (answers never reach the browser). */
export function QuizCard({ data }: { data: ToolResultData }) {
  const { t } = useTranslation();
  const questions: Question[] = asObjects(data.result.questions).map((q, i) => ({
    id: asString(q.id) || String(i),
    type: asString(q.type),
    question: asString(q.question),
    choices: asStrings(q.choices),
  }));
  const [feedback, setFeedback] = useState<Record<string, Feedback>>({});
  const [score, setScore] = useState<Score | null>(null);
  const [answers] = useState(() => {
    const quizId = data.quiz_id;
    return new QuizAnswers<Feedback>(
      questions.length,
      quizId ? () => post<Score>(`/quizzes/${quizId}/finish`) : null,
      { answers: setFeedback, score: setScore },
    );
  });
  // The server is the truth: a reload or another device shows the answers and score it has.
  useEffect(() => {
    if (!data.quiz_id) return;
    let cancelled = false;
    get<{ quiz: StoredQuiz }>(`/quizzes/${data.quiz_id}`)
      .then(({ quiz }) => {
        if (cancelled) return;
        const given = Object.fromEntries(
          quiz.answers.map((a) => [
            a.question_id,
            { correct: a.correct, expected: a.expected, explanation: a.explanation },
          ]),
        );
        const finished =
          quiz.finished_at && quiz.score !== null ? { score: quiz.score, total: quiz.total } : null;
        return answers.restore(given, finished);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [data.quiz_id, answers]);
  const answered = Object.keys(feedback).length;

  return (
    <section className="tool-card quiz" aria-label={t('cards.quiz.title')}>
      <div className="deck-head">
        <h4>
          {t('cards.quiz.title')}
          {asString(data.result.topic) ? `: ${asString(data.result.topic)}` : ''}
        </h4>
        <span className="muted">{t('cards.quiz.progress', { n: answered, total: questions.length })}</span>
      </div>
      {!data.quiz_id && <p className="muted">{t('cards.quiz.notSaved')}</p>}
      <ol className="quiz-list">
        {questions.map((q, i) => (
          <QuestionItem
            key={q.id}
            quizId={data.quiz_id}
            q={q}
            n={i + 1}
            feedback={feedback[q.id]}
            onAnswered={(f) => void answers.add(q.id, f)}
          />
        ))}
      </ol>
      {score && (
        <p className="score" role="status">
          {t('cards.quiz.score', { score: score.score, total: score.total })}
        </p>
      )}
    </section>
  );
}
