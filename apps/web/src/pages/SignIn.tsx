import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import { homeFor } from '../App.tsx';
import { ErrorNote, Field } from '../components/Field.tsx';
import { GradeOptions } from '../components/GradeOptions.tsx';
import { useValidityMessages } from '../components/validity.ts';
import { PASSWORD_MIN } from '../lib/account.ts';
import { errorMessage } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import type { Locale, User } from '../lib/types.ts';

/** Notices another screen can send the user to sign-in with (`/signin?notice=…`). */
const NOTICES = { 'account-deleted': 'account.deletedNotice', 'password-reset': 'reset.doneNotice' } as const;

function noticeKey(value: string | null): (typeof NOTICES)[keyof typeof NOTICES] | null {
  return value && Object.hasOwn(NOTICES, value) ? NOTICES[value as keyof typeof NOTICES] : null;
}

function safeNext(next: string | null, user: User): string {
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin')) return next;
  return homeFor(user);
}

export function SignInPage() {
  const { t } = useTranslation();
  const validity = useValidityMessages();
  const { user, signIn } = useAuth();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const notice = noticeKey(search.get('notice'));
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // The notice is news from the previous screen: put focus on it so it is read first.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  if (user) return <Redirect to={safeNext(search.get('next'), user)} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const u = await signIn(username.trim(), password);
      navigate(safeNext(search.get('next'), u));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow auth" aria-labelledby={headingId}>
      <h1 id={headingId}>{t('auth.signInTitle')}</h1>
      {notice ? (
        <p ref={noticeRef} className="notice" role="status" tabIndex={-1}>
          {t(notice)}
        </p>
      ) : (
        <p className="lead">{t('auth.signInLead')}</p>
      )}
      <form {...validity} onSubmit={submit} className="card form">
        <Field label={t('auth.username')}>
          {(id) => (
            <input
              id={id}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('auth.password')}>
          {(id) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorNote message={error === null ? null : errorMessage(error, t)} />
        <button className="btn primary block" type="submit" disabled={busy}>
          {busy ? t('common.wait') : t('auth.signIn')}
        </button>
        <p className="center form-aside">
          <Link href="/reset-password">{t('reset.link')}</Link>
        </p>
      </form>
      <p className="center">
        {t('auth.noAccount')} <Link href="/signup">{t('auth.signUpLink')}</Link>
      </p>
    </section>
  );
}

export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const validity = useValidityMessages();
  const { user, signUp } = useAuth();
  const search = new URLSearchParams(useSearch());
  const invite = search.get('invite');
  const [, navigate] = useLocation();
  const [form, setForm] = useState({
    code: invite ?? search.get('class') ?? '',
    display_name: '',
    username: '',
    password: '',
    grade_level: '7',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Redirect to={homeFor(user)} />;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const locale: Locale = i18n.language === 'fil' ? 'fil' : 'en';
      const base = {
        username: form.username.trim(),
        password: form.password,
        display_name: form.display_name.trim(),
        locale,
      };
      const u = await signUp(
        invite
          ? { ...base, invite_code: form.code.trim() }
          : { ...base, class_code: form.code.trim().toUpperCase(), grade_level: form.grade_level },
      );
      navigate(homeFor(u));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow auth">
      <h1>{t('auth.signUpTitle')}</h1>
      <p className="lead">{invite ? t('auth.signUpTeacherLead') : t('auth.signUpLead')}</p>
      <form {...validity} onSubmit={submit} className="card form">
        <Field
          label={invite ? t('auth.inviteCode') : t('auth.classCode')}
          hint={invite ? undefined : t('auth.classCodeHint')}
        >
          {(id, hintId) => (
            <input
              id={id}
              name="class_code"
              required
              autoCapitalize="characters"
              autoComplete="off"
              aria-describedby={hintId}
              value={form.code}
              onChange={set('code')}
            />
          )}
        </Field>
        <Field label={t('auth.displayName')}>
          {(id) => (
            <input
              id={id}
              name="display_name"
              required
              autoComplete="name"
              value={form.display_name}
              onChange={set('display_name')}
            />
          )}
        </Field>
        <Field label={t('auth.username')} hint={t('auth.usernameHint')}>
          {(id, hintId) => (
            <input
              id={id}
              name="username"
              required
              autoComplete="username"
              autoCapitalize="none"
              aria-describedby={hintId}
              value={form.username}
              onChange={set('username')}
            />
          )}
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')}>
          {(id, hintId) => (
            <input
              id={id}
              name="password"
              type="password"
              required
              minLength={PASSWORD_MIN}
              autoComplete="new-password"
              aria-describedby={hintId}
              value={form.password}
              onChange={set('password')}
            />
          )}
        </Field>
        {!invite && (
          <Field label={t('profile.grade')}>
            {(id) => (
              <select id={id} name="grade_level" value={form.grade_level} onChange={set('grade_level')}>
                <GradeOptions />
              </select>
            )}
          </Field>
        )}
        <ErrorNote message={error === null ? null : errorMessage(error, t)} />
        <button className="btn primary block" type="submit" disabled={busy}>
          {busy ? t('common.wait') : t('auth.signUp')}
        </button>
      </form>
      <p className="center">
        {t('auth.haveAccount')} <Link href="/signin">{t('auth.signInLink')}</Link>
      </p>
    </section>
  );
}
