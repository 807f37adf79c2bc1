import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch } from 'wouter';
import { percent } from '../cards/util.ts';
import { BarChart, masteryColor } from '../components/Charts.tsx';
import { ErrorNote, Field } from '../components/Field.tsx';
import { GradeOptions } from '../components/GradeOptions.tsx';
import { ResetCodeButton } from '../components/ResetCodeButton.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { useValidityMessages } from '../components/validity.ts';
import { errorMessage, get, patch, post } from '../lib/api.ts';
import type { ClassSummary, Flag } from '../lib/types.ts';
import { type Loaded, nothingLoaded, settle, shown } from './load.ts';
import { StudentConversations } from './StudentView.tsx';

interface Analytics {
  heatmap: {
    topics: Array<{ id: string; title: string }>;
    students: Array<{ id: string; display_name: string; mastery: Record<string, number> }>;
  };
  attention: Array<{
    student_id: string;
    display_name: string;
    reasons: { code: string; topics?: string[] }[];
  }>;
  top_topics: Array<{ topic_id: string; title: string; count: number }>;
  flags: Flag[];
}

interface ClassDetail {
  class: ClassSummary;
  students: Array<{ id: string; display_name: string; username: string; last_active_at: string | null }>;
}

function useLoad<T>(path: string | null): { data: T | null; error: string | null; reload: () => void } {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded<T>>(nothingLoaded);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    void tick;
    get<T>(path)
      .then((data) => !cancelled && setLoaded((prev) => settle(prev, path, { data })))
      .catch(
        (e: unknown) => !cancelled && setLoaded((prev) => settle(prev, path, { error: errorMessage(e, t) })),
      );
    return () => {
      cancelled = true;
    };
  }, [path, tick, t]);
  return { ...shown(loaded, path), reload: useCallback(() => setTick((x) => x + 1), []) };
}

function TeacherNav() {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t('teacher.nav')}>
      <Link href="/">{t('teacher.classes')}</Link>
      <Link href="/flags">{t('teacher.flags')}</Link>
    </nav>
  );
}

function Classes() {
  const { t } = useTranslation();
  const validity = useValidityMessages();
  const { data, error, reload } = useLoad<{ classes: ClassSummary[] }>('/classes');
  const [name, setName] = useState('');
  const [grade, setGrade] = useState('7');
  const [createError, setCreateError] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setCreateError(null);
    try {
      await post('/classes', { name: name.trim(), grade_level: grade });
      setName('');
      reload();
    } catch (err) {
      setCreateError(errorMessage(err, t));
    }
  }

  return (
    <>
      <h1>{t('teacher.classes')}</h1>
      <ErrorNote message={error} />
      {data && data.classes.length === 0 && <p className="muted">{t('teacher.noClasses')}</p>}
      <ul className="class-grid">
        {data?.classes.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link href={`/classes/${c.id}`}>{c.name}</Link>
            </h2>
            <p>
              {t('profile.gradeN', { grade: c.grade_level })} ·{' '}
              {t('teacher.studentCount', { count: c.student_count })}
            </p>
            <p>
              {t('teacher.joinCode')}: <code className="join-code">{c.join_code}</code>
            </p>
          </li>
        ))}
      </ul>
      <form {...validity} className="card form" onSubmit={(e) => void create(e)}>
        <h2>{t('teacher.newClass')}</h2>
        <Field label={t('teacher.className')}>
          {(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('profile.grade')}>
          {(id) => (
            <select id={id} value={grade} onChange={(e) => setGrade(e.target.value)}>
              <GradeOptions />
            </select>
          )}
        </Field>
        <ErrorNote message={createError} />
        <button type="submit" className="btn primary">
          {t('teacher.create')}
        </button>
      </form>
    </>
  );
}

