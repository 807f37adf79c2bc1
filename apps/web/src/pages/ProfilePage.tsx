import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field } from '../components/Field.tsx';
import { GradeOptions } from '../components/GradeOptions.tsx';
import { useValidityMessages } from '../components/validity.ts';
import { PASSWORD_MIN } from '../lib/account.ts';
import { API, errorMessage, post } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import type { LearningStyle, Locale } from '../lib/types.ts';
import { DeleteAccount } from './DeleteAccount.tsx';

const STYLES: LearningStyle[] = ['visual', 'auditory', 'reading_writing', 'kinesthetic'];

export function ProfilePage() {
  const { t } = useTranslation();
  const validity = useValidityMessages();
  const { user, update } = useAuth();
  const [name, setName] = useState(user?.display_name ?? '');
  const [locale, setLocale] = useState<Locale>(user?.locale ?? 'en');
  const [grade, setGrade] = useState(user?.grade_level ?? '');
  const [style, setStyle] = useState<LearningStyle | ''>(user?.learning_style ?? '');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pw, setPw] = useState({ current: '', next: '' });
  const [pwStatus, setPwStatus] = useState<string | null>(null);
  const [pwError, setPwError] = useState<unknown>(null);
  if (!user) return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus(null);
    setError(null);
    try {
      await update({
        display_name: name.trim(),
        locale,
        ...(user?.role === 'student' ? { grade_level: grade || null } : {}),
        learning_style: style || null,
      });
      setStatus(t('profile.saved'));
    } catch (err) {
      setError(err);
    }
  }

  async function changePassword(e: FormEvent) {
    e.preventDefault();
    setPwStatus(null);
    setPwError(null);
    try {
      await post('/auth/password', { current_password: pw.current, new_password: pw.next });
      setPw({ current: '', next: '' });
      setPwStatus(t('profile.passwordChanged'));
    } catch (err) {
      setPwError(err);
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('profile.title')}</h1>
      <p className="muted">{t('profile.signedInAs', { username: user.username })}</p>
      <form {...validity} className="card form" onSubmit={save}>
        <Field label={t('auth.displayName')}>
          {(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('profile.language')}>
          {(id) => (
            <select id={id} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              <option value="en" lang="en">
                English
              </option>
              <option value="fil" lang="fil">
                Filipino
              </option>
            </select>
          )}
        </Field>
        {user.role === 'student' && (
          <Field label={t('profile.grade')}>
            {(id) => (
              <select id={id} value={grade} onChange={(e) => setGrade(e.target.value)}>
                <option value="">{t('profile.notSet')}</option>
                <GradeOptions />
              </select>
            )}
          </Field>
        )}
        <fieldset className="field">
          <legend>{t('profile.learningStyle')}</legend>
          <p className="hint">{t('profile.learningStyleHint')}</p>
          <div className="choices">
            {STYLES.map((s) => (
              <label key={s} className="choice">
                <input
                  type="radio"
                  name="style"
                  value={s}
                  checked={style === s}
                  onChange={() => setStyle(s)}
                />
                <span>
                  <strong>{t(`styles.${s}`)}</strong>
                  <small>{t(`styles.${s}Hint`)}</small>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNote message={error === null ? null : errorMessage(error, t)} />
        {status && (
          <p className="success" role="status">
            {status}
          </p>
        )}
        <button type="submit" className="btn primary">
          {t('common.save')}
        </button>
      </form>

      <form {...validity} className="card form" onSubmit={changePassword}>
        <h2>{t('profile.changePassword')}</h2>
        <Field label={t('profile.currentPassword')}>
          {(id) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              required
              value={pw.current}
              onChange={(e) => setPw({ ...pw, current: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('profile.newPassword')} hint={t('auth.passwordHint')}>
          {(id, hintId) => (
            <input
              id={id}
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              required
              aria-describedby={hintId}
              value={pw.next}
              onChange={(e) => setPw({ ...pw, next: e.target.value })}
            />
          )}
        </Field>
        <ErrorNote message={pwError === null ? null : errorMessage(pwError, t)} />
        {pwStatus && (
          <p className="success" role="status">
            {pwStatus}
          </p>
        )}
        <button type="submit" className="btn">
          {t('profile.changePassword')}
        </button>
      </form>

      <div className="card">
        <h2>{t('profile.yourData')}</h2>
        <p>{t('profile.exportHint')}</p>
        <a className="btn" href={`${API}/me/export`} download="aralin-export.json">
          {t('profile.export')}
        </a>
      </div>

      <DeleteAccount user={user} />
    </section>
  );
}