function Heatmap({ heatmap }: { heatmap: Analytics['heatmap'] }) {
  const { t } = useTranslation();
  if (heatmap.topics.length === 0 || heatmap.students.length === 0)
    return <p className="muted">{t('teacher.noData')}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-scroll" tabIndex={0} aria-label={t('teacher.heatmap')}>
      <table className="heatmap">
        <caption className="sr-only">{t('teacher.heatmapCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('teacher.student')}</th>
            {heatmap.topics.map((tp) => (
              <th scope="col" key={tp.id}>
                <span className="topic-head">{tp.title}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.students.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link href={`/students/${s.id}`}>{s.display_name}</Link>
              </th>
              {heatmap.topics.map((tp) => {
                const p = s.mastery[tp.id];
                return (
                  <td
                    key={tp.id}
                    style={p == null ? undefined : { background: masteryColor(p), color: '#fff' }}
                    className={p == null ? 'empty' : undefined}
                  >
                    {p == null ? (
                      <>
                        <span aria-hidden="true">–</span>
                        <span className="sr-only">{t('teacher.notStarted')}</span>
                      </>
                    ) : (
                      percent(p)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function FlagList({ flags, onResolved }: { flags: Flag[]; onResolved: () => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  if (flags.length === 0) return <p className="muted">{t('teacher.noFlags')}</p>;
  return (
    <>
      <ErrorNote message={error} />
      <ul className="flag-list">
        {flags.map((f) => (
          <li key={f.id} className={`flag sev-${f.severity}`}>
            <p>
              <strong>{f.student_name}</strong> ·{' '}
              {t(`flagCategories.${f.category}`, { defaultValue: f.category })} ·{' '}
              <span className="sev">{t(`severity.${f.severity}`, { defaultValue: f.severity })}</span>
            </p>
            <blockquote>{f.excerpt}</blockquote>
            <p className="muted">
              <time dateTime={f.created_at}>
                {new Date(f.created_at).toLocaleString(i18n.language === 'fil' ? 'fil-PH' : 'en-PH')}
              </time>
            </p>
            <div className="row">
              <Link className="btn small" href={`/students/${f.student_id}?c=${f.conversation_id}`}>
                {t('teacher.viewConversation')}
              </Link>
              {f.status === 'open' && (
                <button
                  type="button"
                  className="btn small primary"
                  onClick={() =>
                    void post(`/flags/${f.id}/resolve`, {})
                      .then(onResolved)
                      .catch((e: unknown) => setError(errorMessage(e, t)))
                  }
                >
                  {t('teacher.resolve')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The class's hints-only switch, for assessments (PATCH /classes/:id). */
function HintsOnly({ klass, onChanged }: { klass: ClassSummary; onChanged: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function set(on: boolean) {
    setBusy(true);
    setError(null);
    try {
      await patch(`/classes/${klass.id}`, { hints_only: on });
      onChanged();
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="hints-only">
      <label className="choice">
        <input
          type="checkbox"
          checked={klass.hints_only ?? false}
          disabled={busy}
          onChange={(e) => void set(e.target.checked)}
        />
        <span>{t('teacher.hintsOnly')}</span>
      </label>
      <p className="muted">{t('teacher.hintsOnlyHint')}</p>
      <ErrorNote message={error} />
    </div>
  );
}

function ClassPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const detail = useLoad<ClassDetail>(`/classes/${id}`);
  const analytics = useLoad<Analytics>(`/classes/${id}/analytics`);
  const c = detail.data?.class;
  const a = analytics.data;
  return (
    <>
      <p>
        <Link href="/">← {t('teacher.classes')}</Link>
      </p>
      <h1>{c?.name ?? t('common.loading')}</h1>
      <ErrorNote message={detail.error ?? analytics.error} />
      {c && (
        <p className="lead">
          {t('teacher.joinCode')}: <code className="join-code">{c.join_code}</code> — {t('teacher.joinHint')}
        </p>
      )}
      {c && <HintsOnly klass={c} onChanged={detail.reload} />}
      {a && (
        <>
          <section className="card" aria-labelledby="att-h">
            <h2 id="att-h">{t('teacher.attention')}</h2>
            {a.attention.length === 0 ? (
              <p className="muted">{t('teacher.noAttention')}</p>
            ) : (
              <ul className="attention">
                {a.attention.map((s) => (
                  <li key={s.student_id}>
                    <Link href={`/students/${s.student_id}`}>{s.display_name}</Link>:{' '}
                    {s.reasons
                      .map((r) =>
                        t(`teacher.attentionReason.${r.code}`, {
                          topics: (r.topics ?? []).join(', '),
                          defaultValue: r.code,
                        }),
                      )
                      .join('; ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="heat-h">
            <h2 id="heat-h">{t('teacher.heatmap')}</h2>
            <Heatmap heatmap={a.heatmap} />
          </section>
          <div className="grid2">
            <section className="card" aria-labelledby="top-h">
              <h2 id="top-h">{t('teacher.topTopics')}</h2>
              {a.top_topics.length === 0 ? (
                <p className="muted">{t('teacher.noData')}</p>
              ) : (
                <BarChart
                  tone="count"
                  label={t('teacher.topTopics')}
                  data={(() => {
                    const max = Math.max(...a.top_topics.map((x) => x.count), 1);
                    return a.top_topics.map((x) => ({
                      label: x.title,
                      value: x.count / max,
                      text: String(x.count),
                    }));
                  })()}
                />
              )}
            </section>
            <section className="card" aria-labelledby="flags-h">
              <h2 id="flags-h">{t('teacher.flags')}</h2>
              <FlagList
                flags={a.flags.filter((f) => f.status !== 'resolved')}
                onResolved={analytics.reload}
              />
            </section>
          </div>
        </>
      )}
      {detail.data && (
        <section className="card" aria-labelledby="roster-h">
          <h2 id="roster-h">{t('teacher.roster')}</h2>
          {detail.data.students.length === 0 ? (
            <p className="muted">{t('teacher.noStudents')}</p>
          ) : (
            <StackedTable
              labelledBy="roster-h"
              rows={detail.data.students}
              rowKey={(s) => s.id}
              columns={[
                {
                  label: t('teacher.student'),
                  cell: (s) => <Link href={`/students/${s.id}`}>{s.display_name}</Link>,
                },
                { label: t('auth.username'), cell: (s) => s.username },
                {
                  label: t('teacher.lastActive'),
                  cell: (s) =>
                    s.last_active_at ? new Date(s.last_active_at).toLocaleDateString() : t('teacher.never'),
                },
                { label: t('reset.column'), cell: (s) => <ResetCodeButton person={s} /> },
              ]}
            />
          )}
        </section>
      )}
    </>
  );
}

function Flags() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const { data, error, reload } = useLoad<{ flags: Flag[] }>(`/flags?status=${status}`);
  return (
    <>
      <h1>{t('teacher.flags')}</h1>
      <fieldset className="segmented">
        <legend className="sr-only">{t('teacher.flagStatus')}</legend>
        {(['open', 'resolved'] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="flag-status" checked={status === s} onChange={() => setStatus(s)} />
            <span>{t(`teacher.status.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <ErrorNote message={error} />
      {data && <FlagList flags={data.flags} onResolved={reload} />}
    </>
  );
}

export default function TeacherApp() {
  return (
    <section className="page wide">
      <TeacherNav />
      <Switch>
        <Route path="/" component={Classes} />
        <Route path="/classes/:id">{(p) => <ClassPage key={p.id} id={p.id} />}</Route>
        <Route path="/flags" component={Flags} />
        <Route path="/students/:id">{(p) => <StudentConversations key={p.id} studentId={p.id} />}</Route>
      </Switch>
    </section>
  );
}
